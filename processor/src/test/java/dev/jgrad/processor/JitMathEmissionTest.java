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
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rule table's {@code @Jit} column, read in generated code: under {@code @Jit} (the fast value, the
 * fused {@code @Jit @Grad} gradient, {@code @Jit @Jvp}), {@code Math.tanh} and a lowered {@code Ops.tanh} are
 * computed by {@code JitMath.tanh}, whose value the derivative reads ({@code 1 - t * t}); without
 * {@code @Jit} (whose value is the source's bit for bit), for {@code StrictMath.tanh}, in code that
 * prints (what it prints is what the source prints) and where the code writes into the caller's arrays
 * (the taped gradient, a {@code @Jit @Jvp} that writes elements), which must be left as the source
 * leaves them, bit for bit, they are not.
 */
class JitMathEmissionTest {
    private static final String SOURCE = """
            package p;

            import dev.jgrad.Grad;
            import dev.jgrad.Jit;
            import dev.jgrad.Jvp;
            import dev.jgrad.Ops;

            public final class Net {
                @Grad
                static double plain(double[] w, double[] x) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) s += Math.tanh(w[i] * x[i]);
                    return s;
                }

                @Jit @Grad(wrt = "w")
                static double fast(double[] w, double[] x) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) s += Math.tanh(w[i] * x[i]);
                    return s;
                }

                @Jit @Grad(wrt = "w")
                static double strict(double[] w, double[] x) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) s += StrictMath.tanh(w[i] * x[i]);
                    return s;
                }

                @Jit @Grad(wrt = "w")
                static double ops(double[] w, double[][] x) {
                    return Ops.sum(Ops.tanh(Ops.matvec(x, w)));
                }

                @Jvp(wrt = "a")
                static double tangent(double a) {
                    return Math.tanh(a) * a;
                }

                @Jit @Jvp(wrt = "a")
                static double fastTangent(double a) {
                    return Math.tanh(a) * a;
                }

                @Jit @Grad(wrt = "w")
                static double printed(double[] w) {
                    double s = 0;
                    for (int i = 0; i < w.length; i++) s += Math.tanh(w[i]);
                    System.out.println("s = " + s);
                    return s;
                }

                @Jit @Grad(wrt = "w") @Jvp(wrt = "w")
                static double inPlace(double[] w, double[] x) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        x[i] = Math.tanh(w[i] * x[i]);
                        s += x[i];
                    }
                    return s;
                }
            }
            """;

    /** {@code Math.tanh(}, not as part of {@code JitMath.tanh(} or {@code StrictMath.tanh(}. */
    private static final Pattern MATH_TANH = Pattern.compile("(?<![\\w.])Math\\.tanh\\(");

    /** The calls of {@code Math.tanh} in {@code code}, outside comments (which quote the source). */
    private static int mathTanh(String code) {
        return (int) MATH_TANH.matcher(code.replaceAll("//[^\n]*", "")).results().count();
    }

    @Test
    void jitCodeComputesTanhByJitMathAndTheRestByMath() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("p.Net", SOURCE));
        assertThat(compilation).succeededWithoutWarnings();
        String grad = generated(compilation, "p.NetGrad");

        // @Grad alone: Math.tanh, bit for bit the source's value
        String plain = method(grad, "public static PlainGradient plain(");
        assertFalse(plain.contains("JitMath"), plain);
        assertTrue(mathTanh(plain) > 0, plain);

        // @Jit @Grad: the fused gradient computes each tanh once, by JitMath, and the adjoint reads that value
        String fast = method(grad, "public static FastGradient fast(");
        assertEquals(0, mathTanh(fast), fast);
        assertEquals(1, count(fast, "JitMath.tanh("), fast);
        assertTrue(Pattern.compile("1\\.0 - (\\w+) \\* \\1").matcher(fast).find(), "the adjoint reads tanh's value:\n" + fast);

        // StrictMath is what its user asked for, under @Jit too
        String strict = method(grad, "public static StrictGradient strict(");
        assertFalse(strict.contains("JitMath"), strict);
        assertTrue(strict.contains("StrictMath.tanh("), strict);

        // writing into the caller's array: the taped gradient, which leaves the array as the source does
        String inPlace = method(grad, "public static InPlaceGradient inPlace(");
        assertTrue(inPlace.contains("Tape"), inPlace);
        assertFalse(inPlace.contains("JitMath"), inPlace);

        // printing: what is printed is what the source prints
        String printed = method(grad, "public static PrintedGradient printed(");
        assertFalse(printed.contains("JitMath"), printed);

        // Ops.tanh lowered into the loop (its parallel chunk): the same primitive
        String ops = method(grad, "private static void opsChunk(");
        assertEquals(0, mathTanh(ops), ops);
        assertTrue(ops.contains("JitMath.tanh("), ops);

        // the fast values
        String jit = generated(compilation, "p.NetJit");
        String fastValue = method(jit, "public static double fast(");
        assertEquals(0, mathTanh(fastValue), fastValue);
        assertEquals(1, count(fastValue, "JitMath.tanh("), fastValue);
        assertTrue(method(jit, "public static double strict(").contains("StrictMath.tanh("), jit);
        assertTrue(method(jit, "private static void opsChunk(").contains("JitMath.tanh("), jit);
        assertFalse(method(jit, "public static double printed(").contains("JitMath"), jit);

        // the forward mode: JitMath under @Jit only
        String jvp = generated(compilation, "p.NetJvp");
        String tangent = method(jvp, "public static TangentJvp tangent(");
        assertFalse(tangent.contains("JitMath"), tangent);
        assertTrue(mathTanh(tangent) > 0, tangent);
        String fastTangent = method(jvp, "public static FastTangentJvp fastTangent(");
        assertEquals(0, mathTanh(fastTangent), fastTangent);
        assertTrue(fastTangent.contains("JitMath.tanh("), fastTangent);
        String inPlaceTangent = method(jvp, "public static InPlaceJvp inPlace(");
        assertFalse(inPlaceTangent.contains("JitMath"), inPlaceTangent);
    }

    private static final String LOG1P = """
            package p;

            import dev.jgrad.Grad;
            import dev.jgrad.Jit;
            import dev.jgrad.Ops;

            public final class Losses {
                @Grad(wrt = "w")
                static double plain(double[] w, double[] x) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) s += Math.log1p(Math.exp(w[i] * x[i]));
                    return s;
                }

                @Jit @Grad(wrt = "w")
                static double fast(double[] w, double[] x) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) s += Math.log1p(Math.exp(w[i] * x[i]));
                    return s;
                }

                @Jit @Grad(wrt = "w")
                static double strict(double[] w, double[] x) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) s += StrictMath.log1p(StrictMath.exp(w[i] * x[i]));
                    return s;
                }

                @Jit @Grad(wrt = "w")
                static double ops(double[] w, double[][] x) {
                    return Ops.sum(Ops.log1p(Ops.square(Ops.matvec(x, w))));
                }
            }
            """;

    /** {@code Math.log1p(}, not as part of {@code JitMath.log1p(} or {@code StrictMath.log1p(}. */
    private static final Pattern MATH_LOG1P = Pattern.compile("(?<![\\w.])Math\\.log1p\\(");

    private static int mathLog1p(String code) {
        return (int) MATH_LOG1P.matcher(code.replaceAll("//[^\n]*", "")).results().count();
    }

    @Test
    void jitCodeComputesLog1pAndExpByJitMath() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("p.Losses", LOG1P));
        assertThat(compilation).succeededWithoutWarnings();
        String grad = generated(compilation, "p.LossesGrad");

        // @Grad alone: Math.log1p, bit for bit the source's value
        String plain = method(grad, "public static PlainGradient plain(");
        assertFalse(plain.contains("JitMath"), plain);
        assertTrue(mathLog1p(plain) > 0, plain);

        // @Jit @Grad: JitMath.log1p and JitMath.exp once each; log1p's adjoint is 1 / (1 + x) of the argument,
        // exp's reads the value computed
        String fast = method(grad, "public static FastGradient fast(");
        assertEquals(0, mathLog1p(fast), fast);
        assertEquals(1, count(fast, "JitMath.log1p("), fast);
        assertEquals(1, count(fast, "JitMath.exp("), fast);
        assertFalse(Pattern.compile("(?<![\\w.])Math\\.exp\\(").matcher(fast.replaceAll("//[^\n]*", "")).find(), fast);
        assertTrue(fast.contains("1.0 / (1.0 + "), fast);

        // StrictMath is what its user asked for, under @Jit too
        String strict = method(grad, "public static StrictGradient strict(");
        assertFalse(strict.contains("JitMath"), strict);
        assertTrue(strict.contains("StrictMath.log1p(") && strict.contains("StrictMath.exp("), strict);

        // Ops.log1p lowered into the loop (its parallel chunk), and the fast values
        assertTrue(method(grad, "private static void opsChunk(").contains("JitMath.log1p("), grad);
        String jit = generated(compilation, "p.LossesJit");
        assertEquals(1, count(method(jit, "public static double fast("), "JitMath.log1p("), jit);
        assertEquals(0, mathLog1p(method(jit, "public static double fast(")), jit);
        assertTrue(method(jit, "public static double strict(").contains("StrictMath.log1p("), jit);
    }
}
