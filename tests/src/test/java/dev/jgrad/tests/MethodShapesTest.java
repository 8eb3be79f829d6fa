package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tests.corpus.MethodShapes;
import dev.jgrad.tests.corpus.MethodShapesGrad;
import dev.jgrad.tests.corpus.MethodShapesJit;
import dev.jgrad.tests.corpus.MethodShapes_NestedGrad;
import dev.jgrad.tests.corpus.MethodShapes_NestedJit;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * What {@code MethodShapes} (in the corpus) gets generated, called as a user calls it: the
 * generated methods of a variable-arity method are variable arity and take separate arguments, and
 * the class's own code that calls its generated classes through {@code var} compiled and runs.
 */
class MethodShapesTest {

    @Test
    void variableArityMethodsTakeSeparateArguments() throws NoSuchMethodException {
        var g = MethodShapesGrad.sumSquares(1, 2, 3);
        assertEquals(14, g.value());
        assertArrayEquals(new double[] {2, 4, 6}, g.xs());
        assertEquals(0, MethodShapesGrad.sumSquares().xs().length);
        assertEquals(14, MethodShapesJit.fastSumSquares(1, 2, 3));
        assertEquals(28, MethodShapes_NestedJit.fastScaled(2, new double[] {1, 2}, new double[] {3, 4}));
        var rows = MethodShapes_NestedGrad.scaled(2, new double[] {1, 2}, new double[] {3, 4});
        assertArrayEquals(new double[] {4, 2}, rows.rows()[0]);
        for (Class<?> c : new Class<?>[] {MethodShapesGrad.class, MethodShapesJit.class, MethodShapes_NestedGrad.class,
                MethodShapes_NestedJit.class}) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().toLowerCase(java.util.Locale.ROOT).endsWith("squares")
                        || m.getName().toLowerCase(java.util.Locale.ROOT).endsWith("scaled")) {
                    assertTrue(m.isVarArgs(), c.getSimpleName() + "." + m.getName() + " is not variable arity");
                }
            }
        }
    }

    @Test
    void theClassCallsItsOwnGeneratedCodeThroughVar() {
        double w = 0.5;
        double sumSquares = w * w + 4 + 9;
        double sumOfGradient = 2 * w + 4 + 6;
        double lockedGradient = 2 * (w + Math.sin(2));
        double viaLambda = MethodShapesGrad.callsVarargs(w, new double[] {1, 2, 3}).w();
        double nested = 14 * w + 14 + 2 * w + 2 * w;
        double fast = w * w + 1;
        double expected = sumSquares + sumOfGradient + lockedGradient + viaLambda + nested + fast;
        assertEquals(expected, MethodShapes.viaGenerated(w), 1e-12);
    }
}
