package dev.jgrad.tests.fuzz;

import dev.jgrad.tests.SecondDerivatives;
import dev.jgrad.tests.fuzz.Ast.Method;
import dev.jgrad.tests.fuzz.Ast.Param;
import dev.jgrad.tests.fuzz.Ast.Program;
import dev.jgrad.tests.fuzz.DifferentialHarness.Outcome;
import dev.jgrad.tests.fuzz.Failure.Kind;
import dev.jgrad.tests.fuzz.FiniteDifferences.Estimate;
import dev.jgrad.tests.fuzz.FiniteDifferences.Verdict;
import dev.jgrad.tests.fuzz.Inputs.Slot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The checks of a method that returns {@code double[]} ({@link VectorMethods}: {@code @Jacobian},
 * {@code @Jvp}, sometimes {@code @Jit}), on random arguments:
 * <ol>
 *   <li>{@code FJacobian.g(args)}: the value the source's bit for bit, the arguments as the source
 *       leaves them, {@code m} rows of {@code n} entries (the wrt entries in parameter order), and row
 *       {@code i} equal to the gradient of the scalar wrapper {@code gAt(args, i)} (its {@code @Grad},
 *       whose value must be the source's element bit for bit) to {@link #RTOL};
 *   <li>both modes, whichever {@code g} chose at run time: every column by forward mode
 *       ({@code gColumn}) and every row by reverse mode ({@code gRow}) equal to the Jacobian's to
 *       {@link #RTOL};
 *   <li>{@code <r, g(x + t u)>} differentiated in {@code t} by finite differences of the probe (judged
 *       as the fuzzer judges a gradient) against {@code r . J u}, for random {@code r} and {@code u};
 *   <li>{@code FJvp.g(args, directions)}: the value bit for bit (to 1e-12 under {@code @Jit}), the
 *       tangent equal to {@code J d} to 1e-10 of the magnitude of its terms;
 *   <li>under {@code @Jit}: {@code FJit.g} within 1e-12 of the source, the same bits twice.
 * </ol>
 */
final class VectorCheck {
    static final double RTOL = 1e-12;

    private final Program p;
    private final Method m;
    private final ClassLoader loader;
    private final DifferentialHarness.Stats stats;
    private final int trials;
    private final List<Param> params;
    /** The wrt parameters' indices, in parameter order (the Jacobian's columns, the tangents of {@code @Jvp}). */
    private final List<Integer> wrtArgs = new ArrayList<>();
    private Object[] args;

    VectorCheck(Program p, Method m, ClassLoader loader, DifferentialHarness.Stats stats, int trials) {
        this.p = p;
        this.m = m;
        this.loader = loader;
        this.stats = stats;
        this.trials = trials;
        this.params = m.params();
    }

    private Failure fail(Kind kind, String detail) {
        return Failure.at(kind, m.name(), detail, params, args);
    }

    Failure run() {
        stats.vectorMethods.incrementAndGet();
        Class<?>[] types = params.stream().map(q -> q.type().javaClass()).toArray(Class<?>[]::new);
        Class<?>[] withVector = Arrays.copyOf(types, types.length + 1);
        withVector[types.length] = double[].class;
        Class<?>[] withI = Arrays.copyOf(types, types.length + 1);
        withI[types.length] = int.class;
        java.lang.reflect.Method source;
        java.lang.reflect.Method probe;
        java.lang.reflect.Method jacobian;
        java.lang.reflect.Method column;
        java.lang.reflect.Method row;
        java.lang.reflect.Method at;
        java.lang.reflect.Method jvp;
        java.lang.reflect.Method jit = null;
        for (Param q : m.wrtParams()) {
            wrtArgs.add(params.indexOf(q));
        }
        Class<?>[] jvpTypes = Arrays.copyOf(types, types.length + wrtArgs.size());
        for (int k = 0; k < wrtArgs.size(); k++) {
            jvpTypes[types.length + k] = types[wrtArgs.get(k)];
        }
        try {
            source = accessible(loader.loadClass(p.qualifiedName()).getDeclaredMethod(m.name(), types));
            probe = accessible(loader.loadClass(p.pkg() + "." + p.probeName()).getDeclaredMethod(m.name(), types));
            Class<?> jc = loader.loadClass(p.qualifiedName() + "Jacobian");
            jacobian = accessible(jc.getMethod(m.name(), types));
            column = accessible(jc.getDeclaredMethod(m.name() + "Column", withVector));
            row = accessible(jc.getDeclaredMethod(m.name() + "Row", withVector));
            at = accessible(loader.loadClass(p.qualifiedName() + "Grad").getMethod(VectorMethods.atName(m.name()), withI));
            jvp = accessible(loader.loadClass(p.qualifiedName() + "Jvp").getMethod(m.name(), jvpTypes));
            if (m.jit()) {
                jit = accessible(loader.loadClass(p.qualifiedName() + "Jit").getMethod(m.name(), types));
                if (jit.getReturnType() != double[].class) {
                    return fail(Kind.MISSING_GENERATED, "the @Jit " + m.name() + " returns " + jit.getReturnType());
                }
            }
        } catch (ReflectiveOperationException e) {
            return fail(Kind.MISSING_GENERATED, "reflection failed: " + e);
        }
        for (int trial = 0; trial < trials; trial++) {
            SplittableRandom r = new SplittableRandom(p.seed() * 0x9E3779B97F4A7C15L + m.name().hashCode() * 31L + trial);
            args = Inputs.random(params, r);
            stats.trials.incrementAndGet();
            Outcome src = DifferentialHarness.outcome(source, args);
            if (src.thrown() != null) {
                return fail(Kind.SOURCE_THREW, "the source method threw " + InProcessCompiler.stackTrace(src.thrown()));
            }
            double[] value = (double[]) src.result();
            if (Arrays.stream(value).anyMatch(x -> !Double.isFinite(x))) {
                stats.nonFiniteTrials.incrementAndGet();
                continue;
            }
            Probe.reset();
            Outcome pr = DifferentialHarness.outcome(probe, args);
            long path = Probe.path();
            if (pr.thrown() != null || !Arrays.equals(value, (double[]) pr.result())) {
                return fail(Kind.PROBE_MISMATCH, "the probe " + DifferentialHarness.describe(pr) + " but the source "
                        + Arrays.toString(value));
            }
            List<Slot> slots = Inputs.slots(params, wrtArgs, args);
            Failure f;
            try {
                f = trial(r, src, value, slots, path, jacobian, column, row, at, jvp, jit, probe);
            } catch (Throwable t) {
                f = fail(Kind.JACOBIAN_THREW, HessianCheck.trace(t));
            }
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private Failure trial(SplittableRandom r, Outcome src, double[] value, List<Slot> slots, long path,
            java.lang.reflect.Method jacobian, java.lang.reflect.Method column, java.lang.reflect.Method row,
            java.lang.reflect.Method at, java.lang.reflect.Method jvp, java.lang.reflect.Method jit,
            java.lang.reflect.Method probe) throws Throwable {
        stats.jacobians.incrementAndGet();
        int outputs = value.length;
        int n = slots.size();
        // 1: value, inputs, rows against @Grad of the wrapper
        Outcome o = DifferentialHarness.outcome(jacobian, args);
        if (o.thrown() != null) {
            return fail(Kind.JACOBIAN_THREW, "FJacobian." + m.name() + " threw " + HessianCheck.trace(o.thrown()));
        }
        String inputs = DifferentialHarness.inputsAsSource(o, src, params, "the @Jacobian", false);
        if (inputs != null) {
            return fail(Kind.INPUT_MODIFIED, inputs);
        }
        double[] jv = (double[]) HessianCheck.component(o.result(), "value");
        double[][] j = (double[][]) HessianCheck.component(o.result(), "jacobian");
        if (!Arrays.equals(jv, value)) {
            return fail(Kind.JACOBIAN_MISMATCH, "@Jacobian value " + Arrays.toString(jv) + " but source "
                    + Arrays.toString(value) + " (must be equal bit for bit)");
        }
        if (j.length != outputs || Arrays.stream(j).anyMatch(x -> x == null || x.length != n)) {
            return fail(Kind.JACOBIAN_MISMATCH, "the Jacobian is not " + outputs + " x " + n + ": "
                    + Arrays.deepToString(j));
        }
        for (int i = 0; i < outputs; i++) {
            Object g = DifferentialHarness.call(at, withArgs(Inputs.copy(args), i));
            double gv = (double) HessianCheck.component(g, "value");
            if (Double.doubleToRawLongBits(gv) != Double.doubleToRawLongBits(value[i])) {
                return fail(Kind.VALUE_MISMATCH, "the @Grad of " + VectorMethods.atName(m.name()) + "(..., " + i
                        + ") has value " + gv + " but the source's element is " + value[i]);
            }
            String wrong = close("row " + i + " against @Grad of element " + i, j[i], flat(g, slots));
            if (wrong != null) {
                return fail(Kind.JACOBIAN_MISMATCH, wrong);
            }
        }
        // 2: both modes
        for (int k = 0; k < n; k++) {
            double[][] c = (double[][]) DifferentialHarness.call(column, withArgs(Inputs.copy(args), unit(n, k)));
            double[] expected = new double[outputs];
            for (int i = 0; i < outputs; i++) {
                expected[i] = j[i][k];
            }
            String wrong = close("column " + k + " by forward mode", c[1], expected);
            if (wrong != null) {
                return fail(Kind.JACOBIAN_MISMATCH, wrong);
            }
        }
        for (int i = 0; i < outputs; i++) {
            double[] byRow = (double[]) DifferentialHarness.call(row, withArgs(Inputs.copy(args), unit(outputs, i)));
            String wrong = close("row " + i + " by reverse mode", byRow, j[i]);
            if (wrong != null) {
                return fail(Kind.JACOBIAN_MISMATCH, wrong);
            }
        }
        // 3: <weights, J u> against finite differences of <weights, g(x + t u)>
        double[] weights = new double[outputs];
        for (int i = 0; i < outputs; i++) {
            weights[i] = r.nextDouble(-1, 1);
        }
        double[] u = new double[n];
        for (int k = 0; k < n; k++) {
            u[k] = r.nextDouble(-1, 1);
        }
        double wju = 0;
        double absWju = 0;
        double scale = 1;
        for (int i = 0; i < outputs; i++) {
            scale = Math.max(scale, Math.abs(weights[i] * value[i]));
            for (int k = 0; k < n; k++) {
                wju += weights[i] * j[i][k] * u[k];
                absWju += Math.abs(weights[i] * j[i][k] * u[k]);
            }
        }
        FiniteDifferences.Probed weighted = a -> {
            double[] y = (double[]) DifferentialHarness.call(probe, a);
            double s = 0;
            for (int i = 0; i < y.length && i < outputs; i++) {
                s += weights[i] * y[i];
            }
            return s;
        };
        Estimate e = FiniteDifferences.along(weighted, args, slots, u, path, Math.max(scale, absWju));
        if (!e.usable()) {
            stats.jacobianDirectionalSkipped.incrementAndGet();
        }
        Verdict verdict = FiniteDifferences.compare(wju, e, Math.max(scale, absWju));
        if (!verdict.pass()) {
            return fail(Kind.JACOBIAN_MISMATCH, String.format(Locale.ROOT, "r . J u = %s but finite differences of"
                    + " <r, %s(x + t u)> give %s (error %.2e > %.2e); r = %s, u = %s", wju, m.name(), verdict.numeric(),
                    verdict.error(), verdict.allowed(), Arrays.toString(weights), Arrays.toString(u)));
        }
        // 4: @Jvp along a random direction: J d
        Object[] direction = new Object[params.size()];
        for (int arg : wrtArgs) {
            direction[arg] = zerosLike(args[arg]);
        }
        double[] d = new double[n];
        for (int k = 0; k < n; k++) {
            d[k] = r.nextDouble(-1, 1);
            slots.get(k).set(direction, d[k]);
        }
        Object[] tangents = new Object[wrtArgs.size()];
        for (int k = 0; k < tangents.length; k++) {
            tangents[k] = direction[wrtArgs.get(k)];
        }
        Outcome t = DifferentialHarness.outcome(jvp, args, tangents);
        if (t.thrown() != null) {
            return fail(Kind.JACOBIAN_THREW, "FJvp." + m.name() + " threw " + HessianCheck.trace(t.thrown()));
        }
        double[] tv = (double[]) HessianCheck.component(t.result(), "value");
        double[] tangent = (double[]) HessianCheck.component(t.result(), "tangent");
        if (m.jit() ? close("@Jit @Jvp value", tv, value) != null : !Arrays.equals(tv, value)) {
            return fail(Kind.JACOBIAN_MISMATCH, "@Jvp value " + Arrays.toString(tv) + " but source " + Arrays.toString(value));
        }
        if (tangent.length != outputs) {
            return fail(Kind.JACOBIAN_MISMATCH, "@Jvp tangent has " + tangent.length + " entries for " + outputs);
        }
        for (int i = 0; i < outputs; i++) {
            double jd = 0;
            double abs = 0;
            for (int k = 0; k < n; k++) {
                jd += j[i][k] * d[k];
                abs += Math.abs(j[i][k] * d[k]);
            }
            if (!(Math.abs(tangent[i] - jd) <= 1e-10 * Math.max(1, abs))) {
                return fail(Kind.JACOBIAN_MISMATCH, "@Jvp tangent[" + i + "] " + tangent[i] + " but J d " + jd + "; d = "
                        + Arrays.toString(d));
            }
        }
        // 5: @Jit
        if (jit != null) {
            Outcome a = DifferentialHarness.outcome(jit, args);
            Outcome b = DifferentialHarness.outcome(jit, args);
            if (a.thrown() != null || b.thrown() != null) {
                return fail(Kind.JIT_THREW, "the @Jit version threw " + HessianCheck.trace(a.thrown() != null ? a.thrown()
                        : b.thrown()));
            }
            String fast = close("@Jit", (double[]) a.result(), value);
            if (fast != null) {
                return fail(Kind.JIT_VALUE_MISMATCH, fast);
            }
            if (!Arrays.equals((double[]) a.result(), (double[]) b.result())) {
                return fail(Kind.NONDETERMINISTIC, "@Jit gave " + Arrays.toString((double[]) a.result()) + " then "
                        + Arrays.toString((double[]) b.result()));
            }
        }
        return null;
    }

    /** The gradient of the wrapper's record over the slots (its components are named after the parameters). */
    private double[] flat(Object record, List<Slot> slots) throws ReflectiveOperationException {
        double[] out = new double[slots.size()];
        for (int k = 0; k < out.length; k++) {
            Slot s = slots.get(k);
            out[k] = Inputs.component(HessianCheck.component(record, params.get(s.arg()).name()), s);
        }
        return out;
    }

    private static String close(String what, double[] actual, double[] expected) {
        if (actual.length != expected.length) {
            return what + ": " + actual.length + " entries for " + expected.length;
        }
        double[] rel = SecondDerivatives.relativeErrors(actual, expected);
        for (int i = 0; i < rel.length; i++) {
            if (!(rel[i] <= RTOL) && actual[i] != expected[i]) {
                return String.format(Locale.ROOT, "%s: entry %d is %s, expected %s (relative %.2e)", what, i, actual[i],
                        expected[i], rel[i]);
            }
        }
        return null;
    }

    private static Object[] withArgs(Object[] a, Object last) {
        Object[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }

    private static double[] unit(int n, int k) {
        double[] e = new double[n];
        e[k] = 1;
        return e;
    }

    private static Object zerosLike(Object v) {
        if (v instanceof double[] a) {
            return new double[a.length];
        }
        if (v instanceof double[][] x) {
            double[][] z = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                z[i] = new double[x[i].length];
            }
            return z;
        }
        return 0.0;
    }

    private static <T extends java.lang.reflect.AccessibleObject> T accessible(T o) {
        o.setAccessible(true);
        return o;
    }
}
