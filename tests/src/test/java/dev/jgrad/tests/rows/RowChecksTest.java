package dev.jgrad.tests.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.runtime.Parallel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A ragged matrix met by generated code that checks each row where its loop first reads it (no pass
 * over the rows before): every generated form of {@link RaggedRows} (the {@code @Jit} value, the
 * {@code @Jit @Grad} gradient, the {@code @Grad}-only gradient, {@code @Jvp} and {@code @Hessian})
 * throws what the source method, the eager {@code Ops}, throws: the same exception type, the same
 * message for an {@link IllegalArgumentException}, and of two errors the one Java meets first. The
 * matrices have {@link #ROWS} rows, four chunks of a parallel loop, so that the bad row may be met by
 * any chunk while another runs.
 */
class RowChecksTest {
    static final int ROWS = 4 * Parallel.MIN_CHUNK + 100;
    /** A row in the second chunk, one in the last. */
    static final int MIDDLE = Parallel.MIN_CHUNK + 1_000;
    static final int LAST = ROWS - 1;

    private static final Random RANDOM = new Random(42);
    private static final double[] W = {0.5, -0.25, 1.0};

    /** What a call did: its value, or what it threw. */
    private record Outcome(double value, Throwable thrown) {
        static Outcome of(Call c) {
            try {
                return new Outcome(c.run(), null);
            } catch (Throwable t) {
                return new Outcome(Double.NaN, t);
            }
        }
    }

    @FunctionalInterface
    interface Call {
        double run() throws Throwable;
    }

    /** Each form does what {@code source} does: the same value or the same exception. */
    private static void same(String what, Call source, Map<String, Call> forms) {
        Outcome expected = Outcome.of(source);
        for (Map.Entry<String, Call> f : forms.entrySet()) {
            Outcome got = Outcome.of(f.getValue());
            String where = what + ", " + f.getKey();
            if (expected.thrown() == null) {
                assertEquals(null, got.thrown(), where);
                assertEquals(expected.value(), got.value(), 1e-12 + 1e-10 * Math.abs(Double.isNaN(expected.value()) ? 0 : expected.value()), where);
                continue;
            }
            assertNotNull(got.thrown(), where + " threw nothing; the source threw " + expected.thrown());
            assertEquals(expected.thrown().getClass(), got.thrown().getClass(), where + ": " + got.thrown());
            if (expected.thrown() instanceof IllegalArgumentException) {
                assertEquals(expected.thrown().getMessage(), got.thrown().getMessage(), where);
            }
        }
    }

    /** The source's exception, an IllegalArgumentException with this message. */
    private static void throwsMessage(String message, Call source) {
        Throwable t = Outcome.of(source).thrown();
        assertTrue(t instanceof IllegalArgumentException && t.getMessage().equals(message), String.valueOf(t));
    }

    private static double[][] matrix(int rows, int cols) {
        double[][] x = new double[rows][cols];
        for (double[] row : x) {
            for (int j = 0; j < cols; j++) {
                row[j] = RANDOM.nextGaussian();
            }
        }
        return x;
    }

    private static double[] vector(int n) {
        return matrix(1, n)[0];
    }

    /** {@code x} with row {@code i} replaced by one of {@code length} entries (null for a negative length). */
    private static double[][] with(double[][] x, int i, int length) {
        double[][] out = x.clone();
        out[i] = length < 0 ? null : vector(length);
        return out;
    }

    private static double[][] zerosLike(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] == null ? null : new double[x[i].length];
        }
        return out;
    }

    private static void mse(String what, double[] w, double b, double[][] x, double[] y) {
        Map<String, Call> forms = new LinkedHashMap<>();
        forms.put("@Jit", () -> RaggedRowsJit.mse(w, b, x, y));
        forms.put("@Jit @Grad", () -> RaggedRowsGrad.mse(w, b, x, y).value());
        forms.put("@Grad", () -> RaggedRowsGrad.mseNoJit(w, b, x, y).value());
        forms.put("@Jvp", () -> RaggedRowsJvp.mse(w, b, x, y, new double[w.length]).value());
        forms.put("@Hessian", () -> RaggedRowsHessian.mse(w, b, x, y).value());
        same("mse, " + what, () -> RaggedRows.mse(w, b, x, y), forms);
    }

    @Test
    void theSeedsLossThrowsTheEagerErrorWhereverTheRaggedRowIs() {
        double[][] x = matrix(ROWS, 3);
        double[] y = vector(ROWS);
        mse("rectangular", W, 0.5, x, y);
        // row 0 is the measure: shorter than the rest, with w as long as the rest (a check before the loop fails)
        // and as long as row 0 (the loop finds row 1)
        double[][] short0 = with(x, 0, 2);
        throwsMessage("matvec: a ragged double[][] (row 1 has 3 entries, row 0 has 2)", () -> RaggedRows.mse(W, 0.5, short0, y));
        mse("row 0 shorter", W, 0.5, short0, y);
        mse("row 0 shorter, w as row 0", new double[] {1, 2}, 0.5, short0, y);
        // a longer row (read as far as w goes, it would give a value), in the second chunk, and in the last
        double[][] longer = with(x, MIDDLE, 4);
        throwsMessage("matvec: a ragged double[][] (row " + MIDDLE + " has 4 entries, row 0 has 3)",
                () -> RaggedRows.mse(W, 0.5, longer, y));
        mse("a longer row", W, 0.5, longer, y);
        mse("a shorter row in the last chunk", W, 0.5, with(x, LAST, 2), y);
        mse("an empty row", W, 0.5, with(x, MIDDLE, 0), y);
        // two bad rows in different chunks: the first one's message, whichever chunk runs first
        mse("two ragged rows", W, 0.5, with(with(x, LAST, 4), MIDDLE, 2), y);
        mse("a null row after a ragged one", W, 0.5, with(with(x, LAST, -1), MIDDLE, 2), y);
        mse("a ragged row after a null one", W, 0.5, with(with(x, LAST, 2), MIDDLE, -1), y);
    }

    @Test
    void aRaggedMatrixComesBeforeTheErrorsOfLaterChecks() {
        double[][] x = with(matrix(ROWS, 3), LAST, 2);
        double[] y = vector(ROWS);
        mse("targets of the wrong length", W, 0.5, x, vector(ROWS - 1));
        mse("weights of the wrong length", new double[] {1, 2}, 0.5, x, y);
        mse("null targets", W, 0.5, x, null);
        // and the later errors themselves, x rectangular
        double[][] rect = matrix(ROWS, 3);
        mse("targets of the wrong length, x rectangular", W, 0.5, rect, vector(ROWS - 1));
        mse("weights of the wrong length, x rectangular", new double[] {1, 2}, 0.5, rect, y);
    }

    @Test
    void anEmptyMatrix() {
        mse("no rows, three weights", W, 0.5, new double[0][], new double[0]);
        mse("no rows, no weights", new double[0], 0.5, new double[0][], new double[0]);
        double[][] noColumns = new double[5][0];
        mse("no columns", new double[0], 0.5, noColumns, vector(5));
        mse("no columns but one row", new double[0], 0.5, with(noColumns, 3, 1), vector(5));
    }

    @Test
    void twoMatricesFirstTheFirst() {
        double[][] x = matrix(ROWS, 3);
        double[][] z = matrix(ROWS, 3);
        twoMatrices("x ragged late, z early", with(x, LAST, 2), with(z, MIDDLE, 4));
        twoMatrices("z ragged", x, with(z, LAST, 4));
        twoMatrices("z of another shape", x, matrix(ROWS, 2));
        twoMatrices("z of another shape, x ragged", with(x, LAST, 2), matrix(ROWS, 2));
    }

    private static void twoMatrices(String what, double[][] x, double[][] z) {
        Map<String, Call> forms = new LinkedHashMap<>();
        forms.put("@Jit", () -> RaggedRowsJit.sumOfTwo(x, z));
        forms.put("@Jit @Grad", () -> RaggedRowsGrad.sumOfTwo(x, z).value());
        forms.put("@Grad", () -> RaggedRowsGrad.sumOfTwoNoJit(x, z).value());
        forms.put("@Jvp", () -> RaggedRowsJvp.sumOfTwo(x, z, zerosLike(x), zerosLike(z)).value());
        same("sumOfTwo, " + what, () -> RaggedRows.sumOfTwo(x, z), forms);
    }

    /** {@code ys[k]} throws after {@code matvec} checked {@code x}: the ragged {@code x} comes first. */
    @Test
    void anArgumentThatThrowsAfterTheMatrixWasRead() {
        double[][] x = with(matrix(ROWS, 3), LAST, 2);
        double[][] ys = {vector(ROWS), vector(ROWS - 1)};
        for (int k : new int[] {0, 1, 2, -1}) {
            Map<String, Call> forms = new LinkedHashMap<>();
            forms.put("@Jit", () -> RaggedRowsJit.picked(W, x, ys, k));
            forms.put("@Jit @Grad", () -> RaggedRowsGrad.picked(W, x, ys, k).value());
            forms.put("@Grad", () -> RaggedRowsGrad.pickedNoJit(W, x, ys, k).value());
            forms.put("@Jvp", () -> RaggedRowsJvp.picked(W, x, ys, k, new double[3]).value());
            forms.put("@Hessian", () -> RaggedRowsHessian.picked(W, x, ys, k).value());
            same("picked, k = " + k, () -> RaggedRows.picked(W, x, ys, k), forms);
        }
    }

    /**
     * {@code transpose} and the second operand of {@code matmul} read rows only inside their entries'
     * loops, which run for no column when row 0 is empty: those matrices are checked before the loops.
     */
    @Test
    void rowsReadOnlyInsideTheEntriesAreCheckedBefore() {
        double[][] emptyFirst = {{}, {1, 2}, {3}};
        Map<String, Call> t = new LinkedHashMap<>();
        double[] v = {};
        t.put("@Jit", () -> RaggedRowsJit.transposed(emptyFirst, v));
        t.put("@Jit @Grad", () -> RaggedRowsGrad.transposed(emptyFirst, v).value());
        t.put("@Grad", () -> RaggedRowsGrad.transposedNoJit(emptyFirst, v).value());
        t.put("@Jvp", () -> RaggedRowsJvp.transposed(emptyFirst, v, zerosLike(emptyFirst), new double[0]).value());
        t.put("@Hessian", () -> RaggedRowsHessian.transposed(emptyFirst, v).value());
        throwsMessage("transpose: a ragged double[][] (row 1 has 2 entries, row 0 has 0)", () -> RaggedRows.transposed(emptyFirst, v));
        same("transposed", () -> RaggedRows.transposed(emptyFirst, v), t);
        double[][] a = {{1, 2, 3}};
        product("b with an empty row 0", a, emptyFirst);
        product("a ragged too", with(matrix(ROWS, 3), MIDDLE, 2), emptyFirst);
        product("a ragged, b rectangular", with(matrix(ROWS, 3), LAST, 2), matrix(3, 2));
        product("a ragged, b with a null row", with(matrix(ROWS, 3), LAST, 2), with(matrix(3, 2), 1, -1));
        product("b with a null row", matrix(ROWS, 3), with(matrix(3, 2), 1, -1));
        product("a ragged, b of the wrong shape", with(matrix(ROWS, 3), LAST, 2), matrix(2, 2));
    }

    private static void product(String what, double[][] a, double[][] b) {
        Map<String, Call> forms = new LinkedHashMap<>();
        forms.put("@Jit", () -> RaggedRowsJit.product(a, b));
        forms.put("@Jit @Grad", () -> RaggedRowsGrad.product(a, b).value());
        forms.put("@Grad", () -> RaggedRowsGrad.productNoJit(a, b).value());
        forms.put("@Jvp", () -> RaggedRowsJvp.product(a, b, zerosLike(a), zerosLike(b)).value());
        same("product, " + what, () -> RaggedRows.product(a, b), forms);
    }

    @Test
    void rowFunctionsAndReductions() {
        double[][] x = matrix(ROWS, 3);
        double[] v = vector(ROWS);
        for (double[][] bad : new double[][][] {with(x, MIDDLE, 2), with(x, LAST, 4), x}) {
            rowFunctions(v, bad);
            rowFunctions(vector(ROWS + 1), bad);
            largest(W, bad);
            largest(new double[] {1, 2}, bad);
            local(W, bad, v);
            local(W, bad, vector(3));
        }
        largest(new double[0], new double[0][]);
        largest(new double[0], new double[4][0]);
    }

    private static void rowFunctions(double[] v, double[][] x) {
        Map<String, Call> forms = new LinkedHashMap<>();
        forms.put("@Jit", () -> RaggedRowsJit.rowFunctions(v, x));
        forms.put("@Jit @Grad", () -> RaggedRowsGrad.rowFunctions(v, x).value());
        forms.put("@Grad", () -> RaggedRowsGrad.rowFunctionsNoJit(v, x).value());
        forms.put("@Jvp", () -> RaggedRowsJvp.rowFunctions(v, x, new double[v.length], zerosLike(x)).value());
        same("rowFunctions", () -> RaggedRows.rowFunctions(v, x), forms);
    }

    private static void largest(double[] w, double[][] x) {
        Map<String, Call> forms = new LinkedHashMap<>();
        forms.put("@Jit", () -> RaggedRowsJit.largest(w, x));
        forms.put("@Jit @Grad", () -> RaggedRowsGrad.largest(w, x).value());
        forms.put("@Grad", () -> RaggedRowsGrad.largestNoJit(w, x).value());
        forms.put("@Jvp", () -> RaggedRowsJvp.largest(w, x, new double[w.length]).value());
        forms.put("@Hessian", () -> RaggedRowsHessian.largest(w, x).value());
        same("largest", () -> RaggedRows.largest(w, x), forms);
    }

    private static void local(double[] w, double[][] x, double[] y) {
        Map<String, Call> forms = new LinkedHashMap<>();
        forms.put("@Jit", () -> RaggedRowsJit.local(w, 0.5, x, y));
        forms.put("@Jit @Grad", () -> RaggedRowsGrad.local(w, 0.5, x, y).value());
        forms.put("@Grad", () -> RaggedRowsGrad.localNoJit(w, 0.5, x, y).value());
        forms.put("@Jvp", () -> RaggedRowsJvp.local(w, 0.5, x, y, new double[w.length]).value());
        forms.put("@Hessian", () -> RaggedRowsHessian.local(w, 0.5, x, y).value());
        same("local", () -> RaggedRows.local(w, 0.5, x, y), forms);
    }

    /**
     * Two errors, a ragged matrix and an element out of bounds, in one expression or between loops
     * (a newcomer's trial found the generated forms throwing the later one): Java's first comes first.
     */
    @Test
    void aRaggedMatrixAndAnIndexOutOfBoundsInJavasOrder() {
        double[] w = new double[3];
        for (int rows : new int[] {6, ROWS}) {
            double[][] ragged = with(matrix(rows, 3), rows - 1, 2);
            double[][] rect = matrix(rows, 3);
            for (double[][] x : List.of(ragged, rect)) {
                String shape = rows + " rows, " + (x == ragged ? "ragged" : "rectangular");
                for (double[] y : List.of(new double[4], new double[rows], new double[8])) {
                    String what = shape + ", y of " + y.length;
                    same("readBefore, " + what, () -> RaggedRows.readBefore(w, x, y), Map.of(
                            "@Jit", () -> RaggedRowsJit.readBefore(w, x, y),
                            "@Jit @Grad", () -> RaggedRowsGrad.readBefore(w, x, y).value(),
                            "@Grad", () -> RaggedRowsGrad.readBeforeNoJit(w, x, y).value()));
                    same("localDot, " + what, () -> RaggedRows.localDot(w, x, y), Map.of(
                            "@Jit", () -> RaggedRowsJit.localDot(w, x, y),
                            "@Jit @Grad", () -> RaggedRowsGrad.localDot(w, x, y).value(),
                            "@Grad", () -> RaggedRowsGrad.localDotNoJit(w, x, y).value()));
                    same("readBetween, " + what, () -> RaggedRows.readBetween(w, x, y), Map.of(
                            "@Jit", () -> RaggedRowsJit.readBetween(w, x, y),
                            "@Jit @Grad", () -> RaggedRowsGrad.readBetween(w, x, y).value(),
                            "@Grad", () -> RaggedRowsGrad.readBetweenNoJit(w, x, y).value()));
                }
                same("divAfter, " + shape, () -> RaggedRows.divAfter(w, x), Map.of(
                        "@Jit", () -> RaggedRowsJit.divAfter(w, x),
                        "@Jit @Grad", () -> RaggedRowsGrad.divAfter(w, x).value(),
                        "@Grad", () -> RaggedRowsGrad.divAfterNoJit(w, x).value()));
            }
        }
    }
}
