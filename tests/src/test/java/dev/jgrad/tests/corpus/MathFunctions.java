package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: every {@code Math} and {@code StrictMath} function of the subset, inside its domain
 * ({@code log} of positive numbers, {@code asin}/{@code acos} in (-1, 1), {@code pow} of a
 * positive base when the exponent is active), and the non-smooth ones away from their kinks.
 */
public final class MathFunctions {
    private MathFunctions() {}

    /** Covers: Math.sin, Math.cos, Math.tan. */
    @Grad
    static double trig(double x) {
        return Math.sin(x) * Math.cos(2 * x) + Math.tan(x / 2);
    }

    /** Covers: Math.asin and Math.acos in (-1, 1), Math.atan, Math.atan2 away from its branch cut. */
    @Grad
    static double inverseTrig(double x, double y) {
        return Math.asin(x) + Math.acos(0.9 * x) * Math.atan(y) + Math.atan2(y, x) - Math.atan2(x, y);
    }

    /** Covers: Math.sinh, Math.cosh, Math.tanh. */
    @Grad
    static double hyperbolic(double x) {
        return Math.sinh(x) * Math.cosh(x / 2) - Math.tanh(3 * x);
    }

    /** Covers: Math.exp, Math.expm1, Math.log, Math.log1p, Math.log10 (logarithms of positive arguments). */
    @Grad
    static double expLog(double x, double y) {
        return Math.exp(x) + Math.expm1(x / 3) * Math.log(y) + Math.log1p(x * x)
                - Math.log10(y * x * x + 1) + Math.log1p(y);
    }

    /** Covers: Math.sqrt of a positive argument, Math.cbrt of either sign (away from 0), Math.hypot. */
    @Grad
    static double roots(double x, double y) {
        return Math.sqrt(x) * Math.cbrt(y) + Math.hypot(x, y) + Math.sqrt(x * x + y * y + 1);
    }

    /**
     * Covers: Math.pow with active base and exponent (positive base); with a constant exponent on
     * a base of either sign (the exponent's adjoint must not be formed: log of a negative base);
     * with an int exponent; with a negative constant exponent; with a constant base.
     */
    @Grad
    static double powers(double b, double e, double x, int n) {
        return Math.pow(b, e) + Math.pow(x, 3) + Math.pow(x, 2.0) * b + Math.pow(x, n)
                + Math.pow(b, -0.5) + Math.pow(2, x);
    }

    /**
     * Covers: Math.abs, Math.max, Math.min, Math.floor, Math.ceil, Math.rint, Math.signum on
     * doubles, away from kinks, ties, jumps and half-integers (derivative of the branch taken).
     */
    @Grad
    static double nonSmooth(double x, double y) {
        return Math.abs(x) * y + Math.max(x, y) - Math.min(x, 2 * y) + Math.floor(x) * y
                + Math.ceil(y) * x + Math.rint(x) * x + Math.signum(y) * x * y + Math.abs(y - x);
    }

    /**
     * Covers: the StrictMath versions of the smooth functions. StrictMath and Math may differ in
     * the last bit, so value() matches the source only if generated code keeps StrictMath.
     */
    @Grad
    static double strictSmooth(double x, double y) {
        double s = StrictMath.sin(x) + StrictMath.cos(y) * StrictMath.tan(x);
        s += StrictMath.asin(x) * StrictMath.acos(x) + StrictMath.atan(y) + StrictMath.atan2(y, x);
        s += StrictMath.sinh(x) * StrictMath.cosh(y) - StrictMath.tanh(x * y);
        s += StrictMath.exp(x) + StrictMath.expm1(y) - StrictMath.log(y)
                + StrictMath.log1p(y) * StrictMath.log10(y + 1);
        s += StrictMath.sqrt(y) * StrictMath.cbrt(x) + StrictMath.pow(y, x) + StrictMath.hypot(x, y);
        return s;
    }

    /**
     * Covers: StrictMath.abs, max, min, floor, ceil, rint, signum, and StrictMath.PI and
     * StrictMath.E (static final constants of a JDK class).
     */
    @Grad
    static double strictNonSmooth(double x, double y) {
        return StrictMath.abs(x) * StrictMath.max(x, y) + StrictMath.min(x, y) * StrictMath.signum(x)
                + StrictMath.floor(y) * x + StrictMath.ceil(x) * y + StrictMath.rint(y) * y
                + StrictMath.PI * StrictMath.E * x;
    }

    /** Covers: the chain rule through nested calls of Math functions. */
    @Grad
    static double composed(double x) {
        return Math.exp(Math.sin(x)) * Math.log(1 + x * x) / Math.sqrt(2 + Math.cos(x))
                + Math.tanh(Math.atan(x) * Math.cosh(x / 3));
    }
}
