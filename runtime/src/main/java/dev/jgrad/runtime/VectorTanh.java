package dev.jgrad.runtime;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The array {@code tanh} of {@link Simd} in the Vector API's lanes, built only from operations whose results IEEE 754
 * specifies exactly (add, sub, mul, div, fma, min, abs, compare and blend, shifts and bit views): the same bits in the
 * interpreter, C1 and C2, unlike the Vector API's {@code TANH}, an SVML stub in C2-compiled code and {@code Math.tanh}
 * lane by lane before. Cephes' formulation, as {@link JitMath#tanhByExp} on {@code z = |x|}: a rational function of
 * {@code z*z} below 0.625, else {@code 1 - 2/(e^(2z) + 1)}, with {@code 2z} at most 44 (the result rounds to 1 from
 * {@code z} = 19.1 on), the sign of {@code x} put back in the bits, NaN returned as it came. The exponential: {@code 2z = k ln2 + r}
 * (Cody and Waite), {@code |r| <= ln2/2}, {@code e^r - 1} by its Taylor polynomial of degree 13, {@code 2^k} made from
 * the exponent bits, and {@code e^(2z) + 1} as {@code (2^k + 1) + 2^k (e^r - 1)}, rounded once; the two branches share
 * one division (numerator and denominator chosen lane by lane). Loaded only when the JVM has the
 * module {@code jdk.incubator.vector}.
 */
final class VectorTanh {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** {@code 1/ln2}, and {@code ln2} in two parts: {@code k * LN2_HI} is exact for {@code |k| < 2^20} (fdlibm's split). */
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** {@code 1/n!} for {@code n = 2..13}: the Taylor polynomial of {@code e^r - 1} to degree 13, at most {@code 5e-18} off for {@code |r| <= ln2/2}. */
    private static final double F2 = 1.0 / 2;
    private static final double F3 = 1.0 / 6;
    private static final double F4 = 1.0 / 24;
    private static final double F5 = 1.0 / 120;
    private static final double F6 = 1.0 / 720;
    private static final double F7 = 1.0 / 5040;
    private static final double F8 = 1.0 / 40320;
    private static final double F9 = 1.0 / 362880;
    private static final double F10 = 1.0 / 3628800;
    private static final double F11 = 1.0 / 39916800;
    private static final double F12 = 1.0 / 479001600;
    private static final double F13 = 1.0 / 6227020800L;
    /** {@code 1.5 * 2^52}: added to a double below {@code 2^51}, rounds it to an integer left in the low bits. */
    private static final double SHIFT = 0x1.8p52;

    // the constants as vectors: a broadcast in the loop (also that of an operation with a scalar) would count
    // towards C2's inlining budget, and past it operations are no longer intrinsics (vectors boxed, 3 times slower)
    private static final DoubleVector V_F2 = c(F2);
    private static final DoubleVector V_F3 = c(F3);
    private static final DoubleVector V_F4 = c(F4);
    private static final DoubleVector V_F5 = c(F5);
    private static final DoubleVector V_F6 = c(F6);
    private static final DoubleVector V_F7 = c(F7);
    private static final DoubleVector V_F8 = c(F8);
    private static final DoubleVector V_F9 = c(F9);
    private static final DoubleVector V_F10 = c(F10);
    private static final DoubleVector V_F11 = c(F11);
    private static final DoubleVector V_F12 = c(F12);
    private static final DoubleVector V_F13 = c(F13);
    // Cephes' tanh.c, with JitMath's coefficients: tanh(z) = z + z s P(s)/Q(s), s = z*z, for z < 0.625 (Q monic)
    private static final DoubleVector V_P0 = c(JitMath.P0);
    private static final DoubleVector V_P1 = c(JitMath.P1);
    private static final DoubleVector V_P2 = c(JitMath.P2);
    private static final DoubleVector V_Q0 = c(JitMath.Q0);
    private static final DoubleVector V_Q1 = c(JitMath.Q1);
    private static final DoubleVector V_Q2 = c(JitMath.Q2);
    private static final DoubleVector V_INV_LN2 = c(INV_LN2);
    private static final DoubleVector V_SHIFT = c(SHIFT);
    private static final DoubleVector V_NEG_LN2_HI = c(-LN2_HI);
    private static final DoubleVector V_NEG_LN2_LO = c(-LN2_LO);
    private static final DoubleVector V_SMALL = c(0.625);
    private static final DoubleVector V_44 = c(44.0);
    private static final DoubleVector V_ONE = c(1.0);
    private static final DoubleVector V_TWO = c(2.0);
    private static final LongVector V_ONE_BITS = LongVector.broadcast(S.withLanes(long.class), 0x3ff0000000000000L);
    private static final LongVector V_SIGN_BIT = LongVector.broadcast(S.withLanes(long.class), 0x8000000000000000L);

    private VectorTanh() {}

    /**
     * {@code a[j] = tanh(a[j])} for {@code j < n}, {@code n > 0}, the array at least {@code n} long: a vector at a time,
     * the last {@code n % lanes} entries copied into an array of one vector and run in the same code, so that an
     * entry's bits do not depend on where it is. One method, so that C2 keeps the vectors in registers: a method that takes
     * or returns a vector and is too large to inline (as the formulation is) would box it at each call.
     */
    static void tanh(double[] a, int n) {
        int j = 0;
        for (; j <= n - L; j += L) {
            DoubleVector x = DoubleVector.fromArray(S, a, j);
            DoubleVector z = x.abs();
            DoubleVector s = z.mul(z);
            VectorMask<Double> small = z.lt(V_SMALL);
            // e^y = 2^k (1 + m), y = 2 min(z, 22) = k ln2 + r, m = e^r - 1; so e^y + 1 = (2^k + 1) + 2^k m, one rounding
            DoubleVector y = z.add(z).min(V_44);
            DoubleVector kd = y.fma(V_INV_LN2, V_SHIFT);
            DoubleVector scale = kd.viewAsIntegralLanes().lanewise(VectorOperators.LSHL, 52).add(V_ONE_BITS).viewAsFloatingLanes();
            kd = kd.sub(V_SHIFT);
            DoubleVector r = kd.fma(V_NEG_LN2_HI, y).add(kd.mul(V_NEG_LN2_LO));
            DoubleVector h = r.fma(V_F13, V_F12).fma(r, V_F11).fma(r, V_F10).fma(r, V_F9).fma(r, V_F8).fma(r, V_F7)
                    .fma(r, V_F6).fma(r, V_F5).fma(r, V_F4).fma(r, V_F3).fma(r, V_F2);
            DoubleVector m = r.mul(r).fma(h, r);
            DoubleVector sum = scale.fma(m, scale.add(V_ONE));
            // one division for both branches: P(s)/Q(s) below 0.625, 2/(e^y + 1) above
            DoubleVector p = s.fma(V_P0, V_P1).fma(s, V_P2);
            DoubleVector q = s.add(V_Q0).fma(s, V_Q1).fma(s, V_Q2);
            DoubleVector d = V_TWO.blend(p, small).div(sum.blend(q, small));
            DoubleVector tz = V_ONE.sub(d).blend(z.mul(s).fma(d, z), small);
            LongVector sign = x.viewAsIntegralLanes().and(V_SIGN_BIT);
            DoubleVector result = tz.viewAsIntegralLanes().or(sign).viewAsFloatingLanes();
            result.blend(x, x.test(VectorOperators.IS_NAN)).intoArray(a, j);
        }
        if (j < n) {
            double[] rest = new double[L];
            System.arraycopy(a, j, rest, 0, n - j);
            tanh(rest, L);
            System.arraycopy(rest, 0, a, j, n - j);
        }
    }

    private static DoubleVector c(double v) {
        return DoubleVector.broadcast(S, v);
    }
}
