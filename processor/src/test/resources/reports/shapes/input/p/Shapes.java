package p;

import dev.jgrad.Grad;
import dev.jgrad.Jit;

public final class Shapes {
    @Jit @Grad(wrt = {"w", "b"})
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

    @Jit @Grad
    static double variance(double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) sum += x[i];
        double mean = sum / x.length;
        double ss = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - mean;
            ss += d * d;
        }
        return ss / x.length;
    }

    @Jit @Grad
    static double logSumSquares(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * x[i];
        return Math.log(s);
    }

    @Jit @Grad
    static double iterate(double x, int n) {
        double y = x;
        int k = 0;
        while (k < n) {
            y = Math.sin(y) * y;
            k++;
        }
        return y;
    }

    @Grad(wrt = {"w1", "w2"})
    static double mlp(double[][] w1, double[] w2, double[][] x, double[] y) {
        double[] h = new double[w2.length];
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < h.length; j++) {
                double a = 0;
                for (int d = 0; d < x[i].length; d++) a += w1[j][d] * x[i][d];
                h[j] = Math.tanh(a);
            }
            double out = 0;
            for (int j = 0; j < h.length; j++) out += w2[j] * h[j];
            double r = out > 0 ? out - y[i] : 0.1 * (out - y[i]);
            loss += r * r;
        }
        return loss;
    }

    @Jit(parallel = false)
    static double dot(double[][] a, double[] v) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < v.length; j++) s += a[i][j] * v[j];
        }
        return s;
    }

    @Grad
    static double smooth(double[] v) {
        double[] buf = new double[v.length];
        double s = 0;
        for (int t = 0; t < 3; t++) {
            double[] next = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                double left = i > 0 ? buf[i - 1] : v[0];
                next[i] = 0.5 * (v[i] + left);
                if (next[i] > 1) {
                    double e = Math.exp(next[i]);
                    s += e;
                    next[i] = e;
                } else {
                    s += next[i];
                }
            }
            buf = next;
        }
        return s;
    }
}
