package dev.jgrad.examples.bench;

/**
 * The hand-written gradients of W4 and W5, the yardstick of their benchmark rows: what a quant writes
 * by hand, one pass, nothing allocated but the result.
 *
 * <p>W4 takes each option's Greeks from the textbook closed forms ({@code N(d1)}, {@code S n(d1) sqrt(T)},
 * {@code K T exp(-rT) N(d2)} for a call), with the workload's own {@link BookWorkload#normCdf}: these are
 * the derivatives of the exact Black-Scholes price, which differ from those of the workload's
 * approximation of {@code N} by about 1e-7. W5 carries, along each path, the sum of its normals, from
 * which the path's derivatives in spot, volatility and rate follow
 * ({@code dS/dvol = S (sqrt(dt) sum z - vol T)}).
 */
public final class HandWrittenFinance {
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private HandWrittenFinance() {}

    /** Value and gradient of {@link BookWorkload#bookValue}. */
    public record BookGradient(double value, double[] spot, double[] vol, double[] rate) {}

    /** Value and gradient of {@link MonteCarloWorkload#callPrice}. */
    public record CallGradient(double value, double spot, double vol, double rate) {}

    /** W4: the book's value, and every option's delta, vega and rho. */
    public static BookGradient bookValue(double[] spot, double[] strike, double[] expiry, double[] vol, double[] rate,
            boolean[] isCall) {
        int n = spot.length;
        double[] delta = new double[n];
        double[] vega = new double[n];
        double[] rho = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double t = expiry[i];
            double sqrtT = Math.sqrt(t);
            double volSqrtT = vol[i] * sqrtT;
            double d1 = (Math.log(spot[i] / strike[i]) + (rate[i] + 0.5 * vol[i] * vol[i]) * t) / volSqrtT;
            double d2 = d1 - volSqrtT;
            double discounted = strike[i] * Math.exp(-rate[i] * t);
            vega[i] = spot[i] * Math.exp(-0.5 * d1 * d1) * INV_SQRT_2PI * sqrtT;
            if (isCall[i]) {
                double n1 = BookWorkload.normCdf(d1);
                double n2 = BookWorkload.normCdf(d2);
                total += spot[i] * n1 - discounted * n2;
                delta[i] = n1;
                rho[i] = discounted * t * n2;
            } else {
                double n1 = BookWorkload.normCdf(-d1);
                double n2 = BookWorkload.normCdf(-d2);
                total += discounted * n2 - spot[i] * n1;
                delta[i] = -n1;
                rho[i] = -discounted * t * n2;
            }
        }
        return new BookGradient(total, delta, vega, rho);
    }

    /** W5: the Monte Carlo price of a call and its pathwise delta, vega and rho. */
    public static CallGradient callPrice(double spot, double strike, double expiry, double vol, double rate,
            double[][] z) {
        int steps = z[0].length;
        double dt = expiry / steps;
        double drift = (rate - 0.5 * vol * vol) * dt;
        double sqrtDt = Math.sqrt(dt);
        double diffusion = vol * sqrtDt;
        double sum = 0;
        double sumS = 0;
        double sumVega = 0;
        for (double[] path : z) {
            double s = spot;
            double sumZ = 0;
            for (int k = 0; k < steps; k++) {
                s *= Math.exp(drift + diffusion * path[k]);
                sumZ += path[k];
            }
            if (s > strike) {
                sum += s - strike;
                sumS += s;
                sumVega += s * (sqrtDt * sumZ - vol * expiry);
            }
        }
        double scale = Math.exp(-rate * expiry) / z.length;
        double value = scale * sum;
        return new CallGradient(value, scale * sumS / spot, scale * sumVega, expiry * (scale * sumS - value));
    }
}
