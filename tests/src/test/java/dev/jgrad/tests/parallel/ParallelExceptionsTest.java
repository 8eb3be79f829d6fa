package dev.jgrad.tests.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jgrad.runtime.Parallel;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 5 of DESIGN.md for exceptions: a loop that {@code @Jit} runs in chunks on several
 * threads throws what the source throws, the exception of the first failing iteration, as it is (not
 * wrapped, not another chunk's), every time. The inputs fail at two iterations in different chunks
 * ({@link #FIRST} and {@link #SECOND}); each generated method is called {@link #CALLS} times.
 */
class ParallelExceptionsTest {
    /** Rows: four chunks of {@link Parallel#MIN_CHUNK} or more. */
    static final int ROWS = 4 * Parallel.MIN_CHUNK + 100;
    static final int FIRST = Parallel.MIN_CHUNK + 1_000;
    static final int SECOND = 3 * Parallel.MIN_CHUNK + 50;
    static final int CALLS = 40;

    /** The code under test, as a call that may throw anything. */
    @FunctionalInterface
    interface Call {
        void run(double[] w, double[][] x) throws Throwable;
    }

    @Test
    void uncheckedExceptionOfTheFirstFailingIteration() {
        check("unchecked", "bad x at " + FIRST, rows(FIRST, SECOND), (w, x) -> ParallelThrows.unchecked(w, x),
                (w, x) -> ParallelThrowsJit.unchecked(w, x), (w, x) -> ParallelThrowsGrad.unchecked(w, x));
    }

    @Test
    void errorOfTheFirstFailingIteration() {
        check("error", "bad x at " + FIRST, rows(FIRST, SECOND), (w, x) -> ParallelThrows.error(w, x),
                (w, x) -> ParallelThrowsJit.error(w, x), (w, x) -> ParallelThrowsGrad.error(w, x));
    }

    @Test
    void indexOutOfBoundsOfTheFirstFailingIteration() {
        double[][] rows = rows();
        rows[FIRST] = new double[] {0.5};
        rows[SECOND] = new double[] {0.5, 0.25};
        check("outOfBounds", "Index 1 out of bounds for length 1", rows, (w, x) -> ParallelThrows.outOfBounds(w, x),
                (w, x) -> ParallelThrowsJit.outOfBounds(w, x), (w, x) -> ParallelThrowsGrad.outOfBounds(w, x));
    }

    /**
     * Unroll-and-jam runs four iterations interleaved: row {@code at} fails at its third element, the
     * three after it at their second, which the jammed inner loop reaches first. The source, and so
     * the generated code, fails at row {@code at}; in a loop of one chunk and in a chunked one.
     */
    @Test
    void firstFailingIterationOfFourRunTogether() {
        for (int[] shape : new int[][] {{1_000, 100}, {1_000, 101}, {ROWS, FIRST}, {ROWS, FIRST + 1}}) {
            double[][] rows = matrix(shape[0]);
            int at = shape[1];
            rows[at] = new double[] {0.5, 0.25};
            for (int k = 1; k <= 3; k++) {
                rows[at + k] = new double[] {0.5};
            }
            check("outOfBounds", "Index 2 out of bounds for length 2", rows, (w, x) -> ParallelThrows.outOfBounds(w, x),
                    (w, x) -> ParallelThrowsJit.outOfBounds(w, x), (w, x) -> ParallelThrowsGrad.outOfBounds(w, x));
        }
    }

    @Test
    void checkedExceptionOfTheFirstFailingIteration() {
        check("checked", "bad x at " + FIRST, rows(FIRST, SECOND), (w, x) -> ParallelThrows.checked(w, x),
                (w, x) -> ParallelThrowsJit.checked(w, x), (w, x) -> ParallelThrowsGrad.checked(w, x));
    }

    @Test
    void checkedExceptionOfAnInlinedHelper() {
        check("checkedInHelper", "bad x at " + FIRST, rows(FIRST, SECOND),
                (w, x) -> ParallelThrows.checkedInHelper(w, x), (w, x) -> ParallelThrowsJit.checkedInHelper(w, x),
                (w, x) -> ParallelThrowsGrad.checkedInHelper(w, x));
    }

    /**
     * An input the loop adds into holds, after the exception, what the source leaves in it: the rows
     * before the first failing one, added up in another order.
     */
    @Test
    void anInputTheLoopWritesHoldsTheIterationsBeforeTheFailure() {
        checkInput("accumulate", "bad x at " + FIRST, rows(FIRST, SECOND), (w, x) -> ParallelThrows.accumulate(w, x),
                (w, x) -> ParallelThrowsJit.accumulate(w, x));
        // an implicit exception in a loop that could run four iterations at a time, in one chunk and in several
        for (int[] shape : new int[][] {{1_000, 101}, {ROWS, FIRST}, {ROWS, FIRST + 1}, {ROWS, FIRST + 2}}) {
            double[][] rows = matrix(shape[0]);
            rows[shape[1]] = new double[] {0.5, 0.25};
            checkInput("accumulateRows", "Index 2 out of bounds for length 2", rows,
                    (w, x) -> ParallelThrows.accumulateRows(w, x), (w, x) -> ParallelThrowsJit.accumulateRows(w, x));
        }
    }

    /**
     * The source's exception, and an input the loop adds into as the source leaves it: the rows
     * before the first failing one (and that row's elements before the failure), added up in
     * another order.
     */
    private static void checkInput(String name, String message, double[][] x, Call source, Call jit) {
        double[] expected = new double[3];
        Throwable sourceFailure = thrown(name + " (source)", source, expected, x);
        assertEquals(message, sourceFailure.getMessage(), name + " (source)");
        for (int call = 0; call < CALLS; call++) {
            double[] actual = new double[3];
            Throwable failure = thrown(name, jit, actual, x);
            assertSame(sourceFailure.getClass(), failure.getClass(), name + ", call " + call + ": " + failure);
            for (int j = 0; j < actual.length; j++) {
                assertEquals(expected[j], actual[j], 1e-12 * x.length, name + ": acc[" + j + "], call " + call);
            }
        }
    }

    @Test
    void generatedMethodsDeclareTheCheckedExceptions() throws NoSuchMethodException {
        Class<?>[] params = {double[].class, double[][].class};
        assertEquals(List.of(Exception.class),
                List.of(ParallelThrowsJit.class.getMethod("checked", params).getExceptionTypes()));
        assertEquals(List.of(IOException.class),
                List.of(ParallelThrowsGrad.class.getMethod("checkedInHelper", params).getExceptionTypes()));
    }

    @Test
    void withoutFailuresTheValuesAgree() throws Exception {
        double[][] x = rows();
        double[] w = weights();
        double source = ParallelThrows.unchecked(w, x);
        double jit = ParallelThrowsJit.unchecked(w, x);
        assertEquals(source, jit, Math.abs(source) * 1e-12);
        assertEquals(ParallelThrows.checked(w, x), ParallelThrowsJit.checked(w, x),
                Math.abs(source * x.length) * 1e-12);
        assertEquals(ParallelThrows.checkedInHelper(w, x), ParallelThrowsGrad.checkedInHelper(w, x).value(),
                Math.abs(source * x.length) * 1e-12);
    }

    /** The source's exception, then the same class and message from the generated code, never wrapped. */
    private static void check(String name, String message, double[][] x, Call source, Call jit, Call grad) {
        double[] w = weights();
        Throwable expected = thrown(name + " (source)", source, w, x);
        assertEquals(message, expected.getMessage(), name + " (source)");
        for (int call = 0; call < CALLS; call++) {
            for (Call generated : new Call[] {jit, grad}) {
                Throwable actual = thrown(name, generated, w, x);
                String which = name + (generated == jit ? " (@Jit)" : " (@Jit @Grad)") + ", call " + call;
                assertSame(expected.getClass(), actual.getClass(), which + ": " + actual);
                assertNull(actual.getCause(), which + ": the exception is wrapped");
                if (actual.getMessage() == null && actual.getStackTrace().length == 0) {
                    // HotSpot's preallocated exception for an implicit one in hot code (OmitStackTraceInFastThrow):
                    // the source's own, called as often, would be the same
                    continue;
                }
                assertEquals(expected.getMessage(), actual.getMessage(), which);
            }
        }
    }

    private static Throwable thrown(String name, Call call, double[] w, double[][] x) {
        try {
            call.run(w, x);
        } catch (Throwable t) {
            return t;
        }
        return fail(name + " threw nothing");
    }

    private static double[] weights() {
        return new double[] {0.5, -0.25, 0.125};
    }

    /** {@link #ROWS} rows of three small values; the rows {@code bad} start with 1000. */
    private static double[][] rows(int... bad) {
        double[][] x = matrix(ROWS);
        for (int i : bad) {
            x[i][0] = 1000;
        }
        return x;
    }

    /** {@code n} rows of three small values, the same for the same {@code n}. */
    private static double[][] matrix(int n) {
        Random r = new Random(11);
        double[][] x = new double[n][3];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextDouble() - 0.5;
            }
        }
        return x;
    }
}
