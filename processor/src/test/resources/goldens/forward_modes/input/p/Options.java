package p;

import dev.jgrad.Grad;
import dev.jgrad.Hessian;
import dev.jgrad.Jacobian;
import dev.jgrad.Jvp;

public final class Options {
    /** A call's price (Black-Scholes), its delta along spot and vega along volatility by @Jvp, its gamma by @Hessian. */
    @Grad(wrt = {"s", "sigma"}) @Jvp(wrt = {"s", "sigma"}) @Hessian(wrt = {"s", "sigma"})
    static double call(double s, double k, double t, double r, double sigma) {
        double vol = sigma * Math.sqrt(t);
        double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / vol;
        double d2 = d1 - vol;
        return s * cdf(d1) - k * Math.exp(-r * t) * cdf(d2);
    }

    static double cdf(double x) {
        return 0.5 * (1 + Math.tanh(0.7978845608 * (x + 0.044715 * x * x * x)));
    }

    /** Residuals of a curve fit: a double[] result, whose tangent is a double[] too, and its Jacobian. */
    @Jvp(wrt = "p") @Jacobian(wrt = "p")
    static double[] residuals(double[] p, double[] x, double[] y) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = p[0] * Math.exp(-p[1] * x[i]) - y[i];
        }
        return r;
    }
}
