package p;

import dev.jgrad.runtime.Arrays2;
import javax.annotation.processing.Generated;

/**
 * Gradients of the {@code @Grad} methods of {@link Losses}, written by jgrad at compile time.
 */
@Generated("dev.jgrad.processor.JgradProcessor")
public final class LossesGrad {
    private LossesGrad() {
    }

    /**
     * Value and gradient of {@link Losses#mse(double[], double, double[][], double[])} with respect to w, b.
     */
    public static MseGradient mse(double[] w, double b, double[][] x, double[] y) {
        double[] w_bar = Arrays2.zerosLike(w);
        double b_bar = 0.0;
        double sum = 0;
        // adjoints of the loops' sums: known before the loops run
        // grad of: return sum / x.length
        double sum_bar = 1.0 / x.length;
        for (int i = 0; i < x.length; i++) {
            double pred = b;
            for (int j = 0; j < w.length; j++) {
                pred += w[j] * x[i][j];
            }
            double r = pred - y[i];
            sum += r * r;
            // adjoint of this iteration
            // grad of: sum += r * r
            // grad of: double r = pred - y[i]
            double pred_bar = sum_bar * 2.0 * r;
            // grad of: for (int j = 0; j < w.length; j++)
            for (int j = 0; j < w.length; j++) {
                // grad of: pred += w[j] * x[i][j]
                w_bar[j] += pred_bar * x[i][j];
            }
            // grad of: double pred = b
            b_bar += pred_bar;
        }
        double value = sum / x.length;
        return new MseGradient(value, w_bar, b_bar);
    }

    /**
     * The value of
     * {@link Losses#mse(double[], double, double[][], double[])}
     * and its partial derivatives: one component per wrt parameter, with the parameter's name and type.
     */
    public record MseGradient(double value, double[] w, double b) {
    }
}
