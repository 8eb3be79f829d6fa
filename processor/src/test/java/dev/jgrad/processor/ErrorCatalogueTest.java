package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jgrad.processor.testing.JgradCompiler.assertErrorsAsMarked;
import static dev.jgrad.processor.testing.JgradCompiler.assertNoDiagnostic;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.testing.JgradCompiler;
import dev.jgrad.processor.testing.MarkedSource;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One test per id of the error catalogue ({@link Message}), named after the id. Each compiles a
 * class {@code p.C} whose methods use one unsupported construct each, the expected error marked by a
 * {@code // error: JgradXxx at "construct"} comment on the line above (see {@link MarkedSource}), and
 * checks that exactly the marked errors are reported there, that every error is jgrad's own, and that
 * nothing is generated for the class.
 *
 * <p>{@code JgradInternal} is the exception: it must never be reported, so its test feeds the
 * processor odd but legal inputs ({@link OddInputs}) and checks that it is not.
 */
class ErrorCatalogueTest {

    private static void assertMarked(String source) {
        MarkedSource c = MarkedSource.of("p.C", source);
        assertTrue(!c.expected().isEmpty(), "the input marks no error");
        assertErrorsAsMarked(JgradCompiler.compile(c), c);
    }

    // ------------------------------------------------------------------ signatures

    @Test
    void jgradNotStatic() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    // error: JgradNotStatic at "loss"
                    @Grad double loss(double w) {
                        return w * w;
                    }
                }
                """);
    }

    /** An abstract method: that it is not static, once (it has no body either, which is no call to report). */
    @Test
    void jgradNotStaticForAnAbstractMethod() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;
                import dev.jgrad.Hessian;

                abstract class C {
                    // error: JgradNotStatic at "loss"
                    @Grad abstract double loss(double w);

                    // error: JgradNotStatic at "curvature"
                    @Hessian abstract double curvature(double w);
                }
                """);
    }

    /** A native method has no body to read: said at it, as a statement jgrad cannot differentiate. */
    @Test
    void jgradStatementForANativeMethod() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;
                import dev.jgrad.Jvp;

                class C {
                    // error: JgradStatement at "loss"
                    @Grad static native double loss(double w);

                    // error: JgradStatement at "slope"
                    @Jvp static native double slope(double w);
                }
                """);
    }

    /**
     * javac hands processors no member of a local or anonymous class, so without this check such a
     * method would be ignored without a word.
     */
    @Test
    void jgradLocalClass() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;
                import dev.jgrad.Jit;

                class C {
                    static final Object FIELD = new Object() {
                        // error: JgradLocalClass at "inField"
                        @Grad static double inField(double w) {
                            return w * w;
                        }
                    };

                    static double outer(double v) {
                        class Local {
                            // error: JgradLocalClass at "inLocal"
                            @Grad static double inLocal(double w) {
                                return w * w;
                            }

                            // error: JgradLocalClass at "fastLocal"
                            @Jit static double fastLocal(double w) {
                                return w * w;
                            }

                            static class Deep {
                                // error: JgradLocalClass at "inMemberOfLocal"
                                @Grad static double inMemberOfLocal(double w) {
                                    return w;
                                }
                            }
                        }
                        Runnable r = new Runnable() {
                            @Override
                            public void run() {
                            }

                            // error: JgradLocalClass at "inAnonymous"
                            @Grad @Jit static double inAnonymous(double w) {
                                return w;
                            }
                        };
                        r.run();
                        return Local.inLocal(v);
                    }
                }
                """);
    }

    @Test
    void jgradNotDouble() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    // error: JgradNotDouble at "asFloat"
                    @Grad static float asFloat(double w) {
                        return (float) w;
                    }

                    // error: JgradNotDouble at "asInt"
                    @Grad static int asInt(double w) {
                        return (int) w;
                    }

                    // error: JgradNotDouble at "asVoid"
                    @Grad static void asVoid(double w) {
                    }

                    // error: JgradNotDouble at "asArray"
                    @Grad static double[] asArray(double w) {
                        return new double[] {w};
                    }
                }
                """);
    }

    /** {@code @Grad} on a {@code double[]} method points to {@code @Jacobian}; {@code @Jvp} and {@code @Hessian} say what they take. */
    @Test
    void jgradNotDoubleForForwardMode() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;
                import dev.jgrad.Hessian;
                import dev.jgrad.Jvp;

                class C {
                    // error: JgradNotDouble at "residuals"
                    @Grad static double[] residuals(double[] w) {
                        return new double[] {w[0] - 1, w[1] - 2};
                    }

                    // error: JgradNotDouble at "asInt"
                    @Jvp static int asInt(double w) {
                        return (int) w;
                    }

                    // error: JgradNotDouble at "curvatures"
                    @Hessian static double[] curvatures(double w) {
                        return new double[] {w};
                    }
                }
                """);
        Compilation c = JgradCompiler.compile(MarkedSource.of("p.C", """
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double[] residuals(double[] w) {
                        return w;
                    }
                }
                """));
        assertTrue(c.errors().get(0).getMessage(null).contains("@Jacobian"), c.errors().toString());
    }

    /**
     * Records under the forward modes: a record type {@code @Grad} rejects is rejected; a record the
     * method writes into is copied for each Hessian or Jacobian run but one, so it must not declare
     * its canonical constructor (the copy could differ).
     */
    @Test
    void jgradRecordForForwardModes() {
        assertMarked("""
                package p;

                import dev.jgrad.Hessian;
                import dev.jgrad.Jacobian;
                import dev.jgrad.Jvp;

                class C {
                    record Named(double[] w, String label) {}

                    record Scaled(double[] w) {
                        Scaled {
                            w = w.clone();
                        }
                    }

                    record Plain(double[] w) {}

                    // error: JgradRecord at "Named p"
                    @Jvp static double named(Named p) {
                        return p.w()[0];
                    }

                    // error: JgradRecord at "Scaled p"
                    @Hessian static double writes(Scaled p, double c) {
                        p.w()[0] *= c;
                        return p.w()[0] * c;
                    }

                    // error: JgradRecord at "Scaled q"
                    @Jacobian static double[] writesToo(Scaled q, double c) {
                        q.w()[0] *= c;
                        return new double[] {q.w()[0] * c};
                    }

                    // fine: its own constructor, but the method does not write into it
                    @Jvp @Hessian static double reads(Scaled p, double c) {
                        return p.w()[0] * c * c;
                    }

                    // fine: written, and the record's constructor is the one Java makes
                    @Hessian static double writesPlain(Plain p, double c) {
                        p.w()[0] *= c;
                        return p.w()[0] * c;
                    }
                }
                """);
    }

    /**
     * {@code @Hessian} over a call of a function with {@code @Derivative} methods differentiates the
     * partials themselves: an error at the method, naming the partial and what to add, where jgrad cannot
     * (a partial outside the subset, whose own error is at its line, also one in an array or one passing an
     * active array to a function without a partial for it; a partial whose own
     * {@code @Derivative} methods miss a parameter that the call varies; an active array without a partial, at
     * the call). Never a Hessian without those terms. {@code @Grad} and {@code @Jvp} of the same methods are
     * fine, and so is a partial in the subset, in a {@code double} or an array, and a data array without one.
     */
    @Test
    void jgradDerivativeUnderHessian() {
        assertMarked("""
                package p;

                import dev.jgrad.Derivative;
                import dev.jgrad.Grad;
                import dev.jgrad.Hessian;
                import dev.jgrad.Jvp;

                class C {
                    static double cdf(double x) {
                        return 0.5 * (1 + Math.tanh(0.8 * x));
                    }

                    @Derivative(of = "cdf", wrt = "x")
                    static double cdfDx(double x) {
                        // error: JgradStatement at "synchronized"
                        synchronized (C.class) {
                            double t = Math.tanh(0.8 * x);
                            return 0.4 * (1 - t * t);
                        }
                    }

                    static double blend(double a, double b) {
                        return a * Math.sin(b);
                    }

                    @Derivative(of = "blend", wrt = "a")
                    static double blendDa(double a, double b) {
                        return Math.sin(b);
                    }

                    @Derivative(of = "blend", wrt = "b")
                    static double blendDb(double a, double b) {
                        return a * Math.cos(b);
                    }

                    @Derivative(of = "blendDa", wrt = "a")
                    static double blendDaDa(double a, double b) {
                        return 0;
                    }

                    // error: JgradDerivative at "price"
                    @Grad @Jvp @Hessian static double price(double s, double k) {
                        return s * cdf(s - k);
                    }

                    @Hessian static double constantArgument(double s) {
                        return s * s * cdf(0.5);
                    }

                    // error: JgradDerivative at "mixed"
                    @Grad @Hessian static double mixed(double s, double k) {
                        return blend(s, k * s);
                    }

                    @Hessian static double onlyFirst(double s, double k) {
                        return blend(s, 0.5) * k;
                    }

                    static double spread(double[] x) {
                        return x[0] * x[0];
                    }

                    @Derivative(of = "spread", wrt = "x")
                    static double[] spreadDx(double[] x) {
                        // error: JgradStatement at "synchronized"
                        synchronized (C.class) {
                            return new double[] {2 * x[0]};
                        }
                    }

                    // error: JgradDerivative at "spreadOf"
                    @Hessian static double spreadOf(double[] x) {
                        return spread(x);
                    }

                    static double weighted(double[] w, double[] data) {
                        return w[0] * data[0];
                    }

                    @Derivative(of = "weighted", wrt = "w")
                    static double[] weightedDw(double[] w, double[] data) {
                        return new double[] {data[0]};
                    }

                    @Hessian static double activeData(double[] w, double[] data) {
                        // error: JgradDerivative at "weighted(w, data)"
                        return weighted(w, data);
                    }

                    @Hessian(wrt = "w") static double inactiveData(double[] w, double[] data) {
                        return weighted(w, data) * w[0];
                    }

                    static double inner(double[] x, double c) {
                        return c * x[0];
                    }

                    @Derivative(of = "inner", wrt = "c")
                    static double innerDc(double[] x, double c) {
                        return x[0];
                    }

                    static double outer(double[] x) {
                        return x[0] * x[0];
                    }

                    @Derivative(of = "outer", wrt = "x")
                    static double[] outerDx(double[] x) {
                        double[] d = new double[x.length];
                        // error: JgradDerivative at "inner(x, 1.0)"
                        d[0] = 2 * inner(x, 1.0);
                        return d;
                    }

                    // error: JgradDerivative at "outerOf"
                    @Hessian static double outerOf(double[] x) {
                        return outer(x);
                    }
                }
                """);
    }

    /** The message names the partial and the methods to add. */
    @Test
    void jgradDerivativeUnderHessianSaysWhatToAdd() {
        Compilation c = JgradCompiler.compile(JavaFileObjects.forSourceString("p.C", """
                package p;

                import dev.jgrad.Derivative;
                import dev.jgrad.Hessian;

                class C {
                    static double cdf(double x) {
                        return 0.5 * (1 + Math.tanh(0.8 * x));
                    }

                    @Derivative(of = "cdf", wrt = "x")
                    static double cdfDx(double x) {
                        synchronized (C.class) {
                            return 0.4 * (1 - Math.tanh(0.8 * x) * Math.tanh(0.8 * x));
                        }
                    }

                    @Hessian static double price(double s, double k) {
                        return s * cdf(s - k);
                    }
                }
                """));
        String message = c.errors().stream().map(d -> d.getMessage(null)).filter(m -> m.contains("JgradDerivative"))
                .findFirst().orElseThrow();
        assertTrue(message.contains("@Hessian differentiates its @Derivative method cdfDx")
                && message.contains("@Derivative(of = \"cdfDx\", wrt = \"x\") static double cdfDxDx(double x)"), message);
    }

    /** Grad of grad: a call of the generated gradient inside a differentiated method points to {@code @Hessian}. */
    @Test
    void jgradGradOfGrad() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;
                import dev.jgrad.Jvp;

                class C {
                    @Grad static double price(double s, double sigma) {
                        return s * s * sigma;
                    }

                    @Grad static double gamma(double s, double sigma) {
                        // error: JgradGradOfGrad at "CGrad.price(s, sigma)"
                        return CGrad.price(s, sigma).s();
                    }

                    @Jvp static double delta(double s, double sigma) {
                        // error: JgradGradOfGrad at "CGrad.price(s, sigma)"
                        var g = CGrad.price(s, sigma);
                        return s;
                    }
                }
                """);
        Compilation c = JgradCompiler.compile(MarkedSource.of("p.C", """
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double price(double s) {
                        return s * s;
                    }

                    @Grad static double gamma(double s) {
                        return CGrad.price(s).s();
                    }
                }
                """));
        assertTrue(c.errors().get(0).getMessage(null).contains("put @Hessian on C.price and call CHessian.price"),
                c.errors().toString());
    }

    /** {@code CJvp.f} takes a tangent per wrt parameter after the method's own: 255 slots at most. */
    @Test
    void jgradTooLargeForForwardMode() {
        StringBuilder params = new StringBuilder();
        StringBuilder sum = new StringBuilder("0");
        for (int k = 0; k < 100; k++) {
            params.append(k == 0 ? "" : ", ").append("double a").append(k);
            sum.append(" + a").append(k);
        }
        assertMarked("""
                package p;

                import dev.jgrad.Jvp;

                class C {
                    // error: JgradTooLarge at "wide"
                    @Jvp static double wide(PARAMS) {
                        return SUM;
                    }

                    @Jvp(wrt = "a0") static double narrow(PARAMS) {
                        return SUM;
                    }
                }
                """.replace("PARAMS", params).replace("SUM", sum));
    }

    /** The tangent parameter of {@code w} is {@code wDot}: a parameter of that name would clash. */
    @Test
    void jgradReservedNameOfATangent() {
        assertMarked("""
                package p;

                import dev.jgrad.Jvp;

                class C {
                    @Jvp(wrt = "w")
                    // error: JgradReservedName at "wDot"
                    static double f(double w, double wDot) {
                        return w * wDot;
                    }
                }
                """);
    }

    @Test
    void jgradWrtUnknown() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    // error: JgradWrtUnknown at "@Grad(wrt = "q")"
                    @Grad(wrt = "q")
                    static double notAParameter(double w) {
                        return w;
                    }

                    // error: JgradWrtUnknown at "@Grad"
                    @Grad(wrt = {"w", "W"})
                    static double caseMatters(double w) {
                        return w;
                    }
                }
                """);
    }

    @Test
    void jgradWrtType() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    // error: JgradWrtType at "@Grad"
                    @Grad(wrt = "n")
                    static double ofInt(double w, int n) {
                        return w * n;
                    }

                    // error: JgradWrtType at "@Grad"
                    @Grad(wrt = {"w", "labels"})
                    static double ofIntArray(double w, int[] labels) {
                        return w * labels[0];
                    }

                    // error: JgradWrtType at "@Grad"
                    @Grad(wrt = "flag")
                    static double ofBoolean(double w, boolean flag) {
                        return flag ? w : -w;
                    }
                }
                """);
    }

    @Test
    void jgradWrtDuplicate() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    // error: JgradWrtDuplicate at "@Grad"
                    @Grad(wrt = {"w", "b", "w"})
                    static double twice(double w, double b) {
                        return w * b;
                    }
                }
                """);
    }

    @Test
    void jgradOverloaded() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double loss(double w) {
                        return w * w;
                    }

                    // error: JgradOverloaded at "loss"
                    @Grad static double loss(double w, double b) {
                        return w * b;
                    }
                }
                """);
    }

    @Test
    void jgradReservedName() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    // error: JgradReservedName at "value"
                    @Grad static double f(double w, double value) {
                        return w * value;
                    }

                    // error: JgradReservedName at "value"
                    @Grad(wrt = "w") static double g(double w, int value) {
                        return w * value;
                    }

                    // record components may not be named like the methods of Object (JLS 8.10.1)
                    @Grad static double objectMethods(double w,
                            // error: JgradReservedName at "hashCode"
                            double hashCode,
                            // error: JgradReservedName at "toString"
                            double toString,
                            // error: JgradReservedName at "clone"
                            double[] clone,
                            // error: JgradReservedName at "getClass"
                            double getClass,
                            // error: JgradReservedName at "notify"
                            double notify,
                            // error: JgradReservedName at "notifyAll"
                            double[][] notifyAll,
                            // error: JgradReservedName at "wait"
                            double wait,
                            // error: JgradReservedName at "finalize"
                            double finalize) {
                        return w * hashCode * toString * clone[0] * getClass * notify * notifyAll[0][0] * wait * finalize;
                    }
                }

                class D {
                    // a parameter Math makes the generated DGrad write java.lang.Math, which a parameter java hides
                    @Grad static double f(double Math, double x) {
                        return StrictMath.sin(Math) * x;
                    }

                    // error: JgradReservedName at "java"
                    @Grad static double g(double java, double x) {
                        return StrictMath.sin(java) * x;
                    }
                }
                """);
    }

    // ------------------------------------------------------------------ bodies

    /** A parameter's type checked for each of three annotations: one error, not three. */
    @Test
    void jgradTypeOnceForSeveralAnnotations() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;
                import dev.jgrad.Hessian;
                import dev.jgrad.Jvp;

                class C {
                    @Grad(wrt = "w") @Jvp(wrt = "w") @Hessian(wrt = "w")
                    static double loss(double[] w, double[][] x,
                            // error: JgradType at "mask"
                            boolean[][] mask) {
                        double s = 0;
                        for (int i = 0; i < x.length; i++) {
                            for (int j = 0; j < w.length; j++) {
                                if (mask[i][j]) {
                                    s += w[j] * x[i][j];
                                }
                            }
                        }
                        return s * s;
                    }
                }
                """);
    }

    @Test
    void jgradType() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double floatLocal(double w) {
                        // error: JgradType at "float"
                        float f = 1;
                        return w;
                    }

                    // error: JgradType at "float g"
                    @Grad static double floatParameter(double w, float g) {
                        return w * g;
                    }

                    @Grad static double charLocal(double w) {
                        // error: JgradType at "char c = 'a'"
                        char c = 'a';
                        return w;
                    }

                    @Grad static double array3d(double w) {
                        // error: JgradType at "double[][][] t = new double[2][2][2]"
                        double[][][] t = new double[2][2][2];
                        return w;
                    }

                    // error: JgradType at "double[][][] t"
                    @Grad static double array3dParameter(double w, double[][][] t) {
                        return w * t[0][0][0];
                    }

                    @Grad static double stringLocal(double w) {
                        // error: JgradType at "String s = "w""
                        String s = "w";
                        return w;
                    }

                    // error: JgradType at "String name"
                    @Grad static double stringParameter(double w, String name) {
                        return w;
                    }

                    @Grad static double stringToHelper(double w) {
                        // error: JgradType at "note("w", w)"
                        note("w", w);
                        return w;
                    }

                    static void note(String name, double v) {
                    }

                    @Grad static double boxed(double w) {
                        // error: JgradType at "Double"
                        Double d = w;
                        return w;
                    }

                    @Grad static double object(double w) {
                        // error: JgradType at "Object"
                        Object o = w;
                        return w;
                    }
                }
                """);
    }

    @Test
    void jgradStatement() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double tryCatch(double w) {
                        // error: JgradStatement at "try"
                        try {
                            w = w * 2;
                        } catch (RuntimeException e) {
                            w = 0;
                        }
                        return w;
                    }

                    @Grad static double tryFinally(double w) {
                        // error: JgradStatement at "try"
                        try {
                            w = w * 2;
                        } finally {
                            w = w + 1;
                        }
                        return w;
                    }

                    @Grad static double locked(double w) {
                        // error: JgradStatement at "synchronized"
                        synchronized (C.class) {
                            w = w * 2;
                        }
                        return w;
                    }

                    @Grad static double switched(double w, int k) {
                        // error: JgradStatement at "switch"
                        switch (k) {
                            case 1:
                                w = 2 * w;
                                break;
                            default:
                                w = 3 * w;
                        }
                        return w;
                    }

                    @Grad static double labeledBreak(double w) {
                        // error: JgradStatement at "outer"
                        outer:
                        for (int i = 0; i < 3; i++) {
                            for (int j = 0; j < 3; j++) {
                                if (w > 10) {
                                    break outer;
                                }
                                w = w * 2;
                            }
                        }
                        return w;
                    }

                    @Grad static double labeledContinue(double w) {
                        // error: JgradStatement at "rows"
                        rows:
                        for (int i = 0; i < 3; i++) {
                            for (int j = 0; j < 3; j++) {
                                if (j > i) {
                                    continue rows;
                                }
                                w = w * 2;
                            }
                        }
                        return w;
                    }

                    @Grad static double localClass(double w) {
                        // error: JgradStatement at "class"
                        class Helper {
                        }
                        return w;
                    }

                    @Grad static double callInAssert(double w) {
                        // error: JgradStatement at "assert"
                        assert square(w) >= 0;
                        return w;
                    }

                    @Grad static double callInForUpdate(double w) {
                        double s = 0;
                        // error: JgradStatement at "for"
                        for (int i = 0; i < 8; i = next(i)) {
                            s += w * i;
                        }
                        return s;
                    }

                    static double square(double v) {
                        return v * v;
                    }

                    static int next(int i) {
                        return i + 1;
                    }
                }
                """);
    }

    @Test
    void jgradExpression() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;
                import java.util.function.DoubleUnaryOperator;

                class C {
                    @Grad static double newObject(double w) {
                        // error: JgradExpression at "new Object()"
                        Object o = new Object();
                        return w;
                    }

                    @Grad static double lambda(double w) {
                        // error: JgradExpression at "x -> x * w"
                        DoubleUnaryOperator f = x -> x * w;
                        return w;
                    }

                    @Grad static double methodReference(double w) {
                        // error: JgradExpression at "Math::sin"
                        DoubleUnaryOperator f = Math::sin;
                        return w;
                    }

                    @Grad static double switchExpression(double w, int k) {
                        // error: JgradExpression at "switch"
                        double f = switch (k) {
                            case 1 -> 2.0;
                            default -> 3.0;
                        };
                        return w;
                    }

                    @Grad static double nullArray(double w) {
                        // error: JgradExpression at "null"
                        double[] a = null;
                        return w;
                    }

                    @Grad static double instanceOf(double w, double[] a) {
                        double s = w;
                        // error: JgradExpression at "a instanceof Object"
                        if (a instanceof Object) {
                            s = 2 * w;
                        }
                        return s;
                    }
                }
                """);
    }

    @Test
    void jgradMath() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double random(double w) {
                        // error: JgradRandom at "Math.random()"
                        return w * Math.random();
                    }

                    @Grad static double nextAfter(double w) {
                        // error: JgradMath at "Math.nextAfter(w, 1.0)"
                        return Math.nextAfter(w, 1.0);
                    }

                    @Grad static double exponent(double w) {
                        // error: JgradMath at "StrictMath.getExponent(w)"
                        return w * StrictMath.getExponent(w);
                    }

                    @Grad static double inactive(double w, int n) {
                        // error: JgradMath at "Math.negateExact(n)"
                        return w * Math.negateExact(n);
                    }
                }
                """);
    }

    /**
     * An {@code Ops} method jgrad has no lowering for (here one of a stand-in {@code dev.jgrad.Ops} that
     * has more methods than the table): an error naming the method and listing the Ops it knows.
     */
    @Test
    void jgradOps() {
        MarkedSource c = MarkedSource.of("p.C", """
                package p;

                import static dev.jgrad.Ops.*;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double flipped(double[] w) {
                        // error: JgradOps at "flip(w)"
                        return sum(add(w, flip(w)));
                    }
                }
                """);
        JavaFileObject ops = JavaFileObjects.forSourceString("dev.jgrad.Ops", """
                package dev.jgrad;

                public final class Ops {
                    public static double[] add(double[] a, double[] b) {
                        double[] r = new double[a.length];
                        for (int i = 0; i < r.length; i++) r[i] = a[i] + b[i];
                        return r;
                    }

                    public static double sum(double[] x) {
                        double s = 0.0;
                        for (double v : x) s += v;
                        return s;
                    }

                    public static double[] flip(double[] x) {
                        double[] r = new double[x.length];
                        for (int i = 0; i < r.length; i++) r[i] = x[x.length - 1 - i];
                        return r;
                    }
                }
                """);
        Compilation compilation = JgradCompiler.compile(List.of(c.file(), ops));
        assertErrorsAsMarked(compilation, c);
        assertTrue(compilation.errors().get(0).getMessage(null).contains("Ops.flip is not differentiable by jgrad"),
                compilation.errors().get(0).getMessage(null));
    }

    /** An Ops call whose result is dropped does nothing (the eager call only allocates): an error, as for any call. */
    @Test
    void opsCallAsAStatement() {
        assertMarked("""
                package p;

                import static dev.jgrad.Ops.*;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double dropped(double[] w) {
                        // error: JgradCall at "add(w, w)"
                        add(w, w);
                        return sum(w);
                    }
                }
                """);
    }

    /** A library method that returns nothing acts by writing into its array arguments: say to write the loop. */
    @Test
    void libraryCallsThatWriteIntoArraysSayToWriteALoop() {
        MarkedSource c = MarkedSource.of("p.C", """
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double filled(double[] x) {
                        double[] h = new double[x.length];
                        // error: JgradCall at "java.util.Arrays.fill(h, 0.5)"
                        java.util.Arrays.fill(h, 0.5);
                        return x[0] * h[0];
                    }

                    @Grad static double copied(double[] x, int n) {
                        double[] y = new double[n + 1];
                        // error: JgradCall at "System.arraycopy(x, 0, y, 1, n)"
                        System.arraycopy(x, 0, y, 1, n);
                        return y[1] * y[1];
                    }
                }
                """);
        Compilation compilation = JgradCompiler.compile(c);
        assertErrorsAsMarked(compilation, c);
        for (int k = 0; k < 2; k++) {
            String m = compilation.errors().get(k).getMessage(null);
            assertTrue(m.contains("it returns nothing: it writes into the arrays passed to it, which the gradient would"
                    + " miss (its source is not part of this compilation"), m);
            assertTrue(m.endsWith("jgrad cannot see into it); write a for loop that does it"), m);
        }
    }

    @Test
    void jgradCall() {
        assertMarked("""
                package p;

                import static p.Other.tanh;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double instanceMethod(double w) {
                        // error: JgradCall at "Double.valueOf(w).doubleValue()"
                        return Double.valueOf(w).doubleValue();
                    }

                    @Grad static double stream(double[] w) {
                        // error: JgradStream at "java.util.Arrays.stream(w).sum()"
                        return java.util.Arrays.stream(w).sum();
                    }

                    @Grad static double stringMethod(double w) {
                        // error: JgradCall at "("w=" + w).length()"
                        return w * ("w=" + w).length();
                    }

                    @Grad static double libraryActive(double w) {
                        // error: JgradCall at "Double.sum(w, 1.0)"
                        return Double.sum(w, 1.0) * 2;
                    }

                    @Grad static double libraryArray(double w, double[] x) {
                        // error: JgradCall at "x"
                        return w * java.util.Arrays.hashCode(x);
                    }

                    @Grad static double otherClassOutsideSubset(double w) {
                        // error: JgradCall at "Other.scale(w)"
                        return Other.scale(w) * 2;
                    }

                    @Grad static double otherClassArrayOutsideSubset(double w, double[] x) {
                        return w * Other.sum(x);
                    }

                    @Grad static double resultDropped(double w) {
                        // error: JgradCall at "Math.sin(w)"
                        Math.sin(w);
                        return w;
                    }

                    @Grad static double namedLikeMath(double w) {
                        // error: JgradCall at "Other.exp(w)"
                        double e = Other.exp(w);
                        // error: JgradCall at "Other.floor(w)"
                        return e + w * Other.floor(w);
                    }

                    @Grad static double staticImportNamedLikeMath(double w) {
                        // error: JgradCall at "tanh(w)"
                        return tanh(w);
                    }

                    @Grad static double rowsApart(double[] a, double[] b) {
                        // error: JgradCall at "rows(a, b)"
                        return rows(a, b);
                    }

                    @Grad static double boxedOverloads(double w) {
                        // error: JgradCall at "box(w)"
                        return box(w);
                    }

                    static double rows(double[]... rs) {
                        return rs.length;
                    }

                    static double box(Double v) {
                        return v;
                    }

                    static double box(Object v) {
                        return 0;
                    }
                }

                class Other {
                    static double factor = 3;

                    // other classes' helpers are inlined when their body is in the subset; these read a
                    // field that is not final, so they stay calls, which may not take active arguments
                    static double scale(double v) {
                        return factor * v;
                    }

                    static double exp(double v) {
                        return factor * v;
                    }

                    static double floor(double v) {
                        return v * factor;
                    }

                    static double tanh(double v) {
                        return v + factor;
                    }

                    static double sum(double[] v) {
                        double s = 0;
                        for (double e : v) {
                            // error: JgradFieldRead at "factor"
                            s += e * factor;
                        }
                        return s;
                    }
                }
                """);
    }

    /**
     * A value of a type Java does not assign to the variable: javac's error comes after jgrad's, and the
     * generated code would repeat it with errors of its own (w_bar + s_bar on a double[]).
     */
    @Test
    void jgradIncompatible() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double f(double[] w, double x) {
                        // error: JgradIncompatible at "x"
                        boolean b = x;
                        // error: JgradIncompatible at "w"
                        double s = w;
                        // error: JgradIncompatible at "x"
                        double[] v = x;
                        return s + (b ? 1 : 0) + v.length;
                    }
                }
                """);
    }

    @Test
    void jgradCannotFind() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double typo(double w) {
                        double rate = 0.5;
                        // error: JgradCannotFind at "rte"
                        return w * rte;
                    }

                    @Grad static double inHelper(double w) {
                        return helper(w);
                    }

                    static double helper(double v) {
                        // error: JgradCannotFind at "scal"
                        return v * scal;
                    }
                }
                """);
    }

    @Test
    void jgradRecursion() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double direct(double w, int n) {
                        // error: JgradRecursion at "direct(w * 2, n - 1)"
                        return n == 0 ? w : direct(w * 2, n - 1);
                    }

                    @Grad static double throughHelper(double w) {
                        return power(w, 3);
                    }

                    static double power(double w, int n) {
                        // error: JgradRecursion at "power(w, n - 1)"
                        return n == 0 ? 1 : w * power(w, n - 1);
                    }

                    @Grad static double mutual(double w, int n) {
                        return n == 0 ? w : other(w, n - 1);
                    }

                    static double other(double w, int n) {
                        // error: JgradRecursion at "mutual(w * w, n)"
                        return mutual(w * w, n);
                    }
                }
                """);
    }

    @Test
    void jgradFieldWrite() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    static double last;

                    @Grad static double plain(double w) {
                        // error: JgradFieldWrite at "last"
                        last = w;
                        return w;
                    }

                    @Grad static double qualified(double w) {
                        // error: JgradFieldWrite at "C.last"
                        C.last = w;
                        return w;
                    }

                    @Grad static double compound(double w) {
                        // error: JgradFieldWrite at "last"
                        last += w;
                        return w;
                    }

                    @Grad static double increment(double w) {
                        // error: JgradFieldWrite at "Counter.calls"
                        Counter.calls++;
                        return w;
                    }

                    static final double[] TABLE = {1, 2};
                    static final double[][] GRID = {{1, 2}, {3, 4}};

                    @Grad static double intoTable(double w) {
                        // error: JgradFieldWrite at "TABLE[0] = w"
                        TABLE[0] = w;
                        return w;
                    }

                    @Grad static double intoTableRow(double w) {
                        double[] row = GRID[1];
                        // error: JgradFieldWrite at "row[0] *= w"
                        row[0] *= w;
                        // error: JgradFieldWrite at "GRID[0][1]++"
                        GRID[0][1]++;
                        return w * row[0];
                    }

                    @Grad static double throughAlias(double w, boolean b) {
                        double[] t = new double[2];
                        t = b ? t : TABLE;
                        // error: JgradFieldWrite at "t[1] = w"
                        t[1] = w;
                        return t[1];
                    }

                    @Grad static double throughHelper(double w) {
                        return scaleFirst(TABLE, w);
                    }

                    static double scaleFirst(double[] v, double w) {
                        // error: JgradFieldWrite at "v[0] *= w"
                        v[0] *= w;
                        return v[0];
                    }

                    @Grad static double intoCopy(double w) {
                        double[] t = TABLE.clone();
                        t[0] = w;
                        return t[0] * TABLE[1];
                    }
                }

                class Counter {
                    static int calls;
                }
                """);
    }

    @Test
    void jgradFieldRead() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    static double scale = 2;
                    static final double[] WEIGHTS = {1, 2};
                    static double[] MUTABLE = {1, 2};
                    private static final double SEED = Math.random();

                    @Grad static double nonFinal(double w) {
                        // error: JgradFieldRead at "scale"
                        return w * scale;
                    }

                    @Grad static double otherClass(double w) {
                        // error: JgradFieldRead at "Settings.rate"
                        return w * Settings.rate;
                    }

                    @Grad static double nonFinalArray(double w) {
                        // error: JgradFieldRead at "MUTABLE"
                        return w * MUTABLE[0];
                    }

                    @Grad static double finalArray(double w) {
                        return w * WEIGHTS[0];
                    }

                    @Grad static double privateTableThroughHelper(double w) {
                        // error: JgradCall at "Tables.first(w)"
                        return Tables.first(w) + Tables.scaled(w);
                    }

                    @Grad static double privateNotConstant(double w) {
                        // error: JgradFieldRead at "SEED"
                        return w * SEED;
                    }
                }

                class Settings {
                    static double rate = 0.1;
                }

                class Tables {
                    private static final double[] P = {1, 2};
                    private static final double K = 2.5;

                    // the private table makes the helper's body unreadable by the generated class: the
                    // call is kept as it is, and its active argument is then an error that says why
                    static double first(double w) {
                        return w * P[0];
                    }

                    // a private compile-time constant is copied as its literal; a private helper is inlined
                    static double scaled(double w) {
                        return twice(w) * K;
                    }

                    private static double twice(double w) {
                        return 2 * w;
                    }
                }
                """);
    }

    @Test
    void jgradRecord() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    record Mlp(double[] w, double b, Inner inner) {
                        double norm() {
                            return b * b;
                        }
                    }

                    record Inner(double x, int n) {}

                    record Named(double[] w, String label) {}

                    record Pair<T>(T a, T b) {}

                    private record Hidden(double x) {}

                    record Abs(double x) {
                        public double x() {
                            return Math.abs(x);
                        }
                    }

                    record Positive(double x) {
                        Positive {
                            if (x <= 0) {
                                throw new IllegalArgumentException("x must be positive");
                            }
                        }
                    }

                    record Counts(int n, int[] k) {}

                    // error: JgradRecord at "Named p"
                    @Grad static double stringComponent(Named p) {
                        return p.w()[0];
                    }

                    // error: JgradRecord at "Pair<double[]> p"
                    @Grad static double generic(Pair<double[]> p, double w) {
                        return w;
                    }

                    // error: JgradRecord at "Hidden p"
                    @Grad static double notVisible(Hidden p) {
                        return p.x();
                    }

                    // error: JgradRecord at "Abs p"
                    @Grad static double ownAccessor(Abs p) {
                        return p.x() * 2;
                    }

                    // error: JgradRecord at "Positive p"
                    @Grad static double ownConstructor(Positive p) {
                        return p.x() * 2;
                    }

                    // a record with a constructor of its own is fine when it is not wrt: no new one is built
                    @Grad(wrt = "w") static double ownConstructorNotWrt(Positive p, double w) {
                        return p.x() * w;
                    }

                    // error: JgradWrtType at "@Grad"
                    @Grad(wrt = "c") static double nothingToDifferentiate(Counts c, double w) {
                        return c.n() * w;
                    }

                    @Grad static double creates(Mlp p) {
                        // error: JgradRecord at "new Inner(p.b(), 1)"
                        Inner q = new Inner(p.b(), 1);
                        return q.x();
                    }

                    @Grad static double assigns(Mlp p, Mlp other) {
                        Inner q = p.inner();
                        // error: JgradRecord at "q"
                        q = other.inner();
                        return q.x();
                    }

                    @Grad static double localFromElsewhere(Mlp p) {
                        // error: JgradRecord at "Inner q;"
                        Inner q;
                        return p.b();
                    }

                    @Grad static double compares(Mlp p, Mlp other) {
                        // error: JgradRecord at "other"
                        return p.b() + (other == null ? 1 : 0);
                    }

                    @Grad static double otherMethod(Mlp p) {
                        // error: JgradRecord at "p.norm()"
                        return p.norm() + p.b();
                    }

                    @Grad static double toLibrary(Mlp p) {
                        // error: JgradRecord at "java.util.Objects.hashCode(p)"
                        return p.b() * java.util.Objects.hashCode(p);
                    }

                    @Grad static double nestedAsNumber(Mlp p) {
                        // error: JgradRecord at "p.inner()"
                        return p.b() * helper(2, p.inner());
                    }

                    static double helper(double v, double w) {
                        return v * w;
                    }
                }
                """);
    }

    @Test
    void jgradSideEffect() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double incrementReadTwice(double w, int i) {
                        double[] a = new double[3];
                        // error: JgradSideEffect at "i++"
                        a[i++] = w * i;
                        return a[0];
                    }

                    @Grad static double assignmentInExpression(double w) {
                        double y;
                        // error: JgradSideEffect at "y = w"
                        double z = (y = w) * 2;
                        return w;
                    }

                    @Grad static double compoundInExpression(double w) {
                        double s = 0;
                        double t = 1;
                        // error: JgradSideEffect at "t += w"
                        s = (t += w) * 2;
                        return s;
                    }

                    @Grad static double decrementOfADouble(double w) {
                        double d = w;
                        // error: JgradSideEffect at "--d"
                        return w * --d;
                    }
                }
                """);
    }

    /**
     * A method that javac compiles but whose gradient would not fit in one JVM method: 2,500
     * statements written out, each overwriting what the reverse sweep needs.
     */
    @Test
    void jgradTooLarge() {
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < 2_500; k++) {
            body.append("        s = Math.sin(s) * w + ").append(k).append(";\n");
        }
        // the gradient of these 850 statements needs about 69 KB: javac said "code too large"
        StringBuilder near = new StringBuilder();
        for (int k = 0; k < 850; k++) {
            near.append("        s = Math.sin(s) * w + ").append(k).append(";\n");
        }
        StringBuilder params = new StringBuilder("double a0");
        for (int k = 1; k < 127; k++) {
            params.append(", double a").append(k);
        }
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    // error: JgradTooLarge at "unrolled"
                    @Grad static double unrolled(double w) {
                        double s = 0;
                """ + body + """
                        return s;
                    }

                    // error: JgradTooLarge at "nearTheLimit"
                    @Grad static double nearTheLimit(double w) {
                        double s = 0;
                """ + near + """
                        return s;
                    }

                    // the record's constructor would take this, the value and 127 doubles: 257 slots
                    // error: JgradTooLarge at "manyParameters"
                    @Grad static double manyParameters(""" + params + """
                ) {
                        return a0 * a126;
                    }
                }
                """);
    }

    @Test
    void jgradThrow() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double thrownFromMethod(double w) {
                        if (w < 0) {
                            // error: JgradThrow at "throw"
                            throw error(w);
                        }
                        return w;
                    }

                    @Grad static double anonymousClass(double w) {
                        if (w < 0) {
                            // error: JgradThrow at "throw"
                            throw new IllegalArgumentException("negative") {
                            };
                        }
                        return w;
                    }

                    @Grad static double messageWithCall(double w) {
                        if (w < 0) {
                            // error: JgradThrow at "throw"
                            throw new IllegalArgumentException("negative: " + square(w));
                        }
                        return w;
                    }

                    static RuntimeException error(double w) {
                        return new IllegalArgumentException("negative: " + w);
                    }

                    static double square(double v) {
                        return v * v;
                    }
                }
                """);
    }

    /**
     * {@code JgradJitFallback} is a note, not an error nor a warning: a {@code @Jit @Grad} method that is
     * not in loop form compiles (under {@code -Werror} too) and gets the taped gradient, and the note
     * says why at the statement that prevents the fused form; the generated javadoc says it again. A
     * method that gets the fused form has no note.
     */
    @Test
    void jgradJitFallback() {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.C",
                "package p;",
                "",
                "import dev.jgrad.Grad;",
                "import dev.jgrad.Jit;",
                "",
                "class C {",
                "    @Jit @Grad static double halving(double x) {",
                "        double y = x * x;",
                "        while (y > 1) {",
                "            y = y / 2;",
                "        }",
                "        return y * x;",
                "    }",
                "",
                "    @Jit @Grad static double runningSum(double[] w, double start) {",
                "        double s = 0;",
                "        for (int i = 0; i < w.length; i++) {",
                "            start += w[i];",
                "            s += start * w[i];",
                "        }",
                "        return s;",
                "    }",
                "",
                "    @Jit @Grad static double sumOfSquares(double[] w) {",
                "        double s = 0;",
                "        for (int i = 0; i < w.length; i++) {",
                "            s += w[i] * w[i];",
                "        }",
                "        return s;",
                "    }",
                "}");
        Compilation compilation = Compiler.javac()
                .withProcessors(new JgradProcessor())
                .withOptions("--release", "17", "-Werror")
                .compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).hadNoteContaining("[JgradJitFallback] @Jit @Grad method 'halving' gets the taped"
                + " reverse-mode gradient, not the fused tape-free one: it has a while loop")
                .inFile(source).onLine(9).atColumn(9);
        assertThat(compilation).hadNoteContaining("[JgradJitFallback] @Jit @Grad method 'runningSum' gets the taped"
                + " reverse-mode gradient, not the fused tape-free one: accumulator 'start' is read before its loop ends")
                .inFile(source).onLine(19);
        assertEquals(2, compilation.notes().stream()
                .filter(d -> d.getMessage(null).contains("[" + Message.JIT_FALLBACK.id() + "]")).count(),
                JgradCompiler.describe(compilation));
        assertThat(compilation).generatedSourceFile("p.CGrad").contentsAsUtf8String()
                .contains("<p>{@code @Jit}: the taped reverse-mode gradient, not the fused tape-free one: it has a while loop.");
    }

    /**
     * {@code -Ajgrad.report}: a note (not a warning: {@code -Werror} builds pass) at each method, with
     * its form and where the report is; the details are in {@code ReportTest}.
     */
    @Test
    void jgradReport() {
        JavaFileObject source = JavaFileObjects.forSourceLines("p.C",
                "package p;",
                "",
                "import dev.jgrad.Grad;",
                "",
                "class C {",
                "    @Grad static double halving(double x) {",
                "        while (x > 1) {",
                "            x = x / 2;",
                "        }",
                "        return x * x;",
                "    }",
                "}");
        Compilation compilation = Compiler.javac()
                .withProcessors(new JgradProcessor())
                .withOptions("--release", "17", "-Werror", "-Ajgrad.report")
                .compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        // x = x / 2 needs no old x in its adjoint (x_bar /= 2): only the trip count is stored
        assertThat(compilation).hadNoteContaining("[JgradReport] 'halving': gradient taped, empty tape"
                + " (-Ajgrad.report: details in p/C.jgrad-report.txt)")
                .inFile(source).onLine(6).atColumn(25);
    }

    /**
     * {@code JgradInternal} reports a bug in jgrad, so no input may cause it: odd but legal inputs, one
     * compilation each.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jgrad.processor.OddInputs#all")
    void jgradInternal(OddInputs.Input input) {
        Compilation compilation = JgradCompiler.compile(input.files());
        assertAll(input.name(), () -> assertNoDiagnostic(compilation, Message.INTERNAL.id()));
    }

    // ------------------------------------------------------------------ the quality of the errors

    /**
     * A declaration whose initialiser is rejected still declares its variable: later uses of it are
     * not errors of their own ("'z' is not supported"), which would send the user after a construct
     * that is fine.
     */
    @Test
    void aRejectedDeclarationCausesNoFollowOnErrors() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double assignmentInInitialiser(double w) {
                        double y;
                        // error: JgradSideEffect at "y = w"
                        double z = (y = w) * 2;
                        return z * w;
                    }

                    @Grad static double nullInitialiser(double w) {
                        // error: JgradExpression at "null"
                        double[] a = null;
                        a = new double[] {w};
                        return a[0];
                    }
                }
                """);
    }

    /**
     * {@code @Derivative}: a method that cannot be the partial it claims to be is an error at its
     * annotation (a partial in an array returns an array of its shape; double[][][] is no parameter of the
     * subset); a call to a function whose partials cannot serve it (one missing, one in error, an active
     * array without a partial) is an error at the call, and a data array needs no partial.
     */
    @Test
    void jgradDerivative() {
        assertMarked("""
                package p;

                import dev.jgrad.Derivative;
                import dev.jgrad.Grad;

                class C {
                    static double f(double x, double y) {
                        return x * y;
                    }

                    @Derivative(of = "f", wrt = "x")
                    static double fDx(double x, double y) {
                        return y;
                    }

                    // error: JgradDerivative at "@Derivative(of = \"f\", wrt = \"x\")"
                    @Derivative(of = "f", wrt = "x")
                    static double fDxAgain(double x, double y) {
                        return y;
                    }

                    // error: JgradDerivative at "@Derivative(of = \"g\", wrt = \"x\")"
                    @Derivative(of = "g", wrt = "x")
                    static double noSuchFunction(double x) {
                        return 1;
                    }

                    // error: JgradDerivative at "@Derivative(of = \"f\", wrt = \"y\")"
                    @Derivative(of = "f", wrt = "y")
                    static double otherParameters(double x) {
                        return 1;
                    }

                    // error: JgradDerivative at "@Derivative(of = \"f\", wrt = \"z\")"
                    @Derivative(of = "f", wrt = "z")
                    static double noSuchParameter(double x, double y) {
                        return 1;
                    }

                    static double h(double x, int n) {
                        return n * x;
                    }

                    // error: JgradDerivative at "@Derivative(of = \"h\", wrt = \"n\")"
                    @Derivative(of = "h", wrt = "n")
                    static double intParameter(double x, int n) {
                        return x;
                    }

                    // error: JgradDerivative at "@Derivative(of = \"h\", wrt = \"x\")"
                    @Derivative(of = "h", wrt = "x")
                    double notStatic(double x, int n) {
                        return n;
                    }

                    static double k(double x) {
                        return x * x;
                    }

                    // error: JgradDerivative at "@Derivative(of = \"k\", wrt = \"x\")"
                    @Derivative(of = "k", wrt = "x")
                    static float wrongType(double x) {
                        return (float) (2 * x);
                    }

                    static double sum(double[] v, double s) {
                        return v[0] * s;
                    }

                    // error: JgradDerivative at "@Derivative(of = \"sum\", wrt = \"v\")"
                    @Derivative(of = "sum", wrt = "v")
                    static double sumDv(double[] v, double s) {
                        return s;
                    }

                    @Derivative(of = "sum", wrt = "s")
                    static double sumDs(double[] v, double s) {
                        return v[0];
                    }

                    static double only(double x, double y) {
                        return x + y;
                    }

                    @Derivative(of = "only", wrt = "x")
                    static double onlyDx(double x, double y) {
                        return 1;
                    }

                    @Grad static double missing(double w) {
                        // error: JgradDerivative at "only(w, w)"
                        return only(w, 2) + only(w, w);
                    }

                    @Grad static double brokenPartial(double w) {
                        // error: JgradDerivative at "k(w)"
                        return k(w) + h(w, 2);
                    }

                    @Grad static double arrayFunction(double[] v, double w) {
                        // error: JgradDerivative at "sum(v, w)"
                        return sum(v, w);
                    }

                    static double cube(double[][][] t) {
                        return t[0][0][0];
                    }

                    // error: JgradDerivative at "@Derivative(of = \"cube\", wrt = \"t\")"
                    @Derivative(of = "cube", wrt = "t")
                    static double[][][] cubeDt(double[][][] t) {
                        return t;
                    }

                    static double weighted(double[] w, double[] data) {
                        return w[0] * data[0];
                    }

                    @Derivative(of = "weighted", wrt = "w")
                    static double[] weightedDw(double[] w, double[] data) {
                        return new double[] {data[0]};
                    }

                    @Grad static double activeData(double[] w, double[] data) {
                        // error: JgradDerivative at "weighted(w, data)"
                        return weighted(w, data);
                    }

                    @Grad(wrt = "w") static double inactiveData(double[] w, double[] data) {
                        return weighted(w, data);
                    }
                }
                """);
    }

    /** A stream, at the call chain or the declaration: write a for loop. */
    @Test
    void jgradStream() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;
                import java.util.Arrays;
                import java.util.stream.DoubleStream;

                class C {
                    @Grad static double sum(double[] w) {
                        // error: JgradStream at "Arrays.stream(w).sum()"
                        return Arrays.stream(w).sum();
                    }

                    @Grad static double chain(double[] w) {
                        // error: JgradStream at "DoubleStream.of(w).map((x)->x * x).sum()"
                        return DoubleStream.of(w).map((x)->x * x).sum();
                    }

                    @Grad static double declared(double[] w) {
                        // error: JgradStream at "DoubleStream"
                        DoubleStream s;
                        return w[0];
                    }

                    // error: JgradStream at "DoubleStream s"
                    @Grad static double parameter(double w, DoubleStream s) {
                        return w;
                    }
                }
                """);
    }

    /** A random generator, however it is reached: draw the numbers outside and pass them in. */
    @Test
    void jgradRandom() {
        assertMarked("""
                package p;

                import dev.jgrad.Grad;
                import java.util.Random;
                import java.util.SplittableRandom;
                import java.util.concurrent.ThreadLocalRandom;

                class C {
                    @Grad static double mathRandom(double w) {
                        // error: JgradRandom at "Math.random()"
                        return w * Math.random();
                    }

                    @Grad static double threadLocal(double w) {
                        // error: JgradRandom at "ThreadLocalRandom.current().nextGaussian()"
                        return w * ThreadLocalRandom.current().nextGaussian();
                    }

                    @Grad static double created(double w) {
                        // error: JgradRandom at "new Random(42).nextGaussian()"
                        return w * new Random(42).nextGaussian();
                    }

                    @Grad static double local(double w) {
                        // error: JgradRandom at "new SplittableRandom(1)"
                        SplittableRandom rng = new SplittableRandom(1);
                        return w;
                    }

                    // error: JgradRandom at "rng"
                    @Grad static double parameter(double w, Random rng) {
                        return w;
                    }
                }
                """);
    }

    /**
     * The gradient jgrad generates, called in a differentiated method (not generated yet when the
     * method is read): call the source method; for second derivatives, {@code @Hessian}.
     */
    @Test
    void jgradGenerated() {
        MarkedSource c = MarkedSource.of("p.C", """
                package p;

                import dev.jgrad.Grad;
                import dev.jgrad.Jit;

                class C {
                    @Grad @Jit static double f(double w) {
                        return w * w * w;
                    }

                    @Grad static double slope(double w) {
                        // error: JgradGradOfGrad at "CGrad.f(w)"
                        return CGrad.f(w).w();
                    }

                    @Grad static double fast(double w) {
                        // error: JgradGenerated at "CJit.f(w)"
                        return 2 * CJit.f(w);
                    }
                }
                """);
        Compilation compilation = JgradCompiler.compile(c);
        assertErrorsAsMarked(compilation, c);
        assertThat(compilation).hadErrorContaining("call the source method C.f in its place");
    }

    // ------------------------------------------------------------------ the catalogue itself

    /** Each id of the catalogue has its test here, named after it: {@code JgradCall} has {@code jgradCall}. */
    @Test
    void everyIdHasATest() {
        Set<String> tests = Arrays.stream(ErrorCatalogueTest.class.getDeclaredMethods())
                .map(Method::getName).collect(Collectors.toSet());
        List<String> missing = Arrays.stream(Message.values())
                .map(m -> Character.toLowerCase(m.id().charAt(0)) + m.id().substring(1))
                .filter(name -> !tests.contains(name))
                .collect(Collectors.toList());
        assertEquals(List.of(), missing, "catalogue ids without a test");
    }

    /** Every message prints as {@code [JgradXxx] text} (several messages may share an id). */
    @Test
    void everyMessageStartsWithItsId() {
        for (Message m : Message.values()) {
            assertTrue(m.id().matches("Jgrad[A-Z][A-Za-z]+"), m.id());
            String text = m.format("a", "b", "c", "d", "e");
            assertTrue(text.startsWith("[" + m.id() + "] "), text);
        }
    }
}
