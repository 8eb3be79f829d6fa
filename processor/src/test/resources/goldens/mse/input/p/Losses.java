package p;

import dev.jgrad.Grad;

/** The seed example of DESIGN.md with @Grad alone: mean squared error of a linear model, written as plain loops. */
public final class Losses {
    @Grad(wrt = {"w", "b"})
    static double mse(double[] w, double b, double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double pred = b;
            for (int j = 0; j < w.length; j++) pred += w[j] * x[i][j];
            double r = pred - y[i];
            sum += r * r;
        }
        return sum / x.length;
    }
}
