package dev.jgrad.examples;

import static dev.jgrad.Ops.add;
import static dev.jgrad.Ops.matvec;
import static dev.jgrad.Ops.mean;
import static dev.jgrad.Ops.square;
import static dev.jgrad.Ops.sub;

import dev.jgrad.Grad;
import dev.jgrad.Jit;

/**
 * The seed example's loss: the mean squared error of a linear model, written as a plain loop.
 *
 * <p>The jgrad processor reads these bodies while {@code javac} compiles this class and writes
 * {@code LossesGrad} (value and gradient in one call) and {@code LossesJit} (the fast value) beside
 * it, in {@code target/generated-sources/annotations}.
 */
public final class Losses {
    private Losses() {}

    /**
     * Mean squared error of the predictions {@code b + w·x[i]} against {@code y[i]}.
     *
     * <p>With both annotations, {@code LossesGrad.mse} is the fused, optimised gradient and
     * {@code LossesJit.mse} the optimised value. Public so that the benchmarks in
     * {@code dev.jgrad.examples.bench} can call the source method itself.
     */
    @Jit @Grad(wrt = {"w", "b"})
    public static double mse(double[] w, double b, double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double pred = b;
            for (int j = 0; j < w.length; j++) pred += w[j] * x[i][j];
            double r = pred - y[i];
            sum += r * r;
        }
        return sum / x.length;
    }

    /**
     * The same body as {@link #mse} with {@code @Grad} only: {@code LossesGrad.mseNoJit} is the plain
     * reverse-mode gradient, which the example and the benchmarks compare with the {@code @Jit} one.
     */
    @Grad(wrt = {"w", "b"})
    public static double mseNoJit(double[] w, double b, double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double pred = b;
            for (int j = 0; j < w.length; j++) pred += w[j] * x[i][j];
            double r = pred - y[i];
            sum += r * r;
        }
        return sum / x.length;
    }

    /**
     * The same loss as {@link #mse} in the array vocabulary of {@link dev.jgrad.Ops}, as JAX's
     * {@code jnp.mean((x @ w + b - y) ** 2)}: jgrad lowers it into the loop that {@link #mse} spells out,
     * so {@code LossesGrad.mseOps} is the same fused one-pass gradient.
     */
    @Jit @Grad(wrt = {"w", "b"})
    public static double mseOps(double[] w, double b, double[][] x, double[] y) {
        return mean(square(sub(add(matvec(x, w), b), y)));
    }
}
