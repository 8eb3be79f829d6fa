package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;
import java.util.Objects;

/**
 * Corpus: argument checks against null, as careful code writes them: {@code Objects.requireNonNull}
 * with and without a message, {@code x == null} in a throwing check, a null row skipped with
 * {@code != null}, and a helper that checks its array.
 */
public final class NullChecks {
    private NullChecks() {}

    /** Both arrays checked before the loop. */
    @Grad
    static double weightedSquares(double[] x, double[] w) {
        Objects.requireNonNull(x);
        Objects.requireNonNull(w, "w must not be null");
        if (x.length != w.length) {
            throw new IllegalArgumentException("x and w differ in length");
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += w[i] * x[i] * x[i];
        }
        return s;
    }

    /** Null rows of the data are skipped; the check of the whole comes first. */
    @Grad(wrt = {"w"})
    static double skipNullRows(double[][] x, double[] w) {
        if (x == null || null == w) {
            throw new IllegalArgumentException("null input");
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != null) {
                double d = 0;
                for (int j = 0; j < w.length; j++) {
                    d += w[j] * x[i][j];
                }
                s += d * d;
            }
        }
        return s / x.length;
    }

    /** A helper that checks its array, inlined. */
    static double norm(double[] v) {
        Objects.requireNonNull(v, "v");
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return Math.sqrt(s);
    }

    @Grad
    static double normalisedDot(double[] a, double[] b) {
        boolean given = b != null;
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * (given ? b[i] : 1.0);
        }
        return dot / norm(a);
    }
}
