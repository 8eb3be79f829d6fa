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
     * lanes, W3's 32 and W1's 100 faster); never without it (the four sums already keep the adder busy,
     * and the scalar kernel measured slower). False for {@code n <= 0}.
     */
    public static boolean dot4Pays(int n) {
        return VECTOR && n >= 4 * LANES;
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
