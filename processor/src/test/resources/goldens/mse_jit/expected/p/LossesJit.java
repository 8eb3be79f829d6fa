package p;

import dev.jgrad.runtime.Parallel;
import dev.jgrad.runtime.Simd;
import dev.jgrad.runtime.Sums;
import javax.annotation.processing.Generated;

/**
 * Fast versions of the {@code @Jit} methods of {@link Losses}, written by jgrad at compile time.
 */
@Generated("dev.jgrad.processor.JgradProcessor")
public final class LossesJit {
    private LossesJit() {
    }

    /**
     * The fast version of {@link Losses#mse(double[], double, double[][], double[])}: the same result.
     */
    public static double mse(double[] w, double b, double[][] x, double[] y) {
        double sum = 0;
        // for (int i = 0; i < x.length; i++), in chunks
        Sums sums = new Sums(/* scalars */ 1, /* vectors */ new double[][] {}, /* matrices */ new double[][][] {});
        Parallel.run(0, x.length, /* threads */ true, sums, (part, lo, hi) -> mseChunk(part, lo, hi, w, b, x, y));
        sum += sums.scalars[0];
        return sum / x.length;
    }

    /**
     * Iterations {@code [from, to)} of a parallel loop, adding into {@code sums}.
     */
    private static void mseChunk(Sums sums, int from, int to, double[] w, double b, double[][] x,
            double[] y) {
        double sum = 0.0;
        double[] dots = new double[4];
        {
            int i = from;
            try {
                for (; i < to - 3; i += 4) {
                    double pred = b;
                    double pred1 = b;
                    double pred2 = b;
                    double pred3 = b;
                    // the loop over j as four dot products where Simd is faster (its additions in any order: @Jit)
                    if (Simd.dot4Pays(w.length)) {
                        Simd.dot4(dots, w, x[i], x[i + 1], x[i + 2], x[i + 3], w.length);
                        pred += dots[0];
                        pred1 += dots[1];
                        pred2 += dots[2];
                        pred3 += dots[3];
                    } else {
                        for (int j = 0; j < w.length; j++) {
                            pred += w[j] * x[i][j];
                            pred1 += w[j] * x[i + 1][j];
                            pred2 += w[j] * x[i + 2][j];
                            pred3 += w[j] * x[i + 3][j];
                        }
                    }
                    double r = pred - y[i];
                    double r1 = pred1 - y[i + 1];
                    double r2 = pred2 - y[i + 2];
                    double r3 = pred3 - y[i + 3];
                    sum += r * r + r1 * r1 + (r2 * r2 + r3 * r3);
                }
            } finally {
                // the last iterations, one at a time (after a failure, from its group: the first to fail throws)
                for (; i < to; i++) {
                    double pred = b;
                    // the loop over j as a dot product where Simd is faster (its additions in any order: @Jit)
                    if (Simd.dotPays(w.length)) {
                        pred += Simd.dot(w, x[i], w.length);
                    } else {
                        for (int j = 0; j < w.length; j++) {
                            pred += w[j] * x[i][j];
                        }
                    }
                    double r = pred - y[i];
                    sum += r * r;
                }
            }
        }
        sums.scalars[0] = sum;
    }
}
