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
 * Locals assigned again where they are declared ({@code transform/Versions}): {@code s /= n} before the
 * return, {@code norm = Math.sqrt(norm)} and {@code avg /= n; d = d * d} in a sample's iteration keep
 * {@code @Jit @Grad}'s tape-free gradient (they fell back to the tape on "'norm' is assigned more than
 * once"), each later read naming the new version; so does a local assigned again in an if of plain
 * assignments (a leaky unit); a local written again in a nested branch keeps the tape.
 */
class VersionsTest {
    private static final String SOURCE = """
            package v;

            import dev.jgrad.Grad;
            import dev.jgrad.Jit;

            public final class Stats {
                private Stats() {}

                @Jit @Grad
                static double meanSquare(double[] x) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) s += x[i] * x[i];
                    s /= x.length;
                    return s;
                }

                @Jit @Grad(wrt = {"w"})
                static double rowNorms(double[][] x, double[] w) {
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        double norm = 0;
                        for (int j = 0; j < w.length; j++) norm += w[j] * x[i][j] * x[i][j];
                        norm = Math.sqrt(norm);
                        total += norm;
                    }
                    return total;
                }

                @Jit @Grad(wrt = {"w"})
                static double averages(double[][] x, double[] w) {
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        double avg = 0;
                        for (int j = 0; j < w.length; j++) avg += w[j] * x[i][j];
                        avg /= w.length;
                        double d = avg - 1;
                        d = d * d;
                        total += d;
                    }
                    return total;
                }

                static double leaky(double z) {
                    double out = z;
                    if (z < 0) {
                        out = 0.01 * z;
                    }
                    return out;
                }

                @Jit @Grad(wrt = {"w"})
                static double leakySum(double[][] x, double[] w) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        double z = 0;
                        for (int j = 0; j < w.length; j++) z += w[j] * x[i][j];
                        s += leaky(z);
                    }
                    return s;
                }

                @Jit @Grad
                static double nestedBranch(double[] x, double c) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        double v = x[i] * c;
                        if (x[i] > 0) {
                            if (v > 1) {
                                v = v * v;
                            }
                        }
                        s += v;
                    }
                    return s;
                }

                @Jit @Grad
                static double branchAfter(double[] x, double c) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        double v = x[i] * c;
                        v = v + 0.5;
                        if (x[i] > 0) {
                            v = v * v;
                        }
                        s += v;
                    }
                    return s;
                }
            }
            """;

    private static Compilation compile() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("v.Stats", SOURCE));
        assertThat(compilation).succeededWithoutWarnings();
        return compilation;
    }

    @Test
    void aLocalAssignedAgainWhereItIsDeclaredKeepsTheTapeFreeGradient() {
        Compilation compilation = compile();
        String grad = generated(compilation, "v.StatsGrad");
        for (String name : new String[] {"meanSquare", "rowNorms", "averages", "leakySum", "branchAfter"}) {
            assertFalse(fellBack(compilation, name), compilation.diagnostics().toString());
            String upper = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            String body = method(grad, "public static " + upper + "Gradient " + name + "(");
            assertFalse(body.contains("Tape"), body);
        }
        String norms = method(grad, "private static void rowNormsChunk(");
        // norm = Math.sqrt(norm): what follows reads the call's named result, with no copy into a norm_2
        assertTrue(norms.contains("double sqrt = Math.sqrt(norm);") && !norms.contains("norm_2"), norms);
        assertTrue(norms.contains("total += sqrt;") || norms.contains("total += sqrt + "), norms);
        String mean = method(grad, "public static MeanSquareGradient meanSquare(");
        assertTrue(mean.contains("double s_2 = s / x.length;"), mean);
    }

    @Test
    void aLocalAssignedAgainInAPlainBranchIsANewVersionOnEachPath() {
        Compilation compilation = compile();
        String grad = generated(compilation, "v.StatsGrad");
        String leaky = method(grad, "private static void leakySumChunk(");
        assertTrue(leaky.contains("if (z < 0) {\n") && leaky.contains("out_2 = 0.01 * z;")
                && leaky.contains("out_2 = out;"), leaky);
        String after = method(grad, "public static BranchAfterGradient branchAfter(");
        // double v2 = v + 0.5; double v3 = 0.0; if (x[i] > 0) { v3 = v2 * v2; } else { v3 = v2; } s += v3;
        assertTrue(java.util.regex.Pattern.compile("double (\\w+) = \\w+ \\+ 0\\.5;\\s+double (\\w+) = 0\\.0;\\s+"
                + "if \\(x\\[i\\] > 0\\) \\{\\s+\\2 = \\1 \\* \\1;\\s+\\} else \\{\\s+\\2 = \\1;\\s+\\}\\s+s \\+= \\2;")
                .matcher(after).find(), after);
    }

    @Test
    void aLocalWrittenAgainInANestedBranchKeepsTheTape() {
        Compilation compilation = compile();
        assertTrue(fellBack(compilation, "nestedBranch"), compilation.diagnostics().toString());
    }
}
