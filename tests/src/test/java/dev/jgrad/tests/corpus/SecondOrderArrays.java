package dev.jgrad.tests.corpus;

import dev.jgrad.Derivative;
import dev.jgrad.Grad;

/**
 * Corpus: functions of arrays with {@code @Derivative} partials that {@code @Hessian} (HessianCorpusTest
 * adds it) differentiates twice, through the tangents of the partials' sources: log-sum-exp with the
 * softmax as partial (a partial that calls the function itself), a quadratic form {@code 0.5 x^T A x}
 * with the partial {@code A x} (a data matrix beside the active vector), and a function of a row and a
 * double called in a loop (the cross derivatives between the array and the double).
 */
public final class SecondOrderArrays {
    private SecondOrderArrays() {}

    // ---------------------------------------------------------------- the functions and their partials

    /** {@code log sum exp z}, shifted by the max (any Java). */
    static double lse(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            m = Math.max(m, v);
        }
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - m);
        }
        return m + Math.log(s);
    }

    /** The softmax: the gradient of log-sum-exp, in the differentiable subset (its tangent is read from here). */
    @Derivative(of = "lse", wrt = "z")
    static double[] lseDz(double[] z) {
        double top = lse(z);
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - top);
        }
        return p;
    }

    /** {@code 0.5 x^T A x} for a symmetric {@code A}. */
    static double quad(double[][] a, double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                s += 0.5 * x[i] * a[i][j] * x[j];
            }
        }
        return s;
    }

    /** {@code A x}. */
    @Derivative(of = "quad", wrt = "x")
    static double[] quadDx(double[][] a, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                y[i] += a[i][j] * x[j];
            }
        }
        return y;
    }

    /** {@code sum_i exp(-s x_i^2)}: an array and a double. */
    static double bumps(double[] x, double s) {
        double t = 0;
        for (double v : x) {
            t += Math.exp(-s * v * v);
        }
        return t;
    }

    @Derivative(of = "bumps", wrt = "x")
    static double[] bumpsDx(double[] x, double s) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = -2 * s * x[i] * Math.exp(-s * x[i] * x[i]);
        }
        return d;
    }

    @Derivative(of = "bumps", wrt = "s")
    static double bumpsDs(double[] x, double s) {
        double t = 0;
        for (int i = 0; i < x.length; i++) {
            t -= x[i] * x[i] * Math.exp(-s * x[i] * x[i]);
        }
        return t;
    }

    // ---------------------------------------------------------------- the corpus methods

    /** Log-sum-exp of scaled scores minus the first: the softmax's Jacobian is the Hessian. */
    @Grad
    static double logSumExp(double[] z, double scale) {
        double[] y = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            y[i] = scale * z[i];
        }
        return lse(y) - y[0] + 0.1 * scale * scale;
    }

    /** The quadratic form of the symmetric part of a data matrix, plus a quartic: the Hessian is {@code A + ...}. */
    @Grad(wrt = "x")
    static double quadraticForm(double[][] m, double[] x) {
        int n = x.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = m[i][j] + m[j][i];
            }
        }
        double r = 0;
        for (int i = 0; i < n; i++) {
            r += x[i] * x[i];
        }
        return quad(a, x) + 0.25 * r * r;
    }

    /** A function of each row and a double, called in a loop: cross derivatives of rows and {@code s}. */
    @Grad
    static double rowsInLoop(double[][] m, double s, double[] w) {
        double total = 0;
        for (int i = 0; i < m.length; i++) {
            total += w[i] * bumps(m[i], s * (1 + 0.5 * i));
        }
        return total * total;
    }
}
