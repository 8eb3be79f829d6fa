package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;
import dev.jgrad.Jacobian;
import dev.jgrad.Jit;
import dev.jgrad.Jvp;

/**
 * Corpus: methods that return {@code double[]}, under {@code @Jvp} and {@code @Jacobian}
 * ({@code VectorsTest}), each with a {@code @Grad} method {@code fAt(..., i)} that returns element
 * {@code i} of its result: the registry's cases, against which the Jacobian's rows are checked. Two
 * carry {@code @Jit} as well: {@code VectorsJit} returns {@code double[]}, and {@code @Jit @Jvp} is
 * the rewritten tangent code.
 */
public final class Vectors {
    private Vectors() {}

    /** Covers: the residuals of a curve fit (more outputs than parameters: forward mode). */
    @Jvp(wrt = "p") @Jacobian(wrt = "p")
    static double[] residuals(double[] p, double[] t, double[] y) {
        double[] r = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            r[i] = p[0] * Math.exp(-p[1] * t[i]) + p[2] - y[i];
        }
        return r;
    }

    @Grad(wrt = "p")
    static double residualsAt(double[] p, double[] t, double[] y, int i) {
        return residuals(p, t, y)[i];
    }

    /** Covers: as many outputs as inputs, each depending on every input; under @Jit too. */
    @Jit @Jvp @Jacobian
    static double[] softmax(double[] z) {
        double max = z[0];
        for (double v : z) {
            max = Math.max(max, v);
        }
        double[] e = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < z.length; i++) {
            e[i] /= sum;
        }
        return e;
    }

    @Grad
    static double softmaxAt(double[] z, int i) {
        return softmax(z)[i];
    }

    /**
     * Covers: a matrix and a scalar in, two outputs (more inputs than outputs: reverse mode), an array
     * literal; under @Jit too.
     */
    @Jit @Jvp @Jacobian
    static double[] moments(double[][] x, double shift) {
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (double[] row : x) {
            for (double v : row) {
                sum += v;
                squares += v * v;
                n++;
            }
        }
        double mean = sum / n + shift;
        return new double[] {mean, squares / n - (mean - shift) * (mean - shift)};
    }

    @Grad
    static double momentsAt(double[][] x, double shift, int i) {
        return moments(x, shift)[i];
    }

    /** Covers: a method that writes into its input and returns it. */
    @Jvp @Jacobian
    static double[] normalizeInPlace(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i];
        }
        s = Math.sqrt(s);
        for (int i = 0; i < x.length; i++) {
            x[i] /= s;
        }
        return x;
    }

    @Grad
    static double normalizeInPlaceAt(double[] x, int i) {
        double[] c = x.clone();
        return normalizeInPlace(c)[i];
    }

    /** Covers: early returns of different arrays, one of them a literal, in a branch on an input. */
    @Jvp @Jacobian
    static double[] piecewise(double[] x, double a) {
        if (a > 0) {
            return new double[] {a * x[0], Math.sin(x[1]), x[0] * x[1]};
        }
        double[] r = new double[3];
        for (int i = 0; i < 3; i++) {
            r[i] = a * a * x[i % 2];
            if (r[i] > 10) {
                return r;
            }
        }
        return r;
    }

    @Grad
    static double piecewiseAt(double[] x, double a, int i) {
        return piecewise(x, a)[i];
    }
}
