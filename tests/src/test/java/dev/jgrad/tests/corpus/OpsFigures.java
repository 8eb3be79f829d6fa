package dev.jgrad.tests.corpus;

import static dev.jgrad.Ops.*;

import dev.jgrad.Grad;

/**
 * Corpus: rows checked before they are read. Under {@code @Jit} a row that an iteration checks
 * ({@code if (x[i].length != n) throw ...}, which a lowered {@code matvec} writes and a user may too)
 * is read into a local there and the iteration reads it through the local; where the index or the
 * matrix changes after the check, the reads stay as written.
 */
public final class OpsFigures {
    private OpsFigures() {}

    /** Covers: the seed's loss in its loop form with a row check of the user's own before each row is read. */
    @Grad(wrt = {"w", "b"})
    static double checkedRows(double[] w, double b, double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != w.length) {
                throw new IllegalArgumentException("row " + i + " is not as long as w");
            }
            double pred = b;
            for (int j = 0; j < w.length; j++) {
                pred += w[j] * x[i][j];
            }
            double r = pred - y[i];
            sum += r * r;
        }
        return sum / x.length;
    }

    /** Covers: a checked row whose index moves on after the check: the later reads are of the next row. */
    @Grad(wrt = {"w"})
    static double indexMovesAfterCheck(double[] w, double[][] m) {
        double s = 0;
        for (int i = 0; i + 1 < m.length; i++) {
            int k = i;
            if (m[k].length != w.length) {
                throw new IllegalArgumentException("ragged");
            }
            k = k + 1;
            for (int j = 0; j < w.length; j++) {
                s += w[j] * m[k][j] * m[i][j];
            }
        }
        return s;
    }

    /** Covers: two products with the same checked matrix in one Ops expression, and a row of it read by hand. */
    @Grad(wrt = {"w", "v"})
    static double twoProducts(double[] w, double[] v, double[][] x, double[] y) {
        double first = 0;
        for (int j = 0; j < w.length; j++) {
            first += x[0][j] * v[j];
        }
        return mean(square(sub(matvec(x, w), y))) + 0.5 * mean(mul(matvec(x, v), matvec(x, w))) + 0.1 * first;
    }

    /** Covers: the W1 loss in Ops form over an odd number of rows (four at a time, then the rest). */
    @Grad(wrt = {"w", "b"})
    static double mseOddRows(double[] w, double b, double[][] x, double[] y) {
        return mean(square(sub(add(matvec(x, w), b), y)));
    }
}
