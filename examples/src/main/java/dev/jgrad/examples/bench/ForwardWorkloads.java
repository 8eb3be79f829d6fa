package dev.jgrad.examples.bench;

import dev.jgrad.Grad;
import dev.jgrad.Hessian;
import dev.jgrad.Jacobian;
import dev.jgrad.Jvp;
import java.util.Random;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * The workloads of {@link ForwardBench}: a scalar loss for {@code @Jvp} and {@code @Hessian} (and
 * Hipparchus' {@link DerivativeStructure} at order 2 on the same Hessian), and a vector function for
 * {@code @Jacobian}.
 */
public final class ForwardWorkloads {
    /** Samples in the scalar loss: its cost is {@code SAMPLES x n}. */
    static final int SAMPLES = 100;

    private ForwardWorkloads() {}

    /**
     * L2-regularised logistic loss of {@value #SAMPLES} samples, {@code n = w.length} parameters: a dense
     * {@code n x n} Hessian {@code X^T diag(s (1 - s)) X / m + lambda I}.
     */
    @Grad(wrt = "w") @Jvp(wrt = "w") @Hessian(wrt = "w")
    public static double logistic(double[] w, double[][] x, double[] y, double lambda) {
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

    /** {@code m = x.length} outputs {@code tanh(p . x[i]) + p[0] p[i mod n]}, {@code n = p.length} inputs. */
    @Jacobian(wrt = "p")
    public static double[] layer(double[] p, double[][] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double z = 0;
            for (int j = 0; j < p.length; j++) {
                z += p[j] * x[i][j];
            }
            out[i] = Math.tanh(z) + p[0] * p[i % p.length];
        }
        return out;
    }

    /**
     * Value, gradient and Hessian of {@link #logistic} with Hipparchus' {@link DerivativeStructure} at
     * order 2: the same loss written with its operator objects (the margins with its
     * {@code linearCombination}, the fastest way it offers).
     */
    public static double[][] logisticHessianDs(DSFactory factory, double[] w, double[][] x, double[] y,
            double lambda) {
        int n = w.length;
        DerivativeStructure[] v = new DerivativeStructure[n];
        for (int j = 0; j < n; j++) {
            v[j] = factory.variable(j, w[j]);
        }
        DerivativeStructure sum = factory.constant(0);
        for (int i = 0; i < x.length; i++) {
            DerivativeStructure z = v[0].linearCombination(x[i], v);
            sum = sum.add(z.exp().log1p()).subtract(z.multiply(y[i]));
        }
        DerivativeStructure penalty = v[0].linearCombination(v, v);
        DerivativeStructure loss = sum.divide(x.length).add(penalty.multiply(0.5 * lambda));
        double[][] hessian = new double[n][n];
        int[] orders = new int[n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                orders[a]++;
                orders[b]++;
                hessian[a][b] = loss.getPartialDerivative(orders);
                hessian[b][a] = hessian[a][b];
                orders[a] = 0;
                orders[b] = 0;
            }
        }
        return hessian;
    }

    /** Inputs of {@link #logistic}: {@value #SAMPLES} x {@code n} features, labels, a point, a direction. */
    record Scalar(double[] w, double[] direction, double[][] x, double[] y, double lambda) {
        static Scalar make(int n, long seed) {
            Random rng = new Random(seed);
            double[][] x = BenchData.gaussian(rng, SAMPLES, n, 1.0);
            double[] y = new double[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                y[i] = rng.nextBoolean() ? 1 : 0;
            }
            return new Scalar(BenchData.gaussian(rng, n, 1 / Math.sqrt(n)), BenchData.gaussian(rng, n, 1.0), x, y,
                    1e-2);
        }
    }

    /** Inputs of {@link #layer}: {@code m x n}. */
    record Vector(double[] p, double[][] x) {
        static Vector make(int m, int n, long seed) {
            Random rng = new Random(seed);
            return new Vector(BenchData.gaussian(rng, n, 1 / Math.sqrt(n)), BenchData.gaussian(rng, m, n, 1.0));
        }
    }
}
