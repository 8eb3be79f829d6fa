package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jgrad.processor.testing.GeneratedSources.generated;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jgrad.processor.testing.JgradCompiler;
import org.junit.jupiter.api.Test;

/** The generated code's comments quote the source as written: a local declared with {@code var} keeps it. */
class SourceTextTest {
    @Test
    void aVarDeclarationIsQuotedWithVar() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("p.C", """
                package p;

                import dev.jgrad.Grad;
                import dev.jgrad.Jit;

                class C {
                    @Jit @Grad static double spread(double[][] x, double[] w) {
                        double mean = 0;
                        for (var row : x) {
                            var z = 0.0;
                            for (int j = 0; j < w.length; j++) z += w[j] * row[j];
                            mean += z;
                        }
                        mean /= x.length;
                        double var = 0;
                        for (int i = 0; i < x.length; i++) {
                            double z = 0;
                            for (int j = 0; j < w.length; j++) z += w[j] * x[i][j];
                            var += (z - mean) * (z - mean);
                        }
                        return var / x.length;
                    }
                }
                """));
        assertThat(compilation).succeededWithoutWarnings();
        String grad = generated(compilation, "p.CGrad");
        assertFalse(grad.contains("/*missing*/"), grad);
        assertTrue(grad.contains("for (var row : x)"), grad);
    }
}
