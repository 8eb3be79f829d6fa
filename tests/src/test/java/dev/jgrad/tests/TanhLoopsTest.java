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
 * Loops that store {@code Math.tanh} into an array, which {@code @Jit} splits into a loop of the arguments
 * and one {@code Simd.tanh} call ({@code transform.Fission}), throw what the source throws: a row of the
 * samples or of the weights that is short or null where the loop reads it (in a group of four samples,
 * which the remainder loop runs again in order, and in the remainder), an array shorter than the loop
 * (the store fails at the same index), a bound of zero; NaN and infinite arguments give the source's
 * NaN and saturate as it does. Surefire runs this class again with the Vector API (execution
 * {@code vector-api}), where {@code Simd.tanh} computes in vector lanes.
 */
class TanhLoopsTest {
    static final class Tanhs {
        private Tanhs() {}

        /** A hidden layer per sample: the loop over k split in the groups of four samples and the remainder. */
        @Jit @Grad(wrt = {"w1", "w2"})
        static double layer(double[][] x, double[][] w1, double[] w2) {
            double[] h = new double[w2.length];
            double total = 0;
            for (int i = 0; i < x.length; i++) {
                for (int k = 0; k < h.length; k++) {
                    double a = 0.5;
                    for (int j = 0; j < x[i].length; j++) a += w1[k][j] * x[i][j];
                    h[k] = Math.tanh(a);
                }
                double out = 0;
                for (int k = 0; k < h.length; k++) out += w2[k] * h[k];
                total += out * out;
            }
            return total;
        }

        /** One loop, no samples: the array {@code m} long, the loop as long as {@code x}. */
        @Jit @Grad(wrt = "w")
        static double filled(double[] w, double[] x, int m) {
            double[] h = new double[m];
            for (int k = 0; k < x.length; k++) {
                double t = Math.tanh(w[k] * x[k]);
                h[k] = t;
            }
            double s = 0;
            for (int k = 0; k < m; k++) s += h[k] * (k + 1);
            return s;
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

    private static void layer(String what, double[][] x, double[][] w1, double[] w2) {
        Map<String, Call> forms = new LinkedHashMap<>();
        forms.put("@Jit", () -> TanhLoopsTest_TanhsJit.layer(x, w1, w2));
        forms.put("@Jit @Grad", () -> TanhLoopsTest_TanhsGrad.layer(x, w1, w2).value());
        same("layer, " + what, () -> Tanhs.layer(x, w1, w2), forms);
    }

    @Test
    void aShortOrNullRowThrowsWhatTheSourceThrowsInAGroupAndInTheRemainder() {
        double[][] x = matrix(10, 5);
        double[][] w1 = matrix(19, 5);
        double[] w2 = matrix(1, 19)[0];
        layer("rectangular", x, w1, w2);
        for (int i : new int[] {0, 2, 5, 8, 9}) {
            layer("sample " + i + " short", with(x, i, new double[3]), w1, w2);
            layer("sample " + i + " null", with(x, i, null), w1, w2);
            layer("sample " + i + " empty", with(x, i, new double[0]), w1, w2);
        }
        for (int k : new int[] {0, 8, 17, 18}) {
            layer("weights " + k + " short", x, with(w1, k, new double[2]), w2);
            layer("weights " + k + " null", x, with(w1, k, null), w2);
        }
        layer("fewer weight rows than units", x, matrix(12, 5), w2);
        layer("no units", x, w1, new double[0]);
        layer("no samples", new double[0][], w1, w2);
        layer("x null", null, w1, w2);
    }

    @Test
    void nanAndInfiniteArgumentsGiveTheSourcesValue() {
        double[][] x = matrix(10, 5);
        double[][] w1 = matrix(19, 5);
        double[] w2 = matrix(1, 19)[0];
        layer("a NaN in sample 3", with(x, 3, new double[] {1, Double.NaN, 0, 0, 0}), w1, w2);
        layer("a NaN in sample 9 (the remainder)", with(x, 9, new double[] {1, Double.NaN, 0, 0, 0}), w1, w2);
        layer("infinite weights", x, with(w1, 4, new double[] {Double.POSITIVE_INFINITY, 0, 0, 0, 0}), w2);
        layer("-infinite weights", x, with(w1, 11, new double[] {Double.NEGATIVE_INFINITY, 1, 0, 0, 0}), w2);
        layer("infinite and NaN", x, with(with(w1, 1, new double[] {Double.POSITIVE_INFINITY, 0, 0, 0, 0}),
                2, new double[] {Double.NaN, 0, 0, 0, 0}), w2);
    }

    private static void filled(String what, double[] w, double[] x, int m) {
        Map<String, Call> forms = new LinkedHashMap<>();
        forms.put("@Jit", () -> TanhLoopsTest_TanhsJit.filled(w, x, m));
        forms.put("@Jit @Grad", () -> TanhLoopsTest_TanhsGrad.filled(w, x, m).value());
        same("filled, " + what, () -> Tanhs.filled(w, x, m), forms);
    }

    @Test
    void aLoopThatThrowsMidwayThrowsWhereTheSourceDoes() {
        double[] w = matrix(1, 21)[0];
        double[] x = matrix(1, 21)[0];
        filled("as long", w, x, 21);
        filled("the array longer", w, x, 30);
        filled("the array shorter: the store fails at its length", w, x, 13);
        filled("the array empty", w, x, 0);
        filled("w shorter: its read fails first", new double[9], x, 21);
        filled("w shorter and the array shorter: the read at 9 before the store at 13", new double[9], x, 13);
        filled("the array shorter than w's failure", new double[15], x, 12);
        filled("no entries, w null", null, new double[0], 4);
        filled("w null", null, x, 21);
        filled("a negative length", w, x, -1);
        filled("NaN and infinities", w, new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, 0.0,
            Double.NEGATIVE_INFINITY, 1e-310, 1e300, 1, 2, 3}, 10);
    }

    @Test
    void theJitFormsCallSimdTanh() throws Exception {
        for (String generated : new String[] {"TanhLoopsTest_TanhsJit", "TanhLoopsTest_TanhsGrad"}) {
            String code = new String(TanhLoopsTest.class.getClassLoader()
                    .getResourceAsStream("dev/jgrad/tests/" + generated + ".class").readAllBytes(),
                    StandardCharsets.ISO_8859_1);
            assertTrue(code.contains("dev/jgrad/runtime/Simd") && code.contains("tanh"), generated + " calls Simd.tanh");
        }
        // with the module on x86-64 Linux (this build's machines) the Vector API's TANH, else JitMath.tanh
        boolean svml = System.getProperty("os.arch").equals("amd64") && System.getProperty("os.name").startsWith("Linux");
        assertEquals(Simd.vector() && svml, Simd.tanhKernel().startsWith("Vector API"), Simd.tanhKernel());
    }
}
