package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: dense layers written as natural loops over a batch, which {@code @Jit} runs four samples at a time
 * and, with the Vector API, in i-k-j order ({@code transform.Layers}: the starting values stored, then one
 * {@code dev.jgrad.runtime.Simd.matVec4} call whose vector lanes are the layer's entries), and look-alikes it
 * leaves to the dot products. Layers are past a vector's lanes and not a multiple of them (the kernel's two
 * vectors, one vector and last entries all run), and batches not a multiple of four (the remainder runs), the
 * longest arrays (which the large-data runs repeat).
 */
public final class MatmulOrders {
    private MatmulOrders() {}

    /** Covers: a linear hidden layer (no activation), squared downstream; bounds are locals. */
    @Grad(wrt = {"w1", "b1", "w2"})
    static double linear(double[][] x, double[][] w1, double[] b1, double[] w2) {
        int n = x.length, m = b1.length, d = x[0].length;
        double[] h = new double[m];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) {
                double a = b1[k];
                for (int j = 0; j < d; j++) a += w1[k][j] * x[i][j];
                h[k] = a;
            }
            double out = 0;
            for (int k = 0; k < m; k++) out += w2[k] * h[k] * h[k];
            total += out;
        }
        return total / n;
    }

    /** Covers: two tanh layers, the second reading the first's array (its rows are local arrays). */
    @Grad(wrt = {"w1", "w2", "v"})
    static double twoLayers(double[][] x, double[] y, double[][] w1, double[][] w2, double[] v) {
        int n = x.length, m1 = w2[0].length, m2 = v.length, d = x[0].length;
        double[] h1 = new double[m1];
        double[] h2 = new double[m2];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m1; k++) {
                double a = 0.25;
                for (int j = 0; j < d; j++) a += w1[k][j] * x[i][j];
                h1[k] = Math.tanh(a);
            }
            for (int k = 0; k < m2; k++) {
                double a = -0.125;
                for (int j = 0; j < m1; j++) a += h1[j] * w2[k][j];
                h2[k] = Math.tanh(a);
            }
            double out = 0;
            for (int k = 0; k < m2; k++) out += v[k] * h2[k];
            double r = out - y[i];
            total += r * r;
        }
        return total;
    }

    /** Covers: a wide layer (two vectors, one vector and the last entries) whose start is a scalar parameter. */
    @Grad(wrt = {"w", "bias"})
    static double wide(double[][] x, double[][] w, double bias) {
        int d = x[0].length;
        double[] h = new double[w.length];
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < h.length; k++) {
                double a = bias;
                for (int j = 0; j < d; j++) a += w[k][j] * x[i][j];
                h[k] = Math.tanh(a);
            }
            for (int k = 0; k < h.length; k++) total += h[k] * (k % 3 - 1);
        }
        return total;
    }

    /** Covers: the bias added after the products, inside the activation (the sum starts from it under {@code @Jit}). */
    @Grad(wrt = {"w", "b"})
    static double biasAfter(double[][] x, double[] y, double[][] w, double[] b) {
        int d = x[0].length;
        double[] h = new double[b.length];
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < h.length; k++) {
                double z = 0;
                for (int j = 0; j < d; j++) z += x[i][j] * w[k][j];
                h[k] = Math.tanh(z + b[k]);
            }
            double s = 0;
            for (int k = 0; k < h.length; k++) s += h[k] * (1 - 0.1 * k);
            loss += Math.log1p(Math.exp(-y[i] * s));
        }
        return loss / x.length;
    }

    /** Covers (left to the dot products): a sum taken away ({@code a -= ...}) and one read again in the loop. */
    @Grad(wrt = {"w1", "w2"})
    static double lookAlikes(double[][] x, double[][] w1, double[] w2) {
        int d = x[0].length;
        double[] h = new double[w2.length];
        double[] g = new double[w2.length];
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double side = 0;
            for (int k = 0; k < h.length; k++) {
                double a = 0.5;
                for (int j = 0; j < d; j++) a -= w1[k][j] * x[i][j];
                h[k] = Math.tanh(a);
            }
            for (int k = 0; k < g.length; k++) {
                double a = 0;
                for (int j = 0; j < d; j++) a += w1[k][j] * x[i][j];
                g[k] = a;
                side += a * w2[k];
            }
            for (int k = 0; k < h.length; k++) total += w2[k] * h[k] + 0.1 * g[k] * g[k];
            total += side * side;
        }
        return total;
    }
}
