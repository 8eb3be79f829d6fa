package dev.jgrad.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hipparchus.analysis.differentiation.DSFactory;
import org.junit.jupiter.api.Test;

/**
 * The rows of {@link ForwardBench} compute the same thing: {@code @Jvp} is the gradient along the direction,
 * {@code fHvp} is the Hessian times it, the full Hessian is {@code DerivativeStructure}'s and the closed form,
 * and the {@code @Jacobian} is the closed form, at every benchmarked shape (so in both of its modes).
 */
class ForwardWorkloadsTest {
    @Test
    void scalarRowsAgree() {
        for (int n : new int[] {10, 50}) {
            ForwardWorkloads.Scalar d = ForwardWorkloads.Scalar.make(n, BenchData.SEED);
            double f = ForwardWorkloads.logistic(d.w(), d.x(), d.y(), d.lambda());
            ForwardWorkloadsGrad.LogisticGradient g = ForwardWorkloadsGrad.logistic(d.w(), d.x(), d.y(), d.lambda());
            ForwardWorkloadsJvp.LogisticJvp jvp =
                    ForwardWorkloadsJvp.logistic(d.w(), d.x(), d.y(), d.lambda(), d.direction());
            ForwardWorkloadsHessian.LogisticHvp hvp =
                    ForwardWorkloadsHessian.logisticHvp(d.w(), d.x(), d.y(), d.lambda(), d.direction());
            ForwardWorkloadsHessian.LogisticHessian h =
                    ForwardWorkloadsHessian.logistic(d.w(), d.x(), d.y(), d.lambda());
            double[][] ds = ForwardWorkloads.logisticHessianDs(new DSFactory(n, 2), d.w(), d.x(), d.y(), d.lambda());
            assertEquals(f, jvp.value(), 0.0);
            assertEquals(f, h.value(), 0.0);
            assertEquals(BenchData.dot(g.w(), d.direction()), jvp.tangent(), 1e-12);
            for (int a = 0; a < n; a++) {
                assertEquals(g.w()[a], h.gradient()[a], 1e-14);
                double hv = 0;
                for (int b = 0; b < n; b++) {
                    hv += h.hessian()[a][b] * d.direction()[b];
                    double exact = a == b ? d.lambda() : 0;
                    for (int i = 0; i < d.x().length; i++) {
                        double s = 1 / (1 + Math.exp(-BenchData.dot(d.w(), d.x()[i])));
                        exact += s * (1 - s) * d.x()[i][a] * d.x()[i][b] / d.x().length;
                    }
                    assertEquals(exact, h.hessian()[a][b], 1e-13, "H[" + a + "][" + b + "], n = " + n);
                    assertEquals(exact, ds[a][b], 1e-13, "DerivativeStructure H[" + a + "][" + b + "], n = " + n);
                }
                assertEquals(hv, hvp.hvp()[a], 1e-12, "hvp[" + a + "], n = " + n);
            }
        }
    }

    @Test
    void jacobianRowsAgree() {
        for (String shape : new String[] {"200x4", "50x50", "10x100"}) {
            int[] mn = BenchData.dims(shape);
            ForwardWorkloads.Vector d = ForwardWorkloads.Vector.make(mn[0], mn[1], BenchData.SEED);
            ForwardWorkloadsJacobian.LayerJacobian j = ForwardWorkloadsJacobian.layer(d.p(), d.x());
            double[] value = ForwardWorkloads.layer(d.p(), d.x());
            int n = mn[1];
            for (int i = 0; i < mn[0]; i++) {
                assertEquals(value[i], j.value()[i], 0.0);
                double t = Math.tanh(BenchData.dot(d.p(), d.x()[i]));
                for (int k = 0; k < n; k++) {
                    double exact = (1 - t * t) * d.x()[i][k];
                    if (k == 0) {
                        exact += d.p()[i % n];
                    }
                    if (k == i % n) {
                        exact += d.p()[0];
                    }
                    assertEquals(exact, j.jacobian()[i][k], 1e-14, shape + " J[" + i + "][" + k + "]");
                }
            }
        }
    }
}
