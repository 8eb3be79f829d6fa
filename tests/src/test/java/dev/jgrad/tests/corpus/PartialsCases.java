package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: helpers called with several active arguments (issue 14). In a fused iteration or in
 * straight-line code, such a call gives its value and every partial from one run of a generated
 * value-and-partials method ({@code bump_and_dx_dy}); a helper called by such a helper gives its own
 * from one run too. Two, three and four active arguments, some inactive ones, an int and a boolean, a
 * helper calling a helper, a helper with a branch and a guard return, calls in loops and in
 * straight-line code (there, and in {@code @Grad} alone's taped gradients, the helper is inlined; the
 * {@code @Jit} twins give value and partials from one run), and an argument that may throw (an index).
 */
public final class PartialsCases {
    private PartialsCases() {}

    /** A smooth bump in two doubles, scaled by a third. */
    static double bump(double x, double y, double scale) {
        double r2 = (x * x + 0.5 * y * y) / (scale * scale);
        double e = Math.exp(-r2);
        return e * Math.sin(x + 0.3 * y) + Math.log1p(r2) * y;
    }

    /** In a loop: two of the three doubles active ({@code w[i]}, {@code b * x[i]}), the scale not. */
    @Grad(wrt = {"w", "b"})
    static double twoActive(double[] w, double[] x, double b) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += bump(w[i], b * x[i], 1.5) * x[i];
        }
        return sum;
    }

    /** Four doubles, an int and a boolean. */
    static double mix(double a, double b, double c, double d, int n, boolean flip) {
        double s = a * b - c / (1 + d * d);
        double t = Math.tanh(s) + n * Math.cos(a + d);
        return flip ? t * c - Math.sqrt(1 + b * b) : t * d + Math.atan(b * c);
    }

    /** Straight-line code: two calls, each with four active arguments. */
    @Grad
    static double fourActive(double a, double b, double c, double d) {
        double first = mix(a, b, c, d, 2, true);
        double second = mix(d, c, b, a, 1, false);
        return first * second + first;
    }

    /** A helper of one argument, which {@link #outer} calls three times. */
    static double inner(double x) {
        double e = Math.exp(-0.5 * x * x);
        double p = 1 / (1 + 0.3 * x * x);
        return e * p + Math.atan(x) * 0.1;
    }

    /** A helper calling a helper, with three doubles of which the caller makes two or three active. */
    static double outer(double u, double v, double k) {
        double z = u * k - v;
        double left = inner(z);
        double right = inner(u + v * v);
        return left * u + right * Math.sin(v) + inner(k) * v;
    }

    /** The nested helpers in a loop, all three arguments active. */
    @Grad(wrt = {"u", "v", "k"})
    static double nested(double[] u, double[] v, double k) {
        double total = 0;
        for (int i = 0; i < u.length; i++) {
            double o = outer(u[i], v[i], k);
            total += o * (i + 1);
        }
        return total;
    }

    /** The nested helpers in a loop, the third argument inactive. */
    @Grad(wrt = {"u", "v"})
    static double nestedTwo(double[] u, double[] v, double k0) {
        double total = 0;
        for (int i = 0; i < u.length; i++) {
            total += outer(v[i], u[i], k0) * u[i];
        }
        return total;
    }

    /** Straight-line code with the nested helpers, all three arguments active. */
    @Grad(wrt = {"u", "v", "k"})
    static double nestedOnce(double u, double v, double k) {
        double first = outer(u, v, k);
        double second = outer(v, k, u);
        return first * second;
    }

    /** A guard return, and a branch that reassigns a local. */
    static double guarded(double x, double y, double cap) {
        if (x > cap) {
            return cap * y + Math.log(x / cap);
        }
        double q = x * y + Math.exp(0.2 * x);
        if (y < 0) {
            q = q * q + Math.sin(y);
        }
        return q / (1 + x * x);
    }

    /** The guarded helper in a loop, both sides of each branch taken. */
    @Grad(wrt = {"x", "y", "cap"})
    static double branches(double[] x, double[] y, double cap) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += guarded(x[i], y[i], cap) * (1 + 0.1 * i);
        }
        return sum;
    }

    /** An argument that may throw: {@code x[at[i]]} is out of bounds for a bad index, as in the source. */
    @Grad(wrt = {"w"})
    static double indexed(double[] w, double[] x, int[] at) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += bump(w[i], x[at[i]] * w[i], 2.0);
        }
        return sum;
    }
}
