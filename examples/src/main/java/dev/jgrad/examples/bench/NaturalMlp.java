package dev.jgrad.examples.bench;

import dev.jgrad.Grad;
import dev.jgrad.Jit;

/**
 * W3 in its natural form: the MLP of {@link Workloads#mlp} as people write it, the hidden layer of
 * each sample in a local array {@code h} declared once before the loop over the samples, filled, then
 * read. Under {@code @Jit} the array is private to each sample's iteration (one buffer per parallel
 * chunk), so the gradient keeps the one fused, tape-free pass.
 */
public final class NaturalMlp {
    private NaturalMlp() {}

    /** The mean squared error of {@code b2 + w2·tanh(w1 x + b1)} over the samples; {@code w1[k]} is hidden unit {@code k}'s row. */
    @Jit @Grad(wrt = {"w1", "b1", "w2", "b2"})
    public static double loss(double[][] x, double[] y, double[][] w1, double[] b1, double[] w2, double b2) {
        int n = x.length, hdim = b1.length, d = x[0].length;
        double[] h = new double[hdim];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < hdim; k++) {
                double a = b1[k];
                for (int j = 0; j < d; j++) a += w1[k][j] * x[i][j];
                h[k] = Math.tanh(a);
            }
            double out = b2;
            for (int k = 0; k < hdim; k++) out += w2[k] * h[k];
            double r = out - y[i];
            total += r * r;
        }
        return total / n;
    }
}
