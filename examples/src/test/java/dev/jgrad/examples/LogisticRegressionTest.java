package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.GradCheck;
import dev.jgrad.examples.LogisticRegression.Dataset;
import dev.jgrad.examples.LogisticRegression.Fit;
import org.junit.jupiter.api.Test;

/**
 * The example's promise on a shortened run (half the epochs): test accuracy within 1.5 points of what the
 * hidden weights that made the labels score (the test set's 2,000 rows alone make the accuracy uncertain
 * by about 0.6 points).
 */
class LogisticRegressionTest {
    private static final Dataset DATA = LogisticRegression.makeData(LogisticRegression.SEED, LogisticRegression.N,
            LogisticRegression.D, LogisticRegression.LABEL_NOISE);
    private static final int TRAIN = LogisticRegression.TRAIN;

    @Test
    void tenEpochsReachTheAccuracyOfTheHiddenWeights() {
        Fit fit = LogisticRegression.fit(DATA, TRAIN, 10, LogisticRegression.BATCH, LogisticRegression.LEARNING_RATE,
                1, null);
        double ceiling = LogisticRegression.accuracy(DATA.trueW(), DATA.trueB(), DATA.x(), DATA.y(), TRAIN,
                LogisticRegression.N);
        assertTrue(ceiling > 0.9, "hidden weights score " + ceiling);
        assertTrue(fit.testAccuracy() > ceiling - 0.015,
                "test accuracy " + fit.testAccuracy() + ", ceiling " + ceiling);
        assertTrue(fit.trainAccuracy() > 0.9, "train accuracy " + fit.trainAccuracy());
        assertTrue(LogisticRegression.cosine(fit.w(), DATA.trueW()) > 0.99);
        // the loss at zero weights is log 2 for every row
        assertTrue(fit.finalLoss() < 0.5 * Math.log(2), "final loss " + fit.finalLoss());
    }

    @Test
    void theGeneratedGradientOfABatchMatchesFiniteDifferences() {
        double[] w = new double[20];
        for (int j = 0; j < w.length; j++) {
            w[j] = 0.1 * (j - 10);
        }
        double b = 0.3;
        double[][] x = DATA.x();
        double[] y = DATA.y();
        LogisticRegressionGrad.LossGradient g = LogisticRegressionGrad.loss(w, b, x, y, 100, 300, 0.01);
        // @Jit may reassociate the sum: the value agrees with the source to rounding
        assertEquals(LogisticRegression.loss(w, b, x, y, 100, 300, 0.01), g.value(), 1e-12);
        GradCheck.check(LogisticRegression.class, "loss", w, b, x, y, 100, 300, 0.01).orThrow();
    }
}
