package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: a constant table where an active array is also possible. The table has no derivative: on
 * the paths that choose it, what the gradient adds for it goes into a throw-away buffer, never into
 * the table; on the paths that choose the parameter, the parameter gets it. Each method chooses per
 * row, so that one call takes both paths.
 */
public final class TableChoices {
    private TableChoices() {}

    /** Defaults for a row whose first entry is not positive. */
    static final double[] DEFAULTS = {0.5, -1.25, 2.0};

    /** Rows to fall back on, one per row of the input. */
    static final double[][] FALLBACK = {{1.0, 2.0, -0.5}, {3.0, -4.0, 0.25}, {0.75, 1.5, -2.0}, {-1.0, 0.5, 1.0}};

    /** Covers: enhanced for over a choice of the parameter's row or a table. */
    @Grad
    static double forEachChoice(double[][] x) {
        double total = 0;
        for (double[] row : x) {
            double s = 0;
            for (double v : row[0] > 0 ? row : DEFAULTS) {
                s += v * row[1];
            }
            total += s * s;
        }
        return total;
    }

    /** Covers: a row of the parameter or a row of a table, by an int parameter (missing rows are defaults). */
    @Grad
    static double rowOrTable(double[][] x, int k) {
        double s = 0;
        for (int i = 0; i < FALLBACK.length; i++) {
            double[] r = i < k ? x[i] : FALLBACK[i];
            s += r[0] * r[1] + Math.sin(r[2]);
        }
        return s;
    }

    /** Covers: a local declared as a choice of the row or a table, then read with the row. */
    @Grad
    static double localChoice(double[][] x) {
        double s = 0;
        for (double[] row : x) {
            double[] t = row[0] > 0 ? row : DEFAULTS;
            s += t[1] * row[1] + t[2] * t[0];
        }
        return s;
    }

    /** Covers: the same choice with a fresh array in place of the table (its adjoint flows back to the row). */
    @Grad
    static double literalChoice(double[][] x) {
        double s = 0;
        for (double[] row : x) {
            double[] t = row[0] > 0 ? row : new double[] {row[1], 2.0, row[2] * row[2]};
            s += t[1] * row[1] + t[2] * t[0];
        }
        return s;
    }

    /** Covers: a local holding the row, replaced by a table on one path. */
    @Grad
    static double reassignedChoice(double[][] x) {
        double s = 0;
        for (double[] row : x) {
            double[] t = row;
            if (row[0] < 0) {
                t = DEFAULTS;
            }
            s += t[1] * row[1] + Math.exp(t[2]);
        }
        return s;
    }

    /** Covers: indexing the choice itself. */
    @Grad
    static double indexedChoice(double[][] x) {
        double s = 0;
        for (double[] row : x) {
            s += (row[0] > 0 ? row : DEFAULTS)[1] * row[2];
        }
        return s;
    }

    /** Covers: a helper that returns its argument or a table. */
    @Grad
    static double helperChoice(double[][] x) {
        double s = 0;
        for (double[] row : x) {
            s += pick(row, row[0] > 0)[1] * row[1];
        }
        return s;
    }

    private static double[] pick(double[] a, boolean mine) {
        if (mine) {
            return a;
        }
        return DEFAULTS;
    }

    /** Covers: a local that holds a table first and the parameter after. */
    @Grad
    static double tableThenParameter(double[] x) {
        double[] t = DEFAULTS;
        double s = 0;
        for (int i = 0; i < x.length && i < t.length; i++) {
            s += t[i] * x[i] * x[i];
        }
        t = x;
        return s + t[0] * t[1];
    }

    /** Covers: a whole matrix chosen between the parameter and a double[][] table. */
    @Grad
    static double matrixChoice(double[][] x, double[] w) {
        double[][] m = w[0] > 0 ? x : FALLBACK;
        double s = 0;
        for (double[] row : m) {
            s += row[1] * w[1] + row[0] * row[2];
        }
        return s + w[0] * w[2];
    }
}
