package dev.jgrad.tests.fuzz;

import dev.jgrad.GradCheck;
import dev.jgrad.tests.fuzz.Inputs.Slot;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The finite-difference oracle: derivatives of a probe method along a direction, from
 * {@link GradCheck#derivative} (central differences with Richardson extrapolation), made honest
 * in two ways that a generated program needs.
 *
 * <ul>
 *   <li><b>Kinks.</b> Every evaluation records its path through {@link Probe}; an estimate whose
 *       points did not all follow the path of the base point is not used (tried again with a
 *       step 16 times smaller first). Such an estimate would average two branches.
 *   <li><b>Noise.</b> Each estimate is made with steps {@code h} and {@code h/2}; their difference
 *       bounds the error of the finer one and is added to the tolerance. An estimate whose noise
 *       exceeds 1e-3 of its scale at both step sizes is not used.
 * </ul>
 *
 * <p>The comparison is {@link GradCheck}'s: relative error {@code |a - e| / max(|a|, |e|, floor)}
 * within {@code 1e-6}, with {@code floor = 1e-3 * max(|f|, |e|)}, plus the noise.
 */
final class FiniteDifferences {
    /** The relative tolerance of DESIGN.md guarantee 2. */
    static final double RTOL = GradCheck.DEFAULT_RTOL;

    /** Evaluates the probe method on arguments it may keep; returns its value. */
    interface Probed {
        double apply(Object[] args) throws Throwable;
    }

    /** An estimate; {@code usable} false if it crossed a kink or is too noisy to judge. */
    record Estimate(double value, double noise, boolean usable, String why) {}

    /** The outcome of one comparison. */
    record Verdict(boolean pass, boolean judged, double analytic, double numeric, double error, double allowed) {}

    private FiniteDifferences() {}

    /**
     * {@code d/dt f(base + t * dir)} at 0, where {@code dir} gives a coefficient per slot.
     *
     * @param basePath the probe path at {@code base}
     * @param scale the scale of the problem ({@code max(1, |f(base)|)}): noise below 1e-6 of it
     *     is accepted even on a tiny derivative
     */
    static Estimate along(Probed f, Object[] base, List<Slot> slots, double[] dir, long basePath, double scale) {
        double maxX = 1;
        double maxU = 0;
        for (int k = 0; k < slots.size(); k++) {
            maxX = Math.max(maxX, Math.abs(slots.get(k).get(base)));
            maxU = Math.max(maxU, Math.abs(dir[k]));
        }
        if (maxU == 0) {
            return new Estimate(0, 0, true, "");
        }
        double h = GradCheck.DEFAULT_RELATIVE_STEP * maxX / maxU;
        Estimate e = estimate(f, base, slots, dir, basePath, h, scale);
        if (!e.usable()) {
            e = estimate(f, base, slots, dir, basePath, h / 16, scale);
        }
        return e;
    }

    private static Estimate estimate(
            Probed f, Object[] base, List<Slot> slots, double[] dir, long basePath, double h, double scale) {
        boolean[] offPath = {false};
        DoubleUnaryOperator line = t -> {
            Object[] a = Inputs.copy(base);
            for (int k = 0; k < slots.size(); k++) {
                if (dir[k] != 0) {
                    Slot s = slots.get(k);
                    s.set(a, s.get(a) + t * dir[k]);
                }
            }
            Probe.reset();
            double v;
            try {
                v = f.apply(a);
            } catch (Throwable ex) {
                if (!Inputs.deliberate(ex)) {
                    throw new IllegalStateException("the probe threw at a perturbed point", ex);
                }
                offPath[0] = true; // a thrown exception is another path
                return Double.NaN;
            }
            if (Probe.path() != basePath) {
                offPath[0] = true;
            }
            return v;
        };
        double coarse = GradCheck.derivative(line, 0.0, h);
        double fine = GradCheck.derivative(line, 0.0, h / 2);
        return judge(coarse, fine, offPath[0], scale);
    }

    /**
     * An estimate from two Richardson-extrapolated ones, with steps {@code h} ({@code coarse}) and
     * {@code h/2} ({@code fine}): unusable off the base point's path or when too noisy.
     */
    static Estimate judge(double coarse, double fine, boolean offPath, double scale) {
        if (offPath) {
            return new Estimate(fine, Double.NaN, false, "kink");
        }
        double noise = Math.abs(coarse - fine);
        if (!Double.isFinite(fine) || !Double.isFinite(noise)) {
            return new Estimate(fine, noise, false, "not finite");
        }
        if (noise > 1e-3 * Math.max(Math.abs(fine), 1e-3 * scale)) {
            return new Estimate(fine, noise, false, "noise");
        }
        return new Estimate(fine, noise, true, "");
    }

    /**
     * Compares an analytic derivative with an estimate.
     *
     * @param scale the scale of the problem, {@code max(|f|, ...)}, for the floor
     */
    static Verdict compare(double analytic, Estimate e, double scale) {
        if (!e.usable()) {
            return new Verdict(true, false, analytic, e.value(), 0, 0);
        }
        double floor = GradCheck.DEFAULT_FLOOR_FRACTION * Math.max(scale, Math.abs(e.value()));
        floor = floor > 0 ? floor : Double.MIN_NORMAL;
        double error = Math.abs(analytic - e.value());
        double allowed = RTOL * Math.max(Math.max(Math.abs(analytic), Math.abs(e.value())), floor) + e.noise();
        boolean pass = Double.isFinite(analytic) && error <= allowed;
        return new Verdict(pass, true, analytic, e.value(), error, allowed);
    }
}
