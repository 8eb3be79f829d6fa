package dev.jgrad.runtime;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dot products and the array {@code tanh} of {@link Simd} with the Vector API, in the machine's widest vectors ({@code
 * DoubleVector.SPECIES_PREFERRED}: 8 doubles with AVX-512, 4 with AVX2): the products of a vector of
 * entries are added lane by lane (a fused multiply-add, one rounding), the lanes added up at the end,
 * the last {@code n % lanes} entries one by one. Loaded only when the JVM has the module {@code
 * jdk.incubator.vector}; the arrays are at least {@code n} long, {@code n > 0}.
 */
final class VectorKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorKernels() {}

    /** Doubles per vector. */
    static int lanes() {
        return L;
    }

    /** Four vector sums while four vectors remain (each addition waits for its sum's previous one), then one. */
    static double dot(double[] a, double[] b, int n) {
        DoubleVector s0 = DoubleVector.broadcast(S, -0.0);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int j = 0;
        for (; j <= n - 4 * L; j += 4 * L) {
            s0 = DoubleVector.fromArray(S, a, j).fma(DoubleVector.fromArray(S, b, j), s0);
            s1 = DoubleVector.fromArray(S, a, j + L).fma(DoubleVector.fromArray(S, b, j + L), s1);
            s2 = DoubleVector.fromArray(S, a, j + 2 * L).fma(DoubleVector.fromArray(S, b, j + 2 * L), s2);
            s3 = DoubleVector.fromArray(S, a, j + 3 * L).fma(DoubleVector.fromArray(S, b, j + 3 * L), s3);
        }
        for (; j <= n - L; j += L) {
            s0 = DoubleVector.fromArray(S, a, j).fma(DoubleVector.fromArray(S, b, j), s0);
        }
        double s = sum(s0.add(s1).add(s2.add(s3)));
        for (; j < n; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    /** One vector sum for each of the four products, a vector of {@code a} loaded once for the four. */
    static void dot4(double[] out, double[] a, double[] b0, double[] b1, double[] b2, double[] b3, int n) {
        DoubleVector s0 = DoubleVector.broadcast(S, -0.0);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int j = 0;
        for (; j <= n - L; j += L) {
            DoubleVector w = DoubleVector.fromArray(S, a, j);
            s0 = w.fma(DoubleVector.fromArray(S, b0, j), s0);
            s1 = w.fma(DoubleVector.fromArray(S, b1, j), s1);
            s2 = w.fma(DoubleVector.fromArray(S, b2, j), s2);
            s3 = w.fma(DoubleVector.fromArray(S, b3, j), s3);
        }
        double t0 = sum(s0);
        double t1 = sum(s1);
        double t2 = sum(s2);
        double t3 = sum(s3);
        for (; j < n; j++) {
            double w = a[j];
            t0 += w * b0[j];
            t1 += w * b1[j];
            t2 += w * b2[j];
            t3 += w * b3[j];
        }
        out[0] = t0;
        out[1] = t1;
        out[2] = t2;
        out[3] = t3;
    }

    /**
     * {@code v}'s lanes added in lane order. Not {@code reduceLanes(ADD)}, whose order the Vector API leaves
     * open for doubles: JDK 25's C2 adds them in another order than the interpreter and C1 do, so that a
     * method gave other bits once compiled (a second call differed from the first).
     */
    private static double sum(DoubleVector v) {
        double s = v.lane(0);
        for (int k = 1; k < L; k++) {
            s += v.lane(k);
        }
        return s;
    }

    /** {@code a[j] = tanh(a[j])} for {@code j < n}: {@link VectorTanh}, the same bits in every tier of the JIT. */
    static void tanh(double[] a, int n) {
        VectorTanh.tanh(a, n);
    }

    /**
     * {@code hc[k] += sum over j of t[j * m + k] * xc[j]} for {@code k < m}, each entry's products added in
     * the order of {@code j} by fused multiply-adds: two vectors of entries at a time for the four inputs
     * (eight sums, each {@code xc[j]} broadcast once for the two), then one, then the last {@code m % lanes}
     * entries one by one ({@link Math#fma}, the same roundings). {@code t} is the matrix by columns ({@link
     * Simd#transposed}); the arrays are long enough.
     */
    static void matVec4(double[] t, double[] x0, double[] x1, double[] x2, double[] x3,
            double[] h0, double[] h1, double[] h2, double[] h3, int m, int d) {
        int k = 0;
        for (; k <= m - 2 * L; k += 2 * L) {
            DoubleVector s0 = DoubleVector.fromArray(S, h0, k);
            DoubleVector s1 = DoubleVector.fromArray(S, h1, k);
            DoubleVector s2 = DoubleVector.fromArray(S, h2, k);
            DoubleVector s3 = DoubleVector.fromArray(S, h3, k);
            DoubleVector u0 = DoubleVector.fromArray(S, h0, k + L);
            DoubleVector u1 = DoubleVector.fromArray(S, h1, k + L);
            DoubleVector u2 = DoubleVector.fromArray(S, h2, k + L);
            DoubleVector u3 = DoubleVector.fromArray(S, h3, k + L);
            for (int j = 0, o = k; j < d; j++, o += m) {
                DoubleVector w = DoubleVector.fromArray(S, t, o);
                DoubleVector v = DoubleVector.fromArray(S, t, o + L);
                DoubleVector a0 = DoubleVector.broadcast(S, x0[j]);
                DoubleVector a1 = DoubleVector.broadcast(S, x1[j]);
                DoubleVector a2 = DoubleVector.broadcast(S, x2[j]);
                DoubleVector a3 = DoubleVector.broadcast(S, x3[j]);
                s0 = w.fma(a0, s0);
                s1 = w.fma(a1, s1);
                s2 = w.fma(a2, s2);
                s3 = w.fma(a3, s3);
                u0 = v.fma(a0, u0);
                u1 = v.fma(a1, u1);
                u2 = v.fma(a2, u2);
                u3 = v.fma(a3, u3);
            }
            s0.intoArray(h0, k);
            s1.intoArray(h1, k);
            s2.intoArray(h2, k);
            s3.intoArray(h3, k);
            u0.intoArray(h0, k + L);
            u1.intoArray(h1, k + L);
            u2.intoArray(h2, k + L);
            u3.intoArray(h3, k + L);
        }
        for (; k <= m - L; k += L) {
            DoubleVector s0 = DoubleVector.fromArray(S, h0, k);
            DoubleVector s1 = DoubleVector.fromArray(S, h1, k);
            DoubleVector s2 = DoubleVector.fromArray(S, h2, k);
            DoubleVector s3 = DoubleVector.fromArray(S, h3, k);
            for (int j = 0, o = k; j < d; j++, o += m) {
                DoubleVector w = DoubleVector.fromArray(S, t, o);
                s0 = w.fma(DoubleVector.broadcast(S, x0[j]), s0);
                s1 = w.fma(DoubleVector.broadcast(S, x1[j]), s1);
                s2 = w.fma(DoubleVector.broadcast(S, x2[j]), s2);
                s3 = w.fma(DoubleVector.broadcast(S, x3[j]), s3);
            }
            s0.intoArray(h0, k);
            s1.intoArray(h1, k);
            s2.intoArray(h2, k);
            s3.intoArray(h3, k);
        }
        for (; k < m; k++) {
            double a0 = h0[k];
            double a1 = h1[k];
            double a2 = h2[k];
            double a3 = h3[k];
            for (int j = 0, o = k; j < d; j++, o += m) {
                double w = t[o];
                a0 = Math.fma(w, x0[j], a0);
                a1 = Math.fma(w, x1[j], a1);
                a2 = Math.fma(w, x2[j], a2);
                a3 = Math.fma(w, x3[j], a3);
            }
            h0[k] = a0;
            h1[k] = a1;
            h2[k] = a2;
            h3[k] = a3;
        }
    }
}
