package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A {@code [JgradJitFallback]} note whose reason is a statement jgrad made (the element writes of an
 * {@code Ops} call's loops) is placed at the call and speaks of it, not at the method with a reason
 * the user cannot find in the source.
 */
class FallbackPlaceTest {
    @Test
    void anOpsResultKeptInALocalIsNamedAtItsCall() {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.C",
                "package p;",
                "",
                "import static dev.jgrad.Ops.*;",
                "",
                "import dev.jgrad.Grad;",
                "import dev.jgrad.Jit;",
                "",
                "class C {",
                "    @Jit @Grad(wrt = \"w\") static double rowSumsLoss(double[][] w, double[] t) {",
                "        double[] rs = rowSums(w);",
                "        double[] cs = colSums(w);",
                "        double l = 0;",
                "        for (int i = 0; i < rs.length; i++) l += (rs[i] - t[i]) * (rs[i] - t[i]);",
                "        return l + logSumExp(cs);",
                "    }",
                "}");
        Compilation compilation = Compiler.javac()
                .withProcessors(new JgradProcessor())
                .withOptions("--release", "17", "-Werror")
                .compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).hadNoteContaining("[JgradJitFallback] @Jit @Grad method 'rowSumsLoss' gets the taped"
                + " reverse-mode gradient, not the fused tape-free one: it keeps the result of `colSums(w)`, an array"
                + " written element by element").inFile(source).onLine(11);
    }
}
