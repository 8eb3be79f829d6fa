package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jgrad.processor.testing.GeneratedSources.generated;
import static dev.jgrad.processor.testing.GeneratedSources.method;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jgrad.processor.testing.JgradCompiler;
import org.junit.jupiter.api.Test;

/**
 * {@code RowLocals}: under {@code @Jit} a row that an iteration checks before reading it is read into a
 * local where it is checked, unless something after the check may change which row {@code m[e]} is.
 */
class RowLocalsTest {
    private static final String SOURCE = """
            package p;

            import dev.jgrad.Jit;

            public final class Rows {
                @Jit
                static double checked(double[] w, double[][] m) {
                    double s = 0;
                    for (int i = 0; i < m.length; i++) {
                        if (m[i].length != w.length) {
                            throw new IllegalArgumentException("row " + i);
                        }
                        for (int j = 0; j < w.length; j++) {
                            s += w[j] * m[i][j];
                        }
                    }
                    return s;
                }

                @Jit
                static double indexMoves(double[] w, double[][] m) {
                    double s = 0;
                    for (int i = 0; i + 1 < m.length; i++) {
                        int k = i;
                        if (m[k].length != w.length) {
                            throw new IllegalArgumentException("row " + k);
                        }
                        if (m.length > 1) {
                            // a new version of k (Versions): another row than the one checked
                            k = k + 1;
                        }
                        for (int j = 0; j < w.length; j++) {
                            s += w[j] * m[k][j];
                        }
                    }
                    return s;
                }

                @Jit
                static double keptCallAfter(double[] w, double[][] m) {
                    double s = 0;
                    for (int i = 0; i < m.length; i++) {
                        if (m[i].length != w.length) {
                            throw new IllegalArgumentException("row " + i);
                        }
                        s += Double.sum(m[i][0], Double.MIN_VALUE);
                        for (int j = 0; j < w.length; j++) {
                            s += w[j] * m[i][j];
                        }
                    }
                    return s;
                }
            }
            """;

    @Test
    void aCheckedRowIsReadThroughALocalUnlessItMayChange() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("p.Rows", SOURCE));
        assertThat(compilation).succeededWithoutWarnings();
        String jit = generated(compilation, "p.RowsJit");
        String checked = method(jit, "private static void checkedChunk(");
        assertTrue(checked.contains("double[] mRow = m[i];\n") && checked.contains("if (mRow.length != w.length) {")
                && checked.contains("w[j] * mRow[j]") && !checked.contains("m[i][j]"), jit);
        // four rows at a time: each lane's row in a local of its own
        assertTrue(checked.contains("double[] mRow3 = m[i + 3];") && checked.contains("mRow3[j]"), jit);
        // k moves on after its row is checked: m[k_2][j] is the next row, read as written, not the checked one
        String moves = method(jit, "static double indexMoves(");
        assertFalse(moves.contains("Row[j]"), jit);
        assertTrue(moves.contains("m[k_2][j]"), jit);
        // a call jgrad keeps as a call runs after the check: it could store rows, so the reads stay
        String kept = jit.substring(jit.indexOf("keptCallAfter"));
        assertFalse(kept.contains("mRow"), jit);
    }
}
