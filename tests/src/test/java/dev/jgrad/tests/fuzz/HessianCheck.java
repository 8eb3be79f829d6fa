package dev.jgrad.tests.fuzz;

import dev.jgrad.GradCheck;
import dev.jgrad.tests.SecondDerivatives;
import dev.jgrad.tests.fuzz.Ast.Method;
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
import java.util.stream.Collectors;

/**
 * The checks of a generated method that also carries {@code @Hessian} (issue 15; what
 * {@code HessianCorpusTest} checks of the corpus, with its helpers in {@link SecondDerivatives}), on
 * one trial's arguments, after its gradient passed:
 * <ol>
 *   <li>{@code FHessian.f(args)}: the source's value bit for bit (with or without {@code @Jit}: the
 *       Hessian's code is the same), the gradient of {@code @Grad} (its {@code @Grad}-only copy under
 *       {@code @Jit}) to {@link #GRADIENT_RTOL}, the Hessian square over the wrt entries and exactly
 *       symmetric, and up to {@link #COLUMNS} of its columns against central differences of that
 *       gradient, each entry judged as the fuzzer judges a gradient (the probe must take the base
 *       point's path at every point, the two step sizes bound the noise: {@link FiniteDifferences});
 *   <li>{@code FHessian.fHvp(args, v)} for a random {@code v}: the same value and gradient, and
 *       {@code hvp} equal to {@code hessian . v} to {@link #HVP_RTOL} of the magnitude of its terms;
 *   <li>the arguments after each call as the source leaves them;
 *   <li>where the source throws on purpose, both throw the same exception.
 * </ol>
 */
final class HessianCheck {
    static final double GRADIENT_RTOL = 1e-12;
    static final double HVP_RTOL = 1e-10;
    /** Columns compared with finite differences per trial (chosen at random): symmetry and fHvp cover the rest. */
    static final int COLUMNS = 6;

    /** What one trial knows: the arguments, what the source left, and the {@code @Grad} gradient over the slots. */
    record Trial(
            Object[] args,
            Outcome after,
            double value,
            List<Slot> slots,
            double[] gradient,
            Gradient gradientAt,
            Path pathAt,
            long path,
            SplittableRandom r) {}

    /** The flat {@code @Grad} gradient over the slots at some arguments (which it may keep). */
    interface Gradient {
        double[] at(Object[] args) throws Throwable;
    }

    /** The probe's path at some arguments, or -1 if it threw. */
    interface Path {
        long at(Object[] args);
    }

    private final java.lang.reflect.Method full;
    private final java.lang.reflect.Method hvp;
    private final Method m;
    private final DifferentialHarness.Stats stats;

    private HessianCheck(java.lang.reflect.Method full, java.lang.reflect.Method hvp, Method m,
            DifferentialHarness.Stats stats) {
        this.full = full;
        this.hvp = hvp;
        this.m = m;
        this.stats = stats;
    }

    /** {@code FHessian.f} and {@code fHvp}, or a failure's detail as the exception's message. */
    static HessianCheck lookUp(ClassLoader loader, Program p, Method m, Class<?>[] types, DifferentialHarness.Stats stats)
            throws ReflectiveOperationException {
        Class<?> c = loader.loadClass(p.qualifiedName() + "Hessian");
        Class<?>[] hvpTypes = Arrays.copyOf(types, types.length + 1);
        hvpTypes[types.length] = double[].class;
        java.lang.reflect.Method f = c.getMethod(m.name(), types);
        java.lang.reflect.Method h = c.getMethod(m.name() + "Hvp", hvpTypes);
        f.setAccessible(true);
        h.setAccessible(true);
        return new HessianCheck(f, h, m, stats);
    }

    /** A problem: the kind of failure and what was wrong; null when all is well. */
    record Problem(Kind kind, String detail) {}

    Problem trial(Trial t, java.util.function.BiFunction<Outcome, String, String> inputs) {
        int n = t.slots().size();
        stats.hessians.incrementAndGet();
        Outcome o = DifferentialHarness.outcome(full, t.args());
        if (o.thrown() != null) {
            return new Problem(Kind.HESSIAN_THREW, "FHessian." + m.name() + " threw " + trace(o.thrown()));
        }
        String wrong = inputs.apply(o, "the @Hessian");
        if (wrong != null) {
            return new Problem(Kind.INPUT_MODIFIED, wrong);
        }
        double value;
        double[] gradient;
        double[][] hessian;
        try {
            value = (double) component(o.result(), "value");
            gradient = (double[]) component(o.result(), "gradient");
            hessian = (double[][]) component(o.result(), "hessian");
        } catch (ReflectiveOperationException e) {
            return new Problem(Kind.RECORD_SHAPE, "FHessian's record: " + e);
        }
        if (Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(t.value())) {
            return new Problem(Kind.HESSIAN_MISMATCH, "@Hessian value " + value + " but source " + t.value()
                    + " (must be equal bit for bit)");
        }
        String g = gradientProblem("@Hessian", gradient, t);
        if (g != null) {
            return new Problem(Kind.HESSIAN_MISMATCH, g);
        }
        String asymmetry = SecondDerivatives.asymmetry(hessian, n);
        if (asymmetry != null) {
            return new Problem(Kind.HESSIAN_MISMATCH, asymmetry);
        }
        Problem columns = columns(t, hessian);
        if (columns != null) {
            return columns;
        }
        return hvp(t, hessian, inputs);
    }

    private Problem columns(Trial t, double[][] hessian) {
        int n = t.slots().size();
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            order.add(j);
        }
        while (order.size() > COLUMNS) {
            order.remove(t.r().nextInt(order.size()));
        }
        double[] x0 = new double[n];
        double scale = 1;
        for (int k = 0; k < n; k++) {
            x0[k] = t.slots().get(k).get(t.args());
            scale = Math.max(scale, Math.abs(t.gradient()[k]));
        }
        List<String> wrong = new ArrayList<>();
        for (int j : order) {
            stats.hessianColumns.incrementAndGet();
            Estimate[] e = column(t, x0, j, GradCheck.DEFAULT_RELATIVE_STEP * Math.max(1, Math.abs(x0[j])), scale);
            if (Arrays.stream(e).anyMatch(x -> !x.usable() && x.why().equals("kink"))) {
                e = column(t, x0, j, GradCheck.DEFAULT_RELATIVE_STEP * Math.max(1, Math.abs(x0[j])) / 16, scale);
            }
            for (int i = 0; i < n; i++) {
                stats.hessianEntries.incrementAndGet();
                if (!e[i].usable()) {
                    stats.hessianUnjudged.incrementAndGet();
                }
                Verdict v = FiniteDifferences.compare(hessian[i][j], e[i], scale);
                if (!v.pass()) {
                    wrong.add(String.format(Locale.ROOT, "d2f/d%s d%s: @Hessian %s, finite differences of @Grad %s"
                            + " (error %.2e > %.2e)", t.slots().get(i).label(), t.slots().get(j).label(), v.analytic(),
                            v.numeric(), v.error(), v.allowed()));
                }
            }
        }
        if (!wrong.isEmpty()) {
            return new Problem(Kind.HESSIAN_FD_MISMATCH, wrong.size() + " entries off:\n    "
                    + wrong.stream().limit(6).collect(Collectors.joining("\n    ")));
        }
        return null;
    }

    /**
     * Column {@code j} from central differences of the gradient with steps {@code h} and {@code h/2}
     * (each Richardson-extrapolated), entry by entry: unusable where a point left the base path.
     */
    private static Estimate[] column(Trial t, double[] x0, int j, double h, double scale) {
        boolean[] offPath = {false};
        SecondDerivatives.FlatGradient g = x -> {
            Object[] a = Inputs.copy(t.args());
            for (int k = 0; k < x.length; k++) {
                if (x[k] != x0[k]) {
                    t.slots().get(k).set(a, x[k]);
                }
            }
            if (t.pathAt().at(Inputs.copy(a)) != t.path()) {
                offPath[0] = true;
            }
            try {
                return t.gradientAt().at(a);
            } catch (Exception e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        };
        double[] coarse;
        double[] fine;
        try {
            coarse = SecondDerivatives.column(g, x0, j, h);
            fine = SecondDerivatives.column(g, x0, j, h / 2);
        } catch (Exception e) {
            // the gradient threw at a perturbed point: another path (its own check is the gradient's)
            coarse = new double[x0.length];
            fine = coarse;
            offPath[0] = true;
        }
        Estimate[] out = new Estimate[x0.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = FiniteDifferences.judge(coarse[i], fine[i], offPath[0], scale);
        }
        return out;
    }

    private Problem hvp(Trial t, double[][] hessian, java.util.function.BiFunction<Outcome, String, String> inputs) {
        int n = t.slots().size();
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = t.r().nextDouble(-1, 1);
        }
        double[] vCopy = v.clone();
        Outcome o = DifferentialHarness.outcome(hvp, t.args(), vCopy);
        if (o.thrown() != null) {
            return new Problem(Kind.HESSIAN_THREW, "FHessian." + m.name() + "Hvp threw " + trace(o.thrown()));
        }
        String wrong = inputs.apply(o, "fHvp");
        if (wrong != null) {
            return new Problem(Kind.INPUT_MODIFIED, wrong);
        }
        if (!Arrays.equals(v, vCopy)) {
            return new Problem(Kind.INPUT_MODIFIED, "fHvp changed v");
        }
        double value;
        double[] gradient;
        double[] got;
        try {
            value = (double) component(o.result(), "value");
            gradient = (double[]) component(o.result(), "gradient");
            got = (double[]) component(o.result(), "hvp");
        } catch (ReflectiveOperationException e) {
            return new Problem(Kind.RECORD_SHAPE, "FHvp's record: " + e);
        }
        if (Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(t.value())) {
            return new Problem(Kind.HESSIAN_MISMATCH, "fHvp value " + value + " but source " + t.value());
        }
        String g = gradientProblem("fHvp", gradient, t);
        if (g != null) {
            return new Problem(Kind.HESSIAN_MISMATCH, g);
        }
        if (got.length != n) {
            return new Problem(Kind.HESSIAN_MISMATCH, "hvp() has " + got.length + " entries for " + n);
        }
        SecondDerivatives.Product p = SecondDerivatives.product(hessian, v);
        for (int i = 0; i < n; i++) {
            if (!(p.relativeError(got, i) <= HVP_RTOL)) {
                return new Problem(Kind.HESSIAN_MISMATCH, String.format(Locale.ROOT, "hvp()[%d] (d/d%s) is %s but"
                        + " hessian . v is %s (relative %.2e); v = %s", i, t.slots().get(i).label(), got[i], p.hv()[i],
                        p.relativeError(got, i), Arrays.toString(v)));
            }
        }
        return null;
    }

    private static String gradientProblem(String who, double[] gradient, Trial t) {
        if (gradient.length != t.gradient().length) {
            return who + " gradient has " + gradient.length + " entries for " + t.gradient().length;
        }
        double[] rel = SecondDerivatives.relativeErrors(gradient, t.gradient());
        for (int k = 0; k < rel.length; k++) {
            if (!(rel[k] <= GRADIENT_RTOL)) {
                return String.format(Locale.ROOT, "%s gradient d/d%s is %s but @Grad's is %s (relative %.2e)", who,
                        t.slots().get(k).label(), gradient[k], t.gradient()[k], rel[k]);
            }
        }
        return null;
    }

    /** The source threw {@code expected} on purpose: {@code f} and {@code fHvp} throw the same, unwrapped. */
    String exceptions(Object[] args, int entries, Throwable expected) {
        Outcome a = DifferentialHarness.outcome(full, args);
        if (!DifferentialHarness.sameException(expected, a.thrown())) {
            return "the @Hessian " + DifferentialHarness.describe(a) + ", but the source threw " + expected
                    + (a.thrown() == null ? "" : "\n" + trace(a.thrown()));
        }
        Outcome b = DifferentialHarness.outcome(hvp, args, new double[entries]);
        if (!DifferentialHarness.sameException(expected, b.thrown())) {
            return "fHvp " + DifferentialHarness.describe(b) + ", but the source threw " + expected
                    + (b.thrown() == null ? "" : "\n" + trace(b.thrown()));
        }
        return null;
    }

    static Object component(Object record, String name) throws ReflectiveOperationException {
        java.lang.reflect.Method a = record.getClass().getMethod(name);
        a.setAccessible(true);
        return a.invoke(record);
    }

    static String trace(Throwable t) {
        return InProcessCompiler.stackTrace(t).lines().limit(12).collect(Collectors.joining("\n"));
    }
}
