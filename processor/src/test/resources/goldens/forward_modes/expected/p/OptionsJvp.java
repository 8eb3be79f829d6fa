package p;

import javax.annotation.processing.Generated;

/**
 * The {@code @Jvp} methods of {@link Options}, written by jgrad at compile time.
 */
@Generated("dev.jgrad.processor.JgradProcessor")
public final class OptionsJvp {
    private OptionsJvp() {
    }

    /**
     * Value and directional derivative of {@link Options#call(double, double, double, double, double)} (forward mode) along the tangents sDot, sigmaDot of s, sigma.
     */
    public static CallJvp call(double s, double k, double t, double r, double sigma, double sDot,
            double sigmaDot) {
        double sqrt_t = Math.sqrt(t);
        double vol = sigma * sqrt_t;
        double vol_dot = sqrt_t * sigmaDot;
        double t_2 = s / k;
        double t_3 = 0.5 * sigma;
        double d1 = (Math.log(t_2) + (r + t_3 * sigma) * t) / vol;
        double d1_dot = 1.0 / vol * (1.0 / t_2 * (1.0 / k * sDot) + t * (sigma * (0.5 * sigmaDot) + t_3 * sigmaDot))
                - d1 / vol * vol_dot;
        double d2 = d1 - vol;
        double d2_dot = d1_dot - vol_dot;
        double cdf = 0.0;
        double cdf_dot = 0.0;
        {
            // inlined: cdf(d1)
            double t_5 = 0.044715 * d1;
            double t_6 = t_5 * d1;
            double t_7 = Math.tanh(0.7978845608 * (d1 + t_6 * d1));
            cdf_dot = 0.5 * ((1.0 - t_7 * t_7) * (0.7978845608 * (d1_dot + (d1 * (d1 * (0.044715 * d1_dot) + t_5 * d1_dot) + t_6 * d1_dot))));
            cdf = 0.5 * (1 + t_7);
        }
        double cdf_2 = 0.0;
        double cdf_2_dot = 0.0;
        {
            // inlined: cdf(d2)
            double t_8 = 0.044715 * d2;
            double t_9 = t_8 * d2;
            double t_10 = Math.tanh(0.7978845608 * (d2 + t_9 * d2));
            cdf_2_dot = 0.5 * ((1.0 - t_10 * t_10) * (0.7978845608 * (d2_dot + (d2 * (d2 * (0.044715 * d2_dot) + t_8 * d2_dot) + t_9 * d2_dot))));
            cdf_2 = 0.5 * (1 + t_10);
        }
        double t_11 = k * Math.exp(-r * t);
        return new CallJvp(s * cdf - t_11 * cdf_2, cdf * sDot + s * cdf_dot - t_11 * cdf_2_dot);
    }

    /**
     * Value and directional derivative of {@link Options#residuals(double[], double[], double[])} (forward mode) along the tangents pDot of p.
     */
    public static ResidualsJvp residuals(double[] p, double[] x, double[] y, double[] pDot) {
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
        return new ResidualsJvp(r, r_dot);
    }

    /**
     * What {@link OptionsJvp#call(double, double, double, double, double, double, double)} returns.
     */
    public record CallJvp(double value, double tangent) {
    }

    /**
     * What {@link OptionsJvp#residuals(double[], double[], double[], double[])} returns.
     */
    public record ResidualsJvp(double[] value, double[] tangent) {
    }
}
