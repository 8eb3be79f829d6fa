package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;
import dev.jgrad.Ops;

/**
 * Corpus: {@code Math.log1p}, which {@code @Jit} computes by {@code JitMath.log1p} (a table of logarithms, within
 * 1 ulp), in the forms people write it: the logistic loss of W2 ({@code max(z, 0) - y z + log1p(exp(-|z|))}) in a
 * loop that {@code @Jit} runs four rows at a time (rows shorter and longer than {@code Simd.dot4}'s threshold, a
 * count of rows that leaves a remainder), the naive softplus, a softplus helper, {@code log(1 - exp(-a))}, the
 * lowered {@code Ops.log1p}, and arguments in every range of the formulation: tiny, both sides of 0, the pieces
 * around {@code 1 + x = 1}, near {@code sqrt(2) - 1}, between {@code -1} and {@code -0.5} ({@code Math.log} there)
 * and large. The derivative, {@code 1 / (1 + x)}, reads the argument, so value and gradient agree.
 */
public final class LogisticForms {
    private LogisticForms() {}

    /** Covers: W2's L2-regularised logistic regression (four rows at a time, dot4 or four sums, and the last rows). */
    @Grad(wrt = {"w", "b"})
    static double logistic(double[] w, double b, double[][] x, double[] y, double lambda) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double z = b;
            for (int j = 0; j < w.length; j++) z += w[j] * x[i][j];
            sum += Math.max(z, 0.0) - y[i] * z + Math.log1p(Math.exp(-Math.abs(z)));
        }
        double reg = 0;
        for (int j = 0; j < w.length; j++) reg += w[j] * w[j];
        return sum / x.length + 0.5 * lambda * reg;
    }

    /** Covers: the same loss over rows longer than dot4's threshold (37 features), the terms in another order, no penalty. */
    @Grad(wrt = {"w", "b"})
    static double logisticWide(double[] w, double b, double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double z = b;
            for (int j = 0; j < w.length; j++) z += x[i][j] * w[j];
            sum += Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0.0) - y[i] * z;
        }
        return sum / x.length;
    }

    /** Covers: the naive softplus {@code log1p(exp(z))}, arguments from near 0 to large, and a weight per sample. */
    @Grad(wrt = "w")
    static double naiveSoftplus(double[] w, double[] x, double[] weight) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += weight[i] * Math.log1p(Math.exp(w[i] * x[i]));
        }
        return s;
    }

    /** Covers: log1p in a helper called from two places (the stable softplus), a binary cross-entropy. */
    @Grad(wrt = {"w", "b"})
    static double crossEntropy(double[] w, double b, double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double z = b;
            for (int j = 0; j < w.length; j++) z += w[j] * x[i][j];
            sum += y[i] * softplus(-z) + (1 - y[i]) * softplus(z);
        }
        return sum / x.length;
    }

    private static double softplus(double z) {
        return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** Covers: log1p of arguments in (-1, 0): {@code log(1 - exp(-a))} for a above ln 2 (table) and below (Math.log). */
    @Grad
    static double log1mexp(double a, double c) {
        return Math.log1p(-Math.exp(-a)) + Math.log1p(-Math.exp(-c)) * c;
    }

    /** Covers: the ranges of the formulation in one function: tiny, the pieces around 0, sqrt(2) - 1, large, near -1. */
    @Grad
    static double ranges(double x, double y) {
        return 1e12 * Math.log1p(1e-12 * x)
                + 1e300 * Math.log1p(1e-300 * y)
                + Math.log1p(0.003 * x - 0.002 * y)
                + Math.log1p(0.41421356 + 0.01 * x)
                + Math.log1p(1e6 + x * y)
                + Math.log1p(-0.999 + 1e-4 * (x * x + 1))
                + Math.log1p(0.6 * y) * x;
    }

    /** Covers: Ops.log1p of a vector, lowered into the loop of the matrix-vector product. */
    @Grad(wrt = "w")
    static double opsLog1p(double[] w, double[][] x) {
        return Ops.mean(Ops.log1p(Ops.square(Ops.matvec(x, w))));
    }
}
