package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.tests.corpus.Corpus;
import dev.jgrad.tests.corpus.OpsLossesGrad;
import dev.jgrad.tests.corpus.OpsOpsGrad;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Shape errors of lowered {@code Ops} calls: the generated gradient throws what the source method
 * (the eager {@code Ops}) throws, the same {@link IllegalArgumentException} with the same message,
 * and the first of several in Java's order of evaluation (a ragged matrix is found where the loop first
 * reads the row; {@code dev.jgrad.tests.rows.RowChecksTest} covers those).
 */
class OpsShapeErrorsTest {
    private static final double[] W3 = {0.5, -0.25, 1.0};
    private static final double[][] X4x3 = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {1, 0, 1}};

    /** The message the source method throws for these arguments (it must throw an IllegalArgumentException). */
    private static String sourceMessage(String name, Object... args) throws Exception {
        Method m = CorpusGradientTest.sourceMethod(Corpus.find(name));
        try {
            m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                return iae.getMessage();
            }
            throw e;
        }
        throw new AssertionError(name + " threw nothing");
    }

    private static void sameError(String expected, Executable generated) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, generated);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void targetsOfTheWrongLength() throws Exception {
        double[] y = {1, 2, 3};
        String expected = sourceMessage("OpsLosses.mse", W3, 0.5, X4x3, y);
        assertEquals("sub: shapes [4] and [3] do not match", expected);
        sameError(expected, () -> OpsLossesGrad.mse(W3, 0.5, X4x3, y));
    }

    @Test
    void weightsOfTheWrongLength() throws Exception {
        double[] w = {1, 2};
        double[] y = {1, 2, 3, 4};
        String expected = sourceMessage("OpsLosses.mse", w, 0.5, X4x3, y);
        assertEquals("matvec: shapes [4][3] and [2] do not match", expected);
        sameError(expected, () -> OpsLossesGrad.mse(w, 0.5, X4x3, y));
    }

    @Test
    void aRaggedMatrix() throws Exception {
        double[][] x = {{1, 2, 3}, {4, 5}, {7, 8, 9}, {1, 0, 1}};
        double[] y = {1, 2, 3, 4};
        String expected = sourceMessage("OpsLosses.mse", W3, 0.5, x, y);
        assertEquals("matvec: a ragged double[][] (row 1 has 2 entries, row 0 has 3)", expected);
        sameError(expected, () -> OpsLossesGrad.mse(W3, 0.5, x, y));
    }

    /** Two mismatches: the inner call's (matmul) is found first, as Java evaluates it first. */
    @Test
    void theFirstErrorInJavasOrder() throws Exception {
        double[][] w1 = {{1, 2}, {3, 4}};
        double[] b1 = {1, 2, 3};
        double[] w2 = {1};
        double[] y = {1, 2, 3, 4};
        String expected = sourceMessage("OpsLosses.twoLayer", w1, b1, w2, 0.5, X4x3, y);
        assertEquals("matmul: shapes [4][3] and [2][2] do not match", expected);
        sameError(expected, () -> OpsLossesGrad.twoLayer(w1, b1, w2, 0.5, X4x3, y));
    }

    @Test
    void broadcastingAVectorOfTheWrongLength() throws Exception {
        double[] v = {1, 2};
        double[][] w = X4x3;
        String expected = sourceMessage("OpsOps.matrixVector", X4x3, v, w);
        assertEquals("add: shapes [4][3] and [2] do not match", expected);
        sameError(expected, () -> OpsOpsGrad.matrixVector(X4x3, v, w));
        String reversed = sourceMessage("OpsOps.vectorMatrix", v, X4x3, w);
        assertEquals("add: shapes [2] and [4][3] do not match", reversed);
        sameError(reversed, () -> OpsOpsGrad.vectorMatrix(v, X4x3, w));
    }

    @Test
    void theMaxOfNothing() throws Exception {
        String expected = sourceMessage("OpsOps.extremaVector", (Object) new double[0]);
        assertEquals("max: an empty array has no max", expected);
        sameError(expected, () -> OpsOpsGrad.extremaVector(new double[0]));
    }

    @Test
    void productsOfTheWrongShapes() throws Exception {
        double[][] b = {{1, 2}, {3, 4}};
        double[][] w = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
        String expected = sourceMessage("OpsOps.matrixProduct", X4x3, b, w);
        assertEquals("matmul: shapes [4][3] and [2][2] do not match", expected);
        sameError(expected, () -> OpsOpsGrad.matrixProduct(X4x3, b, w));
        double[] x = {1, 2};
        double[] u = {1, 2, 3};
        String vecmat = sourceMessage("OpsOps.vectorTimesMatrix", x, X4x3, u);
        assertEquals("vecmat: shapes [2] and [4][3] do not match", vecmat);
        sameError(vecmat, () -> OpsOpsGrad.vectorTimesMatrix(x, X4x3, u));
    }
}
