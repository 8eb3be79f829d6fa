package p;

import dev.jgrad.runtime.Arrays2;
import javax.annotation.processing.Generated;

/**
 * The {@code @Jacobian} methods of {@link Options}, written by jgrad at compile time.
 */
@Generated("dev.jgrad.processor.JgradProcessor")
public final class OptionsJacobian {
    private OptionsJacobian() {
    }

    /**
     * The value of {@link Options#residuals(double[], double[], double[])} and its Jacobian times {@code v}.
     */
    private static double[][] residualsColumn(double[] p, double[] x, double[] y, double[] v) {
        Arrays2.checkFlat(v, Arrays2.flatLength(p), "v", "residuals");
        double[] pDot = Arrays2.take(v, 0, p);
        double[] r = new double[x.length];
        double[] r_dot = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double p_0 = p[0];
            double p_1 = p[1];
            double x_i = x[i];
            double t = Math.exp(-p_1 * x_i);
            double y_i = y[i];
            r_dot[i] = t * pDot[0] + p_0 * (t * (x_i * -pDot[1]));
            r[i] = p_0 * t - y_i;
        }
        return new double[][] {r, r_dot};
    }

    /**
     * {@code u} times the Jacobian of {@link Options#residuals(double[], double[], double[])}.
     */
    private static double[] residualsRow(double[] p, double[] x, double[] y, double[] u) {
        double[] p_bar = Arrays2.zerosLike(p);
        double[] r_bar = null;
        double[] r = new double[x.length];
        r_bar = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = p[0] * Math.exp(-p[1] * x[i]) - y[i];
        }
        double dot = 0.0;
        for (int i_2 = 0; i_2 < r.length; i_2++) {
            dot += u[i_2] * r[i_2];
        }
        // reverse sweep
        double dot_bar = 1.0;
        for (int i_2 = r.length; i_2 > 0;) {
            i_2--;
            r_bar[i_2] += dot_bar * u[i_2];
        }
        for (int i = x.length; i > 0;) {
            i--;
            // grad of: r[i] = p[0] * Math.exp(-p[1] * x[i]) - y[i]
            double r_adj = r_bar[i];
            r_bar[i] = 0.0;
            double t = Math.exp(-p[1] * x[i]);
            p_bar[0] += r_adj * t;
            double d = r_adj * p[0];
            double d_3 = d * t * x[i];
            p_bar[1] -= d_3;
        }
        return Arrays2.flatten(p_bar);
    }

    /**
     * Value and Jacobian of {@link Options#residuals(double[], double[], double[])} with respect to p, flattened in parameter order: {@code jacobian[i][k]} is the derivative of {@code value[i]} in entry {@code k}. Forward mode (a pass per entry) when there are no more entries than outputs, else reverse mode (a pass per output).
     */
    public static ResidualsJacobian residuals(double[] p, double[] x, double[] y) {
        int n = Arrays2.flatLength(p);
        double[][] first = residualsColumn(p, x, y, n > 0 ? Arrays2.unit(n, 0) : new double[0]);
        double[] value = first[0];
        int m = value == null ? 0 : value.length;
        double[][] jacobian = new double[m][n];
        if (n <= m) {
            // forward mode: one column per entry
            for (int k = 0; k < n; k++) {
                double[] column = k == 0 ? first[1] : residualsColumn(p, x, y, Arrays2.unit(n, k))[1];
                for (int i = 0; i < m; i++) {
                    jacobian[i][k] = column[i];
                }
            }
        } else {
            // reverse mode: one row per output
            for (int i = 0; i < m; i++) {
                jacobian[i] = residualsRow(p, x, y, Arrays2.unit(m, i));
            }
        }
        return new ResidualsJacobian(value, jacobian);
    }

    /**
     * What {@link OptionsJacobian#residuals(double[], double[], double[])} returns.
     */
    public record ResidualsJacobian(double[] value, double[][] jacobian) {
    }
}
