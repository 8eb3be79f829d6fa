package dev.jgrad.tests.zero;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link UnusedValues}: where a value computed before a branch goes unused, its infinite or NaN partial
 * derivative does not reach the gradient (each of these gave NaN before: the adjoint of the unused value,
 * zero, times its partial). Expected values are the derivatives of the branch taken, in closed form.
 */
class UnusedValuesTest {
    @Test
    void anOverflowedExpUnusedAbove30() {
        assertEquals(1.0, UnusedValuesGrad.softplus(800).x());
        assertEquals(1 / (1 + Math.exp(-2.0)), UnusedValuesGrad.softplus(2).x(), 1e-15);
    }

    @Test
    void aNaNMeantAsMissing() {
        UnusedValuesGrad.MissingGradient g = UnusedValuesGrad.missing(Double.NaN, 2);
        assertEquals(2.0, g.value());
        assertEquals(1.0, g.y());
    }

    @Test
    void aStableLogisticLossAtLargeMargins() {
        double[] w = {300, -50};
        double[][] x = {{1, 2}, {-3, 1}, {0.5, -0.5}};
        double[] y = {1, 1, 0};
        // margins 200, -950, -175 (after the label's sign): the loss is -z where z < 0, log1p(exp(-z)) ~ 0 else
        double[] expected = {3.5, -1.5};
        assertArrayEquals(expected, UnusedValuesGrad.logLoss(w, x, y).w(), 1e-12);
        assertArrayEquals(expected, UnusedValuesGrad.logLossJit(w, x, y).w(), 1e-12);
        assertEquals(UnusedValues.logLoss(w, x, y), UnusedValuesGrad.logLoss(w, x, y).value());
    }

    @Test
    void aPairEnergyWhoseDiagonalIsSkipped() {
        double[] x = {0, 1, 0.3};
        double[] y = {0, 0.2, 1.1};
        double[] dx = new double[3];
        double[] dy = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (i != j) {
                    double rx = x[i] - x[j];
                    double ry = y[i] - y[j];
                    double r3 = Math.pow(rx * rx + ry * ry, 1.5);
                    // d(0.5 / r)/dx_i and d/dx_j, for the pair (i, j)
                    dx[i] -= 0.5 * rx / r3;
                    dx[j] += 0.5 * rx / r3;
                    dy[i] -= 0.5 * ry / r3;
                    dy[j] += 0.5 * ry / r3;
                }
            }
        }
        assertArrayEquals(dx, UnusedValuesGrad.coulomb(x, y).x(), 1e-12);
        assertArrayEquals(dy, UnusedValuesGrad.coulomb(x, y).y(), 1e-12);
        assertArrayEquals(dx, UnusedValuesGrad.coulombJit(x, y).x(), 1e-12);
        assertArrayEquals(dy, UnusedValuesGrad.coulombJit(x, y).y(), 1e-12);
    }

    @Test
    void missingEntriesSkippedAfterStandardising() {
        double[] x = {0.5, Double.NaN, 1.5, -0.2};
        double mu = 0.3;
        double sigma = 0.8;
        double dMu = 0;
        double dSigma = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                double z = (v - mu) / sigma;
                dMu -= z / sigma;
                dSigma += -z * z / sigma + 1 / sigma;
            }
        }
        for (var g : new double[][] {
                {UnusedValuesGrad.gaussianNll(x, mu, sigma).mu(), UnusedValuesGrad.gaussianNll(x, mu, sigma).sigma()},
                {UnusedValuesGrad.gaussianNllJit(x, mu, sigma).mu(), UnusedValuesGrad.gaussianNllJit(x, mu, sigma).sigma()}}) {
            assertEquals(dMu, g[0], 1e-12);
            assertEquals(dSigma, g[1], 1e-12);
        }
    }

    /**
     * The same values under second derivatives: the reverse sweep of the tangent code passes an adjoint on only
     * where it is not zero too ({@code fHvp}, a Jacobian's rows); the full Hessian runs its lanes without that
     * test and the products of {@code fHvp} where the lanes give a NaN. All NaN before (a newcomer trial).
     */
    @Test
    void secondDerivativesOfValuesUnusedOnThePathTaken() {
        UnusedValuesHessian.SoftplusHessian h = UnusedValuesHessian.softplus(800);
        assertArrayEquals(new double[] {1.0}, h.gradient());
        assertArrayEquals(new double[] {0.0}, h.hessian()[0]);
        assertArrayEquals(new double[] {0.0}, UnusedValuesHessian.softplusHvp(800, new double[] {1.0}).hvp());
        double s = 1 / (1 + Math.exp(-2.0));
        assertEquals(s * (1 - s), UnusedValuesHessian.softplus(2).hessian()[0][0], 1e-15);

        double[] x = {0.5, Double.NaN, 1.5, -0.2};
        double mu = 0.3;
        double sigma = 0.8;
        // d2/dmu2 = m / sigma^2, d2/dmu dsigma = 2 sum z / sigma^2, d2/dsigma2 = (3 sum z^2 - m) / sigma^2
        double m = 0;
        double sumZ = 0;
        double sumZ2 = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                double z = (v - mu) / sigma;
                m++;
                sumZ += z;
                sumZ2 += z * z;
            }
        }
        double[][] expected = {{m / (sigma * sigma), 2 * sumZ / (sigma * sigma)},
                {2 * sumZ / (sigma * sigma), (3 * sumZ2 - m) / (sigma * sigma)}};
        double[][] got = UnusedValuesHessian.gaussianNll(x, mu, sigma).hessian();
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(expected[i], got[i], 1e-12);
        }

        double[][] jacobian = UnusedValuesJacobian.softplusSum(new double[] {800, 2, 3}).jacobian();
        assertArrayEquals(new double[] {1.0, 1 / (1 + Math.exp(-2.0)), 1 / (1 + Math.exp(-3.0))}, jacobian[0], 1e-15);
    }
}
