package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: library predicates of the active values ({@code Double.isNaN}, {@code isInfinite},
 * {@code isFinite}, {@code Double.compare}) in conditions, conditional expressions and flags: their
 * results are booleans or integers, which carry no derivative.
 */
public final class Predicates {
    private Predicates() {}

    @Grad
    static double finiteTerms(double[] x, double w) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Double.isInfinite(x[i] * w) ? 0 : x[i] * w * x[i];
            boolean ok = Double.isFinite(s);
            if (ok && Double.compare(x[i], 0.0) > 0) {
                s += 0.5 * w * x[i];
            }
        }
        return Double.isNaN(s) ? 0 : s;
    }
}
