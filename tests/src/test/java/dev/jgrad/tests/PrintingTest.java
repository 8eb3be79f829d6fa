package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.Grad;
import dev.jgrad.Jit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Printing in a differentiated method (JAX's {@code jax.debug.print}) runs in the forward sweep only:
 * the gradient and the {@code @Jit} version print exactly what the source prints, once, in the same
 * order, also where a loop without the printing would be split over threads.
 */
class PrintingTest {
    /** Methods that print; both annotations, so that both the jit value and the jit gradient are made. */
    static final class Printed {
        private Printed() {}

        /** A loop of rows with an inner loop: split over threads under {@code @Jit} unless it prints. */
        @Jit @Grad(wrt = "w")
        static double rows(double[] w, double[][] x, int every) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                double s = 0;
                for (int j = 0; j < w.length; j++) {
                    s += w[j] * x[i][j];
                }
                if (i % every == 0) {
                    System.out.printf("row %d: %s%n", i, String.format("%.6f", s));
                }
                sum += s * s;
            }
            System.out.println("sum " + sum);
            return sum;
        }

        /** A taped loop: the printing must not be repeated by the reverse sweep. */
        @Jit @Grad
        static double taped(double w, int n) {
            double x = w;
            for (int k = 0; k < n; k++) {
                x = Math.sin(x) + 0.5 * x;
                System.out.print(k);
                System.out.println(" " + x);
            }
            System.err.println("done");
            return x;
        }

        /** An array's contents printed with {@code Arrays.toString} (which only reads it), as it changes. */
        @Jit @Grad(wrt = "w")
        static double contents(double[] w, int[] labels, int steps) {
            double[] acc = new double[w.length];
            double loss = 0;
            for (int s = 0; s < steps; s++) {
                for (int j = 0; j < w.length; j++) {
                    acc[j] = 0.5 * acc[j] + Math.tanh(w[j] * (s + 1));
                }
                System.out.println("step " + s + ": " + java.util.Arrays.toString(acc) + " " + java.util.Arrays.toString(labels));
                loss += acc[s % acc.length] * acc[s % acc.length];
            }
            return loss;
        }
    }

    /** A method with more inputs than outputs (its Jacobian by rows) and one with fewer (by columns). */
    static final class Vectors {
        private Vectors() {}

        @dev.jgrad.Jacobian
        static double[] wide(double[] w) {
            System.out.println("wide " + w.length);
            return new double[] {w[0] * w[1], Math.sin(w[2])};
        }

        @dev.jgrad.Jacobian(wrt = "w")
        static double[] tall(double[] w, double[] log) {
            double[] out = new double[3];
            for (int i = 0; i < out.length; i++) {
                out[i] = w[0] * (i + 1) + w[1] * w[1];
                System.out.println("out " + i + " " + out[i]);
            }
            log[0] += 1;
            return out;
        }
    }

    /** What {@code call} prints on System.out and System.err, and its result. */
    private record Printout(String out, String err, double value) {}

    private static Printout capture(DoubleSupplier call) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            double v = call.getAsDouble();
            return new Printout(o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8), v);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void aLoopThatPrintsPrintsInOrderOnceEvenWhereItWouldRunInParallel() {
        Random r = new Random(7);
        double[] w = new double[4];
        for (int j = 0; j < w.length; j++) {
            w[j] = r.nextDouble() - 0.5;
        }
        double[][] x = new double[30_000][w.length];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextDouble() - 0.5;
            }
        }
        Printout source = capture(() -> Printed.rows(w, x, 1000));
        Printout grad = capture(() -> PrintingTest_PrintedGrad.rows(w, x, 1000).value());
        Printout jit = capture(() -> PrintingTest_PrintedJit.rows(w, x, 1000));
        assertEquals(31, source.out().lines().count(), source.out());
        // the lines print s, which @Jit computes as the source does (the inner sum is not reassociated
        // in a loop that prints): only the final sum may differ, by reassociation
        assertEquals(withoutLast(source.out()), withoutLast(grad.out()));
        assertEquals(withoutLast(source.out()), withoutLast(jit.out()));
        assertTrue(Math.abs(jit.value() - source.value()) <= 1e-12 * Math.abs(source.value()));
    }

    @Test
    void aTapedLoopPrintsInTheForwardSweepOnly() {
        Printout source = capture(() -> Printed.taped(0.7, 5));
        Printout grad = capture(() -> PrintingTest_PrintedGrad.taped(0.7, 5).value());
        Printout jit = capture(() -> PrintingTest_PrintedJit.taped(0.7, 5));
        assertEquals(5, source.out().lines().count(), source.out());
        assertEquals(source, grad);
        assertEquals(source, jit);
    }

    @Test
    void anArraysContentsPrintWhereTheSourcePrintsThem() {
        double[] w = {0.3, -0.7, 1.1};
        int[] labels = {2, 0, 1};
        Printout source = capture(() -> Printed.contents(w, labels, 4));
        Printout grad = capture(() -> PrintingTest_PrintedGrad.contents(w, labels, 4).value());
        Printout jit = capture(() -> PrintingTest_PrintedJit.contents(w, labels, 4));
        assertEquals(4, source.out().lines().count(), source.out());
        assertTrue(source.out().startsWith("step 0: [" + Math.tanh(0.3) + ", "), source.out());
        assertEquals(source, grad);
        assertEquals(source.out(), jit.out());
        double[] dw = PrintingTest_PrintedGrad.contents(w, labels, 4).w();
        dev.jgrad.GradCheck.check(v -> Printed.contents(v, labels, 4), w, dw).orThrow();
    }

    @Test
    void aJacobianPrintsOnceThoughItRunsTheMethodOncePerColumnOrRow() {
        double[] w = {0.3, -0.7, 1.1};
        assertEquals(capture(() -> Vectors.wide(w)[0]).out(), capture(() -> PrintingTest_VectorsJacobian.wide(w).value()[0]).out());
        double[] log = {0};
        double[] logToo = {0};
        Printout source = capture(() -> Vectors.tall(w, log)[0]);
        Printout jacobian = capture(() -> PrintingTest_VectorsJacobian.tall(w, logToo).value()[0]);
        assertEquals(3, source.out().lines().count(), source.out());
        assertEquals(source, jacobian);
        assertEquals(log[0], logToo[0]);
    }

    private static String withoutLast(String lines) {
        return lines.lines().limit(lines.lines().count() - 1).reduce("", (a, b) -> a + b + "\n");
    }
}
