package dev.jgrad.tests.zero;

import dev.jgrad.Grad;
import dev.jgrad.Hessian;
import dev.jgrad.Jacobian;
import dev.jgrad.Jit;

/**
 * Values computed before a branch decides not to use them, where their partial derivative is infinite
 * or NaN: the gradient must be the derivative of the branch taken (finite), not {@code 0 * inf}.
 * Each method has a {@code @Jit @Grad} twin. Found by a newcomer trial.
 */
final class UnusedValues {
    private UnusedValues() {}

    /** An overflow-safe softplus: {@code Math.exp(800)} is infinite, and unused above 30. */
    @Grad @Hessian
    static double softplus(double x) {
        double e = Math.exp(x);
        if (x > 30) {
            return x;
        }
        return Math.log1p(e);
    }

    /** A NaN meant as "missing": the product is unused when {@code x} is NaN. */
    @Grad
    static double missing(double x, double y) {
        double r = x * y;
        if (Double.isNaN(x)) {
            return y;
        }
        return r;
    }

    /** A numerically stable logistic loss: {@code ez} is read in one arm of the {@code ?:} only. */
    @Grad
    static double logLoss(double[] w, double[][] x, double[] y) {
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double z = 0;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * x[i][j];
            }
            z = y[i] > 0.5 ? z : -z;
            double ez = Math.exp(-z);
            loss += z > 0 ? Math.log1p(ez) : -z + Math.log1p(Math.exp(z));
        }
        return loss;
    }

    /** {@link #logLoss} under {@code @Jit}. */
    @Jit @Grad
    static double logLossJit(double[] w, double[][] x, double[] y) {
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double z = 0;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * x[i][j];
            }
            z = y[i] > 0.5 ? z : -z;
            double ez = Math.exp(-z);
            loss += z > 0 ? Math.log1p(ez) : -z + Math.log1p(Math.exp(z));
        }
        return loss;
    }

    /** A pairwise energy whose {@code 1 / r} is infinite on the diagonal, which {@code continue} skips. */
    @Grad(wrt = {"x", "y"})
    static double coulomb(double[] x, double[] y) {
        double e = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                double dx = x[i] - x[j];
                double dy = y[i] - y[j];
                double r = Math.sqrt(dx * dx + dy * dy);
                double inv = 1 / r;
                if (i == j) {
                    continue;
                }
                e += 0.5 * inv;
            }
        }
        return e;
    }

    /** {@link #coulomb} under {@code @Jit}. */
    @Jit @Grad(wrt = {"x", "y"})
    static double coulombJit(double[] x, double[] y) {
        double e = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                double dx = x[i] - x[j];
                double dy = y[i] - y[j];
                double r = Math.sqrt(dx * dx + dy * dy);
                double inv = 1 / r;
                if (i == j) {
                    continue;
                }
                e += 0.5 * inv;
            }
        }
        return e;
    }

    /** A Gaussian negative log-likelihood that skips missing entries after standardising them. */
    @Grad @Hessian(wrt = {"mu", "sigma"})
    static double gaussianNll(double[] x, double mu, double sigma) {
        double nll = 0;
        for (int i = 0; i < x.length; i++) {
            double z = (x[i] - mu) / sigma;
            if (Double.isNaN(x[i])) {
                continue;
            }
            nll += 0.5 * z * z + Math.log(sigma);
        }
        return nll;
    }

    /** {@link #gaussianNll} under {@code @Jit}. */
    @Jit @Grad
    static double gaussianNllJit(double[] x, double mu, double sigma) {
        double nll = 0;
        for (int i = 0; i < x.length; i++) {
            double z = (x[i] - mu) / sigma;
            if (Double.isNaN(x[i])) {
                continue;
            }
            nll += 0.5 * z * z + Math.log(sigma);
        }
        return nll;
    }

    /**
     * The softplus of each entry summed, as one output of three inputs: {@code @Jacobian} computes its one row
     * in reverse mode (fewer outputs than inputs), the reverse of the tangent code.
     */
    @Jacobian
    static double[] softplusSum(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double e = Math.exp(x[i]);
            if (x[i] > 30) {
                s += x[i];
            } else {
                s += Math.log1p(e);
            }
        }
        return new double[] {s};
    }
}
