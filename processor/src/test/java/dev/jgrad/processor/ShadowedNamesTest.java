package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jgrad.processor.testing.GeneratedSources;
import dev.jgrad.processor.testing.JgradCompiler;
import dev.jgrad.processor.testing.MemoryClasses;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A class of the user's package named like a class that generated code names ({@code Math},
 * {@code Double}, {@code IllegalArgumentException}, the runtime's {@code Tape}, ...) must not take its
 * place: the generated code names such classes with their package, and computes what the source does.
 */
class ShadowedNamesTest {

    private static final String SOURCE = """
            package p;

            import dev.jgrad.Grad;
            import dev.jgrad.Hessian;
            import dev.jgrad.Jit;
            import dev.jgrad.Jvp;
            import static dev.jgrad.Ops.*;

            public final class S {
                private S() {}

                @Jit @Grad
                public static double f(double x) {
                    return java.lang.Math.exp(x) + java.lang.Math.sin(x);
                }

                @Jit @Grad(wrt = "w")
                public static double maxOf(double[] w, double[][] x) {
                    double m = java.lang.Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < x.length; i++) {
                        double z = 0;
                        for (int j = 0; j < w.length; j++) {
                            z += w[j] * x[i][j];
                        }
                        m = java.lang.Math.max(m, java.lang.Math.tanh(z));
                    }
                    return m;
                }

                @Jit @Grad(wrt = {"w", "b"})
                public static double mse(double[] w, double b, double[][] x, double[] y) {
                    return mean(square(sub(add(matvec(x, w), b), y)));
                }

                @Grad
                public static double writes(double[] a, double[] b) {
                    a[0] = b[0] * 2;
                    return a[0] * b[1];
                }

                @Grad @Jvp @Hessian
                public static double g(double x, double y) {
                    return java.lang.Math.exp(x * y) + java.lang.Math.pow(x, y) + java.lang.Math.log(y);
                }

                @Grad @Hessian
                public static double opsMax(double[] v) {
                    return max(v) + logSumExp(v);
                }
            }
            """;

    /** Classes of the package p named like the classes generated code names, each wrong where it can be. */
    private static List<JavaFileObject> shadows() {
        List<JavaFileObject> out = new ArrayList<>();
        out.add(JavaFileObjects.forSourceString("p.Math", """
                package p;
                public final class Math {
                    public static double exp(double x) { return 1 + x; }
                    public static double sin(double x) { return x; }
                }
                """));
        out.add(JavaFileObjects.forSourceString("p.Double", """
                package p;
                public final class Double {
                    public static final double NEGATIVE_INFINITY = 0.0;
                    public static final double POSITIVE_INFINITY = 0.0;
                    public static final double NaN = 0.0;
                }
                """));
        out.add(JavaFileObjects.forSourceString("p.IllegalArgumentException", """
                package p;
                public class IllegalArgumentException extends RuntimeException {
                    public IllegalArgumentException(String s) { super("user's: " + s); }
                }
                """));
        for (String name : List.of("Integer", "System", "Objects", "StrictMath", "String", "Object", "Override",
                "NullPointerException", "IllegalStateException", "ArrayIndexOutOfBoundsException", "Tape", "Sums",
                "Parallel", "Arrays2", "Aliases", "Simd", "JitMath", "Ops", "Shapes", "Generated")) {
            out.add(JavaFileObjects.forSourceString("p." + name, "package p;\nfinal class " + name + " {}\n"));
        }
        out.add(JavaFileObjects.forSourceString("p.S", SOURCE));
        return out;
    }

    @Test
    void classesOfThePackageHideNothingTheGeneratedCodeNames() throws Exception {
        Compilation compilation = JgradCompiler.compile(shadows());
        assertThat(compilation).succeeded();
        ClassLoader loader = new MemoryClasses(compilation);
        Class<?> grad = loader.loadClass("p.SGrad");
        Class<?> jit = loader.loadClass("p.SJit");

        double x = 0.7;
        double f = java.lang.Math.exp(x) + java.lang.Math.sin(x);
        assertEquals(f, value(grad, "f", x));
        assertEquals(java.lang.Math.exp(x) + java.lang.Math.cos(x), part(grad, "f", "x", x));
        assertEquals(f, (double) jit.getMethod("f", double.class).invoke(null, x));

        double[] w = {1, 1};
        double[][] rows = {{-1, -2}, {-3, -1}};
        double max = java.lang.Math.max(java.lang.Math.tanh(-3), java.lang.Math.tanh(-4));
        assertEquals(max, value(grad, "maxOf", w, rows));
        assertEquals(max, (double) jit.getMethod("maxOf", double[].class, double[][].class).invoke(null, w, rows));

        // the shape check of Ops throws java.lang's exception, not the package's
        double[][] ragged = {{1, 2}, {3}, {5, 6}};
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> grad
                .getMethod("mse", double[].class, double.class, double[][].class, double[].class)
                .invoke(null, w, 0.5, ragged, new double[] {1, 2, 3}));
        assertEquals(java.lang.IllegalArgumentException.class, thrown.getCause().getClass());
        InvocationTargetException fast = assertThrows(InvocationTargetException.class, () -> jit
                .getMethod("mse", double[].class, double.class, double[][].class, double[].class)
                .invoke(null, w, 0.5, ragged, new double[] {1, 2, 3}));
        assertEquals(java.lang.IllegalArgumentException.class, fast.getCause().getClass());

        double[] a = {1, 2};
        Object g = grad.getMethod("writes", double[].class, double[].class).invoke(null, a, new double[] {3, 4});
        assertEquals(24.0, (double) g.getClass().getMethod("value").invoke(g));

        double gxy = java.lang.Math.exp(0.5 * 2) + java.lang.Math.pow(0.5, 2) + java.lang.Math.log(2);
        assertEquals(gxy, value(grad, "g", 0.5, 2.0));
        Class<?> hessian = loader.loadClass("p.SHessian");
        Object h = hessian.getMethod("g", double.class, double.class).invoke(null, 0.5, 2.0);
        assertEquals(gxy, (double) h.getClass().getMethod("value").invoke(h));
        Class<?> jvp = loader.loadClass("p.SJvp");
        Object t = jvp.getMethod("g", double.class, double.class, double.class, double.class).invoke(null, 0.5, 2.0, 1.0, 0.0);
        assertEquals(gxy, (double) t.getClass().getMethod("value").invoke(t));

        double[] v = {-1, -2};
        double opsMax = -1 + (-1 + java.lang.Math.log(1 + java.lang.Math.exp(-1)));
        assertEquals(opsMax, value(grad, "opsMax", v), 1e-15);
        Object ho = hessian.getMethod("opsMax", double[].class).invoke(null, (Object) v);
        assertEquals(value(grad, "opsMax", v), (double) ho.getClass().getMethod("value").invoke(ho));
    }

    /** The qualified names appear only where the package declares a clashing class. */
    @Test
    void namesStayShortWithoutAClash() {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("p.S", SOURCE));
        assertThat(compilation).succeeded();
        String plain = code(GeneratedSources.generated(compilation, "p.SGrad"));
        assertTrue(plain.contains(" Math.exp("), plain);
        assertFalse(plain.contains("java.lang."), plain);
        Compilation shadowed = JgradCompiler.compile(shadows());
        String qualified = code(GeneratedSources.generated(shadowed, "p.SGrad"));
        assertTrue(qualified.contains("java.lang.Math.exp("), qualified);
        // no Math.exp( that p.Math would take (JitMath.exp( is the runtime's, written with its package)
        assertFalse(qualified.matches("(?s).*[^.\\w]Math\\.exp\\(.*"), qualified);
        assertTrue(qualified.contains("dev.jgrad.runtime.JitMath.exp("), qualified);
        assertTrue(qualified.contains("throw new java.lang.IllegalArgumentException("), qualified);
        assertTrue(qualified.contains("dev.jgrad.runtime.Tape tape = dev.jgrad.runtime.Tape.acquire()"), qualified);
    }

    /** The source without its line comments, which quote the user's source. */
    private static String code(String source) {
        return source.replaceAll("(?m)^\\s*//.*$", "");
    }

    private static double value(Class<?> grad, String name, Object... args) throws Exception {
        Object r = method(grad, name).invoke(null, args);
        return (double) r.getClass().getMethod("value").invoke(r);
    }

    private static double part(Class<?> grad, String name, String component, Object... args) throws Exception {
        Object r = method(grad, name).invoke(null, args);
        return (double) r.getClass().getMethod(component).invoke(r);
    }

    private static Method method(Class<?> c, String name) {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name);
    }
}
