package p;

import dev.jgrad.runtime.Arrays2;
import dev.jgrad.runtime.LaneArrays;
import javax.annotation.processing.Generated;

/**
 * The {@code @Hessian} methods of {@link Options}, written by jgrad at compile time.
 */
@Generated("dev.jgrad.processor.JgradProcessor")
public final class OptionsHessian {
    private OptionsHessian() {
    }

    /**
     * Value, gradient and Hessian-vector product of {@link Options#call(double, double, double, double, double)} with respect to s, sigma, flattened in parameter order: {@code v} and the results have one entry per entry of them.
     */
    public static CallHvp callHvp(double s, double k, double t, double r, double sigma,
            double[] v) {
        Arrays2.checkFlat(v, 2, "v", "call");
        double sDot = v[0];
        double sigmaDot = v[1];
        double s_bar = 0.0;
        double sigma_bar = 0.0;
        double sDot_bar = 0.0;
        double sigmaDot_bar = 0.0;
        double d1_bar = 0.0;
        double d1_dot_bar = 0.0;
        double d2_bar = 0.0;
        double d2_dot_bar = 0.0;
        double t_5_bar = 0.0;
        double t_6_bar = 0.0;
        double t_7_bar = 0.0;
        double t_8_bar = 0.0;
        double t_9_bar = 0.0;
        double t_10_bar = 0.0;
        double t_5 = 0.0;
        double t_6 = 0.0;
        double t_7 = 0.0;
        double t_8 = 0.0;
        double t_9 = 0.0;
        double t_10 = 0.0;
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
            t_5 = 0.044715 * d1;
            t_6 = t_5 * d1;
            t_7 = Math.tanh(0.7978845608 * (d1 + t_6 * d1));
            cdf_dot = 0.5 * ((1.0 - t_7 * t_7) * (0.7978845608 * (d1_dot + (d1 * (d1 * (0.044715 * d1_dot) + t_5 * d1_dot) + t_6 * d1_dot))));
            cdf = 0.5 * (1 + t_7);
        }
        double cdf_2 = 0.0;
        double cdf_2_dot = 0.0;
        {
            // inlined: cdf(d2)
            t_8 = 0.044715 * d2;
            t_9 = t_8 * d2;
            t_10 = Math.tanh(0.7978845608 * (d2 + t_9 * d2));
            cdf_2_dot = 0.5 * ((1.0 - t_10 * t_10) * (0.7978845608 * (d2_dot + (d2 * (d2 * (0.044715 * d2_dot) + t_8 * d2_dot) + t_9 * d2_dot))));
            cdf_2 = 0.5 * (1 + t_10);
        }
        double t_11 = k * Math.exp(-r * t);
        double value = s * cdf - t_11 * cdf_2;
        double value_2 = cdf * sDot + s * cdf_dot - t_11 * cdf_2_dot;
        // reverse sweep
        sDot_bar += cdf;
        s_bar += cdf_dot;
        double cdf_2_dot_bar = -t_11;
        {
            double t_13 = 0.044715 * d2_dot;
            double t_14 = d2 * t_13 + t_8 * d2_dot;
            double t_15 = 0.7978845608 * (d2_dot + (d2 * t_14 + t_9 * d2_dot));
            double d = cdf_2_dot_bar * 0.5;
            t_10_bar -= d * t_15 * 2.0 * t_10;
            double d_4 = d * (1.0 - t_10 * t_10) * 0.7978845608;
            d2_dot_bar += d_4;
            d2_bar += d_4 * t_14;
            double d_5 = d_4 * d2;
            d2_bar += d_5 * t_13;
            d2_dot_bar += d_5 * d2 * 0.044715;
            t_8_bar += d_5 * d2_dot;
            d2_dot_bar += d_5 * t_8;
            t_9_bar += d_4 * d2_dot;
            d2_dot_bar += d_4 * t_9;
            double t_16 = Math.tanh(0.7978845608 * (d2 + t_9 * d2));
            double d_8 = t_10_bar * (1.0 - t_16 * t_16) * 0.7978845608;
            d2_bar += d_8;
            t_9_bar += d_8 * d2;
            d2_bar += d_8 * t_9;
            t_8_bar += t_9_bar * d2;
            d2_bar += t_9_bar * t_8;
            d2_bar += t_8_bar * 0.044715;
        }
        {
            // grad of: return 0.5 * (1 + Math.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))
            if (sDot != 0.0) {
                t_7_bar += sDot * 0.5;
            }
            double t_18 = 0.044715 * d1_dot;
            double t_19 = d1 * t_18 + t_5 * d1_dot;
            double t_20 = 0.7978845608 * (d1_dot + (d1 * t_19 + t_6 * d1_dot));
            double d_10 = s * 0.5;
            t_7_bar -= d_10 * t_20 * 2.0 * t_7;
            double d_13 = d_10 * (1.0 - t_7 * t_7) * 0.7978845608;
            d1_dot_bar += d_13;
            d1_bar += d_13 * t_19;
            double d_14 = d_13 * d1;
            d1_bar += d_14 * t_18;
            d1_dot_bar += d_14 * d1 * 0.044715;
            t_5_bar += d_14 * d1_dot;
            d1_dot_bar += d_14 * t_5;
            t_6_bar += d_13 * d1_dot;
            d1_dot_bar += d_13 * t_6;
            double t_21 = Math.tanh(0.7978845608 * (d1 + t_6 * d1));
            double d_17 = t_7_bar * (1.0 - t_21 * t_21) * 0.7978845608;
            d1_bar += d_17;
            t_6_bar += d_17 * d1;
            d1_bar += d_17 * t_6;
            t_5_bar += t_6_bar * d1;
            d1_bar += t_6_bar * t_5;
            d1_bar += t_5_bar * 0.044715;
        }
        d1_dot_bar += d2_dot_bar;
        double vol_dot_bar = -d2_dot_bar;
        // grad of: double d2 = d1 - vol
        d1_bar += d2_bar;
        double vol_bar = -d2_bar;
        double t_22 = 1.0 / vol;
        double t_23 = 1.0 / t_2;
        double t_24 = 1.0 / k;
        double t_25 = t_24 * sDot;
        double t_26 = 0.5 * sigmaDot;
        double t_27 = t_23 * t_25 + t * (sigma * t_26 + t_3 * sigmaDot);
        double t_28 = d1 / vol;
        vol_bar += d1_dot_bar * t_27 * -(t_22 / vol);
        double d_19 = d1_dot_bar * t_22;
        double t_2_bar = d_19 * t_25 * -(t_23 / t_2);
        sDot_bar += d_19 * t_23 * t_24;
        double d_22 = d_19 * t;
        sigma_bar += d_22 * t_26;
        sigmaDot_bar += d_22 * sigma * 0.5;
        double t_3_bar = d_22 * sigmaDot;
        sigmaDot_bar += d_22 * t_3;
        double d_24 = -(d1_dot_bar * vol_dot);
        d1_bar += d_24 * (1.0 / vol);
        vol_bar += d_24 * -(t_28 / vol);
        vol_dot_bar -= d1_dot_bar * t_28;
        // grad of: double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / vol
        double t_29 = (Math.log(t_2) + (r + t_3 * sigma) * t) / vol;
        double d_25 = d1_bar * (1.0 / vol);
        t_2_bar += d_25 * (1.0 / t_2);
        double d_26 = d_25 * t;
        t_3_bar += d_26 * sigma;
        sigma_bar += d_26 * t_3;
        vol_bar += d1_bar * -(t_29 / vol);
        sigma_bar += t_3_bar * 0.5;
        s_bar += t_2_bar * (1.0 / k);
        sigmaDot_bar += vol_dot_bar * sqrt_t;
        // grad of: double vol = sigma * Math.sqrt(t)
        sigma_bar += vol_bar * sqrt_t;
        return new CallHvp(value, Arrays2.flatten(sDot_bar, sigmaDot_bar), Arrays2.flatten(s_bar, sigma_bar));
    }

    /**
     * Value, gradient and Hessian of {@link Options#call(double, double, double, double, double)} with respect to s, sigma, flattened in parameter order. One run of the code of {@code callHvp} for the {@code n} unit vectors at once: the values, the calls and the partials once, what depends on the direction once per direction ({@code lane}); column {@code k} is {@code callHvp} of {@code e_k}, each entry then the mean of itself and its mirror: exactly symmetric. The lanes pass every adjoint on; if the gradient or the Hessian then holds a NaN (a partial that is infinite where the path taken does not use the value, 0 * inf), they are computed again by {@code callHvp}, which passes an adjoint on only where it is not zero.
     */
    public static CallHessian call(double s, double k, double t, double r, double sigma) {
        int n = 2;
        int lanes = n > 0 ? n : 1;
        double[][] v = new double[n][lanes];
        for (int lane = 0; lane < n; lane++) {
            v[lane][lane] = 1.0;
        }
        double[] sDot = new double[lanes];
        double[] sigmaDot = new double[lanes];
        double[] s_bar_2 = new double[lanes];
        double[] sigma_bar_2 = new double[lanes];
        double[] d1_bar_2 = new double[lanes];
        double[] d2_bar_2 = new double[lanes];
        double[] t_5_bar_2 = new double[lanes];
        double[] t_6_bar_2 = new double[lanes];
        double[] t_7_bar_2 = new double[lanes];
        double[] t_8_bar_2 = new double[lanes];
        double[] t_9_bar_2 = new double[lanes];
        double[] t_10_bar_2 = new double[lanes];
        double[] vol_dot = new double[lanes];
        double[] d1_dot = new double[lanes];
        double[] d2_dot = new double[lanes];
        double[] cdf_dot = new double[lanes];
        double[] cdf_2_dot = new double[lanes];
        double[] t_31 = new double[lanes];
        double[] t_32 = new double[lanes];
        double[] t_33 = new double[lanes];
        double[] t_36 = new double[lanes];
        double[] t_37 = new double[lanes];
        double[] t_38 = new double[lanes];
        double[] vol_bar_2 = new double[lanes];
        double[] t_43 = new double[lanes];
        double[] t_44 = new double[lanes];
        double[] t_45 = new double[lanes];
        double[] t_2_bar_2 = new double[lanes];
        double[] t_3_bar_2 = new double[lanes];
        for (int lane = 0; lane < lanes; lane++) {
            sDot[lane] = v[0][lane];
            sigmaDot[lane] = v[1][lane];
            s_bar_2[lane] = 0.0;
            sigma_bar_2[lane] = 0.0;
        }
        double sDot_bar_2 = 0.0;
        double sigmaDot_bar_2 = 0.0;
        for (int lane = 0; lane < lanes; lane++) {
            d1_bar_2[lane] = 0.0;
        }
        double d1_dot_bar_2 = 0.0;
        for (int lane = 0; lane < lanes; lane++) {
            d2_bar_2[lane] = 0.0;
        }
        double d2_dot_bar_2 = 0.0;
        for (int lane = 0; lane < lanes; lane++) {
            t_5_bar_2[lane] = 0.0;
            t_6_bar_2[lane] = 0.0;
            t_7_bar_2[lane] = 0.0;
            t_8_bar_2[lane] = 0.0;
            t_9_bar_2[lane] = 0.0;
            t_10_bar_2[lane] = 0.0;
        }
        double t_5 = 0.0;
        double t_6 = 0.0;
        double t_7 = 0.0;
        double t_8 = 0.0;
        double t_9 = 0.0;
        double t_10 = 0.0;
        double sqrt_t = Math.sqrt(t);
        double vol = sigma * sqrt_t;
        for (int lane = 0; lane < lanes; lane++) {
            vol_dot[lane] = sqrt_t * sigmaDot[lane];
        }
        double t_2 = s / k;
        double t_3 = 0.5 * sigma;
        double d1 = (Math.log(t_2) + (r + t_3 * sigma) * t) / vol;
        double t_48 = 1.0 / vol;
        double t_49 = 1.0 / t_2;
        double t_50 = 1.0 / k;
        double t_51 = d1 / vol;
        for (int lane = 0; lane < lanes; lane++) {
            d1_dot[lane] = t_48 * (t_49 * (t_50 * sDot[lane]) + t * (sigma * (0.5 * sigmaDot[lane]) + t_3 * sigmaDot[lane]))
                    - t_51 * vol_dot[lane];
        }
        double d2 = d1 - vol;
        for (int lane = 0; lane < lanes; lane++) {
            d2_dot[lane] = d1_dot[lane] - vol_dot[lane];
        }
        double cdf = 0.0;
        {
            // inlined: cdf(d1)
            t_5 = 0.044715 * d1;
            t_6 = t_5 * d1;
            t_7 = Math.tanh(0.7978845608 * (d1 + t_6 * d1));
            double t_52 = 1.0 - t_7 * t_7;
            for (int lane = 0; lane < lanes; lane++) {
                cdf_dot[lane] = 0.5 * (t_52 * (0.7978845608 * (d1_dot[lane] + (d1 * (d1 * (0.044715 * d1_dot[lane]) + t_5 * d1_dot[lane]) + t_6 * d1_dot[lane]))));
            }
            cdf = 0.5 * (1 + t_7);
        }
        double cdf_2 = 0.0;
        {
            // inlined: cdf(d2)
            t_8 = 0.044715 * d2;
            t_9 = t_8 * d2;
            t_10 = Math.tanh(0.7978845608 * (d2 + t_9 * d2));
            double t_53 = 1.0 - t_10 * t_10;
            for (int lane = 0; lane < lanes; lane++) {
                cdf_2_dot[lane] = 0.5 * (t_53 * (0.7978845608 * (d2_dot[lane] + (d2 * (d2 * (0.044715 * d2_dot[lane]) + t_8 * d2_dot[lane]) + t_9 * d2_dot[lane]))));
            }
            cdf_2 = 0.5 * (1 + t_10);
        }
        double t_11 = k * Math.exp(-r * t);
        double value_3 = s * cdf - t_11 * cdf_2;
        // reverse sweep
        sDot_bar_2 += cdf;
        for (int lane = 0; lane < lanes; lane++) {
            s_bar_2[lane] += cdf_dot[lane];
        }
        double cdf_2_dot_bar_2 = -t_11;
        {
            for (int lane = 0; lane < lanes; lane++) {
                t_31[lane] = 0.044715 * d2_dot[lane];
                t_32[lane] = d2 * t_31[lane] + t_8 * d2_dot[lane];
                t_33[lane] = 0.7978845608 * (d2_dot[lane] + (d2 * t_32[lane] + t_9 * d2_dot[lane]));
            }
            double d_27 = cdf_2_dot_bar_2 * 0.5;
            for (int lane = 0; lane < lanes; lane++) {
                t_10_bar_2[lane] -= d_27 * t_33[lane] * 2.0 * t_10;
            }
            double d_30 = d_27 * (1.0 - t_10 * t_10) * 0.7978845608;
            d2_dot_bar_2 += d_30;
            for (int lane = 0; lane < lanes; lane++) {
                d2_bar_2[lane] += d_30 * t_32[lane];
            }
            double d_31 = d_30 * d2;
            for (int lane = 0; lane < lanes; lane++) {
                d2_bar_2[lane] += d_31 * t_31[lane];
            }
            d2_dot_bar_2 += d_31 * d2 * 0.044715;
            for (int lane = 0; lane < lanes; lane++) {
                t_8_bar_2[lane] += d_31 * d2_dot[lane];
            }
            d2_dot_bar_2 += d_31 * t_8;
            for (int lane = 0; lane < lanes; lane++) {
                t_9_bar_2[lane] += d_30 * d2_dot[lane];
            }
            d2_dot_bar_2 += d_30 * t_9;
            double t_34 = Math.tanh(0.7978845608 * (d2 + t_9 * d2));
            double t_54 = 1.0 - t_34 * t_34;
            for (int lane = 0; lane < lanes; lane++) {
                double d_34 = t_10_bar_2[lane] * t_54 * 0.7978845608;
                d2_bar_2[lane] += d_34;
                t_9_bar_2[lane] += d_34 * d2;
                d2_bar_2[lane] += d_34 * t_9;
                t_8_bar_2[lane] += t_9_bar_2[lane] * d2;
                d2_bar_2[lane] += t_9_bar_2[lane] * t_8;
                d2_bar_2[lane] += t_8_bar_2[lane] * 0.044715;
            }
        }
        {
            // grad of: return 0.5 * (1 + Math.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))
            for (int lane = 0; lane < lanes; lane++) {
                t_7_bar_2[lane] += sDot[lane] * 0.5;
                t_36[lane] = 0.044715 * d1_dot[lane];
                t_37[lane] = d1 * t_36[lane] + t_5 * d1_dot[lane];
                t_38[lane] = 0.7978845608 * (d1_dot[lane] + (d1 * t_37[lane] + t_6 * d1_dot[lane]));
            }
            double d_36 = s * 0.5;
            for (int lane = 0; lane < lanes; lane++) {
                t_7_bar_2[lane] -= d_36 * t_38[lane] * 2.0 * t_7;
            }
            double d_39 = d_36 * (1.0 - t_7 * t_7) * 0.7978845608;
            d1_dot_bar_2 += d_39;
            for (int lane = 0; lane < lanes; lane++) {
                d1_bar_2[lane] += d_39 * t_37[lane];
            }
            double d_40 = d_39 * d1;
            for (int lane = 0; lane < lanes; lane++) {
                d1_bar_2[lane] += d_40 * t_36[lane];
            }
            d1_dot_bar_2 += d_40 * d1 * 0.044715;
            for (int lane = 0; lane < lanes; lane++) {
                t_5_bar_2[lane] += d_40 * d1_dot[lane];
            }
            d1_dot_bar_2 += d_40 * t_5;
            for (int lane = 0; lane < lanes; lane++) {
                t_6_bar_2[lane] += d_39 * d1_dot[lane];
            }
            d1_dot_bar_2 += d_39 * t_6;
            double t_39 = Math.tanh(0.7978845608 * (d1 + t_6 * d1));
            double t_55 = 1.0 - t_39 * t_39;
            for (int lane = 0; lane < lanes; lane++) {
                double d_43 = t_7_bar_2[lane] * t_55 * 0.7978845608;
                d1_bar_2[lane] += d_43;
                t_6_bar_2[lane] += d_43 * d1;
                d1_bar_2[lane] += d_43 * t_6;
                t_5_bar_2[lane] += t_6_bar_2[lane] * d1;
                d1_bar_2[lane] += t_6_bar_2[lane] * t_5;
                d1_bar_2[lane] += t_5_bar_2[lane] * 0.044715;
            }
        }
        d1_dot_bar_2 += d2_dot_bar_2;
        double vol_dot_bar_2 = -d2_dot_bar_2;
        // grad of: double d2 = d1 - vol
        for (int lane = 0; lane < lanes; lane++) {
            d1_bar_2[lane] += d2_bar_2[lane];
            vol_bar_2[lane] = -d2_bar_2[lane];
        }
        double t_40 = 1.0 / vol;
        double t_41 = 1.0 / t_2;
        double t_42 = 1.0 / k;
        for (int lane = 0; lane < lanes; lane++) {
            t_43[lane] = t_42 * sDot[lane];
            t_44[lane] = 0.5 * sigmaDot[lane];
            t_45[lane] = t_41 * t_43[lane] + t * (sigma * t_44[lane] + t_3 * sigmaDot[lane]);
        }
        double t_46 = d1 / vol;
        double t_56 = -(t_40 / vol);
        for (int lane = 0; lane < lanes; lane++) {
            vol_bar_2[lane] += d1_dot_bar_2 * t_45[lane] * t_56;
        }
        double d_45 = d1_dot_bar_2 * t_40;
        double t_57 = -(t_41 / t_2);
        for (int lane = 0; lane < lanes; lane++) {
            t_2_bar_2[lane] = d_45 * t_43[lane] * t_57;
        }
        sDot_bar_2 += d_45 * t_41 * t_42;
        double d_48 = d_45 * t;
        for (int lane = 0; lane < lanes; lane++) {
            sigma_bar_2[lane] += d_48 * t_44[lane];
        }
        sigmaDot_bar_2 += d_48 * sigma * 0.5;
        for (int lane = 0; lane < lanes; lane++) {
            t_3_bar_2[lane] = d_48 * sigmaDot[lane];
        }
        sigmaDot_bar_2 += d_48 * t_3;
        double t_58 = 1.0 / vol;
        double t_59 = -(t_46 / vol);
        for (int lane = 0; lane < lanes; lane++) {
            double d_50 = -(d1_dot_bar_2 * vol_dot[lane]);
            d1_bar_2[lane] += d_50 * t_58;
            vol_bar_2[lane] += d_50 * t_59;
        }
        vol_dot_bar_2 -= d1_dot_bar_2 * t_46;
        // grad of: double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / vol
        double t_47 = (Math.log(t_2) + (r + t_3 * sigma) * t) / vol;
        double t_60 = 1.0 / vol;
        double t_61 = 1.0 / t_2;
        double t_62 = -(t_47 / vol);
        double t_63 = 1.0 / k;
        for (int lane = 0; lane < lanes; lane++) {
            double d_51 = d1_bar_2[lane] * t_60;
            t_2_bar_2[lane] += d_51 * t_61;
            double d_52 = d_51 * t;
            t_3_bar_2[lane] += d_52 * sigma;
            sigma_bar_2[lane] += d_52 * t_3;
            vol_bar_2[lane] += d1_bar_2[lane] * t_62;
            sigma_bar_2[lane] += t_3_bar_2[lane] * 0.5;
            s_bar_2[lane] += t_2_bar_2[lane] * t_63;
        }
        sigmaDot_bar_2 += vol_dot_bar_2 * sqrt_t;
        // grad of: double vol = sigma * Math.sqrt(t)
        for (int lane = 0; lane < lanes; lane++) {
            sigma_bar_2[lane] += vol_bar_2[lane] * sqrt_t;
        }
        double[][] hessian = new double[n][n];
        int column = 0;
        column = LaneArrays.columns(hessian, column, s_bar_2);
        column = LaneArrays.columns(hessian, column, sigma_bar_2);
        double[] gradient = Arrays2.flatten(sDot_bar_2, sigmaDot_bar_2);
        double[][] hessian_ = Arrays2.symmetrize(hessian);
        if (Arrays2.hasNaN(gradient) || Arrays2.hasNaN(hessian_)) {
            int n_ = 2;
            double[][] hessian__ = new double[n_][];
            for (int k_ = 0; k_ < n_ - 1; k_++) {
                double[] e = new double[n_];
                e[k_] = 1.0;
                hessian__[k_] = callHvp(s, k, t, r, sigma, e).hvp();
            }
            double[] e = new double[n_];
            if (n_ > 0) {
                e[n_ - 1] = 1.0;
            }
            CallHvp last = callHvp(s, k, t, r, sigma, e);
            if (n_ > 0) {
                hessian__[n_ - 1] = last.hvp();
            }
            return new CallHessian(last.value(), last.gradient(), Arrays2.symmetrize(hessian__));
        }
        return new CallHessian(value_3, gradient, hessian_);
    }

    /**
     * What {@link OptionsHessian#callHvp(double, double, double, double, double, double[])} returns.
     */
    public record CallHvp(double value, double[] gradient, double[] hvp) {
    }

    /**
     * What {@link OptionsHessian#call(double, double, double, double, double)} returns.
     */
    public record CallHessian(double value, double[] gradient, double[][] hessian) {
    }
}
