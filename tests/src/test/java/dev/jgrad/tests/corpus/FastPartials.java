package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: helpers with the functions that {@code @Jit} computes by {@code JitMath} ({@code Math.exp},
 * {@code tanh}, {@code log1p}), called where the gradient gives value and partials from one generated
 * method (issue 14). Their {@code @Jit} twins compute those functions by {@code JitMath} inside the
 * generated methods too, within the {@code @Jit} tolerance, while {@code @Grad} alone keeps the source's
 * value bit for bit: every column function with two active arguments, a helper without them that passes
 * the choice to the one it calls, one active argument (forward mode), straight-line code, and arguments
 * from where {@code exp} underflows to where it is large.
 */
public final class FastPartials {
    private FastPartials() {}

    /** Each function of the {@code @Jit} column, in two doubles. */
    static double decay(double k, double t) {
        double e = Math.exp(-k * t);
        double s = Math.tanh(k - 0.5 * t);
        return e * (1 + s * s) + Math.log1p(k * k * t) * 0.25 - s * t;
    }

    /** Two active arguments, in a loop. */
    @Grad
    static double decays(double[] k, double[] t) {
        double sum = 0;
        for (int i = 0; i < k.length; i++) {
            sum += decay(k[i], t[i]) * (1 + 0.1 * i);
        }
        return sum;
    }

    /** A bell curve whose tail uses {@code Math.exp}, with a polynomial in Horner form (its tangent factored). */
    static double bell(double x) {
        double q = 1 / (1 + 0.25 * x * x);
        double p = q * (0.5 + q * (0.25 + q * 0.125));
        return Math.exp(-0.5 * x * x) * p + 0.01 * x;
    }

    /** No function of the column of its own: it calls {@link #bell}, which has one. */
    static double blend(double a, double b) {
        double u = a * b + 0.25 * a - 0.5 * b * b;
        double v = bell(u) * a - bell(b - u) * b;
        return v * v + u * (1 + a * a);
    }

    /** The helper without {@code exp} of its own, with two active arguments, in a loop. */
    @Grad
    static double blends(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += blend(a[i], b[i]);
        }
        return sum;
    }

    /** One active argument: the helper's value and partial by forward mode, {@code exp} over a wide range. */
    @Grad
    static double bells(double[] x, double scale) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += bell(x[i] * scale) * x[i];
        }
        return sum;
    }

    /** Logarithms of quotients (log-moneyness), both sides active: the chain through the numerator is {@code 1 / a}. */
    static double moneyness(double a, double b) {
        double m = Math.log(a / b);
        double w = Math.log((1 + a * a) / (b * b));
        return m * m * 0.5 + w * b + Math.exp(-m) / (1 + w * w);
    }

    /** Two active arguments, both positive. */
    @Grad
    static double moneynesses(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += moneyness(a[i], b[i]) * (i + 1);
        }
        return sum;
    }

    /** Straight-line code, each helper called twice. */
    @Grad
    static double straight(double k, double t) {
        double first = decay(k, t);
        double second = decay(t, k);
        double third = blend(k, first) + blend(second, t);
        return first * second + third;
    }
}
