package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.jgrad.tests.corpus.Corpus;
import dev.jgrad.tests.corpus.Corpus.Case;
import dev.jgrad.tests.jit.JitCorpus;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 *
 * <p>The corpus is not written twice: its sources are read from the source tree, rewritten into
 * package {@code dev.jgrad.tests.jitcorpus} with {@code @dev.jgrad.Jit} in front of every
 * {@code @Grad} ({@link dev.jgrad.tests.jit.CorpusRewriter}), and compiled in this JVM with the
 * processor, all files in one javac task ({@link JitCorpus}). A case {@code X.f} of the registry
 * maps to {@code jitcorpus.XJit.f} and {@code jitcorpus.XGrad.f} by class and method name.
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
     * {@code RTOL} of the sum unless the terms cancel. The corpus draws its inputs of order 1 and
     * its values and gradient elements are of order 1 to 100, so a result that cancels to (near)
     * zero may differ by a few ulps of 1 between two summation orders, and that is all this floor
     * admits: 1e-15 is 1e-12 relative of 1e-3, far below any value that does not cancel.
     */
    static final double ATOL = 1e-15;

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

    @BeforeAll
    static void compileTheJitCorpus() throws Exception {
        corpus = JitCorpus.build(Corpus.class);
        loaders = new LinkedHashMap<>();
        for (String setting : THREADS.keySet()) {
            loaders.put(setting, corpus.loader());
        }
    }

    @AfterAll
    static void cleanUp() {
        if (corpus != null) {
            corpus.close();
        }
    }

    /** The setting the main comparisons (1, 2, 4) run under: the first, the default. */
    static String mainSetting() {
        return THREADS.keySet().iterator().next();
    }

    @Test
    void theCorpusCompilesWithJit() {
        assertTrue(corpus.compiled(), compileProblems());
        assertEquals(0, corpus.alreadyJit, "corpus methods that already carry @Jit");
        assertEquals(Corpus.CASES.size(), corpus.annotated,
                "the rewrite put @Jit on " + corpus.annotated + " @Grad annotations; the registry has "
                        + Corpus.CASES.size() + " cases");
    }

    private static String compileProblems() {
        StringBuilder s = new StringBuilder("the corpus with @Jit on every @Grad method does not compile ("
                + corpus.sources.size() + " files, " + corpus.compileMillis + " ms)");
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

    @TestFactory
    Stream<DynamicContainer> jitOfTheCorpus() {
        Pattern selected = Pattern.compile(System.getProperty("jgrad.corpus", ""));
        return Corpus.CASES.stream()
                .filter(c -> selected.matcher(c.name()).find())
                .map(c -> dynamicContainer(c.name(), IntStream.range(0, SEEDS)
                        .mapToObj(k -> CorpusGradientTest.seed(c, k))
                        .map(seed -> dynamicTest("seed " + seed, () -> new Run(c, seed).check()))));
    }

    /** {@code dev.jgrad.tests.corpus.Outer$C} gives {@code Outer_C}: the stem of its generated classes. */
    static String stem(Class<?> owner) {
        return owner.getName().substring(owner.getPackageName().length() + 1).replace('$', '_');
    }

    /** Whether two doubles agree to {@link #RTOL} relative, or {@link #ATOL} absolute; NaN only with NaN. */
    static boolean close(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (expected == actual) {
            return true; // infinities of the same sign, and 0.0 vs -0.0
        }
        double diff = Math.abs(expected - actual);
        return diff <= ATOL || diff <= RTOL * Math.max(Math.abs(expected), Math.abs(actual));
    }

    static double relativeError(double expected, double actual) {
        return Math.abs(expected - actual) / Math.max(Math.abs(expected), Math.abs(actual));
    }

    /** One case on one seed. */
    private static final class Run {
        private final Case c;
        private final long seed;

        Run(Case c, long seed) {
            this.c = c;
            this.seed = seed;
        }

        private AssertionError failure(String what) {
            return new AssertionError(c.name() + " (seed " + seed + "): " + what);
        }

        void check() throws Exception {
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
            Object[] args = c.arguments(seed);

            // the source, and what it leaves in its arguments
            Object[] srcArgs = Values.deepCopy(args);
            double expected = (double) call(src, srcArgs, "the source method");
            Object refRecord = call(ref, Values.deepCopy(args), "the @Grad gradient");
            RecordComponent[] refComponents = ref.getReturnType().getRecordComponents();
            Object[] refValues = read(refComponents, refRecord);

            Map<String, Object[]> jitValues = new LinkedHashMap<>();
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
                checkSameComponents(refComponents, grad.getReturnType().getRecordComponents());
                RecordComponent[] components = grad.getReturnType().getRecordComponents();
                JitCorpus.withProperties(THREADS.get(name), () -> {
                    // each twice: the second call must repeat the first
                    Object[] values = new Object[2];
                    Object[][] gradients = new Object[2][];
                    for (int k = 0; k < 2; k++) {
                        Object[] a = Values.deepCopy(args);
                        values[k] = call(jit, a, "the @Jit method");
                        checkArgumentsAfter("the @Jit method", args, srcArgs, a, name, k);
                        a = Values.deepCopy(args);
                        gradients[k] = read(components, call(grad, a, "the @Jit @Grad gradient"));
                        checkArgumentsAfter("the @Jit @Grad gradient", args, srcArgs, a, name, k);
                    }
                    jitValues.put(name, values);
                    gradValues.put(name, gradients[0]);
                    sameBits("a second call of the @Jit method, " + name, "value", values[0], values[1]);
                    for (int i = 0; i < components.length; i++) {
                        sameBits("a second call of the @Jit @Grad gradient, " + name, components[i].getName() + "()",
                                gradients[0][i], gradients[1][i]);
                    }
                    return null;
                });
            }

            // (1) the @Jit value against the source
            String main = mainSetting();
            double value = (double) jitValues.get(main)[0];
            if (!close(expected, value)) {
                throw failure(String.format(Locale.ROOT,
                        "the @Jit method returns %s but the source method %s (relative error %.3e; rtol %.0e)",
                        Values.bits(value), Values.bits(expected), relativeError(expected, value), RTOL));
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
                        + String.format(Locale.ROOT, " (rtol %.0e, atol %.0e):", RTOL, ATOL) + diffs);
            }
            // (3) the same bits whatever the thread setting
            for (String other : THREADS.keySet()) {
                if (other.equals(main)) {
                    continue;
                }
                sameBits("the @Jit method with " + other + " vs " + main, "value", jitValues.get(main)[0],
                        jitValues.get(other)[0]);
                Object[] g = gradValues.get(other);
                for (int i = 0; i < refComponents.length; i++) {
                    sameBits("the @Jit @Grad gradient with " + other + " vs " + main,
                            refComponents[i].getName() + "()", gradient[i], g[i]);
                }
            }
        }

        /** Appends a line per element of {@code actual} that is not {@link #close} to {@code expected}. */
        private void compare(String component, Object expected, Object actual, StringBuilder out, int[] count) {
            if (expected instanceof Double e && actual instanceof Double a) {
                element(component + "()", e, a, out, count);
            } else if (expected instanceof double[] e && actual instanceof double[] a) {
                if (e.length != a.length) {
                    throw failure(component + "() has length " + a.length + "; the @Grad gradient's has " + e.length);
                }
                for (int j = 0; j < e.length; j++) {
                    element(component + "()[" + j + "]", e[j], a[j], out, count);
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
                        element(component + "()[" + i + "][" + j + "]", e[i][j], a[i][j], out, count);
                    }
                }
            } else {
                throw failure(component + "() is " + describe(actual) + "; the @Grad gradient's is " + describe(expected));
            }
        }

        private void element(String where, double expected, double actual, StringBuilder out, int[] count) {
            if (close(expected, actual)) {
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
            return java.util.Arrays.stream(rc).map(x -> x.getType().getSimpleName() + " " + x.getName())
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
    void theRewriteLeavesCommentsAndAddsJitOnce() {
        dev.jgrad.tests.jit.CorpusRewriter r = new dev.jgrad.tests.jit.CorpusRewriter(JitCorpus.CORPUS_PACKAGE,
                JitCorpus.PACKAGE);
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
                "    @Grad(wrt = {}) static double m(double[] corpusx) { return 0; }",
                "}");
        dev.jgrad.tests.jit.CorpusRewriter.Rewritten out = r.rewrite(in);
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
                "    @dev.jgrad.Jit @Grad(wrt = {}) static double m(double[] corpusx) { return 0; }",
                "}");
        assertEquals(expected, out.text());
        assertEquals(3, out.annotated());
        assertEquals(2, out.alreadyJit());
    }

    /** The slowest part is javac: reported, so that the test stays cheap. */
    @Test
    void compileTimeIsReported() {
        System.out.printf(Locale.ROOT, "JitCorpusTest: %d corpus files rewritten (%d methods given @Jit) and compiled in %d ms%n",
                corpus.sources.size(), corpus.annotated, corpus.compileMillis);
        if (!corpus.compiled()) {
            fail("see theCorpusCompilesWithJit");
        }
    }

    /** Unused: keeps the import of ArrayList honest if the checks above grow. */
    @SuppressWarnings("unused")
    private static final List<String> NOTHING = new ArrayList<>();
}
