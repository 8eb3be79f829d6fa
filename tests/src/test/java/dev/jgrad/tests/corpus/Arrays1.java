package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: arrays. Local new double[n] and new double[n][m], initialisers, elements written in
 * place and with compound assignments, ragged double[][] parameters, int[] indices (gather and
 * scatter), a local array allocated in a loop, and a method that writes into its parameter.
 */
public final class Arrays1 {
    private Arrays1() {}

    /**
     * Covers: a local new double[n] filled in a loop and read back; a running Math.max over an
     * array (a numerically stable softmax expectation).
     */
    @Grad
    static double localArray(double[] x) {
        int n = x.length;
        double m = x[0];
        for (int i = 1; i < n; i++) {
            m = Math.max(m, x[i]);
        }
        double[] e = new double[n];
        double z = 0;
        for (int i = 0; i < n; i++) {
            e[i] = Math.exp(x[i] - m);
            z += e[i];
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += e[i] / z * x[i];
        }
        return s;
    }

    /** Covers: array initialisers {a, b * 2}, new double[] {...}, a 2-D initialiser, an int[] local initialiser. */
    @Grad
    static double initialisers(double a, double b) {
        double[] v = {a, b * 2, a * b};
        double[] w = new double[] {1, -a, b};
        double[][] m = {{a, b}, {b * b, a}};
        int[] idx = {2, 0, 1};
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[idx[i]] * w[i];
        }
        return s + m[0][0] * m[1][1] - m[0][1] * m[1][0];
    }

    /**
     * Covers: a local new double[n][m] written element by element, +=, -=, *=, /= on its
     * elements, and enhanced for over the rows of a local double[][].
     */
    @Grad
    static double matrixLocal(double[] x, double[] y) {
        int n = x.length;
        int k = y.length;
        double[][] o = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                o[i][j] = x[i] * y[j];
                o[i][j] += x[i];
                o[i][j] -= 0.5 * y[j];
                o[i][j] *= 1 + 0.1 * y[j];
                o[i][j] /= 1 + i + j;
            }
        }
        double s = 0;
        for (double[] row : o) {
            for (double v : row) {
                s += v * v;
            }
        }
        return s;
    }

    /**
     * Covers: +=, *=, -=, /= on elements of a local double[], an element on both sides of =, and
     * an in-place prefix recurrence t[i] += t[i - 1] * 0.5.
     */
    @Grad
    static double compoundElements(double[] x) {
        double[] t = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            t[i] += x[i];
            t[i] *= x[i] + 2;
            t[i] -= Math.sin(x[i]);
            t[i] /= 1 + x[i] * x[i];
            t[i] = t[i] * t[i] + t[i];
        }
        double s = 0;
        for (int i = 1; i < t.length; i++) {
            t[i] += t[i - 1] * 0.5;
            s += t[i];
        }
        return s + t[0];
    }

    /**
     * Covers: a ragged double[][] parameter (rows of different lengths, an empty one included)
     * walked by index with rows[i].length, and a row alias double[] row = rows[i] that is read.
     */
    @Grad
    static double raggedRows(double[][] rows, double[] scale) {
        double s = 0;
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            for (int j = 0; j < rows[i].length; j++) {
                s += scale[i] * row[j] * row[j] + Math.cos(rows[i][j] * scale[i]);
            }
        }
        return s;
    }

    /** Covers: an int[] parameter of indices used to gather, with repeated indices (their adjoints add up). */
    @Grad
    static double gather(double[] w, int[] idx) {
        double s = 0;
        for (int i = 0; i < idx.length; i++) {
            double v = w[idx[i]];
            s += v * v * (i + 1);
        }
        return s;
    }

    /** Covers: a scatter-add through an int[] index into a local array, hist[bins[i]] += ... . */
    @Grad
    static double scatter(double[] x, int[] bins, int k) {
        double[] hist = new double[k];
        for (int i = 0; i < x.length; i++) {
            hist[bins[i]] += x[i] * x[i];
        }
        double s = 0;
        for (int b = 0; b < k; b++) {
            s += Math.sqrt(hist[b] + 1);
        }
        return s;
    }

    /**
     * Covers: a local array allocated inside a loop and a local array variable reassigned
     * (double buffering, cur = next), which starts as an alias of a parameter that is only read;
     * ?: choosing between an element and a constant (explicit heat-equation steps).
     */
    @Grad
    static double heatSteps(double[] u0, double nu) {
        int n = u0.length;
        double[] cur = u0;
        for (int step = 0; step < 5; step++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                double left = i > 0 ? cur[i - 1] : 0;
                double right = i < n - 1 ? cur[i + 1] : 0;
                next[i] = cur[i] + nu * (left - 2 * cur[i] + right);
            }
            cur = next;
        }
        double s = 0;
        for (double v : cur) {
            s += v * v;
        }
        return s;
    }

    /**
     * Covers: a method that writes into its own parameter array: the generated method must leave
     * it as the source does, and the gradient is with respect to the values at entry.
     */
    @Grad
    static double inPlaceParam(double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] * x[i] + 1;
        }
        double s = 0;
        for (double v : x) {
            s += Math.log(v) * v;
        }
        return s;
    }

    /**
     * Covers: .length of a double[][] and of its row, new double[cols][rows] sized from them (a
     * transpose), a final local, and sums of products of local matrix elements.
     */
    @Grad
    static double gram(double[][] a) {
        final int rows = a.length;
        int cols = a[0].length;
        double[][] t = new double[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j][i] = a[i][j];
            }
        }
        double s = 0;
        for (int p = 0; p < cols; p++) {
            for (int q = 0; q < cols; q++) {
                double g = 0;
                for (int i = 0; i < rows; i++) {
                    g += t[p][i] * t[q][i];
                }
                s += g * g;
            }
        }
        return Math.sqrt(s);
    }
}
