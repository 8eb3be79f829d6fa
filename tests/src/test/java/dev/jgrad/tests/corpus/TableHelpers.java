package dev.jgrad.tests.corpus;

/**
 * Helpers and tables of another class that {@link Tables} uses: no {@code @Grad} method here. Its
 * static methods are compiled in the same build, so jgrad inlines them into the methods that call
 * them; what they name must be visible from the generated class (package-private is, private
 * compile-time constants are copied as literals, private helpers are inlined).
 */
final class TableHelpers {
    private TableHelpers() {}

    /** Weights of a norm, cycled over the input. */
    static final double[] WEIGHTS = {1.0, 0.5, 2.0};

    /** Chebyshev coefficients of a smooth function on [-1, 1]. */
    static final double[] CHEBYSHEV = {0.75, -0.5, 0.125, 0.0625, -0.03125};

    private static final double HALF = 0.5;

    /** The Chebyshev series of {@link #CHEBYSHEV} at {@code x}, by Clenshaw's recurrence. */
    static double chebyshev(double x) {
        double b1 = 0;
        double b2 = 0;
        for (int k = CHEBYSHEV.length - 1; k >= 1; k--) {
            double b0 = 2 * x * b1 - b2 + CHEBYSHEV[k];
            b2 = b1;
            b1 = b0;
        }
        return x * b1 - b2 + CHEBYSHEV[0];
    }

    /** A weighted dot product through a private helper. */
    static double weightedDot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += weight(i) * a[i] * b[i];
        }
        return s;
    }

    private static double weight(int i) {
        return WEIGHTS[i % WEIGHTS.length] * HALF;
    }

    /** Writes a smoothed copy of {@code v} into {@code out} (a local array of the caller). */
    static void smoothInto(double[] v, double[] out) {
        for (int i = 0; i < v.length; i++) {
            double left = v[Math.max(i - 1, 0)];
            double right = v[Math.min(i + 1, v.length - 1)];
            out[i] = HALF * v[i] + 0.25 * (left + right);
        }
    }
}
