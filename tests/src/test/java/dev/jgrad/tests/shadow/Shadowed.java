package dev.jgrad.tests.shadow;

import static dev.jgrad.Ops.add;
import static dev.jgrad.Ops.logSumExp;
import static dev.jgrad.Ops.matvec;
import static dev.jgrad.Ops.mean;
import static dev.jgrad.Ops.square;
import static dev.jgrad.Ops.sub;

import dev.jgrad.Grad;
import dev.jgrad.Hessian;
import dev.jgrad.Jit;
import dev.jgrad.Jvp;

/**
 * {@code @Grad} methods in a package that declares its own {@code Math}, {@code Double},
 * {@code IllegalArgumentException} and classes named like the runtime's: the source names
 * java.lang's with their package, and so must the generated code.
 */
public final class Shadowed {
    private Shadowed() {}

    @Jit @Grad
    public static double f(double x) {
        return java.lang.Math.exp(x) + java.lang.Math.sin(x);
    }

    @Jit @Grad(wrt = "w")
    public static double maxOf(double[] w, double[][] x) {
        double m = java.lang.Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            double z = 0;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * x[i][j];
            }
            m = java.lang.Math.max(m, java.lang.Math.tanh(z));
        }
        return m;
    }

    @Jit @Grad(wrt = {"w", "b"})
    public static double mse(double[] w, double b, double[][] x, double[] y) {
        return mean(square(sub(add(matvec(x, w), b), y)));
    }

    @Grad
    public static double scaled(double[] a, double[] b) {
        a[0] = b[0] * 2;
        return a[0] * b[1];
    }

    @Grad @Jvp @Hessian
    public static double g(double x, double y) {
        return java.lang.Math.exp(x * y) + java.lang.Math.pow(x, y) + java.lang.Math.log(y);
    }

    @Grad @Hessian
    public static double softMax(double[] v) {
        double m = java.lang.Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            m = java.lang.Math.max(m, v[i]);
        }
        return m + logSumExp(v);
    }
}
