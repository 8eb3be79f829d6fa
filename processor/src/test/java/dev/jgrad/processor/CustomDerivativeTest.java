package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jgrad.processor.testing.JgradCompiler.assertErrorsAsMarked;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.jgrad.processor.testing.JgradCompiler;
import dev.jgrad.processor.testing.MarkedSource;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @Derivative} where the function and its partials come from a jar: only class files, read
 * through the element API (the annotation's retention is CLASS). The library is compiled first, and its
 * class files alone are put on the class path of the user's compilation.
 */
class CustomDerivativeTest {
    @TempDir
    Path library;

    private static final String LIB = """
            package lib;

            import dev.jgrad.Derivative;

            public final class Special {
                private Special() {}

                public static double logistic(double x) {
                    return 1 / (1 + Math.exp(-x));
                }

                @Derivative(of = "logistic", wrt = "x")
                public static double logisticDx(double x) {
                    double s = logistic(x);
                    return s * (1 - s);
                }

                public static double blend(double a, double b, double t) {
                    return a + (b - a) * t;
                }

                @Derivative(of = "blend", wrt = "a")
                public static double blendDa(double a, double b, double t) {
                    return 1 - t;
                }

                @Derivative(of = "blend", wrt = "b")
                public static double blendDb(double a, double b, double t) {
                    return t;
                }

                @Derivative(of = "blend", wrt = "t")
                public static double blendDt(double a, double b, double t) {
                    return b - a;
                }

                public static double scale(double x, double s) {
                    return x * s;
                }

                @Derivative(of = "scale", wrt = "x")
                public static double scaleDx(double x, double s) {
                    return s;
                }
            }
            """;

    /**
     * The library's class files, written below {@link #library}; compiled with {@code -g} (Maven's and
     * Gradle's default), which keeps parameter names, or {@code -g:none}, which does not.
     */
    private void compileLibrary(String debugOption) throws IOException {
        Compilation lib = Compiler.javac().withProcessors(new JgradProcessor())
                .withOptions("--release", "17", debugOption).compile(JavaFileObjects.forSourceString("lib.Special", LIB));
        assertThat(lib).succeededWithoutWarnings();
        for (JavaFileObject f : lib.generatedFiles()) {
            if (f.getKind() != JavaFileObject.Kind.CLASS) {
                continue;
            }
            String path = f.toUri().getPath();
            Path out = library.resolve(path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length()));
            Files.createDirectories(out.getParent());
            try (InputStream in = f.openInputStream()) {
                Files.copy(in, out);
            }
        }
        assertTrue(Files.exists(library.resolve("lib/Special.class")));
    }

    private Compilation compileAgainstLibrary(JavaFileObject... files) {
        List<File> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(new File(entry));
        }
        classPath.add(library.toFile());
        return Compiler.javac().withProcessors(new JgradProcessor()).withOptions("--release", "17")
                .withClasspath(classPath).compile(files);
    }

    @Test
    void partialsFromAJarAreCalled() throws IOException {
        compileLibrary("-g");
        Compilation c = compileAgainstLibrary(JavaFileObjects.forSourceString("p.C", """
                package p;

                import dev.jgrad.Grad;
                import lib.Special;

                class C {
                    @Grad static double f(double w, double v) {
                        return Special.logistic(w * v) + Special.blend(w, 2, v) + Special.scale(v, 3);
                    }
                }
                """));
        assertThat(c).succeededWithoutWarnings();
        String generated = JgradCompiler.content(c.generatedSourceFile("p.CGrad").orElseThrow());
        for (String call : List.of("Special.logisticDx(", "Special.blendDa(", "Special.blendDt(", "Special.scaleDx(v, 3)")) {
            assertTrue(generated.contains(call), () -> call + " not in:\n" + generated);
        }
        // the partial in a constant argument is zero, and never called (scale has none in s: only constants go there)
        assertTrue(!generated.contains("blendDb"), generated);
    }

    @Test
    void aMissingPartialOfAJarFunctionIsAnErrorAtTheCall() throws IOException {
        compileLibrary("-parameters");
        MarkedSource source = MarkedSource.of("p.C", """
                package p;

                import dev.jgrad.Grad;
                import lib.Special;

                class C {
                    @Grad static double f(double w) {
                        // error: JgradDerivative at "Special.scale(w, w)"
                        return Special.scale(w, w) * w;
                    }
                }
                """);
        Compilation c = compileAgainstLibrary(source.file());
        assertErrorsAsMarked(c, source);
        assertThat(c).hadErrorContaining("its parameter 's' can carry a derivative");
        assertThat(c).hadErrorContaining("@Derivative(of = \"scale\", wrt = \"s\")");
        assertThat(c).hadErrorContaining("static double scaleDs(double x, double s)");
    }

    /** Without parameter names in the class file, {@code wrt} names nothing: say how to compile the library. */
    @Test
    void aJarWithoutParameterNamesIsAnErrorAtTheCallSayingHowToCompileIt() throws IOException {
        compileLibrary("-g:none");
        MarkedSource source = MarkedSource.of("p.C", """
                package p;

                import dev.jgrad.Grad;
                import lib.Special;

                class C {
                    @Grad static double f(double w) {
                        // error: JgradDerivative at "Special.logistic(w)"
                        return Special.logistic(w) * w;
                    }
                }
                """);
        Compilation c = compileAgainstLibrary(source.file());
        assertErrorsAsMarked(c, source);
        assertThat(c).hadErrorContaining("keeps no parameter names");
        assertThat(c).hadErrorContaining("-parameters");
    }
}
