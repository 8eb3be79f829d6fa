package dev.jgrad.tests.fuzz;

import dev.jgrad.Grad;

/**
 * The source methods of {@link LoadTest}, compiled by the jgrad processor with the rest of the
 * tests; their gradients are in {@code LoadFunctionsGrad}.
 */
final class LoadFunctions {
    private LoadFunctions() {}

    /** A one-hidden-layer network's squared error on a batch: the shape of a typical training loss. */
    @Grad(wrt = {"w1", "w2", "b"})
    static double mlp(double[][] w1, double[] w2, double b, double[][] x, double[] y) {
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double out = b;
            for (int j = 0; j < w1.length; j++) {
                double h = 0;
                for (int k = 0; k < x[i].length; k++) {
                    h += w1[j][k] * x[i][k];
                }
                out += w2[j] * Math.tanh(h);
            }
            double r = out - y[i];
            loss += r * r;
        }
        return loss / x.length;
    }

    /**
     * A recurrence that overwrites its state with a nonlinear function of itself at each of
     * {@code steps} steps: the reverse sweep needs every old value, so the tape holds
     * {@code steps} doubles.
     */
    @Grad(wrt = {"a", "c"})
    static double recurrence(double a, double c, int steps) {
        double t = a;
        for (int k = 0; k < steps; k++) {
            t = Math.sin(t) * 0.999 + c;
        }
        return t;
    }
}
