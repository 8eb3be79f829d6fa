package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: small models as users write them: least squares, ridge, logistic and softmax
 * regression, a tanh MLP, Rosenbrock, Black-Scholes, an Euler-integrated oscillator, a Gaussian
 * likelihood, a polynomial fit, a present value.
 */
public final class Models {
    private Models() {}

    static final double DT = 0.05;

    // Abramowitz & Stegun 7.1.26: erf(x) ~ 1 - (a1 t + ... + a5 t^5) exp(-x^2), t = 1 / (1 + p x)
    static final double P = 0.3275911;
    static final double A1 = 0.254829592;
    static final double A2 = -0.284496736;
    static final double A3 = 1.421413741;
    static final double A4 = -1.453152027;
    static final double A5 = 1.061405429;

    /** Covers: the seed example, linear-regression mean squared error; explicit wrt = {"w", "b"} (x and y inactive). */
    @Grad(wrt = {"w", "b"})
    static double mse(double[] w, double b, double[][] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double pred = b;
            for (int j = 0; j < w.length; j++) pred += w[j] * x[i][j];
            double r = pred - y[i];
            sum += r * r;
        }
        return sum / x.length;
    }

    /** Covers: ridge regression with wrt listed out of parameter order ({"lambda", "w"}). */
    @Grad(wrt = {"lambda", "w"})
    static double ridge(double[] w, double[][] x, double[] y, double lambda) {
        double sse = 0;
        for (int i = 0; i < x.length; i++) {
            double r = -y[i];
            for (int j = 0; j < w.length; j++) {
                r += w[j] * x[i][j];
            }
            sse += r * r;
        }
        double reg = 0;
        for (double v : w) {
            reg += v * v;
        }
        return sse / (2 * x.length) + lambda * reg;
    }

    /**
     * Covers: logistic regression with int[] labels, log1p and exp in the numerically stable form
     * (a branch on the sign of the margin), ?: on an int comparison; default wrt, which includes
     * the data x.
     */
    @Grad
    static double logistic(double[] w, double b, double[][] x, int[] y) {
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double z = b;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * x[i][j];
            }
            double m = y[i] == 1 ? z : -z;
            if (m > 0) {
                loss += Math.log1p(Math.exp(-m));
            } else {
                loss += -m + Math.log1p(Math.exp(m));
            }
        }
        return loss / x.length;
    }

    /**
     * Covers: softmax cross-entropy with int[] labels indexing a local logits array reused for
     * every sample; a max-shifted log-sum-exp starting from Double.NEGATIVE_INFINITY.
     */
    @Grad(wrt = {"w", "b"})
    static double softmaxCrossEntropy(double[][] w, double[] b, double[][] x, int[] labels) {
        int k = w.length;
        double loss = 0;
        double[] z = new double[k];
        for (int i = 0; i < x.length; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double s = b[c];
                for (int d = 0; d < x[i].length; d++) {
                    s += w[c][d] * x[i][d];
                }
                z[c] = s;
                m = Math.max(m, s);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(z[c] - m);
            }
            loss += m + Math.log(sum) - z[labels[i]];
        }
        return loss / x.length;
    }

    /**
     * Covers: a one-hidden-layer tanh MLP: a local array h written in place (h[j] = Math.tanh(...))
     * once per sample, so each sample overwrites the values the previous sample's adjoint needs.
     */
    @Grad(wrt = {"w1", "b1", "w2", "b2"})
    static double mlp(double[][] w1, double[] b1, double[] w2, double b2, double[][] x, double[] y) {
        int hidden = w1.length;
        double[] h = new double[hidden];
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < hidden; j++) {
                double a = b1[j];
                for (int d = 0; d < x[i].length; d++) {
                    a += w1[j][d] * x[i][d];
                }
                h[j] = Math.tanh(a);
            }
            double out = b2;
            for (int j = 0; j < hidden; j++) {
                out += w2[j] * h[j];
            }
            double r = out - y[i];
            loss += r * r;
        }
        return loss / x.length;
    }

    /** Covers: the n-dimensional Rosenbrock function. */
    @Grad
    static double rosenbrock(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            s += 100 * a * a + b * b;
        }
        return s;
    }

    /** The standard normal CDF from the A&S erf approximation: abs, sqrt, exp and a ?: on the sign. */
    static double normCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + P * x);
        double poly = ((((A5 * t + A4) * t + A3) * t + A2) * t + A1) * t;
        double erf = 1 - poly * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    /**
     * Covers: the Black-Scholes price of a European call (log, sqrt, exp, a normal-CDF helper
     * called twice, static final constants), differentiated in all five inputs (the Greeks).
     */
    @Grad
    static double blackScholesCall(double s, double k, double t, double r, double sigma) {
        double vol = sigma * Math.sqrt(t);
        double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / vol;
        double d2 = d1 - vol;
        return s * normCdf(d1) - k * Math.exp(-r * t) * normCdf(d2);
    }

    /**
     * Covers: a damped oscillator integrated by semi-implicit Euler for Constants.STEPS steps: two
     * states overwritten each step (k * x needs the old x), a static final step size.
     */
    @Grad
    static double dampedOscillator(double k, double c, double x0, double v0) {
        double x = x0;
        double v = v0;
        double energy = 0;
        for (int i = 0; i < Constants.STEPS; i++) {
            double a = -k * x - c * v;
            v += DT * a;
            x += DT * v;
            energy += DT * (0.5 * v * v + 0.5 * k * x * x);
        }
        return x + energy;
    }

    /** Covers: a Gaussian negative log-likelihood with a log-scale parameter and Math.log(2 * Math.PI); wrt skips the data. */
    @Grad(wrt = {"mu", "logSigma"})
    static double gaussianNll(double mu, double logSigma, double[] data) {
        double sigma = Math.exp(logSigma);
        double s = 0;
        for (double v : data) {
            double z = (v - mu) / sigma;
            s += 0.5 * z * z + logSigma + 0.5 * Math.log(2 * Math.PI);
        }
        return s / data.length;
    }

    /** Covers: a least-squares polynomial fit with Horner's rule in an inner loop counting down. */
    @Grad(wrt = {"coef"})
    static double polyFit(double[] coef, double[] xs, double[] ys) {
        double s = 0;
        for (int i = 0; i < xs.length; i++) {
            double p = 0;
            for (int k = coef.length - 1; k >= 0; k--) {
                p = p * xs[i] + coef[k];
            }
            double r = p - ys[i];
            s += r * r;
        }
        return s / xs.length;
    }

    /**
     * Covers: a present value: a discount factor divided by an active value in each iteration
     * (discount /= 1 + rate), and Math.pow with an active base and an int exponent.
     */
    @Grad
    static double presentValue(double rate, double[] cashFlows) {
        double pv = 0;
        double discount = 1;
        for (int t = 0; t < cashFlows.length; t++) {
            discount /= 1 + rate;
            pv += cashFlows[t] * discount;
        }
        return pv - Math.pow(1 + rate, -cashFlows.length) * 100;
    }
}
