package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jgrad.processor.testing.JgradCompiler.assertErrorsAsMarked;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.jgrad.processor.testing.GeneratedSources;
import dev.jgrad.processor.testing.JgradCompiler;
import dev.jgrad.processor.testing.MarkedSource;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @Derivative} on array parameters where only class files are there: a library's function of a
 * {@code double[]} and a {@code double[][]}, with its partials, compiled first; the user's {@code @Grad},
 * {@code @Jit @Grad}, {@code @Jvp} and {@code @Jacobian} methods call it, and their results are checked
 * against the partials' closed forms. (The corpus class {@code ArrayDerivatives} covers the constructs
 * in one compilation, with finite differences.)
 */
class ArrayDerivativeTest {
    @TempDir
    Path library;

    private static final String LIB = """
            package lib;

            import dev.jgrad.Derivative;

            public final class Stats {
                private Stats() {}

                /** log sum exp, by any Java at all. */
                public static double logSumExp(double[] z) {
                    double m = java.util.Arrays.stream(z).max().orElse(0);
                    double s = 0;
                    for (double v : z) {
                        s += Math.exp(v - m);
                    }
                    return m + Math.log(s);
                }

                @Derivative(of = "logSumExp", wrt = "z")
                public static double[] logSumExpDz(double[] z) {
                    double lse = logSumExp(z);
                    double[] p = new double[z.length];
                    for (int i = 0; i < z.length; i++) {
                        p[i] = Math.exp(z[i] - lse);
                    }
                    return p;
                }

                /** s times the sum of the entries of m. */
                public static double total(double[][] m, double s) {
                    double t = 0;
                    for (double[] row : m) {
                        for (double v : row) {
                            t += v;
                        }
                    }
                    return s * t;
                }

                @Derivative(of = "total", wrt = "m")
                public static double[][] totalDm(double[][] m, double s) {
                    double[][] d = new double[m.length][];
                    for (int i = 0; i < m.length; i++) {
                        d[i] = new double[m[i].length];
                        java.util.Arrays.fill(d[i], s);
                    }
                    return d;
                }

                @Derivative(of = "total", wrt = "s")
                public static double totalDs(double[][] m, double s) {
                    return total(m, 1);
                }

                /** A partial of the wrong length: caught at run time. */
                public static double broken(double[] x) {
                    return x[0];
                }

                @Derivative(of = "broken", wrt = "x")
                public static double[] brokenDx(double[] x) {
                    return new double[x.length + 1];
                }
            }
            """;

    private static final String USER = """
            package p;

            import dev.jgrad.Grad;
            import dev.jgrad.Jacobian;
            import dev.jgrad.Jit;
            import dev.jgrad.Jvp;
            import lib.Stats;

            public class C {
                @Grad @Jvp public static double f(double[] z, double[][] m, double s) {
                    return 2 * Stats.logSumExp(z) + Stats.total(m, s);
                }

                @Jit @Grad public static double rows(double[][] x) {
                    double sum = 0;
                    for (int i = 0; i < x.length; i++) {
                        sum += Stats.logSumExp(x[i]);
                    }
                    return sum;
                }

                @Jacobian public static double[] softmaxes(double[] z, double t) {
                    double[] out = new double[z.length];
                    for (int i = 0; i < z.length; i++) {
                        double[] shifted = new double[z.length];
                        for (int j = 0; j < z.length; j++) {
                            shifted[j] = z[j] * (i + 1) + t;
                        }
                        out[i] = Stats.logSumExp(shifted);
                    }
                    return out;
                }

                @Grad public static double broken(double[] x) {
                    return Stats.broken(x);
                }
            }
            """;

    @Test
    void arrayPartialsFromAJarServeEveryMode() throws Exception {
        compileLibrary();
        Compilation c = compileAgainstLibrary(JavaFileObjects.forSourceString("p.C", USER));
        assertThat(c).succeededWithoutWarnings();
        String grad = GeneratedSources.generated(c, "p.CGrad");
        assertEquals(1, GeneratedSources.count(GeneratedSources.method(grad, "public static FGradient f("),
                "Stats.logSumExpDz(z)"), grad);
        assertTrue(grad.contains("Partials.checked(\"Stats.totalDm\", \"m\", Stats.totalDm(m, s), m)"), grad);
        try (URLClassLoader loader = loader(c)) {
            double[] z = {0.3, -1.2, 2.0};
            double[][] m = {{1, 2}, {3}};
            double[] p = softmax(z, 1, 0);

            Object g = call(loader, "p.CGrad", "f", z, m, 1.5);
            assertArrayEquals(new double[] {2 * p[0], 2 * p[1], 2 * p[2]}, (double[]) get(g, "z"), 1e-15);
            assertArrayEquals(new double[][] {{1.5, 1.5}, {1.5}}, (double[][]) get(g, "m"));
            assertEquals(6.0, (double) get(g, "s"));

            double[] zDot = {1, 0.5, -2};
            double[][] mDot = {{1, 0}, {-1}};
            Object jvp = call(loader, "p.CJvp", "f", z, m, 1.5, zDot, mDot, 0.25);
            double expected = 2 * (p[0] * zDot[0] + p[1] * zDot[1] + p[2] * zDot[2]) + 1.5 * (1 + 0 - 1) + 6 * 0.25;
            assertEquals(expected, (double) get(jvp, "tangent"), 1e-14);

            double[][] x = {z, {1, 1, 1}};
            double[][] rows = (double[][]) get(call(loader, "p.CGrad", "rows", (Object) x), "x");
            assertArrayEquals(p, rows[0], 1e-15);
            assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, rows[1], 1e-15);

            // two outputs and four inputs (reverse rows), four outputs and two inputs (tangent columns)
            for (double[] in : List.of(new double[] {0.1, 0.4}, new double[] {0.1, 0.4, -0.3, 0.2})) {
                double[][] jacobian = (double[][]) get(call(loader, "p.CJacobian", "softmaxes", in, 0.7), "jacobian");
                for (int i = 0; i < in.length; i++) {
                    double[] q = softmax(in, i + 1, 0.7);
                    for (int j = 0; j < in.length; j++) {
                        assertEquals((i + 1) * q[j], jacobian[i][j], 1e-14, "d out[" + i + "] / d z[" + j + "]");
                    }
                    assertEquals(1.0, jacobian[i][in.length], 1e-14, "d out[" + i + "] / d t");
                }
            }

            Throwable thrown = null;
            try {
                call(loader, "p.CGrad", "broken", (Object) new double[] {1, 2});
            } catch (java.lang.reflect.InvocationTargetException e) {
                thrown = e.getCause();
            }
            assertTrue(thrown instanceof IllegalArgumentException, String.valueOf(thrown));
            assertEquals("Stats.brokenDx returned shape [3] for parameter 'x' of shape [2]: a @Derivative method"
                    + " returns an array of its parameter's shape", thrown.getMessage());
        }
    }

    /** A wrong return type is an error at the annotation that spells the signature to declare. */
    @Test
    void aPartialInAnArrayReturnsAnArrayOfItsShape() {
        MarkedSource source = MarkedSource.of("p.C", """
                package p;

                import dev.jgrad.Derivative;

                class C {
                    static double norm(double[][] m, double s) {
                        return s * m[0][0];
                    }

                    // error: JgradDerivative at "@Derivative(of = \"norm\", wrt = \"m\")"
                    @Derivative(of = "norm", wrt = "m")
                    static double[] normDm(double[][] m, double s) {
                        return m[0];
                    }
                }
                """);
        Compilation c = JgradCompiler.compile(source.file());
        assertErrorsAsMarked(c, source);
        assertThat(c).hadErrorContaining("returns double[], but the partial in 'm' has that parameter's type");
        assertThat(c).hadErrorContaining("declare it as static double[][] normDm(double[][] m, double s)");
    }

    /**
     * An array parameter without a partial: a data array (inactive) needs none; an argument that depends
     * on the inputs is an error at the call, spelling the partial to add, also where a helper jgrad
     * inlines makes the call.
     */
    @Test
    void anActiveArrayWithoutAPartialIsAnErrorAtTheCall() {
        MarkedSource source = MarkedSource.of("p.C", """
                package p;

                import dev.jgrad.Derivative;
                import dev.jgrad.Grad;

                class C {
                    static double weighted(double[] w, double[] data) {
                        return w[0] * data[0];
                    }

                    @Derivative(of = "weighted", wrt = "w")
                    static double[] weightedDw(double[] w, double[] data) {
                        return new double[] {data[0]};
                    }

                    static double helper(double[] w, double[] e) {
                        // error: JgradDerivative at "weighted(w, e)"
                        return weighted(w, e);
                    }

                    @Grad(wrt = "w") static double scaledData(double[] w, double[] d) {
                        double[] e = new double[d.length];
                        for (int i = 0; i < d.length; i++) {
                            e[i] = d[i] * w[0];
                        }
                        return helper(w, e) + weighted(w, d);
                    }
                }
                """);
        Compilation c = JgradCompiler.compile(source.file());
        assertErrorsAsMarked(c, source);
        assertThat(c).hadErrorContaining("call to weighted: its parameter 'data' can carry a derivative, but weighted"
                + " has @Derivative methods for 'w' only, and this call passes it an array that depends on the"
                + " differentiated inputs (a data array needs no partial): add the partial to C");
        assertThat(c).hadErrorContaining("static double[] weightedDdata(double[] w, double[] data)");
    }

    /**
     * Under {@code @Hessian}, a partial in an array is differentiated again from its source (its tangent, a
     * private helper of {@code CHessian}): the Hessian of {@code sum x_i^3 + x_0 x_1} through {@code cube}'s
     * partial, exact; {@code fHvp} equal to it times {@code v}.
     */
    @Test
    void underHessianAnArrayPartialInSourceIsDifferentiatedAgain() throws Exception {
        Compilation c = JgradCompiler.compile(JavaFileObjects.forSourceString("p.C", """
                package p;

                import dev.jgrad.Derivative;
                import dev.jgrad.Hessian;

                public class C {
                    static double cube(double[] x, double s) {
                        double t = 0;
                        for (double v : x) {
                            t += v * v * v;
                        }
                        return s * t;
                    }

                    @Derivative(of = "cube", wrt = "x")
                    static double[] cubeDx(double[] x, double s) {
                        double[] d = new double[x.length];
                        for (int i = 0; i < x.length; i++) {
                            d[i] = 3 * s * x[i] * x[i];
                        }
                        return d;
                    }

                    @Derivative(of = "cube", wrt = "s")
                    static double cubeDs(double[] x, double s) {
                        return cube(x, 1);
                    }

                    @Hessian public static double h(double[] x, double s) {
                        return cube(x, s) + x[0] * x[1];
                    }
                }
                """));
        assertThat(c).succeededWithoutWarnings();
        String hessian = GeneratedSources.generated(c, "p.CHessian");
        assertTrue(hessian.contains("private static double[] cubeDxTangent(double[] x, double s, double[] xDot, double sDot)"),
                hessian);
        assertTrue(hessian.contains("private static double cubeDsTangent(double[] x, double s, double[] xDot, double sDot)"),
                hessian);
        double[] x = {0.5, -1.5};
        double s = 2;
        double[][] expected = {{6 * s * x[0], 1, 3 * x[0] * x[0]}, {1, 6 * s * x[1], 3 * x[1] * x[1]},
                {3 * x[0] * x[0], 3 * x[1] * x[1], 0}};
        try (URLClassLoader loader = loader(c)) {
            double[][] h = (double[][]) get(call(loader, "p.CHessian", "h", x, s), "hessian");
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected[i], h[i], 1e-14);
            }
            double[] v = {0.25, -1, 0.5};
            double[] hv = (double[]) get(call(loader, "p.CHessian", "hHvp", x, s, v), "hvp");
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[i][0] * v[0] + expected[i][1] * v[1] + expected[i][2] * v[2], hv[i], 1e-14);
            }
        }
    }

    /** A partial in an array outside the subset: the error at the {@code @Hessian} method names it, the cause at its line. */
    @Test
    void underHessianAnArrayPartialOutsideTheSubsetIsAnError() {
        MarkedSource source = MarkedSource.of("p.C", """
                package p;

                import dev.jgrad.Derivative;
                import dev.jgrad.Grad;
                import dev.jgrad.Hessian;

                class C {
                    static double sq(double[] x) {
                        return x[0] * x[0];
                    }

                    @Derivative(of = "sq", wrt = "x")
                    static double[] sqDx(double[] x) {
                        // error: JgradStatement at "synchronized"
                        synchronized (C.class) {
                            return new double[] {2 * x[0]};
                        }
                    }

                    // error: JgradDerivative at "h"
                    @Grad @Hessian static double h(double[] x) {
                        return sq(x);
                    }
                }
                """);
        Compilation c = JgradCompiler.compile(source.file());
        assertErrorsAsMarked(c, source);
        assertThat(c).hadErrorContaining("call to sq cannot use its @Derivative methods: @Hessian differentiates its"
                + " @Derivative method sqDx of a function of arrays (forward mode of its source), which is outside the"
                + " differentiable subset");
    }

    /** A partial in an array from a jar has no source to differentiate: the error names it and says what to do. */
    @Test
    void underHessianAnArrayPartialFromAJarIsAnError() throws Exception {
        compileLibrary();
        Compilation c = compileAgainstLibrary(JavaFileObjects.forSourceString("p.C", """
                package p;

                import dev.jgrad.Grad;
                import dev.jgrad.Hessian;
                import lib.Stats;

                class C {
                    @Grad @Hessian static double f(double[] z) {
                        return Stats.logSumExp(z);
                    }
                }
                """));
        assertThat(c).hadErrorCount(1);
        assertThat(c).hadErrorContaining("[JgradDerivative] call to logSumExp cannot use its @Derivative methods:"
                + " @Hessian differentiates its @Derivative method logSumExpDz of a function of arrays (forward mode of"
                + " its source), which is compiled elsewhere, so jgrad cannot read its body: compile logSumExpDz with"
                + " the method that has @Hessian");
    }

    // ---------------------------------------------------------------- helpers

    private static double[] softmax(double[] z, double scale, double shift) {
        double[] p = new double[z.length];
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] * scale + shift);
            s += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= s;
        }
        return p;
    }

    private void compileLibrary() throws IOException {
        Compilation lib = Compiler.javac().withProcessors(new JgradProcessor())
                .withOptions("--release", "17", "-g").compile(JavaFileObjects.forSourceString("lib.Stats", LIB));
        assertThat(lib).succeededWithoutWarnings();
        for (JavaFileObject f : lib.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                String path = f.toUri().getPath();
                Path out = library.resolve(path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length()));
                Files.createDirectories(out.getParent());
                try (InputStream in = f.openInputStream()) {
                    Files.copy(in, out);
                }
            }
        }
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

    /** The library's class files, and those the compilation wrote, in memory. */
    private URLClassLoader loader(Compilation c) throws IOException {
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject f : c.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                String path = f.toUri().getPath();
                String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length())
                        .replaceFirst("\\.class$", "").replace('/', '.');
                try (InputStream in = f.openInputStream()) {
                    classes.put(name, in.readAllBytes());
                }
            }
        }
        return new URLClassLoader(new URL[] {library.toUri().toURL()}, ArrayDerivativeTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                return bytes == null ? super.findClass(name) : defineClass(name, bytes, 0, bytes.length);
            }
        };
    }

    private static Object call(ClassLoader loader, String owner, String name, Object... args) throws Exception {
        for (Method m : loader.loadClass(owner).getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                return m.invoke(null, args);
            }
        }
        throw new NoSuchMethodException(owner + "." + name);
    }

    private static Object get(Object record, String component) {
        try {
            return record.getClass().getMethod(component).invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
