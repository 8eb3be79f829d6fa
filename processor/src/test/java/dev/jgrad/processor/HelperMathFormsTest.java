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
 * The methods generated from helpers compute {@code Math.exp} (the rule table's {@code @Jit} column) by
 * {@code JitMath} for the {@code @Jit @Grad} gradients only ({@code HelperMathForms}): directly when only
 * those call them, through a {@code boolean} the callers pass when gradients without {@code @Jit}, which give
 * the source's value bit for bit, call them too, and not at all otherwise.
 */
class HelperMathFormsTest {
    /** W4's helpers; {@code GRADIENTS} is replaced by the gradients of each test. */
    private static final String BOOK = """
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
            GRADIENTS
            }
            """;

    private static String book(String annotations, String name) {
        return """
                    %s
                    public static double %s(double[] spot, double[] strike, double[] expiry, double[] vol, double[] rate,
                            boolean[] isCall) {
                        double total = 0;
                        for (int i = 0; i < spot.length; i++) {
                            total += price(spot[i], strike[i], expiry[i], vol[i], rate[i], isCall[i]);
                        }
                        return total;
                    }
                """.formatted(annotations, name);
    }

    private static String grad(String source, String className) {
        Compilation c = JgradCompiler.compile(JavaFileObjects.forSourceString(className, source));
        assertThat(c).succeededWithoutWarnings();
        return generated(c, className + "Grad");
    }

    private static final String JIT_GRAD = "@Jit @Grad(wrt = {\"spot\", \"vol\", \"rate\"})";
    private static final String GRAD = "@Grad(wrt = {\"spot\", \"vol\", \"rate\"})";

    /** The occurrences of {@code Math.exp(} not preceded by {@code Jit}. */
    private static int exactExp(String code) {
        return count(code, "Math.exp(") - count(code, "JitMath.exp(");
    }

    @Test
    void onlyJitGradientsCallTheHelpersSoTheyUseJitMath() {
        String grad = grad(BOOK.replace("GRADIENTS", book(JIT_GRAD, "bookValue")), "w4.Book");
        String price = method(grad, "private static double price_and_dspot_dvol_drate(");
        String normCdf = method(grad, "private static double normCdf_and_dx(");
        assertTrue(price.contains("double discount = JitMath.exp(-rate * expiry);"), price);
        assertTrue(normCdf.contains(" = JitMath.exp("), normCdf);
        assertEquals(0, exactExp(grad), grad);
        // no choice to make: no flag, and the calls pass none
        assertFalse(grad.contains("boolean jit") || grad.contains(", true)") || grad.contains(", false)"), grad);
        assertTrue(price.contains("BookGrad.normCdf_and_dx(d1, partials);"), price);
        assertTrue(grad.contains("For {@code @Jit} gradients: {@code Math.exp} by the runtime's {@code JitMath}"), grad);
    }

    @Test
    void onlyGradAloneCallsTheHelpersSoTheyKeepMath() {
        String grad = grad(BOOK.replace("GRADIENTS", book(GRAD, "bookValue")), "w4.Book");
        assertFalse(grad.contains("JitMath") || grad.contains("boolean jit"), grad);
        assertEquals(2, exactExp(grad), grad);
    }

    @Test
    void bothKindsCallTheHelpersSoTheCallersChoose() {
        String grad = grad(BOOK.replace("GRADIENTS", book(JIT_GRAD, "bookValue") + book(GRAD, "bookValueNoJit")), "w4.Book");
        String price = method(grad, "private static double price_and_dspot_dvol_drate(");
        String normCdf = method(grad, "private static double normCdf_and_dx(");
        // one method of each, not a copy per kind of caller
        assertEquals(1, count(grad, "private static double price_and_dspot_dvol_drate("), grad);
        assertEquals(1, count(grad, "private static double normCdf_and_dx("), grad);
        assertTrue(price.contains("boolean isCall, double[] partials, boolean jit) {"), price);
        assertTrue(price.contains("double discount = jit ? JitMath.exp(-rate * expiry) : Math.exp(-rate * expiry);"), price);
        assertEquals(4, count(price, ", partials, jit);"), price);
        assertTrue(normCdf.contains("(double x, double[] xPartial, boolean jit) {"), normCdf);
        assertEquals(1, count(normCdf, " = jit ? JitMath.exp("), normCdf);
        assertTrue(method(grad, "public static BookValueGradient bookValue(").contains("isCall[i], price_d, true);"), grad);
        assertTrue(method(grad, "public static BookValueNoJitGradient bookValueNoJit(").contains("isCall[i], price_d, false);"), grad);
        assertTrue(grad.contains("{@code jit}: true for the {@code @Jit} gradients"), grad);
    }

    /** A helper whose own body has no {@code Math.exp} passes the choice to the one it calls; its flag is named clear of its own names. */
    @Test
    void theChoiceGoesThroughAHelperWithoutExpAndKeepsClearOfTheUsersNames() {
        String source = BOOK.replace("GRADIENTS", """
                    static double spread(double a, double b, boolean jit) {
                        double u = a * b + 0.25 * a - 0.5 * b * b;
                        double v = normCdf(u) * a - normCdf(b - u) * b;
                        return jit ? v * v + u : v - u * 0.5;
                    }

                    @Jit @Grad
                    static double fast(double[] a, double[] b) {
                        double s = 0;
                        for (int i = 0; i < a.length; i++) {
                            s += spread(a[i], b[i], i % 2 == 0);
                        }
                        return s;
                    }

                    @Grad
                    static double exact(double[] a, double[] b) {
                        double s = 0;
                        for (int i = 0; i < a.length; i++) {
                            s += spread(a[i], b[i], i % 2 == 1);
                        }
                        return s;
                    }
                """);
        String grad = grad(source, "w4.Book");
        String spread = method(grad, "private static double spread_and_da_db(");
        assertTrue(spread.contains("boolean jit, double[] partials,\n            boolean jit2) {"), spread);
        assertEquals(0, exactExp(spread), spread);
        assertTrue(spread.contains("BookGrad.normCdf_and_dx(u, partials, jit2)"), spread);
        assertTrue(grad.contains("{@code jit2}: true for the {@code @Jit} gradients, which compute the functions of the"
                + " methods it calls"), grad);
        assertTrue(method(grad, "public static FastGradient fast(").contains("b_d, true);")
                || method(grad, "public static FastGradient fast(").contains("spread_d, true);"), grad);
    }

    /** {@code Math.log}, {@code sqrt} and {@code StrictMath.exp} are not in the column: no choice to make. */
    @Test
    void helpersWithoutTheColumnsFunctionsTakeNoFlag() {
        String source = BOOK.replace("GRADIENTS", """
                    static double smooth(double x, double y) {
                        double r = Math.sqrt(x * x + y * y + 1);
                        return Math.log(r) * StrictMath.exp(-0.5 * x) + r * y / (1 + x * x);
                    }

                    @Jit @Grad
                    static double fast(double[] a, double[] b) {
                        double s = 0;
                        for (int i = 0; i < a.length; i++) {
                            s += smooth(a[i], b[i]);
                        }
                        return s;
                    }

                    @Grad
                    static double exact(double[] a, double[] b) {
                        double s = 0;
                        for (int i = 0; i < a.length; i++) {
                            s += smooth(a[i], b[i]);
                        }
                        return s;
                    }
                """);
        String grad = grad(source, "w4.Book");
        assertFalse(grad.contains("JitMath") || grad.contains("boolean jit"), grad);
        assertTrue(grad.contains("StrictMath.exp("), grad);
    }
}
