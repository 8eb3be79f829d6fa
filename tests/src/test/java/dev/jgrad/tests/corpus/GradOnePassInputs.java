package dev.jgrad.tests.corpus;

import static dev.jgrad.tests.corpus.Corpus.MARGIN;
import static dev.jgrad.tests.corpus.Corpus.args;
import static dev.jgrad.tests.corpus.Corpus.mat;
import static dev.jgrad.tests.corpus.Corpus.u;
import static dev.jgrad.tests.corpus.Corpus.vec;

import java.util.Random;

/** Arguments for the {@link GradOnePass} cases whose kinks depend on several arguments. */
final class GradOnePassInputs {
    private GradOnePassInputs() {}

    /**
     * {@link GradOnePass#branchyHuber}'s arguments: every residual at least {@link Corpus#MARGIN} from
     * {@code delta} in absolute value, some inside and some outside (both branches), by rejection.
     */
    static Object[] huber(Random r) {
        while (true) {
            double[] w = vec(r, 3, -1, 1);
            double[][] x = mat(r, 8, 3, -1, 1);
            double[] y = vec(r, 8, -1.5, 1.5);
            double delta = u(r, 0.3, 0.9);
            boolean ok = true;
            int inside = 0;
            for (int i = 0; i < x.length; i++) {
                double pred = 0;
                for (int j = 0; j < w.length; j++) {
                    pred += w[j] * x[i][j];
                }
                double a = Math.abs(pred - y[i]);
                ok &= Math.abs(a - delta) > MARGIN;
                inside += a <= delta ? 1 : 0;
            }
            if (ok && inside > 0 && inside < x.length) {
                return args(w, x, y, delta);
            }
        }
    }
}
