package dev.jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op of {@link Ops} against a reference written differently (streams, index arithmetic over a flat
 * row-major layout), bit for bit where ops-spec fixes the order, at shapes 0, 1, odd and large; results are
 * fresh arrays and arguments are left unchanged.
 */
class OpsTest {
    static final int[] LENGTHS = {0, 1, 7, 1000};
    static final int[][] SHAPES = {{0, 0}, {3, 0}, {1, 1}, {7, 5}, {300, 200}};

    static IntStream lengths() {
        return Arrays.stream(LENGTHS);
    }

    static Stream<int[]> shapes() {
        return Arrays.stream(SHAPES);
    }

    static double[] vector(int n, long seed) {
        Random r = new Random(seed * 31 + n);
        return DoubleStream.generate(() -> r.nextDouble() * 4 - 2).limit(n).toArray();
    }

    static double[] positive(int n, long seed) {
        return Arrays.stream(vector(n, seed)).map(v -> Math.abs(v) + 0.25).toArray();
    }

    static double[][] matrix(int rows, int cols, long seed) {
        double[] flat = vector(rows * cols, seed);
        return IntStream.range(0, rows).mapToObj(i -> Arrays.copyOfRange(flat, i * cols, (i + 1) * cols))
                .toArray(double[][]::new);
    }

    static double[][] deepCopy(double[][] a) {
        return Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
    }

    /** The sequential sum {@code ((0.0 + t0) + t1) + ...} of {@code n} terms, as a stream reduction. */
    static double seqSum(int n, java.util.function.IntToDoubleFunction term) {
        return IntStream.range(0, n).mapToDouble(term).reduce(0.0, (s, t) -> s + t);
    }

    static int cols(double[][] a) {
        return a.length == 0 ? 0 : a[0].length;
    }

    /** Builds a rows x cols matrix from a function of the flat row-major index. */
    static double[][] fromFlat(int rows, int cols, java.util.function.IntToDoubleFunction f) {
        double[][] r = new double[rows][cols];
        for (int k = 0; k < rows * cols; k++) {
            r[k / cols][k % cols] = f.applyAsDouble(k);
        }
        return r;
    }

    static void assertMatrixEquals(double[][] want, double[][] got) {
        assertEquals(want.length, got.length, "rows");
        for (int i = 0; i < want.length; i++) {
            assertArrayEquals(want[i], got[i], 0.0, "row " + i);
        }
    }

    static void assertFresh(double[][] result, double[][]... args) {
        for (double[][] a : args) {
            assertNotSame(a, result);
            for (double[] row : result) {
                for (double[] argRow : a) {
                    assertNotSame(argRow, row);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Element-wise binary ops

    record Binary(String name, DoubleBinaryOperator f, VV vv, VS vs, SV sv, MM mm, MV mv, VM vm, MS ms, SM sm) {}

    interface VV { double[] apply(double[] a, double[] b); }
    interface VS { double[] apply(double[] a, double b); }
    interface SV { double[] apply(double a, double[] b); }
    interface MM { double[][] apply(double[][] a, double[][] b); }
    interface MV { double[][] apply(double[][] a, double[] b); }
    interface VM { double[][] apply(double[] a, double[][] b); }
    interface MS { double[][] apply(double[][] a, double b); }
    interface SM { double[][] apply(double a, double[][] b); }

    static List<Binary> binaries() {
        return List.of(
                new Binary("add", (x, y) -> x + y, Ops::add, Ops::add, Ops::add, Ops::add, Ops::add, Ops::add,
                        Ops::add, Ops::add),
                new Binary("sub", (x, y) -> x - y, Ops::sub, Ops::sub, Ops::sub, Ops::sub, Ops::sub, Ops::sub,
                        Ops::sub, Ops::sub),
                new Binary("mul", (x, y) -> x * y, Ops::mul, Ops::mul, Ops::mul, Ops::mul, Ops::mul, Ops::mul,
                        Ops::mul, Ops::mul),
                new Binary("div", (x, y) -> x / y, Ops::div, Ops::div, Ops::div, Ops::div, Ops::div, Ops::div,
                        Ops::div, Ops::div));
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void binaryOpsOnVectorsAndScalarsMatchTheReference(Binary op) {
        for (int n : LENGTHS) {
            double[] a = vector(n, 1);
            double[] b = positive(n, 2);
            double s = 1.375;
            double[] a0 = a.clone();
            double[] b0 = b.clone();
            double[] vv = op.vv().apply(a, b);
            assertArrayEquals(IntStream.range(0, n).mapToDouble(i -> op.f().applyAsDouble(a0[i], b0[i])).toArray(),
                    vv, 0.0);
            assertArrayEquals(Arrays.stream(a0).map(v -> op.f().applyAsDouble(v, s)).toArray(),
                    op.vs().apply(a, s), 0.0);
            assertArrayEquals(Arrays.stream(b0).map(v -> op.f().applyAsDouble(s, v)).toArray(),
                    op.sv().apply(s, b), 0.0);
            assertNotSame(a, vv);
            assertNotSame(b, vv);
            assertNotSame(a, op.vs().apply(a, s));
            assertNotSame(b, op.sv().apply(s, b));
            assertArrayEquals(a0, a, 0.0);
            assertArrayEquals(b0, b, 0.0);
        }
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void binaryOpsOnMatricesBroadcastAsNumpy(Binary op) {
        DoubleBinaryOperator f = op.f();
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            double[][] a = matrix(rows, cols, 3);
            double[][] b = matrix(rows, cols, 4);
            double[] v = positive(cols, 5);
            double s = -0.625;
            double[][] a0 = deepCopy(a);
            double[][] b0 = deepCopy(b);
            double[] v0 = v.clone();
            double[] fa = Arrays.stream(a0).flatMapToDouble(DoubleStream::of).toArray();
            double[] fb = Arrays.stream(b0).flatMapToDouble(DoubleStream::of).toArray();

            double[][] mm = op.mm().apply(a, b);
            assertMatrixEquals(fromFlat(rows, cols, k -> f.applyAsDouble(fa[k], fb[k])), mm);
            double[][] mv = op.mv().apply(a, v);
            assertMatrixEquals(fromFlat(rows, cols, k -> f.applyAsDouble(fa[k], v0[k % cols])), mv);
            double[][] vm = op.vm().apply(v, b);
            assertMatrixEquals(fromFlat(rows, cols, k -> f.applyAsDouble(v0[k % cols], fb[k])), vm);
            double[][] ms = op.ms().apply(a, s);
            assertMatrixEquals(fromFlat(rows, cols, k -> f.applyAsDouble(fa[k], s)), ms);
            double[][] sm = op.sm().apply(s, b);
            assertMatrixEquals(fromFlat(rows, cols, k -> f.applyAsDouble(s, fb[k])), sm);

            assertFresh(mm, a, b);
            assertFresh(mv, a);
            assertFresh(vm, b);
            assertFresh(ms, a);
            assertFresh(sm, b);
            assertMatrixEquals(a0, a);
            assertMatrixEquals(b0, b);
            assertArrayEquals(v0, v, 0.0);
        }
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void binaryOpsRejectShapesThatDoNotBroadcast(Binary op) {
        String n = op.name();
        assertMessage(n + ": shapes [3] and [4] do not match", () -> op.vv().apply(new double[3], new double[4]));
        assertMessage(n + ": shapes [2][3] and [2][4] do not match",
                () -> op.mm().apply(new double[2][3], new double[2][4]));
        assertMessage(n + ": shapes [2][3] and [1][3] do not match",
                () -> op.mm().apply(new double[2][3], new double[1][3]));
        assertMessage(n + ": shapes [0][0] and [1][0] do not match",
                () -> op.mm().apply(new double[0][], new double[1][0]));
        assertMessage(n + ": shapes [2][3] and [2] do not match", () -> op.mv().apply(new double[2][3], new double[2]));
        assertMessage(n + ": shapes [2] and [2][3] do not match", () -> op.vm().apply(new double[2], new double[2][3]));
        double[][] ragged = {new double[4], new double[4], new double[3]};
        String raggedMessage = n + ": a ragged double[][] (row 2 has 3 entries, row 0 has 4)";
        assertMessage(raggedMessage, () -> op.mm().apply(ragged, new double[3][4]));
        assertMessage(raggedMessage, () -> op.mm().apply(new double[3][4], ragged));
        assertMessage(raggedMessage, () -> op.mv().apply(ragged, new double[4]));
        assertMessage(raggedMessage, () -> op.vm().apply(new double[4], ragged));
        assertMessage(raggedMessage, () -> op.ms().apply(ragged, 1.0));
        assertMessage(raggedMessage, () -> op.sm().apply(1.0, ragged));
    }

    @Test
    void powRaisesEveryEntry() {
        for (double p : new double[] {2.0, 0.5, -1.5, 3.0}) {
            for (int n : LENGTHS) {
                double[] x = positive(n, 6);
                double[] x0 = x.clone();
                double[] r = Ops.pow(x, p);
                assertArrayEquals(IntStream.range(0, n).mapToDouble(i -> Math.pow(x0[i], p)).toArray(), r, 0.0);
                assertNotSame(x, r);
                assertArrayEquals(x0, x, 0.0);
            }
            for (int[] s : SHAPES) {
                double[][] x = matrix(s[0], s[1], 7);
                double[][] x0 = deepCopy(x);
                double[][] r = Ops.pow(x, p);
                double[] flat = Arrays.stream(x0).flatMapToDouble(DoubleStream::of).toArray();
                assertMatrixEquals(fromFlat(s[0], s[1], k -> Math.pow(flat[k], p)), r);
                assertFresh(r, x);
                assertMatrixEquals(x0, x);
            }
        }
        assertMessage("pow: a ragged double[][] (row 1 has 1 entries, row 0 has 2)",
                () -> Ops.pow(new double[][] {{1, 2}, {3}}, 2.0));
    }

    // ------------------------------------------------------------------------------------------
    // Element-wise unary ops

    record Unary(String name, DoubleUnaryOperator f, Function<double[], double[]> v,
            Function<double[][], double[][]> m) {}

    static List<Unary> unaries() {
        List<Unary> u = new ArrayList<>();
        u.add(new Unary("neg", x -> x * -1.0, Ops::neg, Ops::neg));
        u.add(new Unary("abs", x -> x < 0 ? -x : x == 0 ? 0.0 : x, Ops::abs, Ops::abs));
        u.add(new Unary("square", x -> x * x, Ops::square, Ops::square));
        u.add(new Unary("sqrt", StrictMath::sqrt, Ops::sqrt, Ops::sqrt)); // correctly rounded either way
        u.add(new Unary("exp", Math::exp, Ops::exp, Ops::exp));
        u.add(new Unary("log", Math::log, Ops::log, Ops::log));
        u.add(new Unary("log1p", Math::log1p, Ops::log1p, Ops::log1p));
        u.add(new Unary("tanh", Math::tanh, Ops::tanh, Ops::tanh));
        u.add(new Unary("sigmoid", Ops::sigmoid, Ops::sigmoid, Ops::sigmoid));
        u.add(new Unary("relu", x -> x > 0 ? x : 0.0, Ops::relu, Ops::relu));
        u.add(new Unary("softplus", Ops::softplus, Ops::softplus, Ops::softplus));
        return u;
    }

    @ParameterizedTest
    @MethodSource("unaries")
    void unaryOpsApplyTheirFunctionToEveryEntry(Unary op) {
        boolean positiveOnly = op.name().equals("sqrt") || op.name().equals("log");
        for (int n : LENGTHS) {
            double[] x = positiveOnly ? positive(n, 8) : vector(n, 8);
            double[] x0 = x.clone();
            double[] r = op.v().apply(x);
            assertArrayEquals(Arrays.stream(x0).map(op.f()).toArray(), r, 0.0);
            assertNotSame(x, r);
            assertArrayEquals(x0, x, 0.0);
        }
        for (int[] s : SHAPES) {
            double[][] x = matrix(s[0], s[1], 9);
            if (positiveOnly) {
                x = Arrays.stream(x).map(row -> Arrays.stream(row).map(Math::abs).toArray()).toArray(double[][]::new);
            }
            double[][] x0 = deepCopy(x);
            double[][] r = op.m().apply(x);
            double[] flat = Arrays.stream(x0).flatMapToDouble(DoubleStream::of).toArray();
            assertMatrixEquals(fromFlat(s[0], s[1], k -> op.f().applyAsDouble(flat[k])), r);
            assertFresh(r, x);
            assertMatrixEquals(x0, x);
        }
        assertMessage(op.name() + ": a ragged double[][] (row 1 has 3 entries, row 0 has 2)",
                () -> op.m().apply(new double[][] {{1, 2}, {3, 4, 5}}));
    }

    @Test
    void negAndAbsKeepTheSignsOfZeros() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Ops.neg(new double[] {0.0})[0]));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Ops.abs(new double[] {-0.0})[0]));
    }

    // ------------------------------------------------------------------------------------------
    // stopGradient

    @Test
    void stopGradientCopies() {
        assertEquals(2.5, Ops.stopGradient(2.5));
        for (int n : LENGTHS) {
            double[] x = vector(n, 10);
            double[] r = Ops.stopGradient(x);
            assertArrayEquals(x, r, 0.0);
            assertNotSame(x, r);
        }
        for (int[] s : SHAPES) {
            double[][] x = matrix(s[0], s[1], 11);
            double[][] r = Ops.stopGradient(x);
            assertMatrixEquals(x, r);
            assertFresh(r, x);
        }
        assertMessage("stopGradient: a ragged double[][] (row 1 has 0 entries, row 0 has 1)",
                () -> Ops.stopGradient(new double[][] {{1}, {}}));
    }

    // ------------------------------------------------------------------------------------------
    // Creation

    @Test
    void creationFillsFreshArrays() {
        for (int n : LENGTHS) {
            assertArrayEquals(new double[n], Ops.zeros(n), 0.0);
            assertArrayEquals(DoubleStream.generate(() -> 1.0).limit(n).toArray(), Ops.ones(n), 0.0);
            assertArrayEquals(DoubleStream.generate(() -> -3.5).limit(n).toArray(), Ops.full(n, -3.5), 0.0);
        }
        for (int[] s : SHAPES) {
            assertMatrixEquals(fromFlat(s[0], s[1], k -> 0.0), Ops.zeros(s[0], s[1]));
            assertMatrixEquals(fromFlat(s[0], s[1], k -> 1.0), Ops.ones(s[0], s[1]));
            assertMatrixEquals(fromFlat(s[0], s[1], k -> 7.25), Ops.full(s[0], s[1], 7.25));
        }
        double[][] o = Ops.ones(3, 2);
        o[0][0] = 5;
        assertEquals(1.0, o[1][0], "rows are distinct arrays");
        assertNotSame(Ops.zeros(4), Ops.zeros(4));
    }

    // ------------------------------------------------------------------------------------------
    // Reductions

    @Test
    void sumAndMeanAddInOrder() {
        for (int n : LENGTHS) {
            double[] x = vector(n, 12);
            double[] x0 = x.clone();
            double want = seqSum(n, i -> x0[i]);
            assertEquals(want, Ops.sum(x), 0.0);
            assertEquals(want / n, Ops.mean(x), 0.0);
            assertArrayEquals(x0, x, 0.0);
        }
        for (int[] s : SHAPES) {
            double[][] x = matrix(s[0], s[1], 13);
            double[][] x0 = deepCopy(x);
            int c = s[1];
            double want = seqSum(s[0] * c, k -> x0[k / c][k % c]);
            assertEquals(want, Ops.sum(x), 0.0);
            assertEquals(want / (s[0] * c), Ops.mean(x), 0.0);
            assertMatrixEquals(x0, x);
        }
        assertTrue(Double.isNaN(Ops.mean(new double[0])));
        assertTrue(Double.isNaN(Ops.mean(new double[0][])));
        assertTrue(Double.isNaN(Ops.mean(new double[4][0])));
        assertEquals(0.0, Ops.sum(new double[0]));
        assertEquals(0.0, Ops.sum(new double[5][0]));
        // the order is the spec's, not a compensated one: 1e16 + 1 + 1 loses both ones
        assertEquals(1e16, Ops.sum(new double[] {1e16, 1, 1}), 0.0);
        assertEquals(1e16, Ops.sum(new double[][] {{1e16, 1}, {1, 0}}), 0.0);
        assertEquals(1e16 + 2, Ops.sum(new double[] {1, 1, 1e16}), 0.0);
        assertMessage("sum: a ragged double[][] (row 2 has 3 entries, row 0 has 4)",
                () -> Ops.sum(new double[][] {new double[4], new double[4], new double[3]}));
        assertMessage("mean: a ragged double[][] (row 1 has 1 entries, row 0 has 2)",
                () -> Ops.mean(new double[][] {new double[2], new double[1]}));
    }

    @Test
    void maxAndMinScanEveryEntry() {
        for (int n : LENGTHS) {
            if (n == 0) {
                continue;
            }
            double[] x = vector(n, 14);
            double[] x0 = x.clone();
            assertEquals(Arrays.stream(x0).reduce(x0[0], Math::max), Ops.max(x), 0.0);
            assertEquals(Arrays.stream(x0).reduce(x0[0], Math::min), Ops.min(x), 0.0);
            assertEquals(Arrays.stream(x0).max().getAsDouble(), Ops.max(x), 0.0);
            assertEquals(Arrays.stream(x0).min().getAsDouble(), Ops.min(x), 0.0);
            assertArrayEquals(x0, x, 0.0);
        }
        for (int[] s : SHAPES) {
            if (s[0] * s[1] == 0) {
                continue;
            }
            double[][] x = matrix(s[0], s[1], 15);
            double[] flat = Arrays.stream(x).flatMapToDouble(DoubleStream::of).toArray();
            assertEquals(Arrays.stream(flat).max().getAsDouble(), Ops.max(x), 0.0);
            assertEquals(Arrays.stream(flat).min().getAsDouble(), Ops.min(x), 0.0);
        }
        assertTrue(Double.isNaN(Ops.max(new double[] {1, Double.NaN, 3})));
        assertTrue(Double.isNaN(Ops.min(new double[][] {{1, 2}, {Double.NaN, 0}})));
        assertEquals(5.0, Ops.max(new double[][] {{-1, 5}, {5, 2}}));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Ops.min(new double[] {0.0, -0.0})));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Ops.max(new double[] {-0.0, 0.0})));
        assertMessage("max: an empty array has no max", () -> Ops.max(new double[0]));
        assertMessage("min: an empty array has no min", () -> Ops.min(new double[0]));
        assertMessage("max: an empty array has no max", () -> Ops.max(new double[0][]));
        assertMessage("min: an empty array has no min", () -> Ops.min(new double[3][0]));
        assertMessage("max: a ragged double[][] (row 1 has 2 entries, row 0 has 1)",
                () -> Ops.max(new double[][] {{1}, {2, 3}}));
        assertMessage("min: a ragged double[][] (row 1 has 0 entries, row 0 has 1)",
                () -> Ops.min(new double[][] {{1}, {}}));
    }

    @Test
    void dotAndNorm2AddProductsInOrder() {
        for (int n : LENGTHS) {
            double[] a = vector(n, 16);
            double[] b = vector(n, 17);
            double[] a0 = a.clone();
            double[] b0 = b.clone();
            assertEquals(seqSum(n, i -> a0[i] * b0[i]), Ops.dot(a, b), 0.0);
            assertEquals(Math.sqrt(seqSum(n, i -> a0[i] * a0[i])), Ops.norm2(a), 0.0);
            assertArrayEquals(a0, a, 0.0);
            assertArrayEquals(b0, b, 0.0);
        }
        assertEquals(5.0, Ops.norm2(new double[] {3, 4}));
        assertEquals(0.0, Ops.norm2(new double[0]));
        assertMessage("dot: shapes [3] and [4] do not match", () -> Ops.dot(new double[3], new double[4]));
    }

    @Test
    void logSumExpShiftsByTheMax() {
        for (int n : LENGTHS) {
            if (n == 0) {
                continue;
            }
            double[] x = vector(n, 18);
            double[] x0 = x.clone();
            double m = Arrays.stream(x0).max().getAsDouble();
            double want = m + Math.log(seqSum(n, i -> Math.exp(x0[i] - m)));
            assertEquals(want, Ops.logSumExp(x), 0.0);
            assertArrayEquals(x0, x, 0.0);
            // and it is log(sum(exp(x))) up to rounding
            assertEquals(Math.log(Arrays.stream(x0).map(Math::exp).sum()), Ops.logSumExp(x), 1e-13 * Math.max(1, n));
        }
        assertEquals(Double.NEGATIVE_INFINITY, Ops.logSumExp(new double[0]));
        assertEquals(1000 + Math.log(2), Ops.logSumExp(new double[] {1000, 1000}), 1e-12);
        assertEquals(-1000 + Math.log(2), Ops.logSumExp(new double[] {-1000, -1000}), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, Ops.logSumExp(new double[] {1, Double.POSITIVE_INFINITY}));
        assertEquals(Double.NEGATIVE_INFINITY,
                Ops.logSumExp(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}));
        assertEquals(2.0, Ops.logSumExp(new double[] {Double.NEGATIVE_INFINITY, 2.0}), 0.0);
        assertTrue(Double.isNaN(Ops.logSumExp(new double[] {1, Double.NaN})));
    }

    @Test
    void rowWiseReductions() {
        for (int[] s : SHAPES) {
            int rows = s[0];
            int cols = s[1];
            double[][] a = matrix(rows, cols, 19);
            double[][] a0 = deepCopy(a);
            assertArrayEquals(IntStream.range(0, rows).mapToDouble(i -> seqSum(cols, j -> a0[i][j])).toArray(),
                    Ops.rowSums(a), 0.0);
            assertArrayEquals(IntStream.range(0, cols).mapToDouble(j -> seqSum(rows, i -> a0[i][j])).toArray(),
                    Ops.colSums(a), 0.0);
            assertArrayEquals(Arrays.stream(a0).mapToDouble(Ops::logSumExp).toArray(), Ops.logSumExp(a), 0.0);
            assertMatrixEquals(a0, a);
        }
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY},
                Ops.logSumExp(new double[2][0]), 0.0);
        double[][] ragged = {{1, 2}, {3}};
        assertMessage("rowSums: a ragged double[][] (row 1 has 1 entries, row 0 has 2)", () -> Ops.rowSums(ragged));
        assertMessage("colSums: a ragged double[][] (row 1 has 1 entries, row 0 has 2)", () -> Ops.colSums(ragged));
        assertMessage("logSumExp: a ragged double[][] (row 1 has 1 entries, row 0 has 2)",
                () -> Ops.logSumExp(ragged));
    }

    // ------------------------------------------------------------------------------------------
    // Vector functions

    @Test
    void softmaxAndLogSoftmax() {
        for (int n : LENGTHS) {
            double[] x = vector(n, 20);
            double[] x0 = x.clone();
            double[] sm = Ops.softmax(x);
            double[] lsm = Ops.logSoftmax(x);
            if (n > 0) {
                double m = Arrays.stream(x0).reduce(Double.NEGATIVE_INFINITY, Math::max);
                double[] e = Arrays.stream(x0).map(v -> Math.exp(v - m)).toArray();
                double s = seqSum(n, i -> e[i]);
                assertArrayEquals(Arrays.stream(e).map(v -> v / s).toArray(), sm, 0.0);
                double l = Math.log(s);
                assertArrayEquals(Arrays.stream(x0).map(v -> (v - m) - l).toArray(), lsm, 0.0);
                assertEquals(1.0, Arrays.stream(sm).sum(), 1e-14);
            }
            assertEquals(n, sm.length);
            assertEquals(n, lsm.length);
            assertNotSame(x, sm);
            assertNotSame(x, lsm);
            assertArrayEquals(x0, x, 0.0);
        }
        assertArrayEquals(new double[] {0.5, 0.5}, Ops.softmax(new double[] {800, 800}), 0.0);
        assertArrayEquals(new double[] {-Math.log(2), -Math.log(2)}, Ops.logSoftmax(new double[] {-800, -800}), 0.0);
        for (int[] s : SHAPES) {
            double[][] a = matrix(s[0], s[1], 21);
            double[][] a0 = deepCopy(a);
            double[][] r = Ops.softmax(a);
            assertMatrixEquals(Arrays.stream(a0).map(Ops::softmax).toArray(double[][]::new), r);
            assertEquals(s[0], r.length);
            if (s[0] > 0) {
                assertEquals(s[1], r[0].length);
            }
            assertFresh(r, a);
            assertMatrixEquals(a0, a);
        }
        assertMessage("softmax: a ragged double[][] (row 1 has 1 entries, row 0 has 2)",
                () -> Ops.softmax(new double[][] {{1, 2}, {3}}));
    }

    @Test
    void cumsumRunsTheSequentialSum() {
        for (int n : LENGTHS) {
            double[] x = vector(n, 22);
            double[] x0 = x.clone();
            double[] r = Ops.cumsum(x);
            assertArrayEquals(IntStream.range(0, n).mapToDouble(i -> seqSum(i + 1, k -> x0[k])).toArray(), r, 0.0);
            assertNotSame(x, r);
            assertArrayEquals(x0, x, 0.0);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Linear algebra

    @Test
    void matvecAndVecmat() {
        for (int[] s : SHAPES) {
            int rows = s[0];
            int cols = s[1];
            double[][] a = matrix(rows, cols, 23);
            double[] x = vector(cols, 24);
            double[] y = vector(rows, 25);
            double[][] a0 = deepCopy(a);
            double[] x0 = x.clone();
            double[] y0 = y.clone();
            assertArrayEquals(IntStream.range(0, rows).mapToDouble(i -> seqSum(cols, j -> a0[i][j] * x0[j])).toArray(),
                    Ops.matvec(a, x), 0.0);
            assertArrayEquals(IntStream.range(0, cols).mapToDouble(j -> seqSum(rows, i -> y0[i] * a0[i][j])).toArray(),
                    Ops.vecmat(y, a), 0.0);
            assertNotSame(x, Ops.matvec(a, x));
            assertNotSame(y, Ops.vecmat(y, a));
            assertMatrixEquals(a0, a);
            assertArrayEquals(x0, x, 0.0);
            assertArrayEquals(y0, y, 0.0);
        }
        assertMessage("matvec: shapes [2][3] and [4] do not match", () -> Ops.matvec(new double[2][3], new double[4]));
        assertMessage("vecmat: shapes [3] and [2][3] do not match", () -> Ops.vecmat(new double[3], new double[2][3]));
        assertMessage("matvec: a ragged double[][] (row 1 has 2 entries, row 0 has 3)",
                () -> Ops.matvec(new double[][] {new double[3], new double[2]}, new double[3]));
        assertMessage("vecmat: a ragged double[][] (row 1 has 2 entries, row 0 has 3)",
                () -> Ops.vecmat(new double[2], new double[][] {new double[3], new double[2]}));
    }

    @Test
    void matmulAddsInKOrder() {
        int[][][] pairs = {
            {{0, 0}, {0, 0}}, {{2, 0}, {0, 3}}, {{0, 0}, {0, 2}}, {{1, 1}, {1, 1}}, {{7, 5}, {5, 3}},
            {{3, 1}, {1, 4}}, {{120, 90}, {90, 70}}};
        for (int[][] p : pairs) {
            double[][] a = matrix(p[0][0], p[0][1], 26);
            double[][] b = matrix(p[1][0], p[1][1], 27);
            double[][] a0 = deepCopy(a);
            double[][] b0 = deepCopy(b);
            int n = p[0][0];
            int inner = cols(a0);
            int m = cols(b0); // 0 for a matrix with no rows, whatever its declared row length
            double[][] c = Ops.matmul(a, b);
            assertMatrixEquals(fromFlat(n, m, q -> seqSum(inner, k -> a0[q / m][k] * b0[k][q % m])), c);
            assertEquals(n, c.length);
            assertFresh(c, a, b);
            assertMatrixEquals(a0, a);
            assertMatrixEquals(b0, b);
        }
        // a matrix with no rows has no columns either (a double[0][4] does not know its 4)
        assertMessage("matmul: shapes [0][0] and [4][2] do not match",
                () -> Ops.matmul(new double[0][4], new double[4][2]));
        assertMessage("matmul: shapes [2][3] and [4][5] do not match",
                () -> Ops.matmul(new double[2][3], new double[4][5]));
        assertMessage("matmul: a ragged double[][] (row 1 has 1 entries, row 0 has 2)",
                () -> Ops.matmul(new double[2][2], new double[][] {{1, 2}, {3}}));
    }

    @Test
    void transposeAndOuter() {
        for (int[] s : SHAPES) {
            double[][] a = matrix(s[0], s[1], 28);
            double[][] a0 = deepCopy(a);
            double[][] t = Ops.transpose(a);
            assertEquals(s[1], t.length);
            assertMatrixEquals(fromFlat(s[1], s[0], k -> a0[k % s[0]][k / s[0]]), t);
            assertFresh(t, a);
            assertMatrixEquals(a0, a);
        }
        for (int n : LENGTHS) {
            for (int m : new int[] {0, 1, 7, 300}) {
                double[] x = vector(n, 29);
                double[] y = vector(m, 30);
                double[][] r = Ops.outer(x, y);
                assertEquals(n, r.length);
                assertMatrixEquals(fromFlat(n, m, k -> x[k / m] * y[k % m]), r);
            }
        }
        assertMessage("transpose: a ragged double[][] (row 1 has 1 entries, row 0 has 2)",
                () -> Ops.transpose(new double[][] {{1, 2}, {3}}));
    }

    // ------------------------------------------------------------------------------------------
    // The seed's loss, as a newcomer writes it

    @Test
    void theSeedsLossInOpsFormEqualsTheLoopBitForBit() {
        double[][] x = matrix(300, 200, 31);
        double[] w = vector(200, 32);
        double b = 0.3;
        double[] y = vector(300, 33);
        double ops = Ops.mean(Ops.square(Ops.sub(Ops.add(Ops.matvec(x, w), b), y)));
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            double d = 0.0;
            for (int j = 0; j < w.length; j++) {
                d += x[i][j] * w[j];
            }
            double e = d + b - y[i];
            s += e * e;
        }
        assertEquals(s / x.length, ops, 0.0);
    }

    static void assertMessage(String message, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(message, e.getMessage());
    }
}
