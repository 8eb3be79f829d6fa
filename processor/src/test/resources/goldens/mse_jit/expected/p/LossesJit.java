package p;

import dev.jgrad.runtime.Parallel;
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
        for (int i = from; i < to; i++) {
            double pred = b;
            {
                double pred1 = 0.0;
                double pred2 = 0.0;
                double pred3 = 0.0;
                int j = 0;
                for (; j < w.length - 3; j += 4) {
                    pred += w[j] * x[i][j];
                    pred1 += w[j + 1] * x[i][j + 1];
                    pred2 += w[j + 2] * x[i][j + 2];
                    pred3 += w[j + 3] * x[i][j + 3];
                }
                for (; j < w.length; j++) {
                    pred += w[j] * x[i][j];
                }
                pred += pred1 + pred2 + pred3;
            }
            double r = pred - y[i];
            sum += r * r;
        }
        sums.scalars[0] = sum;
    }
}
