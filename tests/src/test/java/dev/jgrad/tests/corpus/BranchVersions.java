package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: locals given a value, then assigned again inside an {@code if} (versions under {@code @Jit}):
 * a leaky unit's {@code out = z; if (z < 0) out = 0.01 * z;}, a helper's parameter clipped in both
 * branches, two locals assigned on different paths, a local read in the branch before it is assigned,
 * and a nested branch that keeps the taped gradient.
 */
public final class BranchVersions {
    private BranchVersions() {}

    static double leaky(double z) {
        double out = z;
        if (z < 0) {
            out = 0.01 * z;
        }
        return out;
    }

    /** Softly saturated between -c and c: the parameter assigned again on two paths. */
    static double clip(double v, double c) {
        if (v < -c) {
            v = -c + 0.1 * (v + c);
        } else if (v > c) {
            v = c + 0.1 * (v - c);
        }
        return v;
    }

    @Grad(wrt = {"w"})
    static double leakyScores(double[] w, double[][] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double z = 0;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * x[i][j];
            }
            s += leaky(z) * leaky(z - 0.3);
        }
        return s / x.length;
    }

    @Grad(wrt = {"w", "c"})
    static double clippedScores(double[] w, double[][] x, double c) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double z = 0;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * x[i][j];
            }
            s += clip(z, c) * z;
        }
        return s;
    }

    /** Two locals, each assigned on one path; one read in its branch before it is assigned. */
    @Grad(wrt = {"w"})
    static double twoPaths(double[] w, double[][] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double a = w[0] * x[i][0] + w[1] * x[i][1];
            double scale = 1;
            if (a > 0.2) {
                double u = a * a;
                a = u + a;
                scale = 0.5;
            } else {
                a *= 1.5;
            }
            double b = a * scale;
            b = b + Math.sin(a);
            s += b * scale;
        }
        return s;
    }

    /** A branch inside a branch writes the local: kept as it is (the taped gradient under @Jit). */
    @Grad(wrt = {"w"})
    static double nested(double[] w, double[][] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double a = w[0] * x[i][0] - w[1] * x[i][1];
            if (a > 0) {
                if (a > 0.5) {
                    a = 0.5 + 0.5 * a;
                }
            }
            s += a * a;
        }
        return s;
    }
}
