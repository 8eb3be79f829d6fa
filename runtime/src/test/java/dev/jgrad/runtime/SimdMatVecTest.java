package dev.jgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Simd#matVec4}, the dense layer of four inputs in i-k-j order: bit for bit the source's loop (a sum
 * in the order of {@code j} for each entry) without the Vector API, and the same order as fused
 * multiply-adds with it, on every number of rows to 40 and some longer, with NaN and infinities; the panel
 * made once and reused; the loop's exceptions after the loop's stores. Surefire runs it without the module
 * and, in the execution {@code vector-api}, with it ({@code -Djgrad.test.vector=true}).
 */
class SimdMatVecTest {
    private static final boolean VECTOR_RUN = Boolean.getBoolean("jgrad.test.vector");

    @Test
    void theVectorApiIsThereExactlyWhenThisRunSaysSo() {
        assertEquals(VECTOR_RUN, Simd.vector(), Simd.kernel());
    }

    @Test
    void eachEntryIsItsSumInTheOrderOfJ() {
        Random rng = new Random(11);
        int[] rows = new int[50];
        for (int m = 1; m <= 40; m++) {
            rows[m - 1] = m;
        }
        int[] more = {63, 64, 65, 96, 128, 130, 200, 257, 300, 511};
        System.arraycopy(more, 0, rows, 40, more.length);
        for (int m : rows) {
            for (int d : new int[] {1, 2, 3, 7, 8, 31, 32, 33, 100}) {
                check(rng, m, d, false);
            }
        }
        for (int m : new int[] {5, 16, 17, 64}) {
            check(rng, m, 9, true);
        }
    }

    private static void check(Random rng, int m, int d, boolean special) {
        double[][] w = matrix(rng, m + rng.nextInt(3), d + rng.nextInt(3));
        double[][] x = matrix(rng, 4, d + rng.nextInt(3));
        double[][] h = matrix(rng, 4, m + rng.nextInt(3));
        if (special) {
            double[] odd = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, 1e300};
            for (int c = 0; c < 6; c++) {
                w[rng.nextInt(m)][rng.nextInt(d)] = odd[c];
                x[rng.nextInt(4)][rng.nextInt(d)] = odd[rng.nextInt(odd.length)];
            }
        }
        double[][] expected = new double[4][];
        for (int c = 0; c < 4; c++) {
            expected[c] = h[c].clone();
            for (int k = 0; k < m; k++) {
                double a = expected[c][k];
                for (int j = 0; j < d; j++) {
                    a = Simd.vector() ? Math.fma(w[k][j], x[c][j], a) : a + w[k][j] * x[c][j];
                }
                expected[c][k] = a;
            }
        }
        double[][] panel = new double[1][];
        Simd.matVec4(panel, w, x[0], x[1], x[2], x[3], h[0], h[1], h[2], h[3], m, d);
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(expected[c], h[c], "m " + m + ", d " + d + ", input " + c);
        }
    }

    private static double[][] matrix(Random rng, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (double[] row : out) {
            for (int j = 0; j < cols; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return out;
    }

    @Test
    void thePanelIsMadeOnceForAMatrixAndItsSize() {
        Random rng = new Random(5);
        double[][] w = matrix(rng, 16, 4);
        double[][] x = matrix(rng, 4, 4);
        double[][] h = new double[4][16];
        double[][] panel = new double[1][];
        Simd.matVec4(panel, w, x[0], x[1], x[2], x[3], h[0], h[1], h[2], h[3], 16, 4);
        if (!Simd.vector()) {
            assertNull(panel[0], "no panel without the Vector API");
            return;
        }
        double[] made = panel[0];
        assertNotNull(made);
        assertEquals(w[3][2], made[2 * 16 + 3]);
        Simd.matVec4(panel, w, x[0], x[1], x[2], x[3], h[0], h[1], h[2], h[3], 16, 4);
        assertSame(made, panel[0], "reused by the next call");
        Simd.matVec4(panel, w, x[0], x[1], x[2], x[3], h[0], h[1], h[2], h[3], 16, 3);
        assertNotSame(made, panel[0], "made again for another size");
        assertEquals(16 * 3, panel[0].length);
    }

    @Test
    void itPaysFromOneVectorOfRowsWithTheVectorApiOnly() {
        assertFalse(Simd.matVec4Pays(0, 32));
        assertFalse(Simd.matVec4Pays(-1, 32));
        assertFalse(Simd.matVec4Pays(64, 0));
        assertFalse(Simd.matVec4Pays(1 << 20, 1 << 10), "a panel of 8 GB");
        assertEquals(Simd.vector(), Simd.matVec4Pays(64, 32));
        assertEquals(Simd.vector(), Simd.matVec4Pays(64, 1));
        if (Simd.vector()) {
            assertFalse(Simd.matVec4Pays(VectorKernels.lanes() - 1, 32));
            assertTrue(Simd.matVec4Pays(VectorKernels.lanes(), 32));
        }
    }

    @Test
    void nothingIsReadWhenTheLoopDoesNotRun() {
        double[] h = {1, 2};
        Simd.matVec4(null, null, null, null, null, null, h, h, h, h, 0, 5);
        Simd.matVec4(null, null, null, null, null, null, h, h, h, h, 2, 0);
        Simd.matVec4(null, null, null, null, null, null, null, null, null, null, -3, 5);
        assertArrayEquals(new double[] {1, 2}, h);
    }

    /** A failing call leaves what the loop leaves and throws what it throws. */
    @Test
    void itFailsAsTheLoopFails() {
        int m = 16;
        int d = 5;
        for (int fault = 0; fault < 8; fault++) {
            Random rng = new Random(fault);
            double[][] w = matrix(rng, m, d);
            double[][] x = matrix(rng, 4, d);
            double[][] h = matrix(rng, 4, m);
            switch (fault) {
                case 0 -> w[9] = null;
                case 1 -> w[9] = new double[d - 2];
                case 2 -> w = java.util.Arrays.copyOf(w, m - 3);
                case 3 -> x[2] = new double[d - 1];
                case 4 -> x[1] = null;
                case 5 -> h[3] = new double[m - 4];
                case 6 -> h[0] = null;
                default -> w = null;
            }
            double[][] hLoop = copy(h);
            double[][] wCall = w;
            RuntimeException loop = failure(() -> loop(wCall, x, hLoop, m, d));
            double[][] hCall = copy(h);
            RuntimeException call = failure(() -> Simd.matVec4(new double[1][], wCall, x[0], x[1], x[2], x[3],
                    hCall[0], hCall[1], hCall[2], hCall[3], m, d));
            assertEquals(loop.getClass(), call.getClass(), "fault " + fault);
            if (loop instanceof ArrayIndexOutOfBoundsException) {
                assertEquals(loop.getMessage(), call.getMessage(), "fault " + fault); // the same index and length
            }
            for (int c = 0; c < 4; c++) {
                assertArrayEquals(hLoop[c], hCall[c], "fault " + fault + ", input " + c);
            }
        }
    }

    private static void loop(double[][] w, double[][] x, double[][] h, int m, int d) {
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < d; j++) {
                h[0][k] += w[k][j] * x[0][j];
                h[1][k] += w[k][j] * x[1][j];
                h[2][k] += w[k][j] * x[2][j];
                h[3][k] += w[k][j] * x[3][j];
            }
        }
    }

    private static double[][] copy(double[][] h) {
        double[][] out = new double[h.length][];
        for (int c = 0; c < h.length; c++) {
            out[c] = h[c] == null ? null : h[c].clone();
        }
        return out;
    }

    private static RuntimeException failure(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            return e;
        }
        fail("no exception");
        return null;
    }
}
