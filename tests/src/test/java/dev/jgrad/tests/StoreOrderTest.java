package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.Grad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * An element store whose old value the tape keeps: Java evaluates the right-hand side before it checks
 * the element's index (JLS 15.26.1), so when both would throw, the gradient throws the value's exception,
 * as the source does.
 */
class StoreOrderTest {
    static final class Stores {
        private Stores() {}

        /** The value divides by n before x[k] is checked. */
        @Grad(wrt = "x")
        static double divideThenStore(double[] x, int k, int n) {
            x[k] = x[0] * (10 / n);
            return x[0] * x[1];
        }

        /** The value reads x[1] before the store checks x[0]. */
        @Grad(wrt = "x")
        static double readThenStore(double[] x) {
            x[0] = 2 * x[1];
            return x[0] * x[0];
        }

        /** The value reads the stored element itself: it throws first in both. */
        @Grad(wrt = "x")
        static double accumulate(double[] x, int k) {
            x[k] = x[k] * x[k] + 1;
            return x[0] * x[1];
        }
    }

    private static void sameException(Executable source, Executable generated) {
        Throwable expected = assertThrows(Throwable.class, source);
        Throwable actual = assertThrows(Throwable.class, generated);
        assertEquals(expected.getClass(), actual.getClass());
        assertEquals(expected.getMessage(), actual.getMessage());
    }

    @Test
    void theValueThrowsBeforeTheIndexIsChecked() {
        sameException(() -> Stores.divideThenStore(new double[] {1, 2, 3}, 5, 0),
                () -> StoreOrderTest_StoresGrad.divideThenStore(new double[] {1, 2, 3}, 5, 0));
        sameException(() -> Stores.readThenStore(new double[0]),
                () -> StoreOrderTest_StoresGrad.readThenStore(new double[0]));
        sameException(() -> Stores.accumulate(new double[] {1, 2}, 4),
                () -> StoreOrderTest_StoresGrad.accumulate(new double[] {1, 2}, 4));
    }

    @Test
    void inBoundsTheGradientIsTheUsualOne() {
        var g = StoreOrderTest_StoresGrad.divideThenStore(new double[] {1, 2, 3}, 2, 5);
        assertEquals(2.0, g.value());
        assertEquals(2.0, g.x()[0]);
        assertEquals(1.0, g.x()[1]);
        var h = StoreOrderTest_StoresGrad.accumulate(new double[] {3, 2}, 1);
        assertEquals(15.0, h.value());
        assertEquals(5.0, h.x()[0]);
        assertEquals(12.0, h.x()[1]);
    }
}
