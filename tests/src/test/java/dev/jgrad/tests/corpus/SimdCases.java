package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: dot-product loops, {@code for (int j = 0; j < n; j++) s += a[j] * b[j];}, which {@code @Jit}
 * computes with {@code dev.jgrad.runtime.Simd} (four rows of a batch against one row of weights in one
 * {@code dot4} call where the loop over samples runs four at a time, one {@code dot} elsewhere), and loops
 * that look like one but are not (they must stay loops). Row lengths are chosen past a vector's lanes and
 * not a multiple of them, so that the kernels' last entries are exercised.
 */
public final class SimdCases {
    private SimdCases() {}

    /** Covers: a hidden layer's dot products from a bias (dot4 under @Jit), and the output's, over a local array. */
    @Grad(wrt = {"w1", "b1", "w2"})
    static double hiddenLayer(double[][] x, double[] y, double[][] w1, double[] b1, double[] w2) {
        int d = x[0].length;
        double[] h = new double[b1.length];
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < b1.length; k++) {
                double a = b1[k];
                for (int j = 0; j < d; j++) a += w1[k][j] * x[i][j];
                h[k] = Math.tanh(a);
            }
            double out = 0;
            for (int k = 0; k < h.length; k++) out += w2[k] * h[k];
            total += (out - y[i]) * (out - y[i]);
        }
        return total / x.length;
    }

    /** Covers: the shared row on the right ({@code x[i][j] * w[j]}), a difference ({@code -=}), and a self dot product. */
    @Grad(wrt = {"w", "b"})
    static double swappedAndSubtracted(double[] w, double b, double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double up = b;
            for (int j = 0; j < w.length; j++) up += x[i][j] * w[j];
            double down = y[i];
            for (int j = 0; j < w.length; j++) down -= w[j] * x[i][j];
            sum += Math.log1p(up * up) + down * down;
        }
        double reg = 0;
        for (int j = 0; j < w.length; j++) reg += w[j] * w[j];
        return sum / x.length + 0.01 * reg;
    }

    /** Covers: each row's own length as the bound (not shared by the four rows: one dot each). */
    @Grad(wrt = "w")
    static double ownLengths(double[] w, double[][] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double z = 0.5;
            for (int j = 0; j < x[i].length; j++) z += x[i][j] * w[j];
            sum += Math.sin(z);
        }
        return sum;
    }

    /** Covers: loops that are not dot products: a shifted index, a scaled product, a start past 0, two rows of x. */
    @Grad(wrt = "w")
    static double lookAlikes(double[] w, double[][] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double shifted = 0;
            for (int j = 0; j < w.length - 1; j++) shifted += w[j] * x[i][j + 1];
            double scaled = 0;
            for (int j = 0; j < w.length; j++) scaled += 2 * w[j] * x[i][j];
            double late = 0;
            for (int j = 1; j < w.length; j++) late += w[j] * x[i][j];
            double rows = 0;
            for (int j = 0; j < w.length; j++) rows += x[i][j] * x[x.length - 1 - i][j];
            sum += shifted * scaled + Math.cos(late) + rows * w[0];
        }
        return sum;
    }

    /** Covers: a dot product whose sum is an input's entry read once before (the start is any value). */
    @Grad(wrt = {"w", "x"})
    static double fromAnEntry(double[] w, double[][] x, int k) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double z = x[i][k];
            for (int j = 0; j < w.length; j++) z += w[j] * x[i][j];
            sum += z * z;
        }
        return sum;
    }
}
