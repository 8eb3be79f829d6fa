package dev.jgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link JitMath#tanh}'s formulation against {@code StrictMath.tanh} (fdlibm, within one ulp of the
 * exact value) over millions of arguments: uniform in several ranges, log-uniform down to the
 * subnormals, consecutive doubles around the branch at 0.625 and the cut-off at 22. The largest error
 * measured is 2 ulps (about a quarter of the arguments below 1 are 1 ulp off, a few per cent 2 ulps);
 * {@link JitMath#TANH_MAX_ULPS} pins it, and the README quotes it. Likewise {@link JitMath#log1p} against
 * {@code StrictMath.log1p} ({@link JitMath#LOG1P_MAX_ULPS}) and {@link JitMath#exp} against {@code StrictMath.exp}
 * ({@link JitMath#EXP_MAX_ULPS}).
 */
class JitMathTest {
    private static final int POINTS = 2_000_000;

    /** The largest distance from {@code StrictMath.tanh}, in ulps of the latter. */
    private static double worst;
    private static double worstAt;

    private static void check(DoubleUnaryOperator f, double x) {
        double want = StrictMath.tanh(x);
        double error = Math.abs(f.applyAsDouble(x) - want) / Math.ulp(want);
        if (!(error <= worst)) {
            worst = error;
            worstAt = x;
        }
    }

    private static double measure(DoubleUnaryOperator f) {
        worst = 0;
        SplittableRandom random = new SplittableRandom(14);
        double[][] ranges = {{-1, 1}, {0.5, 0.75}, {-3, 3}, {-25, 25}, {18, 23}};
        for (double[] range : ranges) {
            for (int i = 0; i < POINTS; i++) {
                check(f, range[0] + (range[1] - range[0]) * random.nextDouble());
            }
        }
        for (int i = 0; i < POINTS; i++) {
            // log-uniform over [1e-320, 1]: subnormals and the smallest normals too
            double x = Math.pow(10, -320 * random.nextDouble());
            check(f, random.nextBoolean() ? x : -x);
        }
        for (double edge : new double[] {0.625, -0.625, 22, -22}) {
            double x = edge;
            for (int i = 0; i < POINTS / 8; i++) {
                check(f, x);
                check(f, edge - (x - edge));
                x = Math.nextUp(x);
            }
        }
        return worst;
    }

    @Test
    void theFormulationIsWithinItsUlpsEverywhere() {
        double measured = measure(JitMath::tanhByExp);
        // the pinned figure is the measured one, not a loose bound
        assertEquals(JitMath.TANH_MAX_ULPS, measured, 0.0, "measured " + measured + " ulps at " + worstAt);
    }

    @Test
    void whatThisJvmUsesIsWithinTheSameUlps() {
        // Math.tanh where it is an intrinsic (JDK 24+ on x86-64): measured within 1 ulp on JDK 25
        double measured = measure(JitMath::tanh);
        assertTrue(measured <= JitMath.TANH_MAX_ULPS, measured + " ulps at " + worstAt);
    }

    @Test
    void mathTanhWhereItIsAnIntrinsic() {
        assertFalse(JitMath.intrinsicTanh(17, "amd64"));
        assertFalse(JitMath.intrinsicTanh(23, "amd64"));
        assertTrue(JitMath.intrinsicTanh(24, "amd64"));
        assertTrue(JitMath.intrinsicTanh(25, "x86_64"));
        assertFalse(JitMath.intrinsicTanh(25, "aarch64"));
    }

    @Test
    void specialValuesComeOutAsMathGivesThem() {
        double[] xs = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
            -Double.MAX_VALUE, 1e300, -1e300, 22.0, -22.0, 23.0, 710.0, Double.MIN_VALUE, -Double.MIN_VALUE,
            Double.MIN_NORMAL, -Double.MIN_NORMAL, 1e-310, -1e-310, 1e-200, 1e-9, -1e-9};
        for (double x : xs) {
            // bit for bit: the sign of zero and NaN included
            assertEquals(Double.doubleToLongBits(StrictMath.tanh(x)), Double.doubleToLongBits(JitMath.tanhByExp(x)),
                    "tanh(" + x + ")");
            assertEquals(Double.doubleToLongBits(StrictMath.tanh(x)), Double.doubleToLongBits(JitMath.tanh(x)),
                    "tanh(" + x + ")");
        }
    }

    @Test
    void oddAndBounded() {
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 100_000; i++) {
            double x = 30 * random.nextDouble();
            double t = JitMath.tanhByExp(x);
            assertEquals(-t, JitMath.tanhByExp(-x), 0.0, "tanh(-" + x + ")");
            assertTrue(t >= 0 && t <= 1, "tanh(" + x + ") = " + t);
        }
    }

    // ---------------------------------------------------------------- log1p

    private static void checkLog1p(double x) {
        double want = StrictMath.log1p(x);
        double error = Math.abs(JitMath.log1p(x) - want) / Math.ulp(want);
        if (!(error <= worst)) {
            worst = error;
            worstAt = x;
        }
    }

    private static double measureLog1p() {
        worst = 0;
        SplittableRandom random = new SplittableRandom(16);
        // W2's arguments (exp(-|z|)), both sides of 0, the pieces around 1 + x = 1, [-1, -0.5] (Math.log there), large
        double[][] ranges = {{0, 1}, {-0.5, 0.5}, {-0.01, 0.02}, {-1, -0.5}, {0.3, 0.5}, {0.5, 3}, {-0.75, 100}, {1e3, 1e6}};
        for (double[] range : ranges) {
            for (int i = 0; i < POINTS; i++) {
                checkLog1p(range[0] + (range[1] - range[0]) * random.nextDouble());
            }
        }
        for (int i = 0; i < POINTS; i++) {
            // log-uniform over [1e-320, 1] on both sides (subnormals included), and over [1, 1e308]
            double x = Math.pow(10, -320 * random.nextDouble());
            checkLog1p(random.nextBoolean() ? x : -x);
            checkLog1p(Math.pow(10, 308 * random.nextDouble()));
            // just above -1: 1 + x = 2^-k exactly, k up to 53
            checkLog1p(-1 + Math.pow(2, -53 * random.nextDouble()));
        }
        // consecutive doubles around the edges: 1 + x = 0.5 (Math.log below), 1 (the pieces around it), 2 (k = 1),
        // a piece's boundary (1 + x = 1.0078125), sqrt(2) - 1, 2^1000 (Math.log above)
        for (double edge : new double[] {-0.5, 0.0, 1.0, 0.0078125, -0.00390625, Math.sqrt(2) - 1, 0x1p1000}) {
            double up = edge;
            double down = edge;
            for (int i = 0; i < POINTS / 8; i++) {
                checkLog1p(up);
                checkLog1p(down);
                up = Math.nextUp(up);
                down = Math.nextDown(down);
            }
        }
        return worst;
    }

    @Test
    void log1pIsWithinItsUlpsEverywhere() {
        double measured = measureLog1p();
        // the pinned figure is the measured one, not a loose bound
        assertEquals(JitMath.LOG1P_MAX_ULPS, measured, 0.0, "measured " + measured + " ulps at " + worstAt);
    }

    @Test
    void log1pOfSpecialValuesIsStrictMaths() {
        double[] xs = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.0, -1.5, -2.0,
            -Double.MAX_VALUE, Math.nextDown(-1.0), Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
            -Double.MIN_NORMAL, 1e-310, -1e-310, 1e-200, -1e-200, 1e-17, -1e-17, 0x1p-53, -0x1p-53, 0x1p-54, -0x1p-54};
        for (double x : xs) {
            // bit for bit: the sign of zero and NaN included
            assertEquals(Double.doubleToLongBits(StrictMath.log1p(x)), Double.doubleToLongBits(JitMath.log1p(x)),
                    "log1p(" + x + ")");
        }
        // huge and just above -1: within the ulps
        for (double x : new double[] {Double.MAX_VALUE, 1e300, 0x1p1000, Math.nextUp(-1.0), -1 + 0x1p-30, 1e15}) {
            double want = StrictMath.log1p(x);
            assertTrue(Math.abs(JitMath.log1p(x) - want) <= JitMath.LOG1P_MAX_ULPS * Math.ulp(want), "log1p(" + x + ")");
        }
    }

    @Test
    void log1pIsIncreasingAcrossThePieces() {
        // the pieces of the table meet without a step back: consecutive doubles at every piece's boundary
        for (int i = 0; i < 256; i++) {
            double u = Double.longBitsToDouble(0x3fe6000000000000L + ((long) i << 45));
            double x = u - 1;
            double below = JitMath.log1p(Math.nextDown(x));
            double at = JitMath.log1p(x);
            double above = JitMath.log1p(Math.nextUp(x));
            assertTrue(below <= at && at <= above, "log1p around " + x + ": " + below + ", " + at + ", " + above);
        }
    }

    // ---------------------------------------------------------------- exp

    private static void checkExp(double x) {
        double want = StrictMath.exp(x);
        double error = Math.abs(JitMath.exp(x) - want) / Math.ulp(want);
        if (!(error <= worst)) {
            worst = error;
            worstAt = x;
        }
    }

    @Test
    void expIsWithinItsUlpsEverywhere() {
        worst = 0;
        SplittableRandom random = new SplittableRandom(17);
        double[][] ranges = {{-1, 1}, {-0.01, 0.01}, {-20, 0}, {-40, 40}, {-700, 700}, {690, 700}, {-700, -690}};
        for (double[] range : ranges) {
            for (int i = 0; i < POINTS; i++) {
                checkExp(range[0] + (range[1] - range[0]) * random.nextDouble());
            }
        }
        for (int i = 0; i < POINTS; i++) {
            // log-uniform over [1e-320, 1] on both sides: e^x rounds to 1 or its neighbours
            double x = Math.pow(10, -320 * random.nextDouble());
            checkExp(random.nextBoolean() ? x : -x);
        }
        // consecutive doubles around the edges: 0, the table's pieces (k ln2 / 128 and halfway), +-700 (Math.exp beyond)
        double piece = Math.log(2) / 128;
        for (double edge : new double[] {0, piece / 2, -piece / 2, 5 * piece, 300 * piece + piece / 2, 700, -700}) {
            double up = edge;
            double down = edge;
            for (int i = 0; i < POINTS / 8; i++) {
                checkExp(up);
                checkExp(down);
                up = Math.nextUp(up);
                down = Math.nextDown(down);
            }
        }
        assertEquals(JitMath.EXP_MAX_ULPS, worst, 0.0, "measured " + worst + " ulps at " + worstAt);
    }

    @Test
    void expOfSpecialValuesIsStrictMaths() {
        double[] xs = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
            -Double.MAX_VALUE, 700, -700, 709.78, 709.79, 710, -708.4, -745.1, -745.2, -746, Double.MIN_VALUE,
            -Double.MIN_VALUE, Double.MIN_NORMAL, 1e-310, -1e-310, 1e-17, -1e-17, 0x1p-53, -0x1p-54};
        for (double x : xs) {
            // bit for bit: overflow, the subnormal results, 1 for the tiny arguments, NaN
            assertEquals(Double.doubleToLongBits(StrictMath.exp(x)), Double.doubleToLongBits(JitMath.exp(x)), "exp(" + x + ")");
        }
    }

    @Test
    void expIsIncreasingAcrossThePieces() {
        double piece = Math.log(2) / 128;
        for (int k = -1000; k <= 1000; k++) {
            double x = (k + 0.5) * piece;
            double below = JitMath.exp(Math.nextDown(x));
            double at = JitMath.exp(x);
            double above = JitMath.exp(Math.nextUp(x));
            assertTrue(below <= at && at <= above, "exp around " + x + ": " + below + ", " + at + ", " + above);
        }
    }
}
