package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;
import dev.jgrad.Ops;

/**
 * Corpus: {@code Math.tanh} over every range of the formulation that computes it under {@code @Jit}
 * ({@code JitMath.tanh}, in the jit corpus's twins): the rational function below |x| = 0.625, {@code 1 -
 * 2/(exp(2|x|) + 1)} above it, +-1 beyond 22, tiny arguments; in fused loops, lowered from
 * {@code Ops.tanh}, composed with itself and in a helper. Without {@code @Jit} the value stays the
 * source's bit for bit; the twins must agree with it to {@code @Jit}'s tolerance, and the derivative
 * reads the value computed.
 */
public final class JitMathCases {
    private JitMathCases() {}

    /** Covers: tanh on both sides of 0.625 in a loop of independent iterations (one fused pass under @Jit @Grad). */
    @Grad(wrt = "w")
    static double bothBranches(double[] w, double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double t = Math.tanh(w[i] * x[i]);
            s += t * (1 + 0.25 * x[i]);
        }
        return s;
    }

    /** Covers: saturated tanh, on both sides of the cut-off at 22, where the value is +-1 and the derivative 0. */
    @Grad
    static double saturated(double x) {
        return 3 * Math.tanh(21.5 + x * x) + Math.tanh(-30 - x) + Math.tanh(19 + x) + x;
    }

    /** Covers: tiny arguments, where tanh(x) is x to within an ulp or two. */
    @Grad
    static double tiny(double x) {
        return 1e3 * Math.tanh(1e-3 * x) + 1e9 * Math.tanh(1e-9 * x) + 1e150 * Math.tanh(1e-150 * x);
    }

    /** Covers: tanh of tanh (the outer derivative reads the outer value, the inner the inner). */
    @Grad
    static double composed(double x, double y) {
        return Math.tanh(2 * Math.tanh(x) + y) * Math.tanh(y - x);
    }

    /** Covers: Ops.tanh of a matrix-vector product, lowered into a loop, in a least-squares loss. */
    @Grad(wrt = "w")
    static double opsLayer(double[] w, double[][] x, double[] y) {
        return Ops.mean(Ops.square(Ops.sub(Ops.tanh(Ops.matvec(x, w)), y)));
    }

    /** Covers: tanh in a helper called from a loop (the tanh approximation of GELU). */
    @Grad(wrt = "w")
    static double geluLayer(double[] w, double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += gelu(w[i] * x[i]) * x[i];
        }
        return s;
    }

    private static double gelu(double a) {
        return 0.5 * a * (1 + Math.tanh(0.7978845608028654 * (a + 0.044715 * a * a * a)));
    }
}
