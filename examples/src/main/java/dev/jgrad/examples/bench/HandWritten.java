package dev.jgrad.examples.bench;

/**
 * The benchmarks' yardstick: the gradients of the three workloads as a careful engineer writes them
 * by hand, to which jgrad's generated gradients are compared.
 *
 * <p>Each is fused: one pass over the data computes the value and the whole gradient, with the
 * adjoint of each sample applied as soon as its residual is known. Nothing is allocated but the
 * result (and, for the MLP, one buffer of hidden activations reused by every sample), so allocation
 * does not grow with the number of samples. Dot products use four accumulators, which lets the CPU
 * overlap the additions that strict left-to-right order would serialise; the gradient updates
 * {@code g[j] += r * x[i][j]} are plain loops that the JIT vectorises. Single-threaded, like the
 * benchmark rows they are compared with.
 *
 * <p>Checked against finite differences of the source methods in {@code HandWrittenTest}.
 */
public final class HandWritten {
    private HandWritten() {}

    /** Value and gradient of {@code Losses.mse}. */
    public record MseGradient(double value, double[] w, double b) {}

    /** Value and gradient of {@link Workloads#logistic}. */
    public record LogisticGradient(double value, double[] w, double b) {}

    /** Value and gradient of {@link Workloads#mlp}. */
    public record MlpGradient(double value, double[][] w1, double[] b1, double[] w2, double b2) {}

    /** W1: mean squared error of {@code b + w·x[i]} against {@code y[i]}, and its gradient. */
    public static MseGradient mse(double[] w, double b, double[][] x, double[] y) {
        int n = x.length;
        int d = w.length;
        double[] gw = new double[d];
        double sum = 0;
        double gb = 0;
        for (int i = 0; i < n; i++) {
            double[] xi = x[i];
            double r = b + dot(w, xi, d) - y[i];
            sum += r * r;
            gb += r;
            axpy(r, xi, gw, d);
        }
        double scale = 2.0 / n;
        for (int j = 0; j < d; j++) {
            gw[j] *= scale;
        }
        return new MseGradient(sum / n, gw, gb * scale);
    }

    /** W2: L2-regularised logistic loss and its gradient; {@code sigmoid(z) - y} is the margin's adjoint. */
    public static LogisticGradient logistic(double[] w, double b, double[][] x, double[] y, double lambda) {
        int n = x.length;
        int d = w.length;
        double[] gw = new double[d];
        double sum = 0;
        double gb = 0;
        for (int i = 0; i < n; i++) {
            double[] xi = x[i];
            double z = b + dot(w, xi, d);
            double e = Math.exp(-Math.abs(z));
            sum += Math.max(z, 0.0) - y[i] * z + Math.log1p(e);
            // sigmoid(z) from the same exponential: 1 / (1 + e^-z) for z >= 0, e^z / (1 + e^z) below.
            double r = (z >= 0 ? 1.0 : e) / (1.0 + e) - y[i];
            gb += r;
            axpy(r, xi, gw, d);
        }
        double reg = 0;
        for (int j = 0; j < d; j++) {
            reg += w[j] * w[j];
        }
        double invN = 1.0 / n;
        for (int j = 0; j < d; j++) {
            gw[j] = gw[j] * invN + lambda * w[j];
        }
        return new LogisticGradient(sum * invN + 0.5 * lambda * reg, gw, gb * invN);
    }

    /**
     * W3: mean squared error of the tanh network {@code b2 + w2·tanh(w1 x + b1)} and its gradient.
     * The hidden activations of a sample are kept in one buffer for its backward step.
     */
    public static MlpGradient mlp(double[][] w1, double[] b1, double[] w2, double b2, double[][] x, double[] y) {
        int n = x.length;
        int hidden = w1.length;
        double[][] gw1 = new double[hidden][];
        for (int k = 0; k < hidden; k++) {
            gw1[k] = new double[w1[k].length];
        }
        double[] gb1 = new double[hidden];
        double[] gw2 = new double[hidden];
        double[] h = new double[hidden];
        double gb2 = 0;
        double sum = 0;
        double scale = 2.0 / n;
        for (int i = 0; i < n; i++) {
            double[] xi = x[i];
            double out = b2;
            for (int k = 0; k < hidden; k++) {
                double[] w1k = w1[k];
                double hk = Math.tanh(b1[k] + dot(w1k, xi, w1k.length));
                h[k] = hk;
                out += w2[k] * hk;
            }
            double r = out - y[i];
            sum += r * r;
            double gOut = scale * r;
            gb2 += gOut;
            for (int k = 0; k < hidden; k++) {
                double hk = h[k];
                gw2[k] += gOut * hk;
                double gA = gOut * w2[k] * (1.0 - hk * hk);
                gb1[k] += gA;
                double[] gw1k = gw1[k];
                axpy(gA, xi, gw1k, gw1k.length);
            }
        }
        return new MlpGradient(sum / n, gw1, gb1, gw2, gb2);
    }

    /** {@code a[0..n)·b[0..n)} with four accumulators. */
    static double dot(double[] a, double[] b, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[j] * b[j];
            s1 += a[j + 1] * b[j + 1];
            s2 += a[j + 2] * b[j + 2];
            s3 += a[j + 3] * b[j + 3];
        }
        for (; j < n; j++) {
            s0 += a[j] * b[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code acc[0..n) += s * a[0..n)}. */
    static void axpy(double s, double[] a, double[] acc, int n) {
        for (int j = 0; j < n; j++) {
            acc[j] += s * a[j];
        }
    }
}
