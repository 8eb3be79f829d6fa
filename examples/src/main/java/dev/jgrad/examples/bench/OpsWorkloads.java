package dev.jgrad.examples.bench;

import static dev.jgrad.Ops.*;

import dev.jgrad.Grad;
import dev.jgrad.Jit;

/**
 * W1 and W3 written with {@code dev.jgrad.Ops}, as a {@code jax.numpy} user writes them: the same
 * losses as {@code Losses.mse} and {@link Workloads#mlp}, for the benchmark's Ops rows. The source
 * methods run the Ops eagerly (each op allocating its result); each has an identical copy with
 * {@code @Grad} only for the "@Grad-only" row.
 */
public final class OpsWorkloads {
    private OpsWorkloads() {}

    /** W1: the seed's MSE, {@code jnp.mean((jnp.dot(x, w) + b - y) ** 2)}. */
    @Jit @Grad(wrt = {"w", "b"})
    public static double mse(double[] w, double b, double[][] x, double[] y) {
        return mean(square(sub(add(matvec(x, w), b), y)));
    }

    /** {@link #mse} with {@code @Grad} only. */
    @Grad(wrt = {"w", "b"})
    public static double mseNoJit(double[] w, double b, double[][] x, double[] y) {
        return mean(square(sub(add(matvec(x, w), b), y)));
    }

    /**
     * W3: the tanh MLP, its hidden layer in a local as users write it; {@code w1[k]} is hidden unit
     * {@code k}'s row of input weights, as in {@link Workloads#mlp}.
     */
    @Jit @Grad(wrt = {"w1", "b1", "w2", "b2"})
    public static double mlp(double[][] w1, double[] b1, double[] w2, double b2, double[][] x, double[] y) {
        double[][] h = tanh(add(matmul(x, transpose(w1)), b1));
        return mean(square(sub(add(matvec(h, w2), b2), y)));
    }

    /** {@link #mlp} with {@code @Grad} only. */
    @Grad(wrt = {"w1", "b1", "w2", "b2"})
    public static double mlpNoJit(double[][] w1, double[] b1, double[] w2, double b2, double[][] x, double[] y) {
        double[][] h = tanh(add(matmul(x, transpose(w1)), b1));
        return mean(square(sub(add(matvec(h, w2), b2), y)));
    }
}
