package dev.jgrad.tests.tables;

import dev.jgrad.Grad;
import dev.jgrad.Hessian;
import dev.jgrad.Jacobian;
import dev.jgrad.Jit;
import dev.jgrad.Jvp;

/**
 * Constant tables where an active array is also possible, in every mode: {@code @Grad}, {@code @Jvp},
 * {@code @Hessian}, {@code @Jit @Grad}, {@code @Jacobian}. {@link TableModesTest} checks that no
 * generated method writes into a table.
 */
final class TableModes {
    private TableModes() {}

    static final double[] T = {1.0, 2.0, 3.0};
    static final double[][] M = {{1.0, 2.0}, {3.0, 4.0}, {5.0, 6.0}};
    static final double[] ZERO = {0.0, 0.0, 0.0};

    @Grad @Jvp @Hessian
    static double choice(double[] x) {
        double[] t = x[0] > 0 ? x : T;
        return t[1] * x[1] + t[2] * t[2];
    }

    @Grad @Jvp @Hessian
    static double forEach(double[] x) {
        double s = 0;
        for (double v : x[0] > 0 ? x : T) {
            s += v * x[1];
        }
        return s * s;
    }

    @Grad @Jvp @Hessian
    static double reassigned(double[] x) {
        double[] t = x;
        if (x[0] < 0) {
            t = T;
        }
        return (x[0] > 0 ? x : T)[1] * t[1] * x[2];
    }

    @Grad @Jvp @Hessian
    static double rows(double[][] x, int k) {
        double s = 0;
        for (int i = 0; i < M.length; i++) {
            double[] r = i < k ? x[i] : M[i];
            s += r[0] * r[1];
        }
        return s;
    }

    @Jit @Grad @Jvp @Hessian
    static double fusedChoice(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double[] r = x[0] > 0 ? x : T;
            s += r[i] * x[i];
        }
        return s;
    }

    @Jit @Grad @Jvp @Hessian
    static double fusedRows(double[][] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double[] r = x[i][0] > 0 ? x[i] : M[i];
            s += r[0] * r[1] * x[i][1];
        }
        return s;
    }

    @Jacobian
    static double[] tableOnOnePath(double[] x) {
        if (x[0] > 10) {
            return ZERO;
        }
        double[] r = {x[0] * x[1], x[1], x[2]};
        return r;
    }

    @Jacobian
    static double[] chosen(double[] x) {
        double[] r = x[0] > 0 ? x : T;
        return r;
    }
}
