package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: constant tables ({@code static final} arrays of this class and of another, read by index,
 * by {@code .length}, by enhanced {@code for}, through a local) and static helpers of another class
 * ({@link TableHelpers}, no {@code @Grad} on them), differentiated through.
 */
public final class Tables {
    private Tables() {}

    /** Coefficients of a polynomial, lowest degree first. */
    static final double[] HORNER = {1.0, -0.5, 0.25, -0.125, 0.0625};

    /** A mixing matrix with ragged rows. */
    static final double[][] MIX = {{0.5, -1.0, 0.25}, {1.5, 0.75}, {-0.5, 0.25, 1.0}};

    /** A permutation, as indices. */
    static final int[] ORDER = {2, 0, 1};

    /** Covers: a double[] table read by index and .length in a loop that runs downwards (Horner's rule). */
    @Grad
    static double horner(double x) {
        double s = 0;
        for (int k = HORNER.length - 1; k >= 0; k--) {
            s = s * x + HORNER[k];
        }
        return s;
    }

    /** Covers: enhanced for over the rows of a double[][] table, and an int[] table of indices. */
    @Grad
    static double mixed(double[] v) {
        double s = 0;
        for (double[] row : MIX) {
            double d = 0;
            for (int j = 0; j < row.length; j++) {
                d += row[j] * v[ORDER[j]];
            }
            s += Math.tanh(d);
        }
        return s;
    }

    /** Covers: a table of another class held in a local ({@code var}), and a row of a table in a local. */
    @Grad
    static double weightedNorm(double[] x) {
        var w = TableHelpers.WEIGHTS;
        double[] first = MIX[0];
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += w[i % w.length] * x[i] * x[i] + first[i % first.length] * x[i];
        }
        return Math.sqrt(s + 10);
    }

    /**
     * Covers: helpers of another class inlined: one reading its table, one calling its private helper
     * (which reads a private compile-time constant), a void one writing into a local array.
     */
    @Grad
    static double otherClassHelpers(double x, double[] v) {
        double[] smooth = new double[v.length];
        TableHelpers.smoothInto(v, smooth);
        return TableHelpers.chebyshev(x) * TableHelpers.weightedDot(smooth, v);
    }

    /** Covers: a table copied with clone, the copy written and read with the parameter. */
    @Grad
    static double tableCopy(double[] w) {
        double[] c = HORNER.clone();
        for (int i = 0; i < w.length && i < c.length; i++) {
            c[i] *= w[i];
        }
        double s = 0;
        for (double e : c) {
            s += e * e;
        }
        return s;
    }
}
