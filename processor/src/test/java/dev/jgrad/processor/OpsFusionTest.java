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
 * What {@code @Jit @Grad} makes of Ops results kept in local arrays and of the ops with a running max
 * ({@code max}, {@code min}, {@code softmax}, {@code logSoftmax}, {@code logSumExp}), read as code:
 * no tape for any of them, a local read once becomes no array at all, and the hidden layer of a
 * network written with a local is the one pass over the samples its one-expression form is.
 */
class OpsFusionTest {
    private static final String SOURCE = """
            package p;

            import static dev.jgrad.Ops.*;

            import dev.jgrad.Grad;
            import dev.jgrad.Jit;

            public final class Net {
                @Jit @Grad(wrt = {"w1", "b1", "w2", "b2"})
                static double hidden(double[][] w1, double[] b1, double[] w2, double b2, double[][] x, double[] y) {
                    double[][] h = tanh(add(matmul(x, transpose(w1)), b1));
                    return mean(square(sub(add(matvec(h, w2), b2), y)));
                }

                @Jit @Grad(wrt = {"w", "b"})
                static double readTwice(double[] w, double b, double[][] x, double[] y) {
                    double[] r = sub(add(matvec(x, w), b), y);
                    return mean(square(r)) + 0.1 * sum(r);
                }

                @Jit @Grad(wrt = {"w"})
                static double maxLoss(double[] w, double[][] x) {
                    return max(matvec(x, w)) - min(w);
                }

                @Jit @Grad(wrt = {"w", "b"})
                static double crossEntropy(double[][] w, double[] b, double[][] x, double[][] onehot) {
                    double[][] logits = add(matmul(x, transpose(w)), b);
                    return mean(sub(logSumExp(logits), rowSums(mul(onehot, logits))));
                }

                @Jit @Grad(wrt = {"w"})
                static double softmaxes(double[] w, double[][] x, double[] t) {
                    double[] z = matvec(x, w);
                    return -dot(t, logSoftmax(z)) + sum(square(softmax(z)));
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
        assertFalse(generated(compilation, "p.NetGrad").contains("Tape"), generated(compilation, "p.NetGrad"));
    }

    /**
     * {@code h}, read once by the next statement, is substituted there as the view it was computed
     * from: no hidden matrix, no copy of {@code w1} (its transpose is read in place), one parallel pass
     * over the samples with each sample's adjoint inside it, the hidden units saved in a buffer.
     */
    @Test
    void aHiddenLayerInALocalIsOneFusedPass() {
        String grad = generated(compilation(), "p.NetGrad");
        String entry = method(grad, "public static HiddenGradient hidden(");
        assertEquals(1, count(entry, "Parallel.run("), entry);
        assertFalse(Pattern.compile("(?m)^\\s*for \\(").matcher(entry).find(), "loops outside the chunks:\n" + entry);
        assertFalse(entry.contains("new double[x.length]"), "an array per sample:\n" + entry);
        String chunk = method(grad, "private static void hiddenChunk(");
        assertTrue(chunk.contains("Math.tanh(matmul + b1["), chunk);
        assertTrue(chunk.contains("w1_bar[") && chunk.contains("* x["), "w1's adjoint not in the pass:\n" + chunk);
        assertFalse(Pattern.compile("new double\\[[^\\]]+\\]\\[").matcher(entry + chunk).find(), "a matrix allocated:\n" + entry + chunk);
    }

    /** The adjoint of {@code max} goes to the first entry that attains it: a flag, set once. */
    @Test
    void maxGivesItsAdjointToTheFirstMaximalEntry() {
        String entry = method(generated(compilation(), "p.NetGrad"), "public static MaxLossGradient maxLoss(");
        assertTrue(entry.contains("boolean maxTaken = ") && entry.contains("if (!maxTaken && "), entry);
        assertTrue(entry.contains("boolean minTaken = "), entry);
    }

    /** A local read twice stays an array: filled once, its adjoint a buffer of the same shape, no tape. */
    @Test
    void aLocalReadTwiceIsAnArrayWithAnAdjointBuffer() {
        String entry = method(generated(compilation(), "p.NetGrad"), "public static ReadTwiceGradient readTwice(");
        assertTrue(entry.contains("_bar = new double["), entry);
    }

    /**
     * What would make the tape-free adjoint wrong keeps the taped one, with the note: an array read in
     * the loop that fills it under another name (its iterations depend on each other), and a running
     * max updated twice in one iteration (which of two equal entries comes first is then the tape's
     * business).
     */
    @Test
    void recurrencesThroughAFilledArrayOrTwoMaxUpdatesKeepTheTape() {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.R",
                "package p;",
                "",
                "import dev.jgrad.Grad;",
                "import dev.jgrad.Jit;",
                "",
                "final class R {",
                "    @Jit @Grad static double prefix(double[] w) {",
                "        double[] c = new double[w.length];",
                "        double[] d = c;",
                "        for (int i = 0; i < w.length; i++) {",
                "            c[i] = (i > 0 ? d[i - 1] : 0.0) + w[i];",
                "        }",
                "        return c[w.length - 1];",
                "    }",
                "",
                "    @Jit @Grad static double twoMaxima(double[] w) {",
                "        double m = w[0];",
                "        for (int i = 0; i < w.length; i++) {",
                "            m = Math.max(m, w[i]);",
                "            m = Math.max(m, 2 * w[i]);",
                "        }",
                "        return m;",
                "    }",
                "}");
        Compilation compilation = JgradCompiler.compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).hadNoteContaining("[JgradJitFallback] @Jit @Grad method 'prefix' gets the taped"
                + " reverse-mode gradient, not the fused tape-free one: 'c' is read under another name in the loop"
                + " that fills it").inFile(source).onLine(10);
        assertThat(compilation).hadNoteContaining("[JgradJitFallback] @Jit @Grad method 'twoMaxima' gets the taped"
                + " reverse-mode gradient, not the fused tape-free one: 'm' is updated twice as a running max or sum")
                .inFile(source).onLine(20);
    }

    /**
     * A local matrix read twice (the logits) is an array whose adjoint rows belong to one sample each:
     * the parallel chunks write those rows in place, with no copy of the matrix per chunk.
     */
    @Test
    void theAdjointOfALocalMatrixIsWrittenInPlaceByTheChunks() {
        String entry = method(generated(compilation(), "p.NetGrad"), "public static CrossEntropyGradient crossEntropy(");
        assertTrue(entry.contains("double[][] logits_bar = "), entry);
        assertFalse(Pattern.compile("matrices \\*/ new double\\[\\]\\[\\]\\[\\] \\{[^}]*logits_bar").matcher(entry).find(),
                "a copy of the logits' adjoint per chunk:\n" + entry);
    }
}
