package p;

import dev.jgrad.Grad;

/** Control flow that leaves loops early: break, continue and a return from inside the loop. */
public final class Search {
    @Grad(wrt = "w")
    static double firstLarge(double[] w, double threshold) {
        double acc = 1;
        for (int i = 0; i < w.length; i++) {
            if (w[i] < 0) {
                continue;
            }
            if (w[i] > threshold) {
                return acc * w[i];
            }
            acc = acc * w[i] + 1;
            if (acc > 1e6) {
                break;
            }
        }
        return acc;
    }
}
