package dev.jgrad.tests.nulls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A null array is met by the generated code with the source's exception and message; null rows are skipped as in the source. */
class NullChecksTest {
    private static void sameThrow(Executable source, Executable generated) {
        Throwable expected = assertThrows(RuntimeException.class, source);
        Throwable got = assertThrows(RuntimeException.class, generated);
        assertEquals(expected.getClass(), got.getClass(), got.toString());
        assertEquals(expected.getMessage(), got.getMessage());
    }

    @Test
    void requireNonNullThrowsTheSourcesNullPointerException() {
        double[] x = {1, 2};
        sameThrow(() -> NullInputs.required(null, x), () -> NullInputsGrad.required(null, x));
        sameThrow(() -> NullInputs.required(x, null), () -> NullInputsGrad.required(x, null));
    }

    @Test
    void aNullCheckThrowsBeforeTheGradientTouchesTheArrays() {
        double[] w = {0.5, -0.25};
        double[][] x = {{1, 2}, {3, 4}};
        sameThrow(() -> NullInputs.checked(null, w), () -> NullInputsGrad.checked(null, w));
        sameThrow(() -> NullInputs.checked(x, null), () -> NullInputsGrad.checked(x, null));
        sameThrow(() -> NullInputs.checked(null, w), () -> NullInputsJit.checked(null, w));
    }

    @Test
    void nullRowsAreSkippedInTheFusedGradient() {
        double[] w = {0.5, -0.25};
        double[][] x = new double[3001][];
        for (int i = 0; i < x.length; i += 2) {
            x[i] = new double[] {0.001 * i, 1 - 0.002 * i};
        }
        var g = NullInputsGrad.checked(x, w);
        assertEquals(NullInputs.checked(x, w), g.value(), 1e-12 * Math.abs(g.value()));
        double[] expected = new double[2];
        for (double[] row : x) {
            if (row != null) {
                double d = w[0] * row[0] + w[1] * row[1];
                expected[0] += 2 * d * row[0];
                expected[1] += 2 * d * row[1];
            }
        }
        assertArrayEquals(expected, g.w(), 1e-9);
        assertEquals(NullInputs.checked(x, w), NullInputsJit.checked(x, w), 1e-12 * Math.abs(g.value()));
    }

    @Test
    void theForwardModesThrowTheSourcesExceptionToo() {
        double[] x = {1, 2};
        double[] d = {1, 0};
        sameThrow(() -> NullInputs.forward(x, null), () -> NullInputsJvp.forward(x, null, d, null));
        sameThrow(() -> NullInputs.forward(null, x), () -> NullInputsJvp.forward(null, x, null, d));
        sameThrow(() -> NullInputs.forward(x, null), () -> NullInputsHessian.forward(x, null));
        sameThrow(() -> NullInputs.forward(null, x), () -> NullInputsHessian.forward(null, x));
        sameThrow(() -> NullInputs.forward(x, null), () -> NullInputsHessian.forwardHvp(x, null, new double[] {1, 0}));
    }
}
