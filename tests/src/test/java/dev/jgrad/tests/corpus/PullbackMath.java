package dev.jgrad.tests.corpus;

/**
 * Helpers of another class for {@link Pullbacks}: no annotation of their own; one the generated class
 * can call ({@code logistic}), and one it cannot ({@code private}, reached through {@code softClip}).
 */
public final class PullbackMath {
    private PullbackMath() {}

    /** A logistic curve with a shift and a slope, written out: the gradients call it, then its derivative method. */
    public static double logistic(double x, int order) {
        double z = 0.5 + 0.25 * order;
        double e = Math.exp(-z * x);
        double s = 1 / (1 + e);
        return s * (1 + 0.1 * Math.sin(x)) - 0.05 * order;
    }

    /** Calls the private {@link #clip} twice: both calls are to one generated copy and one derivative method. */
    public static double softClip(double x, double y) {
        return clip(x) * clip(y + 0.5 * x);
    }

    private static double clip(double v) {
        double a = Math.tanh(v) * 1.5;
        double b = Math.log1p(v * v) / (1 + Math.abs(v));
        return a + 0.25 * b * Math.cos(a);
    }
}
