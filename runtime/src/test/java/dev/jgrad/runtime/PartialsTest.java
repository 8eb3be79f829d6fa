package dev.jgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The checks and contractions of a {@code @Derivative} method's partial in an array parameter. */
class PartialsTest {
    @Test
    void aPartialOfTheParametersShapeIsReturnedAsItIs() {
        double[] p = {1, 2};
        assertSame(p, Partials.checked("C.fDx", "x", p, new double[2]));
        double[][] m = {{1, 2}, {3}};
        assertSame(m, Partials.checked("C.fDm", "m", m, new double[][] {{0, 0}, {0}}));
    }

    @Test
    void aPartialOfAnotherShapeNamesTheMethodTheParameterAndBothShapes() {
        assertEquals("C.fDx returned shape [3] for parameter 'x' of shape [2]: a @Derivative method returns an"
                + " array of its parameter's shape", assertThrows(IllegalArgumentException.class,
                        () -> Partials.checked("C.fDx", "x", new double[3], new double[2])).getMessage());
        assertEquals("C.fDx returned shape null for parameter 'x' of shape [2]: a @Derivative method returns an"
                + " array of its parameter's shape", assertThrows(IllegalArgumentException.class,
                        () -> Partials.checked("C.fDx", "x", null, new double[2])).getMessage());
        assertEquals("C.fDm returned shape [2][3] for parameter 'm' of shape [2][rows of 3, 2]: a @Derivative"
                + " method returns an array of its parameter's shape", assertThrows(IllegalArgumentException.class,
                        () -> Partials.checked("C.fDm", "m", new double[2][3], new double[][] {{0, 0, 0}, {0, 0}}))
                .getMessage());
        assertEquals("C.fDm: row 1 of the argument for parameter 'm' is null, and a partial in it has no row to"
                + " give: pass a matrix without null rows", assertThrows(IllegalArgumentException.class,
                        () -> Partials.checked("C.fDm", "m", new double[2][2], new double[][] {{0, 0}, null})).getMessage());
        assertEquals("C.fDm returned shape [1][2] for parameter 'm' of shape [2][2]: a @Derivative method"
                + " returns an array of its parameter's shape", assertThrows(IllegalArgumentException.class,
                        () -> Partials.checked("C.fDm", "m", new double[1][2], new double[2][2])).getMessage());
    }

    @Test
    void theTangentIsThePartialContractedWithTheArgumentsTangent() {
        assertEquals(1 * 4 + 2 * 5 + 3 * 6.0, Partials.dot(new double[] {1, 2, 3}, new double[] {4, 5, 6}));
        assertEquals(1 * 4 + 2 * 5 + 3 * 6.0, Partials.dot(new double[][] {{1, 2}, {3}},
                new double[][] {{4, 5}, {6}}));
    }
}
