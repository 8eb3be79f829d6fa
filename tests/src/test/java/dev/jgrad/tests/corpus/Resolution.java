package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: how calls are resolved. A call is a primitive because of the method javac resolved it to
 * (class, name and arity), never because of its name: methods of this class and of other classes
 * named like {@code Math} functions are differentiated through (or, with inactive arguments, called
 * as they are). And the {@code Math} functions beyond the elementary ones, each with its own rule:
 * {@code fma}, {@code copySign}, {@code nextUp}, {@code nextDown}, {@code scalb},
 * {@code IEEEremainder}, and {@code round} and {@code ulp} (derivative zero, as a cast to {@code long}).
 */
public final class Resolution {
    private Resolution() {}

    /** A helper of this class named like Math.exp, and not Math.exp: inlined. */
    static double exp(double v) {
        return v * v + 1;
    }

    /** A class whose static methods are named like Math functions and that jgrad cannot see into. */
    static final class Plain {
        private Plain() {}

        static double tanh(double v) {
            return v / 4;
        }
    }

    /** A {@code @Grad} method of another class named like Math.sin: differentiated through. */
    static final class Lookalike {
        private Lookalike() {}

        /** Covers: a @Grad method named like a Math function, on its own. */
        @Grad
        static double sin(double v) {
            return v * v * v - v;
        }
    }

    /**
     * Covers: an unqualified call of this class's exp, Math.exp beside it, Lookalike.sin (inlined,
     * not Math.sin), and Plain.tanh with an inactive argument (called as it is, not Math.tanh).
     */
    @Grad
    static double shadowedNames(double x) {
        return exp(x) * Math.exp(x / 2) + Lookalike.sin(x) + Plain.tanh(2.0) * x + Math.sin(x);
    }

    /** Covers: Math.fma and StrictMath.fma (b, a and 1), the same argument twice (2 a). */
    @Grad
    static double fma(double x, double y) {
        return Math.fma(x, y, x * y) + StrictMath.fma(x, x, 0.5) * y + Math.fma(2.0, x, y);
    }

    /** Covers: Math.copySign and StrictMath.copySign away from 0: +-1 in the magnitude, 0 in the sign. */
    @Grad
    static double signs(double x, double y) {
        return Math.copySign(x, y) * y + StrictMath.copySign(x * y, -x) + Math.copySign(2.0, x) * x;
    }

    /** Covers: Math.nextUp, Math.nextDown (slope 1), Math.scalb by an int, StrictMath.scalb, Math.ulp (0). */
    @Grad
    static double neighbours(double x, int n) {
        return Math.nextUp(x) * x + Math.nextDown(x * x) + Math.scalb(x, n) + StrictMath.scalb(x * x, -n)
                + Math.ulp(x) * x;
    }

    /** Covers: Math.IEEEremainder and StrictMath.IEEEremainder (1, and -rint(x / y)) away from their jumps. */
    @Grad
    static double remainders(double x, double y) {
        return Math.IEEEremainder(x, y) * x + StrictMath.IEEEremainder(2 * x, 2 * y);
    }

    /** Covers: Math.round and StrictMath.round of active values (long results, derivative 0), away from their jumps. */
    @Grad
    static double rounding(double x, double y) {
        long k = Math.round(x);
        return k * x + StrictMath.round(y) * x * y + Math.round(x * 0.5 + 0.25) / 2.0;
    }

    /**
     * Covers: one non-trivial argument in several places of a primitive: the partials read one value,
     * and equal contributions add up (hypot, fma) while different ones stay apart (pow, max, atan2).
     */
    @Grad
    static double sameArguments(double x) {
        return Math.pow(x + 1, x + 1) + Math.hypot(x * 2, x * 2) + Math.fma(x - 1, x - 1, x) + Math.max(x, x)
                + Math.atan2(x + 2, x + 2) + (x + 3) * (x + 3);
    }
}
