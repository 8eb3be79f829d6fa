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
        {
            int i = 0;
            try {
                for (; i < x.length - 3; i += 4) {
                    double[] xRow = x[i];
                    if (xRow.length != xCols) {
                        throw new IllegalArgumentException(Shapes.ragged("matvec", x));
                    }
                    double[] xRow1 = x[i + 1];
                    if (xRow1.length != xCols) {
                        throw new IllegalArgumentException(Shapes.ragged("matvec", x));
                    }
                    double[] xRow2 = x[i + 2];
                    if (xRow2.length != xCols) {
                        throw new IllegalArgumentException(Shapes.ragged("matvec", x));
                    }
                    double[] xRow3 = x[i + 3];
                    if (xRow3.length != xCols) {
                        throw new IllegalArgumentException(Shapes.ragged("matvec", x));
                    }
                    double matvec = 0.0;
                    double matvec1 = 0.0;
                    double matvec2 = 0.0;
                    double matvec3 = 0.0;
                    for (int j = 0; j < w.length; j++) {
                        matvec += xRow[j] * w[j];
                        matvec1 += xRow1[j] * w[j];
                        matvec2 += xRow2[j] * w[j];
                        matvec3 += xRow3[j] * w[j];
                    }
                    double sub = matvec + b - y[i];
                    double sub1 = matvec1 + b - y[i + 1];
                    double sub2 = matvec2 + b - y[i + 2];
                    double sub3 = matvec3 + b - y[i + 3];
                    sum += sub * sub;
                    sum += sub1 * sub1;
                    sum += sub2 * sub2;
                    sum += sub3 * sub3;
                    // adjoint of this iteration
                    double sub_bar = sum_bar * 2.0 * sub;
                    double sub1_bar = sum_bar * 2.0 * sub1;
                    double sub2_bar = sum_bar * 2.0 * sub2;
                    double sub3_bar = sum_bar * 2.0 * sub3;
                    double matvec_bar = sub_bar;
                    double matvec1_bar = sub1_bar;
                    double matvec2_bar = sub2_bar;
                    double matvec3_bar = sub3_bar;
                    b_bar += sub_bar + sub1_bar + (sub2_bar + sub3_bar);
                    // grad of: matvec(x, w)
                    for (int j = 0; j < w.length; j++) {
                        w_bar[j] += matvec_bar * xRow[j] + matvec1_bar * xRow1[j]
                                + (matvec2_bar * xRow2[j] + matvec3_bar * xRow3[j]);
                    }
                }
            } finally {
                // the last iterations, one at a time (after a failure, from its group: the first to fail throws)
                for (; i < x.length; i++) {
                    double[] xRow = x[i];
                    if (xRow.length != xCols) {
                        throw new IllegalArgumentException(Shapes.ragged("matvec", x));
                    }
                    double matvec = 0.0;
                    for (int j = 0; j < w.length; j++) {
                        matvec += xRow[j] * w[j];
                    }
                    double sub = matvec + b - y[i];
                    sum += sub * sub;
                    // adjoint of this iteration
                    double sub_bar = sum_bar * 2.0 * sub;
                    double matvec_bar = sub_bar;
                    b_bar += sub_bar;
                    // grad of: matvec(x, w)
                    for (int j = 0; j < w.length; j++) {
                        w_bar[j] += matvec_bar * xRow[j];
                    }
                }
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
