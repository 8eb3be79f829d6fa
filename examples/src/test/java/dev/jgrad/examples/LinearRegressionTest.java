package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.examples.LinearRegression.Dataset;
import dev.jgrad.examples.LinearRegression.Fit;
import org.junit.jupiter.api.Test;

/**
 * The seed example's promise: the printed loss goes down, the fit ends within 0.05 of the truth, and the Ops
 * form of the loss gives the loop form's numbers.
 */
class LinearRegressionTest {
    private static final Dataset DATA = LinearRegression.seedData();

    @Test
    void lossDecreasesAtEveryStep() {
        Fit fit = LinearRegression.fit(DATA, LinearRegression.LEARNING_RATE, LinearRegression.STEPS, 0, null);
        double[] losses = fit.losses();
        assertEquals(LinearRegression.STEPS + 1, losses.length);
        for (int k = 1; k < losses.length; k++) {
            // Near convergence successive losses agree to the last bits, which may then go either way.
            assertTrue(losses[k] <= losses[k - 1] * (1 + 1e-12),
                    "loss went up at step " + k + ": " + losses[k - 1] + " -> " + losses[k]);
        }
        assertTrue(losses[0] > 10, "initial loss " + losses[0]);
        // What is left at the end is the noise: variance 0.1^2.
        assertEquals(LinearRegression.NOISE * LinearRegression.NOISE, losses[losses.length - 1], 0.002);
    }

    @Test
    void weightsEndWithinFiveHundredthsOfTheTruth() {
        Fit fit = LinearRegression.fit(DATA, LinearRegression.LEARNING_RATE, LinearRegression.STEPS, 0, null);
        for (int j = 0; j < fit.w().length; j++) {
            assertEquals(LinearRegression.TRUE_W[j], fit.w()[j], 0.05, "w[" + j + "]");
        }
        assertEquals(LinearRegression.TRUE_B, fit.b(), 0.05, "b");
        assertTrue(fit.maxError(DATA.trueW(), DATA.trueB()) < 0.05);
    }

    @Test
    void theDataAreTheSameOnEveryRun() {
        Dataset again = LinearRegression.seedData();
        assertEquals(DATA.x()[1234][5], again.x()[1234][5]);
        assertEquals(DATA.y()[9999], again.y()[9999]);
    }

    @Test
    void theOpsFormGivesTheSameLossAndGradient() {
        Fit fit = LinearRegression.fit(DATA, LinearRegression.LEARNING_RATE, 10, 0, null);
        assertTrue(LinearRegression.opsFormDifference(DATA, new double[LinearRegression.TRUE_W.length], 0) < 1e-12);
        assertTrue(LinearRegression.opsFormDifference(DATA, fit.w(), fit.b()) < 1e-12);
        double loop = Losses.mse(fit.w(), fit.b(), DATA.x(), DATA.y());
        assertEquals(loop, Losses.mseOps(fit.w(), fit.b(), DATA.x(), DATA.y()), 1e-12 * loop);
    }
}
