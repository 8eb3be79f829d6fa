package dev.jgrad;

/**
 * The few double-double operations (a value as an unevaluated sum {@code hi + lo} of two doubles, about
 * 106 significant bits) that keep the tails of erfc and normCdf within one ulp. Error-free transformations
 * after Dekker and Knuth, without FMA, so results are the same on every platform.
 */
final class DoubleDouble {
    private DoubleDouble() {}

    /** 2^27 + 1: splits a double into two halves of 26 significant bits. */
    private static final double SPLIT = 134217729.0;
    private static final double INV_LN2 = 1.44269504088896338700e+00; /* 0x3FF71547, 0x652B82FE */
    /** ln 2 in two parts, fdlibm's: the high part has 32 significant bits, so k * LN2_HI is exact. */
    private static final double LN2_HI = 6.93147180369123816490e-01; /* 0x3FE62E42, 0xFEE00000 */
    private static final double LN2_LO = 1.90821492927058770002e-10; /* 0x3DEA39EF, 0x35793C76 */
    /** 1/3!, 1/4!, ..., 1/16!: the Taylor coefficients of exp after the first three; 0.35^17/17! < 2^-70. */
    private static final double[] EXP_TAIL = new double[14];

    static {
        double f = 2.0;
        for (int i = 0; i < EXP_TAIL.length; i++) {
            f *= i + 3;
            EXP_TAIL[i] = 1.0 / f;
        }
    }

    /** The rounding error {@code a + b - s} of {@code s = a + b}, exactly (Knuth's two-sum). */
    static double sumError(double a, double b, double s) {
        double bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }

    /** The rounding error {@code a * b - p} of {@code p = a * b}, exactly (Dekker's product). */
    static double productError(double a, double b, double p) {
        double ca = SPLIT * a;
        double ah = ca - (ca - a);
        double al = a - ah;
        double cb = SPLIT * b;
        double bh = cb - (cb - b);
        double bl = b - bh;
        return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
    }

    /**
     * {@code exp(a + b + bl) / (c + d)} rounded once (twice where the result is subnormal), for
     * {@code a + b} in [-1100, 1] with {@code |b| < 1}, {@code |bl| <= ulp(b)}, {@code c >= 1} and
     * {@code |d| <= ulp(c)}.
     */
    static double expOver(double a, double b, double bl, double c, double d) {
        double sh = a + b;
        double sl = sumError(a, b, sh) + bl;
        // a + b = k ln2 + r, |r| <= 0.35, r in double-double
        double k = Math.rint(sh * INV_LN2);
        double kh = k * LN2_HI;
        double rh = sh - kh;
        double rl = sumError(sh, -kh, rh) + (sl - k * LN2_LO);
        double h = rh + rl;
        rl = rl - (h - rh);
        rh = h;
        // exp(r) = 1 + r + r^2/2 + r^3 q(r): the first three terms in double-double, the rest (below
        // 0.008, so that the roundings of plain doubles stay below 2^-62 of the result) in double
        double q = EXP_TAIL[EXP_TAIL.length - 1];
        for (int i = EXP_TAIL.length - 2; i >= 0; i--) {
            q = EXP_TAIL[i] + rh * q;
        }
        double r2 = rh * rh;
        double r2l = productError(rh, rh, r2) + 2.0 * rh * rl;
        double eh = 1.0 + rh;
        double el = sumError(1.0, rh, eh);
        double half = 0.5 * r2;
        double e2 = eh + half;
        el += sumError(eh, half, e2) + (rl + 0.5 * r2l + r2 * rh * q);
        eh = e2 + el;
        el = el - (eh - e2);
        // (eh, el) / (c + d)
        double qh = eh / c;
        double qc = qh * c;
        double ql = ((eh - qc) - productError(qh, c, qc) + el - qh * d) / c;
        return Math.scalb(qh + ql, (int) k);
    }

    /** {@code 1 / (xh + xl)^2} as {@code {hi, lo}}, for {@code |xl| <= ulp(xh)}. */
    static double[] inverseSquare(double xh, double xl) {
        double sh = xh * xh;
        double sl = productError(xh, xh, sh) + 2.0 * xh * xl;
        double qh = 1.0 / sh;
        double ql = ((1.0 - qh * sh) - productError(qh, sh, qh * sh) - qh * sl) / sh;
        return new double[] {qh, ql};
    }

    /**
     * {@code z - p(s) / q(s)} rounded once, for polynomials given by their coefficients from the constant
     * term up, evaluated by Horner's rule in double-double, with {@code |p(s)/q(s)| <= |z|}.
     */
    static double minusRatio(double z, double s, double[] p, double[] q) {
        double[] r = ratio(s, 0.0, p, q);
        double h = z - r[0];
        return h + (sumError(z, -r[0], h) - r[1]);
    }

    /**
     * {@code 0.5 - ((x - 0.5) + x p(x^2) / q(x^2))} rounded once, for 0.25 <= x <= 1 (then {@code x - 0.5}
     * is exact), with {@code x^2} and the rest in double-double.
     */
    static double halfMinus(double x, double[] p, double[] q) {
        double zh = x * x;
        double[] y = ratio(zh, productError(x, x, zh), p, q);
        // (yh, yl) = x * y
        double yh = x * y[0];
        double yl = productError(x, y[0], yh) + x * y[1];
        // (sh, sl) = (x - 0.5) + (yh, yl)
        double d = x - 0.5;
        double sh = d + yh;
        double sl = sumError(d, yh, sh) + yl;
        double h = 0.5 - sh;
        return h + (sumError(0.5, -sh, h) - sl);
    }

    /** {@code p(s) / q(s)} for {@code s = sh + sl}, as {@code {hi, lo}}. */
    static double[] ratio(double sh, double sl, double[] p, double[] q) {
        // Horner's rule for both at once: two independent chains, which the processor overlaps
        double nh = 0.0;
        double nl = 0.0;
        double mh = 0.0;
        double ml = 0.0;
        for (int k = Math.max(p.length, q.length) - 1; k >= 0; k--) {
            if (k < p.length) {
                // (nh, nl) = (nh, nl) * (sh, sl) + p[k]
                double x = nh * sh;
                double xl = productError(nh, sh, x) + (nl * sh + nh * sl);
                double y = x + p[k];
                double yl = sumError(x, p[k], y) + xl;
                nh = y + yl;
                nl = yl - (nh - y);
            }
            if (k < q.length) {
                double x = mh * sh;
                double xl = productError(mh, sh, x) + (ml * sh + mh * sl);
                double y = x + q[k];
                double yl = sumError(x, q[k], y) + xl;
                mh = y + yl;
                ml = yl - (mh - y);
            }
        }
        double rh = nh / mh;
        double rq = rh * mh;
        double rl = ((nh - rq) - productError(rh, mh, rq) + nl - rh * ml) / mh;
        double h = rh + rl;
        return new double[] {h, rl - (h - rh)};
    }
}
