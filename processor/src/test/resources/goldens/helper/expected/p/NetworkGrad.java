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
        Tape tape = Tape.acquire();
        double[][] w1_bar = Arrays2.zerosLike(w1);
        double[] w2_bar = Arrays2.zerosLike(w2);
        double[] h_bar = null;
        double a_bar = 0.0;
        double out_bar = 0.0;
        double v_bar = 0.0;
        double a = 0.0;
        double v = 0.0;
        double[] h = new double[w1.length];
        h_bar = new double[w1.length];
        {
            // inlined: layer(w1, x, h)
            for (int j = 0; j < w1.length; j++) {
                tape.pushDouble(a);
                a = 0;
                for (int k = 0; k < x.length; k++) {
                    a += w1[j][k] * x[k];
                }
                h[j] = Math.tanh(a);
            }
        }
        double out = 0;
        for (int j_2 = 0; j_2 < h.length; j_2++) {
            out += w2[j_2] * h[j_2];
        }
        double square = 0.0;
        {
            // inlined: square(out - target)
            v = out - target;
            square = v * v;
        }
        // reverse sweep
        // grad of: return square(out - target)
        double square_bar = 1.0;
        {
            // grad of: return v * v
            v_bar += square_bar * 2.0 * v;
            out_bar += v_bar;
        }
        for (int j_2 = h.length; j_2 > 0;) {
            j_2--;
            // grad of: out += w2[j] * h[j]
            w2_bar[j_2] += out_bar * h[j_2];
            h_bar[j_2] += out_bar * w2[j_2];
        }
        {
            for (int j = w1.length; j > 0;) {
                j--;
                // grad of: h[j] = Math.tanh(a)
                double h_adj = h_bar[j];
                h_bar[j] = 0.0;
                double tanh_a = Math.tanh(a);
                a_bar += h_adj * (1.0 - tanh_a * tanh_a);
                for (int k = x.length; k > 0;) {
                    k--;
                    // grad of: a += w[j][k] * x[k]
                    w1_bar[j][k] += a_bar * x[k];
                }
                // grad of: double a = 0
                a = tape.popDouble();
                a_bar = 0.0;
            }
        }
        Tape.release(tape);
        return new LossGradient(square, w1_bar, w2_bar);
    }

    /**
     * The value of
     * {@link Network#loss(double[][], double[], double[], double)}
     * and its partial derivatives: one component per wrt parameter, with the parameter's name and type.
     */
    public record LossGradient(double value, double[][] w1, double[] w2) {
    }
}
