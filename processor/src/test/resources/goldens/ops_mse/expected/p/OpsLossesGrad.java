package p;

import dev.jgrad.runtime.Arrays2;
import dev.jgrad.runtime.Shapes;
import javax.annotation.processing.Generated;

/**
 * Gradients of the {@code @Grad} methods of {@link OpsLosses}, written by jgrad at compile time.
 */
@Generated("dev.jgrad.processor.JgradProcessor")
public final class OpsLossesGrad {
    private OpsLossesGrad() {
    }

    /**
     * Value and gradient of {@link OpsLosses#mse(double[], double, double[][], double[])} with respect to w, b.
     */
    public static MseGradient mse(double[] w, double b, double[][] x, double[] y) {
        double[] w_bar = Arrays2.zerosLike(w);
        double b_bar = 0.0;
        int xCols = Shapes.width(x);
        if (w == null || xCols != w.length) {
            Shapes.rectangular("matvec", x);
            Shapes.matrixAndRow("matvec", x.length, xCols, w.length);
        }
        if (y == null || x.length != y.length) {
            Shapes.rectangular("matvec", x);
            Shapes.sameLength("sub", x.length, y.length);
        }
        double sum = 0.0;
        // adjoints of the loops' sums: known before the loops run
        // grad of: return mean(square(sub(add(matvec(x, w), b), y)))
        double t = (double) x.length;
        double sum_bar = 1.0 / t;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != xCols) {
                throw new IllegalArgumentException(Shapes.ragged("matvec", x));
            }
            double matvec = 0.0;
            for (int j = 0; j < w.length; j++) {
                matvec += x[i][j] * w[j];
            }
            double sub = matvec + b - y[i];
            sum += sub * sub;
            // adjoint of this iteration
            double sub_bar = sum_bar * 2.0 * sub;
            double matvec_bar = sub_bar;
            b_bar += sub_bar;
            // grad of: matvec(x, w)
            for (int j = 0; j < w.length; j++) {
                w_bar[j] += matvec_bar * x[i][j];
            }
        }
        double value = sum / (double) x.length;
        return new MseGradient(value, w_bar, b_bar);
    }

    /**
     * The value of
     * {@link OpsLosses#mse(double[], double, double[][], double[])}
     * and its partial derivatives: one component per wrt parameter, with the parameter's name and type.
     */
    public record MseGradient(double value, double[] w, double b) {
    }
}
