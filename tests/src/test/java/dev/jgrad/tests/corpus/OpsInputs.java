package dev.jgrad.tests.corpus;

import static dev.jgrad.tests.corpus.Corpus.args;
import static dev.jgrad.tests.corpus.Corpus.mat;
import static dev.jgrad.tests.corpus.Corpus.spread;
import static dev.jgrad.tests.corpus.Corpus.u;
import static dev.jgrad.tests.corpus.Corpus.vec;

import java.util.Random;

/** Inputs of the {@link OpsOps} and {@link OpsLosses} cases whose conditions involve several values. */
final class OpsInputs {
    private OpsInputs() {}

    /** A rows x cols matrix whose entries are pairwise at least {@link Corpus#MARGIN} apart (no ties for max, min). */
    static double[][] spreadMat(Random r, int rows, int cols, double lo, double hi) {
        double[] all = spread(r, rows * cols, lo, hi);
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(all, i * cols, m[i], 0, cols);
        }
        return m;
    }

    /** One-hot rows: row i has a 1 in a random column of {@code classes}. */
    static double[][] oneHot(Random r, int n, int classes) {
        double[][] m = new double[n][classes];
        for (int i = 0; i < n; i++) {
            m[i][r.nextInt(classes)] = 1.0;
        }
        return m;
    }

    /** Labels 0 or 1 as doubles. */
    static double[] binary(Random r, int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(2);
        }
        return y;
    }

    /** Spot, strikes around it, maturity, rate, volatility: every d1 away from where nothing matters (the price is smooth). */
    static Object[] blackScholesBook(Random r) {
        double s = u(r, 80, 120);
        double[] strikes = vec(r, 4, 80, 120);
        return args(s, strikes, u(r, 0.25, 2), u(r, 0, 0.05), u(r, 0.1, 0.5));
    }

    /** Inputs of {@link OpsOps#nestedOperands}: a [4][3], x [3], b [2][3]. */
    static Object[] nestedOperands(Random r) {
        return args(mat(r, 4, 3, -1, 1), vec(r, 3, -1, 1), mat(r, 2, 3, -1, 1));
    }
}
