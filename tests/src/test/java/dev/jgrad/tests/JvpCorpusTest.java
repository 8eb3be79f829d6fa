package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.jgrad.GradCheck;
import dev.jgrad.tests.corpus.Corpus;
import dev.jgrad.tests.corpus.Corpus.Case;
import dev.jgrad.tests.jit.JitCorpus;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 15's test of {@code @Jvp}: every corpus method ({@link Corpus#CASES}) also carries
 * {@code @Jvp} with its {@code @Grad}'s wrt ({@link ForwardCorpus}), and then, on the seeds of
 * {@link CorpusGradientTest} and a random direction {@code d} each:
 * <ol>
 *   <li>{@code XJvp.f(args, d).value()} is the source's value bit for bit;
 *   <li>{@code tangent()} equals {@code <gradient, d>} of the corpus's own {@code @Grad} to
 *       {@link #RTOL} relative (of the sum of the magnitudes of its terms, since the two modes add
 *       the same products in different orders);
 *   <li>{@code tangent()} matches the directional finite difference of the source to
 *       {@link GradCheck#DEFAULT_RTOL};
 *   <li>the arguments and the direction after the call are as the source leaves the arguments
 *       (the direction unchanged);
 *   <li>a second call, and calls from several threads at once, give the same bits.
 * </ol>
 * and the same again with {@code @Jit @Jvp} ({@link ForwardCorpus#JIT_TWIN}), where the value is
 * within {@link #RTOL} of the source's (with the floor {@link JitCorpusTest#ATOL}) instead of bit for
 * bit: {@code @Jit} may reassociate sums in the tangent code as in the method's.
 */
class JvpCorpusTest {
    static final double RTOL = 1e-12;
    static final int THREADS = 4;

    @Test
    void theCorpusCompilesWithJvpAndHessian() throws Exception {
        JitCorpus c = ForwardCorpus.corpus();
        assertTrue(c.compiled() && c.withheld.isEmpty(),
                "the corpus with @Jvp and @Hessian on every @Grad method does not compile:" + ForwardCorpus.problems(c));
        assertTrue(c.annotated + c.alreadyJit == Corpus.CASES.size(), "the rewrite annotated " + c.annotated
                + " methods (" + c.alreadyJit + " carried @Jvp already); the registry has "
                + Corpus.CASES.size() + " cases");
    }

    @Test
    void theCorpusCompilesWithJitAndJvp() throws Exception {
        JitCorpus c = ForwardCorpus.corpus(ForwardCorpus.JIT_TWIN);
        assertTrue(c.compiled() && c.withheld.isEmpty(),
                "the corpus with @Jit @Jvp on every @Grad method does not compile:" + ForwardCorpus.problems(c));
    }

    @TestFactory
    Stream<DynamicContainer> jvpOfTheCorpus() {
        return JitCorpusTest.selectedCases().map(c -> dynamicContainer(c.name(), IntStream.range(0, CorpusGradientTest.SEEDS)
                .mapToObj(k -> CorpusGradientTest.seed(c, k))
                .map(seed -> dynamicTest("seed " + seed, () -> check(ForwardCorpus.TWIN, c, seed)))));
    }

    @TestFactory
    Stream<DynamicContainer> jitJvpOfTheCorpus() {
        return JitCorpusTest.selectedCases().map(c -> dynamicContainer(c.name(), IntStream.range(0, CorpusGradientTest.SEEDS)
                .mapToObj(k -> CorpusGradientTest.seed(c, k))
                .map(seed -> dynamicTest("seed " + seed, () -> check(ForwardCorpus.JIT_TWIN, c, seed)))));
    }

    private static void check(JitCorpus.Twin twin, Case c, long seed) throws Exception {
        boolean jit = twin == ForwardCorpus.JIT_TWIN;
        ForwardCorpus.Shape shape = ForwardCorpus.Shape.of(c);
        Object[] args = c.arguments(seed);
        Object[] direction = ForwardCorpus.direction(args, shape.wrtParams(), new Random(seed * 17 + 3));
        Method jvp = ForwardCorpus.generated(twin, c, "Jvp").getMethod(c.method(), shape.jvpTypes());
        String where = c.name() + (jit ? " @Jit" : "") + " (seed " + seed + ")";

        // 1 and 4: the value bit for bit, the arguments as the source leaves them, the direction unchanged
        Object[] srcArgs = Values.deepCopy(args);
        double expected = shape.value(srcArgs);
        Object[] jvpArgs = Values.deepCopy(args);
        Object[] dir = Values.deepCopy(direction);
        Object result = ForwardCorpus.invoke(jvp, ForwardCorpus.concat(jvpArgs, dir));
        double value = (double) ForwardCorpus.component(result, "value");
        double tangent = (double) ForwardCorpus.component(result, "tangent");
        assertTrue(jit ? Math.abs(value - expected) <= RTOL * Math.abs(expected) + JitCorpusTest.ATOL
                : Values.sameBits(expected, value), where + ": value() is " + Values.bits(value)
                + " but the source returns " + Values.bits(expected));
        for (int p = 0; p < args.length; p++) {
            String d = Values.firstDifference(srcArgs[p], jvpArgs[p]);
            assertTrue(d == null, where + ": argument " + p + " after the call differs from what the source leaves: " + d);
        }
        for (int k = 0; k < direction.length; k++) {
            String d = Values.firstDifference(direction[k], dir[k]);
            assertTrue(d == null, where + ": the tangent of " + shape.wrt().get(k) + " was changed: " + d);
        }

        // 2: <gradient, direction> of @Grad
        WrtLayout layout = new WrtLayout(shape.wrt(), shape.wrtParams(), args);
        double[] g = shape.gradient(args);
        double[] u = layout.flatten(direction);
        double dot = 0;
        double scale = 0;
        for (int i = 0; i < g.length; i++) {
            dot += g[i] * u[i];
            scale += Math.abs(g[i] * u[i]);
        }
        assertTrue(Math.abs(tangent - dot) <= RTOL * scale + (jit ? JitCorpusTest.ATOL : Double.MIN_NORMAL),
                String.format(Locale.ROOT,
                "%s: tangent() is %s but <@Grad gradient, direction> is %s (difference %.3e, scale %.3e)", where,
                tangent, dot, Math.abs(tangent - dot), scale));

        // 3: finite differences of the source along the direction
        double[] x0 = layout.read(args);
        ToDoubleFunction<double[]> f = x -> {
            try {
                return shape.value(layout.write(x, Values.deepCopy(args)));
            } catch (Exception e) {
                throw new AssertionError(where + ": the source threw " + e, e);
            }
        };
        double numeric = GradCheck.directional(f, x0, u);
        GradCheck.Report fd = GradCheck.compare(new double[] {tangent}, new double[] {numeric}, GradCheck.DEFAULT_RTOL,
                GradCheck.defaultFloor(expected, new double[] {scale}));
        assertTrue(fd.ok(), String.format(Locale.ROOT, "%s: tangent() is %s but the directional finite difference is %s"
                + " (relative error %.3e)", where, tangent, numeric, fd.relativeError(0)));

        // 5: again, and from several threads at once: the same bits
        List<Future<Object>> calls = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int t = 0; t < THREADS; t++) {
                calls.add(pool.submit(() -> ForwardCorpus.invoke(jvp,
                        ForwardCorpus.concat(Values.deepCopy(args), Values.deepCopy(direction)))));
            }
            for (Future<Object> call : calls) {
                Object again = call.get();
                assertTrue(Values.sameBits(value, (double) ForwardCorpus.component(again, "value"))
                        && Values.sameBits(tangent, (double) ForwardCorpus.component(again, "tangent")),
                        where + ": another call gives other bits");
            }
        } finally {
            pool.shutdown();
        }
    }
}
