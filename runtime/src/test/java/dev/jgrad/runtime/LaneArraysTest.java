package dev.jgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The lanes of arrays side by side: made from the flat directions, shaped like a lane, read back as columns. */
class LaneArraysTest {
    /** Three directions over the 1 + 2 + 0 entries of a ragged matrix with a null row (of 3 entries in all). */
    private static final double[][] RAGGED = {{7}, {8, 9}, {}, null};

    @Test
    void takeGivesEachEntryItsLanesAsACopy() {
        double[][] v = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {0, 0, 1}};
        double[][] a = LaneArrays.take(v, 1, new double[2]);
        assertArrayEquals(new double[] {4, 5, 6}, a[0]);
        a[0][0] = -1;
        assertEquals(4, v[1][0], "a copy, not the seed's row");
        double[][][] m = LaneArrays.take(v, 0, RAGGED);
        assertArrayEquals(new double[] {1, 2, 3}, m[0][0]);
        assertArrayEquals(new double[] {7, 8, 9}, m[1][1]);
        assertEquals(0, m[2].length);
        assertNull(m[3]);
    }

    @Test
    void shapesOfTheLanesAndOfOneLane() {
        double[][][] z = LaneArrays.zerosLike(RAGGED, 3);
        assertEquals(3, z[1][1].length);
        assertNull(z[3]);
        assertEquals(3, LaneArrays.flatLength(z));
        assertEquals(2, LaneArrays.zerosLikeLane(z)[1].length);
        assertNull(LaneArrays.zerosLikeLane(z)[3]);
        assertEquals(2, LaneArrays.flatLength(LaneArrays.zerosLike(new double[2], 3)));
        assertEquals(2, LaneArrays.zerosLikeLane(new double[2][3]).length);
    }

    @Test
    void columnsPutLaneKOfEachEntryInRowK() {
        double[][] out = new double[2][3];
        int at = LaneArrays.columns(out, 0, new double[] {1, 2});
        at = LaneArrays.columns(out, at, new double[][] {{3, 4}});
        at = LaneArrays.columns(out, at, new double[][][] {null, {{5, 6}}});
        assertEquals(3, at);
        assertArrayEquals(new double[] {1, 3, 5}, out[0]);
        assertArrayEquals(new double[] {2, 4, 6}, out[1]);
    }
}
