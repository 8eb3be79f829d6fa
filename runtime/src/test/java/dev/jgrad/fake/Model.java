package dev.jgrad.fake;

/** A source class as a user writes it (the {@code @Grad} is left off: no processor runs on these tests). */
public final class Model {
    private Model() {}

    /** Mean squared error of a linear model; {@code ModelGrad.mse} is its (hand-written) gradient. */
    static double mse(double[] w, double b, double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double pred = b;
            for (int j = 0; j < w.length; j++) {
                pred += w[j] * x[i][j];
            }
            double r = pred - y[i];
            sum += r * r;
        }
        return sum / x.length;
    }

    /** The same loss; {@code ModelGrad.wrong} has a deliberately wrong gradient (db without its factor 2). */
    static double wrong(double[] w, double b, double[][] x, double[] y) {
        return mse(w, b, x, y);
    }

    /** Writes into its argument, as a source method may: the check must pass each call a fresh copy. */
    private static double scaled(double[] v, double s, int n) {
        double out = 0;
        for (int i = 0; i < n; i++) {
            v[i] *= s;
            out += v[i] * v[i];
        }
        return out;
    }

    /** Two parameters of the same type, only the second differentiated: names decide, not types. */
    static double second(double[] a, double[] c) {
        return a[0] * c[0] * c[0];
    }

    /** A record parameter (as the records issue will allow). */
    static double layer(Layer l, double[] x) {
        double s = l.b();
        for (int i = 0; i < x.length; i++) {
            s += l.w()[i] * x[i];
        }
        return Math.tanh(s) + l.scale().m()[0][0] * l.scale().m()[0][0];
    }

    public record Scale(double[][] m) {}

    public record Layer(double[] w, double b, Scale scale) {}

    /** A nested source class: its generated class is {@code Model_InnerGrad}. */
    public static final class Inner {
        static double square(double t) {
            return t * t;
        }
    }
}
