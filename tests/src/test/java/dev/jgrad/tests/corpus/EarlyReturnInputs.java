package dev.jgrad.tests.corpus;

import static dev.jgrad.tests.corpus.Corpus.MARGIN;
import static dev.jgrad.tests.corpus.Corpus.args;
import static dev.jgrad.tests.corpus.Corpus.mat;
import static dev.jgrad.tests.corpus.Corpus.u;
import static dev.jgrad.tests.corpus.Corpus.vec;

import java.util.Random;

/** Arguments for {@link EarlyReturns}, drawn by rejection so that no branch's switch is within {@link Corpus#MARGIN}. */
final class EarlyReturnInputs {
    private EarlyReturnInputs() {}

    private static boolean far(double v, double... from) {
        for (double f : from) {
            if (Math.abs(v - f) < MARGIN) {
                return false;
            }
        }
        return true;
    }

    static Object[] clippedScores(Random r) {
        while (true) {
            double[][] x = mat(r, 7, 3, -1.5, 1.5);
            double[] w = vec(r, 3, -1, 1);
            boolean ok = true;
            for (double[] row : x) {
                double a = 0;
                for (int j = 0; j < w.length; j++) {
                    a += w[j] * row[j];
                }
                ok &= far(a, w[0], -1);
            }
            if (ok) {
                return args(x, w);
            }
        }
    }

    static Object[] piecewiseSum(Random r) {
        while (true) {
            double[] x = vec(r, 6, -2, 2);
            double c = u(r, 0.5, 1.5);
            boolean ok = true;
            for (double v : x) {
                for (double at : new double[] {v, v * 0.5 - 0.2}) {
                    ok &= far(at, 0, -c) && far(at * c, 1);
                }
            }
            if (ok) {
                return args(x, c);
            }
        }
    }

    static Object[] firstAbove(Random r) {
        while (true) {
            double[] x = vec(r, 6, -1, 1);
            double limit = u(r, 0.3, 2.5);
            boolean ok = true;
            double s = 0;
            for (double v : x) {
                s += v * v;
                ok &= far(s, limit);
            }
            if (ok) {
                return args(x, limit);
            }
        }
    }

    static Object[] bentSum(Random r) {
        while (true) {
            double[] x = vec(r, 6, -2, 2);
            double c = u(r, 0.5, 1.5);
            boolean ok = true;
            for (double v : x) {
                ok &= far(v, 0, c);
            }
            if (ok) {
                return args(x, c);
            }
        }
    }

    static Object[] skipNegatives(Random r) {
        while (true) {
            double[][] x = mat(r, 6, 4, -1, 1);
            boolean ok = true;
            for (double[] row : x) {
                for (double v : row) {
                    ok &= far(v, 0);
                }
            }
            if (ok) {
                return args(x, vec(r, 4, -1, 1));
            }
        }
    }

    static Object[] skipThenStop(Random r) {
        while (true) {
            double[] x = vec(r, 8, -1, 1.5);
            double limit = u(r, 0.5, 3);
            boolean ok = true;
            double s = 0;
            for (double v : x) {
                ok &= far(v, 0);
                if (v >= 0) {
                    ok &= far(s, limit);
                    if (s > limit) {
                        break;
                    }
                    s += v * v + 0.5 * v;
                }
            }
            if (ok) {
                return args(x, limit);
            }
        }
    }
}
