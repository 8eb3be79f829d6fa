package p;

import static dev.jgrad.Ops.*;

import dev.jgrad.Grad;
import dev.jgrad.Jit;

/** What a newcomer writes: the report and the notes speak of these lines, not of the code jgrad made of them. */
public final class Newcomer {
    /** A for loop that returns from inside (jgrad lowers it with a flag). */
    @Jit @Grad
    static double firstAbove(double[] x, double t) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i];
            if (s > t) {
                return s;
            }
        }
        return s;
    }

    /** An Ops result held in a local. */
    @Jit @Grad(wrt = "w")
    static double residual(double[][] x, double[] w, double[] y) {
        double[] r = sub(matvec(x, w), y);
        return dot(r, r);
    }

    /** A taped gradient through Ops calls. */
    @Grad(wrt = "w")
    static double hidden(double[][] x, double[] w, double[] v) {
        double[] h = tanh(matvec(x, w));
        return dot(h, v) + sum(square(h));
    }

    /** Ops calls inside a loop of the source, with a nest of loops of their own. */
    @Grad(wrt = "w")
    static double layers(double[][] x, double[][] w, int depth) {
        double s = 0;
        for (int d = 0; d < depth; d++) {
            double[][] h = tanh(matmul(x, w));
            s += sum(h);
        }
        return s;
    }
}
