package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: the shapes that {@code @Jit} fusion must get right or leave alone (issue 11, f and g):
 * statistics that read one loop's sum in the next loop, parameters and indices used as
 * accumulators, a loop bound changed in the body, a buffer of hidden units inside a loop over
 * classes, and running sums read back through a local alias of the array summed into.
 */
public final class JitShapes {
    private JitShapes() {}

    /** Covers: a two-pass variance: the mean, declared between the loops, reads the first loop's sum. */
    @Grad
    static double variance(double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i];
        }
        double mean = sum / x.length;
        double ss = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - mean;
            ss += d * d;
        }
        return ss / x.length;
    }

    /**
     * Covers: a standardisation loss: mean, then standard deviation, then the squared error of the
     * z-scores, each loop reading what the one before summed.
     */
    @Grad(wrt = {"x"})
    static double standardizedLoss(double[] x, double[] target) {
        int n = x.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[i];
        }
        double mean = sum / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += (x[i] - mean) * (x[i] - mean);
        }
        double sd = Math.sqrt(ss / n + 1e-3);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double r = (x[i] - mean) / sd - target[i];
            loss += r * r;
        }
        return loss / n;
    }

    /** Covers: a parameter used as a loop accumulator, whose running value the loop reads. */
    @Grad(wrt = {"x", "start"})
    static double runningTotal(double[] x, double start) {
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            start += x[i];
            total += start * x[i];
        }
        return total + start;
    }

    /** Covers: a parameter read before the loop that sums into it, and after. */
    @Grad
    static double paramReadBeforeItsSum(double[] x, double acc) {
        double before = acc * acc;
        for (int i = 0; i < x.length; i++) {
            acc += x[i] * x[i];
        }
        return before * acc;
    }

    /** Covers: a parameter as the only accumulator, read (squared) after its loop. */
    @Grad
    static double paramAccumulator(double[] x, double acc) {
        for (int i = 0; i < x.length; i++) {
            acc += Math.sin(x[i]);
        }
        return acc * acc;
    }

    /** Covers: an int parameter walking two elements per iteration (a strided read of pairs). */
    @Grad(wrt = {"x"})
    static double stridedPairs(double[] x, int k) {
        double s = 0;
        for (int i = 0; i < x.length / 2 - 1; i++) {
            s += x[k] * x[k + 1];
            k += 2;
        }
        return s;
    }

    /** Covers: a loop bound (a parameter) changed in the loop's body. */
    @Grad(wrt = {"x"})
    static double shrinkingBound(double[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i] * x[n - 1];
            n -= 1;
        }
        return s;
    }

    /**
     * Covers: a softmax classifier with a hidden tanh layer per class (samples x classes x hidden
     * units x features): the hidden units' pre-activations, a dot product each, are computed inside
     * the loop over classes, and the log-sum-exp and the label's logit are sums over classes.
     */
    @Grad(wrt = {"w", "u", "v", "b"})
    static double hiddenSoftmax(double[][] w, double[][] u, double[][] v, double[] b, double[][] x, int[] labels) {
        int classes = v.length;
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double se = 0;
            double zy = 0;
            for (int c = 0; c < classes; c++) {
                double z = b[c];
                for (int j = 0; j < w.length; j++) {
                    double a = u[c][j];
                    for (int d = 0; d < x[i].length; d++) {
                        a += w[j][d] * x[i][d];
                    }
                    z += v[c][j] * Math.tanh(a);
                }
                se += Math.exp(z);
                zy += c == labels[i] ? z : 0;
            }
            loss += Math.log(se) - zy;
        }
        return loss / x.length;
    }

    /**
     * Covers: column sums accumulated into a local array, read back in the same loop through a local
     * alias of it (the running sums, not the totals).
     */
    @Grad(wrt = {"w"})
    static double aliasedColumnSums(double[] w, double[][] x) {
        int n = w.length;
        double[] out = new double[n];
        double[] acc = out;
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < n; j++) {
                out[j] += w[j] * x[i][j];
                s += acc[j] * x[i][j];
            }
        }
        return s;
    }

    /** Covers: sums into the rows of a local matrix, read back through a row held in a local. */
    @Grad(wrt = {"w"})
    static double aliasedRow(double[] w, double[][] x) {
        int n = w.length;
        double[][] m = new double[2][n];
        double[] first = m[0];
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < n; j++) {
                m[i % 2][j] += w[j] * x[i][j];
                s += first[j] * x[i][j];
            }
        }
        return s;
    }

    /**
     * Covers: a constant table filled by a loop nest and read after it in the returned expression (the
     * fuzzer's seed 100156, shrunk): the adjoint of the code after the loops reads the table, so it runs
     * after the loops that fill it, not before them (which gave d/dw[1] = 0).
     */
    @Grad(wrt = {"w"})
    static double filledTableReadAfter(double[] w, int n) {
        double[][] g = new double[n][1];
        for (int j1 = 0; j1 < 1; j1++) {
            for (int j2 = 0; j2 < 1; j2++) {
                g[j1][j2] = 0.5;
            }
        }
        return g[0][0] * w[1];
    }

    /**
     * Covers: code after the loop that multiplies their sum by a function of an active input (a
     * discount factor): the adjoint of the sum is known before the loop, the rest of the tail's
     * adjoint (the discount's, which reads the sum) runs after it.
     */
    @Grad(wrt = {"x", "r"})
    static double discountedMean(double[] x, double r, double t) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i] * r;
        }
        return Math.exp(-r * t) * s / x.length + r * s;
    }
}
