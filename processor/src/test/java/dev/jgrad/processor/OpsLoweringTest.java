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
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the lowering of {@code Ops} calls generates, read as code: the seed's loss in its Ops form
 * ({@code mean(square(sub(add(matvec(x, w), b), y)))}) must become the program its loop form becomes,
 * under {@code @Jit @Grad} one fused pass over the samples, parallel, with no tape and no array.
 */
class OpsLoweringTest {
    private static final String SOURCE = """
            package p;

            import static dev.jgrad.Ops.*;

            import dev.jgrad.Grad;
            import dev.jgrad.Jit;

            public final class Losses {
                @Jit @Grad(wrt = {"w", "b"})
                static double loops(double[] w, double b, double[][] x, double[] y) {
                    double sum = 0;
                    for (int i = 0; i < x.length; i++) {
                        double pred = b;
                        for (int j = 0; j < w.length; j++) pred += w[j] * x[i][j];
                        double r = pred - y[i];
                        sum += r * r;
                    }
                    return sum / x.length;
                }

                @Jit @Grad(wrt = {"w", "b"})
                static double ops(double[] w, double b, double[][] x, double[] y) {
                    return mean(square(sub(add(matvec(x, w), b), y)));
                }
            }
            """;

    @Test
    void theSeedsOpsFormIsTheLoopFormsFusedTapeFreeParallelPass() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("p.Losses", SOURCE));
        assertThat(compilation).succeededWithoutWarnings();
        String grad = generated(compilation, "p.LossesGrad");
        for (String method : List.of("loops", "ops")) {
            String entry = method(grad, "public static " + Character.toUpperCase(method.charAt(0)) + method.substring(1)
                    + "Gradient " + method + "(");
            String chunk = code(method(grad, "private static void " + method + "Chunk("));
            assertFalse(entry.contains("Tape") || chunk.contains("Tape"), method + " uses a tape:\n" + grad);
            assertTrue(entry.contains("Parallel.run("), method + " is not a parallel loop:\n" + entry);
            assertFalse(loops().matcher(entry).find(), method + " loops outside its chunks:\n" + entry);
            // nothing but the four sums of Simd.dot4, once per chunk
            assertFalse(chunk.replace("double[] dots = new double[4];", "").contains("new double["),
                    method + " allocates in its chunks:\n" + chunk);
            // four samples at a time, then the rest one at a time: two loops over the samples, each
            // with one inner loop forward (the dot product, or where the runtime's kernel is faster one
            // Simd.dot4 call for the four, one Simd.dot for one) and one for its adjoint (w_bar[j] +=)
            assertEquals(2, count(chunk, "for (;"), method + ":\n" + chunk);
            // the Ops form reads its checked rows through their locals (RowLocals)
            String rows = method.equals("ops") ? "xRow, xRow1, xRow2, xRow3" : "x[i], x[i + 1], x[i + 2], x[i + 3]";
            assertEquals(1, count(chunk, "Simd.dot4(dots, w, " + rows + ", w.length);"), method + ":\n" + chunk);
            assertEquals(1, count(chunk, "Simd.dot("), method + ":\n" + chunk);
            assertEquals(4, count(chunk, "for (int j = 0; j < "), method + ":\n" + chunk);
            assertEquals(2, count(chunk, "w_bar[j] +="), method + ":\n" + chunk);
        }
        // the same shape of program: the Ops form is the loop form with the Ops names and its shape checks
        String ops = withoutRowChecks(code(method(grad, "private static void opsChunk(")));
        String loops = code(method(grad, "private static void loopsChunk("));
        assertEquals(loops.split("\n").length, ops.split("\n").length, "the two chunks differ in length:\n" + loops + "\n" + ops);
        String jit = generated(compilation, "p.LossesJit");
        assertFalse(method(jit, "private static void opsChunk(").replace("double[] dots = new double[4];", "")
                .contains("new double["), jit);
        assertEquals(code(method(jit, "private static void loopsChunk(")).split("\n").length,
                withoutRowChecks(code(method(jit, "private static void opsChunk("))).split("\n").length, jit);
    }

    /**
     * The chunk without the checks of the rows of {@code x} (one per sample, where it is first read, into
     * a local that the sample's loops then read: {@code double[] xRow1 = x[i + 1];}), and reading
     * {@code x[i + 1][j]} where it reads {@code xRow1[j]}, as the loop form does.
     */
    private static String withoutRowChecks(String chunk) {
        String check = "(?m)^\\s*double\\[\\] xRow(\\d?) = x\\[i( \\+ \\1)?\\];\n"
                + "\\s*if \\(xRow\\1\\.length != xCols\\) \\{\n"
                + "\\s*throw new IllegalArgumentException\\(Shapes\\.ragged\\(\"matvec\", x\\)\\);\n\\s*\\}\n";
        assertEquals(4 + 1, Pattern.compile(check).matcher(chunk).results().count(), chunk);
        // no row is read from x but into its local
        assertEquals(4 + 1, Pattern.compile("x\\[i").matcher(chunk).results().count(), chunk);
        return chunk.replaceAll(check, "").replaceAll("xRow(\\d)\\[", "x[i + $1][").replace("xRow[", "x[i][");
    }

    /**
     * A two-layer network in one Ops expression: the hidden layer's product ({@code matmul}) is a
     * view, so the whole network is one loop over the samples with each hidden unit's dot product
     * inside, tape-free and parallel, as the hand-written MLP's gradient.
     */
    @Test
    void aTwoLayerNetworkInOneExpressionIsOneFusedPass() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("p.Net", """
                package p;

                import static dev.jgrad.Ops.*;

                import dev.jgrad.Grad;
                import dev.jgrad.Jit;

                public final class Net {
                    @Jit @Grad(wrt = {"w1", "b1", "w2", "b2"})
                    static double loss(double[][] w1, double[] b1, double[] w2, double b2, double[][] x, double[] y) {
                        return mean(square(sub(add(matvec(tanh(add(matmul(x, w1), b1)), w2), b2), y)));
                    }
                }
                """));
        assertThat(compilation).succeededWithoutWarnings();
        String grad = generated(compilation, "p.NetGrad");
        String entry = method(grad, "public static LossGradient loss(");
        assertFalse(grad.contains("Tape"), grad);
        assertTrue(entry.contains("Parallel.run("), entry);
        assertFalse(loops().matcher(entry).find(), "loops outside the chunks:\n" + entry);
        String chunk = code(method(grad, "private static void lossChunk("));
        assertTrue(chunk.contains("Math.tanh(matmul + b1[j])"), chunk);
        assertFalse(chunk.contains("new double[][]") || Pattern.compile("new double\\[[^\\]]*\\]\\[").matcher(chunk).find(),
                "a matrix allocated in the chunks:\n" + chunk);
    }

    @Test
    void shapeChecksComeInTheEagerOrderAndEachRowIsCheckedWhereTheLoopReadsIt() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("p.Losses", SOURCE));
        String grad = generated(compilation, "p.LossesGrad");
        String entry = method(grad, "public static OpsGradient ops(");
        int width = entry.indexOf("int xCols = Shapes.width(x);");
        int matvec = entry.indexOf("if (w == null || xCols != w.length) {\n"
                + "            Shapes.rectangular(\"matvec\", x);\n"
                + "            Shapes.matrixAndRow(\"matvec\", x.length, xCols, w.length);");
        int sub = entry.indexOf("if (y == null || x.length != y.length) {\n"
                + "            Shapes.rectangular(\"matvec\", x);\n"
                + "            Shapes.sameLength(\"sub\", x.length, y.length);");
        int loop = entry.indexOf("Parallel.run(");
        assertTrue(width >= 0 && width < matvec && matvec < sub && sub < loop, entry);
        // no pass over the rows before the loop: each row is checked where the loop first reads it
        assertFalse(entry.contains("Shapes.cols("), entry);
        String chunk = code(method(grad, "private static void opsChunk("));
        // the first read of a row is its declaration as a local, checked at once
        int first = chunk.indexOf("x[i]");
        assertTrue(first >= 0 && chunk.startsWith("double[] xRow = x[i];", first - "double[] xRow = ".length())
                && chunk.substring(first).replaceFirst("^x\\[i\\];\\s*", "").startsWith("if (xRow.length != xCols) {"), chunk);
    }

    /** The code without its comments. */
    private static String code(String text) {
        return text.replaceAll("(?m)^\\s*//.*\n", "");
    }

    private static Pattern loops() {
        return Pattern.compile("(?m)^\\s*for \\(");
    }
}
