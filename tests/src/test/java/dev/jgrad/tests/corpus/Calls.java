package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: calls. Static helpers of the same class (returning double, int or double[], void ones
 * that write into array arguments, helpers calling helpers, helpers with several returns), a
 * {@code @Grad} method of the same class, and {@code @Grad} methods of other corpus classes.
 */
public final class Calls {
    private Calls() {}

    static double sq(double v) {
        return v * v;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** A helper that calls two other helpers. */
    static double sigSq(double x) {
        return sigmoid(x) * sq(x);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** A void helper that writes its result into an array argument. */
    static void matvecInto(double[][] w, double[] x, double[] out) {
        for (int i = 0; i < w.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += w[i][j] * x[j];
            }
            out[i] = s;
        }
    }

    /** A void helper that overwrites its array argument in place. */
    static void tanhInPlace(double[] h) {
        for (int i = 0; i < h.length; i++) {
            h[i] = Math.tanh(h[i]);
        }
    }

    /** A helper with an int parameter. */
    static double weighted(double x, int k) {
        return x * (k + 1) + Math.sin(x * k);
    }

    /** A helper with several returns. */
    static double piece(double x) {
        if (x < 0) {
            return -0.5 * x;
        }
        if (x > 1) {
            return Math.log(x) + 1;
        }
        return x * x;
    }

    /** A helper returning an int computed from active values (its result is not differentiated). */
    static int argmax(double[] z) {
        int k = 0;
        for (int i = 1; i < z.length; i++) {
            if (z[i] > z[k]) {
                k = i;
            }
        }
        return k;
    }

    /** A helper returning a fresh double[]. */
    static double[] softmax(double[] z) {
        double m = z[0];
        for (int i = 1; i < z.length; i++) {
            m = Math.max(m, z[i]);
        }
        double[] p = new double[z.length];
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - m);
            s += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= s;
        }
        return p;
    }

    /** Covers: double-returning helpers of the same class, nested calls, a helper that calls helpers. */
    @Grad
    static double scalarHelpers(double x, double y) {
        return sq(x) + sigmoid(x * y) * sq(sigmoid(y)) + sigSq(x - y);
    }

    /** Covers: a helper taking arrays, called with the same active array for both arguments (dot(w, w)). */
    @Grad
    static double arrayHelper(double[] w, double[] x) {
        return dot(w, x) * dot(w, w) + dot(x, x);
    }

    /**
     * Covers: void helpers that write into a local array argument (matvecInto) and overwrite it
     * in place (tanhInPlace), then a double helper that reads it.
     */
    @Grad
    static double voidHelpers(double[][] w, double[] x) {
        double[] h = new double[w.length];
        matvecInto(w, x, h);
        tanhInPlace(h);
        return dot(h, h) + sq(h[0]);
    }

    /** Covers: calls to @Grad methods of other corpus classes (Basics, Loops, MathFunctions). */
    @Grad
    static double crossClass(double x, double[] v) {
        return Basics.poly(x) * 0.1 + Loops.sumOfSquares(v) + MathFunctions.trig(0.5 * x);
    }

    /** Covers: a helper with an int argument called in a loop whose accumulator is overwritten. */
    @Grad
    static double helperInLoop(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s = s * 0.5 + weighted(x[i], i);
        }
        return s;
    }

    /** Covers: a helper with several return statements, called from an enhanced for. */
    @Grad
    static double helperWithReturns(double[] x) {
        double s = 0;
        for (double v : x) {
            s += piece(v);
        }
        return s;
    }

    /** Covers: an int-returning helper (argmax) that selects an element; the int itself adds a constant. */
    @Grad
    static double intHelper(double[] z) {
        int k = argmax(z);
        return z[k] * 2 + Math.log(dot(z, z) + 1) + k;
    }

    /** Covers: a helper that returns a new double[] (softmax), indexed by an int parameter. */
    @Grad
    static double arrayReturningHelper(double[] z, int label) {
        double[] p = softmax(z);
        return -Math.log(p[label]);
    }

    /** Covers: a @Grad method of the same class called twice, with active and constant arguments. */
    @Grad
    static double gradCallsGrad(double x, double y) {
        return scalarHelpers(x, y) * scalarHelpers(y, 0.5) + sq(x);
    }

    /**
     * Covers: rows of a parameter and of a local double[][] passed to helpers; a void helper
     * writing into a row of a local matrix.
     */
    @Grad
    static double rowsThroughHelpers(double[][] m) {
        double[][] h = new double[m.length][m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                h[i][j] = m[i][j] * 2;
            }
            tanhInPlace(h[i]);
        }
        double s = 0;
        for (int i = 0; i < m.length; i++) {
            s += dot(h[i], m[i]);
        }
        return s;
    }
}
