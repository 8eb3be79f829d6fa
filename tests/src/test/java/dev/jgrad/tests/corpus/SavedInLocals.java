package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: what the taped gradient saves outside loops (an overwritten value, a branch taken, a
 * loop's trip count) it keeps in locals, not on the tape; what it saves inside loops stays on the
 * tape. These methods mix the two: reassignments in straight-line code and in branches, a loop
 * inside a branch, an early return from a nested branch, a while loop between overwrites. Inputs stay
 * away from every threshold.
 */
public final class SavedInLocals {
    private SavedInLocals() {}

    /** Covers: straight-line reassignments, then a branch that overwrites, then more. No tape. */
    @Grad
    static double straightLine(double x, double y) {
        double a = x * y;
        a = Math.sin(a) * x;
        a = a * a + y;
        if (x > 0.5) {
            a = Math.exp(a) * y;
        } else {
            a = a * x;
        }
        double b = a;
        b = b * b;
        return b + a;
    }

    /** Covers: a loop that overwrites (on the tape) inside a branch, overwrites before and after (locals). */
    @Grad
    static double loopInBranch(double[] v, double x) {
        double s = x * x;
        s = Math.sin(s);
        if (x > 0) {
            for (int i = 0; i < v.length; i++) {
                s = s * v[i] + Math.cos(s);
            }
        } else {
            s = s * s;
        }
        double t = s;
        t = t * t * x;
        return t + s;
    }

    /** Covers: nested branches that overwrite, one returning early. */
    @Grad
    static double nestedBranches(double x, double y) {
        double a = x;
        if (x > 0) {
            a = a * y;
            if (y > 0) {
                a = Math.exp(a);
                return a * a;
            }
            a = a * a;
        } else {
            a = Math.sin(a) * a;
        }
        a = a * x;
        return a;
    }

    /** Covers: a while loop's trip count (a local) between overwrites (locals), its own on the tape. */
    @Grad
    static double whileBetweenOverwrites(double x, int n) {
        double y = x * x;
        y = Math.cos(y) * x;
        int k = 0;
        while (k < n) {
            y = Math.sin(y) * y + x;
            k++;
        }
        y = y * y;
        return y;
    }
}
