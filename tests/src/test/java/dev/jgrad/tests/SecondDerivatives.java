package dev.jgrad.tests;

import dev.jgrad.GradCheck;

/**
 * What {@link HessianCorpusTest} and the fuzzer's {@code HessianCheck} both check of a {@code @Hessian}
 * method (issue 15), over the flat vector of its wrt entries: a column of the Hessian from central
 * differences of a gradient, exact symmetry, {@code hessian . v} with the magnitude of its terms,
 * and the relative difference of two gradients.
 */
public final class SecondDerivatives {
    private SecondDerivatives() {}

    /** A gradient as a function of the flat wrt vector (for example {@code @Grad}'s, written into copies of the arguments). */
    @FunctionalInterface
    public interface FlatGradient {
        double[] at(double[] x) throws Exception;
    }

    /** Column {@code j} of the Hessian: Richardson-extrapolated central differences of {@code g} with the default step. */
    public static double[] column(FlatGradient g, double[] x0, int j) throws Exception {
        return column(g, x0, j, GradCheck.DEFAULT_RELATIVE_STEP * Math.max(1, Math.abs(x0[j])));
    }

    /** The same with steps {@code h} and {@code h / 2}. */
    public static double[] column(FlatGradient g, double[] x0, int j, double h) throws Exception {
        double[] d1 = central(g, x0, j, h);
        double[] d2 = central(g, x0, j, h / 2);
        double[] out = new double[d1.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (4 * d2[i] - d1[i]) / 3;
        }
        return out;
    }

    private static double[] central(FlatGradient g, double[] x0, int j, double h) throws Exception {
        double[] plus = x0.clone();
        plus[j] += h;
        double[] minus = x0.clone();
        minus[j] -= h;
        double[] gp = g.at(plus);
        double[] gm = g.at(minus);
        double[] out = new double[gp.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (gp[i] - gm[i]) / (plus[j] - minus[j]);
        }
        return out;
    }

    /** Null if {@code h} is {@code n} by {@code n} and symmetric bit for bit; else where it is not. */
    public static String asymmetry(double[][] h, int n) {
        if (h.length != n) {
            return "the Hessian has " + h.length + " rows for " + n + " entries";
        }
        for (int i = 0; i < n; i++) {
            if (h[i] == null || h[i].length != n) {
                return "row " + i + " of the Hessian has " + (h[i] == null ? "null" : h[i].length + " entries");
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (Double.doubleToRawLongBits(h[i][j]) != Double.doubleToRawLongBits(h[j][i])
                        && !(Double.isNaN(h[i][j]) && Double.isNaN(h[j][i]))) {
                    return "hessian[" + i + "][" + j + "] = " + h[i][j] + " but hessian[" + j + "][" + i + "] = " + h[j][i];
                }
            }
        }
        return null;
    }

    /** {@code hessian . v}, and for each entry the sum of its terms' magnitudes, which bounds its rounding. */
    public record Product(double[] hv, double[] abs, double absMax) {
        /**
         * The difference of {@code got[i]} from {@code hv[i]} relative to {@code abs[i] + 1e-3 absMax}
         * (the Hessian is symmetrised, the product {@code fHvp} gives is not).
         */
        public double relativeError(double[] got, int i) {
            return Math.abs(got[i] - hv[i]) / (abs[i] + 1e-3 * absMax + Double.MIN_NORMAL);
        }
    }

    public static Product product(double[][] h, double[] v) {
        int n = v.length;
        double[] hv = new double[n];
        double[] abs = new double[n];
        double absMax = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                hv[i] += h[i][j] * v[j];
                abs[i] += Math.abs(h[i][j] * v[j]);
            }
            absMax = Math.max(absMax, abs[i]);
        }
        return new Product(hv, abs, absMax);
    }

    /**
     * For each entry, {@code |actual - expected|} relative to {@code |expected| + 1e-3 max|expected|}:
     * two gradients from different code (reverse mode, and the reverse mode of the tangent code).
     */
    public static double[] relativeErrors(double[] actual, double[] expected) {
        double max = 0;
        for (double e : expected) {
            max = Math.max(max, Math.abs(e));
        }
        double[] out = new double[actual.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.abs(actual[i] - expected[i]) / (Math.abs(expected[i]) + 1e-3 * max + Double.MIN_NORMAL);
        }
        return out;
    }
}
