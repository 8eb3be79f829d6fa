package p;

import dev.jgrad.runtime.Arrays2;
import dev.jgrad.runtime.Shapes;
import dev.jgrad.runtime.Tape;
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
        Tape tape = Tape.acquire();
        double[] w_bar = Arrays2.zerosLike(w);
        double b_bar = 0.0;
        double matvec_bar = 0.0;
        double sub_bar = 0.0;
        double sub = 0.0;
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
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != xCols) {
                throw new IllegalArgumentException(Shapes.ragged("matvec", x));
            }
            double matvec = 0.0;
            for (int j = 0; j < w.length; j++) {
                matvec += x[i][j] * w[j];
            }
            tape.pushDouble(sub);
            sub = matvec + b - y[i];
            sum += sub * sub;
        }
        double value = sum / (double) x.length;
        // reverse sweep
        // grad of: return mean(square(sub(add(matvec(x, w), b), y)))
        double t = (double) x.length;
        double sum_bar = 1.0 / t;
        for (int i = x.length; i > 0;) {
            i--;
            sub_bar += sum_bar * 2.0 * sub;
            sub = tape.popDouble();
            matvec_bar += sub_bar;
            b_bar += sub_bar;
            sub_bar = 0.0;
            for (int j = w.length; j > 0;) {
                j--;
                w_bar[j] += matvec_bar * x[i][j];
            }
            matvec_bar = 0.0;
        }
        Tape.release(tape);
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
