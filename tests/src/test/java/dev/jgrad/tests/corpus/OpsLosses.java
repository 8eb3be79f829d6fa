package dev.jgrad.tests.corpus;

import static dev.jgrad.Ops.*;

import dev.jgrad.Grad;

/**
 * Corpus: the models of {@link Models} written with {@code dev.jgrad.Ops}, as a JAX user writes them
 * with {@code jnp}, each also in a form that mixes Ops calls with a hand-written loop and local
 * arrays holding Ops results.
 */
public final class OpsLosses {
    private OpsLosses() {}

    /** Covers: the seed's loss in one Ops expression ({@code jnp.mean((jnp.dot(x, w) + b - y) ** 2)}). */
    @Grad(wrt = {"w", "b"})
    static double mse(double[] w, double b, double[][] x, double[] y) {
        return mean(square(sub(add(matvec(x, w), b), y)));
    }

    /** Covers: an Ops result in a local array, read by a loop. */
    @Grad(wrt = {"w", "b"})
    static double mseMixed(double[] w, double b, double[][] x, double[] y) {
        double[] pred = add(matvec(x, w), b);
        double sum = 0;
        for (int i = 0; i < pred.length; i++) {
            double r = pred[i] - y[i];
            sum += r * r;
        }
        return sum / pred.length;
    }

    /** Covers: ridge regression, two reductions and a scalar in one expression. */
    @Grad(wrt = {"w", "lambda"})
    static double ridge(double[] w, double[][] x, double[] y, double lambda) {
        return 0.5 * mean(square(sub(matvec(x, w), y))) + lambda * dot(w, w);
    }

    /** Covers: residuals kept in a local, a for-each for the penalty. */
    @Grad(wrt = {"w", "lambda"})
    static double ridgeMixed(double[] w, double[][] x, double[] y, double lambda) {
        double[] r = sub(matvec(x, w), y);
        double reg = 0;
        for (double v : w) {
            reg += v * v;
        }
        return dot(r, r) / (2 * x.length) + lambda * reg;
    }

    /** Covers: logistic regression as softplus(z) - y z, labels as 0/1 doubles. */
    @Grad(wrt = {"w", "b"})
    static double logistic(double[] w, double b, double[][] x, double[] y) {
        double[] z = add(matvec(x, w), b);
        return mean(sub(softplus(z), mul(y, z)));
    }

    /** Covers: sigmoid of a vector in a local, int labels read by a loop. */
    @Grad(wrt = {"w", "b"})
    static double logisticMixed(double[] w, double b, double[][] x, int[] y) {
        double[] p = sigmoid(add(matvec(x, w), b));
        double nll = 0;
        for (int i = 0; i < p.length; i++) {
            nll -= y[i] == 1 ? Math.log(p[i]) : Math.log1p(-p[i]);
        }
        return nll / p.length + 1e-3 * sum(square(w));
    }

    /** Covers: softmax cross-entropy with one-hot targets: matmul, transpose, row broadcast, logSumExp of rows, rowSums. */
    @Grad(wrt = {"w", "b"})
    static double softmaxCrossEntropy(double[][] w, double[] b, double[][] x, double[][] onehot) {
        double[][] logits = add(matmul(x, transpose(w)), b);
        return mean(sub(logSumExp(logits), rowSums(mul(onehot, logits))));
    }

    /** Covers: logSoftmax of each sample's logits, in a loop over samples with int labels. */
    @Grad(wrt = {"w", "b"})
    static double softmaxCrossEntropyMixed(double[][] w, double[] b, double[][] x, int[] y) {
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double[] lp = logSoftmax(add(matvec(w, x[i]), b));
            loss -= lp[y[i]];
        }
        return loss / x.length;
    }

    /** Covers: a two-layer tanh network in one expression: tanh(x w1 + b1) w2 + b2 against y. */
    @Grad(wrt = {"w1", "b1", "w2", "b2"})
    static double twoLayer(double[][] w1, double[] b1, double[] w2, double b2, double[][] x, double[] y) {
        return mean(square(sub(add(matvec(tanh(add(matmul(x, w1), b1)), w2), b2), y)));
    }

    /** Covers: the hidden layer kept in a local matrix, the output layer a hand-written loop. */
    @Grad(wrt = {"w1", "b1", "w2", "b2"})
    static double twoLayerMixed(double[][] w1, double[] b1, double[] w2, double b2, double[][] x, double[] y) {
        double[][] h = tanh(add(matmul(x, w1), b1));
        double sum = 0;
        for (int i = 0; i < h.length; i++) {
            double r = dot(h[i], w2) + b2 - y[i];
            sum += r * r;
        }
        return sum / h.length;
    }

    /** Covers: Black-Scholes call price with the scalar normCdf. */
    @Grad
    static double blackScholes(double s, double k, double t, double r, double sigma) {
        double vol = sigma * Math.sqrt(t);
        double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / vol;
        return s * normCdf(d1) - k * Math.exp(-r * t) * normCdf(d1 - vol);
    }

    /** Covers: a book of calls at several strikes: d1 for all strikes with Ops, the prices in a loop. */
    @Grad(wrt = {"s", "t", "r", "sigma"})
    static double blackScholesMixed(double s, double[] strikes, double t, double r, double sigma) {
        double vol = sigma * Math.sqrt(t);
        double[] d1 = div(add(log(div(s, strikes)), (r + 0.5 * sigma * sigma) * t), vol);
        double discount = Math.exp(-r * t);
        double book = 0;
        for (int i = 0; i < strikes.length; i++) {
            book += s * normCdf(d1[i]) - strikes[i] * discount * normCdf(d1[i] - vol);
        }
        return book;
    }

    /** Covers: a Gaussian negative log-likelihood, log-scale parameter. */
    @Grad(wrt = {"mu", "logSigma"})
    static double gaussianNll(double mu, double logSigma, double[] x) {
        double sigma = Math.exp(logSigma);
        return 0.5 * sum(square(div(sub(x, mu), sigma))) + x.length * (logSigma + 0.5 * Math.log(2 * Math.PI));
    }

    /** Covers: standardised residuals in a local array, summed by a for-each. */
    @Grad(wrt = {"mu", "logSigma"})
    static double gaussianNllMixed(double mu, double logSigma, double[] x) {
        double[] z = div(sub(x, mu), Math.exp(logSigma));
        double nll = 0;
        for (double v : z) {
            nll += 0.5 * v * v + logSigma;
        }
        return nll + 0.5 * x.length * Math.log(2 * Math.PI);
    }
}
