package dev.jgrad.tests.shortcircuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The gradients of {@link ShortCircuits} return or throw what the source does. */
class ShortCircuitTest {
    private record Outcome(double value, Throwable thrown) {
        static Outcome of(Call c) {
            try {
                return new Outcome(c.run(), null);
            } catch (RuntimeException e) {
                return new Outcome(Double.NaN, e);
            }
        }
    }

    @FunctionalInterface
    interface Call {
        double run();
    }

    private static void same(String what, Call source, Call generated) {
        Outcome expected = Outcome.of(source);
        Outcome got = Outcome.of(generated);
        if (expected.thrown() == null) {
            assertNull(got.thrown(), what + ": the source returned " + expected.value());
            assertEquals(Double.doubleToRawLongBits(expected.value()), Double.doubleToRawLongBits(got.value()),
                    what + ": " + expected.value() + " against " + got.value());
            return;
        }
        assertNotNull(got.thrown(), what + " threw nothing; the source threw " + expected.thrown());
        assertEquals(expected.thrown().getClass(), got.thrown().getClass(), what + ": " + got.thrown());
        assertEquals(expected.thrown().getMessage(), got.thrown().getMessage(), what);
    }

    @Test
    void aCallOnTheRightOfAndOrOrRunsOnlyWhenTheSourceRunsIt() {
        double[] x = {0.3, -1.2, 0.25, 0.7};
        double[] y = {0.1, 0.2};
        same("andInLoop", () -> ShortCircuits.andInLoop(x, y), () -> ShortCircuitsGrad.andInLoop(x, y).value());
        same("andInLoopJit", () -> ShortCircuits.andInLoopJit(x, y), () -> ShortCircuitsGrad.andInLoopJit(x, y).value());
        same("orNegated", () -> ShortCircuits.orNegated(x, y), () -> ShortCircuitsGrad.orNegated(x, y).value());
        same("twice", () -> ShortCircuits.twice(0.3, 0), () -> ShortCircuitsGrad.twice(0.3, 0).value());
        same("twice k = 4", () -> ShortCircuits.twice(0.3, 4), () -> ShortCircuitsGrad.twice(0.3, 4).value());
        same("bentRows", () -> ShortCircuits.bentRows(x, 0), () -> ShortCircuitsGrad.bentRows(x, 0).value());
    }

    @Test
    void aCallThatMayThrowStaysBehindAnEarlierOperandThatThrowsFirst() {
        double[] y = {0.5, 1.5};
        same("firstError", () -> ShortCircuits.firstError(y, 0.7, 0), () -> ShortCircuitsGrad.firstError(y, 0.7, 0).value());
        // the first iteration reads y[1], out of bounds, before it divides by n = 0
        double[] one = {0.5};
        same("firstErrorInLoop", () -> ShortCircuits.firstErrorInLoop(one, 0.7, 0),
                () -> ShortCircuitsGrad.firstErrorInLoop(one, 0.7, 0).value());
    }

    @Test
    void aPrivateArraysAllocationThrowsWhereTheSourceMakesIt() {
        double[] w = {0.1, 0.2};
        double[][] none = new double[0][];
        same("privateLayer, no rows", () -> ShortCircuits.privateLayer(w, none, -1),
                () -> ShortCircuitsGrad.privateLayer(w, none, -1).value());
        same("privateLayer @Jit, no rows", () -> ShortCircuits.privateLayer(w, none, -1),
                () -> ShortCircuitsJit.privateLayer(w, none, -1));
        same("privateLayer @Jit, null rows", () -> ShortCircuits.privateLayer(w, null, -1),
                () -> ShortCircuitsJit.privateLayer(w, null, -1));
    }
}
