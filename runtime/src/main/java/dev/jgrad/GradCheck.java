package dev.jgrad;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Checks a gradient against finite differences, as JAX's {@code check_grads} and PyTorch's
 * {@code gradcheck} do.
 *
 * <p>Every derivative here is a central difference refined by one step of Richardson
 * extrapolation. With {@code D(h) = (f(x + h) - f(x - h)) / 2h}, whose error is
 * {@code c2 h^2 + c4 h^4 + ...}, the combination
 * <pre>{@code   R = D(h/2) + (D(h/2) - D(h)) / 3 }</pre>
 * cancels the {@code h^2} term and leaves an error of order {@code h^4}. The step is scaled to
 * the input, {@code h = 1e-3 * max(1, |x|)} by default, so that the rounding error (a few
 * {@code 1e-13 |f|}, from {@code eps |f| / h}) and the truncation error ({@code h^4 |f'''''| / 480},
 * about {@code 2e-15 |f'''''|} for {@code |x| <= 1}) both stay far below the {@code 1e-6} relative
 * agreement that jgrad guarantees on smooth inputs.
 *
 * <p>Finite differences only see what the function does in a small neighbourhood: keep inputs at
 * least a few steps away from kinks and branch points ({@code abs} at 0, a tie in {@code max}, a
 * jump of {@code floor}, the threshold of an {@code if}) and inside the domain of every function
 * ({@code log} of a positive number, {@code asin} in (-1, 1)). Across a kink the numeric
 * derivative is a meaningless average of the two sides.
 *
 * <p>Typical use, with a method {@code @Grad static double loss(double[] w, double b, double[][] x)}
 * of class {@code Losses}: one call checks the value and every wrt parameter of the generated
 * {@code LossesGrad.loss} against the source method ({@link #check(Class, String, Object...)}):
 * <pre>{@code
 * GradCheck.check(Losses.class, "loss", w, b, x).orThrow();   // AssertionError: which component, by how much
 * }</pre>
 * or, for one parameter, with a function:
 * <pre>{@code
 * double[] dw = LossesGrad.loss(w, b, x).w();
 * GradCheck.assertGradient(v -> Losses.loss(v, b, x), w, dw);   // throws AssertionError with a report
 * GradCheck.Report r = GradCheck.check(v -> Losses.loss(v, b, x), w, dw);
 * if (!r.ok()) System.err.println(r);                     // which index, both values, the error
 * }</pre>
 *
 * <p>The functions passed in are evaluated on fresh copies of the point, so they may modify their
 * argument. This class is stateless and safe to use from several threads.
 */
public final class GradCheck {
    /** The relative agreement jgrad guarantees on smooth inputs (DESIGN.md, guarantee 2). */
    public static final double DEFAULT_RTOL = 1e-6;

    /**
     * The default step is this fraction of {@code max(1, |x|)}: large enough that rounding in
     * {@code f} (amplified by {@code 1/h}) is negligible, small enough that the {@code h^4}
     * truncation error left by Richardson extrapolation is too.
     */
    public static final double DEFAULT_RELATIVE_STEP = 1e-3;

    /**
     * The default absolute floor of the relative error, as a fraction of the scale of the
     * problem ({@code max(|f(x)|, max |numeric_i|)}); see {@link #defaultFloor}.
     */
    public static final double DEFAULT_FLOOR_FRACTION = 1e-3;

    private GradCheck() {}

    // ------------------------------------------------------------------------------------------
    // Finite differences
    // ------------------------------------------------------------------------------------------

    /**
     * The derivative of a function of one variable at {@code x}, with the default step
     * {@code h = 1e-3 * max(1, |x|)}.
     */
    public static double derivative(DoubleUnaryOperator f, double x) {
        return derivative(f, x, DEFAULT_RELATIVE_STEP * Math.max(1.0, Math.abs(x)));
    }

    /**
     * The derivative of a function of one variable at {@code x}, from central differences with
     * steps {@code h} and {@code h/2} combined by Richardson extrapolation.
     *
     * @param h the larger step, positive; the function is evaluated at {@code x ± h} and
     *     {@code x ± h/2}
     * @return the estimate, NaN if the function is not finite at one of those points
     * @throws IllegalArgumentException if {@code h} is not positive and finite
     */
    public static double derivative(DoubleUnaryOperator f, double x, double h) {
        requireStep(h);
        double d1 = centralDifference(f, x, h);
        double d2 = centralDifference(f, x, h / 2);
        return d2 + (d2 - d1) / 3.0;
    }

    /**
     * The gradient of {@code f} at {@code x}, one component at a time, with the step
     * {@code h_i = 1e-3 * max(1, |x_i|)} for component {@code i}. Costs {@code 4 x.length}
     * evaluations of {@code f}; {@code x} itself is not modified.
     */
    public static double[] numericGradient(ToDoubleFunction<double[]> f, double[] x) {
        return numericGradient(f, x, DEFAULT_RELATIVE_STEP);
    }

    /**
     * The gradient of {@code f} at {@code x} with the step
     * {@code h_i = relativeStep * max(1, |x_i|)} for component {@code i}.
     *
     * @throws IllegalArgumentException if {@code relativeStep} is not positive and finite
     */
    public static double[] numericGradient(ToDoubleFunction<double[]> f, double[] x, double relativeStep) {
        requireStep(relativeStep);
        double[] at = x.clone();
        double[] g = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            final int index = i;
            DoubleUnaryOperator along = t -> {
                double[] p = at.clone();
                p[index] = t;
                return f.applyAsDouble(p);
            };
            g[i] = derivative(along, at[i], relativeStep * Math.max(1.0, Math.abs(at[i])));
        }
        return g;
    }

    /**
     * The directional derivative {@code d/dt f(x + t u)} at {@code t = 0}, which for a
     * differentiable {@code f} equals {@code grad f(x) . u}: the cheap check of a whole gradient
     * that JAX's {@code check_vjp} makes, four evaluations whatever the dimension.
     *
     * <p>The step in {@code t} is {@code 1e-3 * min_i max(1, |x_i|) / |u_i|} (over the
     * {@code i} with {@code u_i != 0}): the largest step that moves no component by more than its
     * own default step in {@link #numericGradient}, so inputs of very different scales (a price of
     * 100 beside a volatility of 0.2) stay inside their domains. {@code u} need not be normalised;
     * the result scales with it.
     *
     * @return the estimate; 0 for a zero direction
     * @throws IllegalArgumentException if {@code x} and {@code u} differ in length
     */
    public static double directional(ToDoubleFunction<double[]> f, double[] x, double[] u) {
        if (x.length != u.length) {
            throw new IllegalArgumentException(
                    "point and direction differ in length: " + x.length + " vs " + u.length);
        }
        double[] at = x.clone();
        double[] dir = u.clone();
        double reach = Double.POSITIVE_INFINITY; // the t at which some component has moved max(1, |x_i|)
        for (int i = 0; i < dir.length; i++) {
            if (dir[i] != 0) {
                reach = Math.min(reach, Math.max(1.0, Math.abs(at[i])) / Math.abs(dir[i]));
            }
        }
        if (reach == Double.POSITIVE_INFINITY) {
            return 0.0; // the zero direction
        }
        double h = DEFAULT_RELATIVE_STEP * reach;
        DoubleUnaryOperator line = t -> {
            double[] p = new double[at.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = at[i] + t * dir[i];
            }
            return f.applyAsDouble(p);
        };
        return derivative(line, 0.0, h);
    }

    // ------------------------------------------------------------------------------------------
    // Comparison
    // ------------------------------------------------------------------------------------------

    /**
     * The default floor of the relative error: {@code 1e-3 * max(|value|, max_i |numeric_i|)}
     * (or the smallest normal double if both are 0).
     *
     * <p>Why this scale: the rounding error of a finite difference is proportional to
     * {@code |f| / h}, not to the derivative, so a component that is tiny next to the function or
     * to the rest of the gradient cannot be checked to {@code 1e-6} of itself. With this floor,
     * such a component must agree to {@code 1e-9} of the problem's scale, which is still about a
     * thousand times tighter than the typical error of a wrong gradient and a thousand times
     * looser than the rounding noise of the estimate.
     *
     * @param value the function's value at the point
     * @param numeric the numeric derivatives that will be compared
     */
    public static double defaultFloor(double value, double[] numeric) {
        double scale = Math.max(Math.abs(value), maxAbs(numeric));
        if (!(scale > 0) || Double.isInfinite(scale)) {
            return Double.MIN_NORMAL;
        }
        // a subnormal scale would make the fraction underflow to zero, which is no floor
        return Math.max(DEFAULT_FLOOR_FRACTION * scale, Double.MIN_NORMAL);
    }

    /**
     * Compares a gradient with a reference, component by component, with the relative error
     * <pre>{@code   e_i = |actual_i - expected_i| / max(|actual_i|, |expected_i|, floor) }</pre>
     * A component passes when {@code e_i <= rtol}; a NaN or infinite component on either side
     * never passes, unless both sides are equal infinities.
     *
     * @param actual the gradient under test (for example from generated code)
     * @param expected the reference (for example {@link #numericGradient})
     * @param rtol the largest relative error allowed, such as {@link #DEFAULT_RTOL}
     * @param floor the absolute floor of the denominator, positive; see {@link #defaultFloor}
     * @return the report, which says whether every component passed and which did not
     * @throws IllegalArgumentException on a length mismatch or a non-positive tolerance
     */
    public static Report compare(double[] actual, double[] expected, double rtol, double floor) {
        if (actual.length != expected.length) {
            throw new IllegalArgumentException(
                    "gradient has " + actual.length + " components, reference has " + expected.length);
        }
        if (!(rtol > 0) || !(floor > 0)) {
            throw new IllegalArgumentException("rtol and floor must be positive, got " + rtol + " and " + floor);
        }
        return new Report(actual.clone(), expected.clone(), rtol, floor, null, null);
    }

    /**
     * Checks {@code gradient} against the numeric gradient of {@code f} at {@code x}, with
     * {@link #DEFAULT_RTOL} and {@link #defaultFloor}.
     */
    public static Report check(ToDoubleFunction<double[]> f, double[] x, double[] gradient) {
        double value = f.applyAsDouble(x.clone());
        double[] numeric = numericGradient(f, x);
        return compare(gradient, numeric, DEFAULT_RTOL, defaultFloor(value, numeric));
    }

    /**
     * Checks a whole gradient along one direction: {@code gradient . u} against
     * {@link #directional}{@code (f, x, u)}, with {@link #DEFAULT_RTOL} and a floor of
     * {@code 1e-3 * max(|f(x)|, sum_i |gradient_i u_i|)}. The report has one component.
     */
    public static Report checkDirectional(
            ToDoubleFunction<double[]> f, double[] x, double[] gradient, double[] u) {
        if (gradient.length != u.length) {
            throw new IllegalArgumentException(
                    "gradient and direction differ in length: " + gradient.length + " vs " + u.length);
        }
        double value = f.applyAsDouble(x.clone());
        double dot = 0;
        double absDot = 0;
        for (int i = 0; i < u.length; i++) {
            dot += gradient[i] * u[i];
            absDot += Math.abs(gradient[i] * u[i]);
        }
        double numeric = directional(f, x, u);
        return compare(new double[] {dot}, new double[] {numeric}, DEFAULT_RTOL,
                defaultFloor(value, new double[] {absDot}));
    }

    /**
     * Checks {@code gradient} as {@link #check} does and throws if a component is off.
     *
     * @throws AssertionError with the report's text if a component is off
     */
    public static void assertGradient(ToDoubleFunction<double[]> f, double[] x, double[] gradient) {
        check(f, x, gradient).orThrow();
    }

    // ------------------------------------------------------------------------------------------
    // Checks of generated gradients, and of doubles, matrices and records
    // ------------------------------------------------------------------------------------------

    /** The label of the value's line in a report of {@link #check(Class, String, Object...)}. */
    static final String VALUE = "value";

    /**
     * Checks the generated gradient of {@code source.method} at {@code args}, in one call: it finds
     * the generated {@code SourceGrad.method}, calls it and the source method (each on copies of the
     * arguments), and compares the gradient's value with the source's result and every component of
     * every wrt parameter with central finite differences of the source method, with the default
     * options ({@link #options()}).
     *
     * <pre>{@code
     * GradCheck.check(Model.class, "loss", w, b, x, y).orThrow();
     * }</pre>
     *
     * <p>A failing report names each component that is off ({@code w[3]}, {@code m[1][2]},
     * {@code layer.b[0]} for a record parameter), the gradient's value of it, the finite-difference
     * estimate, the difference and the relative error.
     *
     * @param source the class that declares the {@code @Grad} method (it may be private)
     * @param method its name
     * @param args its arguments, in parameter order (primitives boxed)
     * @throws IllegalArgumentException if there is no such method or no generated gradient for it
     */
    public static Report check(Class<?> source, String method, Object... args) {
        return options().check(source, method, args);
    }

    /** Checks the derivative of a function of one variable at {@code x}, with the default options. */
    public static Report check(DoubleUnaryOperator f, double x, double derivative) {
        return options().check(f, x, derivative);
    }

    /** Checks the gradient of a function of a matrix (rows may be ragged), with the default options. */
    public static Report check(ToDoubleFunction<double[][]> f, double[][] x, double[][] gradient) {
        return options().check(f, x, gradient);
    }

    /**
     * Checks the gradient of a function of a record whose components are {@code double},
     * {@code double[]}, {@code double[][]} or such records; the gradient is a record of the same type
     * (as jgrad gives for a record parameter). With the default options.
     */
    public static <R extends Record> Report check(ToDoubleFunction<R> f, R x, R gradient) {
        return options().check(f, x, gradient);
    }

    /** The default options: relative step {@code 1e-3}, rtol {@code 1e-6}, the {@link #defaultFloor}. */
    public static Options options() {
        return new Options(DEFAULT_RELATIVE_STEP, DEFAULT_RTOL, Double.NaN);
    }

    /**
     * The step and tolerances of a check, and the checks that use them. Immutable: each setter
     * returns new options.
     *
     * <pre>{@code
     * GradCheck.options().relativeStep(1e-4).rtol(1e-5).check(Model.class, "loss", w, b, x, y).orThrow();
     * }</pre>
     */
    public static final class Options {
        private final double relativeStep;
        private final double rtol;
        private final double floor;

        private Options(double relativeStep, double rtol, double floor) {
            this.relativeStep = relativeStep;
            this.rtol = rtol;
            this.floor = floor;
        }

        /**
         * The step of component {@code i} is {@code relativeStep * max(1, |x_i|)}.
         *
         * @throws IllegalArgumentException if it is not positive and finite
         */
        public Options relativeStep(double relativeStep) {
            requireStep(relativeStep);
            return new Options(relativeStep, rtol, floor);
        }

        /**
         * The largest relative error allowed.
         *
         * @throws IllegalArgumentException if it is not positive
         */
        public Options rtol(double rtol) {
            if (!(rtol > 0)) {
                throw new IllegalArgumentException("rtol must be positive, got " + rtol);
            }
            return new Options(relativeStep, rtol, floor);
        }

        /**
         * The absolute floor of the relative error's denominator, instead of {@link #defaultFloor}.
         *
         * @throws IllegalArgumentException if it is not positive
         */
        public Options floor(double floor) {
            if (!(floor > 0)) {
                throw new IllegalArgumentException("floor must be positive, got " + floor);
            }
            return new Options(relativeStep, rtol, floor);
        }

        public double relativeStep() {
            return relativeStep;
        }

        public double rtol() {
            return rtol;
        }

        /** The floor set with {@link #floor(double)}, or NaN for the default one. */
        public double floor() {
            return floor;
        }

        double floorOr(double byDefault) {
            return Double.isNaN(floor) ? byDefault : floor;
        }

        /** {@link GradCheck#check(Class, String, Object...)} with these options. */
        public Report check(Class<?> source, String method, Object... args) {
            return GeneratedCheck.check(this, source, method, args);
        }

        /** {@link GradCheck#check(DoubleUnaryOperator, double, double)} with these options. */
        public Report check(DoubleUnaryOperator f, double x, double derivative) {
            return flat(v -> f.applyAsDouble((Double) v), x, derivative);
        }

        /** {@link GradCheck#check(ToDoubleFunction, double[], double[])} with these options. */
        public Report check(ToDoubleFunction<double[]> f, double[] x, double[] gradient) {
            return flat(v -> f.applyAsDouble((double[]) v), x, gradient);
        }

        /** {@link GradCheck#check(ToDoubleFunction, double[][], double[][])} with these options. */
        public Report check(ToDoubleFunction<double[][]> f, double[][] x, double[][] gradient) {
            return flat(v -> f.applyAsDouble((double[][]) v), x, gradient);
        }

        /** {@link GradCheck#check(ToDoubleFunction, Record, Record)} with these options. */
        @SuppressWarnings("unchecked")
        public <R extends Record> Report check(ToDoubleFunction<R> f, R x, R gradient) {
            return flat(v -> f.applyAsDouble((R) v), x, gradient);
        }

        private Report flat(ToDoubleFunction<Object> f, Object x, Object gradient) {
            Flat point = new Flat();
            point.add("", x);
            Flat g = new Flat();
            g.add("", gradient);
            if (!java.util.Arrays.equals(point.labels(), g.labels())) {
                throw new IllegalArgumentException("the gradient's shape is not the point's: " + g.size()
                        + " components vs " + point.size());
            }
            double[] at = point.values();
            ToDoubleFunction<double[]> along = v -> f.applyAsDouble(Flat.rebuild(x, v, new int[] {0}));
            double value = along.applyAsDouble(at);
            double[] numeric = numericGradient(along, at, relativeStep);
            String[] references = new String[at.length];
            java.util.Arrays.fill(references, "finite differences");
            return new Report(g.values(), numeric, rtol, floorOr(defaultFloor(value, numeric)), point.labels(),
                    references);
        }
    }

    /**
     * The outcome of a comparison: every component's relative error, the worst one, and a text
     * that names the failing indices with both values.
     */
    public static final class Report {
        private static final int LISTED = 10;

        private final double[] actual;
        private final double[] expected;
        private final double rtol;
        private final double floor;
        private final double[] errors;
        private final int worst;
        private final int failures;
        /** Each component's name ({@code w[3]}), or null for plain indices. */
        private final String[] labels;
        /** What each component's reference is ({@code finite differences}); null with null labels. */
        private final String[] references;

        Report(double[] actual, double[] expected, double rtol, double floor, String[] labels, String[] references) {
            this.actual = actual;
            this.expected = expected;
            this.rtol = rtol;
            this.floor = floor;
            this.labels = labels;
            this.references = references;
            this.errors = new double[actual.length];
            int worstIndex = -1;
            int failed = 0;
            for (int i = 0; i < actual.length; i++) {
                errors[i] = relativeError(actual[i], expected[i], floor);
                if (!(errors[i] <= rtol)) {
                    failed++;
                }
                if (worstIndex < 0 || isWorse(errors[i], errors[worstIndex])) {
                    worstIndex = i;
                }
            }
            this.worst = worstIndex;
            this.failures = failed;
        }

        /** NaN (a non-finite component) is worse than any number; the first NaN stays the worst. */
        private static boolean isWorse(double e, double than) {
            return !Double.isNaN(than) && (Double.isNaN(e) || e > than);
        }

        private static double relativeError(double a, double e, double floor) {
            if (a == e) {
                return 0.0; // also equal infinities
            }
            if (!Double.isFinite(a) || !Double.isFinite(e)) {
                return Double.NaN;
            }
            return Math.abs(a - e) / Math.max(Math.max(Math.abs(a), Math.abs(e)), floor);
        }

        /** Whether every component is within {@code rtol}. */
        public boolean ok() {
            return failures == 0;
        }

        /** The number of components compared. */
        public int size() {
            return actual.length;
        }

        /** The number of components off by more than {@code rtol} (NaN counts as off). */
        public int failureCount() {
            return failures;
        }

        /** The indices of the components that are off, in increasing order. */
        public int[] failures() {
            int[] out = new int[failures];
            int k = 0;
            for (int i = 0; i < errors.length; i++) {
                if (!(errors[i] <= rtol)) {
                    out[k++] = i;
                }
            }
            return out;
        }

        /** The largest relative error (NaN if some component is not finite); 0 for no components. */
        public double maxRelativeError() {
            return worst < 0 ? 0.0 : errors[worst];
        }

        /**
         * The name of component {@code i}: the parameter and index ({@code w[3]}, {@code m[1][2]},
         * {@code layer.b[0]}) in the reports of {@link #check(Class, String, Object...)} and of the
         * scalar, matrix and record checks, else {@code [i]}.
         */
        public String label(int i) {
            return labels == null ? "[" + i + "]" : labels[i];
        }

        /** The index of the largest relative error, or -1 for no components. */
        public int worstIndex() {
            return worst;
        }

        /** The relative error of component {@code i}. */
        public double relativeError(int i) {
            return errors[i];
        }

        /** Component {@code i} of the gradient under test. */
        public double actual(int i) {
            return actual[i];
        }

        /** Component {@code i} of the reference. */
        public double expected(int i) {
            return expected[i];
        }

        public double rtol() {
            return rtol;
        }

        public double floor() {
            return floor;
        }

        /**
         * Returns this report if every component passed.
         *
         * @throws AssertionError with {@link #toString()} as its message otherwise
         */
        public Report orThrow() {
            if (!ok()) {
                throw new AssertionError(toString());
            }
            return this;
        }

        /**
         * One line of summary, then one line per failing component (the first ten), for
         * example {@code [3] actual 1.5 expected 1.25 (relative error 1.7e-01)}.
         */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            s.append(ok() ? "gradient check passed" : "gradient check FAILED")
                    .append(String.format(Locale.ROOT,
                            ": %d of %d components off; max relative error %.3e", failures, size(),
                            maxRelativeError()));
            if (worst >= 0) {
                s.append(labels == null ? " at [" + worst + "]" : " at " + labels[worst]);
            }
            s.append(String.format(Locale.ROOT, " (rtol %.1e, floor %.3e)", rtol, floor));
            int listed = 0;
            for (int i = 0; i < errors.length && listed < LISTED; i++) {
                if (!(errors[i] <= rtol)) {
                    s.append(System.lineSeparator()).append(line(i));
                    listed++;
                }
            }
            if (failures > listed) {
                s.append(System.lineSeparator()).append("  ... and ").append(failures - listed).append(" more");
            }
            return s.toString();
        }

        /**
         * The text for component {@code i}: its name, both values, the difference and the relative
         * error, for example {@code w[3]: gradient 1.5, finite differences 1.25, off by 0.25
         * (relative error 1.667e-01)}; {@code [3] actual 1.5 expected 1.25 (relative error 1.667e-01)}
         * for a report of plain indices.
         */
        public String line(int i) {
            if (labels == null) {
                return String.format(Locale.ROOT, "  [%d] actual %s expected %s (relative error %.3e)",
                        i, actual[i], expected[i], errors[i]);
            }
            return String.format(Locale.ROOT, "  %s: %s %s, %s %s, off by %s (relative error %.3e)",
                    labels[i], labels[i].equals(VALUE) ? "generated value" : "gradient", actual[i],
                    references[i], expected[i], Math.abs(actual[i] - expected[i]), errors[i]);
        }
    }

    // ------------------------------------------------------------------------------------------

    private static double centralDifference(DoubleUnaryOperator f, double x, double h) {
        double xp = x + h;
        double xm = x - h;
        // the points actually evaluated: dividing by their distance removes the rounding of x ± h
        return (f.applyAsDouble(xp) - f.applyAsDouble(xm)) / (xp - xm);
    }

    private static void requireStep(double h) {
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("step must be positive and finite, got " + h);
        }
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
