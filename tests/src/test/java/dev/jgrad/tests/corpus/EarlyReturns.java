package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: early returns and continues moved to the end of their paths (no flag): a helper with two
 * active arguments and guard returns, inlined in a loop; a helper whose returns nest in branches; a
 * method's own guard returns before and after a throw; a return that stays under a flag (in a loop);
 * a sample loop that skips masked rows by {@code continue}, an inner loop that skips entries, and a
 * continue beside a break.
 */
public final class EarlyReturns {
    private EarlyReturns() {}

    /** Saturates softly above {@code c} and below -1. */
    static double clip(double v, double c) {
        if (v > c) return c + 0.1 * (v - c);
        if (v < -1) {
            double under = v + 1;
            return -1 + 0.2 * under;
        }
        return v - 0.05 * v * v;
    }

    /** The helper inlined in the loop over rows; its result is used twice. */
    @Grad(wrt = {"w"})
    static double clippedScores(double[][] x, double[] w) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double a = 0;
            for (int j = 0; j < w.length; j++) {
                a += w[j] * x[i][j];
            }
            s += clip(a, w[0]) * a;
        }
        return s / x.length;
    }

    /** Returns nested in both sides of a branch. */
    static double piecewise(double v, double c) {
        if (v < 0) {
            if (v < -c) {
                return -c - 0.5 * (v + c);
            }
            return v * (1 + 0.1 * v);
        }
        double q = v * c;
        if (q > 1) {
            return Math.sqrt(q);
        }
        return q;
    }

    @Grad
    static double piecewiseSum(double[] x, double c) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += piecewise(x[i], c) * piecewise(x[i] * 0.5 - 0.2, c);
        }
        return s;
    }

    /** A return inside an {@code if} inside an {@code if}: both sides go on to the last return, which each gets. */
    static double bent(double v, double c) {
        if (v > 0) {
            if (v > c) {
                return c + 0.1 * (v - c);
            }
        }
        return v * (1 - 0.1 * v);
    }

    @Grad
    static double bentSum(double[] x, double c) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += bent(x[i], c) * x[i];
        }
        return s;
    }

    /** The method's own guard returns, around a check that throws. */
    @Grad
    static double guarded(double[] x, double scale) {
        if (x.length == 0) {
            return 0;
        }
        if (scale <= 0) {
            throw new IllegalArgumentException("scale must be positive");
        }
        if (scale > 100) return scale;
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.log1p(scale * x[i] * x[i]);
        }
        return s / x.length;
    }

    /** A return inside the loop: the flag stays. */
    @Grad
    static double firstAbove(double[] x, double limit) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i];
            if (s > limit) {
                return s * x[i];
            }
        }
        return s;
    }

    /** Masked rows skipped: {@code if (mask[i]) continue;} at the top of the sample loop. */
    @Grad(wrt = {"w"})
    static double skipMasked(double[][] x, double[] y, double[] w, boolean[] mask) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            if (mask[i]) {
                continue;
            }
            double p = 0;
            for (int j = 0; j < w.length; j++) {
                p += w[j] * x[i][j];
            }
            double r = p - y[i];
            s += r * r;
        }
        return s / x.length;
    }

    /** Negative entries skipped in the inner loop; the sum of the kept ones per row, squared. */
    @Grad(wrt = {"w"})
    static double skipNegatives(double[][] x, double[] w) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double p = 0;
            for (int j = 0; j < w.length; j++) {
                if (x[i][j] < 0) continue;
                p += w[j] * x[i][j];
            }
            s += Math.tanh(p) * p;
        }
        return s;
    }

    /** A continue beside a break: the break keeps its flag. */
    @Grad
    static double skipThenStop(double[] x, double limit) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0) {
                continue;
            }
            if (s > limit) {
                break;
            }
            s += x[i] * x[i] + 0.5 * x[i];
        }
        return s;
    }
}
