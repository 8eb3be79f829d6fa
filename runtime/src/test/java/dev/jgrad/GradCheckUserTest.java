package dev.jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.fake.Model;
import org.junit.jupiter.api.Test;

/**
 * The checks a user makes: one call for every wrt parameter of a generated gradient (against
 * hand-written stand-ins for generated classes, one deliberately wrong), and the overloads for
 * {@code double}, {@code double[][]} and records, with options.
 */
class GradCheckUserTest {
    private static final double[] W = {0.5, -0.25};
    private static final double[][] X = {{1, 2}, {3, 4}, {5, 7}};
    private static final double[] Y = {1, 2, 4};

    @Test
    void oneCallChecksTheValueAndEveryWrtParameterOfAGeneratedGradient() {
        GradCheck.Report r = GradCheck.check(Model.class, "mse", W, 0.1, X, Y);
        assertTrue(r.ok(), r::toString);
        assertEquals(4, r.size(), "the value, w[0], w[1], b");
        assertEquals(java.util.List.of("value", "w[0]", "w[1]", "b"),
                java.util.List.of(r.label(0), r.label(1), r.label(2), r.label(3)));
        assertEquals(2 * -5.45 / 3, r.actual(3), 1e-12);
        assertEquals(r.actual(3), r.expected(3), 1e-9);
        r.orThrow();
    }

    @Test
    void aWrongGradientIsCaughtAndTheMessageSaysWhereByHowMuchAndTheEstimate() {
        GradCheck.Report r = GradCheck.check(Model.class, "wrong", W, 0.1, X, Y);
        assertFalse(r.ok());
        assertArrayEquals(new int[] {3}, r.failures(), r::toString);
        assertEquals("b", r.label(r.worstIndex()));
        double right = 2 * -5.45 / 3;
        assertEquals(right, r.expected(3), 1e-9, "the finite-difference estimate");
        assertEquals(right / 2, r.actual(3), 1e-12);
        AssertionError e = assertThrows(AssertionError.class, r::orThrow);
        String m = e.getMessage();
        assertTrue(m.startsWith("gradient check FAILED: 1 of 4 components off; max relative error 5.000e-01 at b"), m);
        String line = m.lines().skip(1).findFirst().orElseThrow();
        assertTrue(line.startsWith("  b: gradient " + right / 2 + ", finite differences -3.63333"), line);
        assertTrue(line.contains(", off by 1.81666"), line);
        assertTrue(line.endsWith("(relative error 5.000e-01)"), line);
    }

    @Test
    void argumentsAreCopiedForEveryCallAndIntegersPassThrough() {
        double[] v = {1, -2, 3, 4};
        double[] before = v.clone();
        GradCheck.Report r = GradCheck.check(Model.class, "scaled", v, 1.5, 3);
        assertTrue(r.ok(), r::toString);
        assertArrayEquals(before, v, 0.0, "the caller's array is left alone");
        assertEquals(1 + 4 + 1, r.size(), "value, v[0..3], s");
    }

    @Test
    void theWrtParametersAreFoundByNameNotByType() {
        // a and c are both double[]; the record has c only: matched by the class file's names
        GradCheck.Report r = GradCheck.check(Model.class, "second", new double[] {3}, new double[] {2});
        assertTrue(r.ok(), r::toString);
        assertEquals("c[0]", r.label(1));
        assertEquals(12.0, r.actual(1), 0.0);
        assertEquals(new String[] {"a", "c"}.length,
                ParameterNames.of(java.util.Arrays.stream(Model.class.getDeclaredMethods())
                        .filter(m -> m.getName().equals("second")).findFirst().orElseThrow()).length);
    }

    @Test
    void recordParametersAreCheckedComponentByComponent() {
        Model.Layer l = new Model.Layer(new double[] {0.3, -0.2}, 0.1, new Model.Scale(new double[][] {{1.5}, {2, 3}}));
        GradCheck.Report r = GradCheck.check(Model.class, "layer", l, new double[] {1, 2});
        assertTrue(r.ok(), r::toString);
        assertEquals(java.util.List.of("value", "l.w[0]", "l.w[1]", "l.b", "l.scale.m[0][0]", "l.scale.m[1][0]",
                "l.scale.m[1][1]"), java.util.stream.IntStream.range(0, r.size()).mapToObj(r::label).toList());
    }

    @Test
    void nestedClassesFindTheirFlatGeneratedClass() {
        assertTrue(GradCheck.check(Model.Inner.class, "square", 3.0).ok());
    }

    @Test
    void aWholeNumberForADoubleParameterIsWidenedAsJavaWould() {
        GradCheck.Report r = GradCheck.check(Model.Inner.class, "square", 3);
        assertTrue(r.ok(), r::toString);
        assertEquals(6.0, r.actual(1), 0.0);
        assertTrue(GradCheck.check(Model.class, "mse", W, 0, X, Y).ok());
    }

    @Test
    void aMissingMethodOrGeneratedClassSaysWhat() {
        IllegalArgumentException noMethod = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(Model.class, "mse", W, 0.1, X));
        assertTrue(noMethod.getMessage().contains("no static double method mse that takes (double[], Double, double[][])"),
                noMethod.getMessage());
        IllegalArgumentException noClass = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(GradCheckUserTest.class, "local", 1.0));
        assertTrue(noClass.getMessage().contains("no generated class dev.jgrad.GradCheckUserTestGrad"),
                noClass.getMessage());
    }

    @Test
    void aMatrixPassedAloneIsSpreadIntoItsRowsAndTheMessageSaysToCastIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(Model.class, "mse", X));
        assertTrue(e.getMessage().contains("no static double method mse that takes (double[], double[], double[]);"
                + " a double[][] passed as the only argument is spread by Java into its rows"), e.getMessage());
        assertTrue(e.getMessage().endsWith("write GradCheck.check(Model.class, \"method\", (Object) m)"), e.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(Model.class, "mse", X[0], X[1], X[2]));
        assertFalse(rows.getMessage().contains("(Object) m"), "separate arrays are not a spread matrix");
    }

    /** A record of parameters with components that carry no derivative, as jgrad accepts them. */
    record Tagged(double[] w, int classes, long id, boolean bias, int[] slot, double offset) {}

    @Test
    void aRecordsIntLongBooleanAndIntArrayComponentsAreNeitherPerturbedNorCompared() {
        Tagged p = new Tagged(new double[] {0.5, -0.25}, 3, 7L, true, new int[] {1, 0}, 0.1);
        java.util.function.ToDoubleFunction<Tagged> f = t -> {
            double s = 0;
            for (int k = 0; k < t.w().length; k++) {
                s += t.w()[t.slot()[k]] * t.w()[k] / t.classes() + (t.bias() ? t.offset() * t.id() : 0);
            }
            return s;
        };
        // d/dw: w[slot[k]] w[k] summed = 2 w0 w1 / 3 (slot swaps) -> (2 w1 / 3, 2 w0 / 3); d/doffset = 2 * 7
        Tagged g = new Tagged(new double[] {-0.5 / 3, 1.0 / 3}, 3, 7L, true, new int[] {1, 0}, 14);
        GradCheck.Report r = GradCheck.check(f, p, g);
        assertTrue(r.ok(), r::toString);
        assertEquals(java.util.List.of("w[0]", "w[1]", "offset"),
                java.util.stream.IntStream.range(0, r.size()).mapToObj(r::label).toList());
        assertArrayEquals(new int[] {1, 0}, p.slot(), "the input is left alone");
    }

    static double local(double t) {
        return t;
    }

    @Test
    void aScalarFunction() {
        assertTrue(GradCheck.check(Math::sin, 0.7, Math.cos(0.7)).ok());
        GradCheck.Report r = GradCheck.check(Math::sin, 0.7, Math.cos(0.7) * 1.001);
        assertFalse(r.ok());
        assertTrue(r.toString().contains("  x: gradient "), r::toString);
    }

    @Test
    void aMatrixWithRaggedRows() {
        double[][] m = {{1, 2, 3}, {4}, {}};
        double[][] g = {{2, 4, 6}, {8}, {}};
        java.util.function.ToDoubleFunction<double[][]> squares = a -> {
            double s = 0;
            for (double[] row : a) {
                for (double v : row) {
                    s += v * v;
                }
            }
            return s;
        };
        assertTrue(GradCheck.check(squares, m, g).ok());
        g[1][0] = 8.1;
        GradCheck.Report r = GradCheck.check(squares, m, g);
        assertArrayEquals(new int[] {3}, r.failures());
        assertEquals("[1][0]", r.label(3));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.check(squares, m, new double[][] {{1, 2, 3}, {4, 5}, {}}));
    }

    @Test
    void aRecord() {
        Model.Scale s = new Model.Scale(new double[][] {{2, 3}});
        java.util.function.ToDoubleFunction<Model.Scale> f = a -> a.m()[0][0] * a.m()[0][1];
        assertTrue(GradCheck.check(f, s, new Model.Scale(new double[][] {{3, 2}})).ok());
        GradCheck.Report r = GradCheck.check(f, s, new Model.Scale(new double[][] {{3, 2.5}}));
        assertFalse(r.ok());
        assertEquals("m[0][1]", r.label(r.worstIndex()));
    }

    @Test
    void optionsSetTheStepAndTheTolerances() {
        double[] x = {0.3, 1.7};
        java.util.function.ToDoubleFunction<double[]> f = v -> Math.exp(v[0]) * v[1];
        double[] g = {Math.exp(0.3) * 1.7 * (1 + 1e-5), Math.exp(0.3)};
        assertFalse(GradCheck.options().check(f, x, g).ok(), "1e-5 off fails at the default 1e-6");
        GradCheck.Options loose = GradCheck.options().rtol(1e-4);
        assertTrue(loose.check(f, x, g).ok());
        assertEquals(1e-4, loose.rtol());
        assertEquals(1e-6, GradCheck.options().rtol(), "options are immutable");
        // a step of 0.5 leaves a truncation error far above 1e-6, which Richardson's h^4 cannot hide
        double[] exact = {Math.exp(0.3) * 1.7, Math.exp(0.3)};
        assertTrue(GradCheck.options().check(f, x, exact).ok());
        assertFalse(GradCheck.options().relativeStep(0.5).check(f, x, exact).ok());
        // the floor: a component far below the problem's scale is judged against the floor
        GradCheck.Report tight = GradCheck.options().floor(Double.MIN_NORMAL).check(v -> v[0] + 1e-9 * v[1],
                new double[] {1, 1}, new double[] {1, 1.1e-9});
        assertFalse(tight.ok());
        assertTrue(GradCheck.check(v -> v[0] + 1e-9 * v[1], new double[] {1, 1}, new double[] {1, 1.1e-9}).ok());
        assertThrows(IllegalArgumentException.class, () -> GradCheck.options().rtol(0));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.options().relativeStep(-1));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.options().floor(Double.NaN));
        assertTrue(GradCheck.options().relativeStep(1e-4).check(Model.class, "mse", W, 0.1, X, Y).ok());
    }
}
