package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: elements of local arrays built up in steps ({@code h[k] = b1[k]; for (j) h[k] += ...;
 * h[k] = Math.tanh(h[k]);}), which {@code @Jit} keeps in a scalar until the last step; and look-alikes
 * it must leave: an element carried over from the previous sample, neighbours read, and a {@code break}.
 */
public final class ElementSteps {
    private ElementSteps() {}

    /** A hidden layer built in place, element by element. */
    @Grad(wrt = {"w1", "b1", "w2"})
    static double hiddenInPlace(double[][] x, double[] y, double[][] w1, double[] b1, double[] w2) {
        int hdim = b1.length;
        double[] h = new double[hdim];
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < hdim; k++) {
                h[k] = b1[k];
                for (int j = 0; j < x[i].length; j++) {
                    h[k] += w1[k][j] * x[i][j];
                }
                h[k] = Math.tanh(h[k]);
            }
            double out = 0;
            for (int k = 0; k < hdim; k++) {
                out += w2[k] * h[k];
            }
            double r = out - y[i];
            total += r * r;
        }
        return total / x.length;
    }

    /** Scores summed into an array's elements, then read by a second loop. */
    @Grad(wrt = {"w"})
    static double scoresThenLoss(double[] w, double[][] x) {
        int n = x.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < w.length; j++) {
                z[i] += w[j] * x[i][j];
            }
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log1p(z[i] * z[i]);
        }
        return s;
    }

    /** Each element keeps what the previous samples added: its first step reads it. */
    @Grad(wrt = {"w"})
    static double carriedOver(double[][] w, double[][] x) {
        int hdim = w.length;
        double[] h = new double[hdim];
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < hdim; k++) {
                for (int j = 0; j < x[i].length; j++) {
                    h[k] += w[k][j] * x[i][j];
                }
                h[k] = 0.5 * h[k];
            }
            for (int k = 0; k < hdim; k++) {
                s += h[k] * h[k];
            }
        }
        return s;
    }

    /** A neighbour read and a break: left as written. */
    @Grad(wrt = {"w"})
    static double neighbours(double[] w, double c) {
        int n = w.length;
        double[] a = new double[n];
        for (int k = 0; k < n; k++) {
            a[k] = w[k] * c;
            a[k] += k > 0 ? 0.5 * a[k - 1] : 0;
            if (a[k] > 10) {
                break;
            }
            a[k] *= a[k];
        }
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += a[k];
        }
        return s;
    }
}
