package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;
import dev.jgrad.Ops;

/**
 * Corpus: clamps through {@code Math.max}, {@code Math.min} and {@code Ops.relu} in front of a function
 * whose derivative is infinite at the clamp ({@code sqrt} at 0, {@code acos} at 1): the branch not taken
 * gets no adjoint (0, as an {@code if} would give), not infinity times zero (NaN).
 */
public final class Clamps {
    private Clamps() {}

    @Grad
    static double clampedRoots(double[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += Math.sqrt(Math.max(v[i], 0.0)) + 0.5 * v[i];
        }
        return s;
    }

    @Grad
    static double clampedAngles(double[] x) {
        double s = 0;
        for (double e : x) {
            s += Math.acos(Math.min(1.0, e)) * (1 + e * e);
        }
        return s;
    }

    @Grad
    static double reluRoots(double[] v, double scale) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += Math.sqrt(Ops.relu(scale * v[i]));
        }
        return s * scale;
    }
}
