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
        {
            int i = 0;
            try {
                for (; i < x.length - 3; i += 4) {
                    double pred = b;
                    double pred1 = b;
                    double pred2 = b;
                    double pred3 = b;
                    for (int j = 0; j < w.length; j++) {
                        pred += w[j] * x[i][j];
                        pred1 += w[j] * x[i + 1][j];
                        pred2 += w[j] * x[i + 2][j];
                        pred3 += w[j] * x[i + 3][j];
                    }
                    double r = pred - y[i];
                    double r1 = pred1 - y[i + 1];
                    double r2 = pred2 - y[i + 2];
                    double r3 = pred3 - y[i + 3];
                    sum += r * r;
                    sum += r1 * r1;
                    sum += r2 * r2;
                    sum += r3 * r3;
                    // adjoint of this iteration
                    // grad of: sum += r * r
                    double r_bar = sum_bar * 2.0 * r;
                    double r1_bar = sum_bar * 2.0 * r1;
                    double r2_bar = sum_bar * 2.0 * r2;
                    double r3_bar = sum_bar * 2.0 * r3;
                    // grad of: double r = pred - y[i]
                    double pred_bar = r_bar;
                    double pred1_bar = r1_bar;
                    double pred2_bar = r2_bar;
                    double pred3_bar = r3_bar;
                    // grad of: for (int j = 0; j < w.length; j++)
                    for (int j = 0; j < w.length; j++) {
                        // grad of: pred += w[j] * x[i][j]
                        w_bar[j] += pred_bar * x[i][j] + pred1_bar * x[i + 1][j]
                                + (pred2_bar * x[i + 2][j] + pred3_bar * x[i + 3][j]);
                    }
                    // grad of: double pred = b
                    b_bar += pred_bar + pred1_bar + (pred2_bar + pred3_bar);
                }
            } finally {
                // the last iterations, one at a time (after a failure, from its group: the first to fail throws)
                for (; i < x.length; i++) {
                    double pred = b;
                    for (int j = 0; j < w.length; j++) {
                        pred += w[j] * x[i][j];
                    }
                    double r = pred - y[i];
                    sum += r * r;
                    // adjoint of this iteration
                    // grad of: sum += r * r
                    double r_bar = sum_bar * 2.0 * r;
                    // grad of: double r = pred - y[i]
                    double pred_bar = r_bar;
                    // grad of: for (int j = 0; j < w.length; j++)
                    for (int j = 0; j < w.length; j++) {
                        // grad of: pred += w[j] * x[i][j]
                        w_bar[j] += pred_bar * x[i][j];
                    }
                    // grad of: double pred = b
                    b_bar += pred_bar;
                }
            }
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
