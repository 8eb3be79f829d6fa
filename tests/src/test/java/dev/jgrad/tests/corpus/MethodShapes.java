package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;
import dev.jgrad.Jit;

/**
 * Corpus: the shapes a method itself may take. Variable arity (the generated methods are variable
 * arity too, and a call with separate arguments gathers them into an array, as Java does),
 * {@code synchronized} and {@code final} or annotated parameters, a nested class, and code of the
 * same class that calls the generated classes, through {@code var} as users first write it (javac
 * compiles this file in the real build: it must neither crash nor reject it).
 */
public final class MethodShapes {
    private MethodShapes() {}

    @Grad
    static double sumSquares(double... xs) {
        double s = 0;
        for (double x : xs) {
            s += x * x;
        }
        return s;
    }

    @Jit
    static double fastSumSquares(double... xs) {
        double s = 0;
        for (double x : xs) {
            s += x * x;
        }
        return s;
    }

    static double weighted(int k, double... ws) {
        double s = 0;
        for (int i = 0; i < ws.length; i++) {
            s += (k + i) * ws[i];
        }
        return s;
    }

    /** Calls of variable arity, with separate arguments (active ones among them), none, and an array. */
    @Grad
    static double callsVarargs(double w, double[] v) {
        return sumSquares(w, 2 * w, v[0]) + weighted(3, w * v[1], v[2], 1.5) + weighted(2) + sumSquares(v);
    }

    @Grad
    static synchronized double locked(@Deprecated double w, final double[] v) {
        final double s = w * v[0] + Math.sin(v[1]);
        return s * s;
    }

    /** A nested class whose methods call the generated classes of both classes. */
    static final class Nested {
        private Nested() {}

        @Grad
        static double scaled(double k, double[]... rows) {
            double s = 0;
            for (double[] r : rows) {
                s += k * r[0] * r[1];
            }
            return s;
        }

        @Jit
        static double fastScaled(double k, double[]... rows) {
            double s = 0;
            for (double[] r : rows) {
                s += k * r[0] * r[1];
            }
            return s;
        }

        static double viaGenerated(double k) {
            var g = MethodShapes_NestedGrad.scaled(k, new double[] {1, 2}, new double[] {3, 4});
            var fast = MethodShapes_NestedJit.fastScaled(k, new double[] {1, 2});
            var outer = MethodShapesGrad.sumSquares(k, 1);
            return g.value() + g.k() + fast + outer.xs()[0];
        }
    }

    /** Not differentiated: the class's own use of what jgrad generates for it. */
    public static double viaGenerated(double w) {
        var g = MethodShapesGrad.sumSquares(w, 2, 3);
        MethodShapesGrad.LockedGradient explicit = MethodShapesGrad.locked(w, new double[] {1, 2});
        double sum = 0;
        for (var x : g.xs()) {
            sum += x;
        }
        java.util.function.DoubleUnaryOperator viaLambda = x -> MethodShapesGrad.callsVarargs(x, new double[] {1, 2, 3}).w();
        var fast = MethodShapesJit.fastSumSquares(w, 1);
        return g.value() + sum + explicit.w() + viaLambda.applyAsDouble(w) + Nested.viaGenerated(w) + fast;
    }
}
