package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.jgrad.tests.corpus.Corpus;
import dev.jgrad.tests.corpus.Corpus.Case;
import dev.jgrad.tests.jit.CorpusRewriter;
import dev.jgrad.tests.jit.JitCorpus;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 7's test of {@code @Jit}: every corpus method ({@link Corpus#CASES}) also carries
 * {@code @Jit}, and then, on {@link #SEEDS} seeded inputs each (the seeds of
 * {@link CorpusGradientTest}):
 * <ol>
 *   <li>{@code XJit.f(args)} is within {@link #RTOL} relative of the source method {@code X.f(args)};
 *   <li>the {@code @Jit @Grad} gradient {@code XGrad.f(args)}, value and every element of every
 *       component, is within {@link #RTOL} relative of the unoptimised {@code @Grad} gradient (the
 *       corpus as Maven compiled it, without {@code @Jit});
 *   <li>calling {@code XJit.f} and the jit gradient again gives the same bits, and so does calling
 *       them with threads off ({@code jgrad.parallel=false}), on, and by default ({@link #THREADS});
 *   <li>the arguments after each jit call are what the source method leaves (unchanged unless the
 *       source writes into them).
 * </ol>
 * The corpus's inputs are small, far below the trip count at which a loop is split over threads,
 * so {@link #threadCountsOnLargeData} checks 3 and 4 again, and 1 and 2 loosely, on the cases
 * whose generated code runs a loop through the runtime's {@code Parallel}, with their data arrays
 * repeated to {@link #LARGE} elements.
 *
 * <p>The corpus is not written twice: its sources are read from the source tree, rewritten into
 * package {@code dev.jgrad.tests.jitcorpus} with {@code @dev.jgrad.Jit} in front of every
 * {@code @Grad} ({@link CorpusRewriter}), and compiled in this JVM with the processor, all files
 * in one javac task ({@link JitCorpus}). A case {@code X.f} of the registry maps to
 * {@code jitcorpus.XJit.f} and {@code jitcorpus.XGrad.f} by class and method name. A method the
 * processor fails on is compiled without {@code @Jit} (so that it does not hide the others) and
 * its cases fail with the errors.
 *
 * <p>Each thread setting has its own class loader of the jit corpus and the runtime, used only
 * under that setting, so the comparison holds whether the runtime reads {@code jgrad.parallel} at
 * every call or once when its classes initialise. ({@code -Djgrad.jitcorpus.keep=true} keeps the
 * rewritten and generated sources; {@code -Djgrad.corpus=REGEX} selects cases, as in
 * {@link CorpusGradientTest}.)
 */
class JitCorpusTest {
    static final int SEEDS = CorpusGradientTest.SEEDS;

    /** The contract's tolerance for {@code @Jit} (DESIGN.md, guarantee 5). */
    static final double RTOL = 1e-12;

    /**
     * The absolute floor below which two values count as equal even when their relative difference
     * exceeds {@link #RTOL}: 1e-15, about 4.5 ulps of 1.0. {@code @Jit} may reassociate sums; a sum
     * of terms of magnitude up to {@code M} then moves by a few ulps of {@code M}, which is within
     * {@code RTOL} of the sum unless the terms cancel. The corpus draws inputs of order 1 and its
     * values and gradient elements are of order 1 to 100, so a result that cancels to (near) zero
     * may differ by a few ulps of 1 between two summation orders, and that is all this floor admits:
     * 1e-15 is {@code RTOL} of 1e-3, far below any value of the corpus that does not cancel.
     */
    static final double ATOL = 1e-15;

    /** The corpus's tolerance: {@link #RTOL}, with the floor {@link #ATOL}. */
    static final Tolerance CORPUS = new Tolerance(RTOL, ATOL, 0);

    /**
     * How many elements the data arrays are repeated to in {@link #threadCountsOnLargeData}: enough
     * for three chunks of a parallel loop (the runtime makes a chunk of every 8,192 iterations),
     * small enough that every gradient takes milliseconds.
     */
    static final int LARGE = 25_000;

    /**
     * The tolerance against the source and {@code @Grad} on large data: only gross errors (a chunk
     * lost or added twice), since reassociating sums of {@link #LARGE} terms may move them by far
     * more than {@link #RTOL}; the floor is relative to the largest element of the component.
     */
    static final Tolerance LARGE_DATA = new Tolerance(1e-9, 0, 1e-9);

    /** The thread settings compared, each a set of system properties (null: cleared). */
    static final Map<String, Map<String, String>> THREADS = threadSettings();

    private static JitCorpus corpus;
    private static Map<String, ClassLoader> loaders;

    private static Map<String, Map<String, String>> threadSettings() {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        Map<String, String> unset = new HashMap<>();
        unset.put("jgrad.parallel", null);
        m.put("default (jgrad.parallel unset)", Collections.unmodifiableMap(unset));
        m.put("jgrad.parallel=false", Map.of("jgrad.parallel", "false"));
        m.put("jgrad.parallel=true", Map.of("jgrad.parallel", "true"));
        return Collections.unmodifiableMap(m);
    }

    /** The setting the comparisons 1, 2 and 4 run under: the first, the default. */
    static String mainSetting() {
        return THREADS.keySet().iterator().next();
    }

    /**
     * Relative tolerance {@code rtol}, with the floor {@code atol + scaled * (the largest magnitude
     * in the component compared)}.
     */
    record Tolerance(double rtol, double atol, double scaled) {}

    @BeforeAll
    static void compileTheJitCorpus() throws Exception {
        corpus = JitCorpus.build(Corpus.class);
        loaders = new LinkedHashMap<>();
        for (String setting : THREADS.keySet()) {
            loaders.put(setting, corpus.loader());
        }
    }

    /**
     * How close the corpus comparisons came, over the whole run: for {XJit values, elements of the
     * jit gradient}, {compared, not bit-identical, largest relative error among those within the
     * tolerance}. Printed at the end, to show how much room {@link #RTOL} and {@link #ATOL} leave.
     */
    private static final double[][] STATS = new double[2][3];

    static synchronized void record(int kind, double expected, double actual, boolean close) {
        STATS[kind][0]++;
        if (!Values.sameBits(expected, actual)) {
            STATS[kind][1]++;
            if (close && expected != actual) {
                STATS[kind][2] = Math.max(STATS[kind][2], relativeError(expected, actual));
            }
        }
    }

    @AfterAll
    static void cleanUp() {
        System.out.printf(Locale.ROOT, "JitCorpusTest: XJit values: %.0f compared, %.0f not bit-identical to the source"
                + " (largest relative error within tolerance %.3e); @Jit @Grad elements: %.0f compared, %.0f not"
                + " bit-identical to @Grad (largest relative error within tolerance %.3e)%n", STATS[0][0],
                STATS[0][1], STATS[0][2], STATS[1][0], STATS[1][1], STATS[1][2]);
        if (corpus != null) {
            corpus.close();
        }
    }

    @Test
    void theCorpusCompilesWithJit() {
        System.out.printf(Locale.ROOT, "JitCorpusTest: %d corpus files rewritten (%d @Grad methods given @Jit,"
                + " %d withheld), %d javac task(s) with the processor, %d ms%n", corpus.files.size(),
                corpus.annotated, corpus.withheld.size(), corpus.tasks, corpus.compileMillis);
        assertTrue(corpus.compiled(), JitCorpusTest::compileProblems);
        if (!corpus.withheld.isEmpty()) {
            StringBuilder s = new StringBuilder(corpus.withheld.size() + " corpus method(s) do not compile with @Jit"
                    + " (the others were compiled and tested without @Jit on them):");
            for (JitCorpus.Withheld w : corpus.withheld.values()) {
                s.append("\n  ").append(w.file()).append(' ').append(w.method()).append(':');
                w.reasons().stream().limit(5).forEach(r -> s.append("\n    ").append(r));
                if (w.reasons().size() > 5) {
                    s.append("\n    ... ").append(w.reasons().size() - 5).append(" more");
                }
            }
            throw new AssertionError(s.toString());
        }
        assertEquals(0, corpus.alreadyJit, "corpus methods that already carry @Jit");
        assertEquals(Corpus.CASES.size(), corpus.annotated,
                "the rewrite put @Jit on " + corpus.annotated + " @Grad annotations; the registry has "
                        + Corpus.CASES.size() + " cases");
    }

    private static String compileProblems() {
        StringBuilder s = new StringBuilder("the corpus with @Jit on every @Grad method does not compile ("
                + corpus.files.size() + " files, " + corpus.tasks + " javac tasks, " + corpus.compileMillis
                + " ms), and not because of particular methods");
        if (corpus.crash != null) {
            s.append("\n  the processor threw: ").append(corpus.crash);
            for (Throwable t = corpus.crash.getCause(); t != null; t = t.getCause()) {
                s.append("\n    caused by ").append(t);
                StackTraceElement[] st = t.getStackTrace();
                for (int i = 0; i < Math.min(8, st.length); i++) {
                    s.append("\n      at ").append(st[i]);
                }
            }
        }
        List<JitCorpus.Diag> errors = corpus.errors();
        for (int i = 0; i < Math.min(40, errors.size()); i++) {
            s.append("\n  ").append(errors.get(i));
        }
        if (errors.size() > 40) {
            s.append("\n  ... ").append(errors.size() - 40).append(" more errors");
        }
        s.append("\n  (-Djgrad.jitcorpus.keep=true keeps ").append(corpus.dir).append(')');
        return s.toString();
    }

    static Stream<Case> selectedCases() {
        Pattern selected = Pattern.compile(System.getProperty("jgrad.corpus", ""));
        return Corpus.CASES.stream().filter(c -> selected.matcher(c.name()).find());
    }

    @TestFactory
    Stream<DynamicContainer> jitOfTheCorpus() {
        return selectedCases().map(c -> dynamicContainer(c.name(), IntStream.range(0, SEEDS)
                .mapToObj(k -> CorpusGradientTest.seed(c, k))
                .map(seed -> dynamicTest("seed " + seed,
                        () -> new Run(c, "seed " + seed, () -> c.arguments(seed), CORPUS, true).check()))));
    }

    /**
     * Thread counts where they matter: the cases whose {@code @Jit} or {@code @Jit @Grad} code runs
     * a loop through {@code dev.jgrad.runtime.Parallel}, on the first seed's arguments with every
     * array of the largest length repeated to {@link #LARGE} elements (the rows of a data set, with
     * their labels and targets): the same bits from every thread setting and every call, and, to
     * {@link #LARGE_DATA}, the values of the source and of {@code @Grad}.
     */
    /**
     * Cases whose arrays are all parameters whose shapes must agree with each other (a network's layers),
     * with no rows of data to repeat: repeating the longest arrays would make the source itself fail.
     */
    private static final java.util.Set<String> NO_DATA_ROWS = java.util.Set.of("Records.deep");

    @TestFactory
    Stream<DynamicContainer> threadCountsOnLargeData() {
        List<Case> cases = selectedCases()
                .filter(c -> !corpus.withheld.containsKey(JitCorpus.key(fileOf(c.owner()), c.method())))
                .filter(c -> usesParallel(c))
                .filter(c -> !NO_DATA_ROWS.contains(c.name()))
                .toList();
        System.out.println("JitCorpusTest: on data repeated to " + LARGE + " elements: " + cases);
        return cases.stream()
                .map(c -> {
                    long seed = CorpusGradientTest.seed(c, 0);
                    return dynamicContainer(c.name(), Stream.of(dynamicTest("seed " + seed + ", data x" + LARGE,
                            () -> new Run(c, "seed " + seed + ", arrays repeated to " + LARGE + " elements",
                                    () -> repeated(c.arguments(seed), LARGE), LARGE_DATA, false).check())));
                });
    }

    private static boolean usesParallel(Case c) {
        for (String suffix : List.of("Jit", "Grad")) {
            String body = corpus.generatedMethod(stem(c.owner()) + suffix, c.method());
            if (body != null && body.contains("Parallel.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The arguments with every array of the largest length {@code n} (a data set's rows, labels
     * and targets) repeated to at least {@code size} elements; null if no array has 2 or more.
     */
    static Object[] repeated(Object[] args, int size) {
        int n = 0;
        for (Object a : args) {
            n = Math.max(n, longest(a));
        }
        if (n < 2) {
            throw new IllegalArgumentException("no array to repeat");
        }
        int times = (size + n - 1) / n;
        Object[] out = Values.deepCopy(args);
        for (int p = 0; p < out.length; p++) {
            out[p] = repeated(out[p], n, times);
        }
        return out;
    }

    /** The largest length of an array in {@code a}, the components of a record of parameters included. */
    private static int longest(Object a) {
        if (Pytrees.isRecord(a)) {
            int n = 0;
            for (Object c : Pytrees.components(a)) {
                n = Math.max(n, longest(c));
            }
            return n;
        }
        return a instanceof double[] v ? v.length : a instanceof double[][] m ? m.length : a instanceof int[] l ? l.length
                : a instanceof boolean[] f ? f.length : 0;
    }

    /** {@code a} with an array of length {@code n} repeated {@code times} times (in a record too). */
    private static Object repeated(Object a, int n, int times) {
        if (Pytrees.isRecord(a)) {
            Object[] c = Pytrees.components(a);
            for (int k = 0; k < c.length; k++) {
                c[k] = repeated(c[k], n, times);
            }
            return Pytrees.rebuild(a.getClass(), c);
        }
        if (a instanceof double[] v && v.length == n) {
            double[] r = new double[n * times];
            for (int k = 0; k < times; k++) {
                System.arraycopy(v, 0, r, k * n, n);
            }
            return r;
        } else if (a instanceof double[][] m && m.length == n) {
            double[][] r = new double[n * times][];
            for (int i = 0; i < r.length; i++) {
                r[i] = m[i % n] == null ? null : m[i % n].clone();
            }
            return r;
        } else if (a instanceof int[] l && l.length == n) {
            int[] r = new int[n * times];
            for (int k = 0; k < times; k++) {
                System.arraycopy(l, 0, r, k * n, n);
            }
            return r;
        } else if (a instanceof boolean[] f && f.length == n) {
            boolean[] r = new boolean[n * times];
            for (int k = 0; k < times; k++) {
                System.arraycopy(f, 0, r, k * n, n);
            }
            return r;
        }
        return a;
    }

    /** {@code dev.jgrad.tests.corpus.Outer$C} gives {@code Outer_C}: the stem of its generated classes. */
    static String stem(Class<?> owner) {
        return owner.getName().substring(owner.getPackageName().length() + 1).replace('$', '_');
    }

    /** {@code dev.jgrad.tests.corpus.Outer$C} gives {@code Outer.java}: the file it is in. */
    static String fileOf(Class<?> owner) {
        String binary = owner.getName().substring(owner.getPackageName().length() + 1);
        int dollar = binary.indexOf('$');
        return (dollar < 0 ? binary : binary.substring(0, dollar)) + ".java";
    }

    /** Whether two doubles agree to the tolerance, with the floor for a component of largest magnitude {@code scale}; NaN only with NaN. */
    static boolean close(double expected, double actual, Tolerance tol, double scale) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (expected == actual) {
            return true; // infinities of the same sign, and 0.0 vs -0.0
        }
        double diff = Math.abs(expected - actual);
        return diff <= tol.atol() + tol.scaled() * scale
                || diff <= tol.rtol() * Math.max(Math.abs(expected), Math.abs(actual));
    }

    static double relativeError(double expected, double actual) {
        return Math.abs(expected - actual) / Math.max(Math.abs(expected), Math.abs(actual));
    }

    /** The largest finite magnitude in a value of a gradient record. */
    static double scale(Object v) {
        double s = 0;
        if (v instanceof Double d) {
            s = Math.abs(d);
        } else if (v instanceof double[] a) {
            for (double x : a) {
                s = Math.max(s, Math.abs(x));
            }
        } else if (v instanceof double[][] m) {
            for (double[] row : m) {
                if (row != null) {
                    s = Math.max(s, scale(row));
                }
            }
        }
        return Double.isFinite(s) ? s : 0;
    }

    /** One case on one set of arguments. */
    private static final class Run {
        private final Case c;
        private final String inputs;
        private final Supplier<Object[]> arguments;
        private final Tolerance tol;
        private final boolean stats;

        Run(Case c, String inputs, Supplier<Object[]> arguments, Tolerance tol, boolean stats) {
            this.c = c;
            this.inputs = inputs;
            this.arguments = arguments;
            this.tol = tol;
            this.stats = stats;
        }

        private AssertionError failure(String what) {
            return new AssertionError(c.name() + " (" + inputs + "): " + what);
        }

        void check() throws Exception {
            JitCorpus.Withheld withheld = corpus.withheld.get(JitCorpus.key(fileOf(c.owner()), c.method()));
            if (withheld != null) {
                throw failure("does not compile with @Jit @Grad:\n  " + String.join("\n  ", withheld.reasons()));
            }
            if (!corpus.compiled()) {
                List<JitCorpus.Diag> errors = corpus.errors();
                throw failure("the jit corpus did not compile (see theCorpusCompilesWithJit); "
                        + (corpus.crash != null ? "the processor threw " + corpus.crash
                                : errors.size() + " errors, the first: " + errors.get(0)));
            }
            Method src = CorpusGradientTest.sourceMethod(c);
            Class<?>[] types = src.getParameterTypes();
            Method ref = method(Class.forName(c.owner().getPackageName() + "." + stem(c.owner()) + "Grad", true,
                    c.owner().getClassLoader()), types, "the @Grad gradient");
            Object[] args = arguments.get();

            // the source, and what it leaves in its arguments
            Object[] srcArgs = Values.deepCopy(args);
            double expected = (double) call(src, srcArgs, "the source method");
            RecordComponent[] refComponents = ref.getReturnType().getRecordComponents();
            Object[] refValues = read(refComponents, call(ref, Values.deepCopy(args), "the @Grad gradient"));

            // every thread setting, in a loader of its own, each method called twice
            Map<String, Double> jitValues = new LinkedHashMap<>();
            Map<String, Object[]> gradValues = new LinkedHashMap<>();
            for (Map.Entry<String, ClassLoader> setting : loaders.entrySet()) {
                String name = setting.getKey();
                ClassLoader loader = setting.getValue();
                Method jit = method(loader.loadClass(JitCorpus.PACKAGE + "." + stem(c.owner()) + "Jit"), types,
                        "the @Jit method");
                Method grad = method(loader.loadClass(JitCorpus.PACKAGE + "." + stem(c.owner()) + "Grad"), types,
                        "the @Jit @Grad gradient");
                if (jit.getReturnType() != double.class) {
                    throw failure(jit + " returns " + jit.getReturnType() + ", not double");
                }
                RecordComponent[] components = grad.getReturnType().getRecordComponents();
                checkSameComponents(refComponents, components);
                JitCorpus.withProperties(THREADS.get(name), () -> {
                    double[] values = new double[2];
                    Object[][] gradients = new Object[2][];
                    for (int k = 0; k < 2; k++) {
                        Object[] a = Values.deepCopy(args);
                        values[k] = (double) call(jit, a, "the @Jit method (" + name + ")");
                        checkArgumentsAfter("the @Jit method", args, srcArgs, a, name, k);
                        a = Values.deepCopy(args);
                        gradients[k] = read(components, call(grad, a, "the @Jit @Grad gradient (" + name + ")"));
                        checkArgumentsAfter("the @Jit @Grad gradient", args, srcArgs, a, name, k);
                    }
                    jitValues.put(name, values[0]);
                    gradValues.put(name, gradients[0]);
                    sameBits("a second call of the @Jit method (" + name + ")", "value", values[0], values[1]);
                    for (int i = 0; i < components.length; i++) {
                        sameBits("a second call of the @Jit @Grad gradient (" + name + ")",
                                components[i].getName() + "()", gradients[0][i], gradients[1][i]);
                    }
                    return null;
                });
            }

            // (1) the @Jit value against the source
            String main = mainSetting();
            double value = jitValues.get(main);
            boolean valueClose = close(expected, value, tol, Math.abs(expected));
            if (stats) {
                record(0, expected, value, valueClose);
            }
            if (!valueClose) {
                throw failure(String.format(Locale.ROOT,
                        "the @Jit method returns %s but the source method %s (relative error %.3e; rtol %.0e)",
                        Values.bits(value), Values.bits(expected), relativeError(expected, value), tol.rtol()));
            }
            // (2) the @Jit @Grad gradient against the @Grad gradient, element by element
            Object[] gradient = gradValues.get(main);
            StringBuilder diffs = new StringBuilder();
            int[] count = {0};
            for (int i = 0; i < refComponents.length; i++) {
                compare(refComponents[i].getName(), refValues[i], gradient[i], diffs, count);
            }
            if (count[0] > 0) {
                throw failure(count[0] + " element(s) of the @Jit @Grad gradient differ from the @Grad gradient"
                        + String.format(Locale.ROOT, " (rtol %.0e, atol %.0e, floor %.0e x the component's largest):",
                                tol.rtol(), tol.atol(), tol.scaled()) + diffs);
            }
            // (3) the same bits whatever the thread setting
            for (String other : THREADS.keySet()) {
                if (other.equals(main)) {
                    continue;
                }
                sameBits("the @Jit method with " + other + " (vs " + main + ")", "value", jitValues.get(main),
                        jitValues.get(other));
                Object[] g = gradValues.get(other);
                for (int i = 0; i < refComponents.length; i++) {
                    sameBits("the @Jit @Grad gradient with " + other + " (vs " + main + ")",
                            refComponents[i].getName() + "()", gradient[i], g[i]);
                }
            }
        }

        /** Appends a line per element of {@code actual} that is not {@link #close} to {@code expected}. */
        private void compare(String component, Object expected, Object actual, StringBuilder out, int[] count) {
            double scale = scale(expected);
            if (expected instanceof Double e && actual instanceof Double a) {
                element(component + "()", e, a, scale, out, count);
            } else if (expected instanceof double[] e && actual instanceof double[] a) {
                if (e.length != a.length) {
                    throw failure(component + "() has length " + a.length + "; the @Grad gradient's has " + e.length);
                }
                for (int j = 0; j < e.length; j++) {
                    element(component + "()[" + j + "]", e[j], a[j], scale, out, count);
                }
            } else if (expected instanceof double[][] e && actual instanceof double[][] a) {
                if (e.length != a.length) {
                    throw failure(component + "() has " + a.length + " rows; the @Grad gradient's has " + e.length);
                }
                for (int i = 0; i < e.length; i++) {
                    if (e[i] == null || a[i] == null) {
                        if (e[i] != a[i]) {
                            throw failure(component + "()[" + i + "] is " + (a[i] == null ? "null" : "a row")
                                    + "; the @Grad gradient's is " + (e[i] == null ? "null" : "a row"));
                        }
                        continue;
                    }
                    if (e[i].length != a[i].length) {
                        throw failure(component + "()[" + i + "] has length " + a[i].length
                                + "; the @Grad gradient's has " + e[i].length);
                    }
                    for (int j = 0; j < e[i].length; j++) {
                        element(component + "()[" + i + "][" + j + "]", e[i][j], a[i][j], scale, out, count);
                    }
                }
            } else if (Pytrees.isRecord(expected) && actual != null && actual.getClass() == expected.getClass()) {
                // a record of parameters: leaf by leaf, its other components as they are
                Object[] e = Pytrees.components(expected);
                Object[] a = Pytrees.components(actual);
                RecordComponent[] rc = expected.getClass().getRecordComponents();
                for (int k = 0; k < rc.length; k++) {
                    String inner = component + "()." + rc[k].getName();
                    if (Pytrees.isDifferentiable(rc[k].getType())) {
                        compare(inner, e[k], a[k], out, count);
                    } else if (Values.firstDifference(e[k], a[k]) != null) {
                        throw failure(inner + "() is " + a[k] + "; the @Grad gradient's is " + e[k]);
                    }
                }
            } else {
                throw failure(component + "() is " + describe(actual) + "; the @Grad gradient's is " + describe(expected));
            }
        }

        private void element(String where, double expected, double actual, double scale, StringBuilder out,
                int[] count) {
            boolean ok = close(expected, actual, tol, scale);
            if (stats) {
                record(1, expected, actual, ok);
            }
            if (ok) {
                return;
            }
            if (count[0]++ < 12) {
                out.append(String.format(Locale.ROOT,
                        "%n  %s: expected (@Grad) %s, actual (@Jit @Grad) %s, relative error %.3e", where,
                        Values.bits(expected), Values.bits(actual), relativeError(expected, actual)));
            } else if (count[0] == 13) {
                out.append("\n  ...");
            }
        }

        private void sameBits(String what, String component, Object first, Object second) {
            String d = first instanceof Double a && second instanceof Double b
                    ? (Values.sameBits(a, b) ? null : "expected " + Values.bits(a) + ", was " + Values.bits(b))
                    : Values.firstDifference(first, second);
            if (d != null) {
                throw failure(what + " gives a different " + component + ": " + d);
            }
        }

        private void checkArgumentsAfter(String what, Object[] before, Object[] srcAfter, Object[] after,
                String setting, int call) {
            for (int p = 0; p < after.length; p++) {
                String d = Values.firstDifference(srcAfter[p], after[p]);
                if (d != null) {
                    boolean sourceWrites = Values.firstDifference(before[p], srcAfter[p]) != null;
                    throw failure("argument " + p + " after " + what + " (" + setting + ", call " + (call + 1)
                            + ") differs from " + (sourceWrites ? "what the source method leaves"
                                    : "its value before (the source does not write it)") + ": " + d);
                }
            }
        }

        private void checkSameComponents(RecordComponent[] ref, RecordComponent[] jit) {
            String r = describe(ref);
            String j = describe(jit);
            if (!r.equals(j)) {
                throw failure("the @Jit @Grad gradient record has components " + j + "; the @Grad one has " + r);
            }
        }

        private static String describe(RecordComponent[] rc) {
            return Arrays.stream(rc).map(x -> x.getType().getSimpleName() + " " + x.getName())
                    .collect(Collectors.joining(", ", "(", ")"));
        }

        private static String describe(Object v) {
            return v == null ? "null" : v.getClass().getSimpleName();
        }

        private Method method(Class<?> owner, Class<?>[] types, String what) {
            try {
                Method m = owner.getMethod(c.method(), types);
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException e) {
                throw failure(what + ": " + owner.getName() + " has no public method " + c.method()
                        + " with the source's parameter types");
            }
        }

        private Object call(Method m, Object[] args, String what) {
            try {
                Object r = m.invoke(null, args);
                if (r == null) {
                    throw failure(what + " returned null");
                }
                return r;
            } catch (InvocationTargetException e) {
                AssertionError err = failure(what + " threw " + e.getCause());
                err.initCause(e.getCause());
                throw err;
            } catch (IllegalAccessException e) {
                throw failure(what + " is not accessible: " + e.getMessage());
            }
        }

        private Object[] read(RecordComponent[] components, Object record) {
            Object[] out = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                try {
                    out[i] = components[i].getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw failure("cannot read component " + components[i].getName() + "(): " + e);
                }
            }
            return out;
        }
    }

    @Test
    void theRewriteLeavesCommentsAndLiteralsAndAddsJitOnce() {
        CorpusRewriter r = new CorpusRewriter(JitCorpus.CORPUS_PACKAGE, JitCorpus.PACKAGE);
        String in = String.join("\n",
                "package dev.jgrad.tests.corpus;",
                "import dev.jgrad.Grad;",
                "import dev.jgrad.tests.corpus.Other;",
                "/** a @Grad method, see {@link dev.jgrad.tests.corpus.Other} */",
                "final class A {",
                "    @Grad(wrt = {\"x\"}) static double f(double x) { return g(\"@Grad\", x); }",
                "    @dev.jgrad.Grad",
                "    static double g(String s, double x) { return dev.jgrad.tests.corpus.Other.h(x) + 'a'; }",
                "    @Grad @dev.jgrad.Jit static double h(double x) { return x; }",
                "    @dev.jgrad.Jit",
                "    @Grad static double k(double x) { return x; } // @Grad",
                "    @Grad(wrt = {}) static double m(double[] corpusx) {",
                "        return 0;",
                "    }",
                "}");
        CorpusRewriter.Rewritten out = r.rewrite(in);
        String expected = String.join("\n",
                "package dev.jgrad.tests.jitcorpus;",
                "import dev.jgrad.Grad;",
                "import dev.jgrad.tests.jitcorpus.Other;",
                "/** a @Grad method, see {@link dev.jgrad.tests.corpus.Other} */",
                "final class A {",
                "    @dev.jgrad.Jit @Grad(wrt = {\"x\"}) static double f(double x) { return g(\"@Grad\", x); }",
                "    @dev.jgrad.Jit @dev.jgrad.Grad",
                "    static double g(String s, double x) { return dev.jgrad.tests.jitcorpus.Other.h(x) + 'a'; }",
                "    @Grad @dev.jgrad.Jit static double h(double x) { return x; }",
                "    @dev.jgrad.Jit",
                "    @Grad static double k(double x) { return x; } // @Grad",
                "    @dev.jgrad.Jit @Grad(wrt = {}) static double m(double[] corpusx) {",
                "        return 0;",
                "    }",
                "}");
        assertEquals(expected, out.text());
        assertEquals(3, out.annotated());
        assertEquals(2, out.alreadyJit());
        assertEquals("[f 6-6 true, g 7-8 true, h 9-9 true, k 10-11 true, m 12-14 true]", out.sites().stream()
                .map(x -> x.method() + " " + x.firstLine() + "-" + x.lastLine() + " " + x.jit()).toList().toString());
        assertEquals("[f 6-6 true, g 7-8 false, h 9-9 true, k 10-11 true, m 12-14 false]",
                r.rewrite(in, name -> !name.equals("g") && !name.equals("m")).sites().stream()
                        .map(x -> x.method() + " " + x.firstLine() + "-" + x.lastLine() + " " + x.jit()).toList()
                        .toString());
    }

    @Test
    void repeatingDataKeepsShapesAndLabels() {
        Object[] args = {new double[] {1, 2}, 0.5, new double[][] {{1, 2}, {3, 4}, {5, 6}}, new int[] {0, 1, 2},
            new double[] {7, 8, 9}};
        Object[] big = repeated(args, 7);
        assertEquals("[1.0, 2.0]", Arrays.toString((double[]) big[0]));
        assertEquals(0.5, big[1]);
        assertEquals(9, ((double[][]) big[2]).length);
        assertEquals("[5.0, 6.0]", Arrays.toString(((double[][]) big[2])[8]));
        assertEquals("[0, 1, 2, 0, 1, 2, 0, 1, 2]", Arrays.toString((int[]) big[3]));
        assertEquals(9, ((double[]) big[4]).length);
    }
}
