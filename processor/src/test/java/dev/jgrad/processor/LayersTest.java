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
import dev.jgrad.processor.testing.JgradCompiler;
import org.junit.jupiter.api.Test;

/**
 * {@code transform.Layers} read in generated code: under {@code @Jit}, a dense layer in a group of four samples
 * ({@code a = b[k]; for j: a += w[k][j] * x[i][j]; h[k] = a;}) becomes a loop of the starting values and one
 * {@code Simd.matVec4} call under {@code Simd.matVec4Pays}, with the panel declared before the jammed loop, in
 * the fast value and the fused gradient, also with the bias added after the products ({@code tanh(a + b[k])}); the remainder and {@code @Grad} alone keep the loop; look-alikes keep
 * it too: a sum taken away, a sum read again in the loop, a row bound that depends on the row, an array the
 * caller passes, a start that is not a literal, a local or an entry (it is left where the source computes it).
 */
class LayersTest {
    private static final String SOURCE = """
            package p;

            import dev.jgrad.Grad;
            import dev.jgrad.Jit;

            public final class Net {
                @Jit @Grad(wrt = {"w1", "b1", "w2"})
                static double layer(double[][] x, double[][] w1, double[] b1, double[] w2) {
                    int d = x[0].length;
                    double[] h = new double[w2.length];
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int k = 0; k < h.length; k++) {
                            double a = b1[k];
                            for (int j = 0; j < d; j++) a += w1[k][j] * x[i][j];
                            h[k] = Math.tanh(a);
                        }
                        double out = 0;
                        for (int k = 0; k < h.length; k++) out += w2[k] * h[k];
                        total += out * out;
                    }
                    return total;
                }

                @Grad(wrt = {"w1", "b1", "w2"})
                static double layerNoJit(double[][] x, double[][] w1, double[] b1, double[] w2) {
                    int d = x[0].length;
                    double[] h = new double[w2.length];
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int k = 0; k < h.length; k++) {
                            double a = b1[k];
                            for (int j = 0; j < d; j++) a += w1[k][j] * x[i][j];
                            h[k] = Math.tanh(a);
                        }
                        double out = 0;
                        for (int k = 0; k < h.length; k++) out += w2[k] * h[k];
                        total += out * out;
                    }
                    return total;
                }

                @Jit @Grad(wrt = {"w1", "b1"})
                static double biasAfter(double[][] x, double[][] w1, double[] b1) {
                    int d = x[0].length;
                    double[] h = new double[b1.length];
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int k = 0; k < h.length; k++) {
                            double a = 0;
                            for (int j = 0; j < d; j++) a += x[i][j] * w1[k][j];
                            h[k] = Math.tanh(a + b1[k]);
                        }
                        for (int k = 0; k < h.length; k++) total += h[k] * h[k];
                    }
                    return total;
                }

                @Jit
                static double takenAway(double[][] x, double[][] w1, double[] w2) {
                    int d = x[0].length;
                    double[] h = new double[w2.length];
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int k = 0; k < h.length; k++) {
                            double a = 0;
                            for (int j = 0; j < d; j++) a -= w1[k][j] * x[i][j];
                            h[k] = a;
                        }
                        for (int k = 0; k < h.length; k++) total += w2[k] * h[k];
                    }
                    return total;
                }

                @Jit
                static double readAgain(double[][] x, double[][] w1, double[] w2) {
                    int d = x[0].length;
                    double[] h = new double[w2.length];
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int k = 0; k < h.length; k++) {
                            double a = 0;
                            for (int j = 0; j < d; j++) a += w1[k][j] * x[i][j];
                            h[k] = a;
                            total += a;
                        }
                        for (int k = 0; k < h.length; k++) total += w2[k] * h[k];
                    }
                    return total;
                }

                @Jit
                static double ragged(double[][] x, double[][] w1, double[] w2) {
                    double[] h = new double[w2.length];
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int k = 0; k < h.length; k++) {
                            double a = 0;
                            for (int j = 0; j < w1[k].length; j++) a += w1[k][j] * x[i][j];
                            h[k] = a;
                        }
                        for (int k = 0; k < h.length; k++) total += w2[k] * h[k];
                    }
                    return total;
                }

                @Jit
                static double callersArray(double[][] x, double[][] w1, double[] w2, double[] h) {
                    int d = x[0].length;
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int k = 0; k < w2.length; k++) {
                            double a = 0;
                            for (int j = 0; j < d; j++) a += w1[k][j] * x[i][j];
                            h[k] = a;
                        }
                        for (int k = 0; k < w2.length; k++) total += w2[k] * h[k];
                    }
                    return total;
                }

                @Jit
                static double startFromAProduct(double[][] x, double[][] w1, double[] w2) {
                    int d = x[0].length;
                    double[] h = new double[w2.length];
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int k = 0; k < h.length; k++) {
                            double a = 0.5 * w2[k];
                            for (int j = 0; j < d; j++) a += w1[k][j] * x[i][j];
                            h[k] = a;
                        }
                        for (int k = 0; k < h.length; k++) total += w2[k] * h[k];
                    }
                    return total;
                }
            }
            """;

    @Test
    void aLayerOfFourSamplesIsOneMatVec4CallAndLookAlikesAreNot() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("p.Net", SOURCE));
        assertThat(compilation).succeededWithoutWarnings();
        String grad = generated(compilation, "p.NetGrad");
        String jit = generated(compilation, "p.NetJit");
        String call = "Simd.matVec4(w1_panel, w1, x[i], x[i + 1], x[i + 2], x[i + 3], h, h1, h2, h3, h.length, d);";
        for (String chunk : new String[] {method(jit, "private static void layerChunk("),
            method(grad, "private static void layerChunk(")}) {
            assertEquals(1, count(chunk, call), chunk);
            assertEquals(1, count(chunk, "if (Simd.matVec4Pays(h.length, d)) {"), chunk);
            assertEquals(1, count(chunk, "double[][] w1_panel = new double[1][];"), chunk);
            assertTrue(chunk.contains("h[k] = b1[k];") && chunk.contains("h3[k] = b1[k];"), chunk);
            // the panel is declared before the jammed loop, for its groups only
            assertTrue(chunk.indexOf("double[][] w1_panel") < chunk.indexOf("try {"), chunk);
            // the loop as written stays for matVec4Pays false (and Dots takes it), and the remainder
            assertEquals(1, count(chunk, "Simd.dot4(dots, w1[k], x[i], x[i + 1], x[i + 2], x[i + 3], d);"), chunk);
            assertTrue(chunk.substring(chunk.indexOf("finally")).contains("a += w1[k][j] * x[i][j];"), chunk);
        }
        assertFalse(method(grad, "public static LayerNoJitGradient layerNoJit(").contains("matVec4"), grad);
        // the bias added after the products: the sum starts from it
        for (String chunk : new String[] {method(jit, "private static void biasAfterChunk("),
            method(grad, "private static void biasAfterChunk(")}) {
            assertEquals(1, count(chunk, "Simd.matVec4(w1_panel, w1, x[i], x[i + 1], x[i + 2], x[i + 3], h, h1, h2, h3, h.length, d);"), chunk);
            assertTrue(chunk.contains("h[k] = b1[k];") && chunk.contains("h3[k] = b1[k];"), chunk);
        }
        for (String kept : new String[] {"takenAway", "readAgain", "ragged", "startFromAProduct"}) {
            String chunk = method(jit, "private static void " + kept + "Chunk(");
            assertFalse(chunk.contains("matVec4"), chunk);
            assertTrue(chunk.contains("i + 3"), kept + " is still run four samples at a time:\n" + chunk);
        }
        // an input array written: the loop over the samples is not even run in chunks
        assertFalse(method(jit, "public static double callersArray(").contains("matVec4"), jit);
    }
}
