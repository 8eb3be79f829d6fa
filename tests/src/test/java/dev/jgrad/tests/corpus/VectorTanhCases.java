package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: loops that store {@code Math.tanh} into an array, which {@code @Jit} splits into a loop that
 * stores the arguments and one {@code dev.jgrad.runtime.Simd.tanh} call over the array (in vector lanes with
 * the Vector API), and look-alikes that it must leave as they are: {@code tanh} of an expression that reads
 * the array being written, a value also read in the loop, a store under a branch, into an input array.
 * Lengths are past a vector's lanes and not a multiple of them, so that the kernel's last entries run.
 */
public final class VectorTanhCases {
    private VectorTanhCases() {}

    /** Covers: a hidden layer filled per sample (split in the groups of four samples and the remainder). */
    @Grad(wrt = {"w1", "b1", "w2"})
    static double layer(double[][] x, double[] y, double[][] w1, double[] b1, double[] w2) {
        int d = x[0].length;
        double[] h = new double[b1.length];
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < h.length; k++) {
                double a = b1[k];
                for (int j = 0; j < d; j++) a += w1[k][j] * x[i][j];
                h[k] = Math.tanh(a);
            }
            double out = 0.1;
            for (int k = 0; k < h.length; k++) out += w2[k] * h[k];
            double r = out - y[i];
            total += r * r;
        }
        return total / x.length;
    }

    /** Covers: one loop over the entries, no loop over samples; the value through a local, two arrays filled. */
    @Grad(wrt = {"w", "v"})
    static double twoArrays(double[] w, double[] v, double[] x) {
        int n = x.length;
        double[] g = new double[n];
        double[] h = new double[n];
        for (int k = 0; k < n; k++) {
            double t = Math.tanh(w[k] * x[k] + 0.25);
            g[k] = Math.tanh(v[k] - x[k]);
            h[k] = t;
        }
        double s = 0;
        for (int k = 0; k < n; k++) s += g[k] * h[k] + 0.5 * h[k];
        return s;
    }

    /** Covers (left as written): tanh of an expression that reads the array being written (a recurrence). */
    @Grad(wrt = "w")
    static double readsItself(double[] w, double[] x) {
        double[] h = new double[x.length];
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            h[k] = Math.tanh(w[0] * x[k] + w[1] * (k > 0 ? h[k - 1] : 0.0));
        }
        for (int k = 0; k < x.length; k++) s += h[k] * h[k];
        return s;
    }

    /** Covers (left as written): the value also read in the loop, after its store (a running sum). */
    @Grad(wrt = {"w1", "w2"})
    static double valueReadInTheLoop(double[][] x, double[][] w1, double[] w2) {
        double[] h = new double[w2.length];
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double out = 0;
            for (int k = 0; k < w2.length; k++) {
                double a = 0;
                for (int j = 0; j < x[i].length; j++) a += w1[k][j] * x[i][j];
                double t = Math.tanh(a);
                h[k] = t;
                out += w2[k] * t;
            }
            double hh = 0;
            for (int k = 0; k < h.length; k++) hh += h[k] * h[k];
            total += out * out + 0.1 * hh;
        }
        return total;
    }

    /** Covers (left as written): tanh stored under a branch, and tanh of StrictMath (fdlibm's, as asked). */
    @Grad(wrt = "w")
    static double branchedAndStrict(double[] w, double[] x) {
        int n = x.length;
        double[] h = new double[n];
        double[] g = new double[n];
        for (int k = 0; k < n; k++) {
            if (x[k] > 0) {
                h[k] = Math.tanh(w[k] * x[k]);
            } else {
                h[k] = w[k] * x[k];
            }
            g[k] = StrictMath.tanh(w[k] + x[k]);
        }
        double s = 0;
        for (int k = 0; k < n; k++) s += h[k] + g[k] * g[k];
        return s;
    }

    /** Covers: a layer written as h[k] = tanh(...) with the bound a local, the sample's squared error summed. */
    @Grad(wrt = {"w1", "w2"})
    static double boundedByALocal(double[][] x, double[][] w1, double[] w2, double[] y) {
        int hdim = w2.length;
        int d = x[0].length;
        double[] h = new double[hdim];
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < hdim; k++) {
                double a = -0.1;
                for (int j = 0; j < d; j++) a += w1[k][j] * x[i][j];
                h[k] = Math.tanh(2.0 * a);
            }
            double out = 0;
            for (int k = 0; k < hdim; k++) out += w2[k] * h[k];
            total += (out - y[i]) * (out - y[i]);
        }
        return 0.5 * total;
    }

    static double activation(double z) {
        return Math.tanh(z);
    }

    /** Covers: the activation as a helper (inlined), the hidden layer allocated in each sample's iteration. */
    @Grad(wrt = {"w1", "w2"})
    static double helperActivation(double[][] x, double[] y, double[][] w1, double[] w2) {
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double[] h = new double[w2.length];
            for (int k = 0; k < h.length; k++) {
                double a = 0.2;
                for (int j = 0; j < x[i].length; j++) a += w1[k][j] * x[i][j];
                h[k] = activation(a);
            }
            double out = 0;
            for (int k = 0; k < h.length; k++) out += w2[k] * h[k];
            total += (out - y[i]) * (out - y[i]);
        }
        return total / x.length;
    }
}
