package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jgrad.processor.testing.GeneratedSources.generated;
import static dev.jgrad.processor.testing.GeneratedSources.method;
import static dev.jgrad.processor.testing.JgradCompiler.fellBack;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jgrad.processor.testing.JgradCompiler;
import org.junit.jupiter.api.Test;

/**
 * Early returns that {@code TailReturns} moves to the end of their paths: an inlined helper's
 * {@code if (v > c) return c;} assigns the helper's result once on each path, so a loop around it
 * keeps {@code @Jit @Grad}'s fused one-pass gradient (it used to fall back to the tape on a flag
 * "'done' is assigned more than once", naming a variable of jgrad's), and a method's own guard
 * returns need no flag; nor does a sample loop's {@code if (missing) continue;}, and an inner dot
 * product under an {@code if} keeps the one-pass form ({@code TailReturnsTest} pins what is left to the flag).
 */
class EarlyReturnsTest {
    private static final String SOURCE = """
            package early;

            import dev.jgrad.Grad;
            import dev.jgrad.Jit;

            public final class Early {
                private Early() {}

                static double clip(double v, double c) {
                    if (v > c) return c + 0.1 * (v - c);
                    if (v < -1) {
                        double under = v + 1;
                        return -1 + 0.2 * under;
                    }
                    return v - 0.05 * v * v;
                }

                @Jit @Grad(wrt = {"w"})
                static double scores(double[][] x, double[] w) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        double a = 0;
                        for (int j = 0; j < w.length; j++) a += w[j] * x[i][j];
                        s += clip(a, w[0]) * a;
                    }
                    return s / x.length;
                }

                @Jit @Grad(wrt = {"w"})
                static double skipMissing(double[][] x, double[] y, double[] w) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        if (Double.isNaN(y[i])) continue;
                        double p = 0;
                        for (int j = 0; j < w.length; j++) p += w[j] * x[i][j];
                        double r = p - y[i];
                        s += r * r;
                    }
                    return s / x.length;
                }

                @Jit @Grad(wrt = {"w"})
                static double keepPresent(double[][] x, double[] y, double[] w) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        if (!Double.isNaN(y[i])) {
                            double p = 0;
                            for (int j = 0; j < w.length; j++) p += w[j] * x[i][j];
                            double r = p - y[i];
                            s += r * r;
                        }
                    }
                    return s / x.length;
                }

                @Grad
                static double guarded(double v, double c) {
                    if (c <= 0) {
                        throw new IllegalArgumentException("c must be positive");
                    }
                    if (v > c) return v * c;
                    double u = c - v;
                    return u * u + v;
                }

            }
            """;

    private static Compilation compile() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("early.Early", SOURCE));
        assertThat(compilation).succeededWithoutWarnings();
        return compilation;
    }

    @Test
    void aHelpersGuardReturnsKeepTheOnePassGradient() {
        Compilation compilation = compile();
        assertFalse(fellBack(compilation, "scores"), compilation.diagnostics().toString());
        String grad = generated(compilation, "early.EarlyGrad");
        String scores = method(grad, "private static void scoresChunk(");
        assertFalse(scores.contains("Tape"), scores);
        assertFalse(scores.contains("done"), scores);
        // the helper, with two active arguments, gives value and partials from one run of a method whose
        // guard returns need no flag either
        assertTrue(scores.contains("EarlyGrad.clip_and_dv_dc(a, w[0], clip_d)"), scores);
        String clip = method(grad, "private static double clip_and_dv_dc(");
        assertFalse(clip.contains("done") || clip.contains("Tape"), clip);
    }

    @Test
    void rowsSkippedByContinueOrABranchKeepTheOnePassGradient() {
        Compilation compilation = compile();
        String grad = generated(compilation, "early.EarlyGrad");
        for (String name : new String[] {"skipMissing", "keepPresent"}) {
            assertFalse(fellBack(compilation, name), compilation.diagnostics().toString());
            String chunk = method(grad, "private static void " + name + "Chunk(");
            assertFalse(chunk.contains("Tape") || chunk.contains("boolean skip"), chunk);
            assertTrue(chunk.contains("if (!Double.isNaN(y[i])) {"), chunk);
        }
    }

    @Test
    void aMethodsGuardReturnNeedsNoFlag() {
        String guarded = method(generated(compile(), "early.EarlyGrad"), "public static GuardedGradient guarded(");
        assertFalse(guarded.contains("done"), guarded);
        assertTrue(guarded.contains("} else {"), guarded);
    }
}
