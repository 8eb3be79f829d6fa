package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.GradCheck;
import dev.jgrad.examples.Newton.Dataset;
import dev.jgrad.examples.Newton.Result;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The example's promises on smaller sizes: Newton with the full Hessian and Newton-CG with Hessian-vector
 * products both drive the gradient norm below 1e-8, Newton quadratically, and the two reach the same
 * minimum; {@code lossHvp} is {@code hessian . v}.
 */
class NewtonTest {
    @Test
    void newtonConvergesQuadratically() {
        Dataset data = Newton.makeData(Newton.SEED, Newton.SMALL_N, Newton.SMALL_D);
        Result r = Newton.newton(data, Newton.SMALL_LAMBDA, 50, null);
        assertTrue(r.gradientNorm() < 1e-8, "gradient norm " + r.gradientNorm());
        assertTrue(r.steps().size() <= 10, r.steps().size() + " iterations");
        // quadratic: on the last step the number of correct digits (-log10 |g|) goes up by at least 1.6 times
        int last = r.steps().size() - 1;
        double before = r.steps().get(last).gradientNorm();
        assertTrue(before < 1e-3, "last step from gradient norm " + before);
        assertTrue(Math.log(r.gradientNorm()) / Math.log(before) > 1.6, r.gradientNorm() + " after " + before);
    }

    @Test
    void newtonCgReachesTheSameMinimum() {
        Dataset data = Newton.makeData(3, 300, 1_000);
        Result cg = Newton.newtonCg(data, Newton.LARGE_LAMBDA, 50, 500, null);
        assertTrue(cg.gradientNorm() < 1e-8, "gradient norm " + cg.gradientNorm());
        assertTrue(cg.cgSteps() > 0);
        Dataset small = Newton.makeData(Newton.SEED, Newton.SMALL_N, Newton.SMALL_D);
        Result full = Newton.newton(small, Newton.SMALL_LAMBDA, 50, null);
        Result viaCg = Newton.newtonCg(small, Newton.SMALL_LAMBDA, 50, 500, null);
        assertTrue(viaCg.gradientNorm() < 1e-8, "gradient norm " + viaCg.gradientNorm());
        assertEquals(full.loss(), viaCg.loss(), 1e-14);
        for (int j = 0; j < full.w().length; j++) {
            assertEquals(full.w()[j], viaCg.w()[j], 1e-7, "w[" + j + "]");
        }
    }

    @Test
    void hvpIsHessianTimesVector() {
        Dataset data = Newton.makeData(5, 40, 6);
        Random rng = new Random(1);
        double[] w = new double[6];
        double[] v = new double[6];
        for (int j = 0; j < 6; j++) {
            w[j] = rng.nextGaussian();
            v[j] = rng.nextGaussian();
        }
        NewtonHessian.LossHessian h = NewtonHessian.loss(w, data.x(), data.y(), 0.1);
        NewtonHessian.LossHvp hvp = NewtonHessian.lossHvp(w, data.x(), data.y(), 0.1, v);
        assertEquals(Newton.loss(w, data.x(), data.y(), 0.1), hvp.value());
        for (int i = 0; i < 6; i++) {
            double expected = 0;
            for (int j = 0; j < 6; j++) {
                expected += h.hessian()[i][j] * v[j];
                assertEquals(h.hessian()[i][j], h.hessian()[j][i]);
            }
            assertEquals(expected, hvp.hvp()[i], 1e-12 * (1 + Math.abs(expected)), "hvp[" + i + "]");
            assertEquals(h.gradient()[i], hvp.gradient()[i], 1e-14);
        }
        // the Hessian of this loss in closed form: X^T diag(s (1 - s)) X / n + lambda I
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                double expected = i == j ? 0.1 : 0;
                for (int r = 0; r < data.x().length; r++) {
                    double z = Newton.dot(w, data.x()[r]);
                    double s = 1 / (1 + Math.exp(-z));
                    expected += s * (1 - s) * data.x()[r][i] * data.x()[r][j] / data.x().length;
                }
                assertEquals(expected, h.hessian()[i][j], 1e-12, "H[" + i + "][" + j + "]");
            }
        }
        GradCheck.check(Newton.class, "loss", w, data.x(), data.y(), 0.1).orThrow();
    }
}
