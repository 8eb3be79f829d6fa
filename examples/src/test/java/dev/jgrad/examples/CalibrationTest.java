package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.examples.Calibration.Data;
import dev.jgrad.examples.Calibration.Route;
import java.util.Random;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.junit.jupiter.api.Test;

/**
 * The example's promises: Levenberg-Marquardt fed jgrad's Jacobian recovers the parameters that made the
 * data (to what the noise allows), and takes the same iterations, within one, and reaches the same point as
 * when fed finite differences or {@code DerivativeStructure}; the Jacobians agree.
 */
class CalibrationTest {
    @Test
    void recoversTheParametersInTheSameIterations() {
        Data data = Calibration.makeData(Calibration.SEED, Calibration.POINTS, Calibration.NOISE);
        Optimum jgrad = Calibration.fit(data, Route.JGRAD);
        double[] p = jgrad.getPoint().toArray();
        for (int k = 0; k < 4; k++) {
            assertEquals(Calibration.TRUE[k], p[k], 0.05, "parameter " + k);
        }
        // the RMS residual is the noise's standard deviation
        assertEquals(Calibration.NOISE, jgrad.getRMS(), 0.01);
        for (Route other : new Route[] {Route.FINITE_DIFFERENCES, Route.DERIVATIVE_STRUCTURE}) {
            Optimum o = Calibration.fit(data, other);
            assertTrue(Math.abs(o.getIterations() - jgrad.getIterations()) <= 1,
                    other + ": " + o.getIterations() + " iterations, jgrad " + jgrad.getIterations());
            double[] q = o.getPoint().toArray();
            for (int k = 0; k < 4; k++) {
                assertEquals(p[k], q[k], 1e-6, other + " parameter " + k);
            }
        }
    }

    @Test
    void jacobiansAgree() {
        Random rng = new Random(3);
        double[] t = new double[30];
        for (int i = 0; i < t.length; i++) {
            t[i] = 10 * rng.nextDouble();
        }
        double[] p = {1.7, 0.4, -0.9, 2.2};
        double[][] jgrad = Calibration.jacobian(Route.JGRAD, p, t);
        double[][] ds = Calibration.jacobian(Route.DERIVATIVE_STRUCTURE, p, t);
        double[][] fd = Calibration.jacobian(Route.FINITE_DIFFERENCES, p, t);
        assertEquals(t.length, jgrad.length);
        assertTrue(Calibration.maxDifference(jgrad, ds) < 1e-13, "vs DerivativeStructure");
        assertTrue(Calibration.maxDifference(jgrad, fd) < 1e-7, "vs finite differences");
        assertEquals(Calibration.curve(p, t)[5], CalibrationJacobian.curve(p, t).value()[5]);
    }
}
