package dev.jgrad.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleSupplier;

/**
 * Central differences with one Richardson extrapolation step, {@code (4 D(h/2) - D(h)) / 3}, whose
 * error is of order {@code h^4}: with {@code h = 1e-3} about 1e-12 on smooth functions, well below the
 * 1e-6 relative tolerance of the checks.
 */
final class FiniteDifferences {
    private FiniteDifferences() {}

    /** The partial derivative of {@code f} with respect to {@code a[k]}; {@code a[k]} is restored. */
    static double partial(double[] a, int k, DoubleSupplier f) {
        double x0 = a[k];
        double h = 1e-3 * Math.max(1.0, Math.abs(x0));
        double coarse = central(a, k, x0, h, f);
        double fine = central(a, k, x0, h / 2, f);
        a[k] = x0;
        return (4 * fine - coarse) / 3;
    }

    private static double central(double[] a, int k, double x0, double h, DoubleSupplier f) {
        a[k] = x0 + h;
        double plus = f.getAsDouble();
        a[k] = x0 - h;
        double minus = f.getAsDouble();
        a[k] = x0;
        return (plus - minus) / (2 * h);
    }

    /** Checks every {@code gradient[k]} against the finite difference of {@code f} in {@code a[k]}. */
    static void check(String name, double[] a, double[] gradient, DoubleSupplier f) {
        assertEquals(a.length, gradient.length, name + ": gradient length");
        for (int k = 0; k < a.length; k++) {
            assertClose(partial(a, k, f), gradient[k], name + "[" + k + "]");
        }
    }

    /** Checks a scalar parameter held in a one-element array that {@code f} reads. */
    static void check(String name, double[] holder, double gradient, DoubleSupplier f) {
        assertClose(partial(holder, 0, f), gradient, name);
    }

    /** Relative 1e-6, with an absolute floor of 1e-9 for partial derivatives that are nearly zero. */
    static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-6 * Math.abs(expected) + 1e-9, what);
    }
}
