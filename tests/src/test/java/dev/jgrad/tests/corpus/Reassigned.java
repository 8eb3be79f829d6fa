package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: locals assigned again where they are declared, as people write them: {@code s /= n} before
 * the return, {@code norm = Math.sqrt(norm)} after the loop that sums it, {@code avg /= steps} and
 * {@code d = d * d} in a sample's iteration, an int counter bumped twice, and a local written again
 * inside a branch after a plain reassignment (which keeps its name).
 */
public final class Reassigned {
    private Reassigned() {}

    @Grad
    static double meanSquare(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i];
        }
        s /= x.length;
        return s;
    }

    /** Weighted row norms, summed. */
    @Grad(wrt = {"w"})
    static double rowNorms(double[][] x, double[] w) {
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double norm = 0;
            for (int j = 0; j < w.length; j++) {
                norm += w[j] * x[i][j] * x[i][j];
            }
            norm = Math.sqrt(norm);
            total += norm;
        }
        return total;
    }

    /** A path's average, then its squared distance to a strike: the Asian payoff's shape. */
    @Grad(wrt = {"drift", "vol"})
    static double asianLike(double[][] z, double drift, double vol, double strike) {
        double total = 0;
        for (int p = 0; p < z.length; p++) {
            double avg = 0;
            for (int t = 0; t < z[p].length; t++) {
                avg += Math.exp(drift * (t + 1) + vol * z[p][t]);
            }
            avg /= z[p].length;
            double d = avg - strike;
            d = d * d;
            total += d;
        }
        total = total / z.length;
        return total;
    }

    /** An int counter bumped twice per row, scaling the row's term. */
    @Grad(wrt = {"w"})
    static double counted(double[][] x, double[] w) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            int k = i % 3;
            k = k + 1;
            double p = 0;
            for (int j = 0; j < w.length; j++) {
                p += w[j] * x[i][j];
            }
            s += k * p * p;
        }
        return s;
    }

    /** Reassigned, then written again in a branch: keeps its name (and the tape under @Jit @Grad). */
    @Grad
    static double branchAfter(double[] x, double c) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double v = x[i] * c;
            v = v + 0.5;
            if (x[i] > 0) {
                v = v * v;
            }
            s += v;
        }
        return s;
    }
}
