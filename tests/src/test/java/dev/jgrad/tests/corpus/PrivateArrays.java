package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: local arrays written and read inside each iteration of a loop over samples (a hidden layer
 * {@code h[k] = Math.tanh(...)}), declared before the loop or in it, and an inner loop that carries a
 * recurrence inside each iteration (a Monte Carlo path). Under {@code @Jit @Grad} (the jit corpus) the
 * sample loop keeps its fused, tape-free, parallel form where the array is private to an iteration;
 * the methods whose array carries a value from one iteration to the next, or out of the loop, keep the
 * taped gradient, and their values and gradients must be as right.
 */
public final class PrivateArrays {
    private PrivateArrays() {}

    /** Covers: the natural MLP, its hidden layer in one array declared before the loop over samples. */
    @Grad(wrt = {"w1", "b1", "w2", "b2"})
    static double naturalMlp(double[][] x, double[] y, double[][] w1, double[] b1, double[] w2, double b2) {
        int n = x.length, hdim = b1.length, d = x[0].length;
        double[] h = new double[hdim];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < hdim; k++) {
                double a = b1[k];
                for (int j = 0; j < d; j++) a += w1[k][j] * x[i][j];
                h[k] = Math.tanh(a);
            }
            double out = b2;
            for (int k = 0; k < hdim; k++) out += w2[k] * h[k];
            double r = out - y[i];
            total += r * r;
        }
        return total / n;
    }

    /**
     * Covers: a private hidden layer under a loss that is not linear in the loop's sum (the log of
     * the mean): the gradient takes two passes, and the second fills the layer again.
     */
    @Grad(wrt = {"w1", "w2"})
    static double logOfMeanLoss(double[][] x, double[] y, double[][] w1, double[] w2) {
        int n = x.length, hdim = w2.length;
        double[] h = new double[hdim];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < h.length; k++) {
                double a = 0;
                for (int j = 0; j < x[i].length; j++) a += w1[k][j] * x[i][j];
                h[k] = Math.tanh(a);
            }
            double out = 0;
            for (int k = 0; k < hdim; k++) out += w2[k] * h[k];
            total += (out - y[i]) * (out - y[i]);
        }
        return Math.log(1 + total / n);
    }

    /** Covers: the same network with the hidden layer allocated inside the loop, bounded by its length. */
    @Grad(wrt = {"w1", "b1", "w2", "b2"})
    static double hiddenInsideLoop(double[][] x, double[] y, double[][] w1, double[] b1, double[] w2, double b2) {
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double[] h = new double[b1.length];
            for (int k = 0; k < h.length; k++) {
                double a = b1[k];
                for (int j = 0; j < x[i].length; j++) a += w1[k][j] * x[i][j];
                h[k] = Math.tanh(a);
            }
            double out = b2;
            for (int k = 0; k < h.length; k++) out += w2[k] * h[k];
            total += (out - y[i]) * (out - y[i]);
        }
        return total / x.length;
    }

    /**
     * Covers: two hidden layers, the second read from the first, both declared before the loop (the
     * first filled up to its own length, which the buffer of its hidden units is then sized by).
     */
    @Grad(wrt = {"w1", "w2", "v"})
    static double twoHiddenLayers(double[][] x, double[] y, double[][] w1, double[][] w2, double[] v) {
        int n = x.length, h1dim = w1.length, h2dim = w2.length;
        double[] h1 = new double[h1dim];
        double[] h2 = new double[h2dim];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < h1.length; k++) {
                double a = 0;
                for (int j = 0; j < x[i].length; j++) a += w1[k][j] * x[i][j];
                h1[k] = Math.tanh(a);
            }
            for (int k = 0; k < h2dim; k++) {
                double a = 0;
                for (int j = 0; j < h1dim; j++) a += w2[k][j] * h1[j];
                h2[k] = Math.log1p(Math.exp(a));
            }
            double out = 0;
            for (int k = 0; k < h2dim; k++) out += v[k] * h2[k];
            double r = out - y[i];
            total += r * r;
        }
        return 0.5 * total / n;
    }

    /** Covers: a private matrix (the outer product of a sample with itself), filled by a nest of two loops. */
    @Grad(wrt = {"a"})
    static double privateMatrix(double[][] x, double[][] a) {
        int n = x.length, d = a.length;
        double[][] p = new double[d][d];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                for (int j = 0; j < d; j++) {
                    p[k][j] = Math.sin(a[k][j] * x[i][k] * x[i][j]);
                }
            }
            double q = 0;
            for (int k = 0; k < d; k++) {
                for (int j = 0; j < d; j++) q += p[k][j] * p[j][k];
            }
            total += q;
        }
        return total / n;
    }

    /**
     * Covers: an array read before this iteration writes it (the previous sample's hidden unit feeds
     * this one's): a dependence between iterations, so no privatisation (the taped gradient).
     */
    @Grad(wrt = {"w", "c"})
    static double readBeforeWritten(double[][] x, double[] w, double c) {
        int n = x.length, d = w.length;
        double[] h = new double[d];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double carried = h[0];
            for (int k = 0; k < d; k++) {
                h[k] = Math.tanh(w[k] * x[i][k] + c * carried);
            }
            for (int k = 0; k < d; k++) total += h[k];
        }
        return total;
    }

    /** Covers: a hidden layer read after the loop (its last sample's values): not private (the taped gradient). */
    @Grad(wrt = {"w"})
    static double readAfterLoop(double[][] x, double[] w) {
        int n = x.length, d = w.length;
        double[] h = new double[d];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                h[k] = Math.sin(w[k] * x[i][k]);
            }
            for (int k = 0; k < d; k++) total += h[k] * h[k];
        }
        return total + h[0] + 2 * h[d - 1];
    }

    /**
     * Covers: a fill that covers only part of the array (the rest keeps what an earlier iteration, or
     * nothing, wrote): not private (the taped gradient).
     */
    @Grad(wrt = {"w"})
    static double partlyFilled(double[][] x, double[] w, int m) {
        int n = x.length, d = w.length;
        double[] h = new double[d];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) {
                h[k] = Math.cos(w[k] * x[i][k] + i);
            }
            for (int k = 0; k < d; k++) total += h[k] * w[k];
        }
        return total;
    }

    /**
     * Covers: a Monte Carlo pricer's paths: each path's price carried over its time steps by
     * {@code s *= exp(...)}, the payoff averaged over the independent paths.
     */
    @Grad(wrt = {"s0", "mu", "sig"})
    static double monteCarlo(double[][] z, double s0, double mu, double sig, double strike, double dt) {
        int n = z.length, steps = z[0].length;
        double sq = Math.sqrt(dt);
        double total = 0;
        for (int i = 0; i < n; i++) {
            double s = s0;
            for (int t = 0; t < steps; t++) s *= Math.exp((mu - 0.5 * sig * sig) * dt + sig * sq * z[i][t]);
            total += Math.max(s - strike, 0.0);
        }
        return Math.exp(-mu) * total / n;
    }

    /**
     * Covers: two values carried over a path's steps, one read after the other is updated (an Asian
     * option's running average of the price), and a sum over the steps into a local of the path.
     */
    @Grad(wrt = {"mu", "sig"})
    static double asianPaths(double[][] z, double s0, double mu, double sig) {
        double total = 0;
        for (int i = 0; i < z.length; i++) {
            double s = s0;
            double avg = 0;
            double wiggle = 0;
            for (int t = 0; t < z[0].length; t++) {
                double step = mu + sig * z[i][t];
                s = s * (1 + 0.1 * step);
                avg = 0.5 * avg + 0.5 * s * s;
                wiggle += Math.sin(s);
            }
            total += avg + 0.1 * wiggle + s;
        }
        return total / z.length;
    }

    /**
     * Covers: a recurrence whose carried value is also read before its loop (that read's adjoint needs
     * the value from before the steps), and a tail that is not linear in the sum (two passes).
     */
    @Grad(wrt = {"w", "c"})
    static double readBeforeSteps(double[][] z, double w, double c) {
        int steps = z[0].length;
        double total = 0;
        for (int i = 0; i < z.length; i++) {
            double s = w * (1 + 0.1 * z[i][0]);
            double before = s * s;
            for (int t = 0; t < steps; t++) {
                s = s * (1 + 0.05 * z[i][t]) + c * Math.sin(s);
            }
            total += before * s;
        }
        return Math.log(1 + total * total);
    }

    /** Covers: a recurrence in an inner loop of independent iterations (paths of each asset) inside the outer one. */
    @Grad(wrt = {"vol"})
    static double pathsPerAsset(double[][] z, double[] vol) {
        int steps = z[0].length;
        double total = 0;
        for (int a = 0; a < vol.length; a++) {
            double second = 0;
            for (int p = 0; p < z.length; p++) {
                double s = 1;
                for (int t = 0; t < steps; t++) s *= 1 + 0.2 * vol[a] * z[p][t];
                second += s * s;
            }
            total += Math.sqrt(second / z.length);
        }
        return total;
    }

    /** Covers: a recurrent unit over each sequence's steps ({@code h = tanh(w h + u x)}), the state carried. */
    @Grad(wrt = {"w", "u"})
    static double recurrentUnit(double[][] x, double[] y, double w, double u) {
        int steps = x[0].length;
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double state = 0;
            for (int t = 0; t < steps; t++) state = Math.tanh(w * state + u * x[i][t]);
            total += (state - y[i]) * (state - y[i]);
        }
        return total / x.length;
    }

    /** Covers: a private array filled by a recurrence (a path kept step by step), read after it. */
    @Grad(wrt = {"mu", "sig"})
    static double storedPath(double[][] z, double mu, double sig) {
        int steps = z[0].length;
        double[] path = new double[steps];
        double total = 0;
        for (int i = 0; i < z.length; i++) {
            double s = 1;
            for (int t = 0; t < steps; t++) {
                s = s * Math.exp(mu + sig * z[i][t]);
                path[t] = s;
            }
            double second = 0;
            for (int t = 0; t < steps; t++) second += path[t] * path[t];
            total += Math.sqrt(second / steps);
        }
        return total / z.length;
    }
}
