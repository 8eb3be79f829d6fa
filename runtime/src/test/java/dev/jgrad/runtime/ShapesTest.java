package dev.jgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The messages that eager Ops and generated code share, one check at a time. */
class ShapesTest {
    static void assertMessage(String message, Executable check) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, check).getMessage());
    }

    @Test
    void rowsAndColumns() {
        assertEquals(0, Shapes.cols("op", new double[0][]));
        assertEquals(0, Shapes.cols("op", new double[3][0]));
        assertEquals(4, Shapes.cols("op", new double[2][4]));
        assertEquals(2, Shapes.rows(new double[2][4]));
        assertEquals("[3]", Shapes.shape(new double[3]));
        assertEquals("[2][4]", Shapes.shape(new double[2][4]));
        assertEquals("[0][0]", Shapes.shape(new double[0][]));
        assertMessage("sum: a ragged double[][] (row 2 has 3 entries, row 0 has 4)",
                () -> Shapes.cols("sum", new double[][] {new double[4], new double[4], new double[3]}));
        assertMessage("sum: a ragged double[][] (row 1 has 5 entries, row 0 has 4)",
                () -> Shapes.rectangular("sum", new double[][] {new double[4], new double[5]}));
    }

    @Test
    void broadcasting() {
        assertEquals(3, Shapes.broadcast("add", new double[3], new double[3]));
        Shapes.broadcast("add", new double[2][3], new double[2][3]);
        Shapes.broadcast("add", new double[2][3], new double[3]);
        Shapes.broadcast("add", new double[3], new double[2][3]);
        assertMessage("add: shapes [3] and [4] do not match", () -> Shapes.broadcast("add", new double[3], new double[4]));
        assertMessage("sub: shapes [2][3] and [3][2] do not match",
                () -> Shapes.broadcast("sub", new double[2][3], new double[3][2]));
        assertMessage("mul: shapes [2][3] and [2] do not match",
                () -> Shapes.broadcast("mul", new double[2][3], new double[2]));
        assertMessage("div: shapes [2] and [2][3] do not match",
                () -> Shapes.broadcast("div", new double[2], new double[2][3]));
        assertMessage("add: a ragged double[][] (row 1 has 1 entries, row 0 has 2)",
                () -> Shapes.broadcast("add", new double[2][2], new double[][] {{1, 2}, {3}}));
    }

    @Test
    void contractions() {
        assertEquals(3, Shapes.contract("dot", new double[3], new double[3]));
        Shapes.contract("matvec", new double[2][3], new double[3]);
        Shapes.contract("vecmat", new double[2], new double[2][3]);
        Shapes.contract("matmul", new double[2][3], new double[3][5]);
        assertMessage("dot: shapes [3] and [4] do not match", () -> Shapes.contract("dot", new double[3], new double[4]));
        assertMessage("matvec: shapes [2][3] and [4] do not match",
                () -> Shapes.contract("matvec", new double[2][3], new double[4]));
        assertMessage("vecmat: shapes [3] and [2][3] do not match",
                () -> Shapes.contract("vecmat", new double[3], new double[2][3]));
        assertMessage("matmul: shapes [2][3] and [4][5] do not match",
                () -> Shapes.contract("matmul", new double[2][3], new double[4][5]));
        assertMessage("matmul: a ragged double[][] (row 1 has 1 entries, row 0 has 2)",
                () -> Shapes.contract("matmul", new double[][] {{1, 2}, {3}}, new double[2][2]));
    }

    @Test
    void emptyReductions() {
        Shapes.nonEmpty("max", 1);
        assertMessage("max: an empty array has no max", () -> Shapes.nonEmpty("max", 0));
        assertMessage("min: an empty array has no min", () -> Shapes.nonEmpty("min", 0));
    }
}
