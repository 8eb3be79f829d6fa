package dev.jgrad.tests.corpus;

import static dev.jgrad.tests.corpus.Corpus.MARGIN;
import static dev.jgrad.tests.corpus.Corpus.args;
import static dev.jgrad.tests.corpus.Corpus.u;

import java.util.Random;

/** Arguments for {@link PartialsCases#branches}: each x and y {@link Corpus#MARGIN} from its branch's switch. */
final class PartialsCaseInputs {
    private PartialsCaseInputs() {}

    static Object[] branches(Random r) {
        int n = 8;
        double cap = u(r, 0.8, 1.2);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            do {
                x[i] = u(r, 0.2, 2);
            } while (Math.abs(x[i] - cap) < MARGIN);
            do {
                y[i] = u(r, -1, 1);
            } while (Math.abs(y[i]) < MARGIN);
        }
        return args(x, y, cap);
    }
}
