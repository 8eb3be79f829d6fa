package dev.jgrad.tests.corpus;

import dev.jgrad.Derivative;
import dev.jgrad.Grad;
import dev.jgrad.Jvp;
import dev.jgrad.Ops;
import dev.jgrad.tests.params.Layer;

/**
 * Corpus: functions of arrays whose partial derivatives the user gives with {@code @Derivative}, each
 * partial an array of its parameter's shape (the gradient of the function in that parameter). The calls
 * stay calls; the adjoint adds the seed times the partial into the argument's adjoint, the tangent
 * contracts the partial with the argument's tangent. Covered: a vector, a matrix, a mix with doubles, a
 * row {@code x[i]} in a loop, a partial that is the same constant array at every call or the argument
 * itself (neither may be written into), an argument computed in the call ({@code ?:}, a literal, an
 * {@code Ops} result, a record component), a data array that needs no partial, and an array changed in
 * place between calls (the reverse sweep calls the partial with the values each call saw).
 *
 * <p>Each {@code @Grad} method is also {@code @Jvp} and not {@code @Hessian}: the Hessian would need the
 * partials' own derivatives ({@code HessianCorpusTest} leaves this class out).
 */
public final class ArrayDerivatives {
    private ArrayDerivatives() {}

    // ---------------------------------------------------------------- the functions and their partials

    /** {@code log sum exp z}, shifted by the max: any Java (an enhanced for, Double.NEGATIVE_INFINITY). */
    static double logSumExp(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            m = Math.max(m, v);
        }
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - m);
        }
        return m + Math.log(s);
    }

    /** The softmax of {@code z}: the gradient of log-sum-exp. */
    @Derivative(of = "logSumExp", wrt = "z")
    static double[] logSumExpDz(double[] z) {
        double lse = logSumExp(z);
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - lse);
        }
        return p;
    }

    /** A Gaussian's negative log-likelihood of the sample {@code x}, up to a constant: an array and two doubles. */
    static double gaussNll(double[] x, double mu, double logSigma) {
        double inv = Math.exp(-2 * logSigma);
        double s = 0;
        for (double v : x) {
            s += 0.5 * (v - mu) * (v - mu) * inv + logSigma;
        }
        return s;
    }

    @Derivative(of = "gaussNll", wrt = "x")
    static double[] gaussNllDx(double[] x, double mu, double logSigma) {
        double inv = Math.exp(-2 * logSigma);
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = (x[i] - mu) * inv;
        }
        return d;
    }

    @Derivative(of = "gaussNll", wrt = "mu")
    static double gaussNllDmu(double[] x, double mu, double logSigma) {
        double s = 0;
        for (double v : x) {
            s -= v - mu;
        }
        return s * Math.exp(-2 * logSigma);
    }

    @Derivative(of = "gaussNll", wrt = "logSigma")
    static double gaussNllDlogSigma(double[] x, double mu, double logSigma) {
        double s = 0;
        for (double v : x) {
            s += 1 - (v - mu) * (v - mu) * Math.exp(-2 * logSigma);
        }
        return s;
    }

    /** The quadratic form {@code v' a v}: a matrix and a vector. */
    static double quad(double[][] a, double[] v) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                s += v[i] * a[i][j] * v[j];
            }
        }
        return s;
    }

    /** {@code v v'}. */
    @Derivative(of = "quad", wrt = "a")
    static double[][] quadDa(double[][] a, double[] v) {
        double[][] d = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                d[i][j] = v[i] * v[j];
            }
        }
        return d;
    }

    /** {@code (a + a') v}. */
    @Derivative(of = "quad", wrt = "v")
    static double[] quadDv(double[][] a, double[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                d[i] += (a[i][j] + a[j][i]) * v[j];
            }
        }
        return d;
    }

    /** The weights of {@link #project}; its partial is this very array at every call. */
    static final double[] DIRECTION = {0.5, -1.25, 2.0, 0.75};

    /** The projection of {@code x} on {@link #DIRECTION}: linear. */
    static double project(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += DIRECTION[i] * x[i];
        }
        return s;
    }

    /** The same array at every call: jgrad must only read it. */
    @Derivative(of = "project", wrt = "x")
    static double[] projectDx(double[] x) {
        return DIRECTION;
    }

    /** {@code |x|^2 / 2}. */
    static double halfNormSq(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s / 2;
    }

    /** The argument itself: jgrad must only read it (the caller's input stays as it is). */
    @Derivative(of = "halfNormSq", wrt = "x")
    static double[] halfNormSqDx(double[] x) {
        return x;
    }

    /** {@code sum data[i] w[i]^2}: {@code data} has no partial, and a call passes it only data. */
    static double weightedSq(double[] w, double[] data) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += data[i] * w[i] * w[i];
        }
        return s;
    }

    @Derivative(of = "weightedSq", wrt = "w")
    static double[] weightedSqDw(double[] w, double[] data) {
        double[] d = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            d[i] = 2 * data[i] * w[i];
        }
        return d;
    }

    // ---------------------------------------------------------------- the corpus methods

    /** Softmax cross-entropy of logits {@code z} at class {@code label}. */
    @Grad
    @Jvp
    static double crossEntropy(double[] z, int label) {
        return logSumExp(z) - z[label];
    }

    /** An array and two doubles, all active, the array a local built from the input. */
    @Grad
    @Jvp
    static double gaussianFit(double[] x, double mu, double logSigma) {
        double[] centred = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            centred[i] = x[i] - 0.5 * mu;
        }
        return gaussNll(centred, mu, logSigma) + 0.1 * mu * mu;
    }

    /** A matrix and a vector, the call used three times in one formula. */
    @Grad
    @Jvp
    static double quadratic(double[][] a, double[] v, double c) {
        double q = quad(a, v);
        return Math.log1p(q * q) + c * quad(a, v) - quad(a, v) / (2 + c * c);
    }

    /**
     * A row {@code x[i]} in a loop of independent iterations (fused, and split into chunks, by {@code @Jit}),
     * and an array {@code v} every iteration passes (its adjoint a sum over the chunks).
     */
    @Grad
    @Jvp
    static double rows(double[][] x, double[] w, double t, double[] v) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += w[i] * logSumExp(x[i]) + t * halfNormSq(x[i]) + x[i][0] * logSumExp(v);
        }
        return s / x.length;
    }

    /**
     * The same constant array, and the argument itself, as partials, each call repeated in a loop ({@code head}
     * is as long as {@link #DIRECTION} whatever the length of {@code x}).
     */
    @Grad
    @Jvp
    static double sharedPartials(double[] x, double s) {
        double[] head = {x[0], x[1], x[2] * s, x[3]};
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            sum += s * project(head) + (k + 1) * halfNormSq(x);
        }
        return sum;
    }

    /** Arguments computed in the call: a {@code ?:} of arrays, a literal, an {@code Ops} result, a record's component. */
    @Grad
    @Jvp
    static double expressions(double[] a, double[] b, double t, Layer p) {
        return logSumExp(t > 0 ? a : b) + logSumExp(new double[] {t, a[0] * b[1], 1.5})
                + logSumExp(Ops.mul(a, b)) + t * logSumExp(p.b()) + logSumExp(p.w()[1]);
    }

    /** A data array that needs no partial (not wrt): as a parameter and as a literal. */
    @Grad(wrt = "w")
    @Jvp(wrt = "w")
    static double dataArray(double[] w, double[] data) {
        return weightedSq(w, data) + weightedSq(w, new double[] {1, 2, 3, 4});
    }

    /**
     * An array filled by a loop, then read by the code after it in a product: that code's adjoint needs
     * the filled values, so {@code @Jit} may not run it before the loop (as it did before this case,
     * reading zeros); the same shape as {@link #gaussianFit}, without a call.
     */
    @Grad
    @Jvp
    static double filledThenRead(double[] x, double mu) {
        double[] c = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i] * mu;
        }
        return c[0] * mu + c[1] * c[x.length - 1];
    }

    /**
     * A declaration between two loops that reads an element of the array the first fills: {@code @Jit} may
     * not move it above that loop (as it did before this case: value and gradient read zeros).
     */
    @Grad
    @Jvp
    static double filledBetweenLoops(double[] x, double mu) {
        double[] c = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i] * mu;
        }
        double a = c[0];
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += c[i] * a;
        }
        return s;
    }

    /**
     * The argument changed in place between calls (a taped loop): the reverse sweep must call the partial
     * with the values each call saw.
     */
    @Grad
    @Jvp
    static double inPlace(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        double s = 0;
        for (int k = 0; k < y.length; k++) {
            s += logSumExp(y);
            y[k] = Math.sin(y[k]) * y[(k + 1) % y.length];
        }
        return s + logSumExp(y);
    }
}
