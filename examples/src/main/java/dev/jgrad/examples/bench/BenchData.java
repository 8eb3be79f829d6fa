package dev.jgrad.examples.bench;

import java.util.Random;

/** Seeded inputs for the benchmarks and their tests: the same numbers on every run. */
final class BenchData {
    static final long SEED = 20240607L;

    private BenchData() {}

    /** The numbers of a shape parameter such as {@code "100000x20"}. */
    static int[] dims(String shape) {
        String[] parts = shape.split("x");
        int[] dims = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            dims[k] = Integer.parseInt(parts[k].trim());
        }
        return dims;
    }

    /** An {@code n × d} matrix of independent {@code N(0, scale^2)} numbers. */
    static double[][] gaussian(Random rng, int n, int d, double scale) {
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = gaussian(rng, d, scale);
        }
        return m;
    }

    /** {@code n} independent {@code N(0, scale^2)} numbers. */
    static double[] gaussian(Random rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * rng.nextGaussian();
        }
        return v;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    /** W1 inputs: {@code y = x·wTrue + 0.5 + 0.1·noise}, evaluated at an unrelated point {@code w, b}. */
    record Mse(double[] w, double b, double[][] x, double[] y) {
        static Mse make(int n, int d, long seed) {
            Random rng = new Random(seed);
            double[][] x = gaussian(rng, n, d, 1.0);
            double[] wTrue = gaussian(rng, d, 1.0);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = dot(wTrue, x[i]) + 0.5 + 0.1 * rng.nextGaussian();
            }
            return new Mse(gaussian(rng, d, 1.0), 0.3, x, y);
        }
    }

    /** W2 inputs: labels drawn from a logistic model, evaluated at a point near but not at it. */
    record Logistic(double[] w, double b, double[][] x, double[] y, double lambda) {
        static Logistic make(int n, int d, long seed) {
            Random rng = new Random(seed);
            double[][] x = gaussian(rng, n, d, 1.0);
            double[] wTrue = gaussian(rng, d, 2.0 / Math.sqrt(d));
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double p = 1.0 / (1.0 + Math.exp(-(dot(wTrue, x[i]) - 0.2)));
                y[i] = rng.nextDouble() < p ? 1.0 : 0.0;
            }
            return new Logistic(gaussian(rng, d, 1.0 / Math.sqrt(d)), 0.1, x, y, 1e-3);
        }
    }

    /**
     * W3 inputs: a batch of {@code n} inputs of size {@code in}, smooth targets, and weights of the usual
     * {@code 1/sqrt(fan-in)} scale so that the tanh units are neither linear nor saturated.
     */
    record Mlp(double[][] w1, double[] b1, double[] w2, double b2, double[][] x, double[] y) {
        static Mlp make(int n, int in, int hidden, long seed) {
            Random rng = new Random(seed);
            double[][] x = gaussian(rng, n, in, 1.0);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = Math.sin(x[i][0]) + 0.5 * x[i][1] * x[i][in > 2 ? 2 : 0];
            }
            return new Mlp(gaussian(rng, hidden, in, 1.0 / Math.sqrt(in)), gaussian(rng, hidden, 0.1),
                    gaussian(rng, hidden, 1.0 / Math.sqrt(hidden)), 0.05, x, y);
        }
    }
}
