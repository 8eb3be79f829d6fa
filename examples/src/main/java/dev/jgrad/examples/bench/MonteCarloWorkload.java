package dev.jgrad.examples.bench;

import dev.jgrad.Grad;
import dev.jgrad.Jit;

/**
 * W5: the Monte Carlo price of a European call, written as a user writes it: each path multiplies
 * its spot step by step, {@code s *= Math.exp(...)}. The standard normals {@code z[p][k]} (path
 * {@code p}, step {@code k}) are drawn outside and passed in, so the price is a plain function of spot,
 * volatility and rate, and its gradient is the pathwise estimate of delta, vega and rho.
 */
public final class MonteCarloWorkload {
    private MonteCarloWorkload() {}

    @Jit @Grad(wrt = {"spot", "vol", "rate"})
    public static double callPrice(double spot, double strike, double expiry, double vol, double rate, double[][] z) {
        int steps = z[0].length;
        double dt = expiry / steps;
        double drift = (rate - 0.5 * vol * vol) * dt;
        double diffusion = vol * Math.sqrt(dt);
        double sum = 0;
        for (int p = 0; p < z.length; p++) {
            double s = spot;
            for (int k = 0; k < steps; k++) {
                s *= Math.exp(drift + diffusion * z[p][k]);
            }
            sum += Math.max(s - strike, 0);
        }
        return Math.exp(-rate * expiry) * sum / z.length;
    }

    /** {@link #callPrice} with {@code @Grad} only. */
    @Grad(wrt = {"spot", "vol", "rate"})
    public static double callPriceNoJit(double spot, double strike, double expiry, double vol, double rate,
            double[][] z) {
        int steps = z[0].length;
        double dt = expiry / steps;
        double drift = (rate - 0.5 * vol * vol) * dt;
        double diffusion = vol * Math.sqrt(dt);
        double sum = 0;
        for (int p = 0; p < z.length; p++) {
            double s = spot;
            for (int k = 0; k < steps; k++) {
                s *= Math.exp(drift + diffusion * z[p][k]);
            }
            sum += Math.max(s - strike, 0);
        }
        return Math.exp(-rate * expiry) * sum / z.length;
    }
}
