package dev.jgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * erf, erfc and normCdf against references computed in BigDecimal to far more digits than a double
 * holds (the series {@code erf(x) = 2/sqrt(pi) exp(-x^2) sum 2^n x^(2n+1) / (1*3*...*(2n+1))}, whose terms
 * are all positive, and {@code erfc = 1 - erf} with enough digits to survive the cancellation, checked
 * against the continued fraction and tabulated values), to within about one ulp; sigmoid, softplus and
 * relu at the extremes.
 */
class ScalarFunctionsTest {
    static final BigDecimal PI = new BigDecimal("3.14159265358979323846264338327950288419716939937510582097494459"
            + "2307816406286208998628034825342117067982148086513282306647093844609550582231725359408128481117450"
            + "2841027019385211055596446229489549303819644288109756659334461284756482337867831652712019091456485"
            + "66923460348610454326648213393607260249141273724587006606315588174881520920962829254091715364367");

    /** fdlibm's erf is within one ulp (measured 0.87). */
    static final double ERF_ULPS = 1.0;
    /** erfc, fdlibm's with its last steps in double-double, is within one ulp (measured 0.85). */
    static final double ERFC_ULPS = 1.0;
    /**
     * normCdf: erfc of -x/sqrt(2) carried in double-double, within one ulp in the tails and 1.5 in the
     * middle, where the low part of the argument is added by a first-order term (measured 1.14).
     */
    static final double NORM_CDF_ULPS = 1.5;

    // ------------------------------------------------------------------------------------------
    // High-precision references

    static final BigDecimal SQRT_PI = PI.sqrt(new MathContext(400));

    static MathContext digits(int n) {
        return new MathContext(n, RoundingMode.HALF_EVEN);
    }

    /** e^y to {@code mc}'s precision: Taylor series of e^(y / 2^k), squared k times. */
    static BigDecimal exp(BigDecimal y, MathContext mc) {
        MathContext work = digits(mc.getPrecision() + 20);
        int k = 0;
        BigDecimal r = y;
        while (r.abs().compareTo(BigDecimal.valueOf(0.5)) > 0) {
            r = r.divide(BigDecimal.valueOf(2), work);
            k++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(work.getPrecision() + 2);
        for (int n = 1; term.abs().compareTo(eps) > 0; n++) {
            term = term.multiply(r, work).divide(BigDecimal.valueOf(n), work);
            sum = sum.add(term, work);
        }
        for (int i = 0; i < k; i++) {
            sum = sum.multiply(sum, work);
        }
        return sum.round(mc);
    }

    /** erf(x) for x >= 0 by the positive series, to {@code mc}'s precision. */
    static BigDecimal erfSeries(BigDecimal x, MathContext mc) {
        if (x.signum() == 0) {
            return BigDecimal.ZERO;
        }
        MathContext work = digits(mc.getPrecision() + 10);
        BigDecimal x2 = x.multiply(x, work);
        BigDecimal twoX2 = x2.add(x2);
        BigDecimal term = x;
        BigDecimal sum = BigDecimal.ZERO;
        for (int n = 0; ; n++) {
            sum = sum.add(term, work);
            term = term.multiply(twoX2, work).divide(BigDecimal.valueOf(2L * n + 3), work);
            if (n > x2.doubleValue() && term.compareTo(sum.movePointLeft(work.getPrecision() + 2)) < 0) {
                break;
            }
        }
        BigDecimal twoOverSqrtPi = BigDecimal.valueOf(2).divide(SQRT_PI, work);
        return twoOverSqrtPi.multiply(exp(x2.negate(), work), work).multiply(sum, work).round(mc);
    }

    /** Enough digits for erfc(|x|) = 1 - erf(|x|), which is about e^(-x^2), to keep 40 significant ones. */
    static MathContext enoughFor(BigDecimal x) {
        double v = x.doubleValue();
        return digits(45 + (int) (v * v / Math.log(10)));
    }

    static BigDecimal erfRef(BigDecimal x) {
        MathContext mc = digits(45);
        return x.signum() < 0 ? erfSeries(x.negate(), mc).negate() : erfSeries(x, mc);
    }

    static BigDecimal erfcRef(BigDecimal x) {
        MathContext mc = enoughFor(x);
        BigDecimal e = erfSeries(x.abs(), mc);
        return x.signum() < 0 ? BigDecimal.ONE.add(e, mc) : BigDecimal.ONE.subtract(e, mc);
    }

    /** Phi(x) = erfc(-x / sqrt(2)) / 2. */
    static BigDecimal normCdfRef(BigDecimal x) {
        MathContext mc = digits(enoughFor(x).getPrecision() + 10);
        BigDecimal t = x.negate().divide(BigDecimal.valueOf(2).sqrt(mc), mc);
        return erfcRef(t).divide(BigDecimal.valueOf(2), mc);
    }

    /** erfc(x), x > 0, by its continued fraction {@code e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))}. */
    static BigDecimal erfcContinuedFraction(BigDecimal x, int terms) {
        MathContext mc = digits(60 + (int) (x.doubleValue() * x.doubleValue() / Math.log(10)));
        BigDecimal f = x;
        for (int n = terms; n >= 1; n--) {
            f = x.add(BigDecimal.valueOf(n).divide(BigDecimal.valueOf(2), mc).divide(f, mc), mc);
        }
        return exp(x.multiply(x).negate(), mc).divide(SQRT_PI.multiply(f, mc), mc);
    }

    /** |got - want| in units of the last place of want rounded to double. */
    static double ulps(double got, BigDecimal want) {
        double w = want.doubleValue();
        if (Double.isInfinite(got) || Double.isNaN(got)) {
            return Double.POSITIVE_INFINITY;
        }
        return new BigDecimal(got).subtract(want).abs().doubleValue() / Math.ulp(w);
    }

    /** The largest error in ulps of f against ref over the points, with a message naming the worst point. */
    static void assertWithinUlps(String name, double bound, double[] points, DoubleUnaryOperator f,
            DoubleFunction<BigDecimal> ref) {
        double worst = 0;
        double worstAt = Double.NaN;
        for (double x : points) {
            double e = ulps(f.applyAsDouble(x), ref.apply(x));
            if (e > worst) {
                worst = e;
                worstAt = x;
            }
        }
        assertTrue(worst <= bound, name + " is " + worst + " ulps off at x = " + worstAt + " (bound " + bound + ")");
    }

    static double[] grid(double from, double to, double step, int randomPoints, long seed) {
        int n = (int) Math.round((to - from) / step) + 1;
        double[] g = new double[n + randomPoints];
        for (int i = 0; i < n; i++) {
            g[i] = from + i * step;
        }
        Random r = new Random(seed);
        for (int i = 0; i < randomPoints; i++) {
            g[n + i] = from + (to - from) * r.nextDouble();
        }
        return g;
    }

    // ------------------------------------------------------------------------------------------
    // The references themselves

    @Test
    void theSeriesAndTheContinuedFractionAgree() {
        for (double x : new double[] {3.0, 4.5, 6.0, 10.0, 21.0}) {
            BigDecimal bx = new BigDecimal(x);
            BigDecimal series = erfcRef(bx);
            BigDecimal cf = erfcContinuedFraction(bx, 4000);
            BigDecimal rel = series.subtract(cf).abs().divide(series, digits(10));
            assertTrue(rel.compareTo(new BigDecimal("1e-30")) < 0, "x = " + x + ": " + series + " vs " + cf);
        }
        // tabulated: erf(1) = 0.8427007929497148693412206350826...; Phi(-30) = 4.906713927148187...e-198
        assertEquals(0, erfRef(BigDecimal.ONE).round(digits(25))
                .compareTo(new BigDecimal("0.8427007929497148693412206")));
        assertEquals(4.906713927148187e-198, normCdfRef(BigDecimal.valueOf(-30)).doubleValue());
    }

    // ------------------------------------------------------------------------------------------
    // erf, erfc, normCdf

    @Test
    void erfIsWithinOneUlpOnMinusSixToSix() {
        double[] points = grid(-6, 6, 1.0 / 32, 150, 1);
        assertWithinUlps("erf", ERF_ULPS, points, Ops::erf, x -> erfRef(new BigDecimal(x)));
        double[] small = {1e-300, -1e-310, 3e-9, -2e-5, 0.3, 0.84374, 0.84376, 1.2499, 1.2501, 2.857, 2.858, 5.9999};
        assertWithinUlps("erf", ERF_ULPS, small, Ops::erf, x -> erfRef(new BigDecimal(x)));
    }

    @Test
    void erfcIsWithinOneUlpOnMinusSixToSixAndInTheUpperTail() {
        assertWithinUlps("erfc", ERFC_ULPS, grid(-6, 6, 1.0 / 32, 150, 2), Ops::erfc, x -> erfcRef(new BigDecimal(x)));
        assertWithinUlps("erfc", ERFC_ULPS, grid(6, 27.25, 0.25, 40, 3), Ops::erfc, x -> erfcRef(new BigDecimal(x)));
        double[] edges = {0.2499, 0.25, 0.2501, 0.84374, 0.84375, 0.84376, 1.2499, 1.25, 1.2501, 2.857, 2.858,
            5.9999, 6.0, -0.84376, -1.2499, -1.25, -2.858, -5.99};
        assertWithinUlps("erfc", ERFC_ULPS, edges, Ops::erfc, x -> erfcRef(new BigDecimal(x)));
    }

    @Test
    void normCdfIsAccurateOnMinusSixToSixAndInBothTails() {
        assertWithinUlps("normCdf", NORM_CDF_ULPS, grid(-6, 6, 1.0 / 32, 150, 4), Ops::normCdf,
                x -> normCdfRef(new BigDecimal(x)));
        assertWithinUlps("normCdf", NORM_CDF_ULPS, grid(-38.5, -6, 0.25, 40, 5), Ops::normCdf,
                x -> normCdfRef(new BigDecimal(x)));
        assertWithinUlps("normCdf", NORM_CDF_ULPS, grid(6, 9, 1.0 / 32, 20, 6), Ops::normCdf,
                x -> normCdfRef(new BigDecimal(x)));
        assertEquals(4.906713927148187e-198, Ops.normCdf(-30), Math.ulp(4.906713927148187e-198));
        assertEquals(normCdfRef(BigDecimal.valueOf(8)).doubleValue(), Ops.normCdf(8), Math.ulp(1.0) / 2);
        assertEquals(0.5, Ops.normCdf(0.0));
    }

    @Test
    void specialValues() {
        assertEquals(0.0, Ops.erf(0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Ops.erf(-0.0)));
        assertEquals(1.0, Ops.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Ops.erf(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, Ops.erf(30));
        assertEquals(-1.0, Ops.erf(-30));
        assertTrue(Double.isNaN(Ops.erf(Double.NaN)));
        assertEquals(1.0, Ops.erfc(0.0));
        assertEquals(0.0, Ops.erfc(Double.POSITIVE_INFINITY));
        assertEquals(2.0, Ops.erfc(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Ops.erfc(30));
        assertEquals(2.0, Ops.erfc(-30));
        assertTrue(Double.isNaN(Ops.erfc(Double.NaN)));
        assertEquals(0.0, Ops.normCdf(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, Ops.normCdf(Double.POSITIVE_INFINITY));
        assertEquals(0.0, Ops.normCdf(-40));
        assertEquals(1.0, Ops.normCdf(40));
        assertEquals(0.0, Ops.normCdf(-1e300));
        assertEquals(1.0, Ops.normCdf(1e300));
        assertTrue(Double.isNaN(Ops.normCdf(Double.NaN)));
    }

    // ------------------------------------------------------------------------------------------
    // sigmoid, softplus, relu

    @Test
    void sigmoidIsAccurateAndNeverOverflows() {
        assertWithinUlps("sigmoid", 2.0, grid(-40, 40, 1.0 / 16, 200, 7), Ops::sigmoid, x -> {
            MathContext mc = digits(40);
            return BigDecimal.ONE.divide(BigDecimal.ONE.add(exp(new BigDecimal(-x), mc)), mc);
        });
        assertEquals(1.0, Ops.sigmoid(800));
        assertEquals(0.0, Ops.sigmoid(-800));
        assertEquals(1.0, Ops.sigmoid(Double.POSITIVE_INFINITY));
        assertEquals(0.0, Ops.sigmoid(Double.NEGATIVE_INFINITY));
        assertEquals(0.5, Ops.sigmoid(0.0));
        assertEquals(Math.exp(-700), Ops.sigmoid(-700), Math.ulp(Math.exp(-700)));
        for (double x = -1e308; Math.abs(x) >= 1e-300; x /= -7.3) {
            double s = Ops.sigmoid(x);
            assertFalse(Double.isNaN(s), "sigmoid(" + x + ")");
            assertTrue(s >= 0 && s <= 1, "sigmoid(" + x + ") = " + s);
        }
    }

    @Test
    void softplusIsAccurateAndNeverOverflows() {
        assertWithinUlps("softplus", 2.0, grid(-40, 40, 1.0 / 8, 100, 8), Ops::softplus, x -> {
            MathContext mc = digits(60);
            BigDecimal onePlus = BigDecimal.ONE.add(exp(new BigDecimal(x), mc), mc);
            return ln(onePlus, mc);
        });
        assertEquals(1000.0, Ops.softplus(1000));
        assertEquals(0.0, Ops.softplus(-1000));
        assertEquals(Double.POSITIVE_INFINITY, Ops.softplus(Double.POSITIVE_INFINITY));
        assertEquals(0.0, Ops.softplus(Double.NEGATIVE_INFINITY));
        assertEquals(Math.log(2), Ops.softplus(0.0));
        assertEquals(Math.exp(-50), Ops.softplus(-50), Math.ulp(Math.exp(-50)));
        for (double x = -1e308; Math.abs(x) >= 1e-300; x /= -7.3) {
            double s = Ops.softplus(x);
            assertFalse(Double.isNaN(s) || Double.isInfinite(s), "softplus(" + x + ") = " + s);
            assertTrue(s >= 0 && s >= x, "softplus(" + x + ") = " + s);
        }
    }

    /** The natural logarithm of y in [1, e^41] by Newton's method on exp. */
    static BigDecimal ln(BigDecimal y, MathContext mc) {
        MathContext work = digits(mc.getPrecision() + 10);
        BigDecimal r = new BigDecimal(Math.log(y.doubleValue()));
        for (int i = 0; i < 6; i++) {
            BigDecimal e = exp(r, work);
            r = r.add(y.subtract(e, work).divide(e, work), work);
        }
        return r.round(mc);
    }

    @Test
    void reluIsMaxWithZero() {
        assertEquals(0.0, Ops.relu(0.0));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Ops.relu(-0.0)));
        assertEquals(0.0, Ops.relu(-3.5));
        assertEquals(2.25, Ops.relu(2.25));
        assertEquals(Double.POSITIVE_INFINITY, Ops.relu(Double.POSITIVE_INFINITY));
        assertEquals(0.0, Ops.relu(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Ops.relu(Double.NaN)));
        assertEquals(Double.MIN_VALUE, Ops.relu(Double.MIN_VALUE));
    }
}
