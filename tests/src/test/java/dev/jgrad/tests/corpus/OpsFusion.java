package dev.jgrad.tests.corpus;

import static dev.jgrad.Ops.*;

import dev.jgrad.Grad;

/**
 * Corpus: Ops results kept in local arrays and read by later Ops calls, and the ops whose running
 * max is a loop ({@code max}, {@code min}, {@code softmax}, {@code logSoftmax}, {@code logSumExp}):
 * under {@code @Jit @Grad} (the jit corpus) each gets the tape-free gradient.
 */
public final class OpsFusion {
    private OpsFusion() {}

    /** Covers: the hidden layer of a two-layer network in a local matrix, read by one later Ops call. */
    @Grad(wrt = {"w1", "b1", "w2", "b2"})
    static double hiddenLocal(double[][] w1, double[] b1, double[] w2, double b2, double[][] x, double[] y) {
        double[][] h = tanh(add(matmul(x, transpose(w1)), b1));
        return mean(square(sub(add(matvec(h, w2), b2), y)));
    }

    /** Covers: a chain of local vectors, one read twice (by a reduction and by an element-wise op). */
    @Grad(wrt = {"w", "b"})
    static double chainedLocals(double[] w, double b, double[][] x, double[] y) {
        double[] z = add(matvec(x, w), b);
        double[] r = sub(z, y);
        return mean(square(r)) + 0.1 * mean(mul(r, z));
    }

    /** Covers: the max of an Ops expression as the loss (its adjoint goes to the first maximal entry). */
    @Grad(wrt = {"w"})
    static double maxLoss(double[] w, double[][] x) {
        return max(matvec(x, w)) - 0.5 * min(mul(w, w));
    }

    /** Covers: the max and min of a local matrix, read with a mean. */
    @Grad(wrt = {"a"})
    static double extremaOfLocal(double[][] a, double c) {
        double[][] s = mul(a, c);
        return max(s) + min(s) + mean(s);
    }

    /** Covers: logSumExp of a vector (its max under stopGradient) beside a hand-written loop. */
    @Grad(wrt = {"w"})
    static double logSumExpMixed(double[] w, double[][] x) {
        double[] z = matvec(x, w);
        double reg = 0;
        for (int i = 0; i < w.length; i++) {
            reg += w[i] * w[i];
        }
        return logSumExp(z) + 0.01 * reg;
    }

    /** Covers: softmax cross-entropy with a local logits matrix (logSumExp per row). */
    @Grad(wrt = {"w", "b"})
    static double softmaxCrossEntropy(double[][] w, double[] b, double[][] x, double[][] onehot) {
        double[][] logits = add(matmul(x, transpose(w)), b);
        return mean(sub(logSumExp(logits), rowSums(mul(onehot, logits))));
    }

    /** Covers: softmax and logSoftmax of a local vector, in one loss. */
    @Grad(wrt = {"w"})
    static double softmaxOfLocal(double[] w, double[][] x, double[] target) {
        double[] z = matvec(x, w);
        return -dot(target, logSoftmax(z)) + sum(square(softmax(z)));
    }

    /** Covers: a row-wise softmax of a local matrix, reduced. */
    @Grad(wrt = {"w"})
    static double rowSoftmax(double[][] w, double[][] x, double[][] target) {
        double[][] logits = matmul(x, transpose(w));
        return sum(mul(target, softmax(logits)));
    }
}
