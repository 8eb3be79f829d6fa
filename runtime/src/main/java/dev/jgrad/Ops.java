package dev.jgrad;

import dev.jgrad.runtime.Shapes;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Array operations in the vocabulary of {@code jax.numpy}, for {@code double[]} vectors and rectangular
 * {@code double[][]} matrices: {@code import static dev.jgrad.Ops.*;} and write
 * <pre>{@code   return mean(square(sub(add(matvec(x, w), b), y)));   // jnp.mean((x @ w + b - y) ** 2) }</pre>
 *
 * <p>Every method runs eagerly as plain Java, anywhere, and returns a freshly allocated array (never one of
 * its arguments, which it leaves unchanged). Inside a {@code @Grad} or {@code @Jit} method the processor
 * differentiates the same calls: it lowers each one into the loops that this class runs, which do the same
 * floating-point operations in the same order, so a generated method computes the same value bit for bit.
 * The scalar functions ({@link #sigmoid(double)}, {@link #softplus(double)}, {@link #relu(double)},
 * {@link #erf}, {@link #erfc}, {@link #normCdf}, {@link #stopGradient(double)}) are primitives of their
 * own with derivatives of their own.
 *
 * <p>Shapes follow numpy: a vector has shape {@code [n]}, a matrix {@code [rows][cols]} (every row as long
 * as row 0). Element-wise binary ops broadcast a scalar against an array, and a vector of length
 * {@code cols} along the rows of a matrix. Wrong shapes throw {@link IllegalArgumentException} naming
 * the op and both shapes, e.g. {@code add: shapes [3] and [4] do not match}; a ragged matrix throws
 * {@code sum: a ragged double[][] (row 2 has 3 entries, row 0 has 4)} (see {@link Shapes}).
 *
 * <p>Sums are sequential, in index order (a matrix row by row), from {@code 0.0}. Where a function has a
 * kink ({@code abs}, {@code relu}, {@code max}, {@code min}), the derivative follows the README's kink
 * rule: a tie passes the derivative to the first argument, or to the first of equal entries.
 */
public final class Ops {
    private Ops() {}

    // ==========================================================================================
    // Creation

    /** A vector of {@code n} zeros ({@code jnp.zeros(n)}). */
    public static double[] zeros(int n) {
        return new double[n];
    }

    /** An {@code n} by {@code m} matrix of zeros ({@code jnp.zeros((n, m))}). */
    public static double[][] zeros(int n, int m) {
        return new double[n][m];
    }

    /** A vector of {@code n} ones ({@code jnp.ones(n)}). */
    public static double[] ones(int n) {
        return full(n, 1.0);
    }

    /** An {@code n} by {@code m} matrix of ones ({@code jnp.ones((n, m))}). */
    public static double[][] ones(int n, int m) {
        return full(n, m, 1.0);
    }

    /** A vector of {@code n} entries equal to {@code v} ({@code jnp.full(n, v)}). */
    public static double[] full(int n, double v) {
        double[] r = new double[n];
        java.util.Arrays.fill(r, v);
        return r;
    }

    /** An {@code n} by {@code m} matrix of entries equal to {@code v} ({@code jnp.full((n, m), v)}). */
    public static double[][] full(int n, int m, double v) {
        double[][] r = new double[n][m];
        for (double[] row : r) {
            java.util.Arrays.fill(row, v);
        }
        return r;
    }

    // ==========================================================================================
    // Element-wise binary ops, with numpy broadcasting

    // add

    /**
     * {@code a + b} element-wise ({@code jnp.add}): vectors of the same length.
     *
     * @throws IllegalArgumentException {@code add: shapes [n] and [m] do not match}
     */
    public static double[] add(double[] a, double[] b) {
        return zip("add", a, b, ADD);
    }

    /** {@code a + b} for every entry of {@code a} and the scalar {@code b}. */
    public static double[] add(double[] a, double b) {
        return zip(a, b, ADD);
    }

    /** {@code a + b} for the scalar {@code a} and every entry of {@code b}. */
    public static double[] add(double a, double[] b) {
        return zip(a, b, ADD);
    }

    /**
     * {@code a + b} element-wise: matrices of the same shape.
     *
     * @throws IllegalArgumentException for a ragged matrix or shapes that differ
     */
    public static double[][] add(double[][] a, double[][] b) {
        return zip("add", a, b, ADD);
    }

    /**
     * {@code a + b} with the vector {@code b} broadcast along the rows of {@code a}: {@code r[i][j] = a[i][j] + b[j]}.
     *
     * @throws IllegalArgumentException for a ragged matrix, or {@code b.length != cols(a)}
     */
    public static double[][] add(double[][] a, double[] b) {
        return zip("add", a, b, ADD);
    }

    /**
     * {@code a + b} with the vector {@code a} broadcast along the rows of {@code b}: {@code r[i][j] = a[j] + b[i][j]}.
     *
     * @throws IllegalArgumentException for a ragged matrix, or {@code a.length != cols(b)}
     */
    public static double[][] add(double[] a, double[][] b) {
        return zip("add", a, b, ADD);
    }

    /**
     * {@code a + b} for every entry of {@code a} and the scalar {@code b}.
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] add(double[][] a, double b) {
        return zip("add", a, b, ADD);
    }

    /**
     * {@code a + b} for the scalar {@code a} and every entry of {@code b}.
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] add(double a, double[][] b) {
        return zip("add", a, b, ADD);
    }

    // sub

    /**
     * {@code a - b} element-wise ({@code jnp.subtract}): vectors of the same length.
     *
     * @throws IllegalArgumentException {@code sub: shapes [n] and [m] do not match}
     */
    public static double[] sub(double[] a, double[] b) {
        return zip("sub", a, b, SUB);
    }

    /** {@code a - b} for every entry of {@code a} and the scalar {@code b}. */
    public static double[] sub(double[] a, double b) {
        return zip(a, b, SUB);
    }

    /** {@code a - b} for the scalar {@code a} and every entry of {@code b}. */
    public static double[] sub(double a, double[] b) {
        return zip(a, b, SUB);
    }

    /**
     * {@code a - b} element-wise: matrices of the same shape.
     *
     * @throws IllegalArgumentException for a ragged matrix or shapes that differ
     */
    public static double[][] sub(double[][] a, double[][] b) {
        return zip("sub", a, b, SUB);
    }

    /**
     * {@code a - b} with the vector {@code b} broadcast along the rows of {@code a}: {@code r[i][j] = a[i][j] - b[j]}.
     *
     * @throws IllegalArgumentException for a ragged matrix, or {@code b.length != cols(a)}
     */
    public static double[][] sub(double[][] a, double[] b) {
        return zip("sub", a, b, SUB);
    }

    /**
     * {@code a - b} with the vector {@code a} broadcast along the rows of {@code b}: {@code r[i][j] = a[j] - b[i][j]}.
     *
     * @throws IllegalArgumentException for a ragged matrix, or {@code a.length != cols(b)}
     */
    public static double[][] sub(double[] a, double[][] b) {
        return zip("sub", a, b, SUB);
    }

    /**
     * {@code a - b} for every entry of {@code a} and the scalar {@code b}.
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] sub(double[][] a, double b) {
        return zip("sub", a, b, SUB);
    }

    /**
     * {@code a - b} for the scalar {@code a} and every entry of {@code b}.
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] sub(double a, double[][] b) {
        return zip("sub", a, b, SUB);
    }

    // mul

    /**
     * {@code a * b} element-wise ({@code jnp.multiply}): vectors of the same length.
     *
     * @throws IllegalArgumentException {@code mul: shapes [n] and [m] do not match}
     */
    public static double[] mul(double[] a, double[] b) {
        return zip("mul", a, b, MUL);
    }

    /** {@code a * b} for every entry of {@code a} and the scalar {@code b}. */
    public static double[] mul(double[] a, double b) {
        return zip(a, b, MUL);
    }

    /** {@code a * b} for the scalar {@code a} and every entry of {@code b}. */
    public static double[] mul(double a, double[] b) {
        return zip(a, b, MUL);
    }

    /**
     * {@code a * b} element-wise: matrices of the same shape.
     *
     * @throws IllegalArgumentException for a ragged matrix or shapes that differ
     */
    public static double[][] mul(double[][] a, double[][] b) {
        return zip("mul", a, b, MUL);
    }

    /**
     * {@code a * b} with the vector {@code b} broadcast along the rows of {@code a}: {@code r[i][j] = a[i][j] * b[j]}.
     *
     * @throws IllegalArgumentException for a ragged matrix, or {@code b.length != cols(a)}
     */
    public static double[][] mul(double[][] a, double[] b) {
        return zip("mul", a, b, MUL);
    }

    /**
     * {@code a * b} with the vector {@code a} broadcast along the rows of {@code b}: {@code r[i][j] = a[j] * b[i][j]}.
     *
     * @throws IllegalArgumentException for a ragged matrix, or {@code a.length != cols(b)}
     */
    public static double[][] mul(double[] a, double[][] b) {
        return zip("mul", a, b, MUL);
    }

    /**
     * {@code a * b} for every entry of {@code a} and the scalar {@code b}.
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] mul(double[][] a, double b) {
        return zip("mul", a, b, MUL);
    }

    /**
     * {@code a * b} for the scalar {@code a} and every entry of {@code b}.
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] mul(double a, double[][] b) {
        return zip("mul", a, b, MUL);
    }

    // div

    /**
     * {@code a / b} element-wise ({@code jnp.divide}): vectors of the same length.
     *
     * @throws IllegalArgumentException {@code div: shapes [n] and [m] do not match}
     */
    public static double[] div(double[] a, double[] b) {
        return zip("div", a, b, DIV);
    }

    /** {@code a / b} for every entry of {@code a} and the scalar {@code b}. */
    public static double[] div(double[] a, double b) {
        return zip(a, b, DIV);
    }

    /** {@code a / b} for the scalar {@code a} and every entry of {@code b}. */
    public static double[] div(double a, double[] b) {
        return zip(a, b, DIV);
    }

    /**
     * {@code a / b} element-wise: matrices of the same shape.
     *
     * @throws IllegalArgumentException for a ragged matrix or shapes that differ
     */
    public static double[][] div(double[][] a, double[][] b) {
        return zip("div", a, b, DIV);
    }

    /**
     * {@code a / b} with the vector {@code b} broadcast along the rows of {@code a}: {@code r[i][j] = a[i][j] / b[j]}.
     *
     * @throws IllegalArgumentException for a ragged matrix, or {@code b.length != cols(a)}
     */
    public static double[][] div(double[][] a, double[] b) {
        return zip("div", a, b, DIV);
    }

    /**
     * {@code a / b} with the vector {@code a} broadcast along the rows of {@code b}: {@code r[i][j] = a[j] / b[i][j]}.
     *
     * @throws IllegalArgumentException for a ragged matrix, or {@code a.length != cols(b)}
     */
    public static double[][] div(double[] a, double[][] b) {
        return zip("div", a, b, DIV);
    }

    /**
     * {@code a / b} for every entry of {@code a} and the scalar {@code b}.
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] div(double[][] a, double b) {
        return zip("div", a, b, DIV);
    }

    /**
     * {@code a / b} for the scalar {@code a} and every entry of {@code b}.
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] div(double a, double[][] b) {
        return zip("div", a, b, DIV);
    }

    /** {@code Math.pow(x, p)} of every entry ({@code jnp.power(x, p)}). */
    public static double[] pow(double[] x, double p) {
        return zip(x, p, Math::pow);
    }

    /**
     * {@code Math.pow(x, p)} of every entry ({@code jnp.power(x, p)}).
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] pow(double[][] x, double p) {
        return zip("pow", x, p, Math::pow);
    }

    // ==========================================================================================
    // Element-wise unary ops

    /** {@code -x} of every entry ({@code jnp.negative}). */
    public static double[] neg(double[] x) {
        return map(x, NEG);
    }

    /**
     * {@code -x} of every entry ({@code jnp.negative}).
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] neg(double[][] x) {
        return map("neg", x, NEG);
    }

    /** {@code Math.abs(x)} of every entry ({@code jnp.abs}). */
    public static double[] abs(double[] x) {
        return map(x, ABS);
    }

    /**
     * {@code Math.abs(x)} of every entry ({@code jnp.abs}).
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] abs(double[][] x) {
        return map("abs", x, ABS);
    }

    /** {@code x * x} of every entry ({@code jnp.square}). */
    public static double[] square(double[] x) {
        return map(x, SQUARE);
    }

    /**
     * {@code x * x} of every entry ({@code jnp.square}).
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] square(double[][] x) {
        return map("square", x, SQUARE);
    }

    /** {@code Math.sqrt(x)} of every entry ({@code jnp.sqrt}). */
    public static double[] sqrt(double[] x) {
        return map(x, SQRT);
    }

    /**
     * {@code Math.sqrt(x)} of every entry ({@code jnp.sqrt}).
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] sqrt(double[][] x) {
        return map("sqrt", x, SQRT);
    }

    /** {@code Math.exp(x)} of every entry ({@code jnp.exp}). */
    public static double[] exp(double[] x) {
        return map(x, EXP);
    }

    /**
     * {@code Math.exp(x)} of every entry ({@code jnp.exp}).
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] exp(double[][] x) {
        return map("exp", x, EXP);
    }

    /** {@code Math.log(x)} (natural logarithm) of every entry ({@code jnp.log}). */
    public static double[] log(double[] x) {
        return map(x, LOG);
    }

    /**
     * {@code Math.log(x)} (natural logarithm) of every entry ({@code jnp.log}).
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] log(double[][] x) {
        return map("log", x, LOG);
    }

    /** {@code Math.log1p(x)} of every entry ({@code jnp.log1p}). */
    public static double[] log1p(double[] x) {
        return map(x, LOG1P);
    }

    /**
     * {@code Math.log1p(x)} of every entry ({@code jnp.log1p}).
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] log1p(double[][] x) {
        return map("log1p", x, LOG1P);
    }

    /** {@code Math.tanh(x)} of every entry ({@code jnp.tanh}). */
    public static double[] tanh(double[] x) {
        return map(x, TANH);
    }

    /**
     * {@code Math.tanh(x)} of every entry ({@code jnp.tanh}).
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] tanh(double[][] x) {
        return map("tanh", x, TANH);
    }

    /** {@link #sigmoid(double)} of every entry ({@code jax.nn.sigmoid}). */
    public static double[] sigmoid(double[] x) {
        return map(x, SIGMOID);
    }

    /**
     * {@link #sigmoid(double)} of every entry ({@code jax.nn.sigmoid}).
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] sigmoid(double[][] x) {
        return map("sigmoid", x, SIGMOID);
    }

    /** {@link #relu(double)} of every entry ({@code jax.nn.relu}). */
    public static double[] relu(double[] x) {
        return map(x, RELU);
    }

    /**
     * {@link #relu(double)} of every entry ({@code jax.nn.relu}).
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] relu(double[][] x) {
        return map("relu", x, RELU);
    }

    /** {@link #softplus(double)} of every entry ({@code jax.nn.softplus}). */
    public static double[] softplus(double[] x) {
        return map(x, SOFTPLUS);
    }

    /**
     * {@link #softplus(double)} of every entry ({@code jax.nn.softplus}).
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] softplus(double[][] x) {
        return map("softplus", x, SOFTPLUS);
    }

    // ==========================================================================================
    // Scalar functions (primitives of their own)

    /**
     * The logistic function {@code 1 / (1 + exp(-x))} ({@code jax.nn.sigmoid}), computed without overflow:
     * {@code 1 / (1 + exp(-x))} for {@code x >= 0}, {@code e / (1 + e)} with {@code e = exp(x)} below.
     * Its derivative is {@code r (1 - r)}.
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * {@code log(1 + exp(x))} ({@code jax.nn.softplus}), computed without overflow as
     * {@code max(x, 0) + log1p(exp(-|x|))}. Its derivative is {@link #sigmoid(double)}.
     */
    public static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /**
     * {@code max(x, 0)} ({@code jax.nn.relu}). Its derivative is 1 for {@code x >= 0} (at the kink the
     * tie passes to {@code x}, as for {@code Math.max}) and 0 below.
     */
    public static double relu(double x) {
        return Math.max(x, 0.0);
    }

    /**
     * The error function {@code 2/sqrt(pi) * integral from 0 to x of exp(-t^2) dt}
     * ({@code jax.scipy.special.erf}), with an error below one ulp (fdlibm's algorithm).
     */
    public static double erf(double x) {
        return Erf.erf(x);
    }

    /**
     * The complementary error function {@code 1 - erf(x)} ({@code jax.scipy.special.erfc}), accurate to
     * below one ulp also where it is tiny (up to {@code x = 26.5}, where it underflows).
     */
    public static double erfc(double x) {
        return Erf.erfc(x);
    }

    /**
     * The standard normal cumulative distribution function {@code P(Z <= x)}
     * ({@code jax.scipy.stats.norm.cdf}), {@code 0.5 * erfc(-x / sqrt(2))}, to full double accuracy in
     * both tails ({@code normCdf(-30)} is {@code 4.906713927148187e-198}). Its derivative is the normal
     * density {@code exp(-x^2 / 2) / sqrt(2 pi)}.
     */
    public static double normCdf(double x) {
        return Erf.normCdf(x);
    }

    /** {@code x}, with a derivative of zero ({@code jax.lax.stop_gradient}). */
    public static double stopGradient(double x) {
        return x;
    }

    /** A copy of {@code x}, with a derivative of zero ({@code jax.lax.stop_gradient}). */
    public static double[] stopGradient(double[] x) {
        return x.clone();
    }

    /**
     * A copy of {@code x}, rows copied too, with a derivative of zero ({@code jax.lax.stop_gradient}).
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] stopGradient(double[][] x) {
        int cols = Shapes.width(x);
        double[][] r = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            r[i] = row("stopGradient", x, i, cols).clone();
        }
        return r;
    }

    // ==========================================================================================
    // Reductions

    /** The sum of the entries ({@code jnp.sum}), added in index order from 0.0; 0.0 for no entries. */
    public static double sum(double[] x) {
        double s = 0.0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    /**
     * The sum of all entries ({@code jnp.sum}), added row by row from 0.0; 0.0 for no entries.
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double sum(double[][] x) {
        return sumAll("sum", x);
    }

    /** The mean of the entries ({@code jnp.mean}): {@link #sum(double[])} divided by the count; NaN for none. */
    public static double mean(double[] x) {
        return sum(x) / (double) x.length;
    }

    /**
     * The mean of all entries ({@code jnp.mean}): {@link #sum(double[][])} divided by the count; NaN for none.
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double mean(double[][] x) {
        return sumAll("mean", x) / ((double) x.length * Shapes.width(x));
    }

    /**
     * The largest entry ({@code jnp.max}), by {@code Math.max} in index order (NaN if any entry is NaN);
     * of equal entries the first gets the derivative.
     *
     * @throws IllegalArgumentException {@code max: an empty array has no max}
     */
    public static double max(double[] x) {
        Shapes.nonEmpty("max", x.length);
        return maxOf(x);
    }

    /**
     * The largest of all entries ({@code jnp.max}), by {@code Math.max} row by row.
     *
     * @throws IllegalArgumentException for a ragged or empty matrix
     */
    public static double max(double[][] x) {
        int cols = Shapes.width(x);
        if (x.length * cols == 0) {
            Shapes.rectangular("max", x);
            Shapes.nonEmpty("max", 0);
        }
        double m = x[0][0];
        for (int i = 0; i < x.length; i++) {
            for (double v : row("max", x, i, cols)) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    /**
     * The smallest entry ({@code jnp.min}), by {@code Math.min} in index order (NaN if any entry is NaN);
     * of equal entries the first gets the derivative.
     *
     * @throws IllegalArgumentException {@code min: an empty array has no min}
     */
    public static double min(double[] x) {
        Shapes.nonEmpty("min", x.length);
        double m = x[0];
        for (double v : x) {
            m = Math.min(m, v);
        }
        return m;
    }

    /**
     * The smallest of all entries ({@code jnp.min}), by {@code Math.min} row by row.
     *
     * @throws IllegalArgumentException for a ragged or empty matrix
     */
    public static double min(double[][] x) {
        int cols = Shapes.width(x);
        if (x.length * cols == 0) {
            Shapes.rectangular("min", x);
            Shapes.nonEmpty("min", 0);
        }
        double m = x[0][0];
        for (int i = 0; i < x.length; i++) {
            for (double v : row("min", x, i, cols)) {
                m = Math.min(m, v);
            }
        }
        return m;
    }

    /**
     * The inner product {@code sum of a[i] * b[i]} ({@code jnp.dot} of two vectors).
     *
     * @throws IllegalArgumentException {@code dot: shapes [n] and [m] do not match}
     */
    public static double dot(double[] a, double[] b) {
        int n = Shapes.contract("dot", a, b);
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * The Euclidean norm {@code sqrt(sum of x[i]^2)} ({@code jnp.linalg.norm} of a vector), without
     * rescaling (it overflows where the sum of squares does). Its gradient at the zero vector is NaN, as JAX's.
     */
    public static double norm2(double[] x) {
        double s = 0.0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /**
     * {@code log(sum of exp(x[i]))} ({@code jax.nn.logsumexp}), computed stably around the largest entry
     * {@code m} as {@code m + log(sum of exp(x[i] - m))}; {@code -Infinity} for no entries.
     */
    public static double logSumExp(double[] x) {
        if (x.length == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double m = maxOf(x);
        double c = m - m == 0.0 ? m : 0.0; // an infinite or NaN max is not subtracted
        double s = 0.0;
        for (double v : x) {
            s += Math.exp(v - c);
        }
        return c + Math.log(s);
    }

    /**
     * The sum of each row ({@code jnp.sum(a, axis=1)}), shape {@code [rows]}.
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[] rowSums(double[][] a) {
        int cols = Shapes.width(a);
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = sum(row("rowSums", a, i, cols));
        }
        return r;
    }

    /**
     * The sum of each column ({@code jnp.sum(a, axis=0)}), shape {@code [cols]}, adding the rows in order.
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[] colSums(double[][] a) {
        int cols = Shapes.width(a);
        double[] r = new double[cols];
        for (int i = 0; i < a.length; i++) {
            double[] row = row("colSums", a, i, cols);
            for (int j = 0; j < cols; j++) {
                r[j] += row[j];
            }
        }
        return r;
    }

    /**
     * The {@link #logSumExp(double[])} of each row ({@code jax.nn.logsumexp(a, axis=1)}), shape {@code [rows]}.
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[] logSumExp(double[][] a) {
        int cols = Shapes.width(a);
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = logSumExp(row("logSumExp", a, i, cols));
        }
        return r;
    }

    // ==========================================================================================
    // Vector functions

    /**
     * {@code exp(x[i]) / sum of exp(x[j])} ({@code jax.nn.softmax}), computed as
     * {@code exp(x[i] - m) / sum of exp(x[j] - m)} with {@code m} the largest entry; empty for empty.
     */
    public static double[] softmax(double[] x) {
        double[] r = new double[x.length];
        if (x.length == 0) {
            return r;
        }
        double m = maxOf(x);
        for (int i = 0; i < x.length; i++) {
            r[i] = Math.exp(x[i] - m);
        }
        double s = sum(r);
        for (int i = 0; i < r.length; i++) {
            r[i] = r[i] / s;
        }
        return r;
    }

    /**
     * {@code x[i] - log(sum of exp(x[j]))} ({@code jax.nn.log_softmax}), computed as
     * {@code (x[i] - m) - log(sum of exp(x[j] - m))} with {@code m} the largest entry; empty for empty.
     */
    public static double[] logSoftmax(double[] x) {
        double[] r = new double[x.length];
        if (x.length == 0) {
            return r;
        }
        double m = maxOf(x);
        double s = 0.0;
        for (double v : x) {
            s += Math.exp(v - m);
        }
        double l = Math.log(s);
        for (int i = 0; i < x.length; i++) {
            r[i] = (x[i] - m) - l;
        }
        return r;
    }

    /**
     * The {@link #softmax(double[])} of each row ({@code jax.nn.softmax(a, axis=1)}).
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] softmax(double[][] a) {
        int cols = Shapes.width(a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = softmax(row("softmax", a, i, cols));
        }
        return r;
    }

    /** The running sums {@code r[i] = x[0] + ... + x[i]} ({@code jnp.cumsum}), added in order from 0.0. */
    public static double[] cumsum(double[] x) {
        double[] r = new double[x.length];
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            s += x[i];
            r[i] = s;
        }
        return r;
    }

    // ==========================================================================================
    // Linear algebra

    /**
     * The matrix-vector product {@code a x} ({@code a @ x}), shape {@code [rows(a)]}:
     * {@code r[i] = sum over j of a[i][j] * x[j]}.
     *
     * @throws IllegalArgumentException for a ragged matrix, or {@code matvec: shapes [n][m] and [k] do not match}
     */
    public static double[] matvec(double[][] a, double[] x) {
        int cols = Shapes.width(a);
        if (x == null || cols != x.length) {
            Shapes.contract("matvec", a, x);
        }
        double[] r = new double[a.length];
        int i = 0;
        // four rows at a time, each row's sum in its own order: four independent chains of additions
        // keep the floating-point unit busy where one row's chain waits on each addition; the rows are
        // checked in order before any is read, and nothing else here can throw
        for (; i < a.length - 3; i += 4) {
            double[] a0 = row("matvec", a, i, cols);
            double[] a1 = row("matvec", a, i + 1, cols);
            double[] a2 = row("matvec", a, i + 2, cols);
            double[] a3 = row("matvec", a, i + 3, cols);
            double s0 = 0.0;
            double s1 = 0.0;
            double s2 = 0.0;
            double s3 = 0.0;
            for (int j = 0; j < cols; j++) {
                double xj = x[j];
                s0 += a0[j] * xj;
                s1 += a1[j] * xj;
                s2 += a2[j] * xj;
                s3 += a3[j] * xj;
            }
            r[i] = s0;
            r[i + 1] = s1;
            r[i + 2] = s2;
            r[i + 3] = s3;
        }
        for (; i < a.length; i++) {
            double[] row = row("matvec", a, i, cols);
            double s = 0.0;
            for (int j = 0; j < cols; j++) {
                s += row[j] * x[j];
            }
            r[i] = s;
        }
        return r;
    }

    /**
     * The vector-matrix product {@code x^T a} ({@code x @ a}), shape {@code [cols(a)]}:
     * {@code r[j] = sum over i of x[i] * a[i][j]}, adding the rows in order.
     *
     * @throws IllegalArgumentException for a ragged matrix, or {@code vecmat: shapes [k] and [n][m] do not match}
     */
    public static double[] vecmat(double[] x, double[][] a) {
        int cols = Shapes.width(a);
        if (x == null || x.length != a.length) {
            Shapes.contract("vecmat", x, a);
        }
        double[] r = new double[cols];
        for (int i = 0; i < a.length; i++) {
            double[] row = row("vecmat", a, i, cols);
            double xi = x[i];
            for (int j = 0; j < cols; j++) {
                r[j] += xi * row[j];
            }
        }
        return r;
    }

    /**
     * The matrix product {@code a b} ({@code a @ b}), shape {@code [rows(a)][cols(b)]}:
     * {@code c[i][j] = sum over k of a[i][k] * b[k][j]}, added in {@code k} order from 0.0.
     *
     * @throws IllegalArgumentException for a ragged matrix, or {@code matmul: shapes [n][m] and [p][q] do not match}
     */
    public static double[][] matmul(double[][] a, double[][] b) {
        // b is checked before (its rows are read for every row of a, and not at all when a has none)
        int inner = Shapes.width(a);
        if (b == null || !Shapes.isRectangular(b) || inner != b.length) {
            Shapes.contract("matmul", a, b);
        }
        int cols = Shapes.width(b);
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            double[] ai = row("matmul", a, i, inner);
            double[] ci = new double[cols];
            c[i] = ci;
            for (int k = 0; k < b.length; k++) {
                double aik = ai[k];
                double[] bk = b[k];
                for (int j = 0; j < cols; j++) {
                    ci[j] += aik * bk[j];
                }
            }
        }
        return c;
    }

    /**
     * The transpose {@code t[j][i] = a[i][j]} ({@code a.T}), shape {@code [cols(a)][rows(a)]}.
     *
     * @throws IllegalArgumentException for a ragged matrix
     */
    public static double[][] transpose(double[][] a) {
        // checked before its result is allocated, whose shape is only known for a rectangular a
        int cols = Shapes.cols("transpose", a);
        double[][] t = new double[cols][a.length];
        for (int i = 0; i < a.length; i++) {
            double[] row = a[i];
            for (int j = 0; j < cols; j++) {
                t[j][i] = row[j];
            }
        }
        return t;
    }

    /** The outer product {@code r[i][j] = x[i] * y[j]} ({@code jnp.outer}), shape {@code [x.length][y.length]}. */
    public static double[][] outer(double[] x, double[] y) {
        double[][] r = new double[x.length][y.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                r[i][j] = x[i] * y[j];
            }
        }
        return r;
    }

    // ==========================================================================================
    // The loops behind the element-wise ops

    private static double[] map(double[] x, DoubleUnaryOperator f) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = f.applyAsDouble(x[i]);
        }
        return r;
    }

    private static double[][] map(String op, double[][] x, DoubleUnaryOperator f) {
        int cols = Shapes.width(x);
        double[][] r = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double[] xi = row(op, x, i, cols);
            double[] ri = new double[cols];
            r[i] = ri;
            for (int j = 0; j < cols; j++) {
                ri[j] = f.applyAsDouble(xi[j]);
            }
        }
        return r;
    }

    private static double[] zip(String op, double[] a, double[] b, DoubleBinaryOperator f) {
        Shapes.broadcast(op, a, b);
        return zipSame(a, b, f);
    }

    /** {@code f} of the entries of two vectors of the same length. */
    private static double[] zipSame(double[] a, double[] b, DoubleBinaryOperator f) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = f.applyAsDouble(a[i], b[i]);
        }
        return r;
    }

    private static double[] zip(double[] a, double b, DoubleBinaryOperator f) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = f.applyAsDouble(a[i], b);
        }
        return r;
    }

    private static double[] zip(double a, double[] b, DoubleBinaryOperator f) {
        double[] r = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = f.applyAsDouble(a, b[i]);
        }
        return r;
    }

    private static double[][] zip(String op, double[][] a, double[][] b, DoubleBinaryOperator f) {
        Shapes.broadcast(op, a, b);
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = zipSame(a[i], b[i], f);
        }
        return r;
    }

    private static double[][] zip(String op, double[][] a, double[] b, DoubleBinaryOperator f) {
        int cols = Shapes.width(a);
        if (b == null || cols != b.length) {
            Shapes.broadcast(op, a, b);
        }
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = zipSame(row(op, a, i, cols), b, f);
        }
        return r;
    }

    private static double[][] zip(String op, double[] a, double[][] b, DoubleBinaryOperator f) {
        int cols = Shapes.width(b);
        if (a == null || cols != a.length) {
            Shapes.broadcast(op, a, b);
        }
        double[][] r = new double[b.length][];
        for (int i = 0; i < b.length; i++) {
            r[i] = zipSame(a, row(op, b, i, cols), f);
        }
        return r;
    }

    private static double[][] zip(String op, double[][] a, double b, DoubleBinaryOperator f) {
        int cols = Shapes.width(a);
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = zip(row(op, a, i, cols), b, f);
        }
        return r;
    }

    private static double[][] zip(String op, double a, double[][] b, DoubleBinaryOperator f) {
        int cols = Shapes.width(b);
        double[][] r = new double[b.length][];
        for (int i = 0; i < b.length; i++) {
            r[i] = zip(a, row(op, b, i, cols), f);
        }
        return r;
    }

    // ==========================================================================================
    // Helpers of the reductions

    /** The sum of all entries of a matrix, row by row, each row checked as long as row 0 where it is read. */
    private static double sumAll(String op, double[][] x) {
        int cols = Shapes.width(x);
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            for (double v : row(op, x, i, cols)) {
                s += v;
            }
        }
        return s;
    }

    /**
     * Row {@code i} of {@code a}, checked as long as row 0 ({@code cols}) where a loop reads it rather
     * than in a pass of its own before: the rows before it passed, so this is the row the eager check
     * {@link Shapes#cols} names (a null row throws {@link NullPointerException} here as there).
     */
    private static double[] row(String op, double[][] a, int i, int cols) {
        double[] row = a[i];
        if (row.length != cols) {
            throw new IllegalArgumentException(Shapes.ragged(op, a));
        }
        return row;
    }

    /** {@code m = x[0]}, then {@code m = Math.max(m, v)} over every entry, the first again too. */
    private static double maxOf(double[] x) {
        double m = x[0];
        for (double v : x) {
            m = Math.max(m, v);
        }
        return m;
    }

    // The element-wise functions, constants so that the JIT inlines them into the loops above.
    private static final DoubleBinaryOperator ADD = (x, y) -> x + y;
    private static final DoubleBinaryOperator SUB = (x, y) -> x - y;
    private static final DoubleBinaryOperator MUL = (x, y) -> x * y;
    private static final DoubleBinaryOperator DIV = (x, y) -> x / y;
    private static final DoubleUnaryOperator NEG = x -> -x;
    private static final DoubleUnaryOperator ABS = Math::abs;
    private static final DoubleUnaryOperator SQUARE = x -> x * x;
    private static final DoubleUnaryOperator SQRT = Math::sqrt;
    private static final DoubleUnaryOperator EXP = Math::exp;
    private static final DoubleUnaryOperator LOG = Math::log;
    private static final DoubleUnaryOperator LOG1P = Math::log1p;
    private static final DoubleUnaryOperator TANH = Math::tanh;
    private static final DoubleUnaryOperator SIGMOID = Ops::sigmoid;
    private static final DoubleUnaryOperator RELU = Ops::relu;
    private static final DoubleUnaryOperator SOFTPLUS = Ops::softplus;
}
