package dev.jgrad.runtime;

/**
 * The dot products and the array {@code tanh} of {@link Simd} in plain Java: several independent sums, so that the additions
 * overlap instead of each waiting for the one before (the floating-point adder's latency, not its
 * throughput, bounds a single sum). The arrays are at least {@code n} long, {@code n > 0}.
 */
final class ScalarKernels {
    private ScalarKernels() {}

    /** Four sums, of the entries {@code j % 4}. */
    static double dot(double[] a, double[] b, int n) {
        double s0 = -0.0;
        double s1 = -0.0;
        double s2 = -0.0;
        double s3 = -0.0;
        int j = 0;
        for (; j < n - 3; j += 4) {
            s0 += a[j] * b[j];
            s1 += a[j + 1] * b[j + 1];
            s2 += a[j + 2] * b[j + 2];
            s3 += a[j + 3] * b[j + 3];
        }
        for (; j < n; j++) {
            s0 += a[j] * b[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Two sums for each of the four products, of the even and the odd entries, each term added by {@link Math#fma}
     * (one rounding, and one instruction where the processor has it: eight independent sums keep both of its
     * units busy); {@code a[j]} read once.
     */
    static void dot4(double[] out, double[] a, double[] b0, double[] b1, double[] b2, double[] b3, int n) {
        double e0 = -0.0;
        double e1 = -0.0;
        double e2 = -0.0;
        double e3 = -0.0;
        double o0 = -0.0;
        double o1 = -0.0;
        double o2 = -0.0;
        double o3 = -0.0;
        int j = 0;
        for (; j < n - 1; j += 2) {
            double even = a[j];
            double odd = a[j + 1];
            e0 = Math.fma(even, b0[j], e0);
            e1 = Math.fma(even, b1[j], e1);
            e2 = Math.fma(even, b2[j], e2);
            e3 = Math.fma(even, b3[j], e3);
            o0 = Math.fma(odd, b0[j + 1], o0);
            o1 = Math.fma(odd, b1[j + 1], o1);
            o2 = Math.fma(odd, b2[j + 1], o2);
            o3 = Math.fma(odd, b3[j + 1], o3);
        }
        if (j < n) {
            double last = a[j];
            e0 = Math.fma(last, b0[j], e0);
            e1 = Math.fma(last, b1[j], e1);
            e2 = Math.fma(last, b2[j], e2);
            e3 = Math.fma(last, b3[j], e3);
        }
        out[0] = e0 + o0;
        out[1] = e1 + o1;
        out[2] = e2 + o2;
        out[3] = e3 + o3;
    }

    /** {@code a[j] = JitMath.tanh(a[j])} for {@code j < n}. */
    static void tanh(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            a[j] = JitMath.tanh(a[j]);
        }
    }

    /**
     * The loop of {@link Simd#matVec4} itself: {@code for (k < m) for (j < d) hc[k] += w[k][j] * xc[j]}, in that
     * order, so that it fails where the loop fails.
     */
    static void matVec4(double[][] w, double[] x0, double[] x1, double[] x2, double[] x3,
            double[] h0, double[] h1, double[] h2, double[] h3, int m, int d) {
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < d; j++) {
                h0[k] += w[k][j] * x0[j];
                h1[k] += w[k][j] * x1[j];
                h2[k] += w[k][j] * x2[j];
                h3[k] += w[k][j] * x3[j];
            }
        }
    }
}
