package dev.jgrad.tests.shadow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The generated classes of {@link Shadowed} call java.lang's {@code Math}, read java.lang's
 * {@code Double} and throw java.lang's {@code IllegalArgumentException}, though the package declares
 * its own: values bit for bit those of the source ({@code @Jit}'s within its tolerance), gradients
 * those of java.lang's functions.
 */
class ShadowedNamesTest {
    private static final double[] W = {0.5, -0.25};
    private static final double[][] X = {{1, 2}, {-3, 0.5}, {0.25, -1}};

    @Test
    void valuesAreTheSourcesBitForBit() {
        for (double x : new double[] {-1.5, 0.3, 2}) {
            assertEquals(Shadowed.f(x), ShadowedGrad.f(x).value());
            assertEquals(Shadowed.f(x), ShadowedJit.f(x), 1e-12);
            assertEquals(java.lang.Math.exp(x) + java.lang.Math.cos(x), ShadowedGrad.f(x).x());
        }
        assertEquals(Shadowed.maxOf(W, X), ShadowedGrad.maxOf(W, X).value());
        assertEquals(Shadowed.maxOf(W, X), ShadowedJit.maxOf(W, X), 1e-12);
        double[] y = {1, 2, 3};
        assertEquals(Shadowed.mse(W, 0.5, X, y), ShadowedGrad.mse(W, 0.5, X, y).value());
        assertEquals(Shadowed.mse(W, 0.5, X, y), ShadowedJit.mse(W, 0.5, X, y), 1e-12);
        assertEquals(Shadowed.g(0.5, 2), ShadowedGrad.g(0.5, 2).value());
        assertEquals(Shadowed.g(0.5, 2), ShadowedHessian.g(0.5, 2).value());
        assertEquals(Shadowed.g(0.5, 2), ShadowedJvp.g(0.5, 2, 1, 0).value());
        double[] v = {-1, -2, 0.5};
        assertEquals(Shadowed.softMax(v), ShadowedGrad.softMax(v).value());
        assertEquals(Shadowed.softMax(v), ShadowedHessian.softMax(v).value());
        double[] a = {1, 2};
        double[] b = {3, 4};
        assertEquals(Shadowed.scaled(a.clone(), b), ShadowedGrad.scaled(a, b).value());
    }

    @Test
    void gradientsAreThoseOfJavaLangsFunctions() {
        double x = 0.5;
        double y = 2;
        ShadowedGrad.GGradient g = ShadowedGrad.g(x, y);
        assertEquals(central(h -> Shadowed.g(x + h, y)), g.x(), 1e-6);
        assertEquals(central(h -> Shadowed.g(x, y + h)), g.y(), 1e-6);
        assertArrayEquals(new double[] {g.x(), g.y()}, ShadowedHessian.g(x, y).gradient());
        assertEquals(g.x(), ShadowedJvp.g(x, y, 1, 0).tangent());
        // the max's gradient: the row whose tanh is the largest
        double[] w = ShadowedGrad.maxOf(W, X).w();
        for (int k = 0; k < W.length; k++) {
            int at = k;
            assertEquals(central(h -> {
                double[] moved = W.clone();
                moved[at] += h;
                return Shadowed.maxOf(moved, X);
            }), w[k], 1e-6);
        }
        double[] v = {-1, -2, 0.5};
        double[] s = ShadowedGrad.softMax(v).v();
        for (int k = 0; k < v.length; k++) {
            int at = k;
            assertEquals(central(h -> {
                double[] moved = v.clone();
                moved[at] += h;
                return Shadowed.softMax(moved);
            }), s[k], 1e-6);
        }
    }

    @Test
    void shapeChecksThrowJavaLangsException() {
        double[][] ragged = {{1, 2}, {3}, {5, 6}};
        double[] y = {1, 2, 3};
        Throwable source = assertThrows(RuntimeException.class, () -> Shadowed.mse(W, 0.5, ragged, y));
        Throwable grad = assertThrows(RuntimeException.class, () -> ShadowedGrad.mse(W, 0.5, ragged, y));
        Throwable jit = assertThrows(RuntimeException.class, () -> ShadowedJit.mse(W, 0.5, ragged, y));
        assertEquals(java.lang.IllegalArgumentException.class, source.getClass());
        assertEquals(source.getClass(), grad.getClass(), grad.toString());
        assertEquals(source.getClass(), jit.getClass(), jit.toString());
        double[] a = {1, 2};
        Throwable alias = assertThrows(RuntimeException.class, () -> ShadowedGrad.scaled(a, a));
        assertEquals(java.lang.IllegalArgumentException.class, alias.getClass(), alias.toString());
    }

    private static double central(java.util.function.DoubleUnaryOperator f) {
        double h = 1e-6;
        return (f.applyAsDouble(h) - f.applyAsDouble(-h)) / (2 * h);
    }
}
