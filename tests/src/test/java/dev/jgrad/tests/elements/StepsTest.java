package dev.jgrad.tests.elements;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@code ElementLocals} keeps an element in a scalar only where its store cannot fail; found by the adversarial trial. */
class StepsTest {
    @Test
    void aStoreThatFailsFailsBeforeTheRestOfItsIteration() {
        double[] x = {1, 2, 3, 4, 5};
        double[] ySource = new double[5];
        double[] yJit = new double[5];
        Throwable source = assertThrows(RuntimeException.class, () -> Steps.rowLength(x, ySource));
        Throwable jit = assertThrows(RuntimeException.class, () -> StepsJit.rowLength(x, yJit));
        assertEquals(source.getClass(), jit.getClass(), jit.toString());
        assertArrayEquals(ySource, yJit);
    }

    @Test
    void aBoundThatIsTheSizeKeepsTheValue() {
        double[] x = {0.5, -1, 0.25};
        double[] y = new double[3];
        double expected = Steps.sameBound(x, y);
        assertEquals(expected, StepsJit.sameBound(x, new double[3]), 1e-12 * Math.abs(expected));
        assertEquals(expected, StepsGrad.sameBound(x, new double[3]).value());
    }
}
