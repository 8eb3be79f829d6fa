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
 * A helper called with several active arguments (issue 14): where the adjoint follows the call, one
 * generated method returns its value bit for bit and writes every partial into a buffer of one slot per
 * active argument ({@code price_and_dspot_dvol_drate}), instead of the helper inlined at every call; the
 * helpers it calls give their values and partials from one run too. Where the gradient would instead
 * call the partial methods (each runs the helper again), the helper is inlined as before.
 */
class PartialsTest {
    /** W4 as the benchmark writes it ({@code examples/.../bench/BookWorkload.java}). */
    private static final String W4 = """
            package w4;

            import dev.jgrad.Grad;
            import dev.jgrad.Jit;

            public final class Book {
                private Book() {}

                static double normCdf(double x) {
                    double t = 1 / (1 + 0.2316419 * Math.abs(x));
                    double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
                    double tail = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) * poly;
                    return x >= 0 ? 1 - tail : tail;
                }

                static double price(double spot, double strike, double expiry, double vol, double rate, boolean isCall) {
                    double sqrtT = Math.sqrt(expiry);
                    double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * expiry) / (vol * sqrtT);
                    double d2 = d1 - vol * sqrtT;
                    double discount = Math.exp(-rate * expiry);
                    double price;
                    if (isCall) {
                        price = spot * normCdf(d1) - strike * discount * normCdf(d2);
                    } else {
                        price = strike * discount * normCdf(-d2) - spot * normCdf(-d1);
                    }
                    return price;
                }

                @Jit @Grad(wrt = {"spot", "vol", "rate"})
                public static double bookValue(double[] spot, double[] strike, double[] expiry, double[] vol,
                        double[] rate, boolean[] isCall) {
                    double total = 0;
                    for (int i = 0; i < spot.length; i++) {
                        total += price(spot[i], strike[i], expiry[i], vol[i], rate[i], isCall[i]);
                    }
                    return total;
                }

                @Grad(wrt = {"spot", "vol", "rate"})
                public static double bookValueNoJit(double[] spot, double[] strike, double[] expiry, double[] vol,
                        double[] rate, boolean[] isCall) {
                    double total = 0;
                    for (int i = 0; i < spot.length; i++) {
                        total += price(spot[i], strike[i], expiry[i], vol[i], rate[i], isCall[i]);
                    }
                    return total;
                }
            }
            """;

    /** W4 with a straight-line straddle whose calls are operands of a sum. */
    private static final String STRADDLE = W4.substring(0, W4.lastIndexOf('}')) + """
                @Grad
                static double straddle(double s, double k, double t, double r, double vol) {
                    return price(s, k, t, vol, r, true) + price(s, k, t, vol, r, false);
                }
            }
            """;

    private static String grad(String source) {
        Compilation c = JgradCompiler.compile(JavaFileObjects.forSourceString("w4.Book", source));
        assertThat(c).succeededWithoutWarnings();
        return generated(c, "w4.BookGrad");
    }

    /** Non-blank lines that are not comments, as the benchmark report counts them. */
    private static long codeLines(String source) {
        return source.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("//") && !l.startsWith("*") && !l.startsWith("/*"))
                .count();
    }

    @Test
    void aHelperWithThreeActiveArgumentsGivesValueAndPartialsFromOneRun() {
        String grad = grad(W4);
        for (String name : new String[] {"public static BookValueGradient bookValue(",
                "public static BookValueNoJitGradient bookValueNoJit("}) {
            String m = method(grad, name);
            // one buffer of three slots, allocated once per call of the gradient, read by the adjoint; the @Jit
            // gradient asks for JitMath's exp, the other for the source's value bit for bit
            assertEquals(1, count(m, "double[] price_d = new double[3];"), m);
            assertTrue(m.contains("total += BookGrad.price_and_dspot_dvol_drate(spot[i], strike[i], expiry[i], vol[i],"
                    + " rate[i], isCall[i], price_d, " + !name.contains("NoJit") + ");"), m);
            assertTrue(m.contains("spot_bar[i] += total_bar * price_d[0];"), m);
            assertTrue(m.contains("rate_bar[i] += total_bar * price_d[2];"), m);
            assertFalse(m.contains("inlined: price") || m.contains("normCdf") || m.contains("Tape"), m);
        }
        assertEquals(1, count(grad, "private static double price_and_dspot_dvol_drate(double spot, double strike,"
                + " double expiry,\n            double vol, double rate, boolean isCall, double[] partials, boolean jit)"), grad);
        String price = method(grad, "private static double price_and_dspot_dvol_drate(");
        // the helper it calls gives its value and partial from one run, through the same buffer, read at once
        assertEquals(4, count(price, "BookGrad.normCdf_and_dx("), price);
        assertEquals(4, count(price, " = partials[0];"), price);
        assertFalse(price.contains("normCdf_dx(") || price.contains("new double"), price);
        assertTrue(price.contains("partials[2] = rate_bar;\n        return price_4;"), price);
        // Math.log(spot / strike)'s chain into spot: one division (QuotientChains), the value's code as the helper has it
        assertTrue(price.contains("spot_bar += d_7 * (1.0 / spot);"), price);
        assertTrue(price.contains("double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * expiry) / (vol * sqrtT);"), price);
        // no method runs the helper again for one partial
        assertFalse(grad.contains("price_dspot(") || grad.contains("private static double normCdf_dx("), grad);
    }

    /** W4's file: at most three times the source's lines (the target); the benchmark measures the same. */
    @Test
    void theW4GradientIsAtMostThreeTimesTheSource() {
        long source = codeLines(W4);
        long generated = codeLines(grad(W4));
        System.out.println("PartialsTest: W4 " + source + " source lines, " + generated + " generated");
        assertTrue(generated <= 3 * source, source + " source lines gave " + generated);
    }

    /**
     * A straight-line {@code @Grad} whose calls are operands of a larger expression: the gradient would call
     * the partial methods, each running the helper again, so the helper is inlined there as before.
     */
    @Test
    void whereTheGradientWouldRecomputeThePartialsTheHelperIsInlined() {
        String straddle = method(grad(STRADDLE), "public static StraddleGradient straddle(");
        assertEquals(2, count(straddle, "// inlined: price("), straddle);
        assertFalse(straddle.contains("price_d"), straddle);
        assertTrue(straddle.contains("BookGrad.normCdf_dx("), straddle);
    }
}
