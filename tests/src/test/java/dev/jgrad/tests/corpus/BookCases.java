package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: W4's shapes (issue 14), books of options priced with helpers of the user's own. Under
 * {@code @Jit @Grad} (the corpus's twins) a helper called once per iteration of a fused loop with one
 * active argument gives its value and partial from one run ({@code normCdf_and_dx}); elsewhere (inner
 * loops, straight-line code, {@code @Grad} alone) the forward calls the helper and the adjoint its
 * derivative method. Helpers with a kink, with the active argument second, with two active arguments
 * (inlined), with argument checks, one called from two loops, a helper in an inner loop, and
 * straight-line Greeks.
 */
public final class BookCases {
    private BookCases() {}

    /** Abramowitz and Stegun 26.2.17, to 7.5e-8: its formula switches at 0. */
    static double normCdf(double x) {
        double t = 1 / (1 + 0.2316419 * Math.abs(x));
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        double tail = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) * poly;
        return x >= 0 ? 1 - tail : tail;
    }

    /** A call's or a put's Black-Scholes price (W4's helper, inlined: three active arguments). */
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

    /** W4 itself: a book of calls and puts. */
    @Grad(wrt = {"spot", "vol", "rate"})
    static double book(double[] spot, double[] strike, double[] expiry, double[] vol, double[] rate, boolean[] isCall) {
        double total = 0;
        for (int i = 0; i < spot.length; i++) {
            total += price(spot[i], strike[i], expiry[i], vol[i], rate[i], isCall[i]);
        }
        return total;
    }

    /** A kinked helper (abs, max, a branch): the derivative is the branch taken's. */
    static double hinge(double x) {
        double d = Math.abs(x - 0.2);
        double m = Math.max(d - 0.5, 0.25 * d);
        if (x > 0.2) {
            m = m * 1.5 + Math.sin(x) * 0.1;
        }
        return m * m + 0.3 * d + Math.exp(-x * x);
    }

    /** The kinked helper twice per iteration, the second inside a branch. */
    @Grad(wrt = {"w"})
    static double kinks(double[] w, double[] x) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            double h = hinge(w[i] * x[i]);
            if (x[i] > 0) {
                h += 0.5 * hinge(w[i] - x[i]);
            }
            sum += h * x[i];
        }
        return sum;
    }

    /** A helper whose active argument comes second, after an inactive double, with an int. */
    static double decay(double k, double x, int n) {
        double e = Math.exp(-k * x * x);
        double s = Math.sqrt(1 + x * x);
        return n * e / s + Math.log(1 + k * s);
    }

    /** The second argument active, the first not; and one call with both active (inlined there). */
    @Grad(wrt = {"x", "k"})
    static double secondActive(double[] x, double[] ks, double k) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += decay(ks[i], x[i], 2) * decay(0.5, x[i] * x[i], 1);
        }
        return sum + decay(k, 0.7, 3) * decay(k, k, 1);
    }

    /** A helper that checks its arguments (a throw, an assert) before its transcendental calls. */
    static double checked(double x, double scale) {
        if (scale <= 0) {
            throw new IllegalArgumentException("scale must be positive");
        }
        assert scale < 1e6 : "scale";
        return 1 / (1 + Math.exp(-x / scale)) * Math.log1p(x * x);
    }

    /** The checked helper, active in its first argument at one call and in its second at the other. */
    @Grad(wrt = {"w", "b"})
    static double checkedCalls(double[] w, double b, double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += checked(w[i] * x[i], 2.0) * x[i] + checked(x[i], b * b + 1);
        }
        return sum;
    }

    /** One helper called from two loops, and their sums combined after. */
    @Grad(wrt = {"spot", "vol"})
    static double twoLoops(double[] spot, double[] vol, double strike) {
        double calls = 0;
        for (int i = 0; i < spot.length; i++) {
            double d = Math.log(spot[i] / strike) / vol[i];
            calls += spot[i] * normCdf(d) - strike * normCdf(d - vol[i]);
        }
        double digital = 0;
        for (int i = 0; i < vol.length; i++) {
            double z = Math.log(spot[i] / strike) / vol[i] - 0.5 * vol[i];
            double p = normCdf(z);
            digital += p * p;
        }
        return calls / spot.length + 0.5 * digital;
    }

    /** The helper in an inner loop of each iteration (recomputed by its reverse), and once outside it. */
    @Grad(wrt = {"w", "b"})
    static double innerLoop(double[] w, double b, double[][] x) {
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double row = 0;
            for (int j = 0; j < w.length; j++) {
                row += normCdf(w[j] * x[i][j] + b);
            }
            total += normCdf(row / w.length - 0.35) * row;
        }
        return total;
    }

    /** Straight-line Greeks: one call's delta, vega and rho blended, no loop. */
    @Grad(wrt = {"spot", "vol", "rate"})
    static double greeks(double spot, double strike, double expiry, double vol, double rate) {
        double call = price(spot, strike, expiry, vol, rate, true);
        double put = price(spot, strike, expiry, vol, rate, false);
        double d = (Math.log(spot / strike) + rate * expiry) / (vol * Math.sqrt(expiry));
        return call - put + 0.1 * normCdf(d) * spot;
    }
}
