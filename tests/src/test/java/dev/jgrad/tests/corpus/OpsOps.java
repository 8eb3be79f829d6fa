package dev.jgrad.tests.corpus;

import static dev.jgrad.Ops.*;
import static java.lang.Math.*;

import dev.jgrad.Grad;

/**
 * Corpus: one method per {@code dev.jgrad.Ops} op and per broadcasting case, each made a loss by a
 * {@code dot} or {@code sum} with weights, so that every entry of the op's result reaches the
 * gradient with its own factor. The processor lowers each into loops; the corpus then holds the
 * value to the eager {@code Ops} bit for bit and the gradient to finite differences. {@code Math}'s
 * functions are imported too, as a user may: {@code exp}, {@code abs}, {@code max}, ... resolve by
 * their arguments' types.
 */
public final class OpsOps {
    private OpsOps() {}

    // ---- creation

    /** Covers: zeros(n), ones(n), full(n, v). */
    @Grad
    static double creation(double[] x, double v) {
        return dot(add(zeros(x.length), mul(ones(x.length), x)), full(x.length, v));
    }

    /** Covers: zeros(n, m), ones(n, m), full(n, m, v). */
    @Grad
    static double creationMatrix(double[][] m, double v) {
        int cols = m[0].length;
        return sum(mul(add(zeros(m.length, cols), full(m.length, cols, v)), add(m, ones(m.length, cols))));
    }

    // ---- element-wise binary, every broadcasting case (add, sub, mul, div in each)

    /** Covers: add, sub, mul, div of (double[], double[]). */
    @Grad
    static double vectorVector(double[] x, double[] y, double[] w) {
        return dot(add(x, y), w) + dot(sub(x, y), w) + dot(mul(x, y), w) + dot(div(x, y), w);
    }

    /** Covers: add, sub, mul, div of (double[], double). */
    @Grad
    static double vectorScalar(double[] x, double s, double[] w) {
        return dot(add(x, s), w) + dot(sub(x, s), w) + dot(mul(x, s), w) + dot(div(x, s), w);
    }

    /** Covers: add, sub, mul, div of (double, double[]). */
    @Grad
    static double scalarVector(double s, double[] y, double[] w) {
        return dot(add(s, y), w) + dot(sub(s, y), w) + dot(mul(s, y), w) + dot(div(s, y), w);
    }

    /** Covers: add, sub, mul, div of (double[][], double[][]). */
    @Grad
    static double matrixMatrix(double[][] a, double[][] b, double[][] w) {
        return sum(mul(add(a, b), w)) + sum(mul(sub(a, b), w)) + sum(mul(mul(a, b), w)) + sum(mul(div(a, b), w));
    }

    /** Covers: add, sub, mul, div of (double[][], double[]): the vector along every row. */
    @Grad
    static double matrixVector(double[][] a, double[] v, double[][] w) {
        return sum(mul(add(a, v), w)) + sum(mul(sub(a, v), w)) + sum(mul(mul(a, v), w)) + sum(mul(div(a, v), w));
    }

    /** Covers: add, sub, mul, div of (double[], double[][]). */
    @Grad
    static double vectorMatrix(double[] v, double[][] a, double[][] w) {
        return sum(mul(add(v, a), w)) + sum(mul(sub(v, a), w)) + sum(mul(mul(v, a), w)) + sum(mul(div(v, a), w));
    }

    /** Covers: add, sub, mul, div of (double[][], double). */
    @Grad
    static double matrixScalar(double[][] a, double s, double[][] w) {
        return sum(mul(add(a, s), w)) + sum(mul(sub(a, s), w)) + sum(mul(mul(a, s), w)) + sum(mul(div(a, s), w));
    }

    /** Covers: add, sub, mul, div of (double, double[][]). */
    @Grad
    static double scalarMatrix(double s, double[][] a, double[][] w) {
        return sum(mul(add(s, a), w)) + sum(mul(sub(s, a), w)) + sum(mul(mul(s, a), w)) + sum(mul(div(s, a), w));
    }

    /** Covers: pow of a vector and of a matrix (positive entries), the power active too. */
    @Grad
    static double power(double[] x, double[][] a, double p, double[] w) {
        return dot(pow(x, p), w) + sum(pow(a, p));
    }

    // ---- element-wise unary, one method per op (vectors), and every op on a matrix

    /** Covers: neg. */
    @Grad
    static double negate(double[] x, double[] w) {
        return dot(neg(x), w);
    }

    /** Covers: abs (entries away from 0). */
    @Grad
    static double absolute(double[] x, double[] w) {
        return dot(abs(x), w);
    }

    /** Covers: square. */
    @Grad
    static double squared(double[] x, double[] w) {
        return dot(square(x), w);
    }

    /** Covers: sqrt (positive entries). */
    @Grad
    static double roots(double[] x, double[] w) {
        return dot(sqrt(x), w);
    }

    /** Covers: exp. */
    @Grad
    static double exponential(double[] x, double[] w) {
        return dot(exp(x), w);
    }

    /** Covers: log (positive entries). */
    @Grad
    static double logarithm(double[] x, double[] w) {
        return dot(log(x), w);
    }

    /** Covers: log1p (entries above -1). */
    @Grad
    static double logOnePlus(double[] x, double[] w) {
        return dot(log1p(x), w);
    }

    /** Covers: tanh. */
    @Grad
    static double hyperbolicTangent(double[] x, double[] w) {
        return dot(tanh(x), w);
    }

    /** Covers: sigmoid of a vector (both branches of the stable form). */
    @Grad
    static double sigmoids(double[] x, double[] w) {
        return dot(sigmoid(x), w);
    }

    /** Covers: relu of a vector (entries away from 0). */
    @Grad
    static double relus(double[] x, double[] w) {
        return dot(relu(x), w);
    }

    /** Covers: softplus of a vector. */
    @Grad
    static double softpluses(double[] x, double[] w) {
        return dot(softplus(x), w);
    }

    /** Covers: every unary op on a matrix (positive entries away from 0), chained. */
    @Grad
    static double unaryMatrix(double[][] a, double[][] w) {
        return sum(mul(neg(abs(square(sqrt(log1p(log(exp(a))))))), w))
                + sum(mul(tanh(a), w)) + sum(mul(sigmoid(a), w)) + sum(mul(relu(a), w)) + sum(mul(softplus(a), w));
    }

    // ---- scalar functions

    /** Covers: the scalar sigmoid, softplus, relu (away from 0), erf, erfc, normCdf. */
    @Grad
    static double scalars(double x, double y) {
        return sigmoid(x) * softplus(y) + relu(x) + erf(x * y) + erfc(y) + normCdf(x - y);
    }

    /**
     * Covers: stopGradient of a double, a vector and a matrix: the value, no derivative. Each stopped
     * value cancels out of the result ({@code exp(x - c) * exp(c)}), as the max in a logSumExp does, so
     * that finite differences, which see through it, agree.
     */
    @Grad
    static double stopped(double x, double[] v, double[][] a) {
        double c = stopGradient(x);
        double[] cv = stopGradient(v);
        double[][] ca = stopGradient(a);
        return Math.exp(x - c) * Math.exp(c) + dot(exp(sub(v, cv)), exp(cv)) + sum(mul(exp(sub(a, ca)), exp(ca)));
    }

    // ---- reductions

    /** Covers: sum and mean of a vector and of a matrix. */
    @Grad
    static double sums(double[] x, double[][] a) {
        return sum(x) * mean(x) + sum(a) - mean(a) * mean(a);
    }

    /** Covers: max and min of a vector (entries spread apart: no ties). */
    @Grad
    static double extremaVector(double[] x) {
        return max(x) - 2 * min(x);
    }

    /** Covers: max and min of a matrix (entries spread apart). */
    @Grad
    static double extremaMatrix(double[][] a) {
        return max(a) * min(a);
    }

    /** Covers: dot, norm2. */
    @Grad
    static double dotAndNorm(double[] x, double[] y) {
        return dot(x, y) / norm2(x);
    }

    /** Covers: logSumExp of a vector, and of each row of a matrix. */
    @Grad
    static double logSumExps(double[] x, double[][] a, double[] w) {
        return logSumExp(x) + dot(logSumExp(a), w);
    }

    /** Covers: rowSums and colSums. */
    @Grad
    static double rowAndColumnSums(double[][] a, double[] u, double[] v) {
        return dot(rowSums(a), u) + dot(colSums(a), v);
    }

    // ---- vectors

    /** Covers: softmax of a vector. */
    @Grad
    static double softmaxVector(double[] x, double[] w) {
        return dot(softmax(x), w);
    }

    /** Covers: logSoftmax. */
    @Grad
    static double logSoftmaxVector(double[] x, double[] w) {
        return dot(logSoftmax(x), w);
    }

    /** Covers: softmax of each row of a matrix. */
    @Grad
    static double softmaxRows(double[][] a, double[][] w) {
        return sum(mul(softmax(a), w));
    }

    /** Covers: cumsum. */
    @Grad
    static double runningSums(double[] x, double[] w) {
        return dot(cumsum(x), w);
    }

    // ---- linear algebra

    /** Covers: matvec. */
    @Grad
    static double matrixTimesVector(double[][] a, double[] x, double[] w) {
        return dot(matvec(a, x), w);
    }

    /** Covers: vecmat. */
    @Grad
    static double vectorTimesMatrix(double[] x, double[][] a, double[] w) {
        return dot(vecmat(x, a), w);
    }

    /** Covers: matmul. */
    @Grad
    static double matrixProduct(double[][] a, double[][] b, double[][] w) {
        return sum(mul(matmul(a, b), w));
    }

    /** Covers: transpose (a transposed weight, so that both matrices keep their shape when the data grow). */
    @Grad
    static double transposed(double[][] a, double[][] w) {
        return sum(mul(transpose(a), transpose(w)));
    }

    /** Covers: outer. */
    @Grad
    static double outerProduct(double[] x, double[] y, double[][] w) {
        return sum(mul(outer(x, y), w));
    }

    // ---- how the lowering reads: nesting, views read twice, results kept

    /** Covers: names of both Ops and Math in one expression, chosen by the arguments' types (a double: Math's). */
    @Grad
    static double withMath(double[] x, double s) {
        return sum(exp(mul(x, exp(s)))) + log(abs(s)) + max(x) + max(s, 1.0) + abs(-2);
    }

    /** Covers: operands that are Ops results read more than once per element (a broadcast vector, matvec's vector, matmul's operands, a row softmax's input). */
    @Grad
    static double nestedOperands(double[][] a, double[] x, double[][] b) {
        return sum(add(a, exp(x))) + sum(matvec(a, tanh(x))) + sum(matmul(mul(a, 2.0), transpose(add(b, 1.0))))
                + sum(softmax(mul(a, a))) + logSumExp(neg(x));
    }

    /** Covers: Ops results held in local arrays, read by loops and by other Ops calls. */
    @Grad
    static double resultsInLocals(double[] x, double[][] a) {
        double[] h = tanh(matvec(a, x));
        double[][] t = transpose(a);
        double s = 0;
        for (int i = 0; i < h.length; i++) {
            s += h[i] * h[i];
        }
        return s + sum(vecmat(h, a)) + sum(matvec(t, h));
    }
}
