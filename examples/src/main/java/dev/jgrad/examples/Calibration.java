package dev.jgrad.examples;

import dev.jgrad.Jacobian;
import java.io.PrintStream;
import java.util.Random;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;

/**
 * A least-squares calibration: the four parameters of the curve {@code a exp(-b t) + c sin(d t)} fitted to
 * {@value #POINTS} noisy samples with Hipparchus' {@link LevenbergMarquardtOptimizer}, which needs the
 * Jacobian of the model's values with respect to the parameters. Three ways to give it:
 *
 * <ul>
 *   <li>{@code CalibrationJacobian.curve}, written by jgrad from {@link #curve} by {@code @Jacobian}
 *       ({@value #POINTS} outputs, 4 inputs: forward mode, 4 tangent passes);
 *   <li>central finite differences of {@link #curve}, 8 evaluations, what one writes without AD;
 *   <li>Hipparchus' own {@link DerivativeStructure}: the curve written again with its operator objects.
 * </ul>
 *
 * The three fits take the same steps (the Jacobians agree to about 1e-9), so the difference is time.
 */
public final class Calibration {
    public static final long SEED = 42;
    public static final int POINTS = 200;
    public static final double NOISE = 0.05;
    /** The parameters {@code a, b, c, d} that made the data. */
    public static final double[] TRUE = {2.5, 0.8, 1.2, 3.0};
    /** Where the fits start. */
    public static final double[] START = {1.0, 0.3, 0.5, 2.8};

    private Calibration() {}

    /** The curve {@code p[0] exp(-p[1] t) + p[2] sin(p[3] t)} at each {@code t[i]}. */
    @Jacobian(wrt = "p")
    static double[] curve(double[] p, double[] t) {
        double[] y = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            y[i] = p[0] * Math.exp(-p[1] * t[i]) + p[2] * Math.sin(p[3] * t[i]);
        }
        return y;
    }

    /** Sample times and noisy observations. */
    public record Data(double[] t, double[] y) {}

    /** {@code n} times evenly over [0, 10], observations of the true curve plus Gaussian noise. */
    public static Data makeData(long seed, int n, double noise) {
        Random rng = new Random(seed);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 10.0 * i / (n - 1);
        }
        double[] y = curve(TRUE, t);
        for (int i = 0; i < n; i++) {
            y[i] += noise * rng.nextGaussian();
        }
        return new Data(t, y);
    }

    /** Which Jacobian the optimiser gets. */
    public enum Route { JGRAD, FINITE_DIFFERENCES, DERIVATIVE_STRUCTURE }

    /** The Jacobian of {@link #curve} in {@code p} by central differences, step {@code 1e-6 max(1, |p_k|)}. */
    static double[][] finiteDifferenceJacobian(double[] p, double[] t) {
        double[][] jacobian = new double[t.length][p.length];
        double[] q = p.clone();
        for (int k = 0; k < p.length; k++) {
            double h = 1e-6 * Math.max(1, Math.abs(p[k]));
            q[k] = p[k] + h;
            double[] plus = curve(q, t);
            q[k] = p[k] - h;
            double[] minus = curve(q, t);
            q[k] = p[k];
            for (int i = 0; i < t.length; i++) {
                jacobian[i][k] = (plus[i] - minus[i]) / (2 * h);
            }
        }
        return jacobian;
    }

    private static final DSFactory FACTORY = new DSFactory(4, 1);

    /** The Jacobian of {@link #curve} with Hipparchus' {@link DerivativeStructure}, order 1. */
    static double[][] derivativeStructureJacobian(double[] p, double[] t) {
        DerivativeStructure a = FACTORY.variable(0, p[0]);
        DerivativeStructure b = FACTORY.variable(1, p[1]);
        DerivativeStructure c = FACTORY.variable(2, p[2]);
        DerivativeStructure d = FACTORY.variable(3, p[3]);
        double[][] jacobian = new double[t.length][];
        for (int i = 0; i < t.length; i++) {
            DerivativeStructure y = a.multiply(b.multiply(-t[i]).exp()).add(c.multiply(d.multiply(t[i]).sin()));
            jacobian[i] = new double[] {y.getPartialDerivative(1, 0, 0, 0), y.getPartialDerivative(0, 1, 0, 0),
                y.getPartialDerivative(0, 0, 1, 0), y.getPartialDerivative(0, 0, 0, 1)};
        }
        return jacobian;
    }

    /** The Jacobian by the given route. */
    public static double[][] jacobian(Route route, double[] p, double[] t) {
        return switch (route) {
            case JGRAD -> CalibrationJacobian.curve(p, t).jacobian();
            case FINITE_DIFFERENCES -> finiteDifferenceJacobian(p, t);
            case DERIVATIVE_STRUCTURE -> derivativeStructureJacobian(p, t);
        };
    }

    /** Fits the curve to the data with Levenberg-Marquardt from {@link #START}, the Jacobian by {@code route}. */
    public static Optimum fit(Data data, Route route) {
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(START)
                .target(data.y())
                .model(p -> curve(p, data.t()), p -> jacobian(route, p, data.t()))
                .lazyEvaluation(false)
                .maxEvaluations(1_000)
                .maxIterations(1_000)
                .build();
        return new LevenbergMarquardtOptimizer().optimize(problem);
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        Data data = makeData(SEED, POINTS, NOISE);
        out.printf("Calibration: a exp(-b t) + c sin(d t) fitted to %d points with noise %s (seed %d),%n",
                POINTS, NOISE, SEED);
        out.printf("  Hipparchus' LevenbergMarquardtOptimizer from (a, b, c, d) = (%s, %s, %s, %s)%n",
                START[0], START[1], START[2], START[3]);
        out.printf("  true parameters                 %8.5f %8.5f %8.5f %8.5f%n%n", TRUE[0], TRUE[1], TRUE[2], TRUE[3]);
        out.printf("  %-22s  %8s %8s %8s %8s  %5s  %5s  %8s  %10s  %10s%n", "Jacobian from", "a", "b", "c", "d",
                "iter", "evals", "RMS", "Jacobian", "whole fit");
        double jgradFit = 0;
        for (Route route : Route.values()) {
            Optimum o = fit(data, route);
            double[] p = o.getPoint().toArray();
            double[] pp = p;
            double jacobianNanos = Timing.steadyStateNanos(() -> jacobian(route, pp, data.t())[0][0]);
            double fitNanos = Timing.steadyStateNanos(() -> fit(data, route).getRMS());
            if (route == Route.JGRAD) {
                jgradFit = fitNanos;
            }
            out.printf("  %-22s  %8.5f %8.5f %8.5f %8.5f  %5d  %5d  %8.5f  %10s  %10s%s%n", name(route), p[0], p[1],
                    p[2], p[3], o.getIterations(), o.getEvaluations(), o.getRMS(),
                    Timing.formatNanos(jacobianNanos), Timing.formatNanos(fitNanos),
                    route == Route.JGRAD ? "" : String.format("  (%.1f x jgrad's)", fitNanos / jgradFit));
        }
        double[] fitted = fit(data, Route.JGRAD).getPoint().toArray();
        double[][] a = jacobian(Route.JGRAD, fitted, data.t());
        double[][] b = jacobian(Route.FINITE_DIFFERENCES, fitted, data.t());
        double[][] c = jacobian(Route.DERIVATIVE_STRUCTURE, fitted, data.t());
        out.printf("%n  max |Jacobian difference| at the fit: jgrad vs finite differences %.1e, vs DerivativeStructure"
                + " %.1e%n", maxDifference(a, b), maxDifference(a, c));
    }

    static double maxDifference(double[][] a, double[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[i].length; k++) {
                max = Math.max(max, Math.abs(a[i][k] - b[i][k]));
            }
        }
        return max;
    }

    private static String name(Route route) {
        return switch (route) {
            case JGRAD -> "@Jacobian (jgrad)";
            case FINITE_DIFFERENCES -> "central differences";
            case DERIVATIVE_STRUCTURE -> "DerivativeStructure";
        };
    }
}
