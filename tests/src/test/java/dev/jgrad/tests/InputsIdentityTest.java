package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tests.corpus.Corpus;
import dev.jgrad.tests.corpus.InputsAndNamesGrad;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * Guarantees 3 and 6 of DESIGN.md for the arrays themselves: a gradient whose method writes into a
 * {@code double[][]} input leaves the caller's row objects where the source leaves them (the same
 * objects, not copies), rows the method shares stay shared, and a row it drops keeps what the
 * method wrote into it. And the aliasing rule of the README: when the method writes into an input,
 * arguments that share storage are rejected at entry with an {@link IllegalArgumentException} that
 * names the parameters. The corpus test checks values and gradients; this one checks identity.
 */
class InputsIdentityTest {
    private static double[][] matrix() {
        return new double[][] {{0.5, -0.25, 1.0, 0.75}, {-1.0, 0.5, 0.25, -0.5}, {0.125, 1.5, -0.75, 0.5}};
    }

    private static double source(String name, Object... args) throws Exception {
        Method m = CorpusGradientTest.sourceMethod(Corpus.find("InputsAndNames." + name));
        return (double) m.invoke(null, args);
    }

    @Test
    void elementWritesKeepTheCallersRows() throws Exception {
        double[][] m = matrix();
        double[] row0 = m[0];
        double[] row2 = m[2];
        InputsAndNamesGrad.scaleRows(m, 1.25);
        assertSame(row0, m[0]);
        assertSame(row2, m[2]);
        double[][] expected = matrix();
        source("scaleRows", expected, 1.25);
        for (int i = 0; i < m.length; i++) {
            assertArrayEquals(expected[i], m[i], "row " + i);
        }
    }

    @Test
    void rowsTheMethodSharesStaySharedAndADroppedRowKeepsItsWrites() throws Exception {
        double[][] m = matrix();
        double[] row0 = m[0];
        double[] row1 = m[1];
        double[] row2 = m[2];
        InputsAndNamesGrad.ShareRowsGradient g = InputsAndNamesGrad.shareRows(m, 1.25);
        assertSame(row1, m[0]);
        assertSame(row1, m[1]);
        assertSame(row2, m[2]);
        double[][] expected = matrix();
        double[] expectedRow0 = expected[0];
        assertEquals(source("shareRows", expected, 1.25), g.value());
        assertArrayEquals(expectedRow0, row0, "the dropped row 0");
        assertArrayEquals(expected[1], row1, "row 1, scaled twice");
        assertArrayEquals(expected[2], row2, "row 2");
    }

    @Test
    void aVectorPutInAsARowStaysThatRow() {
        double[][] m = {{0.5, 1.0, -0.5}, {1.0, 2.0, 3.0}, {0.25, -0.75, 0.5}, {1.5, 0.5, -1.0}};
        double[] row1 = m[1];
        double[] v = {0.5, -0.5, 0.25};
        InputsAndNamesGrad.vectorAsRow(m, v);
        assertSame(v, m[1]);
        assertEquals(0.25, v[0]);
        assertArrayEquals(new double[] {1.0, 2.0, 3.0}, row1);
        assertTrue(m[2] != v && m[2] != row1);
    }

    @Test
    void theSameArrayForTwoParametersIsRejected() {
        double[] a = {0.5, 1.0, 1.5, 2.0, 2.5};
        double[] before = a.clone();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputsAndNamesGrad.writeThroughAlias(a, a));
        assertEquals("jgrad: parameters a and b are the same array; the gradient of writeThroughAlias needs"
                + " arrays that share no storage, because writeThroughAlias writes into a", e.getMessage());
        assertArrayEquals(before, a, "rejected before anything is written");
    }

    @Test
    void aVectorThatIsARowOfAWrittenMatrixIsRejected() {
        double[][] m = matrix();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputsAndNamesGrad.vectorAsRow(m, m[2]));
        assertTrue(e.getMessage().startsWith("jgrad: parameter v is row 2 of parameter m;"), e.getMessage());
    }

    @Test
    void aWrittenMatrixWithTheSameRowTwiceIsRejected() {
        double[][] m = matrix();
        m[2] = m[0];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputsAndNamesGrad.scaleRows(m, 2.0));
        assertTrue(e.getMessage().startsWith("jgrad: rows 0 and 2 of parameter m are the same array;"), e.getMessage());
    }
}
