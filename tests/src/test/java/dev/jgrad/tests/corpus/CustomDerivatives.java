package dev.jgrad.tests.corpus;

import dev.jgrad.Derivative;
import dev.jgrad.Grad;
import dev.jgrad.Jvp;

/**
 * Corpus: functions whose partial derivatives the user gives with {@code @Derivative} (JAX's
 * {@code custom_jvp}): a rational approximation whose derivative is better known in closed form
 * (Hart's normal CDF), an iterative solver differentiated through the implicit function theorem
 * rather than through its iterations, a function of two doubles and an int; each used once, in a
 * formula, and in a loop (which the jit corpus fuses).
 */
public final class CustomDerivatives {
    private CustomDerivatives() {}

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

    /** The density: the derivative of the CDF, in closed form. */
    @Derivative(of = "normCdf", wrt = "x")
    static double normCdfDx(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    /** The real root of {@code r^3 + a r - b = 0} for {@code a > 0}, by Newton's method. */
    static double cubicRoot(double a, double b) {
        double r = b / (1 + a);
        for (int k = 0; k < 100; k++) {
            double step = (r * r * r + a * r - b) / (3 * r * r + a);
            r -= step;
            if (Math.abs(step) < 1e-15 * (1 + Math.abs(r))) {
                break;
            }
        }
        return r;
    }

    /** dr/da = -r / (3 r^2 + a), by the implicit function theorem. */
    @Derivative(of = "cubicRoot", wrt = "a")
    static double cubicRootDa(double a, double b) {
        double r = cubicRoot(a, b);
        return -r / (3 * r * r + a);
    }

    /** dr/db = 1 / (3 r^2 + a). */
    @Derivative(of = "cubicRoot", wrt = "b")
    static double cubicRootDb(double a, double b) {
        double r = cubicRoot(a, b);
        return 1 / (3 * r * r + a);
    }

    /** {@code n} times the softplus of {@code a * b}; {@code n} is an int and needs no partial. */
    static double scaledSoftplus(double a, int n, double b) {
        return n * Math.log1p(Math.exp(a * b));
    }

    @Derivative(of = "scaledSoftplus", wrt = "a")
    static double scaledSoftplusDa(double a, int n, double b) {
        return n * b / (1 + Math.exp(-a * b));
    }

    @Derivative(of = "scaledSoftplus", wrt = "b")
    static double scaledSoftplusDb(double a, int n, double b) {
        return n * a / (1 + Math.exp(-a * b));
    }

    /** A Black-Scholes call with the CDF above: the gradient calls normCdfDx. */
    @Grad
    @Jvp // and no @Hessian: it would need the partials' own derivatives (HessianCorpusTest leaves these out)
    static double blackScholes(double s, double k, double sigma, double t) {
        double sd = sigma * Math.sqrt(t);
        double d1 = (Math.log(s / k) + 0.5 * sd * sd) / sd;
        return s * normCdf(d1) - k * normCdf(d1 - sd);
    }

    /** A two-argument function with both partials, nested in a formula and fed its own result. */
    @Grad
    @Jvp // and no @Hessian: it would need the partials' own derivatives (HessianCorpusTest leaves these out)
    static double solver(double a, double b) {
        double r = cubicRoot(a, b);
        return r * r + cubicRoot(a + r, 2 * b - r);
    }

    /** In a loop (fused by {@code @Jit} in the jit corpus), with an int argument and a literal one. */
    @Grad
    @Jvp // and no @Hessian: it would need the partials' own derivatives (HessianCorpusTest leaves these out)
    static double inLoop(double[] x, double w, double c) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += scaledSoftplus(w, 2, x[i]) + c * normCdf(x[i] * w + c);
        }
        return sum / x.length;
    }

    /** A probit model's likelihood: rows of an inner product, split over threads by {@code @Jit} on large data. */
    @Grad
    @Jvp // and no @Hessian: it would need the partials' own derivatives (HessianCorpusTest leaves these out)
    static double probit(double[] w, double[][] x, int[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double z = 0;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * x[i][j];
            }
            sum += Math.log(y[i] == 1 ? normCdf(z) : normCdf(-z));
        }
        return -sum / x.length;
    }

    /**
     * A taped loop (a variable overwritten in a while loop): the reverse sweep calls the partials with
     * the values each iteration had, the int argument changing from one iteration to the next.
     */
    @Grad
    @Jvp // and no @Hessian: it would need the partials' own derivatives (HessianCorpusTest leaves these out)
    static double iterated(double w, int n) {
        double x = w;
        int k = 0;
        while (k < n) {
            x = scaledSoftplus(x, k + 1, 0.5) - cubicRoot(1 + k, x);
            k++;
        }
        return x;
    }

    /**
     * What the kinder errors now accept: {@code boolean[]} (never active, as {@code int[]}) and printing,
     * which runs in the forward sweep only. (The corpus's inputs never make these methods print, so
     * that the test output stays readable; {@code PrintingTest} runs the printing.)
     */
    public static final class Inactive {
        private Inactive() {}

        /** A mask parameter and a local mask written in a loop, read in branches and conditions. */
        @Grad
        static double masked(double[] w, boolean[] mask) {
            boolean[] positive = new boolean[w.length];
            for (int i = 0; i < w.length; i++) {
                positive[i] = w[i] > 0;
            }
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                if (mask[i] && positive[i]) {
                    sum += w[i] * w[i];
                } else if (!mask[i]) {
                    sum += Math.sin(w[i]);
                }
            }
            boolean[] copy = mask.clone();
            copy[0] = !copy[0];
            return copy[0] ? sum : 2 * sum;
        }

        /** Printing in a loop, after it, with printf and String.format, of values the gradient needs. */
        @Grad
        static double printing(double[] x, double w, int every) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                double t = Math.tanh(w * x[i]);
                if (every > 0 && i % every == 0) {
                    System.out.printf("i=%d t=%s%n", i, String.format("%.4f", t));
                }
                sum += t * t;
            }
            if (every > 0) {
                System.out.println("sum " + sum);
                System.err.print(w);
                System.err.println();
            }
            return sum * w;
        }
    }
}
