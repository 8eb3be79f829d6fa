package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jgrad.processor.testing.GeneratedSources.generated;
import static dev.jgrad.processor.testing.GeneratedSources.method;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jgrad.processor.testing.JgradCompiler;
import org.junit.jupiter.api.Test;

/**
 * In a value-and-partial method in forward mode ({@code normCdf_and_dx}), a tangent's sum whose every term
 * is a product with one tangent is that tangent times the sum of the other factors
 * ({@code transform.TangentFactors}); the code the value reads keeps its expressions, bit for bit.
 */
class TangentFactorsTest {
    private static final String SOURCE = """
            package tf;

            import dev.jgrad.Grad;

            public final class Curves {
                private Curves() {}

                static double normCdf(double x) {
                    double t = 1 / (1 + 0.2316419 * Math.abs(x));
                    double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
                    double tail = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) * poly;
                    return x >= 0 ? 1 - tail : tail;
                }

                /** Its value a sum of products with one factor: the value keeps its form. */
                static double spread(double x) {
                    double u = 1 / (1 + x * x);
                    double v = u * 0.75 + u * x - u * (x * 0.5);
                    return v * Math.sin(x) + u;
                }

                /** Its partial a sum whose first part has a common factor and whose last term does not. */
                static double bell(double x) {
                    double q = 1 / (1 + x * x);
                    return q * (1.5 + q * (-0.75 + q * (0.5 + q * 0.25))) + Math.exp(-x);
                }

                @Grad
                static double book(double[] x) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        s += normCdf(x[i]) * spread(x[i]) + bell(x[i]);
                    }
                    return s;
                }
            }
            """;

    private static String grad() {
        Compilation c = JgradCompiler.compile(JavaFileObjects.forSourceString("tf.Curves", SOURCE));
        assertThat(c).succeededWithoutWarnings();
        return generated(c, "tf.CurvesGrad");
    }

    @Test
    void theHornerPolynomialsTangentIsOneProductByTheTangent() {
        String normCdf = method(grad(), "private static double normCdf_and_dx(");
        assertTrue(normCdf.contains("double poly_dot = t_dot * (t_7 + t * (t_6 + t * (t_5 + t * (t_4 + t * 1.330274429))));"),
                normCdf);
        // the value's own code as the helper has it
        assertTrue(normCdf.contains("double poly = t * t_7;"), normCdf);
    }

    @Test
    void inAPartialWithATermWithoutTheFactorTheRestIsFactoredInItsGrouping() {
        String bell = method(grad(), "private static double bell_and_dx(");
        assertTrue(bell.contains("xPartial[0] = q_dot * (t_5 + q * (t_4 + q * (t_3 + q * 0.25))) + t_6 * -1.0;"), bell);
        assertTrue(bell.contains("return q * t_5 + t_6;"), bell);
    }

    @Test
    void theValuesCodeKeepsItsForm() {
        String spread = method(grad(), "private static double spread_and_dx(");
        // u is a factor of every term of v, which the value reads: not factored
        assertTrue(spread.contains("double v = u * 0.75 + u * x - u * t_3;"), spread);
        assertTrue(spread.contains("return v * sin_x + u;"), spread);
        // x's tangent is one, so u_dot is not a factor of every term of v's tangent: left as it is
        assertTrue(spread.contains("double v_dot = 0.75 * u_dot + (x * u_dot + u) - (t_3 * u_dot + u * 0.5);"), spread);
    }
}
