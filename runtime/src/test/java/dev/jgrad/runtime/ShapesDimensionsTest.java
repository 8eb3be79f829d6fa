package dev.jgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The checks on dimensions that the loops generated from Ops calls run: each throws exactly when the
 * check on arrays that eager Ops run throws, with the same message.
 */
class ShapesDimensionsTest {
    private static void same(Executable onArrays, Executable onDimensions) {
        IllegalArgumentException expected = assertThrows(IllegalArgumentException.class, onArrays);
        assertEquals(expected.getMessage(), assertThrows(IllegalArgumentException.class, onDimensions).getMessage());
    }

    @Test
    void mismatchesReadAsTheChecksOnArrays() {
        double[] v3 = new double[3];
        double[] v4 = new double[4];
        double[][] m23 = new double[2][3];
        double[][] m24 = new double[2][4];
        double[][] m43 = new double[4][3];
        same(() -> Shapes.broadcast("add", v3, v4), () -> Shapes.sameLength("add", 3, 4));
        same(() -> Shapes.contract("dot", v3, v4), () -> Shapes.sameLength("dot", 3, 4));
        same(() -> Shapes.broadcast("mul", m23, m24), () -> Shapes.sameShape("mul", 2, 3, 2, 4));
        same(() -> Shapes.broadcast("sub", m23, v4), () -> Shapes.matrixAndRow("sub", 2, 3, 4));
        same(() -> Shapes.contract("matvec", m23, v4), () -> Shapes.matrixAndRow("matvec", 2, 3, 4));
        same(() -> Shapes.broadcast("div", v4, m23), () -> Shapes.rowAndMatrix("div", 4, 2, 3));
        same(() -> Shapes.contract("vecmat", v3, m43), () -> Shapes.vectorAndRows("vecmat", 3, 4, 3));
        same(() -> Shapes.contract("matmul", m23, m24), () -> Shapes.inner("matmul", 2, 3, 2, 4));
    }

    @Test
    void matchingShapesPass() {
        assertDoesNotThrow(() -> {
            Shapes.sameLength("add", 3, 3);
            Shapes.sameShape("add", 2, 3, 2, 3);
            Shapes.matrixAndRow("matvec", 2, 3, 3);
            Shapes.rowAndMatrix("add", 3, 2, 3);
            Shapes.vectorAndRows("vecmat", 2, 2, 3);
            Shapes.inner("matmul", 2, 3, 3, 5);
            Shapes.sameLength("add", 0, 0);
            Shapes.inner("matmul", 0, 0, 0, 7);
        });
    }
}
