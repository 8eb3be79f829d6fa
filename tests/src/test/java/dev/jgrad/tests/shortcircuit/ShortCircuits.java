package dev.jgrad.tests.shortcircuit;

import dev.jgrad.Grad;
import dev.jgrad.Jit;

/**
 * Calls the gradients give locals of their own ({@code Math.exp}, {@code sqrt}: their adjoints read
 * their values) where the source may not run them: on the right of {@code &&} and {@code ||}, and after
 * an operand that throws first. Found by an adversarial trial: the one-pass gradients and the helpers'
 * derivative methods ran them ahead of the statement. And an array private to each iteration, whose
 * allocation throws where the source makes it even when the loop does not run.
 */
public final class ShortCircuits {
    private ShortCircuits() {}

    @Grad(wrt = "x")
    static double andInLoop(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            boolean ok = i < y.length && Math.exp(y[i]) > 1;
            s += ok ? x[i] * x[i] : x[i];
        }
        return s;
    }

    @Jit @Grad(wrt = "x")
    static double andInLoopJit(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            boolean ok = i < y.length && Math.exp(y[i]) > 1;
            s += ok ? x[i] * x[i] : x[i];
        }
        return s;
    }

    @Grad(wrt = "x")
    static double orNegated(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            boolean c = !(i >= y.length || Math.sqrt(y[i]) < 1);
            s += c ? x[i] * 2 : x[i] * x[i];
        }
        return s;
    }

    /** A helper whose derivative methods are generated: the square root runs only where k is not 0. */
    static double bend(double v, int k) {
        boolean big = k != 0 && Math.sqrt(10 / k) > 2;
        double r = big ? v * Math.sin(v) : v * Math.cos(v);
        return r + Math.sin(v) * Math.cos(v);
    }

    @Grad
    static double twice(double u, int k) {
        return bend(u, k) + bend(u * 2, k);
    }

    @Jit @Grad(wrt = "x")
    static double bentRows(double[] x, int k) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += bend(x[i], k);
        }
        return s;
    }

    /** Of two errors, y[2] (an index out of bounds) comes before 10 / n (a division by zero). */
    @Grad
    static double firstError(double[] y, double u, int n) {
        return y[2] * Math.exp(10 / n) * u;
    }

    @Jit @Grad(wrt = "u")
    static double firstErrorInLoop(double[] y, double u, int n) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += y[i + 1] * Math.exp(10 / n) * u;
        }
        return s;
    }

    /** A hidden layer private to each sample's iteration; new double[hdim] throws for a negative size. */
    @Jit @Grad(wrt = "w")
    static double privateLayer(double[] w, double[][] x, int hdim) {
        double sum = 0;
        double[] h = new double[hdim];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < hdim; k++) {
                h[k] = Math.tanh(w[k] * x[i][k]);
            }
            for (int k = 0; k < hdim; k++) {
                sum += h[k] * h[k];
            }
        }
        return sum;
    }
}
