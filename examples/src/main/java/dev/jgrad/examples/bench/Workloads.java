package dev.jgrad.examples.bench;

import dev.jgrad.Grad;
import dev.jgrad.Jit;

/**
 * The benchmark workloads W2 and W3, each written once as a plain loop with {@code @Jit @Grad}, and
 * an identical copy with {@code @Grad} only for the benchmark's "@Grad-only gradient" row (with both
 * annotations, {@code WorkloadsGrad.f} is the optimised gradient, so the unoptimised one needs a
 * method of its own). W1 is the seed example's {@code Losses.mse} itself.
 */
public final class Workloads {
    private Workloads() {}

    /**
     * W2: L2-regularised logistic regression, labels {@code y[i]} in {0, 1}. The mean of the logistic
     * loss {@code log(1 + exp(z)) - y z} of the margins {@code z = b + w·x[i]}, written in the form
     * that neither overflows nor loses digits ({@code max(z, 0) + log1p(exp(-|z|))}), plus
     * {@code lambda/2 |w|^2}.
     */
    @Jit @Grad(wrt = {"w", "b"})
    public static double logistic(double[] w, double b, double[][] x, double[] y, double lambda) {
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

    /** {@link #logistic} with {@code @Grad} only. */
    @Grad(wrt = {"w", "b"})
    public static double logisticNoJit(double[] w, double b, double[][] x, double[] y, double lambda) {
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

    /**
     * W3: a one-hidden-layer tanh network, {@code out = b2 + w2·tanh(w1 x + b1)}, and the mean squared
     * error of its outputs on a batch. {@code w1[k]} is the row of input weights of hidden unit
     * {@code k} (64 × 32 in the benchmark).
     */
    @Jit @Grad(wrt = {"w1", "b1", "w2", "b2"})
    public static double mlp(double[][] w1, double[] b1, double[] w2, double b2, double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double out = b2;
            for (int k = 0; k < w1.length; k++) {
                double a = b1[k];
                for (int j = 0; j < w1[k].length; j++) a += w1[k][j] * x[i][j];
                out += w2[k] * Math.tanh(a);
            }
            double r = out - y[i];
            sum += r * r;
        }
        return sum / x.length;
    }

    /** {@link #mlp} with {@code @Grad} only. */
    @Grad(wrt = {"w1", "b1", "w2", "b2"})
    public static double mlpNoJit(double[][] w1, double[] b1, double[] w2, double b2, double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double out = b2;
            for (int k = 0; k < w1.length; k++) {
                double a = b1[k];
                for (int j = 0; j < w1[k].length; j++) a += w1[k][j] * x[i][j];
                out += w2[k] * Math.tanh(a);
            }
            double r = out - y[i];
            sum += r * r;
        }
        return sum / x.length;
    }
}
