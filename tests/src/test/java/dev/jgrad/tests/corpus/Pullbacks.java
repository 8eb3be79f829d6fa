package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: helpers that get methods of their own in the generated class (a forward call and a
 * derivative method) instead of being inlined at every call: a helper called from three places, from
 * a loop, helpers calling helpers, a helper with a kink, helpers of another class (one the generated
 * class cannot see), a helper that reassigns its parameter, helpers with int and boolean parameters,
 * and one with several double parameters called twice.
 */
public final class Pullbacks {
    private Pullbacks() {}

    /** The standard normal CDF by Zelen and Severo's polynomial (26.2.17), private: the gradient calls a copy. */
    private static double normCdf(double x) {
        double a = Math.abs(x);
        double t = 1 / (1 + 0.2316419 * a);
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        double tail = Math.exp(-0.5 * a * a) / Math.sqrt(2 * Math.PI) * poly;
        return x >= 0 ? 1 - tail : tail;
    }

    /** Three calls of one helper: one copy, one derivative method. */
    @Grad
    static double threeSites(double x, double y) {
        double a = normCdf(x);
        double b = normCdf(x * y - 0.3);
        return a * b + normCdf(y) * 2;
    }

    /** One call, in a loop: the helper is a method of its own, and the loop reads as written. */
    @Grad(wrt = {"w", "b"})
    static double inLoop(double[] w, double b, double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += normCdf(w[i] * x[i] + b) * x[i];
        }
        return sum;
    }

    /** A smooth step: calls {@link #normCdf} twice itself. */
    static double band(double x, double width) {
        return normCdf(x + width) - normCdf(x - width) + 0.01 * x * width;
    }

    /** Helpers calling helpers: band (two double parameters, called twice) calls normCdf twice. */
    @Grad
    static double nested(double x, double w) {
        return band(x, w) * band(0.5 * x, 1 + w * w);
    }

    /** A helper with kinks: abs and max, each on the branch taken. */
    static double hinge(double x, double c) {
        double d = Math.abs(x - c);
        double m = Math.max(d - 0.5, 0.25 * d);
        if (x > c) {
            m = m * 1.5 + Math.sin(x) * 0.1;
        }
        return m * m + 0.3 * d;
    }

    /** Two calls of the kinked helper. */
    @Grad
    static double kinked(double x, double y) {
        return hinge(x, 0.2) + hinge(y, -0.4) * x;
    }

    /** Helpers of another class: one the generated class calls, one it copies. */
    @Grad
    static double otherClass(double x, double y) {
        double p = PullbackMath.logistic(x, 1) + PullbackMath.logistic(y, 2) * PullbackMath.logistic(x * y, 0);
        return p * PullbackMath.softClip(x, y);
    }

    /** A helper that reassigns its parameter, and reads it after. */
    static double damped(double x, int steps) {
        double start = x;
        x = x * 0.5 + Math.sin(x) * 0.25;
        x = x - 0.1 * x * x * steps;
        x *= Math.exp(-0.2 * start * start);
        return x + start * 0.125;
    }

    /** Three calls of the helper that reassigns its parameter, with int arguments. */
    @Grad
    static double reassigned(double x, double y) {
        double a = damped(x, 1);
        double b = damped(y + a, 2);
        return a * b - damped(x * y, 3);
    }

    /** Nested branches, early returns and an argument check: single-assignment form keeps them tape-free. */
    static double piecewise(double x, int mode) {
        if (mode < 0) {
            throw new IllegalArgumentException("mode " + mode);
        }
        if (x > 1) {
            if (mode == 1) {
                return Math.log(x) + 1 + 0.5 * x;
            }
            x = x * x - Math.cos(x);
        } else if (x < -1) {
            double r = Math.sqrt(-x);
            if (mode == 2) {
                r *= 1.5;
            }
            return -r + 0.25 * x * x;
        }
        double y = x * 0.5 + Math.atan(x);
        return y * Math.sin(x) + x;
    }

    /** Three calls of the branchy helper, on different branches. */
    @Grad
    static double branchy(double x, double y) {
        return piecewise(x, 1) * piecewise(y, 2) + piecewise(x - y, 0);
    }

    /** A Black-Scholes price: d1 and d2 in one helper of several double parameters, called twice. */
    static double d(double s, double k, double t, double sigma, double rate, boolean plus) {
        double v = sigma * Math.sqrt(t);
        double mid = (Math.log(s / k) + (rate + 0.5 * sigma * sigma) * t) / v;
        return plus ? mid : mid - v;
    }

    /** A book of calls and puts, each priced with two calls of d and four of normCdf. */
    @Grad(wrt = {"spot", "vol", "rate"})
    static double book(double[] spot, double[] strike, double[] vol, double rate, double t, boolean[] isCall) {
        double total = 0;
        for (int i = 0; i < spot.length; i++) {
            double d1 = d(spot[i], strike[i], t, vol[i], rate, true);
            double d2 = d(spot[i], strike[i], t, vol[i], rate, false);
            double disc = strike[i] * Math.exp(-rate * t);
            double price;
            if (isCall[i]) {
                price = spot[i] * normCdf(d1) - disc * normCdf(d2);
            } else {
                price = disc * normCdf(-d2) - spot[i] * normCdf(-d1);
            }
            total += price;
        }
        return total;
    }
}
