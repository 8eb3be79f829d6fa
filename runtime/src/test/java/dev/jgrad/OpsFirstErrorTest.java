package dev.jgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jgrad.runtime.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The eager ops check a matrix's rows where their loops read them, not in a pass before: they throw
 * what the checks of {@link Shapes} run first would throw, for every combination of a ragged matrix
 * (a short or long row at the start, in the middle, at the end, a null row before or after it, no
 * rows, an empty row 0) with a vector of the wrong length or null, or a second matrix: the same
 * exception type and, for an {@link IllegalArgumentException}, the same message; and nothing where
 * those checks pass.
 */
class OpsFirstErrorTest {
    @FunctionalInterface
    interface Call {
        void run() throws Throwable;
    }

    private static Throwable thrown(Call c) {
        try {
            c.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static int cases;

    /** {@code op} throws what {@code checks} (the eager checks, run first) throw, or nothing if they pass. */
    private static void same(String what, Call checks, Call op) {
        cases++;
        Throwable expected = thrown(checks);
        Throwable got = thrown(op);
        if (expected == null) {
            assertNull(got, what);
            return;
        }
        assertEquals(expected.getClass(), got == null ? null : got.getClass(), what + ": " + got);
        if (expected instanceof IllegalArgumentException) {
            assertEquals(expected.getMessage(), got.getMessage(), what);
        }
    }

    private static double[] row(int n) {
        double[] r = new double[n];
        Arrays.fill(r, 0.5);
        return r;
    }

    /** Matrices of three columns (or none), the odd ones named. */
    private static List<Object[]> matrices() {
        List<Object[]> out = new ArrayList<>();
        out.add(new Object[] {"5x3", new double[][] {row(3), row(3), row(3), row(3), row(3)}});
        out.add(new Object[] {"row 1 short", new double[][] {row(3), row(2), row(3), row(3), row(3)}});
        out.add(new Object[] {"row 0 short", new double[][] {row(2), row(3), row(3), row(3), row(3)}});
        out.add(new Object[] {"last row long", new double[][] {row(3), row(3), row(3), row(3), row(4)}});
        out.add(new Object[] {"null row", new double[][] {row(3), row(3), null, row(3), row(3)}});
        out.add(new Object[] {"null row, then ragged", new double[][] {row(3), row(3), null, row(3), row(1)}});
        out.add(new Object[] {"ragged, then null row", new double[][] {row(3), row(1), row(3), null, row(3)}});
        out.add(new Object[] {"null row 0", new double[][] {null, row(3)}});
        out.add(new Object[] {"no rows", new double[0][]});
        out.add(new Object[] {"empty rows", new double[][] {row(0), row(0)}});
        out.add(new Object[] {"empty row 0, ragged", new double[][] {row(0), row(3), row(3)}});
        out.add(new Object[] {"null", null});
        return out;
    }

    private static List<Object[]> vectors() {
        List<Object[]> out = new ArrayList<>();
        for (int n : new int[] {0, 2, 3, 5}) {
            out.add(new Object[] {"[" + n + "]", row(n)});
        }
        out.add(new Object[] {"null", null});
        return out;
    }

    @Test
    void everyOpWithAMatrixThrowsTheFirstErrorOfItsChecks() {
        for (Object[] am : matrices()) {
            String an = (String) am[0];
            double[][] a = (double[][]) am[1];
            same("sum " + an, () -> Shapes.rectangular("sum", a), () -> Ops.sum(a));
            same("mean " + an, () -> Shapes.rectangular("mean", a), () -> Ops.mean(a));
            same("max " + an, () -> Shapes.nonEmpty("max", a.length * Shapes.cols("max", a)), () -> Ops.max(a));
            same("min " + an, () -> Shapes.nonEmpty("min", a.length * Shapes.cols("min", a)), () -> Ops.min(a));
            same("rowSums " + an, () -> Shapes.rectangular("rowSums", a), () -> Ops.rowSums(a));
            same("colSums " + an, () -> Shapes.rectangular("colSums", a), () -> Ops.colSums(a));
            same("logSumExp " + an, () -> Shapes.rectangular("logSumExp", a), () -> Ops.logSumExp(a));
            same("softmax " + an, () -> Shapes.rectangular("softmax", a), () -> Ops.softmax(a));
            same("stopGradient " + an, () -> Shapes.rectangular("stopGradient", a), () -> Ops.stopGradient(a));
            same("transpose " + an, () -> Shapes.rectangular("transpose", a), () -> Ops.transpose(a));
            same("exp " + an, () -> Shapes.rectangular("exp", a), () -> Ops.exp(a));
            same("square " + an, () -> Shapes.rectangular("square", a), () -> Ops.square(a));
            same("pow " + an, () -> Shapes.rectangular("pow", a), () -> Ops.pow(a, 2.0));
            same("add(m, s) " + an, () -> Shapes.rectangular("add", a), () -> Ops.add(a, 1.0));
            same("mul(s, m) " + an, () -> Shapes.rectangular("mul", a), () -> Ops.mul(2.0, a));
            for (Object[] vm : vectors()) {
                String what = an + " and " + vm[0];
                double[] v = (double[]) vm[1];
                same("matvec " + what, () -> Shapes.contract("matvec", a, v), () -> Ops.matvec(a, v));
                same("vecmat " + what, () -> Shapes.contract("vecmat", v, a), () -> Ops.vecmat(v, a));
                same("add(m, v) " + what, () -> Shapes.broadcast("add", a, v), () -> Ops.add(a, v));
                same("sub(v, m) " + what, () -> Shapes.broadcast("sub", v, a), () -> Ops.sub(v, a));
            }
            for (Object[] bm : matrices()) {
                String what = an + " and " + bm[0];
                double[][] b = (double[][]) bm[1];
                same("matmul " + what, () -> Shapes.contract("matmul", a, b), () -> Ops.matmul(a, b));
                same("div(m, m) " + what, () -> Shapes.broadcast("div", a, b), () -> Ops.div(a, b));
            }
        }
        assertEquals(12 * (15 + 5 * 4 + 12 * 2), cases);
    }

    /** Rows of three columns for {@code matmul}'s second operand, which the first's width must match. */
    @Test
    void aProductWithARaggedFirstOperandOfTheRightWidth() {
        double[][] b = {row(2), row(2), row(2)};
        for (Object[] am : matrices()) {
            double[][] a = (double[][]) am[1];
            same("matmul " + am[0], () -> Shapes.contract("matmul", a, b), () -> Ops.matmul(a, b));
        }
    }
}
