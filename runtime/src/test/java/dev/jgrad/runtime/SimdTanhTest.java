package dev.jgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Simd#tanh} (an array's entries replaced by their {@code tanh}) against {@code StrictMath.tanh}
 * (fdlibm, within one ulp of the exact value) over the arguments of {@code JitMathTest}: uniform in
 * several ranges, log-uniform down to the subnormals, consecutive doubles around 0.625 and 22; special
 * values bit for bit as {@code Math.tanh} gives them, every length to 40 (the vector lanes and the
 * scalar tail), and the loop's exceptions. Surefire runs it without {@code jdk.incubator.vector}
 * ({@link JitMath#tanh} entry by entry) and, in the execution {@code vector-api}, with it, where
 * {@link VectorTanh} runs ({@code -Djgrad.test.vector=true}; on x86-64). {@link SimdTanhTiersTest} checks that its
 * bits are the same in every tier of the JIT.
 */
class SimdTanhTest {
    private static final boolean VECTOR_RUN = Boolean.getBoolean("jgrad.test.vector");
    private static final int POINTS = 2_000_000;

    /** The largest distance of {@code Simd.tanh} from {@code StrictMath.tanh} over {@code xs}, in ulps of the latter. */
    private static double worst(double[] xs, double[] at) {
        double[] t = xs.clone();
        Simd.tanh(t, t.length);
        double worst = 0;
        for (int i = 0; i < xs.length; i++) {
            double want = StrictMath.tanh(xs[i]);
            double error = Math.abs(t[i] - want) / Math.ulp(want);
            if (!(error <= worst)) {
                worst = error;
                at[0] = xs[i];
            }
        }
        return worst;
    }

    @Test
    void withinTheUlpsOfJitMathEverywhere() {
        SplittableRandom random = new SplittableRandom(14);
        double[] at = {0};
        double measured = 0;
        double[][] ranges = {{-1, 1}, {0.5, 0.75}, {-3, 3}, {-25, 25}, {18, 23}};
        double[] xs = new double[POINTS];
        for (double[] range : ranges) {
            for (int i = 0; i < POINTS; i++) {
                xs[i] = range[0] + (range[1] - range[0]) * random.nextDouble();
            }
            measured = Math.max(measured, worst(xs, at));
        }
        for (int i = 0; i < POINTS; i++) {
            double x = Math.pow(10, -320 * random.nextDouble());
            xs[i] = random.nextBoolean() ? x : -x;
        }
        measured = Math.max(measured, worst(xs, at));
        for (double edge : new double[] {0.625, -0.625, 22, -22}) {
            double x = edge;
            for (int i = 0; i < POINTS; i += 2) {
                xs[i] = x;
                xs[i + 1] = edge - (x - edge);
                x = Math.nextUp(x);
            }
            measured = Math.max(measured, worst(xs, at));
        }
        assertTrue(measured <= JitMath.TANH_MAX_ULPS, Simd.tanhKernel() + ": " + measured + " ulps at " + at[0]);
    }

    @Test
    void specialValuesComeOutAsMathGivesThem() {
        double[] xs = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
            -Double.MAX_VALUE, 1e300, -1e300, 22.0, -22.0, 23.0, 710.0, Double.MIN_VALUE, -Double.MIN_VALUE,
            Double.MIN_NORMAL, -Double.MIN_NORMAL, 1e-310, -1e-310, 1e-200, 1e-9, -1e-9};
        // each value at every position of a vector and of the tail
        for (int shift = 0; shift < 17; shift++) {
            double[] a = new double[xs.length + shift];
            System.arraycopy(xs, 0, a, shift, xs.length);
            Simd.tanh(a, a.length);
            for (int i = 0; i < xs.length; i++) {
                assertEquals(Double.doubleToRawLongBits(Math.tanh(xs[i])), Double.doubleToRawLongBits(a[i + shift]),
                        Simd.tanhKernel() + ": tanh(" + xs[i] + ") at " + (i + shift));
            }
        }
    }

    @Test
    void everyLengthTouchesItsEntriesOnly() {
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 0; n <= 40; n++) {
            double[] a = new double[n + 5];
            for (int i = 0; i < a.length; i++) {
                a[i] = 6 * random.nextDouble() - 3;
            }
            double[] before = a.clone();
            Simd.tanh(a, n);
            for (int i = 0; i < a.length; i++) {
                double want = i < n ? StrictMath.tanh(before[i]) : before[i];
                assertEquals(want, a[i], JitMath.TANH_MAX_ULPS * Math.ulp(want), "n " + n + ", entry " + i);
            }
        }
    }

    @Test
    void theLoopsExceptions() {
        // n <= 0 reads nothing, not even a null array
        Simd.tanh(null, 0);
        Simd.tanh(null, -3);
        double[] empty = {};
        Simd.tanh(empty, -1);
        assertThrows(NullPointerException.class, () -> Simd.tanh(null, 1));
        // a short array: its entries replaced, then the index the loop fails at
        double[] a = {0.5, 1, 2, -1, 0.25, 3, 4, 5, 6, 7, -2};
        double[] before = a.clone();
        ArrayIndexOutOfBoundsException e = assertThrows(ArrayIndexOutOfBoundsException.class, () -> Simd.tanh(a, 20));
        assertTrue(e.getMessage().contains(Integer.toString(a.length)), e.getMessage());
        for (int i = 0; i < a.length; i++) {
            assertEquals(StrictMath.tanh(before[i]), a[i], JitMath.TANH_MAX_ULPS * Math.ulp(a[i]), "entry " + i);
        }
    }

    @Test
    void theKernelIsTheVectorApisWhereSvmlIs() {
        assertEquals(VECTOR_RUN && Simd.svml(System.getProperty("os.arch"), System.getProperty("os.name")),
                Simd.tanhKernel().startsWith("Vector API"), Simd.tanhKernel());
        assertTrue(Simd.svml("amd64", "Linux"));
        assertTrue(Simd.svml("amd64", "Windows 11"));
        assertFalse(Simd.svml("aarch64", "Linux"));
        assertFalse(Simd.svml("x86_64", "Mac OS X"));
    }
}
