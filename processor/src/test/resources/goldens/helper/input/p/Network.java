package p;

import dev.jgrad.Grad;

/** A one-hidden-layer network whose layer is a static helper of the same class. */
public final class Network {
    @Grad(wrt = {"w1", "w2"})
    static double loss(double[][] w1, double[] w2, double[] x, double target) {
        double[] h = new double[w1.length];
        layer(w1, x, h);
        double out = 0;
        for (int j = 0; j < h.length; j++) {
            out += w2[j] * h[j];
        }
        return square(out - target);
    }

    static void layer(double[][] w, double[] x, double[] h) {
        for (int j = 0; j < w.length; j++) {
            double a = 0;
            for (int k = 0; k < x.length; k++) {
                a += w[j][k] * x[k];
            }
            h[j] = Math.tanh(a);
        }
    }

    static double square(double v) {
        return v * v;
    }
}
