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
 * Elements of local arrays built up in steps ({@code transform/ElementLocals}): the hidden layer
 * written {@code h[k] = b1[k]; for (j) h[k] += ...; h[k] = Math.tanh(h[k]);} and scores summed into
 * {@code z[i]} keep {@code @Jit @Grad}'s tape-free gradient (both fell back to the tape on "it writes an
 * array element"); an element that carries over from the previous sample is read, not zeroed.
 */
class ElementLocalsTest {
    private static final String SOURCE = """
            package e;

            import dev.jgrad.Grad;
            import dev.jgrad.Jit;

            public final class Net {
                private Net() {}

                @Jit @Grad(wrt = {"w1", "b1", "w2"})
                static double hiddenInPlace(double[][] x, double[] y, double[][] w1, double[] b1, double[] w2) {
                    int hdim = b1.length;
                    double[] h = new double[hdim];
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int k = 0; k < hdim; k++) {
                            h[k] = b1[k];
                            for (int j = 0; j < x[i].length; j++) h[k] += w1[k][j] * x[i][j];
                            h[k] = Math.tanh(h[k]);
                        }
                        double out = 0;
                        for (int k = 0; k < hdim; k++) out += w2[k] * h[k];
                        double r = out - y[i];
                        total += r * r;
                    }
                    return total / x.length;
                }

                @Jit @Grad(wrt = {"w"})
                static double scoresThenLoss(double[] w, double[][] x) {
                    int n = x.length;
                    double[] z = new double[n];
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < w.length; j++) z[i] += w[j] * x[i][j];
                    }
                    double s = 0;
                    for (int i = 0; i < n; i++) s += Math.log1p(z[i] * z[i]);
                    return s;
                }

                // the array is declared inside the loop over its elements: no scalar outside its scope (fuzz seed 443)
                @Jit @Grad(wrt = {"w"})
                static double declaredInside(double[] w, int n, double[][] m) {
                    double s = w[0];
                    for (double[] row : m) {
                        for (int j = 0; j < n; j++) {
                            if (row[0] > 0) {
                                double[] h = new double[n];
                                h[j] = s * w[0];
                                h[j] += row[0];
                                s = h[j];
                            }
                        }
                    }
                    return s;
                }

                @Jit @Grad(wrt = {"w"})
                static double carriedOver(double[][] w, double[][] x) {
                    double[] h = new double[w.length];
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int k = 0; k < w.length; k++) {
                            for (int j = 0; j < x[i].length; j++) h[k] += w[k][j] * x[i][j];
                            h[k] = 0.5 * h[k];
                        }
                        for (int k = 0; k < w.length; k++) s += h[k] * h[k];
                    }
                    return s;
                }
            }
            """;

    @Test
    void anElementBuiltUpInStepsIsAScalarUntilItsLastStep() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("e.Net", SOURCE));
        assertThat(compilation).succeeded();
        assertThat(compilation).generatedSourceFile("e.NetJit");
        assertFalse(fellBack(compilation, "hiddenInPlace"), compilation.diagnostics().toString());
        assertFalse(fellBack(compilation, "scoresThenLoss"), compilation.diagnostics().toString());
        String grad = generated(compilation, "e.NetGrad");
        String hidden = method(grad, "private static void hiddenInPlaceChunk(");
        assertTrue(hidden.contains("double h_k = b1[k];") && hidden.contains("h_k += ") && hidden.contains("h[k] = h_k;"), hidden);
        String scores = grad.substring(grad.indexOf("scoresThenLoss"));
        // z is all zeros before the loop that first names it: each element starts from 0.0, not a read
        assertTrue(scores.contains("double z_i = 0.0;") && scores.contains("z[i] = z_i;"), scores);
        String jit = generated(compilation, "e.NetJit");
        assertTrue(jit.contains("double h_k = b1[k];"), jit);
    }

    @Test
    void anElementCarriedOverFromThePreviousSampleIsReadNotZeroed() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("e.Net", SOURCE));
        String jit = generated(compilation, "e.NetJit");
        String carried = jit.substring(jit.indexOf("static double carriedOver("));
        assertTrue(carried.contains("double h_k = h[k];") && carried.contains("h[k] = h_k_2;"), carried);
    }
    private static final String IN_PLACE = """
            package e;

            import dev.jgrad.Grad;
            import dev.jgrad.Jit;

            public final class Passes {
                private Passes() {}

                @Jit @Grad(wrt = {"w1", "b1", "w2"})
                static double activations(double[][] w1, double[] b1, double[] w2, double[][] x, double[] y) {
                    double loss = 0;
                    for (int i = 0; i < x.length; i++) {
                        double[] z = new double[b1.length];
                        for (int k = 0; k < z.length; k++) {
                            z[k] = b1[k];
                            for (int j = 0; j < x[i].length; j++) z[k] += w1[k][j] * x[i][j];
                        }
                        for (int k = 0; k < z.length; k++) z[k] = Math.tanh(z[k]);
                        for (int k = 0; k < z.length; k++) z[k] = 2 * z[k];
                        double out = 0;
                        for (int k = 0; k < z.length; k++) out += w2[k] * z[k];
                        double r = out - y[i];
                        loss += r * r;
                    }
                    return loss / x.length;
                }

                // reads the previous element: one array, as the source's
                @Jit @Grad
                static double prefix(double[] x) {
                    double[] c = new double[x.length];
                    for (int i = 0; i < x.length; i++) c[i] = x[i] * x[i];
                    for (int i = 1; i < x.length; i++) c[i] = c[i] + c[i - 1];
                    double s = 0;
                    for (int i = 0; i < x.length; i++) s += c[i];
                    return s;
                }

                // a conditional write, kept in a scalar first, is one unconditional write of the element
                @Jit @Grad
                static double clipped(double[] x) {
                    double[] z = new double[x.length];
                    for (int i = 0; i < x.length; i++) z[i] = Math.sin(x[i]);
                    for (int i = 0; i < x.length; i++) if (z[i] < 0) z[i] = 0.1 * z[i];
                    double s = 0;
                    for (int i = 0; i < x.length; i++) s += z[i];
                    return s;
                }

                // a pass over all but the last element: that one keeps its value, so one array
                @Jit @Grad
                static double shortPass(double[] x) {
                    double[] z = new double[x.length];
                    for (int i = 0; i < x.length; i++) z[i] = Math.sin(x[i]);
                    for (int i = 0; i < x.length - 1; i++) z[i] = z[i] * x[i + 1];
                    double s = 0;
                    for (int i = 0; i < x.length; i++) s += z[i];
                    return s;
                }
            }
            """;

    @Test
    void aFullPassInPlaceWritesANewArray() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("e.Passes", IN_PLACE));
        assertThat(compilation).succeeded();
        assertFalse(fellBack(compilation, "activations"), compilation.diagnostics().toString());
        String chunk = method(generated(compilation, "e.PassesGrad"), "private static void activationsChunk(");
        assertTrue(chunk.contains("double[] z_2 = new double[b1.length];") && chunk.contains("double[] z_3 = new double[b1.length];")
                && chunk.contains("out += w2[k_4] * z_3[k_4]"), chunk);
        assertTrue(fellBack(compilation, "prefix"), compilation.diagnostics().toString());
        assertFalse(fellBack(compilation, "clipped"), compilation.diagnostics().toString());
        String clipped = method(generated(compilation, "e.PassesGrad"), "public static ClippedGradient clipped(");
        assertTrue(clipped.contains("double z_i_2 = z[i_2];") && clipped.contains("z_2[i_2] = z_i_2_2;"), clipped);
        assertTrue(fellBack(compilation, "shortPass"), compilation.diagnostics().toString());
    }
}
