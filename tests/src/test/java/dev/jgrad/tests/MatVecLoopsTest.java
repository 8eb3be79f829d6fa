package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.Grad;
import dev.jgrad.Jit;
import dev.jgrad.runtime.Simd;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A dense layer of a batch, which {@code @Jit} runs four samples at a time in i-k-j order through {@code
 * Simd.matVec4} ({@code transform.Layers}), throws what the source throws: a sample's row or a weight row
 * short or null (in a group of four samples, which the remainder loop runs again in order, and in the
 * remainder), fewer weight rows or biases than units, no units, no inputs; NaN and infinite entries give the
 * source's NaN. Surefire runs this class again with the Vector API (execution {@code vector-api}), where the
 * call computes in vector lanes.
 */
class MatVecLoopsTest {
    static final class Layers {
        private Layers() {}

        @Jit @Grad(wrt = {"w1", "b1", "w2"})
        static double layer(double[][] x, double[][] w1, double[] b1, double[] w2) {
            int d = x[0].length;
            double[] h = new double[w2.length];
            double total = 0;
            for (int i = 0; i < x.length; i++) {
                for (int k = 0; k < h.length; k++) {
                    double a = b1[k];
                    for (int j = 0; j < d; j++) a += w1[k][j] * x[i][j];
                    h[k] = Math.tanh(a);
                }
                double out = 0;
                for (int k = 0; k < h.length; k++) out += w2[k] * h[k];
                total += out * out;
            }
            return total;
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

    private static void layer(String what, double[][] x, double[][] w1, double[] b1, double[] w2) {
        Map<String, Call> forms = new LinkedHashMap<>();
        forms.put("@Jit", () -> MatVecLoopsTest_LayersJit.layer(x, w1, b1, w2));
        forms.put("@Jit @Grad", () -> MatVecLoopsTest_LayersGrad.layer(x, w1, b1, w2).value());
        Outcome expected = Outcome.of(() -> Layers.layer(x, w1, b1, w2));
        for (Map.Entry<String, Call> f : forms.entrySet()) {
            Outcome got = Outcome.of(f.getValue());
            String where = what + ", " + f.getKey();
            if (expected.thrown() == null) {
                assertNull(got.thrown(), where);
                if (Double.isNaN(expected.value())) {
                    assertTrue(Double.isNaN(got.value()), where + ": " + got.value());
                } else {
                    assertEquals(expected.value(), got.value(), 1e-12 * Math.abs(expected.value()), where);
                }
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
                x[i][j] = Math.sin(1.7 * i + 0.3 * j) * 0.7;
            }
        }
        return x;
    }

    private static double[][] with(double[][] x, int i, double[] row) {
        double[][] out = x.clone();
        out[i] = row;
        return out;
    }

    private static double[] vector(int n) {
        return matrix(1, n)[0];
    }

    @Test
    void aShortOrNullRowThrowsWhatTheSourceThrowsInAGroupAndInTheRemainder() {
        double[][] x = matrix(10, 6);
        double[][] w1 = matrix(19, 6);
        double[] b1 = vector(19);
        double[] w2 = vector(19);
        layer("rectangular", x, w1, b1, w2);
        layer("wide", matrix(11, 33), matrix(45, 33), vector(45), vector(45));
        for (int i : new int[] {1, 2, 5, 8, 9}) {
            layer("sample " + i + " short", with(x, i, new double[3]), w1, b1, w2);
            layer("sample " + i + " null", with(x, i, null), w1, b1, w2);
            layer("sample " + i + " empty", with(x, i, new double[0]), w1, b1, w2);
            layer("sample " + i + " longer", with(x, i, vector(9)), w1, b1, w2);
        }
        for (int k : new int[] {0, 8, 17, 18}) {
            layer("weights " + k + " short", x, with(w1, k, new double[2]), b1, w2);
            layer("weights " + k + " null", x, with(w1, k, null), b1, w2);
        }
        layer("fewer weight rows than units", x, matrix(12, 6), b1, w2);
        layer("fewer biases than units", x, w1, vector(11), w2);
        layer("weights null", x, null, b1, w2);
        layer("no units", x, w1, b1, new double[0]);
        layer("no inputs", matrix(10, 0), w1, b1, w2);
        layer("no samples", new double[0][], w1, b1, w2);
        layer("one sample", matrix(1, 6), w1, b1, w2);
    }

    @Test
    void nanAndInfiniteEntriesGiveTheSourcesValue() {
        double[][] x = matrix(10, 6);
        double[][] w1 = matrix(19, 6);
        double[] b1 = vector(19);
        double[] w2 = vector(19);
        layer("a NaN in sample 3", with(x, 3, new double[] {1, Double.NaN, 0, 0, 0, 0}), w1, b1, w2);
        layer("a NaN in sample 9 (the remainder)", with(x, 9, new double[] {1, Double.NaN, 0, 0, 0, 0}), w1, b1, w2);
        layer("infinite weights", x, with(w1, 4, new double[] {Double.POSITIVE_INFINITY, 0, 0, 0, 0, 0}), b1, w2);
        layer("infinite and NaN", x, with(with(w1, 1, new double[] {Double.POSITIVE_INFINITY, 0, 0, 0, 0, 0}),
                2, new double[] {Double.NaN, 0, 0, 0, 0, 0}), b1, w2);
    }

    @Test
    void theJitFormsCallSimdMatVec4() throws Exception {
        for (String generated : new String[] {"MatVecLoopsTest_LayersJit", "MatVecLoopsTest_LayersGrad"}) {
            String code = new String(MatVecLoopsTest.class.getClassLoader()
                    .getResourceAsStream("dev/jgrad/tests/" + generated + ".class").readAllBytes(),
                    StandardCharsets.ISO_8859_1);
            assertTrue(code.contains("matVec4Pays") && code.contains("matVec4"), generated + " calls Simd.matVec4");
        }
        assertEquals(Simd.vector(), Simd.matVec4Pays(19, 6), Simd.kernel());
    }
}
