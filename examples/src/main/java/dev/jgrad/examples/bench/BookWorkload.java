package dev.jgrad.examples.bench;

import dev.jgrad.Grad;
import dev.jgrad.Jit;

/**
 * W4: the value of a book of European options by Black-Scholes, written as a user writes it: a
 * pricing helper, and a normal distribution function of its own (Abramowitz and Stegun 26.2.17, an
 * error below 7.5e-8) rather than a library's. The gradient of the book's value with respect to the
 * arrays of spots, volatilities and rates is every option's delta, vega and rho.
 *
 * <p>Alone in its file, so that the benchmark report can set the lines jgrad generates for it
 * ({@code BookWorkloadGrad}, {@code BookWorkloadJit}) against the lines written here.
 */
public final class BookWorkload {
    private BookWorkload() {}

    /** The standard normal distribution function, to 7.5e-8. */
    static double normCdf(double x) {
        double t = 1 / (1 + 0.2316419 * Math.abs(x));
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        double tail = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) * poly;
        return x >= 0 ? 1 - tail : tail;
    }

    /** A call's or a put's Black-Scholes price, no dividends. */
    static double price(double spot, double strike, double expiry, double vol, double rate, boolean isCall) {
        double sqrtT = Math.sqrt(expiry);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * expiry) / (vol * sqrtT);
        double d2 = d1 - vol * sqrtT;
        double discount = Math.exp(-rate * expiry);
        double price;
        if (isCall) {
            price = spot * normCdf(d1) - strike * discount * normCdf(d2);
        } else {
            price = strike * discount * normCdf(-d2) - spot * normCdf(-d1);
        }
        return price;
    }

    /** The book's value: one of each option. */
    @Jit @Grad(wrt = {"spot", "vol", "rate"})
    public static double bookValue(double[] spot, double[] strike, double[] expiry, double[] vol, double[] rate,
            boolean[] isCall) {
        double total = 0;
        for (int i = 0; i < spot.length; i++) {
            total += price(spot[i], strike[i], expiry[i], vol[i], rate[i], isCall[i]);
        }
        return total;
    }

    /** {@link #bookValue} with {@code @Grad} only. */
    @Grad(wrt = {"spot", "vol", "rate"})
    public static double bookValueNoJit(double[] spot, double[] strike, double[] expiry, double[] vol, double[] rate,
            boolean[] isCall) {
        double total = 0;
        for (int i = 0; i < spot.length; i++) {
            total += price(spot[i], strike[i], expiry[i], vol[i], rate[i], isCall[i]);
        }
        return total;
    }
}
