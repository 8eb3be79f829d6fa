package p;

import dev.jgrad.runtime.Parallel;
import dev.jgrad.runtime.Shapes;
import dev.jgrad.runtime.Simd;
import dev.jgrad.runtime.Sums;
import javax.annotation.processing.Generated;

/**
 * Fast versions of the {@code @Jit} methods of {@link OpsLosses}, written by jgrad at compile time.
 */
@Generated("dev.jgrad.processor.JgradProcessor")
public final class OpsLossesJit {
    private OpsLossesJit() {
    }

    /**
     * The fast version of {@link OpsLosses#mse(double[], double, double[][], double[])}: the same result.
     */
    public static double mse(double[] w, double b, double[][] x, double[] y) {
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
        // mean(square(sub(add(matvec(x, w), b), y))), in chunks
        Sums sums = new Sums(/* scalars */ 1, /* vectors */ new double[][] {}, /* matrices */ new double[][][] {});
        Parallel.run(0, x.length, /* threads */ true, sums, (part, lo, hi) -> mseChunk(part, lo, hi, w, b, x, y, xCols));
        sum += sums.scalars[0];
        return sum / (double) x.length;
    }

    /**
     * Iterations {@code [from, to)} of a parallel loop, adding into {@code sums}.
     */
    private static void mseChunk(Sums sums, int from, int to, double[] w, double b, double[][] x,
            double[] y, int xCols) {
        double sum = 0.0;
        double[] dots = new double[4];
        {
            int i = from;
            try {
                for (; i < to - 3; i += 4) {
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
                    // the loop over j as four dot products where Simd is faster (its additions in any order: @Jit)
                    if (Simd.dot4Pays(w.length)) {
                        Simd.dot4(dots, w, xRow, xRow1, xRow2, xRow3, w.length);
                        matvec += dots[0];
                        matvec1 += dots[1];
                        matvec2 += dots[2];
                        matvec3 += dots[3];
                    } else {
                        for (int j = 0; j < w.length; j++) {
                            matvec += xRow[j] * w[j];
                            matvec1 += xRow1[j] * w[j];
                            matvec2 += xRow2[j] * w[j];
                            matvec3 += xRow3[j] * w[j];
                        }
                    }
                    double sub = matvec + b - y[i];
                    double sub1 = matvec1 + b - y[i + 1];
                    double sub2 = matvec2 + b - y[i + 2];
                    double sub3 = matvec3 + b - y[i + 3];
                    sum += sub * sub + sub1 * sub1 + (sub2 * sub2 + sub3 * sub3);
                }
            } finally {
                // the last iterations, one at a time (after a failure, from its group: the first to fail throws)
                for (; i < to; i++) {
                    double[] xRow = x[i];
                    if (xRow.length != xCols) {
                        throw new IllegalArgumentException(Shapes.ragged("matvec", x));
                    }
                    double matvec = 0.0;
                    // the loop over j as a dot product where Simd is faster (its additions in any order: @Jit)
                    if (Simd.dotPays(w.length)) {
                        matvec += Simd.dot(xRow, w, w.length);
                    } else {
                        for (int j = 0; j < w.length; j++) {
                            matvec += xRow[j] * w[j];
                        }
                    }
                    double sub = matvec + b - y[i];
                    sum += sub * sub;
                }
            }
        }
        sums.scalars[0] = sum;
    }
}
