package dev.jgrad.tests.corpus;

import dev.jgrad.Grad;

/**
 * Corpus: what a gradient leaves in the caller's arrays, and names that generated code must not
 * trip over. Methods that write into a {@code double[][]} input (its elements, and its rows: a row
 * replaced, two rows made one), into a vector through a matrix's row, and locals named like the
 * packages and classes that generated code names ({@code java}, {@code Math}, {@code dev},
 * {@code Arrays2}). {@code InputsIdentityTest} calls the gradients of the first ones directly to
 * check the identity of rows and the aliasing check at entry.
 */
public final class InputsAndNames {
    private InputsAndNames() {}

    /** Covers: a double[][] input scaled in place, element by element; the caller keeps its row objects. */
    @Grad
    static double scaleRows(double[][] m, double s) {
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = m[i][j] * s;
            }
        }
        double t = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                t += Math.sin(m[i][j]) * m[i][j];
            }
        }
        return t;
    }

    /**
     * Covers: a row of a double[][] input written, then replaced by another row (m[0] = m[1]), then
     * every row scaled: the shared row is scaled twice, and the caller's old row 0 keeps its write.
     */
    @Grad
    static double shareRows(double[][] m, double s) {
        m[0][1] = m[0][1] * 3;
        m[0] = m[1];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = m[i][j] * s;
            }
        }
        double t = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                t += m[i][j] * m[i][j];
            }
        }
        return t;
    }

    /** Covers: a vector input put in as a row of a matrix input and written through it; a fresh row put in. */
    @Grad
    static double vectorAsRow(double[][] m, double[] v) {
        m[1] = v;
        m[1][0] = m[1][0] * m[0][0];
        double[] fresh = new double[m[2].length];
        for (int j = 0; j < fresh.length; j++) {
            fresh[j] = m[2][j] + v[j];
        }
        m[2] = fresh;
        m[2][1] += m[1][1];
        double t = 0;
        for (double[] row : m) {
            for (double x : row) {
                t += x * x;
            }
        }
        return t + v[0];
    }

    /** Covers: a vector input written through a local alias, then read through the parameter. */
    @Grad
    static double writeThroughAlias(double[] a, double[] b) {
        double[] w = a;
        for (int i = 0; i < w.length; i++) {
            w[i] = w[i] * b[i] + 1;
        }
        double t = 0;
        for (int i = 0; i < a.length; i++) {
            t += a[i] * a[i] * b[i];
        }
        return t;
    }

    /** Covers: locals named java and Math, dev and Arrays2 (generated code names java.lang.Math and dev.jgrad.runtime.Arrays2). */
    @Grad
    static double shadowingNames(double x, double[] v) {
        double y = java.lang.Math.sin(x) * v[0];
        double java = x * 2;
        double Math = java + y;
        double[] Arrays2 = new double[v.length];
        for (int dev = 0; dev < v.length; dev++) {
            Arrays2[dev] = v[dev] * Math;
        }
        double Tape = 0;
        for (double e : Arrays2) {
            Tape += StrictMath.cos(e) * e;
        }
        return Tape + Math * java;
    }
}
