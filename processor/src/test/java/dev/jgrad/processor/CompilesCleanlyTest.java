package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Methods at the edges of the subset whose generated code once failed to compile, or compiled with a
 * warning that {@code -Werror} builds refuse (found by adversarial trials): an {@code int} or {@code long}
 * returned from a {@code double} method under {@code @Jvp} and {@code @Hessian} ({@code zerosLike(int)}),
 * a {@code @Jit} method on which every path throws ({@code return} after the throw: unreachable), and a
 * {@code @Hessian} of a {@code double[][]} parameter ({@code Arrays2.flatten(m)}, a non-varargs call of a
 * varargs method).
 */
class CompilesCleanlyTest {
    @Test
    void edgeMethodsCompileWithoutWarnings() {
        JavaFileObject source = JavaFileObjects.forSourceString("p.Edges", """
                package p;

                import dev.jgrad.Grad;
                import dev.jgrad.Hessian;
                import dev.jgrad.Jit;
                import dev.jgrad.Jvp;

                class Edges {
                    @Jvp @Hessian static double zero(double x) { return 0; }
                    @Jvp @Hessian static double rounded(double x) { return Math.round(x); }
                    @Jvp @Hessian static double count(double[] x) {
                        int c = 0;
                        for (double v : x) if (v > 0) c++;
                        return c;
                    }
                    @Jvp @Hessian static double length(double[] x) { return x.length; }
                    @Jit @Grad static double stub(double[] w) { throw new UnsupportedOperationException("not yet"); }
                    @Jit @Grad static double twoThrows(double x) {
                        if (x > 0) throw new IllegalStateException("positive");
                        else throw new IllegalArgumentException("not positive");
                    }
                    @Hessian @Jvp static double cubes(double[][] m) {
                        double s = 0;
                        for (double[] r : m) for (double v : r) s += v * v * v;
                        return s;
                    }
                }
                """);
        Compilation compilation = Compiler.javac()
                .withProcessors(new JgradProcessor())
                .withOptions("--release", "17", "-Werror", "-Xlint:all")
                .compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("p.EdgesJit");
        assertThat(compilation).generatedSourceFile("p.EdgesHessian");
    }
}
