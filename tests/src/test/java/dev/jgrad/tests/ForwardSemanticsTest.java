package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.Grad;
import dev.jgrad.Hessian;
import dev.jgrad.Jacobian;
import dev.jgrad.Jvp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Java's semantics in the forward-mode code, called as a user calls it: an exception is the one the
 * source throws when a statement holds several operations that may throw (the tangent code reorders
 * nothing that can fail), and variable arity survives where it can.
 */
class ForwardSemanticsTest {
    /** Methods whose statements read two arrays at indices that may be out of bounds. */
    static final class Shapes {
        private Shapes() {}

        /** Counts its runs into {@code stats}, then throws when the sum of cubes diverges. */
        @Hessian(wrt = "w")
        static double countedLoss(double[] w, double[] stats) {
            double s = 0;
            for (int i = 0; i < w.length; i++) {
                s += w[i] * w[i] * w[i];
            }
            stats[0] += 1;
            if (s > 1e6) {
                throw new IllegalArgumentException("diverged: " + s);
            }
            return s;
        }

        /** Counts its runs into {@code calls}, then throws when the first output diverges. */
        @Jacobian(wrt = "x")
        static double[] countedMap(double[] x, double[] calls) {
            calls[0] += 1;
            double[] out = {x[0] * x[1], x[1] + x[2]};
            if (out[0] > 100) {
                throw new IllegalStateException("diverged");
            }
            return out;
        }

        /** The primal goes first as written: a[i] is read before b[j]. */
        @Jvp
        static double product(double[] a, double[] b, int i, int j) {
            double z = 0;
            z += a[i] * b[j];
            return z;
        }

        /** exp reads its result: the reads are bound to temporaries in the source's order. */
        @Jvp
        static double exponential(double[] a, double[] b, int i, int j) {
            double z = 1;
            z = z * Math.exp(a[i] * b[j]);
            return z;
        }

        /** An element written from two elements: an array store after its value. */
        @Jvp @Jacobian(wrt = "a")
        static double[] store(double[] a, int i, int j) {
            double[] r = new double[2];
            r[i] = a[i] * a[j];
            return r;
        }

        /** Always throws: the generated methods throw the same, and compile (no return after a throw). */
        @Jvp @Hessian
        static double fails(double x) {
            throw new IllegalArgumentException("no " + x);
        }

        @Jvp @Jacobian
        static double[] failsToo(double x) {
            if (x > 0) {
                throw new IllegalStateException("positive");
            }
            throw new IllegalArgumentException("not positive");
        }

        /** A count returned from a double method: widened, its tangent zero. */
        @Jvp @Hessian
        static double positives(double[] x) {
            int c = 0;
            for (double v : x) {
                if (v > 0) {
                    c++;
                }
            }
            return c;
        }

        @Jvp @Hessian
        static double rounded(double x) {
            return Math.round(x);
        }

        /** @Jit too: every path throws, and the fast version throws the same. */
        @dev.jgrad.Jit
        static double stub(double x) {
            if (x > 0) {
                throw new IllegalStateException("positive " + x);
            } else {
                throw new IllegalArgumentException("not positive " + x);
            }
        }

        /** pow with an active exponent: at exponent 0 the Hessian's cross term is 1/y. */
        @Grad @Hessian
        static double powExponent(double x, double y) {
            return Math.pow(y, x);
        }

        /** A Box-Cox sum, whose lambda usually starts at 0. */
        @Grad @Hessian
        static double boxCox(double lambda, double c) {
            double s = 0;
            for (int i = 1; i <= 5; i++) {
                double xi = i + c;
                s += (Math.pow(xi, lambda) - 1) * xi;
            }
            return s;
        }

        @Hessian
        static double sumSquares(double... xs) {
            double s = 0;
            for (double x : xs) {
                s += x * x;
            }
            return s;
        }
    }

    private static void sameException(Executable source, Executable generated) {
        Throwable expected = assertThrows(Throwable.class, source);
        Throwable actual = assertThrows(Throwable.class, generated);
        assertEquals(expected.getClass(), actual.getClass());
        assertEquals(expected.getMessage(), actual.getMessage());
    }

    @Test
    void theFirstReadThatFailsThrows() {
        double[] a = {1, 2};
        double[] b = {3, 4, 5};
        double[] da = {1, 0};
        double[] db = {0, 1, 0};
        sameException(() -> Shapes.product(a, b, 5, 7), () -> ForwardSemanticsTest_ShapesJvp.product(a, b, 5, 7, da, db));
        sameException(() -> Shapes.product(a, b, 1, 7), () -> ForwardSemanticsTest_ShapesJvp.product(a, b, 1, 7, da, db));
        sameException(() -> Shapes.exponential(a, b, 5, 7),
                () -> ForwardSemanticsTest_ShapesJvp.exponential(a, b, 5, 7, da, db));
        sameException(() -> Shapes.exponential(a, b, 0, 7),
                () -> ForwardSemanticsTest_ShapesJvp.exponential(a, b, 0, 7, da, db));
        sameException(() -> Shapes.store(a, 0, 9), () -> ForwardSemanticsTest_ShapesJvp.store(a, 0, 9, da));
        sameException(() -> Shapes.store(new double[3], 2, 1),
                () -> ForwardSemanticsTest_ShapesJvp.store(new double[3], 2, 1, new double[3]));
        sameException(() -> Shapes.store(new double[3], 2, 1), () -> ForwardSemanticsTest_ShapesJacobian.store(new double[3], 2, 1));
        assertEquals(6.0, ForwardSemanticsTest_ShapesJvp.product(a, b, 1, 0, da, db).value());
    }

    /**
     * A full Hessian or a Jacobian runs the method several times, all but one on copies of the arrays it writes;
     * when it throws, the caller's arrays are still left as the source leaves them (they were left unwritten:
     * the run that threw was the first, on copies; a newcomer trial).
     */
    @Test
    void aThrowingRunLeavesTheCallersArraysAsTheSourceDoes() {
        double[] stats = {0};
        assertThrows(IllegalArgumentException.class,
                () -> ForwardSemanticsTest_ShapesHessian.countedLoss(new double[] {200, 1, 1}, stats));
        assertArrayEquals(new double[] {1}, stats);
        double[] ok = {0};
        ForwardSemanticsTest_ShapesHessian.countedLoss(new double[] {0.5, 1.5, -0.7}, ok);
        assertArrayEquals(new double[] {1}, ok);

        double[] calls = {0};
        assertThrows(IllegalStateException.class,
                () -> ForwardSemanticsTest_ShapesJacobian.countedMap(new double[] {20, 10, 1}, calls));
        assertArrayEquals(new double[] {1}, calls);
        double[] fine = {0};
        ForwardSemanticsTest_ShapesJacobian.countedMap(new double[] {2, 1, 1}, fine);
        assertArrayEquals(new double[] {1}, fine);
    }

    @Test
    void aMethodThatAlwaysThrowsThrowsTheSame() {
        sameException(() -> Shapes.fails(1), () -> ForwardSemanticsTest_ShapesJvp.fails(1, 1));
        sameException(() -> Shapes.fails(1), () -> ForwardSemanticsTest_ShapesHessian.fails(1));
        sameException(() -> Shapes.fails(1), () -> ForwardSemanticsTest_ShapesHessian.failsHvp(1, new double[1]));
        sameException(() -> Shapes.failsToo(1), () -> ForwardSemanticsTest_ShapesJvp.failsToo(1, 1));
        sameException(() -> Shapes.failsToo(-1), () -> ForwardSemanticsTest_ShapesJacobian.failsToo(-1));
    }

    @Test
    void aVariableArityHessianTakesSeparateArguments() {
        var h = ForwardSemanticsTest_ShapesHessian.sumSquares(1, 2);
        assertEquals(5.0, h.value());
        assertArrayEquals(new double[] {2, 4}, h.gradient());
        assertArrayEquals(new double[] {2, 0}, h.hessian()[0]);
        assertArrayEquals(new double[] {0, 2}, h.hessian()[1]);
    }

    @Test
    void anIntOrALongReturnedIsWidenedWithAZeroTangent() {
        double[] x = {1, -2, 3};
        var jvp = ForwardSemanticsTest_ShapesJvp.positives(x, new double[] {1, 1, 1});
        assertEquals(2.0, jvp.value());
        assertEquals(0.0, jvp.tangent());
        var h = ForwardSemanticsTest_ShapesHessian.positives(x);
        assertEquals(2.0, h.value());
        assertArrayEquals(new double[3], h.gradient());
        assertEquals(3.0, ForwardSemanticsTest_ShapesJvp.rounded(2.6, 1).value());
        assertEquals(0.0, ForwardSemanticsTest_ShapesJvp.rounded(2.6, 1).tangent());
        assertEquals(0.0, ForwardSemanticsTest_ShapesHessian.rounded(2.6).hessian()[0][0]);
    }

    @Test
    void aJitMethodThatAlwaysThrowsThrowsTheSame() {
        sameException(() -> Shapes.stub(1), () -> ForwardSemanticsTest_ShapesJit.stub(1));
        sameException(() -> Shapes.stub(-1), () -> ForwardSemanticsTest_ShapesJit.stub(-1));
    }

    @Test
    void powAtExponentZeroHasTheHessianOfItsFormula() throws Exception {
        // d2/dx dy y^x = y^(x-1) (1 + x log y): 1/y at x = 0
        double[][] h = ForwardSemanticsTest_ShapesHessian.powExponent(0, 2).hessian();
        assertEquals(0.5, h[0][1], 1e-15);
        assertEquals(0.5, h[1][0], 1e-15);
        assertEquals(Math.log(2) * Math.log(2), h[0][0], 1e-15);
        assertArrayEquals(new double[] {0.5, 0}, ForwardSemanticsTest_ShapesHessian.powExponentHvp(0, 2, new double[] {0, 1}).hvp(), 1e-15);
        double[] at = {0, 0.5};
        double[][] box = ForwardSemanticsTest_ShapesHessian.boxCox(at[0], at[1]).hessian();
        for (int j = 0; j < 2; j++) {
            double[] column = SecondDerivatives.column(x -> {
                var g = ForwardSemanticsTest_ShapesGrad.boxCox(x[0], x[1]);
                return new double[] {g.lambda(), g.c()};
            }, at, j);
            for (int i = 0; i < 2; i++) {
                assertEquals(column[i], box[i][j], 1e-6 * Math.max(1, Math.abs(column[i])), "H[" + i + "][" + j + "]");
            }
        }
    }
}
