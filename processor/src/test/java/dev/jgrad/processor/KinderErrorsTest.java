package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jgrad.processor.testing.JgradCompiler.assertErrorsAsMarked;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.jgrad.processor.testing.JgradCompiler;
import dev.jgrad.processor.testing.MarkedSource;
import org.junit.jupiter.api.Test;

/**
 * Errors as a newcomer meets them: each once, at the construct, saying how it was reached; no errors
 * that follow from another; and, for the constructs newcomers reach for first, what to write instead.
 */
class KinderErrorsTest {

    private static Compilation assertMarked(String source) {
        MarkedSource c = MarkedSource.of("p.C", source);
        Compilation compilation = JgradCompiler.compile(c);
        assertErrorsAsMarked(compilation, c);
        return compilation;
    }

    /** A helper's error is printed once, not once per caller, and names the method it was reached from. */
    @Test
    void aHelpersErrorIsReportedOnceNamingTheGradMethodThatReachedIt() {
        Compilation c = assertMarked("""
                package p;

                import dev.jgrad.Grad;
                import dev.jgrad.Jit;

                class C {
                    @Grad static double first(double w) {
                        return outer(w);
                    }

                    @Grad static double second(double w) {
                        return 2 * outer(w);
                    }

                    @Jit static double third(double w) {
                        return helper(w);
                    }

                    static double outer(double w) {
                        return helper(w) + 1;
                    }

                    static double helper(double w) {
                        // error: JgradExpression at "null"
                        double[] a = null;
                        return w;
                    }
                }
                """);
        assertThat(c).hadErrorContaining("(in 'helper', called from 'outer', called from @Grad method 'first')");
    }

    /**
     * After jgrad's error, no cascade of "cannot find symbol CGrad": javac leaves method bodies that
     * use it alone, and the imports of it (which javac would report) find a stand-in ({@code Stubs}).
     */
    @Test
    void anErrorCausesNoCascadeInCodeThatUsesOrImportsTheGeneratedClass() {
        MarkedSource c = MarkedSource.of("p.C", """
                package p;

                import dev.jgrad.Grad;
                import dev.jgrad.Jit;

                public class C {
                    @Grad @Jit public static double f(double w) {
                        // error: JgradExpression at "null"
                        double[] a = null;
                        return w;
                    }

                    static double sameClass(double w) {
                        return CGrad.f(w).value() + CJit.f(w);
                    }
                }
                """);
        MarkedSource samePackage = MarkedSource.of("p.D", """
                package p;

                class D {
                    static double use(double w) {
                        CGrad.FGradient g = CGrad.f(w);
                        return g.w();
                    }
                }
                """);
        MarkedSource imports = MarkedSource.of("q.E", """
                package q;

                import static p.CGrad.f;

                import p.CGrad;
                import p.CGrad.FGradient;
                import p.CJit;

                class E {
                    static double use(double w) {
                        FGradient g = f(w);
                        return g.value() + CGrad.f(w).w() + CJit.f(w);
                    }
                }
                """);
        Compilation compilation = JgradCompiler.compile(c, samePackage, imports);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[JgradExpression]").inFile(c.file()).onLine(c.expected().get(0).line());
        JgradCompiler.assertOnlyJgradErrors(compilation);
    }

    /** A switch expression is named as such, with what to write instead (not javac's tree kind). */
    @Test
    void aSwitchExpressionSaysWhatToWriteInstead() {
        Compilation c = assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double payoff(double s, double k, int kind) {
                        // error: JgradExpression at "switch"
                        double p = switch (kind) {
                            case 0 -> Math.max(s - k, 0);
                            default -> Math.max(k - s, 0);
                        };
                        return p;
                    }
                }
                """);
        assertThat(c).hadErrorContaining("a switch expression is not supported in a differentiated method: use if/else,"
                + " or a conditional (c ? a : b)");
    }

    /** A local of a type outside the subset is one error, at its declaration, not one more at each use. */
    @Test
    void aFloatLocalIsOneErrorNotOnePerUse() {
        Compilation c = assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double scaled(double a) {
                        // error: JgradType at "(float"
                        float f = (float) a;
                        f += 1;
                        return f * a;
                    }
                }
                """);
        assertThat(c).hadErrorCount(1);
    }

    /** Objects.requireNonNull is read as the null check it is; used for its value, it says what to write. */
    @Test
    void requireNonNullUsedForItsValueSaysToMakeItAStatement() {
        Compilation c = assertMarked("""
                package p;

                import dev.jgrad.Grad;
                import java.util.Objects;

                class C {
                    @Grad static double checked(double[] x, double a) {
                        Objects.requireNonNull(x, "x");
                        if (x == null) throw new IllegalArgumentException("x");
                        // error: JgradCall at "("
                        double[] y = Objects.requireNonNull(x);
                        return a * y[0];
                    }
                }
                """);
        assertThat(c).hadErrorContaining("make it a statement of its own (Objects.requireNonNull(x);) and then use x");
    }

    /** A typo, a wrong number of arguments, an instance method and a float literal: each says what is wrong, and what to do. */
    @Test
    void unresolvedNamesAndCallsSayWhatIsWrong() {
        Compilation c = assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double typo(double[] x) {
                        // error: JgradCannotFind at "undefinedVar"
                        return undefinedVar * x[0];
                    }

                    @Grad static double arity(double[] x) {
                        // error: JgradCall at "("
                        return Math.exp(x[0], 2);
                    }

                    @Grad static double instance(double[] x) {
                        // error: JgradCall at "("
                        return x.equals(x) ? 1 : x[0];
                    }

                    @Grad static double single(double x) {
                        // error: JgradExpression at "0.5f"
                        return 0.5f * x;
                    }
                }
                """);
        assertThat(c).hadErrorContaining("cannot find symbol 'undefinedVar': no local, parameter or field of that name is in scope;"
                + " check its spelling");
        assertThat(c).hadErrorContaining("call to Math.exp(...) cannot be differentiated: it is given 2 argument(s), and each"
                + " method of that name takes 1");
        assertThat(c).hadErrorContaining("call to x.equals(...) cannot be differentiated: it is a method of a value (an instance"
                + " method), and a differentiated method calls static methods only");
        assertThat(c).hadErrorContaining("the float literal 0.5f is not supported in a differentiated method: write it as a"
                + " double (0.5)");
    }

    /** An Ops method given a shape it has no overload for is named with the shape, not an internal error. */
    @Test
    void anOpsMethodGivenAShapeItDoesNotTakeSaysSo() {
        Compilation c = assertMarked("""
                package p;

                import static dev.jgrad.Ops.*;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double rows(double[][] x) {
                        // error: JgradCall at "(x)"
                        return sum(colSums(logSoftmax(x)));
                    }
                }
                """);
        assertThat(c).hadErrorContaining("no Ops.logSoftmax takes (double[][])");
    }
    /**
     * A record that is not a parameter's: from a helper, or made by the method. One positioned error each,
     * no internal error after it (adversarial trial), and a helper that returns a record says so.
     */
    @Test
    void aRecordFromAHelperOrAConstructorIsOneError() {
        Compilation c = assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    record Inner(double[] v, double s) {}
                    record Outer(Inner in, double c) {}
                    record Pair(double a, double b) {}

                    static Inner innerOf(Outer o) { return o.in(); }
                    static double norm(Inner in) { return in.s() * in.s(); }
                    static double use(Pair q) { return q.a() * q.b(); }

                    @Grad static double viaLocal(Outer o, double w) {
                        // error: JgradCall at "(o)"
                        Inner in = innerOf(o);
                        return w * norm(in);
                    }

                    @Grad static double viaCall(Outer o, double w) {
                        // error: JgradCall at "(o)"
                        return w * norm(innerOf(o));
                    }

                    @Grad static double made(double x, double y) {
                        // error: JgradRecord at "new"
                        Pair q = new Pair(x, y);
                        return use(q);
                    }
                }
                """);
        assertThat(c).hadErrorContaining("call to innerOf(...) cannot be differentiated: it returns p.C.Inner; helpers return"
                + " double, int, long, boolean, double[], double[][], int[], boolean[] or nothing (not a record: read the"
                + " record's component where it is needed");
    }

    /** A method of an enum constant or a field is an instance method, not a misspelt name. */
    @Test
    void aMethodOfAnEnumConstantIsAnInstanceMethod() {
        Compilation c = assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    enum Kind { A; double scale(double x) { return 3 * x; } }

                    @Grad static double f(double x) {
                        // error: JgradCall at "(x)"
                        return Kind.A.scale(x) + x;
                    }

                    @Grad static double g(double x) {
                        // error: JgradExpression at "0.1f"
                        return 0.1f * x;
                    }
                }
                """);
        assertThat(c).hadErrorContaining("call to Kind.A.scale(...) cannot be differentiated: it is a method of a value (an"
                + " instance method)");
        assertThat(c).hadErrorContaining("write it as a double (0.1); the float's own value is the double 0.10000000149011612,"
                + " which is what the source computes with");
    }

    /** {@code Math.signum(k)} of an int: javac picks {@code signum(float)}; the message says to pass a double. */
    @Test
    void theFloatOverloadJavacPicksForAnIntSaysToPassADouble() {
        Compilation c = assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    @Grad static double f(double[] x) {
                        double s = 0;
                        for (int i = 0; i < x.length; i++) {
                            int k = i - 2;
                            // error: JgradExpression at "Math.signum(k)"
                            s += x[i] * Math.signum(k);
                        }
                        return s;
                    }
                }
                """);
        assertThat(c).hadErrorContaining("the float version of Math.signum (javac's choice for an int argument) is not"
                + " supported in a differentiated method: pass a double: Math.signum((double) k)");
    }

    /**
     * A helper that returns a record (two values at once, an everyday Java idiom): said at the call, with what to
     * write instead, not "the record local is not set from a record parameter" or "an instance method".
     */
    @Test
    void aHelperReturningARecordIsSaidAtTheCall() {
        Compilation c = assertMarked("""
                package p;

                import dev.jgrad.Grad;

                class C {
                    record Pair(double a, double b) {}

                    static Pair split(double x) {
                        return new Pair(x * x, Math.sin(x));
                    }

                    @Grad static double f(double x) {
                        // error: JgradCall at "(x)"
                        Pair p = split(x);
                        return p.a() + p.b();
                    }

                    @Grad static double g(double x) {
                        // error: JgradCall at "()"
                        return split(x).a();
                    }
                }
                """);
        assertTrue(c.errors().stream().allMatch(d -> d.getMessage(null).contains("a helper cannot return a record")),
                () -> c.errors().toString());
    }

    /** The way an error in a helper was reached names the annotation that made jgrad read the method, @Hessian here. */
    @Test
    void theWayAHelpersErrorWasReachedNamesTheMethodsAnnotation() {
        Compilation c = assertMarked("""
                package p;

                import dev.jgrad.Hessian;

                class C {
                    static double helper(double[] s) {
                        // error: JgradExpression at "null"
                        double[] t = null;
                        return s[0] * s[0];
                    }

                    @Hessian static double e(double[] s) {
                        return helper(s) * s[0];
                    }
                }
                """);
        assertThat(c).hadErrorContaining("(in 'helper', called from @Hessian method 'e')");
    }

    /** Arrays.copyOf, used for a copy: the message points to clone() or a loop. */
    @Test
    void arraysCopyOfPointsToClone() {
        Compilation c = assertMarked("""
                package p;

                import dev.jgrad.Grad;
                import java.util.Arrays;

                class C {
                    @Grad static double f(double[] w) {
                        // error: JgradCall at "(w,"
                        double[] a = Arrays.copyOf(w, w.length);
                        return a[0] * a[0];
                    }
                }
                """);
        assertThat(c).hadErrorContaining("for a copy write a.clone() (same length), or a for loop into a new double[n]");
    }
}
