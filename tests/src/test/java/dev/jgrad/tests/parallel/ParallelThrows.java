package dev.jgrad.tests.parallel;

import dev.jgrad.Grad;
import dev.jgrad.Jit;
import java.io.IOException;

/**
 * Loops that {@code @Jit} runs in chunks on several threads (long, independent iterations around an
 * inner loop) and that throw: an explicit unchecked exception, an error, an index out of bounds, and
 * checked exceptions, thrown in the loop and in an inlined helper. {@link ParallelExceptionsTest}
 * calls them with inputs that fail at two iterations in different chunks.
 */
final class ParallelThrows {
    private ParallelThrows() {}

    /** Throws an IllegalArgumentException on a row whose first element is above 100. */
    @Jit
    @Grad(wrt = "w")
    static double unchecked(double[] w, double[][] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i][0] > 100) {
                throw new IllegalArgumentException("bad x at " + i);
            }
            double pred = 0;
            for (int j = 0; j < w.length; j++) {
                pred += w[j] * x[i][j];
            }
            sum += pred * pred;
        }
        return sum / x.length;
    }

    /** Throws an AssertionError (an Error) on a row whose first element is above 100. */
    @Jit
    @Grad(wrt = "w")
    static double error(double[] w, double[][] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double pred = 0;
            for (int j = 0; j < w.length; j++) {
                pred += w[j] * x[i][j];
            }
            if (x[i][0] > 100) {
                throw new AssertionError("bad x at " + i);
            }
            sum += Math.tanh(pred);
        }
        return sum;
    }

    /** Reads past the end of a short row: the JVM's ArrayIndexOutOfBoundsException. */
    @Jit
    @Grad(wrt = "w")
    static double outOfBounds(double[] w, double[][] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double pred = 0;
            for (int j = 0; j < w.length; j++) {
                pred += w[j] * x[i][j];
            }
            sum += pred * pred;
        }
        return sum;
    }

    /** Throws a checked Exception, which the method declares, on a row whose first element is above 100. */
    @Jit
    @Grad(wrt = "w")
    static double checked(double[] w, double[][] x) throws Exception {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i][0] > 100) {
                throw new Exception("bad x at " + i);
            }
            double pred = 0;
            for (int j = 0; j < w.length; j++) {
                pred += w[j] * x[i][j];
            }
            sum += pred * pred;
        }
        return sum;
    }

    /** Checks one row: an IOException (checked) when its first element is above 100. */
    static double rowSquare(double[] w, double[] row, int i) throws IOException {
        if (row[0] > 100) {
            throw new IOException("bad x at " + i);
        }
        double pred = 0;
        for (int j = 0; j < w.length; j++) {
            pred += w[j] * row[j];
        }
        return pred * pred;
    }

    /** The checked exception comes from an inlined helper. */
    @Jit
    @Grad(wrt = "w")
    static double checkedInHelper(double[] w, double[][] x) throws IOException {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += rowSquare(w, x[i], i);
        }
        return sum;
    }

    /** Adds every row into {@code acc}, an input it writes, and throws on a row whose first element is above 100. */
    @Jit
    static double accumulate(double[] acc, double[][] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i][0] > 100) {
                throw new IllegalArgumentException("bad x at " + i);
            }
            double r = 0;
            for (int j = 0; j < x[i].length; j++) {
                acc[j] += x[i][j];
                r += x[i][j];
            }
            sum += r;
        }
        return sum;
    }

    /** Adds every row into {@code acc}, an input it writes: a row shorter than acc fails. */
    @Jit
    static double accumulateRows(double[] acc, double[][] x) {
        int d = acc.length;
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double r = 0;
            for (int j = 0; j < d; j++) {
                acc[j] += x[i][j];
                r += x[i][j] * x[i][j];
            }
            sum += r;
        }
        return sum;
    }
}
