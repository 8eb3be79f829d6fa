package dev.jgrad.tests.corpus;

import dev.jgrad.Derivative;
import dev.jgrad.Grad;

/**
 * Corpus: functions with {@code @Derivative} partials whose own derivatives jgrad takes, so that
 * {@code @Hessian} (HessianCorpusTest adds it) differentiates through them twice: Hart's normal CDF
 * with its density as partial (a partial read from source: its tangent), a function of two doubles and
 * an int whose partials read from source give the cross derivatives, and a function whose partial has
 * {@code @Derivative} methods of its own (no source is read for it).
 */
public final class SecondOrderCustom {
    private SecondOrderCustom() {}

    /** The standard normal CDF by Hart's rational approximation (1968), double precision, as in West (2005). */
    static double normCdf(double x) {
        double a = Math.abs(x);
        double cdf;
        if (a > 37) {
            cdf = 0;
        } else {
            double e = Math.exp(-a * a / 2);
            if (a < 7.07106781186547) {
                double num = 3.52624965998911e-02 * a + 0.700383064443688;
                num = num * a + 6.37396220353165;
                num = num * a + 33.912866078383;
                num = num * a + 112.079291497871;
                num = num * a + 221.213596169931;
                num = num * a + 220.206867912376;
                double den = 8.83883476483184e-02 * a + 1.75566716318264;
                den = den * a + 16.064177579207;
                den = den * a + 86.7807322029461;
                den = den * a + 296.564248779674;
                den = den * a + 637.333633378831;
                den = den * a + 793.826512519948;
                den = den * a + 440.413735824752;
                cdf = e * num / den;
            } else {
                double b = a + 0.65;
                b = a + 4 / b;
                b = a + 3 / b;
                b = a + 2 / b;
                b = a + 1 / b;
                cdf = e / b / 2.506628274631;
            }
        }
        return x > 0 ? 1 - cdf : cdf;
    }

    /** The density, in the differentiable subset: under @Hessian its own derivative is its tangent. */
    @Derivative(of = "normCdf", wrt = "x")
    static double normCdfDx(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    /** {@code n} times the softplus of {@code a * b}, written with a branch (the partials read from source). */
    static double softplusProduct(double a, int n, double b) {
        double z = a * b;
        return n * (z > 30 ? z : Math.log1p(Math.exp(z)));
    }

    @Derivative(of = "softplusProduct", wrt = "a")
    static double softplusProductDa(double a, int n, double b) {
        return n * b / (1 + Math.exp(-a * b));
    }

    @Derivative(of = "softplusProduct", wrt = "b")
    static double softplusProductDb(double a, int n, double b) {
        return n * a / (1 + Math.exp(-a * b));
    }

    /** {@code atan(x)} as a library would give it; its derivative and that one's derivative by hand. */
    static double arctan(double x) {
        return Math.atan(x);
    }

    @Derivative(of = "arctan", wrt = "x")
    static double arctanDx(double x) {
        return 1 / (1 + x * x);
    }

    /** The partial's partial: no source of arctanDx is read for the Hessian. */
    @Derivative(of = "arctanDx", wrt = "x")
    static double arctanDxDx(double x) {
        double d = 1 + x * x;
        return -2 * x / (d * d);
    }

    /** A Black-Scholes call price with the CDF above: gamma, vanna and volga through normCdfDx. */
    @Grad
    static double blackScholes(double s, double k, double sigma, double t) {
        double sd = sigma * Math.sqrt(t);
        double d1 = (Math.log(s / k) + 0.5 * sd * sd) / sd;
        return s * normCdf(d1) - k * normCdf(d1 - sd);
    }

    /** Cross derivatives of a two-argument primitive, fed its own result, with an int argument. */
    @Grad
    static double crossTerms(double a, double b) {
        double r = softplusProduct(a, 2, b);
        return r * a + softplusProduct(r, 1, a - b);
    }

    /** In a loop over an array, with a partial that has partials of its own, and a constant argument. */
    @Grad
    static double inLoop(double[] x, double w) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += arctan(w * x[i]) * x[i] + normCdf(x[i] - w) + arctan(0.5);
        }
        return sum * w;
    }
}
