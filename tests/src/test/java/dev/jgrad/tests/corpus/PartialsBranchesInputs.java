package dev.jgrad.tests.corpus;

import static dev.jgrad.tests.corpus.Corpus.MARGIN;
import static dev.jgrad.tests.corpus.Corpus.args;
import static dev.jgrad.tests.corpus.Corpus.mask;
import static dev.jgrad.tests.corpus.Corpus.u;

import java.util.Random;

/**
 * Arguments for {@link PartialsBranches}, drawn by rejection so that every argument of a switch (the
 * kink of {@code cdf} at 0, {@code ramp}'s at 0.2, {@code soft}'s at -1 and 3, {@code checked}'s square
 * root) stays {@link Corpus#MARGIN} from it.
 */
final class PartialsBranchesInputs {
    private PartialsBranchesInputs() {}

    private static boolean far(double v, double... from) {
        for (double f : from) {
            if (Math.abs(v - f) < MARGIN) {
                return false;
            }
        }
        return true;
    }

    static Object[] book(Random r) {
        int n = 7;
        double[] s = new double[n];
        double[] k = new double[n];
        double[] v = new double[n];
        double[] rate = new double[n];
        for (int i = 0; i < n; i++) {
            double d;
            do {
                s[i] = u(r, 70, 130);
                k[i] = u(r, 80, 120);
                v[i] = u(r, 0.1, 0.5);
                rate[i] = u(r, 0, 0.06);
                d = (Math.log(s[i] / k[i]) + rate[i]) / v[i];
            } while (!far(d, 0) || !far(d - v[i], 0));
        }
        return args(s, k, v, rate, mask(r, n));
    }

    static Object[] straddle(Random r) {
        double s;
        double k;
        double v;
        double rate;
        double d;
        do {
            s = u(r, 70, 130);
            k = u(r, 80, 120);
            v = u(r, 0.1, 0.5);
            rate = u(r, 0, 0.06);
            d = (Math.log(s / k) + rate) / v;
        } while (!far(d, 0) || !far(d - v, 0));
        return args(s, k, v, rate);
    }

    static Object[] ramps(Random r) {
        int n = 8;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            do {
                x[i] = u(r, -1, 1.5);
                y[i] = u(r, -1, 1.5);
            } while (!far(x[i] * y[i], 0.2));
        }
        return args(x, y, u(r, 0.5, 1.5));
    }

    static Object[] checks(Random r) {
        int n = 8;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = u(r, 0.3, 1.5);
            y[i] = u(r, -0.05, 1);
        }
        return args(x, y, mask(r, n));
    }

    static Object[] softs(Random r) {
        int n = 8;
        double c = u(r, 0.5, 1.5);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            do {
                w[i] = u(r, -2, 4);
            } while (!far(w[i], -1, 3) || !far(w[i] * c, 0));
        }
        return args(w, c);
    }

    static Object[] softOnce(Random r) {
        double x;
        double y;
        double a;
        do {
            x = u(r, -2, 4);
            y = u(r, -2, 2);
            a = PartialsBranches.soft(x, 0.7);
        } while (!far(x, -1, 3) || !far(y + a, -1, 3) || !far(x - y, 0));
        return args(x, y);
    }
}
