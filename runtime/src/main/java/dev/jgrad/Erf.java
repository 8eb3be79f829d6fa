/* @(#)s_erf.c 5.1 93/09/24 */
/*
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */
package dev.jgrad;

/**
 * The error function and its complement: a port to Java of fdlibm's {@code s_erf.c} (the notice above is
 * its authors'), with {@link StrictMath#exp} for fdlibm's {@code __ieee754_exp}, so results are the same
 * on every platform. {@code erf} is fdlibm's, within one ulp. fdlibm's {@code erfc} is within 2.5 ulps
 * only (measured; glibc, which ships the same code, lists 2 to 5): where a result is small, its last steps
 * round several times at the size of the result. Here those steps (for 0.25 &lt;= x &lt; 0.84375, for
 * 0.84375 &lt;= x &lt; 1.25, and the tail x &gt;= 1.25) evaluate fdlibm's very approximations in
 * double-double ({@link DoubleDouble}), which leaves one rounding: {@code erfc} is within one ulp too.
 * {@link #normCdf} builds on them.
 *
 * <pre>
 *                      x
 *               2      |\
 *    erf(x)  =  ---------  | exp(-t*t)dt        erfc(x) = 1 - erf(x),
 *            sqrt(pi) \|                        erf(-x) = -erf(x),  erfc(-x) = 2 - erfc(x).
 *                      0
 * </pre>
 *
 * Method (fdlibm's):
 * <ol>
 *   <li>|x| in [0, 0.84375]: erf(x) = x + x*R(x^2), R = P/Q with P of degree 8 and Q of degree 10 (odd);
 *       |R - (erf(x)-x)/x| &lt;= 2^-57.90. erfc(x) = 1 - erf(x) for x in [-.84375, 0.25], and
 *       0.5 + ((0.5-x)-x*R) for x in [0.25, 0.84375].
 *   <li>|x| in [0.84375, 1.25]: with s = |x| - 1 and c = 0.84506291151 rounded to single precision,
 *       erf(x) = sign(x) * (c + P1(s)/Q1(s)); erfc(x) = (1-c) - P1(s)/Q1(s) for x &gt; 0 and
 *       1 + (c + P1(s)/Q1(s)) for x &lt; 0; |P1/Q1 - (erf(|x|)-c)| &lt;= 2^-59.06 (Taylor series at 1).
 *   <li>x in [1.25, 1/0.35]: erfc(x) = (1/x) exp(-x*x - 0.5625 + R1/S1), erf(x) = 1 - erfc(x), with
 *       R1 of degree 7 and S1 of degree 8 in z = 1/x^2.
 *   <li>x in [1/0.35, 28]: erfc(x) = (1/x) exp(-x*x - 0.5625 + R2/S2) for x &gt; 0, 2 - that for
 *       -6 &lt; x &lt; 0, 2 - tiny for x &lt;= -6; erf(x) = sign(x) (1 - erfc(x)) for |x| &lt; 6, else
 *       sign(x) (1 - tiny). R2 of degree 6 and S2 of degree 7 in z = 1/x^2. exp(-x*x - 0.5625 + R/S) is
 *       computed as exp(-s*s - 0.5625) * exp((s-x)*(s+x) + R/S) with s = x with its low 32 bits cleared,
 *       so that -s*s is exact. R/S approximates log(erfc(x)*x) + x*x - 0.5625 (from the asymptotic
 *       series erfc(x) ~ exp(-x*x) / (x sqrt(pi)) (1 + Poly(1/x^2))) to within 2^-62.57 (R1/S1) and
 *       2^-61.52 (R2/S2).
 *   <li>x &gt;= 28: erf(x) = sign(x) (1 - tiny); erfc(x) = tiny*tiny for x &gt; 0, 2 - tiny for x &lt; 0.
 *   <li>erf(0) = 0, erf(+-inf) = +-1, erfc(0) = 1, erfc(inf) = 0, erfc(-inf) = 2, and NaN for NaN.
 * </ol>
 */
final class Erf {
    private Erf() {}

    private static final double TINY = 1e-300;
    private static final double HALF = 5.00000000000000000000e-01; /* 0x3FE00000, 0x00000000 */
    private static final double ONE = 1.00000000000000000000e+00; /* 0x3FF00000, 0x00000000 */
    private static final double TWO = 2.00000000000000000000e+00; /* 0x40000000, 0x00000000 */
    /* c = (float)0.84506291151 */
    private static final double ERX = 8.45062911510467529297e-01; /* 0x3FEB0AC1, 0x60000000 */
    /* Coefficients for approximation to erf on [0,0.84375] */
    private static final double EFX = 1.28379167095512586316e-01; /* 0x3FC06EBA, 0x8214DB69 */
    private static final double EFX8 = 1.02703333676410069053e+00; /* 0x3FF06EBA, 0x8214DB69 */
    private static final double PP0 = 1.28379167095512558561e-01; /* 0x3FC06EBA, 0x8214DB68 */
    private static final double PP1 = -3.25042107247001499370e-01; /* 0xBFD4CD7D, 0x691CB913 */
    private static final double PP2 = -2.84817495755985104766e-02; /* 0xBF9D2A51, 0xDBD7194F */
    private static final double PP3 = -5.77027029648944159157e-03; /* 0xBF77A291, 0x236668E4 */
    private static final double PP4 = -2.37630166566501626084e-05; /* 0xBEF8EAD6, 0x120016AC */
    private static final double QQ1 = 3.97917223959155352819e-01; /* 0x3FD97779, 0xCDDADC09 */
    private static final double QQ2 = 6.50222499887672944485e-02; /* 0x3FB0A54C, 0x5536CEBA */
    private static final double QQ3 = 5.08130628187576562776e-03; /* 0x3F74D022, 0xC4D36B0F */
    private static final double QQ4 = 1.32494738004321644526e-04; /* 0x3F215DC9, 0x221C1A10 */
    private static final double QQ5 = -3.96022827877536812320e-06; /* 0xBED09C43, 0x42A26120 */
    /* Coefficients for approximation to erf in [0.84375,1.25] */
    private static final double PA0 = -2.36211856075265944077e-03; /* 0xBF6359B8, 0xBEF77538 */
    private static final double PA1 = 4.14856118683748331666e-01; /* 0x3FDA8D00, 0xAD92B34D */
    private static final double PA2 = -3.72207876035701323847e-01; /* 0xBFD7D240, 0xFBB8C3F1 */
    private static final double PA3 = 3.18346619901161753674e-01; /* 0x3FD45FCA, 0x805120E4 */
    private static final double PA4 = -1.10894694282396677476e-01; /* 0xBFBC6398, 0x3D3E28EC */
    private static final double PA5 = 3.54783043256182359371e-02; /* 0x3FA22A36, 0x599795EB */
    private static final double PA6 = -2.16637559486879084300e-03; /* 0xBF61BF38, 0x0A96073F */
    private static final double QA1 = 1.06420880400844228286e-01; /* 0x3FBB3E66, 0x18EEE323 */
    private static final double QA2 = 5.40397917702171048937e-01; /* 0x3FE14AF0, 0x92EB6F33 */
    private static final double QA3 = 7.18286544141962662868e-02; /* 0x3FB2635C, 0xD99FE9A7 */
    private static final double QA4 = 1.26171219808761642112e-01; /* 0x3FC02660, 0xE763351F */
    private static final double QA5 = 1.36370839120290507362e-02; /* 0x3F8BEDC2, 0x6B51DD1C */
    private static final double QA6 = 1.19844998467991074170e-02; /* 0x3F888B54, 0x5735151D */
    /* Coefficients for approximation to erfc in [1.25,1/0.35] */
    private static final double RA0 = -9.86494403484714822705e-03; /* 0xBF843412, 0x600D6435 */
    private static final double RA1 = -6.93858572707181764372e-01; /* 0xBFE63416, 0xE4BA7360 */
    private static final double RA2 = -1.05586262253232909814e+01; /* 0xC0251E04, 0x41B0E726 */
    private static final double RA3 = -6.23753324503260060396e+01; /* 0xC04F300A, 0xE4CBA38D */
    private static final double RA4 = -1.62396669462573470355e+02; /* 0xC0644CB1, 0x84282266 */
    private static final double RA5 = -1.84605092906711035994e+02; /* 0xC067135C, 0xEBCCABB2 */
    private static final double RA6 = -8.12874355063065934246e+01; /* 0xC0545265, 0x57E4D2F2 */
    private static final double RA7 = -9.81432934416914548592e+00; /* 0xC023A0EF, 0xC69AC25C */
    private static final double SA1 = 1.96512716674392571292e+01; /* 0x4033A6B9, 0xBD707687 */
    private static final double SA2 = 1.37657754143519042600e+02; /* 0x4061350C, 0x526AE721 */
    private static final double SA3 = 4.34565877475229228821e+02; /* 0x407B290D, 0xD58A1A71 */
    private static final double SA4 = 6.45387271733267880336e+02; /* 0x40842B19, 0x21EC2868 */
    private static final double SA5 = 4.29008140027567833386e+02; /* 0x407AD021, 0x57700314 */
    private static final double SA6 = 1.08635005541779435134e+02; /* 0x405B28A3, 0xEE48AE2C */
    private static final double SA7 = 6.57024977031928170135e+00; /* 0x401A47EF, 0x8E484A93 */
    private static final double SA8 = -6.04244152148580987438e-02; /* 0xBFAEEFF2, 0xEE749A62 */
    /* Coefficients for approximation to erfc in [1/.35,28] */
    private static final double RB0 = -9.86494292470009928597e-03; /* 0xBF843412, 0x39E86F4A */
    private static final double RB1 = -7.99283237680523006574e-01; /* 0xBFE993BA, 0x70C285DE */
    private static final double RB2 = -1.77579549177547519889e+01; /* 0xC031C209, 0x555F995A */
    private static final double RB3 = -1.60636384855821916062e+02; /* 0xC064145D, 0x43C5ED98 */
    private static final double RB4 = -6.37566443368389627722e+02; /* 0xC083EC88, 0x1375F228 */
    private static final double RB5 = -1.02509513161107724954e+03; /* 0xC0900461, 0x6A2E5992 */
    private static final double RB6 = -4.83519191608651397019e+02; /* 0xC07E384E, 0x9BDC383F */
    private static final double SB1 = 3.03380607434824582924e+01; /* 0x403E568B, 0x261D5190 */
    private static final double SB2 = 3.25792512996573918826e+02; /* 0x40745CAE, 0x221B9F0A */
    private static final double SB3 = 1.53672958608443695994e+03; /* 0x409802EB, 0x189D5118 */
    private static final double SB4 = 3.19985821950859553908e+03; /* 0x40A8FFB7, 0x688C246A */
    private static final double SB5 = 2.55305040643316442583e+03; /* 0x40A3F219, 0xCEDF3BE6 */
    private static final double SB6 = 4.74528541206955367215e+02; /* 0x407DA874, 0xE79FE763 */
    private static final double SB7 = -2.24409524465858183362e+01; /* 0xC03670E2, 0x42712D62 */

    /** The high word of {@code x}: sign, exponent and the top 20 bits of the significand. */
    private static int highWord(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 32);
    }

    /** {@code x} with the low 32 bits of its significand cleared. */
    private static double clearLowWord(double x) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(x) & 0xffffffff00000000L);
    }

    static double erf(double x) {
        int hx = highWord(x);
        int ix = hx & 0x7fffffff;
        if (ix >= 0x7ff00000) { /* erf(nan)=nan */
            int i = (hx >>> 31) << 1;
            return (double) (1 - i) + ONE / x; /* erf(+-inf)=+-1 */
        }

        if (ix < 0x3feb0000) { /* |x|<0.84375 */
            if (ix < 0x3e300000) { /* |x|<2**-28 */
                if (ix < 0x00800000) {
                    return 0.125 * (8.0 * x + EFX8 * x); /* avoid underflow */
                }
                return x + EFX * x;
            }
            double z = x * x;
            double r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
            double s = ONE + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
            double y = r / s;
            return x + x * y;
        }
        if (ix < 0x3ff40000) { /* 0.84375 <= |x| < 1.25 */
            double s = Math.abs(x) - ONE;
            double p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
            double q = ONE + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
            if (hx >= 0) {
                return ERX + p / q;
            } else {
                return -ERX - p / q;
            }
        }
        if (ix >= 0x40180000) { /* inf>|x|>=6 */
            if (hx >= 0) {
                return ONE - TINY;
            } else {
                return TINY - ONE;
            }
        }
        x = Math.abs(x);
        double s = ONE / (x * x);
        double bigR;
        double bigS;
        if (ix < 0x4006DB6E) { /* |x| < 1/0.35 */
            bigR = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
            bigS = ONE + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7
                    + s * SA8)))))));
        } else { /* |x| >= 1/0.35 */
            bigR = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
            bigS = ONE + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
        }
        double z = clearLowWord(x);
        double r = StrictMath.exp(-z * z - 0.5625) * StrictMath.exp((z - x) * (z + x) + bigR / bigS);
        if (hx >= 0) {
            return ONE - r / x;
        } else {
            return r / x - ONE;
        }
    }

    static double erfc(double x) {
        int hx = highWord(x);
        int ix = hx & 0x7fffffff;
        if (ix >= 0x7ff00000) { /* erfc(nan)=nan, erfc(+-inf)=0,2 */
            return (double) ((hx >>> 31) << 1) + ONE / x;
        }

        if (ix < 0x3feb0000) { /* |x|<0.84375 */
            if (ix < 0x3c700000) { /* |x|<2**-56 */
                return ONE - x;
            }
            double z = x * x;
            double r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
            double s = ONE + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
            double y = r / s;
            if (hx < 0x3fd00000) { /* x<1/4 */
                return ONE - (x + x * y);
            } else {
                return halfMinus(x); /* fdlibm: r = x*y; r += (x-half); return half - r; */
            }
        }
        if (ix < 0x3ff40000) { /* 0.84375 <= |x| < 1.25 */
            double s = Math.abs(x) - ONE;
            if (hx >= 0) {
                return nearOne(s); /* fdlibm: z = one-erx; return z - P/Q; */
            } else {
                double p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
                double q = ONE + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
                double z = ERX + p / q;
                return ONE + z;
            }
        }
        if (ix < 0x403c0000) { /* |x|<28 */
            if (hx < 0 && ix >= 0x40180000) {
                return TWO - TINY; /* x < -6 */
            }
            double r = tail(Math.abs(x), 0.0);
            if (hx > 0) {
                return r;
            } else {
                return TWO - r;
            }
        } else {
            if (hx > 0) {
                return TINY * TINY;
            } else {
                return TWO - TINY;
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Not fdlibm's: the last steps of erfc in double-double, an argument with a low part, and normCdf

    /**
     * erfc(x + xl) for 1.25 <= x < 28 and |xl| <= ulp(x) (the argument as an unevaluated sum):
     * fdlibm's formula exp(-x*x - 0.5625 + R/S) / x with fdlibm's R/S, all in double-double, so that one
     * rounding is left where fdlibm's {@code exp(-z*z-0.5625)*exp((z-x)*(z+x)+R/S)/x} rounds four times
     * (up to 2.5 ulps); the low part enters 1/x^2, the exponent as -2 x xl (its square is below 2^-100 of
     * it) and the divisor as x + xl.
     */
    static double tail(double x, double xl) {
        int ix = highWord(x) & 0x7fffffff;
        double[] s = DoubleDouble.inverseSquare(x, xl);
        double[] rs = ix < 0x4006DB6D /* |x| < 1/.35 ~ 2.857143 */
                ? DoubleDouble.ratio(s[0], s[1], RA, SA)
                : DoubleDouble.ratio(s[0], s[1], RB, SB);
        double z = clearLowWord(x);
        // -x*x = -z*z + (z-x)*(z+x), and -z*z - 0.5625 is exact (z has 21 significant bits)
        double u = (z - x) * (z + x);
        double b = u + rs[0];
        double bl = DoubleDouble.sumError(u, rs[0], b) + rs[1] - 2.0 * x * xl;
        return DoubleDouble.expOver(-z * z - 0.5625, b, bl, x, xl);
    }

    private static final double[] RA = {RA0, RA1, RA2, RA3, RA4, RA5, RA6, RA7};
    private static final double[] SA = {ONE, SA1, SA2, SA3, SA4, SA5, SA6, SA7, SA8};
    private static final double[] RB = {RB0, RB1, RB2, RB3, RB4, RB5, RB6};
    private static final double[] SB = {ONE, SB1, SB2, SB3, SB4, SB5, SB6, SB7};

    private static final double[] PP = {PP0, PP1, PP2, PP3, PP4};
    private static final double[] QQ = {ONE, QQ1, QQ2, QQ3, QQ4, QQ5};

    /**
     * erfc(x) for 0.25 <= x < 0.84375: fdlibm's 0.5 - ((x - 0.5) + x R(x^2)), in double-double: the
     * roundings of x*x and of R reach the result (0.23 to 0.72) almost whole in fdlibm (up to 2 ulps).
     */
    static double halfMinus(double x) {
        return DoubleDouble.halfMinus(x, PP, QQ);
    }

    private static final double[] PA = {PA0, PA1, PA2, PA3, PA4, PA5, PA6};
    private static final double[] QA = {ONE, QA1, QA2, QA3, QA4, QA5, QA6};

    /**
     * erfc(1 + s) for 0.84375 <= 1 + s < 1.25: fdlibm's (1 - c) - P1(s)/Q1(s), with P1/Q1 in
     * double-double. P1/Q1 (up to 0.078) is of the size of the result (0.08 to 0.24), so fdlibm's roundings
     * in it reach the result whole (up to 2 ulps); here one rounding is left.
     */
    static double nearOne(double s) {
        return DoubleDouble.minusRatio(ONE - ERX, s, PA, QA); /* 1 - erx is exact: erx has 24 bits */
    }

    /** 1/sqrt(2) rounded to double. */
    private static final double INV_SQRT2 = 0.7071067811865476;
    /** 1/sqrt(2) - INV_SQRT2, rounded. */
    private static final double INV_SQRT2_LOW = -4.833646656726457e-17;
    /** 1/sqrt(pi) rounded. */
    private static final double INV_SQRT_PI = 0.5641895835477563;

    /**
     * The standard normal CDF 0.5 erfc(-x/sqrt(2)), with -x/sqrt(2) carried as t + tl: erfc magnifies
     * the rounding error of t by up to 2 t^2 in relative terms (400 ulps at x = -30). In the lower tail the
     * low part goes into {@link #tail}; elsewhere the first-order term -2/sqrt(pi) exp(-t^2) tl is added.
     */
    static double normCdf(double x) {
        double t = -x * INV_SQRT2;
        if (!(Math.abs(x) < 64.0)) { /* 0, 1 or NaN: no low part needed, nor safe to split x */
            return 0.5 * erfc(t);
        }
        double tl = DoubleDouble.productError(-x, INV_SQRT2, t) - x * INV_SQRT2_LOW;
        if (t >= 1.25 && t < 28) {
            return 0.5 * tail(t, tl);
        }
        return 0.5 * erfc(t) - INV_SQRT_PI * StrictMath.exp(-t * t) * tl;
    }
}
