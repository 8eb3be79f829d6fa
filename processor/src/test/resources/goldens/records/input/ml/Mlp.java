package ml;

import dev.jgrad.Grad;
import dev.jgrad.Jit;

/** A two-layer network whose parameters are one record, as JAX keeps them in a pytree. */
public final class Mlp {
    private Mlp() {}

    /** The parameters: a hidden layer (a record of its own), output weights and bias, and an activation switch. */
    public record Params(Layer hidden, double[] w2, double b2, boolean linear) {}

    public record Layer(double[][] w, double[] b) {}

    static double forward(Params p, double[] x) {
        var h = p.hidden();
        double out = p.b2();
        for (int i = 0; i < h.b().length; i++) {
            double z = h.b()[i];
            for (int j = 0; j < x.length; j++) {
                z += h.w()[i][j] * x[j];
            }
            out += p.w2()[i] * (p.linear() ? z : Math.tanh(z));
        }
        return out;
    }

    @Grad(wrt = "p")
    static double loss(Params p, double[][] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            double r = forward(p, x[k]) - y[k];
            s += r * r;
        }
        return s / x.length;
    }

    @Jit @Grad(wrt = "p")
    static double fastLoss(Params p, double[][] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            double r = forward(p, x[k]) - y[k];
            s += r * r;
        }
        return s / x.length;
    }
}
