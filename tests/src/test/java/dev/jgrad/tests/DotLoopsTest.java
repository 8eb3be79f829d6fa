package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.Grad;
import dev.jgrad.Jit;
import dev.jgrad.runtime.Simd;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dot-product loops under {@code @Jit} ({@code dev.jgrad.runtime.Simd}) throw what the source throws:
 * a row that is short, null or empty where the loop reads it, in a group of four rows run together
 * (which the remainder loop runs again in order) and in the remainder, a bound of zero where the rows
 * would throw (the loop never reads them), and a row computed outside any group ({@code m[k]}).
 * {@link ArrayIndexOutOfBoundsException}s carry the same message (same index, same length).
 */
class DotLoopsTest {
    static final class Dots {
        private Dots() {}

        /** Four rows against w in one dot4 call, the remainder row by row. */
        @Jit @Grad(wrt = {"w", "b"})
        static double mse(double[] w, double b, double[][] x, double[] y) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                double pred = b;
                for (int j = 0; j < w.length; j++) pred += w[j] * x[i][j];
                double r = pred - y[i];
                sum += r * r;
            }
            return sum / x.length;
        }

        /** The shared row is a row of a matrix ({@code w1[k]}), the bound a parameter. */
        @Jit @Grad(wrt = "w1")
        static double hidden(double[][] x, double[][] w1, int d) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                for (int k = 0; k < 2; k++) {
                    double a = 0.5;
                    for (int j = 0; j < d; j++) a += w1[k][j] * x[i][j];
                    sum += Math.tanh(a);
                }
            }
            return sum;
        }

        /** Outside any loop over samples: {@code m[k]} computed before the call, under {@code v.length > 0}. */
        @Jit @Grad(wrt = "v")
        static double row(double[][] m, int k, double[] v) {
            double s = 1;
            for (int j = 0; j < v.length; j++) s += m[k][j] * v[j];
            return s * s;
        }
    }

    /** What a call did: its value, or what it threw. */
    private record Outcome(double value, Throwable thrown) {
        static Outcome of(Call c) {
            try {
                return new Outcome(c.run(), null);
            } catch (Throwable t) {
                return new Outcome(Double.NaN, t);
            }
        }
    }

    @FunctionalInterface
    interface Call {
        double run() throws Throwable;
    }

    private static void same(String what, Call source, Map<String, Call> forms) {
        Outcome expected = Outcome.of(source);
        for (Map.Entry<String, Call> f : forms.entrySet()) {
            Outcome got = Outcome.of(f.getValue());
            String where = what + ", " + f.getKey();
            if (expected.thrown() == null) {
                assertNull(got.thrown(), where);
                assertEquals(expected.value(), got.value(), 1e-12 * Math.abs(expected.value()), where);
                continue;
            }
            assertNotNull(got.thrown(), where + " threw nothing; the source threw " + expected.thrown());
            assertEquals(expected.thrown().getClass(), got.thrown().getClass(), where + ": " + got.thrown());
            if (expected.thrown() instanceof ArrayIndexOutOfBoundsException) {
                assertEquals(expected.thrown().getMessage(), got.thrown().getMessage(), where);
            }
        }
    }

    private static double[][] matrix(int rows, int cols) {
        double[][] x = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                x[i][j] = Math.sin(1.7 * i + 0.3 * j);
            }
        }
        return x;
    }

    private static double[][] with(double[][] x, int i, double[] row) {
        double[][] out = x.clone();
        out[i] = row;
        return out;
    }

    private static void mse(String what, double[] w, double[][] x) {
        double[] y = new double[x == null ? 1 : x.length];
        Map<String, Call> forms = new LinkedHashMap<>();
        forms.put("@Jit", () -> DotLoopsTest_DotsJit.mse(w, 0.25, x, y));
        forms.put("@Jit @Grad", () -> DotLoopsTest_DotsGrad.mse(w, 0.25, x, y).value());
        same("mse, " + what, () -> Dots.mse(w, 0.25, x, y), forms);
    }

    @Test
    void aShortNullOrEmptyRowThrowsWhatTheSourceThrowsInAGroupAndInTheRemainder() {
        double[] w = matrix(1, 11)[0];
        double[][] x = matrix(10, 11);
        mse("rectangular", w, x);
        for (int i : new int[] {0, 2, 5, 8, 9}) {
            mse("row " + i + " short", w, with(x, i, new double[7]));
            mse("row " + i + " null", w, with(x, i, null));
            mse("row " + i + " empty", w, with(x, i, new double[0]));
        }
        mse("w longer than the rows", matrix(1, 12)[0], x);
        mse("w empty, null rows", new double[0], with(with(x, 1, null), 9, null));
        mse("w null", null, x);
        mse("x null", w, null);
    }

    private static void hidden(String what, double[][] x, double[][] w1, int d) {
        Map<String, Call> forms = new LinkedHashMap<>();
        forms.put("@Jit", () -> DotLoopsTest_DotsJit.hidden(x, w1, d));
        forms.put("@Jit @Grad", () -> DotLoopsTest_DotsGrad.hidden(x, w1, d).value());
        same("hidden, " + what, () -> Dots.hidden(x, w1, d), forms);
    }

    @Test
    void aSharedRowOfAMatrixThrowsWhatTheSourceThrows() {
        double[][] x = matrix(9, 10);
        double[][] w1 = matrix(2, 10);
        hidden("rectangular", x, w1, 10);
        hidden("d past the rows", x, w1, 11);
        hidden("w1 with one row, d = 0", x, matrix(1, 10), 0);
        hidden("w1 with one row", x, matrix(1, 10), 10);
        hidden("w1's second row null", x, with(w1, 1, null), 10);
        hidden("a row of x null, d = 0", with(x, 5, null), w1, 0);
        hidden("a row of x short", with(x, 6, new double[3]), w1, 10);
    }

    private static void row(String what, double[][] m, int k, double[] v) {
        Map<String, Call> forms = new LinkedHashMap<>();
        forms.put("@Jit", () -> DotLoopsTest_DotsJit.row(m, k, v));
        forms.put("@Jit @Grad", () -> DotLoopsTest_DotsGrad.row(m, k, v).value());
        same("row, " + what, () -> Dots.row(m, k, v), forms);
    }

    @Test
    void aRowComputedOutsideAGroupIsComputedOnlyIfTheLoopRuns() {
        double[][] m = matrix(3, 20);
        double[] v = matrix(1, 20)[0];
        row("in range", m, 2, v);
        row("k past the rows, v empty", m, 7, new double[0]);
        row("k past the rows", m, 7, v);
        row("k negative", m, -1, v);
        row("m null, v empty", null, 0, new double[0]);
        row("m null", null, 0, v);
        row("row k null", with(m, 1, null), 1, v);
        row("row k short", with(m, 1, new double[5]), 1, v);
        row("row k empty", with(m, 1, new double[0]), 1, v);
        row("v null", m, 0, null);
    }

    @Test
    void theKernelIsTheVectorApisExactlyWhenTheJvmHasTheModule() {
        // surefire's execution vector-api runs this class again with --add-modules jdk.incubator.vector
        assertEquals(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), Simd.vector(), Simd.kernel());
    }

    @Test
    void theJitFormsCallSimd() throws Exception {
        String jit = new String(DotLoopsTest.class.getClassLoader()
                .getResourceAsStream("dev/jgrad/tests/DotLoopsTest_DotsJit.class").readAllBytes(),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(jit.contains("dev/jgrad/runtime/Simd") && jit.contains("dot4"), "DotLoopsTest_DotsJit calls Simd.dot4");
    }
}
