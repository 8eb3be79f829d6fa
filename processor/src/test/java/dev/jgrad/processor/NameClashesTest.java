package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jgrad.processor.testing.JgradCompiler.assertErrorsAsMarked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jgrad.processor.testing.GeneratedSources;
import dev.jgrad.processor.testing.JgradCompiler;
import dev.jgrad.processor.testing.MarkedSource;
import dev.jgrad.processor.testing.MemoryClasses;
import org.junit.jupiter.api.Test;

/**
 * Names jgrad generates beside the user's: a source method named like a method generated for
 * another is an error at that method; names that Java tells apart (a chunk method, which takes the
 * runtime's {@code Sums}; a helper of another package) compile and run.
 */
class NameClashesTest {

    private static void assertMarked(String source) {
        MarkedSource c = MarkedSource.of("p.C", source);
        assertErrorsAsMarked(JgradCompiler.compile(c), c);
    }

    /** {@code loss} gets {@code lossHvp} in {@code CHessian}; a {@code @Hessian lossHvp} would be a second. */
    @Test
    void aHessianMethodNamedLikeAnotherOnesHessianVectorProduct() {
        assertMarked("""
                package p;

                import dev.jgrad.Hessian;

                class C {
                    // error: JgradOverloaded at "lossHvp"
                    @Hessian static double lossHvp(double[] w, double[] v) {
                        double s = 0;
                        for (int i = 0; i < w.length; i++) {
                            s += w[i] * v[i] * w[i];
                        }
                        return s;
                    }

                    @Hessian static double loss(double[] w) {
                        double s = 0;
                        for (double x : w) {
                            s += x * x * x;
                        }
                        return s;
                    }
                }
                """);
    }

    /** {@code CJacobian} has {@code fColumn} and {@code fRow} beside {@code f}. */
    @Test
    void aJacobianMethodNamedLikeAnotherOnesColumnOrRow() {
        assertMarked("""
                package p;

                import dev.jgrad.Jacobian;

                class C {
                    @Jacobian static double[] f(double[] x) {
                        return new double[] {x[0] * x[1], x[0]};
                    }

                    // error: JgradOverloaded at "fColumn"
                    @Jacobian static double[] fColumn(double[] x, double[] v) {
                        return new double[] {x[0] * v[0]};
                    }

                    // error: JgradOverloaded at "fRow"
                    @Jacobian static double[] fRow(double[] x) {
                        return new double[] {x[0]};
                    }
                }
                """);
    }

    /** {@code CHessian} differentiates a {@code @Derivative} method {@code cdfDx} in {@code cdfDxTangent}. */
    @Test
    void aHessianMethodNamedLikeTheTangentOfADerivativeMethod() {
        assertMarked("""
                package p;

                import dev.jgrad.Derivative;
                import dev.jgrad.Hessian;

                class C {
                    static double cdf(double x) {
                        return 0.5 * (1 + Math.tanh(0.8 * x));
                    }

                    @Derivative(of = "cdf", wrt = "x")
                    static double cdfDx(double x) {
                        double t = Math.tanh(0.8 * x);
                        return 0.4 * (1 - t * t);
                    }

                    @Hessian static double price(double s, double k) {
                        return s * cdf(s - k);
                    }

                    // error: JgradOverloaded at "cdfDxTangent"
                    @Hessian static double cdfDxTangent(double x, double dx) {
                        return x * dx;
                    }
                }
                """);
    }

    /** A class of the user's named as jgrad names its output ({@code CGrad} beside {@code C}). */
    @Test
    void aClassOfThePackageNamedLikeAGeneratedClass() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                // error: JgradOverloaded at "class"
                class C {
                    @Grad static double loss(double w) {
                        return w * w;
                    }
                }

                final class CGrad {
                    static double dLoss(double w) {
                        return 2 * w;
                    }
                }
                """);
    }

    /**
     * A class of the package named like a java.lang class makes the generated code write
     * {@code java.lang.Math}, which a parameter {@code java} would hide.
     */
    @Test
    void aParameterNamedJavaWhereThePackageHidesAJavaLangClass() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double f(double x,
                            // error: JgradReservedName at "java"
                            double java) {
                        return StrictMath.sin(x) * java;
                    }
                }

                class Math {
                    static double exp(double x) {
                        return 1 + x;
                    }
                }
                """);
    }

    /** The same with a class named like the runtime's: the code writes {@code dev.jgrad.runtime.Simd}. */
    @Test
    void aParameterNamedDevWhereThePackageHidesARuntimeClass() {
        assertMarked("""
                package p;

                import dev.jgrad.Jit;

                class C {
                    @Jit static double dot(double[] w, double[][] x,
                            // error: JgradReservedName at "dev"
                            double dev) {
                        double s = 0;
                        for (int i = 0; i < x.length; i++) {
                            for (int j = 0; j < w.length; j++) {
                                s += w[j] * x[i][j];
                            }
                        }
                        return s * dev;
                    }
                }

                final class Simd {}
                """);
    }

    /**
     * The copy of a helper that the generated class cannot see links nothing it cannot see: a link
     * to a package-private class of another package would be imported, which does not compile.
     */
    @Test
    void aCopiedHelperOfAnotherPackageIsNamedNotLinked() throws Exception {
        Compilation compilation = JgradCompiler.compile(
                JavaFileObjects.forSourceString("q.util.Hid", """
                        package q.util;

                        final class Hidden {
                            private Hidden() {}
                            static double bump(double x) {
                                double r = Math.sin(x * 0.75) * Math.cosh(x / 3) + x * x;
                                return r / (1 + x * x);
                            }
                        }

                        public final class Hid {
                            private Hid() {}
                            public static double outer(double x) { return Hidden.bump(x) + Hidden.bump(2 * x); }
                        }
                        """),
                JavaFileObjects.forSourceString("p.Pb", """
                        package p;

                        import dev.jgrad.Grad;
                        import q.util.Hid;

                        public final class Pb {
                            private Pb() {}

                            @Grad static double f(double x) { return Hid.outer(x); }
                        }
                        """));
        assertThat(compilation).succeeded();
        String grad = GeneratedSources.generated(compilation, "p.PbGrad");
        assertFalse(grad.contains("import q.util.Hidden;"), grad);
        Class<?> c = new MemoryClasses(compilation).loadClass("p.PbGrad");
        Object g = c.getDeclaredMethod("f", double.class).invoke(null, 0.3);
        Class<?> hid = new MemoryClasses(compilation).loadClass("q.util.Hid");
        assertEquals((double) hid.getMethod("outer", double.class).invoke(null, 0.3),
                (double) g.getClass().getMethod("value").invoke(g));
    }

    /**
     * {@code @Jit f}'s parallel loop runs in a chunk method {@code fChunk(Sums, int, int, ...)}: a
     * method {@code fChunk} of the user's, with or without {@code @Jit}, is another method.
     */
    @Test
    void aMethodNamedLikeTheChunkOfAParallelLoop() throws Exception {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("p.J", """
                package p;

                import dev.jgrad.Grad;
                import dev.jgrad.Jit;

                public final class J {
                    @Jit @Grad static double f(double[] w, double[][] x) {
                        double s = 0;
                        for (int i = 0; i < x.length; i++) {
                            double z = 0;
                            for (int j = 0; j < w.length; j++) {
                                z += w[j] * x[i][j];
                            }
                            s += Math.tanh(z) + fChunk(z);
                        }
                        return s;
                    }

                    @Jit @Grad static double fChunk(double z) {
                        return z * z;
                    }

                    @Jit @Grad static double fGradient(double[] w) {
                        double s = 0;
                        for (int i = 0; i < w.length; i++) {
                            s += w[i] * w[i];
                        }
                        return s;
                    }
                }
                """));
        assertThat(compilation).succeeded();
        MemoryClasses loader = new MemoryClasses(compilation);
        Class<?> source = loader.loadClass("p.J");
        Class<?> jit = loader.loadClass("p.JJit");
        Class<?> grad = loader.loadClass("p.JGrad");
        double[] w = {0.5, -0.25};
        double[][] x = new double[64][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {i * 0.01, 1 - i * 0.02};
        }
        java.lang.reflect.Method f = source.getDeclaredMethod("f", double[].class, double[][].class);
        f.setAccessible(true);
        double expected = (double) f.invoke(null, w, x);
        assertEquals(expected, (double) jit.getMethod("f", double[].class, double[][].class).invoke(null, w, x), 1e-12);
        Object g = grad.getMethod("f", double[].class, double[][].class).invoke(null, w, x);
        assertEquals(expected, (double) g.getClass().getMethod("value").invoke(g), 1e-12);
        assertEquals(9.0, (double) jit.getMethod("fChunk", double.class).invoke(null, 3.0));
    }

    /**
     * A parameter or local named like a class of the user's package that the generated code names (a helper
     * of its own methods, {@code K.cdf}; a constant, {@code Cfg.G}): JavaPoet writes such a class short, and
     * {@code K.cdf(x)} with a {@code double K} in scope does not compile; so it is written {@code p.K.cdf(x)}.
     */
    @Test
    void aParameterOrLocalNamedLikeAClassOfThePackageThatTheCodeNames() throws Exception {
        Compilation compilation = JgradCompiler.compile(
                JavaFileObjects.forSourceString("p.Cfg", """
                        package p;

                        public final class Cfg {
                            private Cfg() {}
                            public static final double G = Math.sqrt(2.0);
                        }
                        """),
                JavaFileObjects.forSourceString("p.K", """
                        package p;

                        import dev.jgrad.Grad;
                        import dev.jgrad.Hessian;
                        import dev.jgrad.Jit;
                        import dev.jgrad.Jvp;

                        public final class K {
                            private K() {}

                            static double cdf(double x) {
                                double t = 1.0 / (1.0 + 0.2316419 * Math.abs(x));
                                double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937
                                        + t * (-1.821255978 + t * 1.330274429))));
                                return 1.0 - Math.exp(-0.5 * x * x) * 0.3989422804014327 * poly;
                            }

                            static double scaled(double x) {
                                return x * Cfg.G;
                            }

                            @Jit @Grad @Jvp @Hessian
                            public static double call(double S, double K) {
                                double Cfg = 0.5;
                                return S * cdf(S / K) - K * cdf(S / K - 0.1) + Cfg * scaled(S);
                            }

                            @Grad
                            public static double put(double S, double K) {
                                return K * cdf(0.1 - S / K) - S * cdf(-S / K);
                            }
                        }
                        """));
        assertThat(compilation).succeeded();
        String grad = GeneratedSources.generated(compilation, "p.KGrad");
        assertTrue(grad.contains("p.K.cdf(") && grad.contains("p.Cfg.G"), grad);
        MemoryClasses loader = new MemoryClasses(compilation);
        double expected = (double) loader.loadClass("p.K").getMethod("call", double.class, double.class)
                .invoke(null, 1.3, 1.1);
        Object g = loader.loadClass("p.KGrad").getMethod("call", double.class, double.class).invoke(null, 1.3, 1.1);
        assertEquals(expected, (double) g.getClass().getMethod("value").invoke(g), 1e-15);
        assertEquals(expected, (double) loader.loadClass("p.KJit").getMethod("call", double.class, double.class)
                .invoke(null, 1.3, 1.1), 1e-12);
        double put = (double) loader.loadClass("p.K").getMethod("put", double.class, double.class).invoke(null, 1.3, 1.1);
        Object pg = loader.loadClass("p.KGrad").getMethod("put", double.class, double.class).invoke(null, 1.3, 1.1);
        assertEquals(Double.doubleToLongBits(put), Double.doubleToLongBits((double) pg.getClass().getMethod("value").invoke(pg)));
    }

    /** In the unnamed package the class has no qualified name: a parameter that hides it is an error at the parameter. */
    @Test
    void aParameterNamedLikeAClassOfTheUnnamedPackage() {
        MarkedSource c = MarkedSource.of("K", """
                import dev.jgrad.Grad;

                public class K {
                    static double cdf(double x) {
                        return 1.0 / (1.0 + Math.exp(-1.7 * x));
                    }

                    @Grad static double call(double S,
                            // error: JgradReservedName at "K"
                            double K) {
                        double cdf = 0.25;
                        return S * cdf(S / K) - K * cdf(S / K - 0.1) + cdf;
                    }
                }
                """);
        assertErrorsAsMarked(JgradCompiler.compile(c), c);
    }

    /** A local named like a class of the unnamed package is renamed in the generated code, which then names the class. */
    @Test
    void aLocalNamedLikeAClassOfTheUnnamedPackage() throws Exception {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("Bs", """
                import dev.jgrad.Grad;

                public class Bs {
                    static double cdf(double x) {
                        return 1.0 / (1.0 + Math.exp(-1.7 * x));
                    }

                    @Grad public static double call(double s, double k) {
                        double Bs = s / k;
                        return s * cdf(Bs) - k * cdf(Bs - 0.1);
                    }
                }
                """));
        assertThat(compilation).succeeded();
        MemoryClasses loader = new MemoryClasses(compilation);
        double expected = (double) loader.loadClass("Bs").getMethod("call", double.class, double.class)
                .invoke(null, 1.3, 1.1);
        Object g = loader.loadClass("BsGrad").getMethod("call", double.class, double.class).invoke(null, 1.3, 1.1);
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits((double) g.getClass().getMethod("value").invoke(g)));
    }

    /**
     * A {@code $} in a name is text in the javadoc of the forward-mode, Hessian and Jacobian methods, whose
     * template is a JavaPoet format: {@code $x} was read as a placeholder and the processor threw.
     */
    @Test
    void dollarsInNamesUnderForwardModes() throws Exception {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("p.D", """
                package p;

                import dev.jgrad.Hessian;
                import dev.jgrad.Jacobian;
                import dev.jgrad.Jvp;

                public final class D {
                    private D() {}

                    @Jvp public static double h(double $x) {
                        return $x * $x;
                    }

                    @Hessian public static double f$L(double x, double x$1) {
                        return x * x * x$1;
                    }

                    @Jacobian public static double[] g(double[] w, double s$) {
                        return new double[] {w[0] * s$, w[1] * w[0]};
                    }
                }
                """));
        assertThat(compilation).succeeded();
        MemoryClasses loader = new MemoryClasses(compilation);
        Object h = loader.loadClass("p.DJvp").getMethod("h", double.class, double.class).invoke(null, 3.0, 1.0);
        assertEquals(6.0, (double) h.getClass().getMethod("tangent").invoke(h));
        Object f = loader.loadClass("p.DHessian").getMethod("f$L", double.class, double.class).invoke(null, 2.0, 5.0);
        double[][] hessian = (double[][]) f.getClass().getMethod("hessian").invoke(f);
        assertEquals(10.0, hessian[0][0], 1e-12);
        assertEquals(4.0, hessian[0][1], 1e-12);
    }
}
