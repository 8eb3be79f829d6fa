package dev.jgrad.processor;

import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/**
 * Odd but legal inputs: corners of the subset (names that clash with generated ones, loops without
 * a condition, literals of every form, helpers several calls deep, arrays aliased and reassigned),
 * declarations in unusual places (interfaces, enums, records, the unnamed package), and Java that jgrad
 * may reject but must not crash on or turn into code that does not compile (private and protected
 * members, native helpers, checked exceptions, generated names that collide).
 *
 * <p>{@link Input#inSubset()} says whether the contract allows the input: such an input must compile,
 * the others must at least fail with jgrad's own errors only.
 */
final class OddInputs {
    private OddInputs() {}

    /** One compilation: its files, and whether the contract's subset covers it. */
    record Input(String name, List<JavaFileObject> files, boolean inSubset) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Input> all() {
        return inputs().stream();
    }

    static Stream<Input> inSubset() {
        return inputs().stream().filter(Input::inSubset);
    }

    private static List<Input> inputs() {
        List<Input> in = new ArrayList<>();

        in.add(subset("loops without a usual condition", "p.Loops", """
                package p;

                import dev.jgrad.Grad;

                public class Loops {
                    @Grad static double forever(double w) {
                        for (;;) {
                            if (w > 10) {
                                return w;
                            }
                            w = w * 2;
                        }
                    }

                    @Grad static double whileTrue(double w) {
                        while (true) {
                            if (w > 10) {
                                break;
                            }
                            w = w * 1.5;
                        }
                        return w;
                    }

                    @Grad static double ifTrue(double w) {
                        if (true) {
                            return w * 2;
                        }
                        return w;
                    }

                    @Grad static double doWhileFalse(double w) {
                        double s = 0;
                        do {
                            s += w;
                        } while (false);
                        return s;
                    }

                    @Grad static double callInCondition(double w) {
                        while (square(w) < 100) {
                            w = w * 1.5;
                        }
                        double s = 0;
                        int i = 0;
                        for (; positive(w - i) && i < 10; i++) {
                            s += square(w) * i;
                        }
                        do {
                            s = s * 0.5;
                        } while (square(s) > 1);
                        return s;
                    }

                    @Grad static double multipleInitialisers(double w) {
                        double s = 0;
                        for (int i = 0, j = 10; i < j; i++, j--) {
                            s += w * i;
                        }
                        return s;
                    }

                    @Grad static double longIndex(double w, long n) {
                        double s = 0;
                        for (long i = 0; i < n; i++) {
                            s += w;
                        }
                        return s;
                    }

                    @Grad static double throwInLoop(double w) {
                        for (int i = 0; i < 3; i++) {
                            if (w > 1e9) {
                                throw new IllegalStateException("too large: " + w);
                            }
                            w = w * w;
                        }
                        return w;
                    }

                    @Grad static double emptyStatements(double w) {
                        ;
                        {
                        }
                        return (w);
                    }

                    static double square(double v) {
                        return v * v;
                    }

                    static boolean positive(double v) {
                        return v > 0;
                    }
                }
                """));

        in.add(subset("on-demand imports of packages and of a type's members", "p.Wildcards", """
                package p;

                import dev.jgrad.*;
                import java.util.*;
                import java.util.function.*;
                import p.Wildcards.Shapes.*;

                public class Wildcards {
                    static final class Shapes {
                        static final class Scale {
                            static final double FACTOR = 2.0;
                        }
                    }

                    @Grad @Jit static double f(double w, double[] x) {
                        double s = Math.sin(w) * Scale.FACTOR;
                        for (double v : x) {
                            s += Ops.sigmoid(v * w);
                        }
                        return s + Double.MIN_VALUE;
                    }
                }
                """));

        in.add(subset("names that generated code also uses", "p.Names", """
                package p;

                import dev.jgrad.Grad;

                public class Names {
                    @Grad static double parameters(double w, double w_bar, double tape, double t, double d) {
                        return w * w_bar * tape * t * d;
                    }

                    @Grad static double locals(double w) {
                        double w_bar = 3;
                        double value = w * w_bar;
                        double tape = value;
                        double trip = 1, trips = 2, done = 3, broke = 4, skip = 5;
                        double choice = 6, test = 7, array = 8, w_adj = 9, t = 10, d = 11, value_bar = 12;
                        for (int i = 0; i < 3; i++) {
                            tape = Math.sin(tape) * w + t * d;
                        }
                        return tape * trip * trips * done * broke * skip * choice * test * array * w_adj * value_bar;
                    }

                    @Grad static double shadowedInSiblingBlocks(double w) {
                        double s = 0;
                        {
                            double t = w;
                            s += t;
                        }
                        {
                            double t = 2 * w;
                            s += t * t;
                        }
                        return s;
                    }

                    @Grad static double unicode(double ω) {
                        double λ = ω * ω;
                        return λ;
                    }

                    @Grad static double value(double w) {
                        return w;
                    }
                }
                """));

        in.add(subset("literals and constants of every form", "p.Literals", """
                package p;

                import static java.lang.Math.*;

                import dev.jgrad.Grad;

                public class Literals {
                    static final double SCALE = 2.5;
                    static final int COUNT = 3;

                    @Grad static double numbers(double w) {
                        return w * -2147483648 + 0x1p3 + 1_000 + 1e-300 + 077 + 0b101 - 9223372036854775807L + 1e6 + .5;
                    }

                    @Grad static double constants(double w) {
                        return w * Double.MAX_VALUE + Integer.MAX_VALUE + Long.MIN_VALUE + Double.MIN_VALUE
                                + SCALE * COUNT + Literals.SCALE;
                    }

                    @Grad static double infinities(double w) {
                        return Math.max(w, Double.NEGATIVE_INFINITY) + Math.min(w, Double.POSITIVE_INFINITY);
                    }

                    @Grad static double staticImports(double w) {
                        return sin(w) * PI + E;
                    }

                    @Grad static double noDifferentiableParameter(int n) {
                        return n;
                    }

                    @Grad static double noParameter() {
                        return 1;
                    }

                    @Grad static double returnsAnInt(double w, int n) {
                        return n;
                    }

                    @Grad static double integers(double w, int n, long m, boolean f, int[] idx) {
                        int s = 0;
                        for (int i : idx) {
                            s += i;
                        }
                        s <<= 1;
                        s %= 7;
                        long k = m * 2;
                        k += 1;
                        boolean g = !f && w > 0 || f ^ true;
                        return (g ? w : -w) * s * k / (double) m + w % 3 + 7 / 2 + n;
                    }

                    @Grad static double inactiveCalls(double w, int n) {
                        return w * Math.fma(2.0, 3.0, 1.0) + Math.round(n * 1.5) + Math.floorMod(n, 3)
                                + Other.scale(n) + Math.abs(n) + Math.max(n, 2);
                    }
                }

                class Other {
                    static double scale(int n) {
                        return n * 0.5;
                    }
                }
                """));

        in.add(subset("arrays aliased, reassigned, ragged and literal", "p.Arrays", """
                package p;

                import dev.jgrad.Grad;

                public class Arrays {
                    static double sumAll(double[] a) {
                        double s = 0;
                        for (double v : a) {
                            s += v;
                        }
                        return s;
                    }

                    @Grad static double literalArgument(double w) {
                        return sumAll(new double[] {w, w * w});
                    }

                    @Grad static double literalInLoop(double w) {
                        double s = 1;
                        for (int i = 0; i < 3; i++) {
                            double[] a = {w, 1};
                            s += a[0] * a[1] * s;
                        }
                        return s;
                    }

                    @Grad static double matrixLiteral(double w) {
                        double[][] m = {{w}, {w, 2 * w}};
                        return m[1][1] * m[0][0];
                    }

                    @Grad static double ragged(double w, int n) {
                        double[][] r = new double[n][];
                        for (int i = 0; i < n; i++) {
                            r[i] = new double[i + 1];
                            r[i][i] = w * i;
                        }
                        double s = 0;
                        for (double[] row : r) {
                            for (double v : row) {
                                s += v * v;
                            }
                        }
                        return s;
                    }

                    @Grad static double rowAlias(double[][] m, double w) {
                        double[] row = m[0];
                        row[0] = row[0] * w;
                        double[] other = w > 0 ? m[1] : m[0];
                        return other[0] * m[0][0];
                    }

                    @Grad static double parameterReassigned(double[] x, double w) {
                        double s = x[0] * w;
                        x = new double[3];
                        x[0] = s * s;
                        w = 3;
                        return x[0] * w;
                    }

                    @Grad static double inPlace(double[] x, double w) {
                        for (int i = 0; i < x.length; i++) {
                            x[i] = x[i] * w;
                        }
                        return x[0];
                    }

                    @Grad static double cStyle(double w) {
                        double a[] = new double[2];
                        a[1] = w;
                        return a[1];
                    }

                    @Grad static double varargs(double... w) {
                        return w[0] * w[0];
                    }

                    @Grad static double castIndex(double w, double[] a) {
                        return a[(int) w] * w;
                    }

                    @Grad static double var(double w, double[] a) {
                        var x = w * 2;
                        var n = a.length;
                        var b = new double[n];
                        var c = 3L;
                        for (var v : a) {
                            x += v * w;
                        }
                        b[0] = x;
                        return b[0] + c + n;
                    }
                }
                """));

        in.add(subset("helpers several calls deep", "p.Helpers", """
                package p;

                import dev.jgrad.Grad;

                public class Helpers {
                    static int half(int n) {
                        return n / 2;
                    }

                    static boolean positive(double v) {
                        return v > 0;
                    }

                    static void fillEarly(double[] out, double w) {
                        for (int i = 0; i < out.length; i++) {
                            if (i > 2) {
                                return;
                            }
                            out[i] = w * i;
                        }
                    }

                    static double cube(double w) {
                        return square(w) * w;
                    }

                    static double square(double w) {
                        return identity(w) * w;
                    }

                    static double identity(double w) {
                        return w;
                    }

                    @Grad static double helpers(double w, double[] a) {
                        double s = a[half(a.length)];
                        if (positive(w)) {
                            s += w;
                        }
                        double[] o = new double[5];
                        for (int k = 0; k < 2; k++) {
                            fillEarly(o, w * s);
                        }
                        return s * o[1] + cube(w) + (w > 0 ? (w > 1 ? square(w) : w) : square(-w));
                    }

                    @Grad static double callsGradMethods(double w) {
                        return helpers(w, new double[] {1, 2}) * Elsewhere.g(w);
                    }
                }

                class Elsewhere {
                    @Grad static double g(double w) {
                        return Math.exp(w);
                    }
                }
                """));

        in.add(subset("declared in an interface, enum, record, generic class", "p.Shapes", """
                package p;

                import dev.jgrad.Grad;

                public interface Shapes {
                    @Grad static double area(double r) {
                        return Math.PI * r * r;
                    }

                    class Inner {
                        @Grad static double g(double w) {
                            return w * w;
                        }
                    }

                    enum Kind {
                        A;

                        @Grad static double e(double w) {
                            return w;
                        }
                    }

                    record Point(int x) {
                        @Grad static double r(double w) {
                            return w;
                        }
                    }
                }

                class Generic<T extends Number> {
                    @Grad static <U> double gen(final double w) {
                        return w * 3;
                    }
                }
                """));

        in.add(subset("in the unnamed package", "NoPackage", """
                import dev.jgrad.Grad;

                public class NoPackage {
                    @Grad static double f(double w) {
                        return w * w;
                    }
                }
                """));

        in.add(subset("a branch that throws beside a branch that returns", "p.Branches", """
                package p;

                import dev.jgrad.Grad;

                public class Branches {
                    @Grad static double f(double w) {
                        if (w > 0) {
                            return w * w;
                        } else {
                            throw new IllegalArgumentException("w must be positive");
                        }
                    }
                }
                """));

        in.add(subset("a method that only throws", "p.Throws", """
                package p;

                import dev.jgrad.Grad;

                public class Throws {
                    @Grad static double f(double w) {
                        throw new UnsupportedOperationException("not yet");
                    }
                }
                """));

        in.add(subset("a helper that always throws", "p.Failing", """
                package p;

                import dev.jgrad.Grad;

                public class Failing {
                    @Grad static double f(double w) {
                        if (w > 100) {
                            return fail();
                        }
                        return w;
                    }

                    static double fail() {
                        throw new IllegalStateException("too large");
                    }
                }
                """));

        in.add(subset("a loop that never ends", "p.Forever", """
                package p;

                import dev.jgrad.Grad;

                public class Forever {
                    @Grad static double f(double w) {
                        while (true) {
                            w = w * 2;
                        }
                    }
                }
                """));

        in.add(subset("private static final constant", "p.Private", """
                package p;

                import dev.jgrad.Grad;

                public class Private {
                    private static final double K = 2.5;

                    @Grad static double scaled(double w) {
                        if (w < 0) {
                            throw new IllegalArgumentException("w < 0, K = " + K);
                        }
                        return K * w;
                    }
                }
                """));

        in.add(subset("a constant named length in a class named Array", "p.Sizes", """
                package p;

                import dev.jgrad.Grad;

                public class Sizes {
                    static class Array {
                        static final int length = 3;
                    }

                    @Grad static double f(double w) {
                        double[] a = {w, w};
                        return w * Array.length + a.length;
                    }
                }
                """));

        in.add(subset("checked exception in an argument check", "p.Checked", """
                package p;

                import dev.jgrad.Grad;

                public class Checked {
                    @Grad static double f(double w) throws java.io.IOException {
                        if (w < 0) {
                            throw new java.io.IOException("negative");
                        }
                        return w;
                    }
                }
                """));

        in.add(subset("a class that calls its own generated classes, through var too", "p.SelfCall", """
                package p;

                import dev.jgrad.Grad;
                import dev.jgrad.Jit;
                import java.util.function.Function;

                public class SelfCall {
                    static final double LIMIT = 2;

                    @Grad static double f(double[] w, double b) {
                        double s = b;
                        for (int i = 0; i < w.length; i++) {
                            s += w[i] * w[i];
                        }
                        return Math.sin(s) * LIMIT;
                    }

                    @Jit static double fast(double[] w) {
                        double s = 0;
                        for (double v : w) {
                            s += v;
                        }
                        return s;
                    }

                    static class Nested {
                        @Grad @Jit static double g(double x) {
                            return Math.exp(x) * LIMIT;
                        }

                        static double use() {
                            var g = SelfCall_NestedGrad.g(1);
                            var v = SelfCall_NestedJit.g(2);
                            return g.value() + v + g.x();
                        }
                    }

                    public static void main(String[] args) {
                        var g = SelfCallGrad.f(new double[] {1, 2}, 3);
                        System.out.println(g.value() + " " + g.w()[1] + " " + g.b());
                        SelfCallGrad.FGradient explicit = SelfCallGrad.f(new double[] {1}, 0);
                        var fast = SelfCallJit.fast(new double[] {1, 2});
                        for (var x : SelfCallGrad.f(new double[] {1}, 2).w()) {
                            System.out.println(x + fast + explicit.b());
                        }
                        Function<SelfCallGrad.FGradient, Double> value = r -> r.value();
                        Function<double[], SelfCallGrad.FGradient> grad = w -> SelfCallGrad.f(w, 1);
                        System.out.println(value.apply(grad.apply(new double[] {3})) + Nested.use());
                    }
                }
                """));

        in.add(subset("method modifiers, parameter annotations, varargs", "p.Shapes2", """
                package p;

                import dev.jgrad.Grad;
                import dev.jgrad.Jit;

                public class Shapes2 {
                    @Grad synchronized static double locked(double w) {
                        return w * w;
                    }

                    @Grad private static double hidden(double w) {
                        return 3 * w + locked(w);
                    }

                    @Grad static double annotated(@Deprecated double w, final double v, @SuppressWarnings("unused") final int n) {
                        final double s = w * v;
                        return s;
                    }

                    @Grad @Jit static double sumSquares(double... xs) {
                        double s = 0;
                        for (double x : xs) {
                            s += x * x;
                        }
                        return s;
                    }

                    @Grad @Jit static double scaled(double k, double[]... rows) {
                        double s = 0;
                        for (double[] r : rows) {
                            s += k * r[0];
                        }
                        return s;
                    }

                    @Grad static double callsVarargs(double w, int n) {
                        return sumSquares(w, 2 * w, n) + sumSquares() + sumSquares(new double[] {w}) + weights(1, w);
                    }

                    static double weights(int k, double... ws) {
                        return k * ws[0];
                    }

                    static double use() {
                        return Shapes2Grad.sumSquares(1, 2, 3).xs()[2] + Shapes2Jit.sumSquares(1, 2)
                                + Shapes2Grad.sumSquares().value() + Shapes2Jit.scaled(2, new double[] {1}, new double[] {2})
                                + Shapes2Grad.hidden(1).w() + Shapes2Grad.annotated(1, 2, 3).v();
                    }
                }
                """));

        in.add(other("strictfp, which javac 17 warns is not needed", "p.Strict", """
                package p;

                import dev.jgrad.Grad;

                public class Strict {
                    @Grad strictfp static double f(double w) {
                        return w * w;
                    }

                    static double use() {
                        return StrictGrad.f(2).w();
                    }
                }
                """));

        in.add(other("method names that differ only in the case of the first letter", "p.Cases", """
                package p;

                import dev.jgrad.Grad;

                public class Cases {
                    @Grad static double f(double w) {
                        return w;
                    }

                    @Grad static double F(double w) {
                        return 2 * w;
                    }
                }
                """));

        in.add(other("private nested classes", "p.Nested", """
                package p;

                import dev.jgrad.Grad;

                public class Nested {
                    private static class Bad extends RuntimeException {
                        Bad(String message) {
                            super(message);
                        }
                    }

                    private static class Util {
                        static final double U = 2;

                        static double h(int n) {
                            return n;
                        }
                    }

                    @Grad static double privateException(double w) {
                        if (w < 0) {
                            throw new Bad("negative");
                        }
                        return w;
                    }

                    @Grad static double privateHelperClass(double w, int n) {
                        return w * Util.h(n) * Util.U;
                    }
                }
                """));

        in.add(new Input("protected members of a superclass in another package", List.of(
                JavaFileObjects.forSourceString("q.Base", """
                        package q;

                        public class Base {
                            protected static final double PROTECTED = 3;

                            protected static double scale(int n) {
                                return n * 0.5;
                            }
                        }
                        """),
                JavaFileObjects.forSourceString("p.Derived", """
                        package p;

                        import dev.jgrad.Grad;

                        public class Derived extends q.Base {
                            @Grad static double f(double w, int n) {
                                return w * scale(n) * PROTECTED;
                            }
                        }
                        """)), false));

        in.add(other("native helper", "p.Native", """
                package p;

                import dev.jgrad.Grad;

                public class Native {
                    @Grad static double f(double w) {
                        return helper(w);
                    }

                    static native double helper(double w);
                }
                """));

        in.add(other("nested and top-level class with the same generated name", "p.A_B", """
                package p;

                import dev.jgrad.Grad;

                public class A_B {
                    @Grad static double f(double w) {
                        return w * w;
                    }
                }

                class A {
                    static class B {
                        @Grad static double g(double w) {
                            return w * w;
                        }
                    }
                }
                """));
        in.add(subset("locals and helper variables named like the packages and classes generated code names", "p.Qualifiers", """
                package p;

                import dev.jgrad.Grad;
                import dev.jgrad.Jit;

                public class Qualifiers {
                    static final double K = 1.5;

                    @Grad static double javaAndMath(double x) {
                        double y = java.lang.Math.sin(x);
                        double java = x * 2;
                        double Math = java + y;
                        return StrictMath.cos(Math) * java;
                    }

                    @Grad static double devAndArrays2(double[] w) {
                        double[] Arrays2 = new double[w.length];
                        for (int dev = 0; dev < w.length; dev++) {
                            Arrays2[dev] = w[dev] * w[dev];
                        }
                        double Tape = 0;
                        for (double a : Arrays2) {
                            Tape = StrictMath.sin(Tape) + a;
                        }
                        return Tape;
                    }







                    @Grad static double constantBesideItsClassName(double x) {
                        double a = K * x;
                        double Qualifiers = a * a;
                        double p = Qualifiers + 1;
                        return p * StrictMath.sin(x);
                    }

                    @Grad static double throughHelpers(double x, double[] w) {
                        return helper(x, w) + helper2(x);
                    }

                    static double helper(double Math, double[] dev) {
                        double java = StrictMath.sin(Math);
                        double[] Arrays2 = new double[dev.length];
                        for (int i = 0; i < dev.length; i++) {
                            Arrays2[i] = dev[i] * java;
                        }
                        return Arrays2[0];
                    }

                    static double helper2(double java) {
                        double Math = StrictMath.exp(java);
                        return Math * java;
                    }

                    @Jit @Grad static double jitted(double[] w, double[][] x) {
                        double java = 0;
                        for (int i = 0; i < x.length; i++) {
                            double Math = 0;
                            for (int j = 0; j < w.length; j++) {
                                Math += w[j] * x[i][j];
                            }
                            java += StrictMath.tanh(Math);
                        }
                        double[] Arrays2 = new double[1];
                        Arrays2[0] = java;
                        return Arrays2[0];
                    }

                    @Grad static double equals(double equals, double x) {
                        return equals * x;
                    }
                }
                """));
        in.add(subset("a parameter java beside a local Math", "p.ParamJava", """
                package p;

                import dev.jgrad.Grad;

                public class ParamJava {
                    @Grad static double paramJava(double java, double[] w) {
                        return StrictMath.sin(java) * w[0];
                    }

                    @Grad static double paramJavaLocalMath(double java, double x) {
                        double Math = StrictMath.sin(java) * x;
                        return Math * Math;
                    }
                }
                """));
        in.add(subset("a parameter Math beside a local java", "p.ParamMath", """
                package p;

                import dev.jgrad.Grad;

                public class ParamMath {
                    @Grad static double paramMath(double Math, double x) {
                        return StrictMath.sin(Math) * StrictMath.exp(x);
                    }

                    @Grad static double paramMathLocalJava(double Math, double x) {
                        double java = StrictMath.sin(Math) * x;
                        return java * java;
                    }
                }
                """));
        in.add(subset("a parameter dev beside a local Arrays2", "p.ParamDev", """
                package p;

                import dev.jgrad.Grad;

                public class ParamDev {
                    @Grad static double paramDevLocalArrays2(double[] dev, double x) {
                        double[] Arrays2 = new double[dev.length];
                        for (int i = 0; i < dev.length; i++) {
                            Arrays2[i] = dev[i] * x;
                        }
                        return Arrays2[0] * Arrays2[1];
                    }
                }
                """));
        in.add(subset("a parameter Arrays2 beside a local dev", "p.ParamArrays2", """
                package p;

                import dev.jgrad.Grad;

                public class ParamArrays2 {
                    @Grad static double paramArrays2LocalDev(double[] Arrays2, double x) {
                        double dev = 0;
                        for (int i = 0; i < Arrays2.length; i++) {
                            dev += StrictMath.tanh(Arrays2[i] * x);
                        }
                        return dev;
                    }
                }
                """));
        in.add(subset("a wrt parameter named equals, and Object's method names outside wrt", "p.Components", """
                package p;

                import dev.jgrad.Grad;

                public class Components {
                    @Grad static double equals(double equals, double x) {
                        return equals * x;
                    }

                    @Grad(wrt = "x") static double notComponents(double x, double hashCode, double[] toString, int wait) {
                        return x * hashCode * toString[0] * wait;
                    }
                }
                """));

        in.add(manyParameters());

        in.add(largeButWithinTheLimit());
        return in;
    }

    /** 127 doubles (254 slots): a gradient with respect to some of them, and a @Jit loop that captures them all. */
    private static Input manyParameters() {
        StringBuilder params = new StringBuilder("double a0");
        StringBuilder sum = new StringBuilder("a0");
        for (int k = 1; k < 127; k++) {
            params.append(", double a").append(k);
            sum.append(" + a").append(k);
        }
        return subset("127 double parameters", "p.Many", """
                package p;

                import dev.jgrad.Grad;
                import dev.jgrad.Jit;

                public class Many {
                    @Grad(wrt = {"a0", "a126"}) static double some(%s) {
                        return a0 * a1 + a126;
                    }

                    @Jit @Grad(wrt = "a0") static double looped(%s) {
                        double s = 0;
                        for (int i = 0; i < 100000; i++) {
                            double t = 0;
                            for (int j = 0; j < 3; j++) {
                                t += (%s) * i + j;
                            }
                            s += t * a0;
                        }
                        return s;
                    }
                }
                """.formatted(params, params, sum));
    }

    /** 600 statements written out: the gradient's code is about 48 KB, within the JVM's 64 KB. */
    private static Input largeButWithinTheLimit() {
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < 600; k++) {
            body.append("        s = Math.sin(s) * w + ").append(k).append(";\n");
        }
        return subset("a large method within the limit", "p.Large", """
                package p;

                import dev.jgrad.Grad;

                public class Large {
                    @Grad static double unrolled(double w) {
                        double s = 0;
                %s        return s;
                    }
                }
                """.formatted(body));
    }

    private static Input subset(String name, String type, String source) {
        return new Input(name, List.of(JavaFileObjects.forSourceString(type, source)), true);
    }

    private static Input other(String name, String type, String source) {
        return new Input(name, List.of(JavaFileObjects.forSourceString(type, source)), false);
    }
}
