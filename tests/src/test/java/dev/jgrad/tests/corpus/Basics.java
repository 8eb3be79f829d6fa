package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: scalar arithmetic, locals, the non-double types ({@code int}, {@code long},
 * {@code boolean}, {@code var}), every operator of the subset, and constants.
 */
public final class Basics {
    private Basics() {}

    static final double ALPHA = 0.75;
    static final int TERMS = 4;

    /** Covers: + - * / and unary minus on one double; int and double literals. */
    @Grad
    static double poly(double x) {
        return 3 * x * x * x - 2.5 * x * x + x / 4 - -x - 5;
    }

    /** Covers: explicit wrt naming one of two double parameters; division by an active value. */
    @Grad(wrt = {"a"})
    static double quotient(double a, double b) {
        return (a * b + a / b - b) / (1 + a * a);
    }

    /** Covers: unary plus and minus, nested parentheses, a local read several times. */
    @Grad
    static double unary(double x, double y) {
        double d = -(x - y);
        return +d * -(x + y) + +x * (-d) - (-(-y));
    }

    /**
     * Covers: a local declared without a value and assigned later; a local overwritten several
     * times outside any loop (the adjoint needs its older values).
     */
    @Grad
    static double reassign(double x) {
        double t = x;
        t = t * t;
        t = t + x;
        t = Math.sin(t) * t;
        double u;
        u = t / (1 + x * x);
        u = u * u - t;
        return u * x;
    }

    /** Covers: compound assignments +=, -=, *=, /= on double locals, with double and int right-hand sides. */
    @Grad
    static double compound(double x, double y) {
        double s = x;
        s += y * y;
        s -= x * y;
        s *= x;
        s /= 1 + y * y;
        s += 2;
        s *= 3;
        return s;
    }

    /**
     * Covers: int and long parameters and locals, int / and %, long arithmetic, binary promotion
     * of int and long to double, (double) casts of int and long expressions.
     */
    @Grad
    static double mixedTypes(double x, int n, long m) {
        int k = n % 3 + n / 2;
        long big = m * 3L + k;
        double a = x * n + (double) m / 4 + big;
        double b = x / k;
        long q = big / 2;
        return a * b + q * x - (double) (k * m) + 1L;
    }

    /**
     * Covers: casts (int) and (long) of active values (derivative zero) and (double) of an int;
     * the inputs stay away from the jumps of both casts.
     */
    @Grad
    static double casts(double x) {
        int k = (int) x;
        long tenths = (long) (x * 10);
        double frac = x - k;
        return frac * frac * x + (double) k * x + tenths * 0.01 * x;
    }

    /** Covers: var for double, int and double[] locals, in a for header and in an enhanced for. */
    @Grad
    static double varLocals(double x, double[] w) {
        var a = x * 2;
        var n = w.length;
        var s = 0.0;
        var count = 0;
        var t = new double[n];
        for (var i = 0; i < n; i++) {
            t[i] = w[i] * a;
        }
        for (var v : t) {
            s += v * v;
            count++;
        }
        var mean = s / count;
        return mean + a;
    }

    /** Covers: boolean parameters and locals, &&, ||, !, == on booleans, and <, <=, >, >=, ==, != on doubles. */
    @Grad
    static double logic(double x, double y, boolean flag) {
        boolean bigger = x > y;
        boolean both = bigger && flag;
        boolean either = x <= -0.5 || !flag;
        double s = 0;
        if (both) {
            s += x * y;
        }
        if (either) {
            s -= y * y;
        }
        if (!both && y >= 0.5) {
            s += Math.exp(y);
        }
        if (x != y) {
            s += x;
        }
        if (x == y) {
            s -= 1000;
        }
        boolean same = bigger == flag;
        if (same) {
            s *= 2;
        }
        return s;
    }

    /** Covers: ?: with active branches, a nested ?:, conditions on active values. */
    @Grad
    static double ternary(double x, double y) {
        double a = x > 0 ? x * y : y / (1 + x * x);
        double b = y < 0 ? -a : (a > 1 ? Math.log(a) : a * a);
        return a + b + (x > y ? x : y);
    }

    /**
     * Covers: Math.PI and Math.E, static final double and int constants of this class and of
     * another class ({@link Constants}).
     */
    @Grad
    static double constants(double x) {
        double s = ALPHA * Math.sin(Math.PI * x) + Constants.SCALE * Math.pow(Math.E, x / 2);
        for (int i = 0; i < TERMS; i++) {
            s += x / (i + Constants.OFFSET + 1);
        }
        return s + Constants.STEPS * 0.01 * x;
    }

    /**
     * Covers: ++ and --, prefix and postfix, as statements on int and long locals; i += 2 and
     * k -= 3 in for updates; while loops with int counters.
     */
    @Grad
    static double incDec(double x, int n) {
        double s = 0;
        int i = 0;
        long calls = 0;
        while (i < n) {
            s += x / (i + 1);
            i++;
            calls++;
        }
        int j = n;
        while (j > 0) {
            --j;
            s -= x * x / (j + 2);
            ++calls;
        }
        for (int k = 0; k < n; k += 2) {
            s += Math.cos(x * k);
        }
        for (int k = n; k > 0; k -= 3) {
            s *= 1.01;
        }
        calls--;
        return s + calls * x;
    }

    /** A nested class: the contract names its generated class {@code Basics_NestedGrad}. */
    static final class Nested {
        private Nested() {}

        /** Covers: a @Grad method of a nested class (generated as Basics_NestedGrad), reading the outer class's constant. */
        @Grad
        static double scaled(double x, double y) {
            return ALPHA * x * y + Math.sin(x) / (1 + y * y);
        }
    }
}
