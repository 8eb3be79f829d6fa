package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jgrad.tests.corpus.Corpus;
import dev.jgrad.tests.corpus.PartialsCasesGrad;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * A helper with several active arguments, called through its value-and-partials method, whose argument
 * throws ({@code x[at[i]]} out of bounds, a null array): the gradient throws what the source throws,
 * and returns the source's value bit for bit when nothing throws.
 */
class PartialsThrowTest {
    private record Outcome(double value, Throwable thrown) {}

    @FunctionalInterface
    interface Call {
        double run() throws Throwable;
    }

    private static Outcome of(Call c) {
        try {
            return new Outcome(c.run(), null);
        } catch (InvocationTargetException e) {
            return new Outcome(Double.NaN, e.getCause());
        } catch (Throwable t) {
            return new Outcome(Double.NaN, t);
        }
    }

    private static void same(String what, Call source, Call generated) {
        Outcome expected = of(source);
        Outcome got = of(generated);
        if (expected.thrown() == null) {
            assertNull(got.thrown(), what + ": the source returned " + expected.value());
            assertEquals(Double.doubleToRawLongBits(expected.value()), Double.doubleToRawLongBits(got.value()), what);
            return;
        }
        assertNotNull(got.thrown(), what + " threw nothing; the source threw " + expected.thrown());
        assertEquals(expected.thrown().getClass(), got.thrown().getClass(), what + ": " + got.thrown());
        if (!(expected.thrown() instanceof NullPointerException)) {
            assertEquals(expected.thrown().getMessage(), got.thrown().getMessage(), what);
        }
    }

    private static double indexed(double[] w, double[] x, int[] at) throws Throwable {
        Method m = CorpusGradientTest.sourceMethod(Corpus.find("PartialsCases.indexed"));
        return (double) m.invoke(null, w, x, at);
    }

    @Test
    void anArgumentThatThrowsThrowsTheSourcesException() {
        double[] w = {0.3, -0.7, 1.1};
        double[] x = {0.5, -0.25};
        same("no error", () -> indexed(w, x, new int[] {0, 1, 0}),
                () -> PartialsCasesGrad.indexed(w, x, new int[] {0, 1, 0}).value());
        same("index out of bounds at the second call", () -> indexed(w, x, new int[] {1, 2, 0}),
                () -> PartialsCasesGrad.indexed(w, x, new int[] {1, 2, 0}).value());
        same("negative index", () -> indexed(w, x, new int[] {-1, 0, 0}),
                () -> PartialsCasesGrad.indexed(w, x, new int[] {-1, 0, 0}).value());
        same("too few indices", () -> indexed(w, x, new int[] {0}),
                () -> PartialsCasesGrad.indexed(w, x, new int[] {0}).value());
        same("null data", () -> indexed(w, null, new int[] {0, 1, 0}),
                () -> PartialsCasesGrad.indexed(w, null, new int[] {0, 1, 0}).value());
    }
}
