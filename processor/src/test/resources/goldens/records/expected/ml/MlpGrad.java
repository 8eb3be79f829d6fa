package ml;

import dev.jgrad.runtime.Arrays2;
import dev.jgrad.runtime.JitMath;
import dev.jgrad.runtime.Parallel;
import dev.jgrad.runtime.Simd;
import dev.jgrad.runtime.Sums;
import javax.annotation.processing.Generated;

/**
 * Gradients of the {@code @Grad} methods of {@link Mlp}, written by jgrad at compile time.
 */
@Generated("dev.jgrad.processor.JgradProcessor")
public final class MlpGrad {
    private MlpGrad() {
    }

    /**
     * Value and gradient of {@link Mlp#loss(ml.Mlp.Params, double[][], double[])} with respect to p.
     */
    public static LossGradient loss(Mlp.Params p, double[][] x, double[] y) {
        double[][] p_hidden_w = p.hidden().w();
        double[] p_hidden_b = p.hidden().b();
        double[] p_w2 = p.w2();
        double p_b2 = p.b2();
        boolean p_linear = p.linear();
        double[][] p_hidden_w_bar = Arrays2.zerosLike(p_hidden_w);
        double[] p_hidden_b_bar = Arrays2.zerosLike(p_hidden_b);
        double[] p_w2_bar = Arrays2.zerosLike(p_w2);
        double p_b2_bar = 0.0;
        double s = 0;
        // adjoints of the loops' sums: known before the loops run
        // grad of: return s / x.length
        double s_bar = 1.0 / x.length;
        double[] z_saved = null;
        for (int k = 0; k < x.length; k++) {
            double forward = 0.0;
            // inlined: forward(p, x[k])
            double[] x_2 = x[k];
            double out = p_b2;
            if (z_saved == null) {
                z_saved = new double[p_hidden_b.length];
            }
            for (int i = 0; i < p_hidden_b.length; i++) {
                double z = p_hidden_b[i];
                for (int j = 0; j < x_2.length; j++) {
                    z += p_hidden_w[i][j] * x_2[j];
                }
                out += p_w2[i] * (p_linear ? z : Math.tanh(z));
                z_saved[i] = z;
            }
            forward = out;
            double r = forward - y[k];
            s += r * r;
            // adjoint of this iteration
            // grad of: s += r * r
            // grad of: double r = forward(p, x[k]) - y[k]
            // grad of: return out
            double out_bar = s_bar * 2.0 * r;
            // grad of: for (int i = 0; i < h.b().length; i++)
            {
                int i = 0;
                try {
                    for (; i < p_hidden_b.length - 3; i += 4) {
                        double z = z_saved[i];
                        double z1 = z_saved[i + 1];
                        double z2 = z_saved[i + 2];
                        double z3 = z_saved[i + 3];
                        double z_bar = 0.0;
                        double z1_bar = 0.0;
                        double z2_bar = 0.0;
                        double z3_bar = 0.0;
                        // grad of: out += p.w2()[i] * (p.linear() ? z : Math.tanh(z))
                        double t = p_linear ? z : Math.tanh(z);
                        double t1 = p_linear ? z1 : Math.tanh(z1);
                        double t2 = p_linear ? z2 : Math.tanh(z2);
                        double t3 = p_linear ? z3 : Math.tanh(z3);
                        p_w2_bar[i] += out_bar * t;
                        p_w2_bar[i + 1] += out_bar * t1;
                        p_w2_bar[i + 2] += out_bar * t2;
                        p_w2_bar[i + 3] += out_bar * t3;
                        double d = out_bar * p_w2[i];
                        double d1 = out_bar * p_w2[i + 1];
                        double d2 = out_bar * p_w2[i + 2];
                        double d3 = out_bar * p_w2[i + 3];
                        if (p_linear) {
                            z_bar += d;
                        } else {
                            double tanh_z = Math.tanh(z);
                            z_bar += d * (1.0 - tanh_z * tanh_z);
                        }
                        if (p_linear) {
                            z1_bar += d1;
                        } else {
                            double tanh_z1 = Math.tanh(z1);
                            z1_bar += d1 * (1.0 - tanh_z1 * tanh_z1);
                        }
                        if (p_linear) {
                            z2_bar += d2;
                        } else {
                            double tanh_z2 = Math.tanh(z2);
                            z2_bar += d2 * (1.0 - tanh_z2 * tanh_z2);
                        }
                        if (p_linear) {
                            z3_bar += d3;
                        } else {
                            double tanh_z3 = Math.tanh(z3);
                            z3_bar += d3 * (1.0 - tanh_z3 * tanh_z3);
                        }
                        // grad of: for (int j = 0; j < x.length; j++)
                        for (int j = 0; j < x_2.length; j++) {
                            // grad of: z += h.w()[i][j] * x[j]
                            p_hidden_w_bar[i][j] += z_bar * x_2[j];
                            p_hidden_w_bar[i + 1][j] += z1_bar * x_2[j];
                            p_hidden_w_bar[i + 2][j] += z2_bar * x_2[j];
                            p_hidden_w_bar[i + 3][j] += z3_bar * x_2[j];
                        }
                        // grad of: double z = h.b()[i]
                        p_hidden_b_bar[i] += z_bar;
                        p_hidden_b_bar[i + 1] += z1_bar;
                        p_hidden_b_bar[i + 2] += z2_bar;
                        p_hidden_b_bar[i + 3] += z3_bar;
                    }
                } finally {
                    // the last iterations, one at a time (after a failure, from its group: the first to fail throws)
                    for (; i < p_hidden_b.length; i++) {
                        double z = z_saved[i];
                        double z_bar = 0.0;
                        // grad of: out += p.w2()[i] * (p.linear() ? z : Math.tanh(z))
                        double t = p_linear ? z : Math.tanh(z);
                        p_w2_bar[i] += out_bar * t;
                        double d = out_bar * p_w2[i];
                        if (p_linear) {
                            z_bar += d;
                        } else {
                            double tanh_z = Math.tanh(z);
                            z_bar += d * (1.0 - tanh_z * tanh_z);
                        }
                        // grad of: for (int j = 0; j < x.length; j++)
                        for (int j = 0; j < x_2.length; j++) {
                            // grad of: z += h.w()[i][j] * x[j]
                            p_hidden_w_bar[i][j] += z_bar * x_2[j];
                        }
                        // grad of: double z = h.b()[i]
                        p_hidden_b_bar[i] += z_bar;
                    }
                }
            }
            // grad of: double out = p.b2()
            p_b2_bar += out_bar;
        }
        double value = s / x.length;
        return new LossGradient(value, new Mlp.Params(new Mlp.Layer(p_hidden_w_bar, p_hidden_b_bar), p_w2_bar, p_b2_bar, p_linear));
    }

    /**
     * Value and gradient of {@link Mlp#fastLoss(ml.Mlp.Params, double[][], double[])} with respect to p.
     */
    public static FastLossGradient fastLoss(Mlp.Params p, double[][] x, double[] y) {
        double[][] p_hidden_w = p.hidden().w();
        double[] p_hidden_b = p.hidden().b();
        double[] p_w2 = p.w2();
        double p_b2 = p.b2();
        boolean p_linear = p.linear();
        double[][] p_hidden_w_bar = Arrays2.zerosLike(p_hidden_w);
        double[] p_hidden_b_bar = Arrays2.zerosLike(p_hidden_b);
        double[] p_w2_bar = Arrays2.zerosLike(p_w2);
        double p_b2_bar = 0.0;
        double s = 0;
        // adjoints of the loops' sums: known before the loops run
        // grad of: return s / x.length
        double s_bar = 1.0 / x.length;
        // for (int k = 0; k < x.length; k++), in chunks
        Sums sums = new Sums(/* scalars */ 2, /* vectors */ new double[][] {p_w2_bar, p_hidden_b_bar}, /* matrices */ new double[][][] {p_hidden_w_bar});
        Parallel.run(0, x.length, /* threads */ true, sums, (part, lo, hi) -> fastLossChunk(part, lo, hi, p_hidden_w, p_hidden_b, p_w2, p_b2, p_linear, x, y, s_bar));
        s += sums.scalars[0];
        p_b2_bar += sums.scalars[1];
        double value = s / x.length;
        return new FastLossGradient(value, new Mlp.Params(new Mlp.Layer(p_hidden_w_bar, p_hidden_b_bar), p_w2_bar, p_b2_bar, p_linear));
    }

    /**
     * Iterations {@code [from, to)} of a parallel loop, adding into {@code sums}.
     */
    private static void fastLossChunk(Sums sums, int from, int to, double[][] p_hidden_w,
            double[] p_hidden_b, double[] p_w2, double p_b2, boolean p_linear, double[][] x,
            double[] y, double s_bar) {
        double s = 0.0;
        double p_b2_bar = 0.0;
        double[] p_w2_bar = sums.vectors[0];
        double[] p_hidden_b_bar = sums.vectors[1];
        double[][] p_hidden_w_bar = sums.matrices[0];
        double[] z_saved = new double[p_hidden_b.length];
        double[] z_saved1 = new double[p_hidden_b.length];
        double[] z_saved2 = new double[p_hidden_b.length];
        double[] z_saved3 = new double[p_hidden_b.length];
        {
            int k = from;
            try {
                for (; k < to - 3; k += 4) {
                    double forward = 0.0;
                    double forward1 = 0.0;
                    double forward2 = 0.0;
                    double forward3 = 0.0;
                    // inlined: forward(p, x[k])
                    double[] x_2 = x[k];
                    double[] x_21 = x[k + 1];
                    double[] x_22 = x[k + 2];
                    double[] x_23 = x[k + 3];
                    double out = p_b2;
                    double out1 = p_b2;
                    double out2 = p_b2;
                    double out3 = p_b2;
                    for (int i = 0; i < p_hidden_b.length; i++) {
                        double z = p_hidden_b[i];
                        double z1 = p_hidden_b[i];
                        double z2 = p_hidden_b[i];
                        double z3 = p_hidden_b[i];
                        // the loop over j as a dot product where Simd is faster (its additions in any order: @Jit)
                        if (Simd.dotPays(x_2.length)) {
                            z += Simd.dot(p_hidden_w[i], x_2, x_2.length);
                        } else {
                            for (int j = 0; j < x_2.length; j++) {
                                z += p_hidden_w[i][j] * x_2[j];
                            }
                        }
                        // the loop over j1 as a dot product where Simd is faster (its additions in any order: @Jit)
                        if (Simd.dotPays(x_21.length)) {
                            z1 += Simd.dot(p_hidden_w[i], x_21, x_21.length);
                        } else {
                            for (int j1 = 0; j1 < x_21.length; j1++) {
                                z1 += p_hidden_w[i][j1] * x_21[j1];
                            }
                        }
                        // the loop over j2 as a dot product where Simd is faster (its additions in any order: @Jit)
                        if (Simd.dotPays(x_22.length)) {
                            z2 += Simd.dot(p_hidden_w[i], x_22, x_22.length);
                        } else {
                            for (int j2 = 0; j2 < x_22.length; j2++) {
                                z2 += p_hidden_w[i][j2] * x_22[j2];
                            }
                        }
                        // the loop over j3 as a dot product where Simd is faster (its additions in any order: @Jit)
                        if (Simd.dotPays(x_23.length)) {
                            z3 += Simd.dot(p_hidden_w[i], x_23, x_23.length);
                        } else {
                            for (int j3 = 0; j3 < x_23.length; j3++) {
                                z3 += p_hidden_w[i][j3] * x_23[j3];
                            }
                        }
                        out += p_w2[i] * (p_linear ? z : JitMath.tanh(z));
                        out1 += p_w2[i] * (p_linear ? z1 : JitMath.tanh(z1));
                        out2 += p_w2[i] * (p_linear ? z2 : JitMath.tanh(z2));
                        out3 += p_w2[i] * (p_linear ? z3 : JitMath.tanh(z3));
                        z_saved[i] = z;
                        z_saved1[i] = z1;
                        z_saved2[i] = z2;
                        z_saved3[i] = z3;
                    }
                    forward = out;
                    forward1 = out1;
                    forward2 = out2;
                    forward3 = out3;
                    double r = forward - y[k];
                    double r1 = forward1 - y[k + 1];
                    double r2 = forward2 - y[k + 2];
                    double r3 = forward3 - y[k + 3];
                    s += r * r + r1 * r1 + (r2 * r2 + r3 * r3);
                    // adjoint of this iteration
                    // grad of: s += r * r
                    double r_bar = s_bar * 2.0 * r;
                    double r1_bar = s_bar * 2.0 * r1;
                    double r2_bar = s_bar * 2.0 * r2;
                    double r3_bar = s_bar * 2.0 * r3;
                    // grad of: double r = forward(p, x[k]) - y[k]
                    double forward_bar = r_bar;
                    double forward1_bar = r1_bar;
                    double forward2_bar = r2_bar;
                    double forward3_bar = r3_bar;
                    // grad of: return out
                    double out_bar = forward_bar;
                    double out1_bar = forward1_bar;
                    double out2_bar = forward2_bar;
                    double out3_bar = forward3_bar;
                    // grad of: for (int i = 0; i < h.b().length; i++)
                    for (int i = 0; i < p_hidden_b.length; i++) {
                        double z = z_saved[i];
                        double z1 = z_saved1[i];
                        double z2 = z_saved2[i];
                        double z3 = z_saved3[i];
                        double z_bar = 0.0;
                        double z1_bar = 0.0;
                        double z2_bar = 0.0;
                        double z3_bar = 0.0;
                        // grad of: out += p.w2()[i] * (p.linear() ? z : Math.tanh(z))
                        double t = p_linear ? z : JitMath.tanh(z);
                        double t1 = p_linear ? z1 : JitMath.tanh(z1);
                        double t2 = p_linear ? z2 : JitMath.tanh(z2);
                        double t3 = p_linear ? z3 : JitMath.tanh(z3);
                        p_w2_bar[i] += out_bar * t + out1_bar * t1
                                + (out2_bar * t2 + out3_bar * t3);
                        double d = out_bar * p_w2[i];
                        double d1 = out1_bar * p_w2[i];
                        double d2 = out2_bar * p_w2[i];
                        double d3 = out3_bar * p_w2[i];
                        if (p_linear) {
                            z_bar += d;
                        } else {
                            double tanh_z = JitMath.tanh(z);
                            z_bar += d * (1.0 - tanh_z * tanh_z);
                        }
                        if (p_linear) {
                            z1_bar += d1;
                        } else {
                            double tanh_z1 = JitMath.tanh(z1);
                            z1_bar += d1 * (1.0 - tanh_z1 * tanh_z1);
                        }
                        if (p_linear) {
                            z2_bar += d2;
                        } else {
                            double tanh_z2 = JitMath.tanh(z2);
                            z2_bar += d2 * (1.0 - tanh_z2 * tanh_z2);
                        }
                        if (p_linear) {
                            z3_bar += d3;
                        } else {
                            double tanh_z3 = JitMath.tanh(z3);
                            z3_bar += d3 * (1.0 - tanh_z3 * tanh_z3);
                        }
                        // grad of: for (int j = 0; j < x.length; j++)
                        for (int j = 0; j < x_2.length; j++) {
                            // grad of: z += h.w()[i][j] * x[j]
                            p_hidden_w_bar[i][j] += z_bar * x_2[j];
                        }
                        for (int j1 = 0; j1 < x_21.length; j1++) {
                            // grad of: z += h.w()[i][j] * x[j]
                            p_hidden_w_bar[i][j1] += z1_bar * x_21[j1];
                        }
                        for (int j2 = 0; j2 < x_22.length; j2++) {
                            // grad of: z += h.w()[i][j] * x[j]
                            p_hidden_w_bar[i][j2] += z2_bar * x_22[j2];
                        }
                        for (int j3 = 0; j3 < x_23.length; j3++) {
                            // grad of: z += h.w()[i][j] * x[j]
                            p_hidden_w_bar[i][j3] += z3_bar * x_23[j3];
                        }
                        // grad of: double z = h.b()[i]
                        p_hidden_b_bar[i] += z_bar + z1_bar + (z2_bar + z3_bar);
                    }
                    // grad of: double out = p.b2()
                    p_b2_bar += out_bar + out1_bar + (out2_bar + out3_bar);
                }
            } finally {
                // the last iterations, one at a time (after a failure, from its group: the first to fail throws)
                for (; k < to; k++) {
                    double forward = 0.0;
                    // inlined: forward(p, x[k])
                    double[] x_2 = x[k];
                    double out = p_b2;
                    for (int i = 0; i < p_hidden_b.length; i++) {
                        double z = p_hidden_b[i];
                        // the loop over j as a dot product where Simd is faster (its additions in any order: @Jit)
                        if (Simd.dotPays(x_2.length)) {
                            z += Simd.dot(p_hidden_w[i], x_2, x_2.length);
                        } else {
                            for (int j = 0; j < x_2.length; j++) {
                                z += p_hidden_w[i][j] * x_2[j];
                            }
                        }
                        out += p_w2[i] * (p_linear ? z : JitMath.tanh(z));
                        z_saved[i] = z;
                    }
                    forward = out;
                    double r = forward - y[k];
                    s += r * r;
                    // adjoint of this iteration
                    // grad of: s += r * r
                    double r_bar = s_bar * 2.0 * r;
                    // grad of: double r = forward(p, x[k]) - y[k]
                    double forward_bar = r_bar;
                    // grad of: return out
                    double out_bar = forward_bar;
                    // grad of: for (int i = 0; i < h.b().length; i++)
                    for (int i = 0; i < p_hidden_b.length; i++) {
                        double z = z_saved[i];
                        double z_bar = 0.0;
                        // grad of: out += p.w2()[i] * (p.linear() ? z : Math.tanh(z))
                        double t = p_linear ? z : JitMath.tanh(z);
                        p_w2_bar[i] += out_bar * t;
                        double d = out_bar * p_w2[i];
                        if (p_linear) {
                            z_bar += d;
                        } else {
                            double tanh_z = JitMath.tanh(z);
                            z_bar += d * (1.0 - tanh_z * tanh_z);
                        }
                        // grad of: for (int j = 0; j < x.length; j++)
                        for (int j = 0; j < x_2.length; j++) {
                            // grad of: z += h.w()[i][j] * x[j]
                            p_hidden_w_bar[i][j] += z_bar * x_2[j];
                        }
                        // grad of: double z = h.b()[i]
                        p_hidden_b_bar[i] += z_bar;
                    }
                    // grad of: double out = p.b2()
                    p_b2_bar += out_bar;
                }
            }
        }
        sums.scalars[0] = s;
        sums.scalars[1] = p_b2_bar;
    }

    /**
     * The value of
     * {@link Mlp#loss(ml.Mlp.Params, double[][], double[])}
     * and its partial derivatives: one component per wrt parameter, with the parameter's name and type
     * (for a record of parameters, a new record holding the gradient of each component that is a double or
     * an array of doubles, and the parameter's own value of each other component).
     */
    public record LossGradient(double value, Mlp.Params p) {
    }

    /**
     * The value of
     * {@link Mlp#fastLoss(ml.Mlp.Params, double[][], double[])}
     * and its partial derivatives: one component per wrt parameter, with the parameter's name and type
     * (for a record of parameters, a new record holding the gradient of each component that is a double or
     * an array of doubles, and the parameter's own value of each other component).
     */
    public record FastLossGradient(double value, Mlp.Params p) {
    }
}
