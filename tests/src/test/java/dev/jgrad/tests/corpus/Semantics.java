package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: Java's semantics where a compiler most easily takes a shortcut. Operands are evaluated
 * left to right, so an operand read before a helper that writes into the array it reads keeps the
 * old value (in a binary operator, a later argument, an index after its array, the right side of
 * {@code op=}); an enhanced {@code for} evaluates its array once; an array that is not a variable
 * ({@code (c ? a : b)[0]}, an array literal, a helper's result) is indexed like any other; chained
 * assignments assign the inner target's value.
 */
public final class Semantics {
    private Semantics() {}

    /** Writes {@code v} into {@code a[0]}; returns the old {@code a[0]} times {@code v}. */
    static double setFirst(double[] a, double v) {
        double old = a[0];
        a[0] = v;
        return old * v;
    }

    /** Grows {@code a[0]}; returns {@code a[1]}. */
    static double bump(double[] a) {
        a[0] = a[0] * 2 + a[1];
        return a[1];
    }

    /** Swaps the first two rows of {@code m}; returns 1. */
    static int swapRows(double[][] m) {
        double[] t = m[0];
        m[0] = m[1];
        m[1] = t;
        return 1;
    }

    static double weigh(double p, double q) {
        return 3 * p + q * q;
    }

    static double[] copy(double[] x) {
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i];
        }
        return a;
    }

    static double[] scaled(double[] x, double s) {
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = s * x[i];
        }
        return a;
    }

    /** Covers: a left operand read before a helper in the right operand writes it. */
    @Grad
    static double rightOperand(double[] x, double v) {
        double[] a = copy(x);
        double r = a[0] * setFirst(a, v);
        double s = a[1] - bump(a) + a[0];
        boolean bigger = a[0] < setFirst(a, v * 0.5);
        return r + s * a[0] + (bigger ? 1 : 2) * a[1];
    }

    /** Covers: arguments (of Math functions and helpers) read before a later argument's helper runs. */
    @Grad
    static double laterArgument(double[] x, double v) {
        double[] a = copy(x);
        double h = Math.hypot(a[0], setFirst(a, v));
        double w = weigh(a[0], bump(a));
        double p = Math.atan2(a[0] * a[1], 1 + setFirst(a, a[1]));
        return h + w * p + a[0];
    }

    /** Covers: {@code t op= e} reads {@code t} before {@code e} runs. */
    @Grad
    static double compoundRight(double[] x, double v) {
        double[] a = copy(x);
        a[0] += bump(a);
        a[1] *= setFirst(a, v);
        a[2] -= weigh(a[2], setFirst(a, a[2]));
        return a[0] * a[1] + a[2];
    }

    /** Covers: an array (a row) evaluated before its index, whose helper swaps the rows. */
    @Grad
    static double indexAfterArray(double[] x, double[] y) {
        double[][] m = new double[2][];
        m[0] = copy(x);
        m[1] = copy(y);
        double first = m[0][swapRows(m)];
        double[] z = copy(x);
        double second = z[0] * z[(int) setFirst(z, 0.5) + 1];
        return first * m[0][0] + second * z[0];
    }

    /** Covers: the same in a loop and in a branch of {@code ?:}. */
    @Grad
    static double inLoopAndBranch(double[] x, double t) {
        double[] a = copy(x);
        double s = 0;
        for (int i = 1; i < a.length; i++) {
            s += a[0] * setFirst(a, x[i]);
            s += t > 0 ? a[i] * bump(a) : a[0];
            s += Math.max(a[i], 5 + setFirst(a, a[i]));
        }
        return s + Math.max(a[0], 10 + bump(a));
    }

    /** Covers: an enhanced for over a local array that the body reassigns: the array is read once. */
    @Grad
    static double forEachReassigned(double[] x, double[] y) {
        double[] a = x;
        double s = 0;
        for (double v : a) {
            s += v * v;
            a = y;
        }
        for (double v : a) {
            s += Math.sin(v) * a[0];
        }
        return s;
    }

    /** Covers: indexing a conditional, a literal and a helper's result (active through each). */
    @Grad
    static double arrayExpressions(double[] a, double[] b, double t) {
        double c = (t > 0 ? a : b)[0] * 2 + (t < 0 ? a : b)[1];
        double d = new double[] {a[0] * a[1], t}[0] * (new double[] {b[2], a[2]})[1];
        double e = scaled(a, t)[1] + copy(scaled(b, 2))[2];
        return c * d + e + (t > 0 ? a : b).length;
    }

    /** Covers: a write through a conditional base into a local array. */
    @Grad
    static double writeThroughConditional(double[] x, double t) {
        double[] p = copy(x);
        double[] q = scaled(x, 2);
        (t > 0 ? p : q)[0] = x[1] * x[2];
        (t > 0 ? q : p)[1] += x[0] * x[0];
        return p[0] * q[0] + p[1] - q[1];
    }

    /** Covers: chained assignments on locals and elements, with the inner target's conversion. */
    @Grad
    static double chained(double x, double y) {
        double a;
        double b;
        a = b = x * y;
        int counter;
        int counterAgain;
        counter = counterAgain = 3;
        double[] arr = new double[3];
        arr[0] = arr[1] = x + y;
        double d = a = b * 2 + arr[0];
        double e;
        int k;
        e = k = counter + counterAgain;
        a += b = Math.sin(x);
        arr[2] = arr[k - 6] *= y;
        double[] p;
        double[] q;
        p = q = new double[2];
        p[0] = q[1] = x * x;
        int i;
        int j;
        for (i = j = 0; i < 2; i++) {
            j += i;
            q[i] *= p[j];
        }
        return a * b + d * e + arr[0] * arr[1] + arr[2] + k + q[0] * p[1];
    }
    /** Grows {@code a[0]} by one; returns 1. */
    static int grow(double[] a) {
        a[0] += 1;
        return 1;
    }

    /** Covers: a helper writing into an input array, in a right operand, a condition and a loop test. */
    @Grad
    static double inputWrittenByHelper(double[] x, double v) {
        double r = x[0] * setFirst(x, v) + x[0];
        if (x[1] < bump(x)) {
            r += x[1];
        }
        int n = 0;
        while (x[0] < 3 + grow(x) && n < 5) {
            n++;
        }
        return r * x[0] - weigh(x[2], weigh(x[1], bump(x)));
    }

    /** Covers: conditional bases of rows and matrices, and a write through one into an input. */
    @Grad
    static double conditionalRows(double[][] m, double[] y, double t) {
        double c = (t > 0 ? m : new double[][] {y, y})[1][2] * (t < 0 ? m[0] : y)[1];
        (t > 0 ? y : m[1])[0] = c * c;
        double[] fresh = t > 0 ? y : new double[] {c, t * t};
        double f = (t < 0 ? new double[3] : y)[1] + (t > 0 ? new double[] {t, c} : y)[1];
        return c + y[0] * m[1][0] + (t > 0 ? m : m)[0][0] + fresh[1] * f;
    }

    /** Covers: a parameter array reassigned to a new array built from its own elements. */
    @Grad
    static double reassignedFromItself(double[] a, double x) {
        a = new double[] {a[0] * x, a[1] + x};
        return a[0] * a[1];
    }

    /** Covers: the same for a local, in a loop, for a row of a local matrix, and for a whole matrix. */
    @Grad
    static double rebuiltArrays(double[] a, double x, double y) {
        double[] t = {a[0], a[1]};
        for (int k = 0; k < 3; k++) {
            t = new double[] {t[1] * x, t[0] + x};
        }
        double[][] g = {{x, y}, {y, x}};
        g[0] = new double[] {g[0][0] * x, g[1][1]};
        g = new double[][] {{g[0][0] * g[1][1], g[0][1]}, {g[1][0] + x, 1}};
        return t[0] * t[1] + g[0][0] + g[0][1] * g[1][0];
    }

    /** Covers: {@code clone()} of a parameter array and of a local one, the copies written in place. */
    @Grad
    static double clones(double[] a, double x) {
        double[] b = a.clone();
        b[0] *= x;
        for (int i = 1; i < b.length; i++) {
            b[i] = 0.5 * (b[i - 1] + b[i]);
        }
        var c = b.clone();
        c[1] = Math.sin(c[1] * x);
        return b[0] * c[1] + c[2] * a[0] + (x > 0 ? a : b).clone()[2];
    }

    /** Covers: an element summed into under one name while the right side reads it under another. */
    @Grad
    static double aliasedIncrements(double[] v, double[][] m, double x) {
        double[] h = new double[2];
        double[] view = h;
        view[0] -= h[0] - v[0];
        view[1] += h[0] * x + v[1];
        double[][] local = {{v[0], x}, {x, v[1]}};
        double[] row = local[0];
        local[0][1] += row[1] * x - row[0];
        double[] mine = m[1].clone();
        double[][] rows = {mine, mine};
        rows[0][0] -= rows[1][0] * x;
        return view[0] * view[1] + local[0][1] * local[1][0] + mine[0] + rows[1][1] * m[0][0];
    }

    /** Covers: a row of a local matrix replaced after an element of the old row took an adjoint. */
    @Grad
    static double rowReplaced(double[] w, double b) {
        double[][] g = new double[2][2];
        g[0][0] = w[1] * b;
        double[] old = g[0];
        g[0] = new double[] {b, b * w[0]};
        g[1] = new double[2];
        g[1][1] = w[0];
        return g[0][0] + old[0] * g[0][1] + g[1][1] * b;
    }

    /** Covers: an array declared after the method's loops, read by the result (under @Jit, the tail). */
    @Grad
    static double arrayAfterLoops(double[] w, double b) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * w[i];
        }
        double[] h = {0.5, b * s, 3.0};
        return h[1] + h[0] * s;
    }

    /** Covers: a computed package-private constant of another class of the package. */
    @Grad
    static double computedConstant(double x) {
        return Math.exp(-x * x / 2) / Constants.SQRT2 + x * Constants.SCALE;
    }

    private static double halfSquare(double t) {
        return 0.5 * t * t;
    }

    /** A static nested class whose method calls helpers of the enclosing class. */
    static final class Inner {
        private Inner() {}

        /** Covers: helpers of the enclosing class (one private, one writing an array) inlined into a nested class's method. */
        @Grad
        static double enclosingHelpers(double[] x, double v) {
            double[] t = x.clone();
            return weigh(x[0], v) * halfSquare(x[1]) + bump(t) * t[0];
        }
    }
}
