package dev.jgrad.runtime;

/**
 * Dot products for {@code @Jit} code: a loop {@code for (int j = 0; j < n; j++) s += a[j] * b[j];} becomes
 * {@code s += Simd.dot(a, b, n);}, whose additions run in another order (several sums at once, then added
 * up), which {@code @Jit} allows. Java's strict order keeps the JIT from running such a loop in vector
 * lanes; these methods do. Likewise {@link #tanh} computes the {@code tanh} of an array's entries in
 * vector lanes, where the Vector API has a vector formulation of it.
 *
 * <p>The kernel is chosen once, when this class is initialised: the Vector API ({@code
 * jdk.incubator.vector}) when the JVM has that module (it was started with {@code --add-modules
 * jdk.incubator.vector}) and {@code -Djgrad.simd=false} is not set; otherwise plain Java with several
 * independent sums. The two give the same results within rounding (a few units in the last place of
 * the sum of the products' magnitudes), not the same bits.
 *
 * <p>Exceptions are those of the loop: for {@code n <= 0} nothing is read (a null array included) and
 * the sum is {@code -0.0}, which leaves any {@code s} unchanged; an array that is null throws a
 * {@link NullPointerException}; when {@code n} is larger than an array, the products are added in the
 * loop's order until the loop's {@link ArrayIndexOutOfBoundsException}, at the same index of the same
 * array.
 */
public final class Simd {
    /** The JVM's module of the Vector API. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** Whether the Vector API kernels run: constant, so that the JIT keeps only one branch. */
    private static final boolean VECTOR = vectorKernels();
    /** Doubles per vector of the Vector API kernels; 0 without them. */
    private static final int LANES = VECTOR ? VectorKernels.lanes() : 0;
    /**
     * The shortest dot product that the scalar kernel computes faster than one strict sum (measured on
     * JDK 17, AVX-512: 0.7 times the loop's time at 32 entries, 1.4 times at 10).
     */
    static final int SCALAR_MIN = 32;
    /**
     * The shortest four dot products that the scalar kernel (eight sums, {@link Math#fma}) computes faster than
     * the loop of four sums (measured on JDK 17, AVX-512, in one JMH run: W1's 100 entries 0.83 times the
     * loop form's gradient, W3's 32 0.85; W2's 20 1.04).
     */
    static final int SCALAR4_MIN = 32;

    private Simd() {}

    private static boolean vectorKernels() {
        if ("false".equals(System.getProperty("jgrad.simd"))
                || ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return false;
        }
        try {
            // loaded only here, when the module is there: without it the class would not link
            return VectorKernels.lanes() >= 2;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** The kernel in use, for reports: {@code "Vector API, 8 lanes"} or {@code "scalar"}. */
    public static String kernel() {
        return VECTOR ? "Vector API, " + VectorKernels.lanes() + " lanes" : "scalar";
    }

    /** Whether the Vector API kernels are in use. */
    public static boolean vector() {
        return VECTOR;
    }

    /**
     * Whether {@link #dot} with {@code n} entries is faster than the loop: with the Vector API from two
     * vectors on, else from {@value #SCALAR_MIN} entries. False for {@code n <= 0}. Generated code keeps
     * the loop for the other lengths.
     */
    public static boolean dotPays(int n) {
        return n >= (VECTOR ? 2 * LANES : SCALAR_MIN);
    }

    /**
     * Whether {@link #dot4} with {@code n} entries is faster than the loop that runs the four sums
     * together: with the Vector API from four vectors on (W2's 20 entries measured 8 % slower with 8
     * lanes, W3's 32 and W1's 100 faster); without it from {@value #SCALAR4_MIN} entries on. False for
     * {@code n <= 0}.
     */
    public static boolean dot4Pays(int n) {
        return n >= (VECTOR ? 4 * LANES : SCALAR4_MIN);
    }

    /** {@code a[0] * b[0] + ... + a[n - 1] * b[n - 1]}, in any order of the additions. */
    public static double dot(double[] a, double[] b, int n) {
        if (n <= 0) {
            return -0.0;
        }
        if (n > a.length || n > b.length) {
            return inOrder(a, b, n);
        }
        return VECTOR ? VectorKernels.dot(a, b, n) : ScalarKernels.dot(a, b, n);
    }

    /**
     * The four dot products of {@code a} with {@code b0} to {@code b3} over {@code [0, n)}, into {@code
     * out[0]} to {@code out[3]}: {@code a} is read once for the four (four rows of a batch against one
     * row of weights). When {@code n} is larger than an array, the products are added in the order of
     * four loops run one after the other until the first of them fails.
     */
    public static void dot4(double[] out, double[] a, double[] b0, double[] b1, double[] b2, double[] b3, int n) {
        if (n <= 0) {
            out[0] = -0.0;
            out[1] = -0.0;
            out[2] = -0.0;
            out[3] = -0.0;
            return;
        }
        int len = a.length;
        if (n > len || n > b0.length || n > b1.length || n > b2.length || n > b3.length) {
            out[0] = inOrder(a, b0, n);
            out[1] = inOrder(a, b1, n);
            out[2] = inOrder(a, b2, n);
            out[3] = inOrder(a, b3, n);
            return;
        }
        if (VECTOR) {
            VectorKernels.dot4(out, a, b0, b1, b2, b3, n);
        } else {
            ScalarKernels.dot4(out, a, b0, b1, b2, b3, n);
        }
    }

    /**
     * The most entries of the transposed copy of a matrix that {@link #matVec4} makes ({@code m * d}): 4
     * million doubles, 32 MB; larger layers keep their loops.
     */
    static final long PANEL_MAX = 1L << 22;

    /**
     * Whether {@link #matVec4} with {@code m} rows of {@code d} entries is faster than the loop over the
     * rows of four dot products: with the Vector API from one vector of rows on ({@code m >= 8} with
     * AVX-512), for {@code d > 0} and {@code m * d} at most {@value #PANEL_MAX}; never without it (the
     * loop's four sums, as before). False for {@code m <= 0} or {@code d <= 0}.
     */
    public static boolean matVec4Pays(int m, int d) {
        return VECTOR && m >= LANES && d > 0 && (long) m * d <= PANEL_MAX;
    }

    /**
     * A dense layer for four inputs at once, in i-k-j order: {@code hc[k] += w[k][0] * xc[0] + ... + w[k][d - 1]
     * * xc[d - 1]} for {@code k < m} and {@code c} from 0 to 3, each entry's products added to it in the order
     * of {@code j} (with the Vector API as fused multiply-adds, one rounding each, the entries {@code k} in
     * vector lanes: no sum across lanes, unlike {@link #dot4}; without it, the loop below itself). The loop {@code for (k < m) { double a = b[k]; for
     * (j < d) a += w[k][j] * x[i][j]; h[k] = a; }} of four rows that {@code @Jit} runs together becomes the
     * stores {@code h[k] = b[k]} and this call.
     *
     * <p>The vector lanes need {@code w} by columns: {@code panel[0]} holds {@code w} transposed ({@code d}
     * rows of {@code m}), made by the first call that finds it null or of another size and reused by the
     * next calls, which the caller makes with the same {@code w}, {@code m} and {@code d}, its entries
     * unchanged (generated code declares a new {@code panel} before each run of the loop of groups).
     *
     * <p>Exceptions are those of the loop {@code for (k < m) for (j < d) { h0[k] += w[k][j] * x0[j]; ...;
     * h3[k] += w[k][j] * x3[j]; }} (a null or short array or row: the same exception, after the same
     * stores); for {@code m <= 0} or {@code d <= 0} nothing is read.
     */
    public static void matVec4(double[][] panel, double[][] w, double[] x0, double[] x1, double[] x2, double[] x3,
            double[] h0, double[] h1, double[] h2, double[] h3, int m, int d) {
        if (m <= 0 || d <= 0) {
            return;
        }
        if (!VECTOR || (long) m * d > PANEL_MAX || !fits(w, x0, x1, x2, x3, h0, h1, h2, h3, m, d)) {
            ScalarKernels.matVec4(w, x0, x1, x2, x3, h0, h1, h2, h3, m, d);
            return;
        }
        double[] t = panel[0];
        if (t == null || t.length != m * d) {
            t = transposed(w, m, d);
            panel[0] = t;
        }
        VectorKernels.matVec4(t, x0, x1, x2, x3, h0, h1, h2, h3, m, d);
    }

    /** Whether every array the loop of {@link #matVec4} reads or writes is there and long enough. */
    private static boolean fits(double[][] w, double[] x0, double[] x1, double[] x2, double[] x3,
            double[] h0, double[] h1, double[] h2, double[] h3, int m, int d) {
        if (w == null || w.length < m || x0 == null || x1 == null || x2 == null || x3 == null
                || x0.length < d || x1.length < d || x2.length < d || x3.length < d
                || h0 == null || h1 == null || h2 == null || h3 == null
                || h0.length < m || h1.length < m || h2.length < m || h3.length < m) {
            return false;
        }
        for (int k = 0; k < m; k++) {
            if (w[k] == null || w[k].length < d) {
                return false;
            }
        }
        return true;
    }

    /** {@code w}'s first {@code m} rows' first {@code d} entries by columns: entry {@code (k, j)} at {@code j * m + k}. */
    static double[] transposed(double[][] w, int m, int d) {
        double[] t = new double[m * d];
        for (int k = 0; k < m; k++) {
            double[] row = w[k];
            for (int j = 0, o = k; j < d; j++, o += m) {
                t[o] = row[j];
            }
        }
        return t;
    }

    /**
     * Whether {@link #tanh} runs in vector lanes ({@link VectorTanh}): with the Vector API on x86-64, where it was
     * measured (2.4 to 3.7 ns an entry with AVX-512, as the Vector API's own {@code TANH}, an SVML stub, against 11 to
     * 19 ns for {@link JitMath#tanh} in a loop, JDK 17); elsewhere {@link JitMath#tanh} entry by entry.
     */
    private static final boolean VECTOR_TANH = VECTOR && svml(System.getProperty("os.arch", ""), System.getProperty("os.name", ""));

    /** Whether this is a platform where the vector {@code tanh} was measured: x86-64 on Linux or Windows. */
    static boolean svml(String arch, String os) {
        return (arch.equals("amd64") || arch.equals("x86_64")) && (os.startsWith("Linux") || os.startsWith("Windows"));
    }

    /** The kernel of {@link #tanh} in use, for reports: {@code "Vector API, 8 lanes"} or {@code "JitMath.tanh"}. */
    public static String tanhKernel() {
        return VECTOR_TANH ? "Vector API, " + VectorKernels.lanes() + " lanes" : "JitMath.tanh";
    }

    /**
     * Replaces {@code a[0]} to {@code a[n - 1]} by their hyperbolic tangents, each within {@value
     * JitMath#TANH_MAX_ULPS} ulps of {@code StrictMath.tanh} (the bound of {@link JitMath#tanh}; {@code
     * -0.0}, NaN, the infinities and subnormals give what {@code Math.tanh} gives): in vector lanes with
     * the Vector API on x86-64 ({@link #tanhKernel}; the same bits for an argument wherever it is in the array, and in
     * every tier of the JIT), else by {@link JitMath#tanh} entry by entry. The
     * {@code @Jit} loop {@code for (k..n) h[k] = Math.tanh(a);} becomes a loop that stores each {@code a}
     * into {@code h[k]} and this call. Exceptions are those of the loop {@code for (j..n) a[j] =
     * JitMath.tanh(a[j]);}: for {@code n <= 0} nothing is read (a null array included); a null array
     * throws a {@link NullPointerException}; when {@code n} is larger than the array, the entries are
     * replaced up to its end and the loop's {@link ArrayIndexOutOfBoundsException} follows.
     */
    public static void tanh(double[] a, int n) {
        if (n <= 0) {
            return;
        }
        int m = Math.min(n, a.length);
        if (VECTOR_TANH) {
            VectorKernels.tanh(a, m);
        } else {
            ScalarKernels.tanh(a, m);
        }
        if (n > m) {
            a[m] = JitMath.tanh(a[m]); // throws as the loop does, at index a.length
        }
    }

    /** The loop itself, in its order: it throws where the loop throws. */
    static double inOrder(double[] a, double[] b, int n) {
        double s = -0.0;
        for (int j = 0; j < n; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
