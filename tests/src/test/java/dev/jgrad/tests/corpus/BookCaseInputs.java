package dev.jgrad.tests.corpus;

import static dev.jgrad.tests.corpus.Corpus.MARGIN;
import static dev.jgrad.tests.corpus.Corpus.args;
import static dev.jgrad.tests.corpus.Corpus.mask;
import static dev.jgrad.tests.corpus.Corpus.u;

import java.util.Random;

/**
 * Arguments for {@link BookCases}, drawn by rejection so that every argument of {@code normCdf}
 * (whose formula switches at 0) and of {@code hinge} (kinks at 0.2 and 0.2 +- 2/3) stays
 * {@link Corpus#MARGIN} from the switch.
 */
final class BookCaseInputs {
    private BookCaseInputs() {}

    private static boolean far(double v, double... from) {
        for (double f : from) {
            if (Math.abs(v - f) < MARGIN) {
                return false;
            }
        }
        return true;
    }

    /** Whether d1 and d2 of a Black-Scholes price are away from 0. */
    private static boolean smooth(double spot, double strike, double expiry, double vol, double rate) {
        double v = vol * Math.sqrt(expiry);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * expiry) / v;
        return far(d1, 0) && far(d1 - v, 0);
    }

    static Object[] book(Random r) {
        int n = 7;
        double[] spot = new double[n];
        double[] strike = new double[n];
        double[] expiry = new double[n];
        double[] vol = new double[n];
        double[] rate = new double[n];
        for (int i = 0; i < n; i++) {
            do {
                spot[i] = u(r, 70, 130);
                strike[i] = u(r, 80, 120);
                expiry[i] = u(r, 0.25, 2);
                vol[i] = u(r, 0.1, 0.5);
                rate[i] = u(r, 0, 0.06);
            } while (!smooth(spot[i], strike[i], expiry[i], vol[i], rate[i]));
        }
        return args(spot, strike, expiry, vol, rate, mask(r, n));
    }

    static Object[] kinks(Random r) {
        double third = 2.0 / 3;
        int n = 6;
        double[] w = new double[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            do {
                w[i] = u(r, -1.5, 1.5);
                x[i] = u(r, -1.5, 1.5);
            } while (!far(x[i], 0) || !far(w[i] * x[i], 0.2, 0.2 - third, 0.2 + third)
                    || !far(w[i] - x[i], 0.2, 0.2 - third, 0.2 + third));
        }
        return args(w, x);
    }

    static Object[] secondActive(Random r) {
        int n = 5;
        double[] x = new double[n];
        double[] ks = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = u(r, -1.5, 1.5);
            ks[i] = u(r, 0.2, 1);
        }
        return args(x, ks, u(r, 0.2, 1));
    }

    static Object[] twoLoops(Random r) {
        int n = 6;
        double strike = 100;
        double[] spot = new double[n];
        double[] vol = new double[n];
        for (int i = 0; i < n; i++) {
            double d;
            double z;
            do {
                spot[i] = u(r, 70, 130);
                vol[i] = u(r, 0.1, 0.5);
                d = Math.log(spot[i] / strike) / vol[i];
                z = d - 0.5 * vol[i];
            } while (!far(d, 0) || !far(d - vol[i], 0) || !far(z, 0));
        }
        return args(spot, vol, strike);
    }

    static Object[] innerLoop(Random r) {
        while (true) {
            int n = 4;
            int m = 3;
            double[] w = new double[m];
            for (int j = 0; j < m; j++) {
                w[j] = u(r, -1.2, 1.2);
            }
            double b = u(r, -0.5, 0.5);
            double[][] x = new double[n][m];
            boolean ok = true;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    x[i][j] = u(r, -1.5, 1.5);
                    ok &= far(w[j] * x[i][j] + b, 0);
                }
                double row = 0;
                for (int j = 0; j < m; j++) {
                    row += BookCases.normCdf(w[j] * x[i][j] + b);
                }
                ok &= far(row / m - 0.35, 0);
            }
            if (ok) {
                return args(w, b, x);
            }
        }
    }

    static Object[] greeks(Random r) {
        while (true) {
            double spot = u(r, 70, 130);
            double strike = u(r, 80, 120);
            double expiry = u(r, 0.25, 2);
            double vol = u(r, 0.1, 0.5);
            double rate = u(r, 0, 0.06);
            double d = (Math.log(spot / strike) + rate * expiry) / (vol * Math.sqrt(expiry));
            if (smooth(spot, strike, expiry, vol, rate) && far(d, 0)) {
                return args(spot, strike, expiry, vol, rate);
            }
        }
    }
}
