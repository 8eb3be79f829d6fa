package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: loop shapes whose lowering is easy to get wrong. Conditions with side effects
 * ({@code --k}, {@code k-- > 0}, an inlined helper that counts) in loops left early by
 * {@code continue}, which must still run the condition; counted loops whose bound is a
 * {@code double} or a {@code long}, or changes in the body, or that step by two or count down, which
 * must run backwards exactly as many times as forwards.
 */
public final class LoopShapes {
    private LoopShapes() {}

    /** Advances the counter in {@code c[0]} and says whether it is still below {@code limit}. */
    static boolean advance(int[] c, int limit) {
        c[0]++;
        return c[0] < limit;
    }

    /** A helper that computes (and inlines into the condition) without a side effect. */
    static double decay(double t) {
        return t * 0.5;
    }

    /** Covers: do/while (--k > 0) with a continue: the continue must still decrement and test k. */
    @Grad
    static double doWhilePreDecrement(double x, int n) {
        double s = 0;
        int k = n;
        do {
            if (k % 3 == 0) {
                s += x * k;
                continue;
            }
            s = s * Math.cos(x) + x * x / k;
        } while (--k > 0);
        return s;
    }

    /** Covers: do/while (k-- > 0) whose first iteration continues at once. */
    @Grad
    static double doWhilePostDecrement(double[] x) {
        double s = 0;
        int k = x.length;
        do {
            if (k >= x.length) {
                continue;
            }
            s = s * 0.8 + Math.sin(x[k]) * x[k];
        } while (k-- > 0);
        return s;
    }

    /** Covers: do/while (helper(...)) whose helper counts through an int[]; continue every other iteration. */
    @Grad
    static double doWhileHelperCondition(double x, double[] w) {
        int[] c = {0};
        double s = x;
        do {
            if (c[0] % 2 == 1) {
                s += w[c[0]] * x;
                continue;
            }
            s = Math.sin(s) + w[c[0]] * s;
        } while (advance(c, w.length));
        return s;
    }

    /**
     * Covers: do/while whose condition inlines a pure helper, with a continue and a break; it stops
     * after a continue (k = 8).
     */
    @Grad
    static double doWhileHelperBreak(double x) {
        double t = 4;
        double s = 0;
        int k = 0;
        do {
            k++;
            t = t * 0.8;
            if (k % 2 == 0) {
                continue;
            }
            s = s + Math.sin(x * t) * t;
            if (k > 20) {
                break;
            }
        } while (decay(t) > 0.35);
        return s + k;
    }

    /** Covers: while (helper(...)) with a continue: the helper's side effect runs before each test. */
    @Grad
    static double whileHelperCondition(double[] x) {
        int[] c = {-1};
        double s = 0;
        while (advance(c, x.length)) {
            if (c[0] % 3 == 1) {
                continue;
            }
            s = s * 0.9 + x[c[0]] * x[c[0]];
        }
        return s;
    }

    /** Covers: for with two updates and a helper in the condition, left by continue. */
    @Grad
    static double forUpdatesAndContinue(double[] x) {
        double s = 0;
        int[] c = {-1};
        for (int i = 0, j = x.length - 1; advance(c, x.length); i++, j--) {
            if (i % 2 == 0) {
                continue;
            }
            s = s * 0.7 + x[i] * x[j] + x[c[0]];
        }
        return s;
    }

    /** Covers: do/while (a && helper(...)), the helper's side effect under the condition, with a continue. */
    @Grad
    static double doWhileConditionalHelper(double[] x, int n) {
        double s = 0;
        int[] c = {0};
        do {
            int k = c[0];
            if (k % 2 == 1) {
                s += x[k] * 0.5;
                continue;
            }
            s = s * 0.9 + Math.sin(x[k]);
        } while (x[c[0]] > -5 && advance(c, n));
        return s + c[0];
    }

    /** Covers: do/while (--k >= 0) with a continue and a return from inside the loop. */
    @Grad
    static double doWhileReturn(double[] x) {
        double s = 1;
        int k = x.length;
        do {
            if (k == x.length) {
                continue;
            }
            s = s * x[k] + 0.1;
            if (k == 1) {
                return s * 2;
            }
        } while (--k >= 0);
        return -s;
    }

    /** Covers: do/while (--k > 0) with a continue, inside while (outer-- > 0) with a continue. */
    @Grad
    static double nestedDoWhile(double[] x) {
        double s = 0;
        int outer = 3;
        while (outer-- > 0) {
            if (outer == 1) {
                continue;
            }
            int k = x.length;
            do {
                if (k % 2 == 0) {
                    continue;
                }
                s = s * 0.8 + x[k - 1] * outer;
            } while (--k > 0);
        }
        return s;
    }

    /** A helper whose do/while (j-- > 0) continues: inlined, and lowered there. */
    static double stepHelper(double[] x, int k) {
        double s = 0;
        int j = k;
        do {
            if (j % 3 == 0) {
                continue;
            }
            s += x[j] * x[j];
        } while (j-- > 0);
        return s;
    }

    /** Covers: a do/while with continue and a side-effecting condition in an inlined helper, in a loop. */
    @Grad
    static double doWhileInHelper(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += stepHelper(x, i) * 0.5;
        }
        return s;
    }

    /** Covers: for (int i = 0; i < n; i++) with a double n, summing and overwriting. */
    @Grad
    static double doubleBound(double x, double n) {
        double s = 0;
        double p = 1;
        for (int i = 0; i < n; i++) {
            s += Math.sin(x * i);
            p = p * 0.9 + x;
        }
        return s + p;
    }

    /** Covers: i <= x * 3 with x differentiated (the trip count depends on x; its derivative does not). */
    @Grad
    static double activeDoubleBound(double x) {
        double s = 0;
        for (int i = 0; i <= x * 3; i++) {
            s += x * i + Math.cos(x * i);
        }
        for (int i = 1; i < x * 2; i++) {
            s += Math.sqrt(x + i);
        }
        return s;
    }

    /** Covers: long bounds for int and long indices, and a long index with a double bound. */
    @Grad
    static double longBounds(double[] x, long m) {
        double s = 0;
        for (int i = 0; i < m; i++) {
            s += x[i % x.length] * (i + 1);
        }
        for (long i = 0; i < m && i < x.length; i++) {
            s = s * 0.5 + x[(int) i];
        }
        double half = x.length / 2.0;
        for (long i = 0; i < half; i++) {
            s += x[(int) i] * x[(int) i];
        }
        return s;
    }

    /** Covers: i < n where the body changes n (not a counted loop), and i < a.length with a reassigned a. */
    @Grad
    static double boundChangedInBody(double[] x, int n) {
        double s = 0;
        int m = n;
        for (int i = 0; i < m; i++) {
            s += x[i] * x[i];
            if (i % 2 == 0 && m < x.length) {
                m++;
            }
        }
        double[] a = new double[2];
        for (int i = 0; i < a.length; i++) {
            s += a[i] + x[i] * s;
            if (i == 1) {
                a = new double[x.length];
            }
        }
        return s;
    }

    /** Covers: i += 2 and i-- with double bounds. */
    @Grad
    static double stepsAndDownward(double[] x, double n) {
        double s = 0;
        for (int i = 0; i < n; i += 2) {
            s += x[i] * (i + 1);
        }
        for (int i = x.length - 1; i > n; i--) {
            s = s * 0.9 + x[i] * x[i];
        }
        for (int i = 0; i < n && i < x.length; i++) {
            s += Math.exp(-x[i] * x[i]);
        }
        return s;
    }

    /**
     * Covers: x.length > i (bound on the left), i < (int) m, and i < lim[0] with lim[0] written in
     * the body (not a counted loop).
     */
    @Grad
    static double otherLoopBounds(double[] x, long m) {
        double s = 0;
        for (int i = 0; x.length > i; ++i) {
            s = s * 0.9 + x[i];
        }
        for (int i = 0; i < (int) m; i++) {
            s += x[i % x.length] * x[i % x.length];
        }
        int[] lim = {x.length};
        for (int i = 0; i < lim[0]; i++) {
            s += x[i] * 0.1 * s;
            if (i == 1) {
                lim[0] = 3;
            }
        }
        return s;
    }
}
