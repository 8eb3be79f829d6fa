package dev.jgrad.tests.rows;

import static dev.jgrad.Ops.*;

import dev.jgrad.Grad;
import dev.jgrad.Hessian;
import dev.jgrad.Jit;
import dev.jgrad.Jvp;

/**
 * Ops expressions whose matrices' rows the generated code checks where its loops read them (or, where
 * that could change which error comes first, in a pass before): {@link RowChecksTest} calls each with
 * ragged, empty and mismatched arguments and compares what every generated form throws with what the
 * source method, the eager Ops, throws. Each method under {@code @Jit @Grad} also has a copy under
 * {@code @Grad} alone ({@code ...NoJit}).
 */
public final class RaggedRows {
    private RaggedRows() {}

    /** The seed's loss: {@code x}'s rows checked in the fused loop. */
    @Jit @Grad(wrt = {"w", "b"}) @Jvp(wrt = "w") @Hessian(wrt = "w")
    public static double mse(double[] w, double b, double[][] x, double[] y) {
        return mean(square(sub(add(matvec(x, w), b), y)));
    }

    @Grad(wrt = {"w", "b"})
    public static double mseNoJit(double[] w, double b, double[][] x, double[] y) {
        return mean(square(sub(add(matvec(x, w), b), y)));
    }

    /** Two matrices: the first checked in a pass, the second where the loop reads its rows. */
    @Jit @Grad @Jvp
    public static double sumOfTwo(double[][] x, double[][] z) {
        return sum(mul(add(x, z), x));
    }

    @Grad
    public static double sumOfTwoNoJit(double[][] x, double[][] z) {
        return sum(mul(add(x, z), x));
    }

    /** {@code ys[k]}, read after {@code matvec} checked {@code x}, may throw: {@code x} is checked before it. */
    @Jit @Grad(wrt = "w") @Jvp(wrt = "w") @Hessian(wrt = "w")
    public static double picked(double[] w, double[][] x, double[][] ys, int k) {
        return mean(square(sub(matvec(x, w), ys[k])));
    }

    @Grad(wrt = "w")
    public static double pickedNoJit(double[] w, double[][] x, double[][] ys, int k) {
        return mean(square(sub(matvec(x, w), ys[k])));
    }

    /** {@code transpose} reads the rows inside its elements' loops, which run for no column of a ragged {@code x} with an empty row 0. */
    @Jit @Grad @Jvp @Hessian(wrt = "v")
    public static double transposed(double[][] x, double[] v) {
        return sum(square(matvec(transpose(x), v)));
    }

    @Grad
    public static double transposedNoJit(double[][] x, double[] v) {
        return sum(square(matvec(transpose(x), v)));
    }

    /** {@code matmul} reads {@code b}'s rows inside each entry's loop, which runs for no column of a {@code b} with an empty row 0. */
    @Jit @Grad @Jvp
    public static double product(double[][] a, double[][] b) {
        return sum(square(matmul(a, b)));
    }

    @Grad
    public static double productNoJit(double[][] a, double[][] b) {
        return sum(square(matmul(a, b)));
    }

    /** {@code vecmat} and the row-wise {@code softmax}: rows read by loops of their own. */
    @Jit @Grad @Jvp
    public static double rowFunctions(double[] v, double[][] x) {
        return dot(vecmat(v, x), colSums(softmax(x)));
    }

    @Grad
    public static double rowFunctionsNoJit(double[] v, double[][] x) {
        return dot(vecmat(v, x), colSums(softmax(x)));
    }

    /** The largest prediction: its first entry is read before the loop over all of them. */
    @Jit @Grad(wrt = "w") @Jvp(wrt = "w") @Hessian(wrt = "w")
    public static double largest(double[] w, double[][] x) {
        return max(matvec(x, w)) + mean(rowSums(x));
    }

    @Grad(wrt = "w")
    public static double largestNoJit(double[] w, double[][] x) {
        return max(matvec(x, w)) + mean(rowSums(x));
    }

    /** A local read by the next statement: its loops run there, so {@code x} is checked where it is declared. */
    @Jit @Grad(wrt = {"w", "b"}) @Jvp(wrt = "w") @Hessian(wrt = "w")
    public static double local(double[] w, double b, double[][] x, double[] y) {
        double[] p = add(matvec(x, w), b);
        return mean(square(sub(p, y)));
    }

    @Grad(wrt = {"w", "b"})
    public static double localNoJit(double[] w, double b, double[][] x, double[] y) {
        double[] p = add(matvec(x, w), b);
        return mean(square(sub(p, y)));
    }

    /** An element read before the Ops call in the same expression: its exception comes first (a newcomer's find). */
    @Jit @Grad(wrt = "w")
    public static double readBefore(double[] w, double[][] x, double[] y) {
        return y[5] * 2 + sum(matvec(x, w));
    }

    @Grad(wrt = "w")
    public static double readBeforeNoJit(double[] w, double[][] x, double[] y) {
        return y[5] * 2 + sum(matvec(x, w));
    }

    /** An element read after the Ops call, in the code after its loop: the ragged matrix comes first. */
    @Jit @Grad(wrt = "w")
    public static double divAfter(double[] w, double[][] x) {
        return mean(tanh(matvec(x, w))) / x[0][w.length + 1];
    }

    @Grad(wrt = "w")
    public static double divAfterNoJit(double[] w, double[][] x) {
        return mean(tanh(matvec(x, w))) / x[0][w.length + 1];
    }

    /** A local read by two ops, and a check of a later op between their loops. */
    @Jit @Grad(wrt = "w")
    public static double localDot(double[] w, double[][] x, double[] y) {
        double[] p = tanh(matvec(x, w));
        return sum(p) + dot(p, y);
    }

    @Grad(wrt = "w")
    public static double localDotNoJit(double[] w, double[][] x, double[] y) {
        double[] p = tanh(matvec(x, w));
        return sum(p) + dot(p, y);
    }

    /** A declaration that may throw between the loops. */
    @Jit @Grad(wrt = "w")
    public static double readBetween(double[] w, double[][] x, double[] y) {
        double[] p = tanh(matvec(x, w));
        double r = y[7];
        return sum(mul(p, r)) + dot(p, y);
    }

    @Grad(wrt = "w")
    public static double readBetweenNoJit(double[] w, double[][] x, double[] y) {
        double[] p = tanh(matvec(x, w));
        double r = y[7];
        return sum(mul(p, r)) + dot(p, y);
    }
}
