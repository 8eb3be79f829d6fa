package p;

import javax.annotation.processing.Generated;

/**
 * Gradients of the {@code @Grad} methods of {@link Options}, written by jgrad at compile time.
 */
@Generated("dev.jgrad.processor.JgradProcessor")
public final class OptionsGrad {
    private OptionsGrad() {
    }

    /**
     * Value and gradient of {@link Options#call(double, double, double, double, double)} with respect to s, sigma.
     */
    public static CallGradient call(double s, double k, double t, double r, double sigma) {
        double s_bar = 0.0;
        double sigma_bar = 0.0;
        double d1_bar = 0.0;
        double d2_bar = 0.0;
        double vol = sigma * Math.sqrt(t);
        double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / vol;
        double d2 = d1 - vol;
        double cdf = 0.0;
        {
            // inlined: cdf(d1)
            cdf = 0.5 * (1 + Math.tanh(0.7978845608 * (d1 + 0.044715 * d1 * d1 * d1)));
        }
        double cdf_2 = 0.0;
        {
            // inlined: cdf(d2)
            cdf_2 = 0.5 * (1 + Math.tanh(0.7978845608 * (d2 + 0.044715 * d2 * d2 * d2)));
        }
        double value = s * cdf - k * Math.exp(-r * t) * cdf_2;
        // reverse sweep
        // grad of: return s * cdf(d1) - k * Math.exp(-r * t) * cdf(d2)
        double t_2 = k * Math.exp(-r * t);
        s_bar += cdf;
        double cdf_2_bar = -t_2;
        {
            // grad of: return 0.5 * (1 + Math.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))
            double t_3 = 0.044715 * d2;
            double t_4 = t_3 * d2;
            double t_5 = Math.tanh(0.7978845608 * (d2 + t_4 * d2));
            double d_2 = cdf_2_bar * 0.5 * (1.0 - t_5 * t_5);
            double d_3 = d_2 * 0.7978845608;
            d2_bar += d_3;
            double d_4 = d_3 * d2;
            d2_bar += d_4 * d2 * 0.044715;
            d2_bar += d_4 * t_3;
            d2_bar += d_3 * t_4;
        }
        {
            // grad of: return 0.5 * (1 + Math.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))
            double t_6 = 0.044715 * d1;
            double t_7 = t_6 * d1;
            double t_8 = Math.tanh(0.7978845608 * (d1 + t_7 * d1));
            double d_7 = s * 0.5 * (1.0 - t_8 * t_8);
            double d_8 = d_7 * 0.7978845608;
            d1_bar += d_8;
            double d_9 = d_8 * d1;
            d1_bar += d_9 * d1 * 0.044715;
            d1_bar += d_9 * t_6;
            d1_bar += d_8 * t_7;
        }
        // grad of: double d2 = d1 - vol
        d1_bar += d2_bar;
        double vol_bar = -d2_bar;
        // grad of: double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / vol
        double t_9 = s / k;
        double t_10 = 0.5 * sigma;
        double t_11 = (Math.log(t_9) + (r + t_10 * sigma) * t) / vol;
        double d_11 = d1_bar * (1.0 / vol);
        s_bar += d_11 * (1.0 / t_9) * (1.0 / k);
        double d_13 = d_11 * t;
        sigma_bar += d_13 * sigma * 0.5;
        sigma_bar += d_13 * t_10;
        vol_bar += d1_bar * -(t_11 / vol);
        // grad of: double vol = sigma * Math.sqrt(t)
        double sqrt_t = Math.sqrt(t);
        sigma_bar += vol_bar * sqrt_t;
        return new CallGradient(value, s_bar, sigma_bar);
    }

    /**
     * The value of
     * {@link Options#call(double, double, double, double, double)}
     * and its partial derivatives: one component per wrt parameter, with the parameter's name and type.
     */
    public record CallGradient(double value, double s, double sigma) {
    }
}
