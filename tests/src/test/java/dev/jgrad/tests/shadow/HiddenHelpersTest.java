package dev.jgrad.tests.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HiddenHelpersTest {
    @Test
    void theHidingHelperIsTheOneCalled() {
        double x = 0.7;
        // f = 3x * x + 3x^2 = 6x^2, g = 2x * x
        assertEquals(HiddenHelpers.f(x), HiddenHelpersGrad.f(x).value());
        assertEquals(12 * x, HiddenHelpersGrad.f(x).x(), 1e-15);
        assertEquals(HiddenHelpers.g(x), HiddenHelpersGrad.g(x).value());
        assertEquals(4 * x, HiddenHelpersGrad.g(x).x(), 1e-15);
    }
}
