package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: {@code @Grad} alone (no {@code @Jit}) on loops, where a loop of independent iterations whose
 * sums reach the return linearly gets the one-pass gradient (each iteration's adjoint right after it,
 * no tape), on the calling thread, four rows at a time where they share an inner loop, each sum of
 * the value taking its terms in the source's order, so that the value is the source's bit for bit. The methods that do not qualify (a nonlinear tail, a loop that
 * reads another's sum, a break, a running max, a filled array) keep the taped gradient; their values
 * and gradients must be as right. {@code GradOnePassTest} compares the exceptions of
 * {@link #checkedRows}, {@link #perGroup}, {@link #pathPayoff} and {@link #discountedTwoLoops} with the
 * source's.
 */
public final class GradOnePass {
    private GradOnePass() {}

    /** Covers: one pass: a softplus loss, whose {@code Math.exp} the adjoint reads, written inside a sum. */
    @Grad(wrt = {"w", "b"})
    static double softplusLoss(double[] w, double b, double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double z = b;
            for (int j = 0; j < w.length; j++) z += w[j] * x[i][j];
            sum += y[i] * z + Math.log1p(Math.exp(-z)) * 0.5;
        }
        return sum / x.length;
    }

    /**
     * Covers: one pass over two loops (samples, then an L2 term over the weights) under a discount that
     * depends on a wrt parameter: the sums' adjoints are known before the loops, rate's only after them.
     */
    @Grad
    static double discountedTwoLoops(double[] w, double[][] x, double rate, double lambda) {
        double n = x.length;
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double dot = 0;
            for (int j = 0; j < w.length; j++) dot += w[j] * x[i][j];
            sum += Math.sin(dot);
        }
        double reg = 0;
        for (int j = 0; j < w.length; j++) reg += w[j] * w[j];
        return Math.exp(-rate) * (sum / n) + lambda * reg;
    }

    /**
     * Covers: one pass four rows at a time (an inner loop of one length for all rows), two sums of the
     * value added row after row in the source's order, 11 rows (a remainder of 3): the value bit for bit.
     */
    @Grad(wrt = {"w", "b"})
    static double fourRowsTwoSums(double[] w, double b, double[][] x, double[] y) {
        double fit = 0;
        double size = 0;
        for (int i = 0; i < x.length; i++) {
            double z = b;
            for (int j = 0; j < w.length; j++) z += w[j] * x[i][j];
            fit += Math.sin(z - y[i]) * (1 + 0.25 * i);
            size += z * z;
        }
        return fit / x.length + 1e-3 * size;
    }

    /**
     * Covers: the method's sum added inside the inner loop (every row's entries, row after row): four
     * rows at a time would add them in another order, so the value keeps its loop as written.
     */
    @Grad
    static double sumInsideRows(double[] w, double[][] x) {
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < w.length; j++) {
                total += Math.cos(w[j] * x[i][j]) * (1 + 0.5 * j);
            }
        }
        return total;
    }

    /**
     * Covers: one sum of the value added to twice in each row ({@code s += z * q; s += q;}): four rows at a
     * time would add the four rows' first terms before their second ones, so the loop keeps one row at a time.
     */
    @Grad(wrt = "w")
    static double twoUpdatesOfOneSum(double[] w, double[][] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double z = 0;
            double q = 0;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * x[i][j];
                q += x[i][j];
            }
            s += z * q;
            s -= 0.5 * q;
        }
        return s;
    }

    /**
     * Covers: four rows at a time up to a bound {@code n} that a caller may give as any int ({@code
     * GradOnePassTest} gives {@code Integer.MIN_VALUE}: no row runs, as in the source).
     */
    @Grad(wrt = "w")
    static double firstRows(double[] w, double[][] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double z = 0;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * x[i][j];
            }
            s += Math.sin(z);
        }
        return s;
    }

    /** Covers: one pass over a loop nest three deep (ragged rows), the innermost summing into the method's sum. */
    @Grad(wrt = "v")
    static double nestedSums(double[] v, double[][] a) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double c = a[i][j] * v[i % v.length];
                for (int k = 1; k <= 3; k++) sum += c * Math.cos(k * c - v[j % v.length]);
            }
        }
        return 2 * sum - 1;
    }

    /** Covers: one pass where the iteration branches, and declares a local in each branch. */
    @Grad(wrt = "w")
    static double branchyHuber(double[] w, double[][] x, double[] y, double delta) {
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double pred = 0;
            for (int j = 0; j < w.length; j++) pred += w[j] * x[i][j];
            double r = pred - y[i];
            if (Math.abs(r) <= delta) {
                double q = 0.5 * r * r;
                total += q;
            } else {
                double l = delta * (Math.abs(r) - 0.5 * delta);
                total += l;
            }
        }
        return total / x.length;
    }

    /** Covers: not one pass (a nonlinear tail: the log of the sum): the taped gradient. */
    @Grad
    static double logOfSum(double[] w, double[][] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double dot = 0;
            for (int j = 0; j < w.length; j++) dot += w[j] * x[i][j];
            s += dot * dot;
        }
        return Math.log(1 + s);
    }

    /** Covers: not one pass (the second loop reads the first one's mean): the taped gradient. */
    @Grad
    static double variance(double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) sum += x[i];
        double mean = sum / x.length;
        double ss = 0;
        for (int i = 0; i < x.length; i++) ss += (x[i] - mean) * (x[i] - mean);
        return ss / x.length;
    }

    /** Covers: not one pass (an early break on the data): the taped gradient. */
    @Grad(wrt = "w")
    static double untilNegative(double[] w, double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] < -0.9) {
                break;
            }
            sum += Math.tanh(w[i % w.length] * x[i]);
        }
        return sum;
    }

    /** Covers: not one pass (a running max, whose adjoint needs the final max): the taped gradient. */
    @Grad
    static double softMax(double[] x) {
        double m = x[0];
        for (int i = 1; i < x.length; i++) m = Math.max(m, x[i]);
        double s = 0;
        for (int i = 0; i < x.length; i++) s += Math.exp(x[i] - m);
        return m + Math.log(s);
    }

    /** Covers: a loop that fills a fresh array read by a later loop: the taped gradient. */
    @Grad
    static double filledThenSummed(double[] x) {
        double[] t = new double[x.length];
        for (int i = 0; i < x.length; i++) t[i] = Math.sin(x[i]);
        double s = 0;
        for (int i = 0; i < x.length; i++) s += t[i] * t[(i + 1) % x.length];
        return s;
    }

    /**
     * Covers: one pass in a loop that may throw part-way (a row too short, or a bad label), with its
     * check before the work and its inner loop reading past a short row.
     */
    @Grad(wrt = "w")
    static double checkedRows(double[] w, double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            if (y[i] < -10) {
                throw new IllegalArgumentException("bad label at " + i);
            }
            double pred = 0;
            for (int j = 0; j < w.length; j++) pred += w[j] * x[i][j];
            sum += (pred - y[i]) * (pred - y[i]);
        }
        return sum / x.length;
    }

    /** Covers: a tail whose adjoint may throw (an int division): the loop's exception comes first. */
    @Grad
    static double perGroup(double[] x, int groups) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) sum += x[i] * x[i];
        return sum / (x.length / groups);
    }

    /** Covers: one pass with a recurrence in each iteration (a path) and a discount read after the loop. */
    @Grad(wrt = {"s0", "vol", "rate"})
    static double pathPayoff(double[][] z, int steps, double s0, double vol, double rate) {
        double dt = 0.08;
        double payoff = 0;
        for (int p = 0; p < z.length; p++) {
            double s = s0;
            for (int t = 0; t < steps; t++) s *= Math.exp((rate - 0.5 * vol * vol) * dt + vol * Math.sqrt(dt) * z[p][t]);
            payoff += s * s;
        }
        return Math.exp(-rate) * payoff / z.length;
    }
}
