package dev.jgrad.tests.fuzz;

/**
 * What the probe copy of a generated method calls instead of a comparison of doubles or a
 * function with a kink: the same result, bit for bit, plus a record of the decision taken.
 *
 * <p>The record is a hash of the sequence of decisions of one call on this thread (the path).
 * Finite differences are a fair oracle exactly when every point they evaluate follows the path of
 * the base point: then all of them lie on one smooth piece, whose derivative is what jgrad must
 * return ("the derivative of the branch taken"). {@link FiniteDifferences} discards the
 * differences whose points left the path, instead of the generator having to keep every branch
 * far from its threshold.
 *
 * <p>Public because generated code in package {@code fuzz} calls it.
 */
public final class Probe {
    private static final ThreadLocal<long[]> PATH = ThreadLocal.withInitial(() -> new long[1]);

    private Probe() {}

    /** Starts a new path on this thread. */
    static void reset() {
        PATH.get()[0] = 17;
    }

    /** The path of the calls since {@link #reset()} on this thread. */
    static long path() {
        return PATH.get()[0];
    }

    private static void record(long decision) {
        long[] h = PATH.get();
        h[0] = (h[0] ^ decision) * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    }

    private static boolean decide(boolean b) {
        record(b ? 1 : 2);
        return b;
    }

    public static boolean lt(double a, double b) {
        return decide(a < b);
    }

    public static boolean le(double a, double b) {
        return decide(a <= b);
    }

    public static boolean gt(double a, double b) {
        return decide(a > b);
    }

    public static boolean ge(double a, double b) {
        return decide(a >= b);
    }

    public static boolean eq(double a, double b) {
        return decide(a == b);
    }

    public static boolean ne(double a, double b) {
        return decide(a != b);
    }

    public static double abs(double a) {
        record(a > 0 ? 3 : a < 0 ? 4 : 5);
        return Math.abs(a);
    }

    public static double max(double a, double b) {
        record(a > b ? 6 : a < b ? 7 : 8);
        return Math.max(a, b);
    }

    public static double min(double a, double b) {
        record(a > b ? 9 : a < b ? 10 : 11);
        return Math.min(a, b);
    }

    /** {@code a % b}: continuous between the points where the quotient {@code (a - r) / b} jumps. */
    public static double rem(double a, double b) {
        double r = a % b;
        record(16L * 31 + Double.doubleToLongBits(Math.rint((a - r) / b)));
        return r;
    }

    /** Piecewise constant: the piece is the result itself. */
    public static double floor(double a) {
        return piece(Math.floor(a), 12);
    }

    public static double ceil(double a) {
        return piece(Math.ceil(a), 13);
    }

    public static double rint(double a) {
        return piece(Math.rint(a), 14);
    }

    /** {@code Math.round}: a {@code long}, piecewise constant. */
    public static long round(double a) {
        long r = Math.round(a);
        record(17L * 31 + r);
        return r;
    }

    public static double signum(double a) {
        return piece(Math.signum(a), 15);
    }

    private static double piece(double r, long kind) {
        record(kind * 31 + Double.doubleToLongBits(r));
        return r;
    }
}
