package p;

import dev.jgrad.Grad;

/**
 * Java's order of evaluation: only an operand that a later helper could change is read into a
 * local first ({@code a[0]} before {@code scale}, which writes into {@code a}); operands of
 * {@code &&}, of a helper that writes nothing, and an enhanced for's local array stay as written.
 */
public final class Order {
    @Grad(wrt = "x")
    static double f(double[] x, double t) {
        double[] a = new double[x.length];
        a[0] = x[0];
        a[1] = x[1];
        double r = a[0] * scale(a, t) + a[1] * square(a[0]);
        double s = 0;
        for (double v : x) {
            if (v > 0 && v < t) {
                s += v;
            }
        }
        double c;
        double d;
        c = d = (t > 0 ? a : x)[1] * s;
        return r + c * d;
    }

    /** Multiplies {@code a[0]} by {@code t}; returns the new value. */
    static double scale(double[] a, double t) {
        a[0] *= t;
        return a[0];
    }

    static double square(double v) {
        return v * v;
    }
}
