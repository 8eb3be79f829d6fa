package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.GradCheck;
import dev.jgrad.examples.Spirals.Dataset;
import dev.jgrad.examples.Spirals.Network;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The example's promise on a shortened run (fewer points and steps): the network separates the spirals,
 * on points it has not seen, far beyond what a straight line can (about 50 %).
 */
class SpiralsTest {
    @Test
    void aShortRunSeparatesTheSpirals() {
        Random rng = new Random(Spirals.SEED);
        Dataset train = Spirals.makeSpirals(rng, 100, Spirals.TURNS, Spirals.NOISE);
        Dataset test = Spirals.makeSpirals(rng, 100, Spirals.TURNS, Spirals.NOISE);
        Network n = Network.random(rng, 2, Spirals.HIDDEN);
        double before = Spirals.accuracy(n, test);
        n = Spirals.train(n, train, test, 300, Spirals.LEARNING_RATE, 100, null);
        double after = Spirals.accuracy(n, test);
        double loss = Spirals.loss(n, train.x(), train.label());
        assertTrue(before < 0.7, "accuracy before training " + before);
        assertTrue(after > 0.9, "test accuracy " + after);
        assertTrue(loss < 0.1, "training loss " + loss);
    }

    @Test
    void theGeneratedGradientMatchesFiniteDifferences() {
        Random rng = new Random(3);
        Dataset data = Spirals.makeSpirals(rng, 20, Spirals.TURNS, Spirals.NOISE);
        Network n = Network.random(rng, 2, 8);
        for (int k = 0; k < 8; k++) {
            n.b1()[k] = 0.1 * rng.nextGaussian();
            n.b2()[k] = 0.1 * rng.nextGaussian();
        }
        Network net = new Network(n.w1(), n.b1(), n.w2(), n.b2(), n.w3(), 0.2);
        // every component of the network's six weights, and the value, against the source method
        GradCheck.check(Spirals.class, "loss", net, data.x(), data.label()).orThrow();
    }
}
