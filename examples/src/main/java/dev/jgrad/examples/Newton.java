package dev.jgrad.examples;

import dev.jgrad.Grad;
import dev.jgrad.Hessian;
import java.io.PrintStream;
import java.util.Random;

/**
 * Newton's method with second derivatives from jgrad, on an L2-regularised logistic regression: the loss
 * {@link #loss} is a plain loop, strictly convex and smooth, its gradient {@code NewtonGrad.loss}, its
 * Hessian {@code NewtonHessian.loss} and its Hessian-vector product {@code NewtonHessian.lossHvp}.
 *
 * <p>Part 1: {@value #SMALL_D} parameters, {@value #SMALL_N} samples. Each Newton step solves
 * {@code H d = -g} with the full Hessian (by Cholesky), then backtracks until the loss falls enough. Near
 * the minimum the gradient norm is about squared at each step: quadratic convergence.
 *
 * <p>Part 2: {@value #LARGE_D} parameters, {@value #LARGE_N} samples. A {@code 10,000 x 10,000} Hessian
 * (800 MB) is out of the question, but Newton-CG never forms it: conjugate gradients solve
 * {@code H d = -g} from Hessian-vector products alone, {@code lossHvp}, each about the cost of a few
 * loss evaluations. CG stops when its residual falls below {@code min(0.5, sqrt|g|) |g|} (so the steps
 * grow exact as {@code g} vanishes, and convergence stays superlinear).
 */
public final class Newton {
    public static final long SEED = 11;
    public static final int SMALL_N = 200;
    public static final int SMALL_D = 10;
    public static final double SMALL_LAMBDA = 1e-3;
    public static final int LARGE_N = 1_000;
    public static final int LARGE_D = 10_000;
    public static final double LARGE_LAMBDA = 0.05;
    public static final double TOLERANCE = 1e-8;

    private Newton() {}

    /**
     * The mean logistic loss {@code log(1 + exp(z)) - y z} of the margins {@code z = w . x[i]}, labels 0 or
     * 1, plus {@code lambda/2 |w|^2}. Written with {@code log1p(exp(z))} rather than with {@code max} and
     * {@code abs} (which avoid overflow for huge margins) so that it is smooth everywhere, including at
     * {@code w = 0}, where Newton starts and every margin is 0.
     */
    @Grad(wrt = "w")
    @Hessian(wrt = "w")
    static double loss(double[] w, double[][] x, double[] y, double lambda) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double z = 0;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * x[i][j];
            }
            sum += Math.log1p(Math.exp(z)) - y[i] * z;
        }
        double penalty = 0;
        for (int j = 0; j < w.length; j++) {
            penalty += w[j] * w[j];
        }
        return sum / x.length + 0.5 * lambda * penalty;
    }

    /** Features and 0/1 labels. */
    public record Dataset(double[][] x, double[] y) {}

    /**
     * {@code n} samples of {@code d} standard-normal features (the first is a constant 1, the bias), labelled
     * 1 with probability {@code sigmoid(trueW . x)}, the hidden weights of norm about 3.
     */
    public static Dataset makeData(long seed, int n, int d) {
        Random rng = new Random(seed);
        double[] trueW = new double[d];
        for (int j = 0; j < d; j++) {
            trueW[j] = 3 * rng.nextGaussian() / Math.sqrt(d);
        }
        double[][] x = new double[n][d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double z = 0;
            for (int j = 0; j < d; j++) {
                x[i][j] = j == 0 ? 1 : rng.nextGaussian();
                z += trueW[j] * x[i][j];
            }
            y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        return new Dataset(x, y);
    }

    /** One Newton iteration's record: loss and gradient norm at its start, CG steps it took (0 for Cholesky). */
    public record Step(double loss, double gradientNorm, int cgSteps, double stepLength) {}

    /** What a run returns: the final weights, loss and gradient norm, the iterations, total CG steps and time. */
    public record Result(double[] w, double loss, double gradientNorm, java.util.List<Step> steps, int cgSteps,
            long nanos) {}

    /** Newton's method with the full Hessian from {@code NewtonHessian.loss}, from {@code w = 0}. */
    public static Result newton(Dataset data, double lambda, int maxIterations, PrintStream out) {
        long t0 = System.nanoTime();
        int d = data.x()[0].length;
        double[] w = new double[d];
        java.util.List<Step> steps = new java.util.ArrayList<>();
        for (int k = 0; ; k++) {
            NewtonHessian.LossHessian h = NewtonHessian.loss(w, data.x(), data.y(), lambda);
            double gNorm = norm(h.gradient());
            if (gNorm < TOLERANCE || k == maxIterations) {
                report(out, k, h.value(), gNorm, -1, Double.NaN);
                return new Result(w, h.value(), gNorm, steps, 0, System.nanoTime() - t0);
            }
            double[] dir = Linear.choleskySolve(h.hessian(), h.gradient());
            scale(dir, -1);
            double t = lineSearch(w, dir, h.value(), h.gradient(), data, lambda);
            steps.add(new Step(h.value(), gNorm, 0, t));
            report(out, k, h.value(), gNorm, -1, t);
            axpy(t, dir, w);
        }
    }

    /**
     * Newton-CG: each direction solves {@code H d = -g} by conjugate gradients with {@code NewtonHessian.lossHvp}
     * for the products {@code H p}; the gradient from {@code NewtonGrad.loss}.
     */
    public static Result newtonCg(Dataset data, double lambda, int maxIterations, int maxCg, PrintStream out) {
        long t0 = System.nanoTime();
        int d = data.x()[0].length;
        double[] w = new double[d];
        java.util.List<Step> steps = new java.util.ArrayList<>();
        int totalCg = 0;
        for (int k = 0; ; k++) {
            NewtonGrad.LossGradient g = NewtonGrad.loss(w, data.x(), data.y(), lambda);
            double gNorm = norm(g.w());
            if (gNorm < TOLERANCE || k == maxIterations) {
                report(out, k, g.value(), gNorm, -1, Double.NaN);
                return new Result(w, g.value(), gNorm, steps, totalCg, System.nanoTime() - t0);
            }
            double forcing = Math.min(0.5, Math.sqrt(gNorm)) * gNorm;
            double[] wk = w;
            int[] cg = new int[1];
            double[] dir = conjugateGradients(p -> NewtonHessian.lossHvp(wk, data.x(), data.y(), lambda, p).hvp(),
                    g.w(), forcing, maxCg, cg);
            totalCg += cg[0];
            double t = lineSearch(w, dir, g.value(), g.w(), data, lambda);
            steps.add(new Step(g.value(), gNorm, cg[0], t));
            report(out, k, g.value(), gNorm, cg[0], t);
            axpy(t, dir, w);
        }
    }

    /**
     * Conjugate gradients on {@code H d = -g} from {@code d = 0}, {@code H} symmetric positive definite given
     * by its products; stops when the residual's norm is at most {@code tolerance} or after {@code maxSteps}
     * products. {@code steps[0]} receives the number of products.
     */
    static double[] conjugateGradients(java.util.function.UnaryOperator<double[]> hessianTimes, double[] g,
            double tolerance, int maxSteps, int[] steps) {
        int n = g.length;
        double[] d = new double[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = -g[i];
        }
        double[] p = r.clone();
        double rr = dot(r, r);
        int k = 0;
        while (Math.sqrt(rr) > tolerance && k < maxSteps) {
            double[] hp = hessianTimes.apply(p);
            k++;
            double alpha = rr / dot(p, hp);
            axpy(alpha, p, d);
            axpy(-alpha, hp, r);
            double rrNext = dot(r, r);
            double beta = rrNext / rr;
            rr = rrNext;
            for (int i = 0; i < n; i++) {
                p[i] = r[i] + beta * p[i];
            }
        }
        steps[0] = k;
        return d;
    }

    /** Backtracking from the full step until the loss falls by at least 1e-4 of the linear prediction. */
    private static double lineSearch(double[] w, double[] dir, double f, double[] g, Dataset data, double lambda) {
        double slope = dot(g, dir);
        double t = 1;
        double[] trial = new double[w.length];
        for (int k = 0; k < 50; k++) {
            for (int i = 0; i < w.length; i++) {
                trial[i] = w[i] + t * dir[i];
            }
            if (loss(trial, data.x(), data.y(), lambda) <= f + 1e-4 * t * slope) {
                return t;
            }
            t /= 2;
        }
        return t;
    }

    private static void report(PrintStream out, int k, double loss, double gNorm, int cg, double t) {
        if (out == null) {
            return;
        }
        String cgText = cg < 0 ? "" : String.format("%8d", cg);
        String tText = Double.isNaN(t) ? "" : String.format("%7.3g", t);
        out.printf("  %4d  %.15f  %10.3e  %8s  %7s%n", k, loss, gNorm, cgText, tText);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** {@code y += a x}. */
    static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(double[] x, double a) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        Dataset small = makeData(SEED, SMALL_N, SMALL_D);
        out.printf("Newton's method: L2-regularised logistic regression, %d samples x %d parameters, lambda %s%n",
                SMALL_N, SMALL_D, SMALL_LAMBDA);
        out.printf("  loss: Newton.loss (a plain loop); Hessian: NewtonHessian.loss; each step solves H d = -g%n%n");
        out.printf("  %4s  %-17s  %10s  %8s  %7s%n", "iter", "loss", "|gradient|", "", "step");
        Result r1 = newton(small, SMALL_LAMBDA, 50, out);
        out.printf("%n  %d iterations, %s%n", r1.steps().size(), Timing.formatNanos(r1.nanos()));

        Dataset large = makeData(SEED, LARGE_N, LARGE_D);
        out.printf("%nNewton-CG: %d samples x %d parameters, lambda %s; the Hessian never formed%n",
                LARGE_N, LARGE_D, LARGE_LAMBDA);
        out.printf("  gradient: NewtonGrad.loss; H p for conjugate gradients: NewtonHessian.lossHvp%n%n");
        out.printf("  %4s  %-17s  %10s  %8s  %7s%n", "iter", "loss", "|gradient|", "CG steps", "step");
        Result r2 = newtonCg(large, LARGE_LAMBDA, 50, 500, out);
        long tf = System.nanoTime();
        for (int k = 0; k < 5; k++) {
            Timing.consume(loss(r2.w(), large.x(), large.y(), LARGE_LAMBDA));
        }
        double perLoss = (System.nanoTime() - tf) / 5.0;
        out.printf("%n  %d Newton iterations, %d Hessian-vector products in all, %s (one loss evaluation: %s)%n",
                r2.steps().size(), r2.cgSteps(), Timing.formatNanos(r2.nanos()), Timing.formatNanos(perLoss));
    }
}
