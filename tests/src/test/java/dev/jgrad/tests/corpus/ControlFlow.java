package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: branches (if/else chains, nested ifs, ifs without braces), returns from the middle of
 * a method, argument checks that throw, and assert. Inputs stay away from every threshold, so
 * the branch taken is the same at every finite-difference point.
 */
public final class ControlFlow {
    private ControlFlow() {}

    /**
     * Covers: an if / else if / else chain on an active value, and a local declared without a
     * value that every branch assigns.
     */
    @Grad
    static double piecewise(double x) {
        double y;
        if (x < -1) {
            y = -2 * x - 1;
        } else if (x < 0) {
            y = x * x;
        } else if (x <= 1) {
            y = Math.sin(x);
        } else {
            y = Math.log(x) + Math.sin(1);
        }
        return y * 3;
    }

    /** Covers: a branch comparing |r| with an active threshold, and return inside the if (Huber loss). */
    @Grad
    static double huber(double r, double delta) {
        double a = Math.abs(r);
        if (a <= delta) {
            return 0.5 * r * r;
        }
        return delta * (a - 0.5 * delta);
    }

    /** Covers: nested if/else, if and else without braces, an if without else that is never taken. */
    @Grad
    static double nestedIf(double x, double y) {
        double s = x * y;
        if (x > 0) {
            if (y > 0)
                s += x;
            else
                s -= y * y;
        } else {
            if (y > x) {
                s *= 2;
            } else {
                s = Math.exp(s);
            }
        }
        if (s > 100)
            s = 100;
        return s;
    }

    /**
     * Covers: argument checks that throw new IllegalArgumentException with a constant message and
     * with a message built from a local int; a NaN check written v != v; assert with and without a
     * message; explicit wrt listing every differentiable parameter.
     */
    @Grad(wrt = {"x", "lambda"})
    static double checkedVariance(double[] x, double lambda) {
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 values, got " + n);
        }
        if (lambda < 0) {
            throw new IllegalArgumentException("lambda must not be negative");
        }
        assert n == x.length;
        double mean = 0;
        for (double v : x) {
            if (v != v) {
                throw new IllegalArgumentException("x contains NaN");
            }
            mean += v;
        }
        mean /= n;
        double variance = 0;
        for (double v : x) {
            variance += (v - mean) * (v - mean);
        }
        assert variance >= 0 : "a sum of squares is never negative";
        return variance / (n - 1) + lambda * mean * mean;
    }

    /** Covers: return from the middle of the method under a condition, and return inside an if of an if/else. */
    @Grad
    static double earlyReturnTop(double x, double y) {
        if (x > 1.5) {
            return x * y;
        }
        double z = x * x + y;
        if (y < 0) {
            return Math.exp(y) * z;
        } else {
            z = z * Math.cos(x);
        }
        return z + y;
    }

    /** Covers: an if / else if / else on each element inside a loop. */
    @Grad
    static double branchInLoop(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0) {
                s += x[i] * x[i];
            } else if (x[i] > -1) {
                s -= 0.5 * x[i];
            } else {
                s += Math.sin(x[i]);
            }
        }
        return s;
    }

    /** Covers: control flow decided only by an int parameter (a mode switch written as if/else). */
    @Grad
    static double modes(double x, int mode) {
        if (mode == 0) {
            return x * x;
        } else if (mode == 1) {
            return Math.sin(x);
        }
        return Math.exp(-x * x) * mode;
    }

    /** Covers: a boolean flag set inside a loop that decides which of two later loops runs. */
    @Grad
    static double flagFromLoop(double[] x) {
        boolean anyLarge = false;
        for (double v : x) {
            if (v > 1.5) {
                anyLarge = true;
            }
        }
        double s = 0;
        if (anyLarge) {
            for (double v : x)
                s += v;
        } else {
            for (double v : x) {
                s += v * v;
            }
        }
        return s;
    }
}
