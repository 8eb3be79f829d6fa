package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jgrad.tests.corpus.Corpus;
import dev.jgrad.tests.corpus.GradOnePass;
import dev.jgrad.tests.corpus.GradOnePassGrad;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * {@code @Grad} alone in the one-pass form ({@link GradOnePass}): each iteration's adjoint runs right
 * after it, so a loop that throws part-way has run the adjoints of the iterations before. What the
 * caller sees must still be the source's: the same exception (type, and message unless it is the
 * JVM's null-pointer message, which names locals), of two errors the one Java meets first, and where
 * nothing is thrown the same value, bit for bit.
 */
class GradOnePassTest {
    private static final double[] W = {0.5, -0.25, 1.0};

    /** What a call did: its value, or what it threw. */
    private record Outcome(double value, Throwable thrown) {
        static Outcome of(Call c) {
            try {
                return new Outcome(c.run(), null);
            } catch (InvocationTargetException e) {
                return new Outcome(Double.NaN, e.getCause());
            } catch (Throwable t) {
                return new Outcome(Double.NaN, t);
            }
        }
    }

    @FunctionalInterface
    interface Call {
        double run() throws Throwable;
    }

    private static void same(String what, Call source, Call generated) {
        Outcome expected = Outcome.of(source);
        Outcome got = Outcome.of(generated);
        if (expected.thrown() == null) {
            assertNull(got.thrown(), what + ": the source returned " + expected.value());
            assertEquals(Double.doubleToRawLongBits(expected.value()), Double.doubleToRawLongBits(got.value()),
                    what + ": " + expected.value() + " against " + got.value());
            return;
        }
        assertNotNull(got.thrown(), what + " threw nothing; the source threw " + expected.thrown());
        assertEquals(expected.thrown().getClass(), got.thrown().getClass(), what + ": " + got.thrown());
        if (!(expected.thrown() instanceof NullPointerException)) {
            assertEquals(expected.thrown().getMessage(), got.thrown().getMessage(), what);
        }
    }

    private static double source(String name, Object... args) throws Throwable {
        Method m = CorpusGradientTest.sourceMethod(Corpus.find("GradOnePass." + name));
        return (double) m.invoke(null, args);
    }

    private static double[][] rows(int n) {
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {0.1 * i, -0.2, 0.3 + 0.01 * i};
        }
        return x;
    }

    private static double[] labels(int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 0.05 * i - 0.3;
        }
        return y;
    }

    @Test
    void aLoopThatThrowsPartWayThrowsTheSourcesException() {
        double[][] x = rows(8);
        double[] y = labels(8);
        same("no error", () -> source("checkedRows", W, x, y), () -> GradOnePassGrad.checkedRows(W, x, y).value());

        double[] badLabel = y.clone();
        badLabel[5] = -20;
        same("a bad label at row 5", () -> source("checkedRows", W, x, badLabel),
                () -> GradOnePassGrad.checkedRows(W, x, badLabel).value());

        double[][] shortRow = x.clone();
        shortRow[3] = new double[] {0.5, 0.25};
        same("a short row 3", () -> source("checkedRows", W, shortRow, y),
                () -> GradOnePassGrad.checkedRows(W, shortRow, y).value());
        // of two errors, the first row's: the short row 3 before the label of row 5, the label of row 2 before it
        same("a short row 3, a bad label at row 5", () -> source("checkedRows", W, shortRow, badLabel),
                () -> GradOnePassGrad.checkedRows(W, shortRow, badLabel).value());
        double[] earlyLabel = y.clone();
        earlyLabel[2] = -20;
        same("a bad label at row 2, a short row 3", () -> source("checkedRows", W, shortRow, earlyLabel),
                () -> GradOnePassGrad.checkedRows(W, shortRow, earlyLabel).value());

        double[][] nullRow = x.clone();
        nullRow[6] = null;
        same("a null row 6", () -> source("checkedRows", W, nullRow, y),
                () -> GradOnePassGrad.checkedRows(W, nullRow, y).value());
        double[] fewLabels = java.util.Arrays.copyOf(y, 4);
        same("4 labels for 8 rows", () -> source("checkedRows", W, x, fewLabels),
                () -> GradOnePassGrad.checkedRows(W, x, fewLabels).value());
        same("null rows", () -> source("checkedRows", W, null, y), () -> GradOnePassGrad.checkedRows(W, null, y).value());
        same("null weights", () -> source("checkedRows", null, x, y), () -> GradOnePassGrad.checkedRows(null, x, y).value());
        same("no rows, null weights", () -> source("checkedRows", null, new double[0][], y),
                () -> GradOnePassGrad.checkedRows(null, new double[0][], y).value());
    }

    @Test
    void aBoundNearTheSmallestIntRunsNoRow() {
        double[][] x = rows(9);
        for (int n : new int[] {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MIN_VALUE + 2, -1, 0, 3, 4, 9, 10}) {
            same("rows up to " + n, () -> source("firstRows", W, x, n), () -> GradOnePassGrad.firstRows(W, x, n).value());
        }
    }

    @Test
    void aTailThatThrowsDoesSoAfterTheLoop() {
        double[] x = labels(8);
        same("no error", () -> source("perGroup", x, 2), () -> GradOnePassGrad.perGroup(x, 2).value());
        same("no groups", () -> source("perGroup", x, 0), () -> GradOnePassGrad.perGroup(x, 0).value());
        same("no groups, null data", () -> source("perGroup", null, 0), () -> GradOnePassGrad.perGroup(null, 0).value());
    }

    @Test
    void aPathOfARecurrenceThatThrows() {
        double[][] z = rows(6);
        same("no error", () -> source("pathPayoff", z, 3, 1.0, 0.2, 0.05),
                () -> GradOnePassGrad.pathPayoff(z, 3, 1.0, 0.2, 0.05).value());
        double[][] nullPath = z.clone();
        nullPath[4] = null;
        same("a null path 4", () -> source("pathPayoff", nullPath, 3, 1.0, 0.2, 0.05),
                () -> GradOnePassGrad.pathPayoff(nullPath, 3, 1.0, 0.2, 0.05).value());
        double[][] shortPath = z.clone();
        shortPath[2] = new double[] {0.5, 0.5};
        same("a short path 2", () -> source("pathPayoff", shortPath, 3, 1.0, 0.2, 0.05),
                () -> GradOnePassGrad.pathPayoff(shortPath, 3, 1.0, 0.2, 0.05).value());
        same("more steps than any path has", () -> source("pathPayoff", z, 4, 1.0, 0.2, 0.05),
                () -> GradOnePassGrad.pathPayoff(z, 4, 1.0, 0.2, 0.05).value());
        same("negative steps", () -> source("pathPayoff", z, -1, 1.0, 0.2, 0.05),
                () -> GradOnePassGrad.pathPayoff(z, -1, 1.0, 0.2, 0.05).value());
        same("no paths", () -> source("pathPayoff", new double[0][], 3, 1.0, 0.2, 0.05),
                () -> GradOnePassGrad.pathPayoff(new double[0][], 3, 1.0, 0.2, 0.05).value());
    }

    @Test
    void twoLoopsWithAnErrorInEither() {
        double[][] x = rows(7);
        double[] w = {0.5, -0.25, 1.0};
        same("no error", () -> source("discountedTwoLoops", w, x, 0.1, 0.3),
                () -> GradOnePassGrad.discountedTwoLoops(w, x, 0.1, 0.3).value());
        double[][] shortRow = x.clone();
        shortRow[5] = new double[] {1};
        same("a short row 5", () -> source("discountedTwoLoops", w, shortRow, 0.1, 0.3),
                () -> GradOnePassGrad.discountedTwoLoops(w, shortRow, 0.1, 0.3).value());
        same("no rows, null weights", () -> source("discountedTwoLoops", null, new double[0][], 0.1, 0.3),
                () -> GradOnePassGrad.discountedTwoLoops(null, new double[0][], 0.1, 0.3).value());
    }
}
