package p;

import dev.jgrad.runtime.Arrays2;
import dev.jgrad.runtime.Tape;
import javax.annotation.processing.Generated;

/**
 * Gradients of the {@code @Grad} methods of {@link Network}, written by jgrad at compile time.
 */
@Generated("dev.jgrad.processor.JgradProcessor")
public final class NetworkGrad {
    private NetworkGrad() {
    }

    /**
     * Value and gradient of {@link Network#loss(double[][], double[], double[], double)} with respect to w1, w2.
     */
    public static LossGradient loss(double[][] w1, double[] w2, double[] x, double target) {
        Tape tape = new Tape();
        double[][] w1_bar = Arrays2.zerosLike(w1);
        double[] w2_bar = Arrays2.zerosLike(w2);
        double[] h_bar = null;
        double[][] w_bar = null;
        double[] h_2_bar = null;
        double a_bar = 0.0;
        double out_bar = 0.0;
        double square_bar = 0.0;
        double v_bar = 0.0;
        double[] h = null;
        double[][] w = null;
        double[] x_2 = null;
        double[] h_2 = null;
        int j = 0;
        double a = 0.0;
        int k = 0;
        int j_2 = 0;
        double v = 0.0;
        h = new double[w1.length];
        h_bar = new double[w1.length];
        {
            // inlined: layer(w1, x, h)
            w = w1;
            w_bar = w1_bar;
            x_2 = x;
            h_2 = h;
            h_2_bar = h_bar;
            for (j = 0; j < w.length; j++) {
                tape.pushDouble(a);
                a = 0;
                for (k = 0; k < x_2.length; k++) {
                    a += w[j][k] * x_2[k];
                }
                tape.pushDouble(h_2[j]);
                h_2[j] = Math.tanh(a);
            }
        }
        double out = 0;
        for (j_2 = 0; j_2 < h.length; j_2++) {
            out += w2[j_2] * h[j_2];
        }
        double square = 0.0;
        {
            // inlined: square(out - target)
            v = out - target;
            square = v * v;
        }
        // reverse sweep
        // grad of: return square(out - target);
        square_bar += 1.0;
        {
            // grad of: return v * v;
            v_bar += square_bar * 2.0 * v;
            square_bar = 0.0;
            out_bar += v_bar;
        }
        for (j_2 = h.length; j_2 > 0;) {
            j_2--;
            // grad of: out += w2[j] * h[j]
            w2_bar[j_2] += out_bar * h[j_2];
            h_bar[j_2] += out_bar * w2[j_2];
        }
        {
            for (j = w.length; j > 0;) {
                j--;
                // grad of: h[j] = Math.tanh(a)
                h_2[j] = tape.popDouble();
                double h_2_adj = h_2_bar[j];
                h_2_bar[j] = 0.0;
                double t = Math.tanh(a);
                a_bar += h_2_adj * (1.0 - t * t);
                for (k = x_2.length; k > 0;) {
                    k--;
                    // grad of: a += w[j][k] * x[k]
                    w_bar[j][k] += a_bar * x_2[k];
                }
                // grad of: double a = 0
                a = tape.popDouble();
                a_bar = 0.0;
            }
        }
        return new LossGradient(square, w1_bar, w2_bar);
    }

    /**
     * The value of {@link Network#loss(double[][], double[], double[], double)} and its partial derivatives, one component per wrt parameter,
     * with the parameter's name and type.
     */
    public record LossGradient(double value, double[][] w1, double[] w2) {
    }
}
