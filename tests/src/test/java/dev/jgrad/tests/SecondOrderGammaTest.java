package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jgrad.Derivative;
import dev.jgrad.Grad;
import dev.jgrad.Hessian;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 with issue 13: Black-Scholes gamma, vanna and volga from {@code @Hessian} through a normal
 * CDF whose derivative is given by hand ({@code @Derivative}, Hart's approximation underneath), against
 * the closed forms. The rule says {@code N' = phi}, and {@code phi}'s own derivative is taken from its
 * source, so the second derivatives are those of the closed forms up to rounding.
 */
class SecondOrderGammaTest {
    /** The pricer, as a user would write it. */
    static final class Options {
        private Options() {}

        /** Hart's rational approximation of the standard normal CDF (1968), as in West (2005). */
        static double normCdf(double x) {
            double a = Math.abs(x);
            if (a > 37) {
                return x > 0 ? 1 : 0;
            }
            double e = Math.exp(-a * a / 2);
            double cdf;
            if (a < 7.07106781186547) {
                double num = ((((((3.52624965998911e-02 * a + 0.700383064443688) * a + 6.37396220353165) * a
                        + 33.912866078383) * a + 112.079291497871) * a + 221.213596169931) * a + 220.206867912376);
                double den = (((((((8.83883476483184e-02 * a + 1.75566716318264) * a + 16.064177579207) * a
                        + 86.7807322029461) * a + 296.564248779674) * a + 637.333633378831) * a + 793.826512519948) * a
                        + 440.413735824752);
                cdf = e * num / den;
            } else {
                cdf = e / (a + 1 / (a + 2 / (a + 3 / (a + 4 / (a + 0.65))))) / 2.506628274631;
            }
            return x > 0 ? 1 - cdf : cdf;
        }

        @Derivative(of = "normCdf", wrt = "x")
        static double normPdf(double x) {
            return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
        }

        @Grad(wrt = {"s", "sigma"}) @Hessian(wrt = {"s", "sigma"})
        static double call(double s, double k, double t, double r, double sigma) {
            double sd = sigma * Math.sqrt(t);
            double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / sd;
            return s * normCdf(d1) - k * Math.exp(-r * t) * normCdf(d1 - sd);
        }
    }

    @Test
    void gammaVannaVolgaAgainstTheClosedForms() {
        Random rnd = new Random(15);
        for (int trial = 0; trial < 50; trial++) {
            double s = 60 + 80 * rnd.nextDouble();
            double k = 80 + 40 * rnd.nextDouble();
            double t = 0.1 + 2 * rnd.nextDouble();
            double r = 0.05 * rnd.nextDouble();
            double sigma = 0.1 + 0.4 * rnd.nextDouble();
            SecondOrderGammaTest_OptionsHessian.CallHessian h = SecondOrderGammaTest_OptionsHessian.call(s, k, t, r, sigma);
            double sd = sigma * Math.sqrt(t);
            double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / sd;
            double d2 = d1 - sd;
            double phi = Options.normPdf(d1);
            String at = "s=" + s + " k=" + k + " t=" + t + " r=" + r + " sigma=" + sigma;
            assertEquals(Options.call(s, k, t, r, sigma), h.value(), 0.0, at);
            assertEquals(Options.normCdf(d1), h.gradient()[0], 1e-13, "delta at " + at);
            assertEquals(s * phi * Math.sqrt(t), h.gradient()[1], 1e-11 * s, "vega at " + at);
            double gamma = phi / (s * sd);
            double vanna = -phi * d2 / sigma;
            double volga = s * phi * Math.sqrt(t) * d1 * d2 / sigma;
            assertEquals(gamma, h.hessian()[0][0], 1e-11 * Math.abs(gamma) + 1e-15, "gamma at " + at);
            assertEquals(vanna, h.hessian()[0][1], 1e-10 * (Math.abs(vanna) + 1e-3), "vanna at " + at);
            assertEquals(vanna, h.hessian()[1][0], 1e-10 * (Math.abs(vanna) + 1e-3), "vanna (symmetric) at " + at);
            assertEquals(volga, h.hessian()[1][1], 1e-10 * (Math.abs(volga) + s * 1e-6), "volga at " + at);
        }
    }
}
