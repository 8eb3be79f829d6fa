package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.jgrad.GradCheck;
import dev.jgrad.tests.corpus.Corpus;
import dev.jgrad.tests.corpus.Corpus.Case;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 15's test of {@code @Hessian}: every corpus method ({@link Corpus#CASES}) also carries
 * {@code @Hessian} with its {@code @Grad}'s wrt ({@link ForwardCorpus}), and then, on the seeds of
 * {@link CorpusGradientTest}:
 * <ol>
 *   <li>{@code XHessian.f(args)}: the value bit for bit; the gradient equal to the corpus's own
 *       {@code @Grad} gradient to {@link #GRADIENT_RTOL}; the Hessian exactly symmetric, and each
 *       column within {@link GradCheck#DEFAULT_RTOL} of Richardson-extrapolated central differences of
 *       the {@code @Grad} gradient (with {@link GradCheck#defaultFloor}'s floor at the gradient's scale);
 *   <li>{@code XHessian.fHvp(args, v)} for a random {@code v}: the same value, the same gradient, and
 *       {@code hvp} equal to {@code hessian . v} to {@link #HVP_RTOL} of {@code sum |H_ij v_j|} (the
 *       Hessian is symmetrised, the product is not);
 *   <li>the arguments after each call are as the source leaves them; calls from several threads at
 *       once give the same bits.
 * </ol>
 * and the same again with {@code @Jit @Hessian} ({@link ForwardCorpus#JIT_TWIN}): {@code @Jit} does
 * not change the Hessian's code.
 */
class HessianCorpusTest {
    /** The two gradients run different code (reverse mode, and the reverse mode of the tangent). */
    static final double GRADIENT_RTOL = 1e-12;
    static final double HVP_RTOL = 1e-10;
    static final int THREADS = 4;

    /** The largest relative differences seen, printed at the end: {gradient, hvp}. */
    private static final double[] WORST = new double[2];

    @AfterAll
    static void report() {
        System.out.printf(Locale.ROOT, "HessianCorpusTest: largest relative difference of the gradient to @Grad %.3e,"
                + " of hvp to hessian . v %.3e%n", WORST[0], WORST[1]);
    }

    /**
     * The corpus cases that carry {@code @Hessian}: all but those of {@code CustomDerivatives}, which
     * carry {@code @Jvp} of their own (so the twin adds no {@code @Hessian}), and {@code ArrayDerivatives}, whose
     * methods carry {@code @Jvp} too; second derivatives through {@code @Derivative} methods are the corpus
     * classes {@code SecondOrderCustom}'s (partials in doubles) and {@code SecondOrderArrays}'s (in arrays).
     */
    static Stream<dev.jgrad.tests.corpus.Corpus.Case> hessianCases() {
        return JitCorpusTest.selectedCases().filter(c -> c.owner() != dev.jgrad.tests.corpus.CustomDerivatives.class
                && c.owner() != dev.jgrad.tests.corpus.ArrayDerivatives.class);
    }

    @TestFactory
    Stream<DynamicContainer> hessianOfTheCorpus() {
        return hessianCases().map(c -> dynamicContainer(c.name(), IntStream.range(0, CorpusGradientTest.SEEDS)
                .mapToObj(k -> CorpusGradientTest.seed(c, k))
                .map(seed -> dynamicTest("seed " + seed, () -> check(ForwardCorpus.TWIN, c, seed)))));
    }

    @TestFactory
    Stream<DynamicContainer> jitHessianOfTheCorpus() {
        return hessianCases().map(c -> dynamicContainer(c.name(), Stream.of(CorpusGradientTest.seed(c, 0))
                .map(seed -> dynamicTest("seed " + seed, () -> check(ForwardCorpus.JIT_TWIN, c, seed)))));
    }

    private static synchronized void worst(int k, double relative) {
        WORST[k] = Math.max(WORST[k], relative);
    }

    private static void check(dev.jgrad.tests.jit.JitCorpus.Twin twin, Case c, long seed) throws Exception {
        ForwardCorpus.Shape shape = ForwardCorpus.Shape.of(c);
        Object[] args = c.arguments(seed);
        String where = c.name() + (twin == ForwardCorpus.TWIN ? "" : " @Jit") + " (seed " + seed + ")";
        Class<?> owner = ForwardCorpus.generated(twin, c, "Hessian");
        Class<?>[] types = shape.source().getParameterTypes();
        Method full = owner.getMethod(c.method(), types);
        Class<?>[] hvpTypes = java.util.Arrays.copyOf(types, types.length + 1);
        hvpTypes[types.length] = double[].class;
        Method hvp = owner.getMethod(c.method() + "Hvp", hvpTypes);
        WrtLayout layout = new WrtLayout(shape.wrt(), shape.wrtParams(), args);
        int n = layout.size();

        // 1: value, gradient, symmetry, columns against finite differences of @Grad
        Object[] srcArgs = Values.deepCopy(args);
        double expected = shape.value(srcArgs);
        Object[] hArgs = Values.deepCopy(args);
        Object result = ForwardCorpus.invoke(full, hArgs);
        checkArguments(where, srcArgs, hArgs);
        double value = (double) ForwardCorpus.component(result, "value");
        double[] gradient = (double[]) ForwardCorpus.component(result, "gradient");
        double[][] hessian = (double[][]) ForwardCorpus.component(result, "hessian");
        assertTrue(Values.sameBits(expected, value), where + ": value() is " + Values.bits(value)
                + " but the source returns " + Values.bits(expected));
        double[] g = shape.gradient(args);
        checkClose(where + ": gradient()", gradient, g, GRADIENT_RTOL, 0);
        String asymmetry = SecondDerivatives.asymmetry(hessian, n);
        assertTrue(asymmetry == null, where + ": " + asymmetry);
        double[] x0 = layout.read(args);
        double scale = 0;
        for (double v : g) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int j = 0; j < n; j++) {
            double[] numeric = SecondDerivatives.column(x -> shape.gradient(layout.write(x, Values.deepCopy(args))), x0, j);
            double[] analytic = new double[n];
            for (int i = 0; i < n; i++) {
                analytic[i] = hessian[i][j];
            }
            GradCheck.Report r = GradCheck.compare(analytic, numeric, GradCheck.DEFAULT_RTOL,
                    GradCheck.defaultFloor(scale, numeric));
            if (!r.ok()) {
                int i = r.worstIndex();
                throw new AssertionError(String.format(Locale.ROOT, "%s: d2f/d%s d%s is %s, finite differences of"
                        + " @Grad give %s (relative error %.3e, floor %.3e)", where, layout.describe(i),
                        layout.describe(j), analytic[i], numeric[i], r.relativeError(i), r.floor()));
            }
        }

        // 2: fHvp along a random v
        Random rnd = new Random(seed * 13 + 7);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        Object[] pArgs = Values.deepCopy(args);
        double[] vCopy = v.clone();
        Object product = ForwardCorpus.invoke(hvp, ForwardCorpus.concat(pArgs, new Object[] {vCopy}));
        checkArguments(where, srcArgs, pArgs);
        assertTrue(Values.firstDifference(v, vCopy) == null, where + ": fHvp changed v");
        assertTrue(Values.sameBits(expected, (double) ForwardCorpus.component(product, "value")),
                where + ": fHvp's value() differs from the source's");
        checkClose(where + ": fHvp's gradient()", (double[]) ForwardCorpus.component(product, "gradient"), g,
                GRADIENT_RTOL, 0);
        SecondDerivatives.Product hv = SecondDerivatives.product(hessian, v);
        double[] got = (double[]) ForwardCorpus.component(product, "hvp");
        assertTrue(got.length == n, where + ": hvp() has " + got.length + " entries for " + n);
        for (int i = 0; i < n; i++) {
            double relative = hv.relativeError(got, i);
            worst(1, relative);
            assertTrue(relative <= HVP_RTOL, String.format(Locale.ROOT, "%s: hvp()[%d] is %s but hessian . v is %s"
                    + " (difference %.3e)", where, i, got[i], hv.hv()[i], Math.abs(got[i] - hv.hv()[i])));
        }

        // 3: from several threads at once, the same bits
        List<Future<Object>> calls = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int t = 0; t < THREADS; t++) {
                calls.add(pool.submit(() -> ForwardCorpus.invoke(hvp,
                        ForwardCorpus.concat(Values.deepCopy(args), new Object[] {v.clone()}))));
            }
            for (Future<Object> call : calls) {
                String d = Values.firstDifference(got, ForwardCorpus.component(call.get(), "hvp"));
                assertTrue(d == null, where + ": another call of fHvp gives other bits: " + d);
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void checkClose(String what, double[] actual, double[] expected, double rtol, int kind) {
        assertTrue(actual.length == expected.length, what + " has " + actual.length + " entries for " + expected.length);
        double[] relative = SecondDerivatives.relativeErrors(actual, expected);
        for (int i = 0; i < actual.length; i++) {
            worst(kind, relative[i]);
            assertTrue(relative[i] <= rtol, String.format(Locale.ROOT, "%s[%d] is %s but @Grad gives %s", what, i,
                    actual[i], expected[i]));
        }
    }

    private static void checkArguments(String where, Object[] srcArgs, Object[] after) {
        for (int p = 0; p < after.length; p++) {
            String d = Values.firstDifference(srcArgs[p], after[p]);
            assertTrue(d == null, where + ": argument " + p + " after the call differs from what the source leaves: " + d);
        }
    }
}
