package dev.jgrad.tests.corpus;

import static dev.jgrad.tests.corpus.Corpus.MARGIN;
import static dev.jgrad.tests.corpus.Corpus.args;
import static dev.jgrad.tests.corpus.Corpus.away;
import static dev.jgrad.tests.corpus.Corpus.mask;
import static dev.jgrad.tests.corpus.Corpus.u;
import static dev.jgrad.tests.corpus.Corpus.vec;

import java.util.Random;

/**
 * Arguments for {@link Pullbacks}, drawn by rejection so that every argument of {@code normCdf}
 * (whose formula switches at 0) and of {@code hinge} (kinks at {@code c} and {@code c +- 2/3}) stays
 * {@link Corpus#MARGIN} from the switch.
 */
final class PullbackInputs {
    private PullbackInputs() {}

    private static boolean far(double v, double... from) {
        for (double f : from) {
            if (Math.abs(v - f) < MARGIN) {
                return false;
            }
        }
        return true;
    }

    static Object[] threeSites(Random r) {
        while (true) {
            double x = away(r, -2, 2, 0);
            double y = away(r, -2, 2, 0);
            if (far(x * y - 0.3, 0)) {
                return args(x, y);
            }
        }
    }

    static Object[] inLoop(Random r) {
        while (true) {
            double[] w = vec(r, 6, -1.5, 1.5);
            double b = u(r, -1, 1);
            double[] x = vec(r, 6, -2, 2);
            boolean ok = true;
            for (int i = 0; i < x.length; i++) {
                ok &= far(w[i] * x[i] + b, 0);
            }
            if (ok) {
                return args(w, b, x);
            }
        }
    }

    static Object[] nested(Random r) {
        while (true) {
            double x = u(r, -2, 2);
            double w = u(r, 0.2, 1.2);
            double w2 = 1 + w * w;
            if (far(x + w, 0) && far(x - w, 0) && far(0.5 * x + w2, 0) && far(0.5 * x - w2, 0)) {
                return args(x, w);
            }
        }
    }

    static Object[] kinked(Random r) {
        double third = 2.0 / 3;
        return args(away(r, -2, 2, 0.2, 0.2 - third, 0.2 + third), away(r, -2, 2, -0.4, -0.4 - third, -0.4 + third));
    }

    static Object[] otherClass(Random r) {
        return args(away(r, -1.5, 1.5, 0), away(r, -1.5, 1.5, 0));
    }

    static Object[] reassigned(Random r) {
        return args(u(r, -1.5, 1.5), u(r, -1.5, 1.5));
    }

    static Object[] branchy(Random r) {
        while (true) {
            double x = away(r, -2.5, 2.5, -1, 1);
            double y = away(r, -2.5, 2.5, -1, 1);
            if (far(x - y, -1, 1)) {
                return args(x, y);
            }
        }
    }

    static Object[] book(Random r) {
        int n = 6;
        double rate = u(r, 0.01, 0.05);
        double t = u(r, 0.5, 2);
        double[] spot = new double[n];
        double[] strike = new double[n];
        double[] vol = new double[n];
        for (int i = 0; i < n; i++) {
            while (true) {
                spot[i] = u(r, 80, 120);
                strike[i] = u(r, 80, 120);
                vol[i] = u(r, 0.15, 0.4);
                double v = vol[i] * Math.sqrt(t);
                double d1 = (Math.log(spot[i] / strike[i]) + (rate + 0.5 * vol[i] * vol[i]) * t) / v;
                if (far(d1, 0) && far(d1 - v, 0)) {
                    break;
                }
            }
        }
        return args(spot, strike, vol, rate, t, mask(r, n));
    }
}
