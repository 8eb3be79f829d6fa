package dev.jgrad.runtime;

/**
 * Faster formulations of transcendental functions, for the code that {@code @Jit} generates (never for
 * {@code @Grad} alone, whose value equals the source's bit for bit). Each is accurate to a few ulps
 * everywhere, within {@code @Jit}'s tolerance, as XLA's are; {@code -0.0}, NaN, the infinities, huge
 * arguments and subnormals give what {@code Math} gives. Results are the same from call to call and
 * from thread to thread on one JVM.
 *
 * <p>{@link #tanh}: on JDK 17 to 23, where {@code Math.tanh} is {@code StrictMath}'s fdlibm code and no
 * intrinsic, Cephes' formulation on {@code Math.exp} (which HotSpot compiles to an intrinsic), at most
 * {@value #TANH_MAX_ULPS} ulps from {@code StrictMath.tanh} (measured over millions of arguments): 6.0 ns
 * a call against 19 ns (thread CPU time, arguments uniform in [-3, 3]). On JDK 24 and later on x86-64,
 * {@code Math.tanh} is an intrinsic; alone in a loop it measured 10.4 ns against this formulation's
 * 5.8 ns, but in the natural W3 MLP's {@code @Jit @Grad} gradient it was the faster (1,656 us a call
 * against 1,795 on JDK 25), so there {@link #tanh} is {@code Math.tanh}, chosen once when this class is
 * initialised (a {@code static final} that the JIT folds).
 *
 * <p>{@link #log1p}: {@code Math.log1p} is {@code StrictMath}'s fdlibm code on every JDK, and no intrinsic (on
 * JDK 17 a native call: 8.3 ns against {@code Math.log}'s 5.7); this formulation, a table of 128 logarithms and
 * a polynomial of degree 8, takes 5.1 ns alone and about half the time of {@code Math.log1p} in W2's loop, on
 * JDK 17 and 25, at most {@value #LOG1P_MAX_ULPS} ulp from {@code StrictMath.log1p}.
 *
 * <p>{@link #exp}: {@code Math.exp} is a HotSpot intrinsic, but a general one (its own checks of every range);
 * this formulation, a table of 128 powers of two and a polynomial of degree 5 on arguments below 700 in
 * magnitude ({@code Math.exp} beyond), took W2's gradient from 106 to 89 us a call on 5,000 samples (JDK 17),
 * at most {@value #EXP_MAX_ULPS} ulp from {@code StrictMath.exp}.
 *
 * <p>Public for generated code; not an API for users.
 */
public final class JitMath {
    /** The largest error of {@link #tanh} measured against {@code StrictMath.tanh}, in its ulps (JitMathTest). */
    public static final int TANH_MAX_ULPS = 2;

    /** The largest error of {@link #log1p} measured against {@code StrictMath.log1p}, in its ulps (JitMathTest). */
    public static final int LOG1P_MAX_ULPS = 1;

    /** Whether {@code Math.tanh} is HotSpot's intrinsic here (x86-64, JDK 24 and later): then it is used. */
    private static final boolean INTRINSIC_TANH = intrinsicTanh(Runtime.version().feature(), System.getProperty("os.arch", ""));

    // Cephes' tanh.c: tanh(x) = x + x s P(s)/Q(s), s = x*x, for |x| < 0.625 (Q monic); VectorTanh's too
    static final double P0 = -9.64399179425052238628E-1;
    static final double P1 = -9.92877231001918586564E1;
    static final double P2 = -1.61468768441708447952E3;
    static final double Q0 = 1.12811678491632931402E2;
    static final double Q1 = 2.23548839060100448583E3;
    static final double Q2 = 4.84406305325125486048E3;

    private JitMath() {}

    /** The hyperbolic tangent of {@code x}, within {@value #TANH_MAX_ULPS} ulps: {@link #tanhByExp}, or {@code Math.tanh} where that is an intrinsic. */
    public static double tanh(double x) {
        return INTRINSIC_TANH ? Math.tanh(x) : tanhByExp(x);
    }

    /**
     * Cephes' tanh on {@code Math.exp}, {@code 1 - 2/(exp(2|x|) + 1)} with the sign of {@code x} for {@code |x| >= 0.625},
     * a rational function of {@code x*x} below; {@code +-1} beyond 22, where {@code tanh} rounds to
     * {@code +-1}. {@code +-0}, subnormals ({@code x + x * s * ...} with {@code x * s} zero: {@code x}
     * itself) and NaN come out as {@code Math.tanh} gives them.
     */
    static double tanhByExp(double x) {
        double z = Math.abs(x);
        if (z >= 0.625) {
            // NaN compares false and falls through to the polynomial, which keeps it
            double t = z > 22 ? 1.0 : 1.0 - 2.0 / (Math.exp(2.0 * z) + 1.0);
            return x < 0 ? -t : t;
        }
        if (z == 0) {
            return x; // -0.0 too, which the sum below would make +0.0
        }
        double s = x * x;
        double p = (P0 * s + P1) * s + P2;
        double q = ((s + Q0) * s + Q1) * s + Q2;
        return x + x * s * (p / q);
    }

    /** The largest error of {@link #exp} measured against {@code StrictMath.exp}, in its ulps (JitMathTest). */
    public static final int EXP_MAX_ULPS = 1;

    /** {@code ln 2} in two parts: {@code k * LN2_HI} is exact for {@code |k| < 2^20} (fdlibm's split). */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** The coefficients of {@code log1p(r) = r - r^2/2 + r^3/3 - ... - r^8/8}, enough for {@code |r| <= 2^-7}. */
    private static final double THIRD = 1.0 / 3;
    private static final double FIFTH = 1.0 / 5;
    private static final double SIXTH = 1.0 / 6;
    private static final double SEVENTH = 1.0 / 7;

    /**
     * {@code log(1 + x)}, within {@value #LOG1P_MAX_ULPS} ulp of {@code StrictMath.log1p}. With {@code u = 1 + x =
     * 2^k m}, {@code m} in {@code [0.6875, 1.375)} and {@code t} the centre of {@code m}'s piece of {@link Log1pTable}:
     * {@code log1p(x) = k ln2 + log(t) + log1p(r)}, {@code r = (m - t) / t} at most {@code 2^-7}, and {@code m - t} is
     * computed from {@code x} exactly, as {@code x 2^-k + (2^-k - t)} (both sums cancel, {@code 2^-k - t} is exact),
     * not from {@code u}, which lost {@code x}'s last bits. {@code -0.0}, subnormals and every {@code |x| <= 2^-53}
     * give {@code x}; below {@code -0.5} ({@code 1 + x} exact there), NaN, {@code -1} ({@code -Infinity}), below
     * {@code -1} (NaN), the infinities and beyond {@code 2^1000} ({@code log1p(x) = log(x)} in doubles) it is
     * {@code Math.log(1 + x)}.
     */
    public static double log1p(double x) {
        double u = 1.0 + x;
        if (!(u >= 0.5 && u < 0x1p1000)) {
            return Math.log(u);
        }
        if (u == 1.0) {
            return x; // +-0 and |x| <= 2^-53, where log1p(x) rounds to x
        }
        long bits = Double.doubleToRawLongBits(u) - Log1pTable.OFFSET;
        int k = (int) (bits >> 52);
        int at = 4 * ((int) (bits >>> 45) & (Log1pTable.N - 1));
        double[] table = Log1pTable.TABLE;
        double scale = Double.longBitsToDouble((long) (0x3ff - k) << 52); // 2^-k, k in [-1, 1000]
        double r = (x * scale + (scale - table[at])) * table[at + 1];
        double r2 = r * r;
        double p = (-0.5 + r * THIRD) + r2 * ((-0.25 + r * FIFTH) + r2 * ((-SIXTH + r * SEVENTH) + r2 * -0.125));
        double dk = k;
        double t1 = dk * LN2_HI + table[at + 2];
        double hi = t1 + r;
        double lo = (t1 - hi) + r; // the error of hi, exactly (|t1| >= |r| unless t1 is 0)
        return hi + (lo + (r2 * p + (dk * LN2_LO + table[at + 3])));
    }

    /** {@code 128 / ln 2}, and {@code ln 2 / 128} in two parts: {@code k * EXP_LN2_HI} is exact for {@code |k| < 2^17}. */
    private static final double EXP_INV_LN2 = 0x1.71547652b82fep+7;
    private static final double EXP_LN2_HI = 0x1.62e42fefa0000p-8;
    private static final double EXP_LN2_LO = 0x1.cf79abc9e3b3ap-47;
    /** {@code 1.5 * 2^52}: adding it rounds a double below {@code 2^51} to an integer, left in the low bits. */
    private static final double SHIFT = 0x1.8p52;

    /**
     * {@code e^x}, within {@value #EXP_MAX_ULPS} ulp of {@code StrictMath.exp}. With {@code k} the integer nearest to
     * {@code 128 x / ln 2} and {@code r = x - k ln2 / 128} (at most {@code ln2 / 256}), {@code e^x = 2^(k/128) e^r}:
     * {@code 2^(k/128)} from {@link ExpTable} (its exponent from {@code k}'s high bits), {@code e^r - 1} by its
     * Taylor polynomial of degree 5. {@code -0.0} gives 1; NaN, the infinities and every {@code |x| >= 700} (where the
     * result overflows, or is below {@code 1e-304}, subnormal or zero) are {@code Math.exp(x)}.
     */
    public static double exp(double x) {
        if (!(Math.abs(x) < 700)) {
            return Math.exp(x);
        }
        double kd = EXP_INV_LN2 * x + SHIFT;
        long ki = Double.doubleToRawLongBits(kd); // k in the low bits
        kd -= SHIFT;
        double r = x - kd * EXP_LN2_HI - kd * EXP_LN2_LO;
        int at = 2 * ((int) ki & (ExpTable.N - 1));
        double tail = Double.longBitsToDouble(ExpTable.TABLE[at]);
        double scale = Double.longBitsToDouble(ExpTable.TABLE[at + 1] + (ki << 45));
        double r2 = r * r;
        double p = tail + r + r2 * (0.5 + r * SIXTH) + r2 * r2 * (1.0 / 24 + r * (1.0 / 120));
        return scale + scale * p;
    }

    /** Whether {@code Math.tanh} is HotSpot's intrinsic on JDK {@code feature} and {@code arch}: x86-64, JDK 24 and later. */
    static boolean intrinsicTanh(int feature, String arch) {
        return feature >= 24 && (arch.equals("amd64") || arch.equals("x86_64"));
    }
}
