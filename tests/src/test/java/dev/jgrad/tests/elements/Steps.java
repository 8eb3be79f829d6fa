package dev.jgrad.tests.elements;

import dev.jgrad.Grad;
import dev.jgrad.Jit;

/** Elements built up in steps whose array is shorter than the loop: the store that fails must fail where the source's does. */
final class Steps {
    private Steps() {}

    /** h has m[0]'s first length, the loop runs to its second: the source fails at h[3] before it writes y[3] or divides by 0. */
    @Jit
    static double rowLength(double[] x, double[] y) {
        double[][] m = new double[2][3];
        double[] h = new double[m[0].length];
        m[0] = new double[5];
        double s = 0;
        for (int k = 0; k < m[0].length; k++) {
            h[k] = x[k];
            y[k] = 7.0;
            h[k] += 1 / (k - 3);
            s += h[k];
        }
        return s;
    }

    /** The same bound as the size, a local never assigned again: kept in a scalar, the value the source's. */
    @Jit @Grad(wrt = {"x"})
    static double sameBound(double[] x, double[] y) {
        int n = x.length;
        double[] h = new double[n];
        double s = 0;
        for (int k = 0; k < n; k++) {
            h[k] = x[k];
            y[k] = 7.0;
            h[k] += 0.5 * h[k] * h[k];
            s += h[k];
        }
        return s;
    }
}
