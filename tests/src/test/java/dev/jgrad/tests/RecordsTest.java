package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tests.corpus.RecordsGrad;
import dev.jgrad.tests.params.Layer;
import dev.jgrad.tests.params.Mlp;
import dev.jgrad.tests.params.Tagged;
import org.junit.jupiter.api.Test;

/**
 * What the corpus harness does not see of records of parameters: the entry check when the method
 * writes into a component's array that another component shares, and the gradient record's
 * components that carry no derivative (the input's values, an {@code int[]} copied).
 */
class RecordsTest {
    @Test
    void aComponentWrittenIntoMustNotShareStorageWithAnother() {
        double[] row = {1, 2};
        Layer shared = new Layer(new double[][] {row, {3, 4}}, row); // b is the first row of w
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordsGrad.scaledInPlace(shared, 2.0));
        assertTrue(e.getMessage().contains("p.b()") && e.getMessage().contains("p.w()"), e.getMessage());
        assertArrayEquals(new double[] {1, 2}, row, "nothing is written before the check");
    }

    @Test
    void componentsThatCarryNoDerivativeAreTheInputs() {
        int[] slot = {0, 2, 1};
        Tagged p = new Tagged(new double[] {0.5, -0.25, 1}, 3, true, slot, 0.1);
        Tagged g = RecordsGrad.tagged(p, new double[] {1, 2, 3}).p();
        assertEquals(3, g.classes());
        assertTrue(g.bias());
        assertArrayEquals(slot, g.slot());
        assertNotSame(slot, g.slot());
        assertNotSame(p.w(), g.w());
    }

    @Test
    void theGradientIsANewRecordWithFreshArrays() {
        Mlp p = new Mlp(new double[][] {{0.1, 0.2}}, new double[] {0.3}, new double[] {0.4}, 0.5);
        Mlp g = RecordsGrad.mlp(p, new double[][] {{1, 2}}, new double[] {1}).p();
        assertNotSame(p, g);
        assertNotSame(p.w1(), g.w1());
        assertNotSame(p.w1()[0], g.w1()[0]);
        assertNotSame(p.b1(), g.b1());
    }
}
