package ml;

import dev.jgrad.runtime.JitMath;
import dev.jgrad.runtime.Parallel;
import dev.jgrad.runtime.Simd;
import dev.jgrad.runtime.Sums;
import javax.annotation.processing.Generated;

/**
 * Fast versions of the {@code @Jit} methods of {@link Mlp}, written by jgrad at compile time.
 */
@Generated("dev.jgrad.processor.JgradProcessor")
public final class MlpJit {
    private MlpJit() {
    }

    /**
     * The fast version of {@link Mlp#fastLoss(ml.Mlp.Params, double[][], double[])}: the same result.
     */
    public static double fastLoss(Mlp.Params p, double[][] x, double[] y) {
        double[][] p_hidden_w = p.hidden().w();
        double[] p_hidden_b = p.hidden().b();
        double[] p_w2 = p.w2();
        double p_b2 = p.b2();
        boolean p_linear = p.linear();
        double s = 0;
        // for (int k = 0; k < x.length; k++), in chunks
        Sums sums = new Sums(/* scalars */ 1, /* vectors */ new double[][] {}, /* matrices */ new double[][][] {});
        Parallel.run(0, x.length, /* threads */ true, sums, (part, lo, hi) -> fastLossChunk(part, lo, hi, p_hidden_w, p_hidden_b, p_w2, p_b2, p_linear, x, y));
        s += sums.scalars[0];
        return s / x.length;
    }

    /**
     * Iterations {@code [from, to)} of a parallel loop, adding into {@code sums}.
     */
    private static void fastLossChunk(Sums sums, int from, int to, double[][] p_hidden_w,
            double[] p_hidden_b, double[] p_w2, double p_b2, boolean p_linear, double[][] x,
            double[] y) {
        double s = 0.0;
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
                }
            } finally {
                // the last iterations, one at a time (after a failure, from its group: the first to fail throws)
                for (; k < to; k++) {
                    double forward = 0.0;
                    {
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
                        }
                        forward = out;
                    }
                    double r = forward - y[k];
                    s += r * r;
                }
            }
        }
        sums.scalars[0] = s;
    }
}
