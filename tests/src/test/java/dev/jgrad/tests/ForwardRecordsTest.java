package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.GradCheck;
import dev.jgrad.Hessian;
import dev.jgrad.Jacobian;
import dev.jgrad.Jvp;
import org.junit.jupiter.api.Test;

/**
 * Records of parameters under the forward modes, called as a user calls them: {@code CJvp.f} takes a
 * record of the parameter's type as its tangent (its int and boolean components ignored), and the flat
 * vectors of {@code CHessian} and {@code CJacobian} cover a record's double and double[] components in
 * order, nested records depth first; each checked against finite differences of the source.
 */
class ForwardRecordsTest {
    /** A layer's weights with components that carry no derivative. */
    record Weights(double[] w, double b, int n, boolean squared) {}

    /** Nested: the weights, then a scale. */
    record Net(Weights first, double scale) {}

    static final class Models {
        private Models() {}

        @Jvp(wrt = "p")
        @Hessian(wrt = "p")
        static double loss(Net p, double[] x) {
            double s = 0;
            for (int i = 0; i < p.first().n(); i++) {
                double z = Math.tanh(p.first().w()[i] * x[i] + p.first().b());
                s += p.first().squared() ? z * z : z;
            }
            return s * p.scale() + p.scale() * p.scale();
        }

        /** Writes into the record's array: the full Hessian's runs but one get a new record holding a copy. */
        @Hessian
        static double scaled(Weights p, double c) {
            double s = 0;
            for (int i = 0; i < p.w().length; i++) {
                p.w()[i] *= c;
                s += p.w()[i] * p.w()[i];
            }
            return s + p.b() * c;
        }

        /** Writes into the record's array and reads another: the entry check names the leaf as the body reads it. */
        @Jvp
        static double shifted(Weights p, double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                p.w()[i] += x[i];
                s += p.w()[i] * x[i];
            }
            return s;
        }

        @Jvp
        @Jacobian
        static double[] affine(Weights p, double c) {
            double[] r = new double[p.w().length];
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.sin(p.w()[i] * c) + p.b() * p.b();
            }
            return r;
        }
    }

    private static final double[] X = {0.3, -1.2, 0.7};

    /** The flat vector of a {@code Net}: w, b, scale (n and squared taken from {@code like}). */
    private static Net net(double[] v, Net like) {
        return new Net(new Weights(new double[] {v[0], v[1], v[2]}, v[3], like.first().n(), like.first().squared()),
                v[4]);
    }

    private static final Net P = new Net(new Weights(new double[] {0.5, -0.4, 1.1}, 0.2, 3, true), 1.3);
    private static final double[] P0 = {0.5, -0.4, 1.1, 0.2, 1.3};

    @Test
    void theTangentOfARecordIsARecordOfItsType() {
        // the direction's int and boolean components are not read: nonsense there changes nothing
        Net dot = new Net(new Weights(new double[] {1, -2, 0.5}, 0.7, -99, false), -0.3);
        double[] u = {1, -2, 0.5, 0.7, -0.3};
        ForwardRecordsTest_ModelsJvp.LossJvp r = ForwardRecordsTest_ModelsJvp.loss(P, X, dot);
        assertEquals(Double.doubleToLongBits(Models.loss(P, X)), Double.doubleToLongBits(r.value()));
        double numeric = GradCheck.directional(v -> Models.loss(net(v, P), X), P0, u);
        assertEquals(numeric, r.tangent(), 1e-7 * Math.abs(numeric));
    }

    @Test
    void theHessianCoversTheRecordsLeavesInOrder() {
        ForwardRecordsTest_ModelsHessian.LossHessian h = ForwardRecordsTest_ModelsHessian.loss(P, X);
        double[] g = GradCheck.numericGradient(v -> Models.loss(net(v, P), X), P0);
        assertEquals(5, h.gradient().length);
        for (int i = 0; i < 5; i++) {
            assertEquals(g[i], h.gradient()[i], 1e-7 * (1 + Math.abs(g[i])), "gradient " + i);
        }
        for (int j = 0; j < 5; j++) {
            final int column = j;
            // column j: finite differences of the i-th gradient entry of the source in entry j
            for (int i = 0; i < 5; i++) {
                final int row = i;
                double[] d = GradCheck.numericGradient(v -> GradCheck.numericGradient(
                        w -> Models.loss(net(w, P), X), v)[row], P0);
                assertEquals(d[column], h.hessian()[i][j], 1e-4 * (1 + Math.abs(d[column])), "hessian " + i + " " + j);
            }
        }
        double[] v = {0.1, 0.2, -0.3, 0.4, -0.5};
        ForwardRecordsTest_ModelsHessian.LossHvp p = ForwardRecordsTest_ModelsHessian.lossHvp(P, X, v);
        for (int i = 0; i < 5; i++) {
            double hv = 0;
            for (int j = 0; j < 5; j++) {
                hv += h.hessian()[i][j] * v[j];
            }
            assertEquals(hv, p.hvp()[i], 1e-12 * (1 + Math.abs(hv)));
        }
    }

    @Test
    void theJacobianAndTheJvpOfARecordAndADouble() {
        Weights p = new Weights(new double[] {0.5, -0.4, 1.1}, 0.2, 7, true);
        double c = 0.8;
        // entries: w[0], w[1], w[2], b, then c
        double[] x0 = {0.5, -0.4, 1.1, 0.2, 0.8};
        ForwardRecordsTest_ModelsJacobian.AffineJacobian j = ForwardRecordsTest_ModelsJacobian.affine(p, c);
        assertArrayEquals(Models.affine(p, c), j.value());
        assertEquals(3, j.jacobian().length);
        for (int i = 0; i < 3; i++) {
            final int out = i;
            double[] row = GradCheck.numericGradient(v -> Models.affine(new Weights(new double[] {v[0], v[1], v[2]}, v[3],
                    7, true), v[4])[out], x0);
            assertEquals(5, j.jacobian()[i].length);
            for (int k = 0; k < 5; k++) {
                assertEquals(row[k], j.jacobian()[i][k], 1e-7 * (1 + Math.abs(row[k])), "jacobian " + i + " " + k);
            }
        }
        Weights dot = new Weights(new double[] {1, 0, -1}, 2, 0, false);
        ForwardRecordsTest_ModelsJvp.AffineJvp r = ForwardRecordsTest_ModelsJvp.affine(p, c, dot, 0.5);
        double[] u = {1, 0, -1, 2, 0.5};
        for (int i = 0; i < 3; i++) {
            double ju = 0;
            for (int k = 0; k < 5; k++) {
                ju += j.jacobian()[i][k] * u[k];
            }
            assertTrue(Math.abs(ju - r.tangent()[i]) <= 1e-12 * (1 + Math.abs(ju)), "tangent " + i);
        }
    }

    @Test
    void aRecordWrittenIntoEndsAsOneRunLeavesIt() {
        double[] w = {0.5, -0.4, 1.1};
        Weights p = new Weights(w, 0.2, 0, false);
        ForwardRecordsTest_ModelsHessian.ScaledHessian h = ForwardRecordsTest_ModelsHessian.scaled(p, 1.5);
        assertArrayEquals(new double[] {0.75, -0.6, 1.65}, w, 1e-15);
        assertEquals(Models.scaled(new Weights(new double[] {0.5, -0.4, 1.1}, 0.2, 0, false), 1.5), h.value());
        // entries w[0..2], b, c: d2/dw_i dc = 4 c w_i, d2/dc2 = 2 sum w_i^2, d2/db dc = 1
        double[] w0 = {0.5, -0.4, 1.1};
        double c = 1.5;
        double[][] expected = new double[5][5];
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            expected[i][i] = 2 * c * c;
            expected[i][4] = 4 * c * w0[i];
            expected[4][i] = 4 * c * w0[i];
            sum += w0[i] * w0[i];
        }
        expected[3][4] = 1;
        expected[4][3] = 1;
        expected[4][4] = 2 * sum;
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(expected[i], h.hessian()[i], 1e-12, "row " + i);
        }
    }

    @Test
    void anArraySharedWithARecordIsRejectedNamingTheComponent() {
        double[] w = {0.5, -0.4, 1.1};
        Weights p = new Weights(w, 0.2, 0, false);
        Weights dot = new Weights(new double[3], 0, 0, false);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ForwardRecordsTest_ModelsJvp.shifted(p, w, dot, new double[3]));
        assertTrue(e.getMessage().contains("p.w()"), e.getMessage());
        assertTrue(e.getMessage().contains("x"), e.getMessage());
    }
}
