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
 * {@code transform.Fission} read in generated code: under {@code @Jit}, a loop that stores {@code Math.tanh(e)}
 * into each entry of an array the method allocates stores {@code e} and is followed by {@code Simd.tanh} over
 * the array, in the fast value and in the fused gradient (whose buffer of the values is filled by a second
 * loop, in the groups of four samples only); every look-alike keeps its loop: an array the loop also reads,
 * a value read in the loop, a store under a branch, {@code StrictMath}, an input array, an array reached by
 * another name, code that prints, and {@code @Grad} alone.
 */
class FissionTest {
    private static final String SOURCE = """
            package p;

            import dev.jgrad.Grad;
            import dev.jgrad.Jit;

            public final class Net {
                @Jit @Grad(wrt = {"w1", "w2"})
                static double layer(double[][] x, double[][] w1, double[] w2) {
                    double[] h = new double[w2.length];
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int k = 0; k < h.length; k++) {
                            double a = 0;
                            for (int j = 0; j < x[i].length; j++) a += w1[k][j] * x[i][j];
                            h[k] = Math.tanh(a);
                        }
                        double out = 0;
                        for (int k = 0; k < h.length; k++) out += w2[k] * h[k];
                        total += out * out;
                    }
                    return total;
                }

                @Grad(wrt = {"w1", "w2"})
                static double layerNoJit(double[][] x, double[][] w1, double[] w2) {
                    double[] h = new double[w2.length];
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        for (int k = 0; k < h.length; k++) {
                            double a = 0;
                            for (int j = 0; j < x[i].length; j++) a += w1[k][j] * x[i][j];
                            h[k] = Math.tanh(a);
                        }
                        double out = 0;
                        for (int k = 0; k < h.length; k++) out += w2[k] * h[k];
                        total += out * out;
                    }
                    return total;
                }

                @Jit @Grad(wrt = "w")
                static double readsItself(double[] w, double[] x) {
                    double[] h = new double[x.length];
                    for (int k = 0; k < x.length; k++) h[k] = Math.tanh(w[k] * x[k] + (k > 0 ? h[k - 1] : 0.0));
                    double s = 0;
                    for (int k = 0; k < x.length; k++) s += h[k];
                    return s;
                }

                @Jit @Grad(wrt = "w")
                static double valueRead(double[] w, double[] x) {
                    double[] h = new double[x.length];
                    double s = 0;
                    for (int k = 0; k < x.length; k++) {
                        double t = Math.tanh(w[k] * x[k]);
                        h[k] = t;
                        s += t;
                    }
                    for (int k = 0; k < x.length; k++) s += h[k] * h[k];
                    return s;
                }

                @Jit @Grad(wrt = "w")
                static double branched(double[] w, double[] x) {
                    double[] h = new double[x.length];
                    for (int k = 0; k < x.length; k++) {
                        if (x[k] > 0) {
                            h[k] = Math.tanh(w[k] * x[k]);
                        } else {
                            h[k] = 0;
                        }
                    }
                    double s = 0;
                    for (int k = 0; k < x.length; k++) s += h[k];
                    return s;
                }

                @Jit @Grad(wrt = "w")
                static double strict(double[] w, double[] x) {
                    double[] h = new double[x.length];
                    for (int k = 0; k < x.length; k++) h[k] = StrictMath.tanh(w[k] * x[k]);
                    double s = 0;
                    for (int k = 0; k < x.length; k++) s += h[k];
                    return s;
                }

                @Jit
                static double intoInput(double[] w, double[] x) {
                    for (int k = 0; k < x.length; k++) x[k] = Math.tanh(w[k] * x[k]);
                    double s = 0;
                    for (int k = 0; k < x.length; k++) s += x[k];
                    return s;
                }

                @Jit
                static double anotherName(double[] w, double[] x) {
                    double[] h = new double[x.length];
                    double[] g = h;
                    for (int k = 0; k < x.length; k++) h[k] = Math.tanh(w[k] * x[k]);
                    double s = 0;
                    for (int k = 0; k < x.length; k++) s += g[k];
                    return s;
                }

                @Jit
                static double printed(double[] w, double[] x) {
                    double[] h = new double[x.length];
                    for (int k = 0; k < x.length; k++) h[k] = Math.tanh(w[k] * x[k]);
                    double s = 0;
                    for (int k = 0; k < x.length; k++) s += h[k];
                    System.out.println(s);
                    return s;
                }

                static double act(double z) {
                    return Math.tanh(z);
                }

                @Jit
                static double helper(double[][] x, double[][] w1, double[] w2) {
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        double[] h = new double[w2.length];
                        for (int k = 0; k < h.length; k++) {
                            double a = 0;
                            for (int j = 0; j < x[i].length; j++) a += w1[k][j] * x[i][j];
                            h[k] = act(a);
                        }
                        double out = 0;
                        for (int k = 0; k < h.length; k++) out += w2[k] * h[k];
                        total += out * out;
                    }
                    return total;
                }

                @Jit
                static double twoArrays(double[] w, double[] x) {
                    int n = x.length;
                    double[] g = new double[n];
                    double[] h = new double[n];
                    for (int k = 0; k < n; k++) {
                        double t = Math.tanh(w[k] * x[k]);
                        g[k] = Math.tanh(x[k]);
                        h[k] = t;
                    }
                    double s = 0;
                    for (int k = 0; k < n; k++) s += g[k] * h[k];
                    return s;
                }
            }
            """;

    @Test
    void loopsThatStoreTanhAreSplitAroundSimdTanhAndLookAlikesAreNot() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("p.Net", SOURCE));
        assertThat(compilation).succeededWithoutWarnings();
        String grad = generated(compilation, "p.NetGrad");
        String jit = generated(compilation, "p.NetJit");

        // the fast value: the loop over k stores the sums, Simd.tanh follows, in the group of four and the remainder
        String layer = method(jit, "private static void layerChunk(");
        assertEquals(5, count(layer, "Simd.tanh("), layer);
        assertTrue(layer.contains("Simd.tanh(h, h.length);") && layer.contains("Simd.tanh(h3, h.length);"), layer);
        assertEquals(0, count(layer, "JitMath.tanh("), layer);
        assertTrue(layer.contains("h[k] = a;"), layer);
        // the fused gradient: the same, and the buffer of the values filled after the call, in the groups only
        String fused = method(grad, "private static void layerChunk(");
        assertEquals(4, count(fused, "Simd.tanh("), fused);
        assertTrue(fused.contains("double tanh = h[k];"), fused);
        assertEquals(1, count(fused, "JitMath.tanh("), "the remainder keeps its loop:\n" + fused);
        // @Grad alone: as written
        assertFalse(method(grad, "public static LayerNoJitGradient layerNoJit(").contains("Simd.tanh"), grad);
        // two arrays in one loop, one through a local (which keeps the argument: reading w[k] may fail first)
        String two = method(jit, "public static double twoArrays(");
        assertEquals(2, count(two, "Simd.tanh("), two);
        assertTrue(two.contains("double t_arg = w[k] * x[k];") && two.contains("g[k] = x[k];")
                && two.contains("h[k] = t_arg;"), two);

        // an activation helper, inlined: its result is the value stored
        String helper = method(jit, "private static void helperChunk(");
        assertEquals(1, count(helper, "Simd.tanh(h, h.length);"), helper);
        assertTrue(helper.contains("// inlined: act(a)") && helper.contains("h[k] = a;"), helper);

        for (String kept : new String[] {"readsItself", "valueRead", "branched", "strict"}) {
            String value = method(jit, "public static double " + kept + "(");
            assertFalse(value.contains("Simd.tanh"), value);
        }
        for (String kept : new String[] {"intoInput", "anotherName", "printed"}) {
            String value = method(jit, "public static double " + kept + "(");
            assertFalse(value.contains("Simd.tanh"), value);
        }
        for (String kept : new String[] {"ReadsItself", "ValueRead", "Branched", "Strict"}) {
            assertFalse(grad.substring(grad.indexOf(kept + "Gradient " + Character.toLowerCase(kept.charAt(0))))
                    .split("public static ")[0].contains("Simd.tanh"), kept);
        }
    }
}
