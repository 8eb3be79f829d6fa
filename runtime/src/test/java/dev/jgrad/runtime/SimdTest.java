package dev.jgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Simd}'s kernels against an exact reference (a compensated dot product, as if computed in twice
 * the precision), on every length to 70 and some longer, with NaN and infinities, and the loop's
 * exceptions. Surefire runs this class twice: on a JVM without {@code jdk.incubator.vector} (the scalar
 * kernels) and, in the execution {@code vector-api}, with it ({@code -Djgrad.test.vector=true}), where the
 * Vector API kernels are checked too.
 */
class SimdTest {
    private static final boolean VECTOR_RUN = Boolean.getBoolean("jgrad.test.vector");
    private static final double U = 0x1p-53;

    /** A kernel: the dot product of a and b over [0, n). */
    private interface Dot {
        double of(double[] a, double[] b, int n);
    }

    private record Kernel(String name, Dot dot) {}

    /** Every kernel this JVM can run: through Simd (dot and each lane of dot4), and each directly. */
    private static List<Kernel> kernels() {
        List<Kernel> out = new ArrayList<>();
        out.add(new Kernel("Simd.dot", Simd::dot));
        out.add(new Kernel("Simd.dot4", (a, b, n) -> lanesOfDot4(a, b, n, Simd::dot4)));
        out.add(new Kernel("scalar dot", ScalarKernels::dot));
        out.add(new Kernel("scalar dot4", (a, b, n) -> lanesOfDot4(a, b, n, ScalarKernels::dot4)));
        if (VECTOR_RUN) {
            out.add(new Kernel("vector dot", VectorKernels::dot));
            out.add(new Kernel("vector dot4", (a, b, n) -> lanesOfDot4(a, b, n, VectorKernels::dot4)));
        }
        return out;
    }

    private interface Dot4 {
        void of(double[] out, double[] a, double[] b0, double[] b1, double[] b2, double[] b3, int n);
    }

    /** dot4 with b in each of the four places (the others hold b reversed in place): each lane must be a·b. */
    private static double lanesOfDot4(double[] a, double[] b, int n, Dot4 dot4) {
        double[] other = b.clone();
        for (int j = 0; j < n / 2; j++) {
            double t = other[j];
            other[j] = other[n - 1 - j];
            other[n - 1 - j] = t;
        }
        double[] out = new double[4];
        double first = Double.NaN;
        for (int lane = 0; lane < 4; lane++) {
            double[][] bs = {other, other, other, other};
            bs[lane] = b;
            dot4.of(out, a, bs[0], bs[1], bs[2], bs[3], n);
            if (lane == 0) {
                first = out[0];
            } else if (Double.doubleToRawLongBits(out[lane]) != Double.doubleToRawLongBits(first)) {
                fail("dot4's lane " + lane + " gave " + out[lane] + ", lane 0 " + first + " (n = " + n + ")");
            }
        }
        return first;
    }

    /** Ogita, Rump and Oishi's Dot2: the dot product as if in twice the precision, then rounded. */
    private static double reference(double[] a, double[] b, int n) {
        double s = 0;
        double c = 0;
        for (int j = 0; j < n; j++) {
            double p = a[j] * b[j];
            double pErr = Math.fma(a[j], b[j], -p);
            double t = s + p;
            double z = t - s;
            double sErr = (s - (t - z)) + (p - z);
            s = t;
            c += sErr + pErr;
        }
        return s + c;
    }

    private static double[] vector(Random r, int n, int spare, boolean positive) {
        double[] v = new double[n + spare];
        for (int j = 0; j < n; j++) {
            double x = r.nextGaussian();
            v[j] = positive ? Math.abs(x) + 0.01 : x;
        }
        // entries past n must not be read
        for (int j = n; j < v.length; j++) {
            v[j] = Double.NaN;
        }
        return v;
    }

    private static List<Integer> lengths() {
        List<Integer> ns = new ArrayList<>();
        for (int n = 1; n <= 70; n++) {
            ns.add(n);
        }
        ns.addAll(List.of(96, 127, 128, 129, 255, 1000, 4099));
        return ns;
    }

    @Test
    void theKernelIsTheVectorApisExactlyWhenTheModuleIsThere() {
        assertEquals(VECTOR_RUN, ModuleLayer.boot().findModule(Simd.VECTOR_MODULE).isPresent(),
                "the vector-api execution must add the module, the default one must not");
        assertEquals(VECTOR_RUN, Simd.vector(), Simd.kernel());
        assertTrue(Simd.kernel().startsWith(VECTOR_RUN ? "Vector API, " : "scalar"), Simd.kernel());
    }

    @Test
    void theKernelsAreUsedOnlyWhereTheyPay() {
        for (int n : new int[] {Integer.MIN_VALUE, -1, 0, 1}) {
            assertTrue(!Simd.dotPays(n) && !Simd.dot4Pays(n), "n = " + n);
        }
        // without the Vector API the loop of four sums is kept below SCALAR4_MIN entries; with it, below four vectors
        assertTrue(Simd.dot4Pays(1000));
        if (!VECTOR_RUN) {
            assertTrue(Simd.dot4Pays(Simd.SCALAR4_MIN));
            assertFalse(Simd.dot4Pays(Simd.SCALAR4_MIN - 1));
        }
        assertTrue(Simd.dotPays(1000));
        assertTrue(Simd.dotPays(Simd.SCALAR_MIN));
    }

    @Test
    void positiveProductsAreWithin1eMinus15OfTheExactSumOrAsCloseAsTheLoop() {
        Random r = new Random(7);
        for (int n : lengths()) {
            for (int spare : new int[] {0, 3}) {
                double[] a = vector(r, n, spare, true);
                double[] b = vector(r, n, spare, true);
                double exact = reference(a, b, n);
                // the source's strict loop: a long sum of positive terms drifts by more than 1e-15
                double loop = 0;
                for (int j = 0; j < n; j++) {
                    loop += a[j] * b[j];
                }
                double allowed = Math.max(1e-15 * exact, Math.abs(loop - exact));
                for (Kernel k : kernels()) {
                    double got = k.dot().of(a, b, n);
                    assertTrue(Math.abs(got - exact) <= allowed, k.name() + ", n = " + n + ": " + got
                            + " against " + exact + ", relative " + Math.abs(got - exact) / exact
                            + ", the loop's " + Math.abs(loop - exact) / exact);
                }
            }
        }
    }

    @Test
    void mixedSignsAreWithinTheErrorBoundOfAnyOrder() {
        Random r = new Random(11);
        for (int n : lengths()) {
            double[] a = vector(r, n, 1, false);
            double[] b = vector(r, n, 2, false);
            double exact = reference(a, b, n);
            double magnitude = 0;
            for (int j = 0; j < n; j++) {
                magnitude += Math.abs(a[j] * b[j]);
            }
            // the bound of a sum of n products in any order: n u (sum of |a_j b_j|)
            double bound = n * U * magnitude * 1.01;
            for (Kernel k : kernels()) {
                double got = k.dot().of(a, b, n);
                assertTrue(Math.abs(got - exact) <= bound, k.name() + ", n = " + n + ": " + got + " against " + exact);
            }
        }
    }

    @Test
    void nanAndInfinitiesGiveWhatTheLoopGives() {
        for (int n : new int[] {1, 3, 8, 17, 40, 133}) {
            for (int at : new int[] {0, n / 2, n - 1}) {
                for (double[] pair : new double[][] {
                        {Double.NaN, 1}, {Double.POSITIVE_INFINITY, 2}, {Double.NEGATIVE_INFINITY, 0.5},
                        {Double.POSITIVE_INFINITY, 0}, {Double.MAX_VALUE, Double.MAX_VALUE}}) {
                    double[] a = new double[n];
                    double[] b = new double[n];
                    java.util.Arrays.fill(a, 0.25);
                    java.util.Arrays.fill(b, -1.5);
                    a[at] = pair[0];
                    b[at] = pair[1];
                    check(a, b, n);
                    // and an infinity of the other sign elsewhere: NaN
                    if (Double.isInfinite(pair[0]) && pair[1] != 0 && n > 1) {
                        a[(at + 1) % n] = -pair[0];
                        b[(at + 1) % n] = pair[1];
                        check(a, b, n);
                    }
                }
            }
        }
    }

    private static void check(double[] a, double[] b, int n) {
        double expected = Simd.inOrder(a, b, n);
        for (Kernel k : kernels()) {
            double got = k.dot().of(a, b, n);
            assertTrue(Double.isNaN(expected) ? Double.isNaN(got) : got == expected,
                    k.name() + ", n = " + n + ": " + got + ", the loop " + expected);
        }
    }

    @Test
    void nothingIsReadForNoEntriesAndTheSumIsMinusZero() {
        for (int n : new int[] {0, -1, Integer.MIN_VALUE}) {
            assertEquals(-0.0, Simd.dot(null, null, n));
            double[] out = {1, 2, 3, 4};
            Simd.dot4(out, null, null, null, null, null, n);
            for (double o : out) {
                assertEquals(-0.0, o);
            }
        }
        // -0.0 leaves any sum as it is, a zero of either sign included
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(-0.0 + Simd.dot(null, null, 0)));
    }

    /** What {@code call} throws: the class and message must be those of the loop. */
    private static void sameAsTheLoop(Runnable loop, Runnable call, String what) {
        RuntimeException expected = assertThrows(RuntimeException.class, loop::run, what);
        RuntimeException got = assertThrows(RuntimeException.class, call::run, what);
        assertEquals(expected.getClass(), got.getClass(), what);
        if (expected instanceof ArrayIndexOutOfBoundsException) {
            assertEquals(expected.getMessage(), got.getMessage(), what);
        }
    }

    @Test
    void aShortOrNullArrayThrowsWhatTheLoopThrows() {
        double[] five = {1, 2, 3, 4, 5};
        double[] three = {1, 2, 3};
        double[] empty = {};
        Object[][] cases = {
            {five, three, 5}, {three, five, 5}, {three, three, 40}, {five, five, 6}, {empty, five, 1},
            {null, five, 2}, {five, null, 2}, {empty, null, 1}, {null, empty, 1}, {three, empty, 2},
        };
        for (Object[] c : cases) {
            double[] a = (double[]) c[0];
            double[] b = (double[]) c[1];
            int n = (Integer) c[2];
            String what = (a == null ? "null" : a.length) + " and " + (b == null ? "null" : b.length) + ", n = " + n;
            sameAsTheLoop(() -> Simd.inOrder(a, b, n), () -> Simd.dot(a, b, n), what);
            double[] out = new double[4];
            sameAsTheLoop(() -> Simd.inOrder(a, b, n), () -> Simd.dot4(out, a, b, five, five, five, n), "dot4 lane 0, " + what);
            // a later lane fails alone (a and the other lanes long enough): dot4 throws what that lane's loop throws
            int m = Math.min(n, five.length);
            if (b == null || m > b.length) {
                sameAsTheLoop(() -> Simd.inOrder(five, b, m), () -> Simd.dot4(out, five, five, five, b, five, m),
                        "dot4 lane 3, " + what);
            }
        }
    }
}
