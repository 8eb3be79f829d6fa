package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;
import dev.jgrad.Ops;
import dev.jgrad.tests.params.Scaled;

/**
 * Corpus: a helper whose body is a loop, inlined where the method has no other loop, its result read
 * after the loop by code that is not linear in it or that multiplies it by an active value. The
 * inlined result is declared before the helper's loop and assigned after it, so the adjoint of the
 * code after the loop must wait for the loop (a one-pass gradient once read it as the declaration's
 * 0.0: infinite or zero partials).
 */
public final class HelperTails {
    private HelperTails() {}

    static double sumSq(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v * v;
        }
        return s;
    }

    static double sumExp(double[] w) {
        return Ops.sum(Ops.exp(w));
    }

    static double normSq(Scaled p) {
        double t = 0;
        for (double v : p.w()) {
            t += v * v;
        }
        return t;
    }

    @Grad
    static double norm(double[] w) {
        return Math.sqrt(sumSq(w));
    }

    @Grad
    static double scaled(double[] w, double c) {
        return sumSq(w) * c;
    }

    @Grad
    static double logScaled(double[] w, double c) {
        return c * Math.log(sumSq(w));
    }

    @Grad
    static double power(double[] w, double c) {
        return Math.pow(sumSq(w), c);
    }

    @Grad
    static double throughLocal(double[] w, double c) {
        double t = sumSq(w) * c;
        return t * t;
    }

    @Grad
    static double opsHelper(double[] w, double c) {
        return sumExp(w) * c;
    }

    @Grad
    static double recordHelper(Scaled p) {
        return normSq(p) * p.s();
    }
}
