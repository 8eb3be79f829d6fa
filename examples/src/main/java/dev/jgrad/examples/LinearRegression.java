package dev.jgrad.examples;

import java.io.PrintStream;
import java.util.Random;

/**
 * The seed example: fit a linear model by gradient descent, with the gradient that jgrad wrote at
 * build time from the plain loop in {@link Losses#mse}.
 *
 * <p>The data are made with a fixed seed: {@value #N} samples of {@code D = 10} standard-normal
 * features, targets {@code y = TRUE_B + TRUE_W·x + noise} with Gaussian noise of standard deviation
 * {@value #NOISE}. Training starts from zero weights.
 *
 * <p>Learning rate and step count: for standard-normal features the Hessian of the mean squared error
 * is close to {@code 2·I}, so one step of gradient descent with learning rate {@value #LEARNING_RATE}
 * shrinks the distance to the least-squares fit by a factor of about {@code 1 - 2·0.05 = 0.9} (the
 * iteration diverges above a learning rate of about 1; 0.05 keeps the printed loss falling over
 * several lines). After {@value #STEPS} steps that factor is about {@code 3e-5}: what is left is the
 * least-squares fit itself, whose weights differ from the true ones by about
 * {@code NOISE / sqrt(N) = 0.001}, well inside the 0.05 the example promises.
 *
 * <p>The same loss written with {@link dev.jgrad.Ops}, {@link Losses#mseOps}, gives the same loss and
 * gradient: the example prints both side by side.
 *
 * <p>Then it times one loss evaluation against one gradient evaluation, and, as the seed's JAX
 * {@code main.py} does for {@code jax.jit}, the plain and {@code @Jit} loss and the {@code @Grad} and
 * {@code @Jit @Grad} gradients, first call and steady state. These are rough wall-clock figures; the
 * JMH benchmark ({@code dev.jgrad.examples.bench.BenchReport}) is the real measure.
 */
public final class LinearRegression {
    /** Seed of every random number in the example: each run prints the same data and losses. */
    public static final long SEED = 42;
    public static final int N = 10_000;
    public static final double NOISE = 0.1;
    public static final double[] TRUE_W = {1.5, -2.0, 0.7, 3.1, -0.4, 0.0, 2.2, -1.3, 0.9, -2.7};
    public static final double TRUE_B = 0.5;
    public static final double LEARNING_RATE = 0.05;
    public static final int STEPS = 100;
    public static final int PRINT_EVERY = 10;

    private LinearRegression() {}

    /** Features {@code x[i][j]}, targets {@code y[i]}, and the weights that made them. */
    public record Dataset(double[][] x, double[] y, double[] trueW, double trueB) {}

    /**
     * The fitted weights and bias, and the loss history: {@code losses[k]} is the loss before step
     * {@code k}, and {@code losses[steps]} the loss after the last step.
     */
    public record Fit(double[] w, double b, double[] losses) {
        /** The largest {@code |fitted - true|} over the weights and the bias. */
        public double maxError(double[] trueW, double trueB) {
            double max = Math.abs(b - trueB);
            for (int j = 0; j < w.length; j++) {
                max = Math.max(max, Math.abs(w[j] - trueW[j]));
            }
            return max;
        }
    }

    /** {@code n} samples of {@code y = trueB + trueW·x + noise·N(0, 1)} with standard-normal {@code x}. */
    public static Dataset makeData(long seed, int n, double[] trueW, double trueB, double noise) {
        Random rng = new Random(seed);
        int d = trueW.length;
        double[][] x = new double[n][d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double t = trueB;
            for (int j = 0; j < d; j++) {
                x[i][j] = rng.nextGaussian();
                t += trueW[j] * x[i][j];
            }
            y[i] = t + noise * rng.nextGaussian();
        }
        return new Dataset(x, y, trueW.clone(), trueB);
    }

    /** The example's data set: {@value #N} samples, the true weights above, seed {@value #SEED}. */
    public static Dataset seedData() {
        return makeData(SEED, N, TRUE_W, TRUE_B, NOISE);
    }

    /**
     * Gradient descent from zero weights with {@code LossesGrad.mse}, the {@code @Jit @Grad}
     * gradient (the fastest one). Prints the loss every {@code printEvery} steps to {@code out};
     * prints nothing, and {@code out} may be null, if {@code printEvery <= 0}.
     */
    public static Fit fit(Dataset data, double learningRate, int steps, int printEvery, PrintStream out) {
        double[][] x = data.x();
        double[] y = data.y();
        double[] w = new double[data.trueW().length];
        double b = 0;
        double[] losses = new double[steps + 1];
        for (int step = 0; step < steps; step++) {
            LossesGrad.MseGradient g = LossesGrad.mse(w, b, x, y);
            losses[step] = g.value();
            if (printEvery > 0 && step % printEvery == 0) {
                out.printf("  step %4d   loss %.6f%n", step, g.value());
            }
            double[] dw = g.w();
            for (int j = 0; j < w.length; j++) {
                w[j] -= learningRate * dw[j];
            }
            b -= learningRate * g.b();
        }
        losses[steps] = Losses.mse(w, b, x, y);
        if (printEvery > 0) {
            out.printf("  step %4d   loss %.6f   (after the last step)%n", steps, losses[steps]);
        }
        return new Fit(w, b, losses);
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        Dataset data = seedData();
        // Timed before anything else calls these methods, so that the first call is really the first.
        FirstCalls first = FirstCalls.measure(data);

        out.printf("jgrad seed example: linear regression by gradient descent%n");
        out.printf("  data: N = %d samples, D = %d standard-normal features, noise sigma = %s, seed = %d%n",
                N, TRUE_W.length, NOISE, SEED);
        out.printf("  loss: Losses.mse (a plain loop); gradient: LossesGrad.mse, generated at build time%n");
        out.printf("  gradient descent: learning rate %s, %d steps, from zero weights%n%n",
                LEARNING_RATE, STEPS);

        Fit fit = fit(data, LEARNING_RATE, STEPS, PRINT_EVERY, out);
        printWeights(out, data, fit);
        compareOpsForm(out, data, fit);
        timeLossAndGradient(out, data, fit, first);
    }

    private static void printWeights(PrintStream out, Dataset data, Fit fit) {
        out.printf("%n  %-6s %9s %10s %9s%n", "param", "true", "fitted", "|error|");
        for (int j = 0; j < fit.w().length; j++) {
            double t = data.trueW()[j];
            double f = fit.w()[j];
            out.printf("  %-6s %9.4f %10.5f %9.5f%n", "w[" + j + "]", t, f, Math.abs(f - t));
        }
        out.printf("  %-6s %9.4f %10.5f %9.5f%n", "b", data.trueB(), fit.b(), Math.abs(fit.b() - data.trueB()));
        out.printf("  max |fitted - true| = %.5f   (noise sigma / sqrt(N) = %.5f)%n",
                fit.maxError(data.trueW(), data.trueB()), NOISE / Math.sqrt(N));
    }

    /**
     * The largest difference between the loop form ({@code LossesGrad.mse}) and the Ops form
     * ({@code LossesGrad.mseOps}) of the loss and gradient at {@code (w, b)}, relative to the larger of
     * the loss and the largest partial derivative.
     */
    public static double opsFormDifference(Dataset data, double[] w, double b) {
        LossesGrad.MseGradient loop = LossesGrad.mse(w, b, data.x(), data.y());
        LossesGrad.MseOpsGradient ops = LossesGrad.mseOps(w, b, data.x(), data.y());
        double diff = Math.max(Math.abs(loop.value() - ops.value()), Math.abs(loop.b() - ops.b()));
        double scale = Math.max(Math.abs(loop.value()), Math.abs(loop.b()));
        for (int j = 0; j < w.length; j++) {
            diff = Math.max(diff, Math.abs(loop.w()[j] - ops.w()[j]));
            scale = Math.max(scale, Math.abs(loop.w()[j]));
        }
        return diff / scale;
    }

    private static void compareOpsForm(PrintStream out, Dataset data, Fit fit) {
        double[] w0 = new double[fit.w().length];
        out.printf("%nThe same loss in the Ops vocabulary, Losses.mseOps: "
                + "mean(square(sub(add(matvec(x, w), b), y)))%n");
        out.printf("  %-18s %16s %16s %16s %16s%n", "", "loss (loop)", "loss (Ops)", "dL/dw[0] (loop)",
                "dL/dw[0] (Ops)");
        double[][] points = {w0, fit.w()};
        double[] biases = {0, fit.b()};
        String[] names = {"at zero weights", "at the fit"};
        for (int k = 0; k < 2; k++) {
            LossesGrad.MseGradient loop = LossesGrad.mse(points[k], biases[k], data.x(), data.y());
            LossesGrad.MseOpsGradient ops = LossesGrad.mseOps(points[k], biases[k], data.x(), data.y());
            out.printf("  %-18s %16.12f %16.12f %16.12f %16.12f%n", names[k], loop.value(), ops.value(), loop.w()[0],
                    ops.w()[0]);
        }
        out.printf("  largest difference of loss and gradient, relative: %.1e at zero weights%n",
                opsFormDifference(data, w0, 0));
        out.printf("  (jgrad lowers the Ops calls into the loop the first form spells out; under @Jit each form may%n");
        out.printf("  reassociate its sums, so the last bits could differ)%n");
    }

    private static void timeLossAndGradient(PrintStream out, Dataset data, Fit fit, FirstCalls first) {
        double[][] x = data.x();
        double[] y = data.y();
        double[] w = fit.w();
        double b = fit.b();
        double plain = Timing.steadyStateNanos(() -> Losses.mse(w, b, x, y));
        double jit = Timing.steadyStateNanos(() -> LossesJit.mse(w, b, x, y));
        double grad = Timing.steadyStateNanos(() -> LossesGrad.mseNoJit(w, b, x, y).value());
        double jitGrad = Timing.steadyStateNanos(() -> LossesGrad.mse(w, b, x, y).value());

        out.printf("%nTiming (rough wall-clock figures after warm-up, median of 11 batches;%n");
        out.printf("        the JMH benchmark dev.jgrad.examples.bench.BenchReport is the real measure)%n");
        out.printf("  one loss evaluation      Losses.mse       %10s%n", Timing.formatNanos(plain));
        out.printf("  one gradient evaluation  LossesGrad.mse   %10s%n", Timing.formatNanos(jitGrad));
        out.printf("  gradient / loss = %.2f   (value and all %d partial derivatives in one call)%n",
                jitGrad / plain, w.length + 1);

        out.printf("%n@Jit and @Grad: the plain and fast loss, the plain and fast gradient%n");
        out.printf("  %-22s %-22s %11s %13s   %s%n", "", "method", "first call", "steady state", "speed-up");
        out.printf("  %-22s %-22s %11s %13s%n", "loss", "Losses.mse",
                Timing.formatNanos(first.plain()), Timing.formatNanos(plain));
        out.printf("  %-22s %-22s %11s %13s   %.2fx vs loss%n", "@Jit loss", "LossesJit.mse",
                Timing.formatNanos(first.jit()), Timing.formatNanos(jit), plain / jit);
        out.printf("  %-22s %-22s %11s %13s%n", "@Grad gradient", "LossesGrad.mseNoJit",
                Timing.formatNanos(first.grad()), Timing.formatNanos(grad));
        out.printf("  %-22s %-22s %11s %13s   %.2fx vs @Grad gradient%n", "@Jit @Grad gradient",
                "LossesGrad.mse", Timing.formatNanos(first.jitGrad()), Timing.formatNanos(jitGrad), grad / jitGrad);

        // Compared where training started: at the fitted weights the gradient is almost zero, and
        // any difference in the last bits would look large next to it.
        double[] w0 = new double[w.length];
        LossesGrad.MseGradient fused = LossesGrad.mse(w0, 0, x, y);
        LossesGrad.MseNoJitGradient unfused = LossesGrad.mseNoJit(w0, 0, x, y);
        double gradDiff = relativeDifference(fused.w(), fused.b(), unfused.w(), unfused.b());
        double loss = Losses.mse(w0, 0, x, y);
        double valueDiff = Math.abs(LossesJit.mse(w0, 0, x, y) - loss) / Math.abs(loss);
        out.printf("%n  jit of grad = grad of jit: in jgrad both are the one generated method LossesGrad.mse.%n");
        out.printf("  At the starting weights it agrees with the @Grad-only gradient LossesGrad.mseNoJit to %.1e%n",
                gradDiff);
        out.printf("  (largest difference over the largest partial derivative), and LossesJit.mse agrees with%n");
        out.printf("  Losses.mse to %.1e.%n", valueDiff);
        out.printf("  (@Jit may reassociate sums, as XLA does, so the last bits may differ.)%n");
        out.printf("%n  First calls: JAX traces the function and compiles it with XLA on its first call; jgrad did%n");
        out.printf("  that work in javac, at build time. What the first calls above pay is the JVM's class loading%n");
        out.printf("  and interpreter before its JIT compiles the generated Java: %s for the first @Jit @Grad%n",
                Timing.formatNanos(first.jitGrad()));
        out.printf("  gradient, %s once warm. (The @Grad gradient's first call also loaded LossesGrad.)%n",
                Timing.formatNanos(jitGrad));
    }

    /** Largest difference of two gradients (w, b), relative to the largest partial derivative of the second. */
    private static double relativeDifference(double[] w, double b, double[] refW, double refB) {
        double diff = Math.abs(b - refB);
        double scale = Math.abs(refB);
        for (int j = 0; j < w.length; j++) {
            diff = Math.max(diff, Math.abs(w[j] - refW[j]));
            scale = Math.max(scale, Math.abs(refW[j]));
        }
        return diff / scale;
    }

    /** The time of the very first call of each of the four methods in this JVM, in nanoseconds. */
    private record FirstCalls(double plain, double jit, double grad, double jitGrad) {
        static FirstCalls measure(Dataset data) {
            double[][] x = data.x();
            double[] y = data.y();
            double[] w = new double[data.trueW().length];
            long t0 = System.nanoTime();
            double v = Losses.mse(w, 0, x, y);
            long t1 = System.nanoTime();
            v += LossesJit.mse(w, 0, x, y);
            long t2 = System.nanoTime();
            v += LossesGrad.mseNoJit(w, 0, x, y).value();
            long t3 = System.nanoTime();
            v += LossesGrad.mse(w, 0, x, y).value();
            long t4 = System.nanoTime();
            Timing.consume(v);
            return new FirstCalls(t1 - t0, t2 - t1, t3 - t2, t4 - t3);
        }
    }
}
