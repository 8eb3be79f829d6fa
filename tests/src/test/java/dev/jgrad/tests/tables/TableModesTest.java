package dev.jgrad.tests.tables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jgrad.tests.corpus.Corpus;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A constant table where an active array is also possible ({@link TableModes}): every generated
 * method gives the source's value, the derivative of the path taken (the table's entries have none),
 * and leaves every table as it was; the same for the corpus's {@code TableChoices}.
 */
class TableModesTest {
    private static final double H = 1e-6;
    private static final double TOL = 1e-6;
    private static final double[] POSITIVE = {1.5, 2.0, 0.5};
    private static final double[] NEGATIVE = {-1.5, 2.0, 0.5};

    @AfterEach
    void tablesAreUnchanged() {
        assertArrayEquals(new double[] {1.0, 2.0, 3.0}, TableModes.T);
        assertArrayEquals(new double[][] {{1.0, 2.0}, {3.0, 4.0}, {5.0, 6.0}}, TableModes.M);
        assertArrayEquals(new double[] {0.0, 0.0, 0.0}, TableModes.ZERO);
    }

    private static double[] fd(ToDoubleFunction<double[]> f, double[] x) {
        double[] g = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            double[] a = x.clone();
            double[] b = x.clone();
            a[k] += H;
            b[k] -= H;
            g[k] = (f.applyAsDouble(a) - f.applyAsDouble(b)) / (2 * H);
        }
        return g;
    }

    private static double[] unit(int n, int k) {
        double[] d = new double[n];
        d[k] = 1;
        return d;
    }

    /** Value, gradient, tangents and Hessian of a method of one double[], at both paths. */
    private static void check(ToDoubleFunction<double[]> source, Function<double[], Object[]> grad,
            java.util.function.BiFunction<double[], double[], double[]> jvp, Function<double[], Object[]> hessian) {
        for (double[] at : new double[][] {POSITIVE, NEGATIVE}) {
            double[] x = at.clone();
            double value = source.applyAsDouble(x.clone());
            double[] want = fd(source, x);
            Object[] g = grad.apply(x);
            assertEquals(value, (double) g[0], "value at " + java.util.Arrays.toString(at));
            assertArrayEquals(want, (double[]) g[1], TOL, "gradient at " + java.util.Arrays.toString(at));
            for (int k = 0; k < x.length; k++) {
                double[] vt = jvp.apply(x, unit(x.length, k));
                assertEquals(value, vt[0], "@Jvp value");
                assertEquals(want[k], vt[1], TOL, "@Jvp tangent " + k);
            }
            Object[] h = hessian.apply(x);
            assertEquals(value, (double) h[0], "@Hessian value");
            assertArrayEquals(want, (double[]) h[1], TOL, "@Hessian gradient");
            double[][] hh = (double[][]) h[2];
            for (int k = 0; k < x.length; k++) {
                int kk = k;
                double[] column = fd(y -> ((double[]) grad.apply(y)[1])[kk], x);
                assertArrayEquals(column, hh[k], 1e-5, "@Hessian row " + k);
            }
            assertArrayEquals(at, x, "the argument");
        }
    }

    @Test
    void aLocalChoiceOfTheParameterOrATable() {
        check(TableModes::choice, x -> {
            var g = TableModesGrad.choice(x);
            return new Object[] {g.value(), g.x()};
        }, (x, d) -> {
            var t = TableModesJvp.choice(x, d);
            return new double[] {t.value(), t.tangent()};
        }, x -> {
            var h = TableModesHessian.choice(x);
            return new Object[] {h.value(), h.gradient(), h.hessian()};
        });
    }

    @Test
    void anEnhancedForOverAChoice() {
        check(TableModes::forEach, x -> {
            var g = TableModesGrad.forEach(x);
            return new Object[] {g.value(), g.x()};
        }, (x, d) -> {
            var t = TableModesJvp.forEach(x, d);
            return new double[] {t.value(), t.tangent()};
        }, x -> {
            var h = TableModesHessian.forEach(x);
            return new Object[] {h.value(), h.gradient(), h.hessian()};
        });
    }

    @Test
    void aLocalReplacedByATableOnOnePath() {
        check(TableModes::reassigned, x -> {
            var g = TableModesGrad.reassigned(x);
            return new Object[] {g.value(), g.x()};
        }, (x, d) -> {
            var t = TableModesJvp.reassigned(x, d);
            return new double[] {t.value(), t.tangent()};
        }, x -> {
            var h = TableModesHessian.reassigned(x);
            return new Object[] {h.value(), h.gradient(), h.hessian()};
        });
    }

    @Test
    void theFusedGradientOfAChoiceInsideTheLoop() {
        check(TableModes::fusedChoice, x -> {
            var g = TableModesGrad.fusedChoice(x);
            return new Object[] {g.value(), g.x()};
        }, (x, d) -> {
            var t = TableModesJvp.fusedChoice(x, d);
            return new double[] {t.value(), t.tangent()};
        }, x -> {
            var h = TableModesHessian.fusedChoice(x);
            return new Object[] {h.value(), h.gradient(), h.hessian()};
        });
        assertEquals(TableModes.fusedChoice(NEGATIVE), TableModesJit.fusedChoice(NEGATIVE), 1e-12);
    }

    @Test
    void aRowOfTheParameterOrOfATable() {
        double[][] x = {{1.5, 2.0}, {-5.0, 6.0}, {7.0, 8.0}};
        for (int k = 0; k <= 3; k++) {
            int kk = k;
            var g = TableModesGrad.rows(x, k);
            assertEquals(TableModes.rows(x, k), g.value());
            for (int i = 0; i < 3; i++) {
                double[] want = i < k ? new double[] {x[i][1], x[i][0]} : new double[2];
                assertArrayEquals(want, g.x()[i], "row " + i + ", k = " + k);
                for (int j = 0; j < 2; j++) {
                    double[][] d = new double[3][2];
                    d[i][j] = 1;
                    assertEquals(want[j], TableModesJvp.rows(x, k, d).tangent(), "@Jvp, row " + i + ", k = " + kk);
                }
            }
            var h = TableModesHessian.rows(x, k);
            assertEquals(g.value(), h.value());
            assertEquals(k > 0 ? 1.0 : 0.0, h.hessian()[0][1], "@Hessian, k = " + k);
        }
        var f = TableModesGrad.fusedRows(x);
        assertEquals(TableModes.fusedRows(x), f.value(), 1e-12);
        assertArrayEquals(new double[][] {{4.0, 6.0}, {0.0, 12.0}, {64.0, 112.0}}, f.x());
        assertEquals(TableModes.fusedRows(x), TableModesJvp.fusedRows(x, new double[3][2]).value(), 1e-12);
        assertEquals(112.0, TableModesHessian.fusedRows(x).gradient()[5], 1e-12);
    }

    @Test
    void aJacobianWithATableOnOnePath() {
        var far = TableModesJacobian.tableOnOnePath(new double[] {11, 2, 0.5});
        assertSame(TableModes.ZERO, far.value(), "the source's own table, as the source returns it");
        assertArrayEquals(new double[3][3], far.jacobian());
        var near = TableModesJacobian.tableOnOnePath(new double[] {1.5, 2, 0.5});
        assertArrayEquals(new double[][] {{2, 1.5, 0}, {0, 1, 0}, {0, 0, 1}}, near.jacobian());
        assertArrayEquals(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, TableModesJacobian.chosen(POSITIVE.clone()).jacobian());
        assertArrayEquals(new double[3][3], TableModesJacobian.chosen(NEGATIVE.clone()).jacobian());
    }

    /** Every gradient of the corpus's TableChoices, on its own inputs, leaves its tables as they were. */
    @Test
    void theCorpusTablesAreUnchanged() throws Exception {
        Class<?> owner = Class.forName("dev.jgrad.tests.corpus.TableChoices");
        List<Field> tables = new ArrayList<>();
        List<Object> copies = new ArrayList<>();
        for (Field f : owner.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType().isArray()) {
                f.setAccessible(true);
                tables.add(f);
                copies.add(deepCopy(f.get(null)));
            }
        }
        assertEquals(2, tables.size(), "TableChoices' tables");
        Class<?> generated = Class.forName("dev.jgrad.tests.corpus.TableChoicesGrad");
        int ran = 0;
        for (Corpus.Case c : Corpus.CASES) {
            if (c.owner() != owner) {
                continue;
            }
            for (long seed = 1; seed <= 5; seed++) {
                Object[] args = c.inputs().apply(new java.util.Random(seed));
                for (Method m : generated.getMethods()) {
                    if (m.getName().equals(c.method()) && m.getParameterCount() == args.length) {
                        m.invoke(null, args);
                        ran++;
                    }
                }
            }
        }
        assertEquals(9 * 5, ran, "gradients run");
        for (int k = 0; k < tables.size(); k++) {
            assertArrayEquals((Object[]) wrap(copies.get(k)), (Object[]) wrap(tables.get(k).get(null)), tables.get(k).getName());
        }
    }

    private static Object deepCopy(Object a) {
        if (a instanceof double[] v) {
            return v.clone();
        }
        double[][] m = ((double[][]) a).clone();
        for (int i = 0; i < m.length; i++) {
            m[i] = m[i].clone();
        }
        return m;
    }

    private static Object wrap(Object a) {
        return a instanceof double[] v ? new Object[] {v} : a;
    }
}
