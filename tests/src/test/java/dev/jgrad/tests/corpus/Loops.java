package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: loops of every form (for, enhanced for over double[] and double[][] rows, while,
 * do/while, while (true), for (;;)), break, continue, return inside a loop, nested loops, and
 * values overwritten from one iteration to the next (which need the tape).
 */
public final class Loops {
    private Loops() {}

    /** Covers: a counted for loop with a += reduction over a double[] parameter. */
    @Grad
    static double sumOfSquares(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i];
        }
        return s;
    }

    /** Covers: enhanced for over a double[]; a *= reduction (a product) beside a += one. */
    @Grad
    static double enhancedFor(double[] x) {
        double s = 0;
        double p = 1;
        for (double v : x) {
            s += Math.sin(v) * v;
            p *= 1 + 0.1 * v * v;
        }
        return s + p;
    }

    /**
     * Covers: enhanced for over the rows of a ragged double[][] parameter (an empty row
     * included), with a nested enhanced for over each row.
     */
    @Grad
    static double enhancedForRows(double[][] m) {
        double s = 0;
        for (double[] row : m) {
            double r = 0;
            for (double v : row) {
                r += v * v;
            }
            s += Math.sqrt(r + 1);
        }
        return s;
    }

    /**
     * Covers: a while loop with an int counter, and a double overwritten non-linearly in each
     * iteration (Newton's iteration for the square root: every iterate is needed in reverse).
     */
    @Grad
    static double newtonSqrt(double a) {
        double y = a;
        int it = 0;
        while (it < 8) {
            y = 0.5 * (y + a / y);
            it++;
        }
        return y;
    }

    /** Covers: do/while (its body runs once even for n = 0) with an overwritten accumulator. */
    @Grad
    static double doWhile(double x, int n) {
        int k = 0;
        double s = 1;
        do {
            s = s * x + 1.0 / (k + 1);
            k++;
        } while (k < n);
        return s;
    }

    /** Covers: continue on an int condition and break on an active condition in one for loop. */
    @Grad
    static double breakContinue(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            if (i % 3 == 2) {
                continue;
            }
            if (x[i] < 0) {
                break;
            }
            s += Math.sqrt(x[i]) * (i + 1);
        }
        return s;
    }

    /** Covers: return from inside a loop on an active condition, else the return after the loop. */
    @Grad
    static double earlyReturn(double[] x, double t) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * t;
            if (s > 2.0) {
                return s * s + i;
            }
        }
        return -s;
    }

    /** Covers: nested for loops whose inner bound depends on the outer index, with && in the condition. */
    @Grad
    static double nestedLoops(double[][] a, double[] v) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double r = 0;
            for (int j = 0; j <= i && j < v.length; j++) {
                r += a[i][j] * v[j];
            }
            s += r * r;
        }
        return s / a.length;
    }

    /** Covers: a variable overwritten in a loop by a non-linear function of itself (needs the tape). */
    @Grad
    static double overwrittenInLoop(double x, double[] c) {
        double y = x;
        for (int i = 0; i < c.length; i++) {
            y = Math.sin(y) * c[i] + 0.1 * y * y;
        }
        return y;
    }

    /** Covers: a recurrence through a local array, p[i] computed from p[i - 1]. */
    @Grad
    static double recurrence(double[] x) {
        int n = x.length;
        double[] p = new double[n];
        p[0] = x[0];
        for (int i = 1; i < n; i++) {
            p[i] = p[i - 1] * x[i] + Math.cos(p[i - 1]);
        }
        double s = 0;
        for (double v : p) {
            s += v;
        }
        return s;
    }

    /**
     * Covers: for loops counting down and by strides (i -= 2, i += 3, i--), and an accumulator
     * multiplied by an active value in a loop (s -= 0.1 * x[i] * s needs the old s).
     */
    @Grad
    static double strides(double[] x) {
        double s = 0;
        for (int i = x.length - 1; i >= 0; i -= 2) {
            s = s * 0.5 + x[i];
        }
        for (int i = 1; i < x.length; i += 3) {
            s += x[i] * x[i - 1];
        }
        for (int i = x.length - 1; i > 0; i--) {
            s -= 0.1 * x[i] * s;
        }
        return s;
    }

    /** Covers: while (true) and for (;;) loops left by break after a fixed number of iterations. */
    @Grad
    static double infiniteLoops(double x) {
        int k = 0;
        double y = x;
        while (true) {
            y = y - 0.1 * Math.sin(y) * x;
            k++;
            if (k >= 6) {
                break;
            }
        }
        for (;;) {
            y = y * 0.9 + 0.05 * x * x;
            k--;
            if (k == 0) {
                break;
            }
        }
        return y;
    }

    /**
     * Covers: Math.max and Math.min on ints (clamped stencil indices), an inner loop whose bounds
     * come from them, /= with an int right-hand side.
     */
    @Grad
    static double smoothing(double[] x) {
        int n = x.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - 1);
            int hi = Math.min(n - 1, i + 1);
            double avg = 0;
            for (int j = lo; j <= hi; j++) {
                avg += x[j];
            }
            avg /= hi - lo + 1;
            double d = x[i] - avg;
            s += d * d;
        }
        return s;
    }

    /** Covers: a long loop counter, (int) casts of it as an index, long values in double arithmetic. */
    @Grad
    static double longCounter(double[] x) {
        double s = 0;
        for (long k = 0; k < x.length; k++) {
            s += x[(int) k] * k + Math.exp(-k * x[(int) k] * x[(int) k]);
        }
        return s;
    }

    /** Increments inside expressions: {@code while (i-- > 0)}, {@code a[k++] = ...}, {@code x[--n]}. */
    @Grad
    static double incrementsInExpressions(double[] x) {
        double[] a = new double[x.length];
        int k = 0;
        int i = x.length;
        while (i-- > 0) {
            a[k++] = Math.sin(x[i]) * x[i];
        }
        int n = x.length;
        double s = 0;
        while (n > 0) {
            s = s * 0.9 + a[--n];
        }
        return s;
    }
}
