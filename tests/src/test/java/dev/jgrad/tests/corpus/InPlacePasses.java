package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: a local array filled by one loop and then updated in place by another ({@code for (k) z[k] =
 * Math.tanh(z[k]);}), which the fused gradient takes as a second array written once; and look-alikes that
 * must keep the source's single array: a pass over part of it, neighbours read, a conditional write.
 */
public final class InPlacePasses {
    private InPlacePasses() {}

    /** A hidden layer's sums, then its activations in place. */
    @Grad(wrt = {"w1", "b1", "w2"})
    static double activationsInPlace(double[][] w1, double[] b1, double[] w2, double[][] x, double[] y) {
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double[] z = new double[b1.length];
            for (int k = 0; k < z.length; k++) {
                z[k] = b1[k];
                for (int j = 0; j < x[i].length; j++) {
                    z[k] += w1[k][j] * x[i][j];
                }
            }
            for (int k = 0; k < z.length; k++) {
                z[k] = Math.tanh(z[k]);
            }
            double out = 0;
            for (int k = 0; k < z.length; k++) {
                out += w2[k] * z[k];
            }
            double r = out - y[i];
            loss += r * r;
        }
        return loss / x.length;
    }

    /** Standardised in place, then squared in place again; the last entry read by the return. */
    @Grad
    static double standardiseTwice(double[] x) {
        int n = x.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = x[i];
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += z[i];
        }
        mean /= n;
        for (int i = 0; i < n; i++) {
            z[i] = z[i] - mean;
        }
        for (int i = 0; i < n; i++) {
            double old = z[i];
            z[i] = old * old + 0.5 * old;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += z[i];
        }
        return s + z[n - 1];
    }

    /** An in-place pass that reads the previous element: a running sum, the source's one array. */
    @Grad
    static double prefixInPlace(double[] x) {
        double[] c = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i] * x[i];
        }
        for (int i = 1; i < x.length; i++) {
            c[i] = c[i] + c[i - 1];
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.sqrt(1 + c[i]);
        }
        return s;
    }

    /** Clipped in place where negative (a conditional write), then over all but the last entry. */
    @Grad
    static double partialPasses(double[] x) {
        int n = x.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = Math.sin(x[i]) - 0.5;
        }
        for (int i = 0; i < n; i++) {
            if (z[i] < 0) {
                z[i] = 0.1 * z[i];
            }
        }
        for (int i = 0; i < n - 1; i++) {
            z[i] = z[i] * x[i + 1];
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += z[i] * z[i];
        }
        return s;
    }

    /** Per sample: softmax probabilities computed in place over the logits. */
    @Grad(wrt = {"w"})
    static double softmaxInPlace(double[][] w, double[][] x, int[] label) {
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double[] p = new double[w.length];
            for (int c = 0; c < w.length; c++) {
                for (int j = 0; j < x[i].length; j++) {
                    p[c] += w[c][j] * x[i][j];
                }
            }
            double sum = 0;
            for (int c = 0; c < w.length; c++) {
                sum += Math.exp(p[c]);
            }
            for (int c = 0; c < w.length; c++) {
                p[c] = Math.exp(p[c]) / sum;
            }
            loss -= Math.log(p[label[i]]);
        }
        return loss;
    }
}
