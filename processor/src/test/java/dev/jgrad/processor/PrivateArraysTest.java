package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jgrad.processor.testing.GeneratedSources.count;
import static dev.jgrad.processor.testing.GeneratedSources.generated;
import static dev.jgrad.processor.testing.GeneratedSources.method;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.testing.JgradCompiler;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What {@code @Jit} makes of a local array private to each iteration of a loop over samples (a hidden
 * layer filled whole, then read) and of an inner loop that carries a recurrence inside each iteration
 * (a Monte Carlo path), read as code: the sample loop keeps its one fused, tape-free, parallel pass,
 * with one buffer per chunk; what cannot be proved private keeps the tape, with the note.
 */
class PrivateArraysTest {
    private static final String SOURCE = """
            package p;

            import dev.jgrad.Grad;
            import dev.jgrad.Jit;

            public final class Net {
                @Jit @Grad(wrt = {"w1", "b1", "w2", "b2"})
                static double natural(double[][] x, double[] y, double[][] w1, double[] b1, double[] w2, double b2) {
                    int n = x.length, hdim = b1.length, d = x[0].length;
                    double[] h = new double[hdim];
                    double total = 0;
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < hdim; k++) {
                            double a = b1[k];
                            for (int j = 0; j < d; j++) a += w1[k][j] * x[i][j];
                            h[k] = Math.tanh(a);
                        }
                        double out = b2;
                        for (int k = 0; k < hdim; k++) out += w2[k] * h[k];
                        double r = out - y[i];
                        total += r * r;
                    }
                    return total / n;
                }

                @Jit @Grad(wrt = {"w1", "w2"})
                static double inside(double[][] x, double[] y, double[][] w1, double[] w2) {
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        double[] h = new double[w2.length];
                        for (int k = 0; k < w2.length; k++) {
                            double a = 0;
                            for (int j = 0; j < x[i].length; j++) a += w1[k][j] * x[i][j];
                            h[k] = Math.tanh(a);
                        }
                        double out = 0;
                        for (int k = 0; k < h.length; k++) out += w2[k] * h[k];
                        total += (out - y[i]) * (out - y[i]);
                    }
                    return total / x.length;
                }

                @Jit @Grad(wrt = {"mu", "sig"})
                static double paths(double[][] z, double s0, double mu, double sig, double strike, double dt) {
                    int n = z.length, steps = z[0].length;
                    double total = 0;
                    for (int i = 0; i < n; i++) {
                        double s = s0;
                        for (int t = 0; t < steps; t++) s *= Math.exp(mu * dt + sig * z[i][t]);
                        total += Math.max(s - strike, 0.0);
                    }
                    return total / n;
                }
            }
            """;

    private static Compilation compilation() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("p.Net", SOURCE));
        assertThat(compilation).succeededWithoutWarnings();
        return compilation;
    }

    @Test
    void noneFallsBackToTheTape() {
        Compilation compilation = compilation();
        String notes = compilation.notes().toString();
        assertFalse(notes.contains("[" + Message.JIT_FALLBACK.id() + "]"), notes);
        String grad = generated(compilation, "p.NetGrad");
        assertFalse(grad.contains("Tape"), grad);
    }

    /**
     * The natural MLP: one parallel pass over the samples with each sample's adjoint inside it; the
     * hidden layer and its adjoint allocated once per chunk, not per sample, and the adjoint set back
     * to zero where the fill's adjoint has read it; the {@code @Jit} value parallel too.
     */
    @Test
    void aHiddenLayerDeclaredBeforeTheLoopIsOneBufferPerChunk() {
        Compilation compilation = compilation();
        String grad = generated(compilation, "p.NetGrad");
        String entry = method(grad, "public static NaturalGradient natural(");
        assertEquals(1, count(entry, "Parallel.run("), entry);
        assertFalse(Pattern.compile("(?m)^\\s*for \\(").matcher(entry).find(), "loops outside the chunks:\n" + entry);
        // the source's allocation stays where the source makes it (new double[-1] throws there, loop or no
        // loop), once per call; the chunks compute in buffers of their own
        assertEquals(1, count(entry, "new double[hdim]"), "the hidden layer outside the chunks:\n" + entry);
        assertTrue(entry.contains("// the source's allocation, where it may throw"), entry);
        String chunk = method(grad, "private static void naturalChunk(");
        String beforeLoops = chunk.substring(0, chunk.indexOf("for ("));
        assertTrue(beforeLoops.contains("double[] h = new double[hdim];")
                && beforeLoops.contains("double[] h_bar = new double[hdim];"), chunk);
        assertTrue(chunk.contains("h_bar[k] = 0.0;"), chunk);
        assertTrue(chunk.contains("w1_bar[k][j] += "), "w1's adjoint not in the pass:\n" + chunk);
        String jit = generated(compilation, "p.NetJit");
        assertEquals(1, count(method(jit, "public static double natural("), "Parallel.run("), jit);
    }

    /** Allocated inside the loop, the hidden layer no longer makes the gradient take two passes. */
    @Test
    void aHiddenLayerDeclaredInTheLoopIsOnePassToo() {
        String grad = generated(compilation(), "p.NetGrad");
        String entry = method(grad, "public static InsideGradient inside(");
        assertEquals(1, count(entry, "Parallel.run("), entry);
        // the reverse of the fill, four hidden units at a time, reads the one buffer the forward wrote
        String chunk = method(grad, "private static void insideChunk(");
        assertTrue(chunk.contains("= tanh_saved[k + 1];"), chunk);
        assertFalse(chunk.contains("tanh_saved1"), "a lane reads a buffer nothing wrote:\n" + chunk);
    }

    /**
     * The path's steps: the price at each step's start and the step's {@code exp} go to a tape as long
     * as the path, one per chunk, and the reverse runs the steps backwards from it, in the same pass.
     */
    @Test
    void aRecurrenceKeepsItsStepsInATapeOfItsOwn() {
        String grad = generated(compilation(), "p.NetGrad");
        String entry = method(grad, "public static PathsGradient paths(");
        assertEquals(1, count(entry, "Parallel.run("), entry);
        String chunk = method(grad, "private static void pathsChunk(");
        String beforeLoops = chunk.substring(0, chunk.indexOf("for ("));
        assertTrue(beforeLoops.contains("double[] s_tape = new double[") && beforeLoops.contains("double[] exp_tape = "), chunk);
        assertTrue(chunk.contains("s_tape[t] = s;") && chunk.contains("exp_tape[t] = exp;"), chunk);
        assertTrue(chunk.contains("for (int t = steps; t > 0;) {"), chunk);
        assertTrue(chunk.contains("s = s_tape[t];") && chunk.contains("double exp = exp_tape[t];"), chunk);
        // (the comments quote the source's s *= Math.exp(...))
        // (under @Jit, Math.exp is computed by JitMath.exp)
        assertEquals(count(chunk, " = Math.exp(") + count(chunk, " = JitMath.exp("), count(chunk, "[t] = exp"),
                "exp computed again in the reverse:\n" + chunk);
    }

    /**
     * What is not private keeps the tape, with the note at the write: an array read before this
     * iteration writes it (it carries the previous sample's value), read after the loop (its last
     * sample's value), or filled only in part.
     */
    @Test
    void anArrayThatCarriesValuesBetweenIterationsKeepsTheTape() {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.R",
                "package p;",
                "",
                "import dev.jgrad.Grad;",
                "import dev.jgrad.Jit;",
                "",
                "final class R {",
                "    @Jit @Grad(wrt = \"w\") static double readFirst(double[][] x, double[] w) {",
                "        double[] h = new double[w.length];",
                "        double total = 0;",
                "        for (int i = 0; i < x.length; i++) {",
                "            double before = h[0];",
                "            for (int k = 0; k < w.length; k++) {",
                "                h[k] = Math.tanh(w[k] * x[i][k] + before);",
                "            }",
                "            for (int k = 0; k < w.length; k++) total += h[k];",
                "        }",
                "        return total;",
                "    }",
                "",
                "    @Jit @Grad(wrt = \"w\") static double readAfter(double[][] x, double[] w) {",
                "        double[] h = new double[w.length];",
                "        double total = 0;",
                "        for (int i = 0; i < x.length; i++) {",
                "            for (int k = 0; k < w.length; k++) {",
                "                h[k] = Math.sin(w[k] * x[i][k]);",
                "            }",
                "            for (int k = 0; k < w.length; k++) total += h[k];",
                "        }",
                "        return total + h[0];",
                "    }",
                "",
                "    @Jit @Grad(wrt = \"w\") static double partly(double[][] x, double[] w, int m) {",
                "        double[] h = new double[w.length];",
                "        double total = 0;",
                "        for (int i = 0; i < x.length; i++) {",
                "            for (int k = 0; k < m; k++) {",
                "                h[k] = Math.sin(w[k] * x[i][k]);",
                "            }",
                "            for (int k = 0; k < w.length; k++) total += h[k];",
                "        }",
                "        return total;",
                "    }",
                "}");
        Compilation compilation = JgradCompiler.compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        String note = "gets the taped reverse-mode gradient, not the fused tape-free one: it writes an array element";
        assertThat(compilation).hadNoteContaining("'readFirst' " + note).inFile(source).onLine(13);
        assertThat(compilation).hadNoteContaining("'readAfter' " + note).inFile(source).onLine(25);
        assertThat(compilation).hadNoteContaining("'partly' " + note).inFile(source).onLine(37);
    }
}
