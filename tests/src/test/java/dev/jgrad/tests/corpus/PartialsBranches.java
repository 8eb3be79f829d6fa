package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: helpers that end in a branch, and helpers of one active argument (issue 14, W4's speed). A
 * helper called with several active arguments whose last statement before its return is an {@code
 * if}/{@code else} gets a value-and-partials method in branch form: each side's forward and adjoint
 * inside one test of the condition. A helper called with one active argument gets a value-and-partial
 * method in forward mode. Branches on a boolean and on an active comparison, an {@code if} without
 * {@code else}, a branch followed by more code (the choice form stays), a side with a check that
 * throws, a guard return, a reassigned parameter, kinks; in loops (fused under {@code @Jit}) and in
 * straight-line code.
 */
public final class PartialsBranches {
    private PartialsBranches() {}

    /** A logistic approximation of the normal distribution function: one active argument, a kink in |x|. */
    static double cdf(double x) {
        double a = Math.abs(x);
        double e = Math.exp(-1.702 * a);
        double tail = e / (1 + e);
        return x >= 0 ? 1 - tail : tail;
    }

    /** A call's or a put's price: three active doubles, and the branch that ends the helper calls {@link #cdf}. */
    static double option(double s, double k, double v, double r, boolean call) {
        double d = (Math.log(s / k) + r) / v;
        double df = Math.exp(-r);
        double p;
        if (call) {
            p = s * cdf(d) - k * df * cdf(d - v);
        } else {
            p = k * df * cdf(v - d) - s * cdf(-d);
        }
        return p;
    }

    /** A book of calls and puts, weighted. */
    @Grad(wrt = {"s", "v", "r"})
    static double book(double[] s, double[] k, double[] v, double[] r, boolean[] call) {
        double total = 0;
        for (int i = 0; i < s.length; i++) {
            total += option(s[i], k[i], v[i], r[i], call[i]) * (1 + 0.1 * i);
        }
        return total;
    }

    /** Straight-line: a call and a put of the same underlying. */
    @Grad(wrt = {"s", "v", "r"})
    static double straddle(double s, double k, double v, double r) {
        return option(s, k, v, r, true) + option(s, k, v, r, false);
    }

    /** A branch on an active comparison, without else, that ends the helper. */
    static double ramp(double x, double y, double w) {
        double q = x * y;
        double out = Math.sin(q) * w;
        if (q > 0.2) {
            out = out + Math.log1p(q) * w * w;
        }
        return out;
    }

    /** {@link #ramp} in a loop, its three arguments active. */
    @Grad(wrt = {"x", "y", "w"})
    static double ramps(double[] x, double[] y, double w) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += ramp(x[i], y[i], w);
        }
        return sum;
    }

    /** A branch followed by more code that reads what it chose: the choice form stays. */
    static double after(double x, double y, boolean flip) {
        double t;
        if (flip) {
            t = Math.exp(x) * y;
        } else {
            t = Math.cos(y) - x;
        }
        double u = t * t + x;
        return u / (1 + y * y);
    }

    /** {@link #after} in a loop. */
    @Grad(wrt = {"x", "y"})
    static double afters(double[] x, double[] y, boolean[] flip) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += after(x[i], y[i], flip[i]);
        }
        return sum;
    }

    /** A side with a check that throws, which only that side reaches. */
    static double checked(double x, double y, boolean strict) {
        double z = x * x + y;
        double out;
        if (strict) {
            if (z < 0) {
                throw new IllegalArgumentException("negative: " + z);
            }
            out = Math.sqrt(z) * y;
        } else {
            out = z * Math.tanh(y);
        }
        return out;
    }

    /** {@link #checked} in a loop; a strict entry whose {@code x * x + y} is negative throws, as the source does. */
    @Grad(wrt = {"x", "y"})
    static double checks(double[] x, double[] y, boolean[] strict) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += checked(x[i], y[i], strict[i]) * x[i];
        }
        return sum;
    }

    /** One active argument: a guard return, a branch, a reassigned parameter. */
    static double soft(double x, double c) {
        if (x > 3) {
            return x - c;
        }
        double e = Math.exp(x);
        double s;
        if (x < -1) {
            s = e * c;
        } else {
            s = Math.log1p(e) * c;
        }
        x = s * s + Math.sin(x);
        return x * 0.5 + e;
    }

    /** {@link #soft} and {@link #cdf} in a loop, each with one active argument. */
    @Grad(wrt = {"w"})
    static double softs(double[] w, double c) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += soft(w[i], c) + cdf(w[i] * c) * i;
        }
        return sum;
    }

    /** Straight-line: one active argument each, a helper's value used twice. */
    @Grad
    static double softOnce(double x, double y) {
        double a = soft(x, 0.7);
        return a * soft(y + a, 1.3) + cdf(x - y);
    }
}
