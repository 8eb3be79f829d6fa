package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;
import dev.jgrad.tests.params.Data;
import dev.jgrad.tests.params.Deep;
import dev.jgrad.tests.params.Gauss;
import dev.jgrad.tests.params.Layer;
import dev.jgrad.tests.params.Mlp;
import dev.jgrad.tests.params.Tagged;

/**
 * Corpus: records of parameters (JAX's pytrees): a record parameter read through its components,
 * nested records, a record given to a local and to helpers, components that carry no derivative, a
 * record that is data rather than wrt, and a method that writes into a component's array. The
 * records are in {@code dev.jgrad.tests.params}.
 */
public final class Records {
    private Records() {}

    /** Covers: the MLP with its parameters in one record, wrt the record. */
    @Grad(wrt = "p")
    static double mlp(Mlp p, double[][] x, double[] y) {
        double loss = 0;
        for (int k = 0; k < x.length; k++) {
            double out = p.b2();
            for (int i = 0; i < p.w1().length; i++) {
                double z = p.b1()[i];
                for (int j = 0; j < x[k].length; j++) {
                    z += p.w1()[i][j] * x[k][j];
                }
                out += p.w2()[i] * Math.tanh(z);
            }
            double r = out - y[k];
            loss += r * r;
        }
        return loss / x.length;
    }

    static double[] dense(Layer layer, double[] x) {
        double[] out = new double[layer.b().length];
        for (int i = 0; i < out.length; i++) {
            double z = layer.b()[i];
            for (int j = 0; j < x.length; j++) {
                z += layer.w()[i][j] * x[j];
            }
            out[i] = Math.tanh(z);
        }
        return out;
    }

    /** Covers: nested records, each layer passed to a helper, a record local, default wrt (the record and x). */
    @Grad
    static double deep(Deep p, double[] x) {
        double[] h = dense(p.first(), x);
        var second = p.second();
        double[] o = dense(second, h);
        double s = 0;
        for (double v : o) {
            s += v;
        }
        return s * p.scale().value();
    }

    static double predict(Mlp p, double[] x) {
        var w = p.w1();
        double out = p.b2();
        for (int i = 0; i < w.length; i++) {
            double z = p.b1()[i];
            for (int j = 0; j < x.length; j++) {
                z += w[i][j] * x[j];
            }
            out += p.w2()[i] * Math.tanh(z);
        }
        return out;
    }

    /** Covers: the record passed to a helper, which reads a component into a local ({@code var w = p.w1()}). */
    @Grad(wrt = "p")
    static double throughHelper(Mlp p, double[][] x, double[] y) {
        double loss = 0;
        for (int k = 0; k < x.length; k++) {
            double r = predict(p, x[k]) - y[k];
            loss += r * r;
        }
        return 0.5 * loss;
    }

    /** Covers: int, boolean and int[] components (no derivative: the gradient record holds the input's). */
    @Grad(wrt = "p")
    static double tagged(Tagged p, double[] x) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            double z = p.w()[p.slot()[k]] * x[k];
            if (p.bias()) {
                z += p.offset();
            }
            s += Math.log1p(Math.exp(z)) / p.classes();
        }
        return s;
    }

    /** Covers: a record that is not wrt (the data), beside one that is. */
    @Grad(wrt = "g")
    static double gaussianNll(Gauss g, Data d) {
        double sigma = Math.exp(g.logSigma());
        double s = 0;
        for (int i = 0; i < d.y().length; i++) {
            double mean = g.mu();
            for (double v : d.x()[i]) {
                mean += 0.1 * v;
            }
            double z = (d.y()[i] - mean) / sigma;
            s += 0.5 * z * z + g.logSigma();
        }
        return s;
    }

    /** Covers: a component's array written in place (the caller's array, restored as the source leaves it). */
    @Grad
    static double scaledInPlace(Layer p, double c) {
        double s = 0;
        for (int i = 0; i < p.b().length; i++) {
            p.b()[i] *= c;
            s += p.b()[i] * p.w()[i][0];
        }
        return s;
    }
}
