package dev.jgrad.tests.corpus;

import static dev.jgrad.tests.corpus.Corpus.args;
import static dev.jgrad.tests.corpus.Corpus.mat;
import static dev.jgrad.tests.corpus.Corpus.u;

import java.util.Random;

/** Arguments for the {@link PrivateArrays} cases whose kinks depend on several arguments. */
final class PrivateArraysInputs {
    private PrivateArraysInputs() {}

    /** How far every path's final price stays from the strike: far beyond a finite-difference step. */
    private static final double MARGIN = 0.02;

    /**
     * {@link PrivateArrays#monteCarlo}'s arguments: 8 paths of 5 steps whose final prices all stay
     * {@link #MARGIN} away from the strike, some paths in the money and some out (both branches of
     * the payoff's max), by rejection.
     */
    static Object[] monteCarlo(Random r) {
        while (true) {
            double[][] z = mat(r, 8, 5, -2, 2);
            double s0 = u(r, 0.8, 1.2);
            double mu = u(r, -0.2, 0.2);
            double sig = u(r, 0.2, 0.5);
            double dt = u(r, 0.05, 0.2);
            double strike = u(r, 0.8, 1.2);
            boolean ok = true;
            int above = 0;
            for (double[] path : z) {
                double s = s0;
                for (double step : path) {
                    s *= Math.exp((mu - 0.5 * sig * sig) * dt + sig * Math.sqrt(dt) * step);
                }
                ok &= Math.abs(s - strike) > MARGIN;
                above += s > strike ? 1 : 0;
            }
            if (ok && above > 0 && above < z.length) {
                return args(z, s0, mu, sig, strike, dt);
            }
        }
    }
}
