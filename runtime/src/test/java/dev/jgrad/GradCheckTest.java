package dev.jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class GradCheckTest {

    private static double sumOfSin(double[] x) {
        double s = 0;
        for (double v : x) {
            s += Math.sin(v);
        }
        return s;
    }

    private static double product(double[] x) {
        double p = 1;
        for (double v : x) {
            p *= v;
        }
        return p;
    }

    private static double[] randomVector(long seed, int n, double lo, double hi) {
        Random rnd = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * rnd.nextDouble();
        }
        return x;
    }

    /** Relative error with a floor of 1, the accuracy the class promises for moderate inputs. */
    private static void assertClose(double expected, double actual, double tol, String what) {
        double err = Math.abs(expected - actual) / Math.max(1.0, Math.abs(expected));
        assertTrue(err <= tol, what + ": expected " + expected + " got " + actual + " (error " + err + ")");
    }

    @Test
    void gradientOfSumOfSinIsCosTo1e8() {
        double[] x = randomVector(1, 12, -3, 3);
        double[] g = GradCheck.numericGradient(GradCheckTest::sumOfSin, x);
        for (int i = 0; i < x.length; i++) {
            assertClose(Math.cos(x[i]), g[i], 1e-8, "d/dx" + i);
        }
    }

    @Test
    void gradientOfProductTo1e8() {
        double[] x = randomVector(2, 6, 0.5, 2.0);
        double[] g = GradCheck.numericGradient(GradCheckTest::product, x);
        double p = product(x);
        for (int i = 0; i < x.length; i++) {
            assertClose(p / x[i], g[i], 1e-8, "d/dx" + i);
        }
    }

    @Test
    void stepScalesWithLargeInputs() {
        // f = x^3 at x = 1e4: a fixed step of 1e-3 would lose digits to rounding
        double x = 1e4;
        double d = GradCheck.derivative(v -> v * v * v, x);
        assertEquals(3 * x * x, d, 3 * x * x * 1e-9);
    }

    @Test
    void richardsonBeatsPlainCentralDifference() {
        // for exp at 1 with h = 1e-2, the plain central difference is off by about h^2/6 = 1.7e-5
        double h = 1e-2;
        double central = (Math.exp(1 + h) - Math.exp(1 - h)) / (2 * h);
        double richardson = GradCheck.derivative(Math::exp, 1.0, h);
        double exact = Math.exp(1);
        assertTrue(Math.abs(central - exact) / exact > 1e-6, "the plain difference is visibly off");
        assertTrue(Math.abs(richardson - exact) / exact < 1e-9,
                "Richardson should be accurate to h^4: " + richardson + " vs " + exact);
    }

    @Test
    void inputIsNotModifiedEvenIfTheFunctionWritesIntoIt() {
        double[] x = {0.3, -1.2, 2.0};
        double[] copy = x.clone();
        ToDoubleFunction<double[]> destructive = v -> {
            double s = 0;
            for (int i = 0; i < v.length; i++) {
                s += v[i] * v[i];
                v[i] = 1e9;
            }
            return s;
        };
        double[] g = GradCheck.numericGradient(destructive, x);
        assertArrayEquals(copy, x, 0.0);
        for (int i = 0; i < x.length; i++) {
            assertClose(2 * copy[i], g[i], 1e-8, "d/dx" + i);
        }
        GradCheck.directional(destructive, x, new double[] {1, 2, 3});
        assertArrayEquals(copy, x, 0.0);
    }

    @Test
    void directionalDerivativeIsGradientDotDirection() {
        double[] x = randomVector(3, 8, -2, 2);
        double[] u = randomVector(4, 8, -1, 1);
        double expected = 0;
        for (int i = 0; i < x.length; i++) {
            expected += Math.cos(x[i]) * u[i];
        }
        assertClose(expected, GradCheck.directional(GradCheckTest::sumOfSin, x, u), 1e-8, "directional");
        assertEquals(0.0, GradCheck.directional(GradCheckTest::sumOfSin, x, new double[8]));
        assertThrows(IllegalArgumentException.class,
                () -> GradCheck.directional(GradCheckTest::sumOfSin, x, new double[3]));
    }

    @Test
    void directionalStepRespectsTheSmallestScale() {
        // a large component beside one near the edge of log's domain: a step scaled to the large
        // one (1e-3 * 1000 = 1) would take log below 0
        double[] x = {0.5, 1000};
        double[] u = {1, 1};
        ToDoubleFunction<double[]> f = v -> Math.log(v[0]) + v[1];
        double d = GradCheck.directional(f, x, u);
        assertClose(1 / 0.5 + 1, d, 1e-8, "directional");
    }

    @Test
    void checkPassesForTheRightGradient() {
        double[] x = randomVector(5, 10, -3, 3);
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = Math.cos(x[i]);
        }
        GradCheck.Report r = GradCheck.check(GradCheckTest::sumOfSin, x, g);
        assertTrue(r.ok(), r::toString);
        assertTrue(r.maxRelativeError() < 1e-8, r::toString);
        GradCheck.assertGradient(GradCheckTest::sumOfSin, x, g);
        double[] u = randomVector(6, 10, -1, 1);
        assertTrue(GradCheck.checkDirectional(GradCheckTest::sumOfSin, x, g, u).ok());
    }

    @Test
    void checkFailsAndNamesTheWrongIndex() {
        double[] x = randomVector(7, 5, 0.5, 2.0);
        double[] g = new double[x.length];
        double p = product(x);
        for (int i = 0; i < x.length; i++) {
            g[i] = p / x[i];
        }
        g[3] *= 1 + 1e-4; // a small but real error
        GradCheck.Report r = GradCheck.check(GradCheckTest::product, x, g);
        assertFalse(r.ok());
        assertEquals(1, r.failureCount());
        assertEquals(3, r.worstIndex());
        assertArrayEquals(new int[] {3}, r.failures());
        assertEquals(1e-4, r.maxRelativeError(), 1e-6);
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradCheck.assertGradient(GradCheckTest::product, x, g));
        assertTrue(e.getMessage().contains("[3] actual"), e.getMessage());
        assertTrue(e.getMessage().contains("1 of 5 components off"), e.getMessage());
        double[] u = {0, 0, 0, 1, 0};
        assertFalse(GradCheck.checkDirectional(GradCheckTest::product, x, g, u).ok());
    }

    @Test
    void floorDecidesForComponentsFarBelowTheScale() {
        // relative to itself, 1e-12 vs 2e-12 is 50 % off; against a scale of 1 it is noise
        double[] actual = {1.0, 1e-12};
        double[] expected = {1.0, 2e-12};
        assertTrue(GradCheck.compare(actual, expected, 1e-6, GradCheck.defaultFloor(1.0, expected)).ok());
        assertFalse(GradCheck.compare(actual, expected, 1e-6, Double.MIN_NORMAL).ok());
    }

    @Test
    void aSubnormalValueStillGivesAPositiveFloor() {
        // 1e-3 times a subnormal scale underflows to zero, which compare() would refuse as a floor
        assertTrue(GradCheck.defaultFloor(Double.MIN_VALUE, new double[] {0}) > 0);
        assertTrue(GradCheck.check(v -> Double.MIN_VALUE, new double[] {1}, new double[] {0}).ok());
    }

    @Test
    void nonFiniteComponentsFail() {
        GradCheck.Report r = GradCheck.compare(new double[] {1, Double.NaN, 2}, new double[] {1, 1, 5}, 1e-6, 1e-8);
        assertFalse(r.ok());
        assertEquals(2, r.failureCount());
        assertEquals(1, r.worstIndex(), "NaN is the worst error");
        assertTrue(Double.isNaN(r.maxRelativeError()));
        assertFalse(GradCheck.compare(new double[] {Double.NaN}, new double[] {Double.NaN}, 1e-6, 1e-8).ok());
        assertTrue(GradCheck.compare(new double[] {Double.POSITIVE_INFINITY},
                new double[] {Double.POSITIVE_INFINITY}, 1e-6, 1e-8).ok());
    }

    @Test
    void numericDerivativeIsNaNOutsideTheDomain() {
        // log at 1e-4 with a step of 1e-3 evaluates log of a negative number
        assertTrue(Double.isNaN(GradCheck.derivative(Math::log, 1e-4)));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> GradCheck.derivative(Math::sin, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.derivative(Math::sin, 0, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> GradCheck.compare(new double[2], new double[3], 1e-6, 1e-8));
        assertThrows(IllegalArgumentException.class,
                () -> GradCheck.compare(new double[2], new double[2], 0, 1e-8));
    }
}
