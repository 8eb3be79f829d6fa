package dev.jgrad.fake;

/** Stands for the class jgrad generates from {@link Model}, written by hand (one gradient deliberately wrong). */
public final class ModelGrad {
    private ModelGrad() {}

    public record MseGradient(double value, double[] w, double b) {}

    public static MseGradient mse(double[] w, double b, double[][] x, double[] y) {
        double[] dw = new double[w.length];
        double db = 0;
        double sum = 0;
        int n = x.length;
        for (int i = 0; i < n; i++) {
            double pred = b;
            for (int j = 0; j < w.length; j++) {
                pred += w[j] * x[i][j];
            }
            double r = pred - y[i];
            sum += r * r;
            for (int j = 0; j < w.length; j++) {
                dw[j] += 2 * r * x[i][j] / n;
            }
            db += 2 * r / n;
        }
        return new MseGradient(sum / n, dw, db);
    }

    public record WrongGradient(double value, double[] w, double b) {}

    public static WrongGradient wrong(double[] w, double b, double[][] x, double[] y) {
        MseGradient right = mse(w, b, x, y);
        return new WrongGradient(right.value(), right.w(), right.b() / 2);
    }

    public record ScaledGradient(double value, double[] v, double s) {}

    public static ScaledGradient scaled(double[] v, double s, int n) {
        double[] dv = new double[v.length];
        double ds = 0;
        double out = 0;
        for (int i = 0; i < n; i++) {
            out += v[i] * s * v[i] * s;
            dv[i] = 2 * v[i] * s * s;
            ds += 2 * v[i] * v[i] * s;
        }
        for (int i = 0; i < n; i++) {
            v[i] *= s; // as the source leaves its input
        }
        return new ScaledGradient(out, dv, ds);
    }

    public record SecondGradient(double value, double[] c) {}

    public static SecondGradient second(double[] a, double[] c) {
        double[] dc = new double[c.length];
        dc[0] = 2 * a[0] * c[0];
        return new SecondGradient(a[0] * c[0] * c[0], dc);
    }

    public record LayerGradient(double value, Model.Layer l) {}

    public static LayerGradient layer(Model.Layer l, double[] x) {
        double s = l.b();
        for (int i = 0; i < x.length; i++) {
            s += l.w()[i] * x[i];
        }
        double t = Math.tanh(s);
        double ds = 1 - t * t;
        double[] dw = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            dw[i] = ds * x[i];
        }
        double[][] m = l.scale().m();
        double[][] dm = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            dm[i] = new double[m[i].length];
        }
        dm[0][0] = 2 * m[0][0];
        return new LayerGradient(t + m[0][0] * m[0][0], new Model.Layer(dw, ds, new Model.Scale(dm)));
    }
}
