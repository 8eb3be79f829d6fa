package dev.jgrad.tests.nulls;

import dev.jgrad.Grad;
import dev.jgrad.Hessian;
import dev.jgrad.Jit;
import dev.jgrad.Jvp;
import java.util.Objects;

/** Methods that check their arrays against null, with {@code @Grad} alone and with {@code @Jit @Grad}. */
final class NullInputs {
    private NullInputs() {}

    @Grad
    static double required(double[] x, double[] w) {
        Objects.requireNonNull(x);
        Objects.requireNonNull(w, "w must not be null");
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += w[i] * x[i] * x[i];
        }
        return s;
    }

    @Jit @Grad(wrt = {"w"})
    static double checked(double[][] x, double[] w) {
        if (x == null || w == null) {
            throw new IllegalArgumentException("null input");
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != null) {
                double d = 0;
                for (int j = 0; j < w.length; j++) {
                    d += w[j] * x[i][j];
                }
                s += d * d;
            }
        }
        return s;
    }

    @Jvp @Hessian
    static double forward(double[] x, double[] w) {
        if (w == null) {
            throw new IllegalArgumentException("w is null");
        }
        Objects.requireNonNull(x, "x");
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += w[i] * x[i] * x[i];
        }
        return s;
    }
}
