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
import dev.jgrad.processor.testing.CodeLengths;
import dev.jgrad.processor.testing.JgradCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Helpers as methods of the generated class ({@code HelperPullbacks}): a helper called from several
 * places gets one derivative method, not a copy of its body at every call, so that the gradients of a
 * Black-Scholes book written as a newcomer writes it stay within three times the source's lines,
 * and every generated method stays under HotSpot's 8,000 bytes.
 */
class PullbackTest {
    /** A Black-Scholes book as a newcomer writes it: a normal CDF, d1, call and put helpers, four methods. */
    private static final String BOOK = """
            package book;

            import dev.jgrad.Grad;
            import dev.jgrad.Jit;

            /** A book of European options, priced with Black-Scholes. */
            public final class Book {
                private Book() {}

                /** The standard normal CDF, through Abramowitz and Stegun's erf (7.1.26). */
                private static double normCdf(double x) {
                    double z = Math.abs(x) / Math.sqrt(2);
                    double t = 1 / (1 + 0.3275911 * z);
                    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
                            + t * (-1.453152027 + t * 1.061405429))));
                    double erf = 1 - poly * Math.exp(-z * z);
                    if (x >= 0) {
                        return 0.5 * (1 + erf);
                    }
                    return 0.5 * (1 - erf);
                }

                static double d1(double s, double k, double t, double r, double vol) {
                    return (Math.log(s / k) + (r + 0.5 * vol * vol) * t) / (vol * Math.sqrt(t));
                }

                static double call(double s, double k, double t, double r, double vol) {
                    double d1 = d1(s, k, t, r, vol);
                    double d2 = d1 - vol * Math.sqrt(t);
                    return s * normCdf(d1) - k * Math.exp(-r * t) * normCdf(d2);
                }

                static double put(double s, double k, double t, double r, double vol) {
                    double d1 = d1(s, k, t, r, vol);
                    double d2 = d1 - vol * Math.sqrt(t);
                    return k * Math.exp(-r * t) * normCdf(-d2) - s * normCdf(-d1);
                }

                /** The book's value; its gradient holds every option's delta, vega, and the book's rho. */
                @Jit @Grad(wrt = {"spot", "vol", "rate"})
                static double value(double[] spot, double[] strike, double[] expiry, double[] vol,
                        double rate, boolean[] isCall, double[] quantity) {
                    double total = 0;
                    for (int i = 0; i < spot.length; i++) {
                        double price;
                        if (isCall[i]) {
                            price = call(spot[i], strike[i], expiry[i], rate, vol[i]);
                        } else {
                            price = put(spot[i], strike[i], expiry[i], rate, vol[i]);
                        }
                        total += quantity[i] * price;
                    }
                    return total;
                }

                /** The squared error of calls against market prices, for calibrating the vols. */
                @Grad(wrt = {"vol"})
                static double calibration(double[] vol, double[] spot, double[] strike, double[] expiry,
                        double rate, double[] market) {
                    double error = 0;
                    for (int i = 0; i < spot.length; i++) {
                        double diff = call(spot[i], strike[i], expiry[i], rate, vol[i]) - market[i];
                        error += diff * diff;
                    }
                    return error / spot.length;
                }

                /** A straddle: a call and a put at one strike. */
                @Grad
                static double straddle(double s, double k, double t, double r, double vol) {
                    return call(s, k, t, r, vol) + put(s, k, t, r, vol);
                }

                /** A call spread: long the call at k1, short the call at k2. */
                @Grad
                static double spread(double s, double k1, double k2, double t, double r, double vol) {
                    return call(s, k1, t, r, vol) - call(s, k2, t, r, vol);
                }
            }
            """;

    private static Compilation book() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("book.Book", BOOK));
        assertThat(compilation).succeededWithoutWarnings();
        return compilation;
    }

    @Test
    void aHelperCalledFromSeveralPlacesGetsOneDerivativeMethod() {
        String grad = generated(book(), "book.BookGrad");
        assertEquals(1, count(grad, "private static double normCdf_dx(double x)"), grad);
        // the helper is private: the gradients call one copy of it for its value
        assertEquals(1, count(grad, "private static double normCdf(double x)"), grad);
        assertFalse(grad.contains("inlined: normCdf"), grad);
        String straddle = method(grad, "public static StraddleGradient straddle(");
        assertTrue(straddle.contains("BookGrad.normCdf_dx("), straddle);
        // the derivative method recomputes the helper's forward; its branch needs no tape
        String partial = method(grad, "private static double normCdf_dx(double x)");
        assertFalse(partial.contains("Tape"), partial);
        assertFalse(partial.contains("BookGrad."), partial);
    }

    @Test
    void aVisibleHelperIsCalledItselfForItsValue() {
        Compilation compilation = book();
        String grad = generated(compilation, "book.BookGrad");
        String calibration = method(grad, "public static CalibrationGradient calibration(");
        // @Grad alone in one pass: one run of the helper gives its value (bit for bit) and its partial
        assertTrue(calibration.contains("BookGrad.call_and_dvol(spot[i], strike[i], expiry[i], rate, vol[i], call_d)"),
                calibration);
        assertFalse(calibration.contains("Book.call(") || calibration.contains("call_dvol("), calibration);
        // only the methods some gradient calls are generated (calibration's one active argument, the
        // book's three), and no copy of a helper the class can call
        assertEquals(2, count(grad, "private static double call_"), grad);
        assertEquals(1, count(grad, "private static double call_and_dvol("), grad);
        assertEquals(1, count(grad, "private static double call_and_ds_dr_dvol("), grad);
        assertFalse(grad.contains("private static double call("), grad);
        // the @Jit value calls it too
        String jit = generated(compilation, "book.BookJit");
        assertTrue(jit.contains("Book.call(spot[i], strike[i], expiry[i], rate, vol[i])"), jit);
    }

    /** Where two double arguments of a call are active, each partial would run the helper again: it is inlined. */
    @Test
    void aHelperWithSeveralActiveArgumentsIsInlined() {
        String grad = generated(book(), "book.BookGrad");
        String spread = method(grad, "public static SpreadGradient spread(");
        assertTrue(spread.contains("// inlined: call(s, k1, t, r, vol)"), spread);
        assertTrue(spread.contains("BookGrad.normCdf_dx("), spread);
    }

    /** A Black-Scholes book as the W4 prices it: a normal CDF helper, one @Jit @Grad method. */
    private static final String W4 = """
            package w4;

            import dev.jgrad.Grad;
            import dev.jgrad.Jit;

            /** A book of European options, priced with Black-Scholes. */
            public final class Book {
                private Book() {}

                /** The standard normal CDF, through Abramowitz and Stegun's erf (7.1.26). */
                static double normCdf(double x) {
                    double z = Math.abs(x) / Math.sqrt(2);
                    double t = 1 / (1 + 0.3275911 * z);
                    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
                            + t * (-1.453152027 + t * 1.061405429))));
                    double erf = 1 - poly * Math.exp(-z * z);
                    return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
                }

                /** The book's value; its gradient holds every option's delta and vega, and the book's rho. */
                @Jit @Grad(wrt = {"spot", "vol", "rate"})
                static double value(double[] spot, double[] strike, double[] expiry, double[] vol, double rate,
                        boolean[] isCall) {
                    double total = 0;
                    for (int i = 0; i < spot.length; i++) {
                        double sqrtT = Math.sqrt(expiry[i]);
                        double d1 = (Math.log(spot[i] / strike[i]) + (rate + 0.5 * vol[i] * vol[i]) * expiry[i])
                                / (vol[i] * sqrtT);
                        double d2 = d1 - vol[i] * sqrtT;
                        double discount = strike[i] * Math.exp(-rate * expiry[i]);
                        double price;
                        if (isCall[i]) {
                            price = spot[i] * normCdf(d1) - discount * normCdf(d2);
                        } else {
                            price = discount * normCdf(-d2) - spot[i] * normCdf(-d1);
                        }
                        total += price;
                    }
                    return total;
                }
            }
            """;

    /**
     * W4 under {@code @Jit @Grad} (issue 14): the adjoint of each iteration follows its forward, so each
     * call of the CDF gives its value and its partial from one run, {@code normCdf_and_dx(d1, normCdf_d)},
     * instead of the helper for the value and {@code normCdf_dx}, which runs it again, for the partial;
     * and the helper's {@code Math.exp} runs once in it, its tangent reading the value from a local.
     */
    @Test
    void aFusedIterationTakesTheHelpersValueAndPartialFromOneRun() {
        Compilation w4 = JgradCompiler.compile(JavaFileObjects.forSourceString("w4.Book", W4));
        assertThat(w4).succeededWithoutWarnings();
        String grad = generated(w4, "w4.BookGrad");
        String value = method(grad, "public static ValueGradient value(");
        assertEquals(4, count(value, "BookGrad.normCdf_and_dx("), value);
        assertFalse(value.contains("normCdf_dx("), value);
        assertFalse(value.contains("Book.normCdf("), value);
        // one buffer per call site, allocated once per call of the gradient, not per iteration
        assertEquals(4, count(value, "= new double[1];"), value);
        assertFalse(grad.contains("private static double normCdf_dx("), grad);
        String both = method(grad, "private static double normCdf_and_dx(double x, double[] xPartial)");
        assertEquals(1, count(both, "Math.exp("), both);
        // forward mode (one active argument): the partial is the tangent, computed beside the value
        assertTrue(both.contains("xPartial[0] = x >= 0 ? 0.5 * erf_dot : 0.5 * -erf_dot;"), both);
    }

    /** The derivative method of the taped gradients runs the helper's {@code Math.exp} once, not again in its adjoint. */
    @Test
    void aDerivativeMethodReadsTheTranscendentalsItComputed() {
        String grad = generated(book(), "book.BookGrad");
        String partial = method(grad, "private static double normCdf_dx(double x)");
        assertEquals(1, count(partial, "Math.exp("), partial);
        // the @Jit @Grad method gives value and partials at once, and so do the methods it calls for
        // its helpers of three active arguments; the taped ones call normCdf_dx
        String value = method(grad, "public static ValueGradient value(");
        assertTrue(value.contains("BookGrad.call_and_ds_dr_dvol(") && value.contains("BookGrad.put_and_ds_dr_dvol("), value);
        assertTrue(method(grad, "private static double call_and_ds_dr_dvol(").contains("BookGrad.normCdf_and_dx("), grad);
        assertTrue(method(grad, "public static StraddleGradient straddle(").contains("BookGrad.normCdf_dx("), grad);
    }

    /** Straight-line @Jit @Grad code, and a helper in an inner loop, whose reverse recomputes it: there the partial method. */
    @Test
    void straightLineCodeTakesValueAndPartialAndInnerLoopsRecompute() {
        String source = """
                package g;

                import dev.jgrad.Grad;
                import dev.jgrad.Jit;

                public final class Greeks {
                    static double normCdf(double x) {
                        double t = 1 / (1 + 0.2316419 * Math.abs(x));
                        double tail = Math.exp(-0.5 * x * x) * 0.3989422804014327 * t * (0.31938153 + t * -0.356563782);
                        return x >= 0 ? 1 - tail : tail;
                    }

                    @Jit @Grad
                    static double call(double s, double vol) {
                        double d1 = (Math.log(s / 100) + 0.5 * vol * vol) / vol;
                        return s * normCdf(d1) - 100 * normCdf(d1 - vol);
                    }

                    @Jit @Grad(wrt = "w")
                    static double inner(double[] w, double[][] x) {
                        double total = 0;
                        for (int i = 0; i < x.length; i++) {
                            double row = 0;
                            for (int j = 0; j < w.length; j++) {
                                row += normCdf(w[j] * x[i][j]);
                            }
                            total += normCdf(row - 0.5) * row;
                        }
                        return total;
                    }
                }
                """;
        Compilation c = JgradCompiler.compile(JavaFileObjects.forSourceString("g.Greeks", source));
        assertThat(c).succeededWithoutWarnings();
        String grad = generated(c, "g.GreeksGrad");
        String call = method(grad, "public static CallGradient call(");
        assertEquals(2, count(call, "GreeksGrad.normCdf_and_dx("), call);
        assertFalse(call.contains("normCdf_dx("), call);
        // the loop runs in parallel chunks: each chunk allocates its own buffer for the iteration's own call;
        // the inner loop's call is recomputed by its reverse, which calls the partial method
        String chunk = method(grad, "private static void innerChunk(");
        assertEquals(1, count(chunk, "GreeksGrad.normCdf_and_dx("), chunk);
        assertEquals(1, count(chunk, "= new double[1];"), chunk);
        assertTrue(chunk.contains("GreeksGrad.normCdf_dx("), chunk);
        // not four samples at a time: the lanes would share the buffer
        assertFalse(chunk.contains("one at a time"), chunk);
    }

    /**
     * Generated lines over source lines. Inlined at each of its four calls, the CDF made the W4 book's
     * 41 lines 408 generated ones (10x); with its derivative method, 200 (4.9x), and a one-pass
     * gradient. The 3x is not reached: the reverse sweep of an expression-dense helper takes a
     * line per temporary. The four-method book went from 1,932 lines (24x) to 769 (9.7x), then to 827
     * (10.5x) with the value-and-partial method its {@code @Jit @Grad} gradient calls instead of the helper
     * and its derivative method (the helper's body and adjoint once more, for no second run of the helper
     * per call); the taped gradients still call the derivative method.
     */
    @Test
    void theGeneratedSourceGrowsWithTheSource() {
        Compilation w4 = JgradCompiler.compile(JavaFileObjects.forSourceString("w4.Book", W4));
        assertThat(w4).succeededWithoutWarnings();
        int source = W4.split("\n").length;
        int out = generated(w4, "w4.BookGrad").split("\n").length + generated(w4, "w4.BookJit").split("\n").length;
        Compilation book = book();
        int bookSource = BOOK.split("\n").length;
        int bookOut = generated(book, "book.BookGrad").split("\n").length
                + generated(book, "book.BookJit").split("\n").length;
        System.out.println("PullbackTest: W4 Book.java " + source + " lines, BookGrad + BookJit " + out
                + " lines; the four-method book " + bookSource + " lines, " + bookOut + " generated");
        // 5.5, not 5: an element read before a call that may throw is read into a local first (Order.settle)
        assertTrue(out <= 5.5 * source, source + " source lines gave " + out + " generated lines");
        assertFalse(generated(w4, "w4.BookGrad").contains("Tape"), "the W4 book's gradient is one pass");
        assertTrue(bookOut <= 10.5 * bookSource, bookSource + " source lines gave " + bookOut + " generated lines");
    }

    /** What keeps a helper inlined: a loop, an array parameter, an effect; and every helper under the forward modes. */
    private static final String INLINED = """
            package q;

            import dev.jgrad.Grad;
            import dev.jgrad.Jvp;

            public final class Kept {
                static double looped(double x) {
                    double s = 0;
                    for (int k = 1; k < 4; k++) {
                        s += Math.sin(k * x) / k + Math.cos(x / k) * 0.5;
                    }
                    return s;
                }

                static double scaled(double x, double[] c) {
                    return c[0] * Math.exp(-x * x) + c[1] * Math.sin(x) * Math.cos(x) + c[2] * Math.log1p(x * x);
                }

                static double printed(double x) {
                    System.out.println("at " + x);
                    return Math.exp(-x * x) + Math.sin(x) * Math.cos(x) + Math.log1p(x * x) * Math.tanh(x);
                }

                static double smooth(double x) {
                    return Math.exp(-x * x) + Math.sin(x) * Math.cos(x) + Math.log1p(x * x) * Math.tanh(x);
                }

                @Grad
                static double f(double x, double y, double[] c) {
                    return looped(x) * looped(y) + scaled(x, c) * scaled(y, c) + printed(x) * printed(y)
                            + smooth(x) * smooth(y);
                }

                @Jvp
                static double g(double x, double y) {
                    return smooth(x) * smooth(y);
                }
            }
            """;

    @Test
    void loopsArraysAndEffectsKeepAHelperInlined() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("q.Kept", INLINED));
        assertThat(compilation).succeeded();
        String grad = generated(compilation, "q.KeptGrad");
        assertEquals(2, count(grad, "// inlined: looped("), grad);
        assertEquals(2, count(grad, "// inlined: scaled("), grad);
        assertEquals(2, count(grad, "// inlined: printed("), grad);
        assertEquals(0, count(grad, "// inlined: smooth("), grad);
        assertEquals(1, count(grad, "private static double smooth_dx(double x)"), grad);
        String jvp = generated(compilation, "q.KeptJvp");
        assertEquals(2, count(jvp, "// inlined: smooth("), jvp);
        assertFalse(jvp.contains("smooth_dx"), jvp);
    }

    /** HotSpot never compiles a method of more than 8,000 bytes of bytecode: none of the book's is. */
    @Test
    void everyGeneratedMethodIsUnderHotSpotsLimit() {
        Compilation compilation = book();
        Map<String, Integer> lengths = new TreeMap<>();
        for (JavaFileObject f : compilation.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS && f.getName().contains("Book")) {
                try (InputStream in = f.openInputStream()) {
                    CodeLengths.of(in.readAllBytes()).forEach((m, n) -> lengths.put(f.getName() + " " + m, n));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        assertFalse(lengths.isEmpty());
        lengths.forEach((m, n) -> assertTrue(n <= CodeLengths.HUGE, m + ": " + n + " bytes"));
        System.out.println("PullbackTest: largest generated method " + lengths.values().stream().max(Integer::compare).orElse(0) + " bytes");
    }
}
