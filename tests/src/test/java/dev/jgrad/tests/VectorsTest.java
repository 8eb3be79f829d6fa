package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.jgrad.tests.corpus.Corpus;
import dev.jgrad.tests.corpus.Corpus.Case;
import dev.jgrad.tests.corpus.Vectors;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 15's test of {@code double[]} methods ({@link Vectors}) under {@code @Jacobian} and
 * {@code @Jvp}. Each method {@code f} has a corpus case {@code fAt(args, i)} (its element {@code i},
 * a {@code @Grad} method, itself checked against finite differences by {@link CorpusGradientTest});
 * on the seeds of that case:
 * <ol>
 *   <li>{@code VectorsJacobian.f(args)}: the value bit for bit, the arguments as the source leaves
 *       them, and row {@code i} of the Jacobian equal to the gradient of {@code fAt(args, i)} for
 *       every {@code i}, to {@link #RTOL};
 *   <li>both modes: the Jacobian by columns (forward mode, {@code fColumn}) and by rows (reverse
 *       mode, {@code fRow}) equal to {@link #RTOL}, whichever {@code f} chose;
 *   <li>{@code VectorsJvp.f(args, d)}: the value bit for bit, the tangent equal to {@code J d};
 *   <li>for the methods that carry {@code @Jit}: {@code VectorsJit.f(args)} within {@link #RTOL} of
 *       the source, and {@code @Jvp}'s value too (not bit for bit: {@code @Jit} may reassociate sums).
 * </ol>
 */
class VectorsTest {
    static final double RTOL = 1e-12;

    /** The methods and their cases: {@code fAt} is registered in {@link Corpus#CASES}. */
    static final List<String> METHODS = List.of("residuals", "softmax", "moments", "normalizeInPlace", "piecewise");

    private static final double[] WORST = new double[1];

    @AfterAll
    static void report() {
        System.out.printf(Locale.ROOT, "VectorsTest: largest relative difference between Jacobians %.3e%n", WORST[0]);
    }

    @TestFactory
    Stream<DynamicContainer> jacobiansOfTheVectors() {
        return METHODS.stream().map(f -> {
            Case c = Corpus.find(Corpus.nameOf(Vectors.class, f + "At"));
            return dynamicContainer("Vectors." + f, IntStream.range(0, CorpusGradientTest.SEEDS)
                    .mapToObj(k -> CorpusGradientTest.seed(c, k))
                    .map(seed -> dynamicTest("seed " + seed, () -> check(f, c, seed))));
        });
    }

    private static void check(String f, Case at, long seed) throws Exception {
        ForwardCorpus.Shape shape = ForwardCorpus.Shape.of(at);
        Object[] atArgs = at.arguments(seed);
        Object[] args = Arrays.copyOf(atArgs, atArgs.length - 1); // without i
        Method src = null;
        for (Method m : Vectors.class.getDeclaredMethods()) {
            if (m.getName().equals(f)) {
                src = m;
            }
        }
        Class<?>[] types = src.getParameterTypes();
        String where = "Vectors." + f + " (seed " + seed + ")";

        // 1: value, arguments, rows against @Grad of each element
        Object[] srcArgs = Values.deepCopy(args);
        double[] expected = (double[]) ForwardCorpus.invoke(src, srcArgs);
        Class<?> jacobianClass = Class.forName(Vectors.class.getName() + "Jacobian");
        Object[] jArgs = Values.deepCopy(args);
        Object result = ForwardCorpus.invoke(jacobianClass.getMethod(f, types), jArgs);
        for (int p = 0; p < args.length; p++) {
            String d = Values.firstDifference(srcArgs[p], jArgs[p]);
            assertTrue(d == null, where + ": argument " + p + " after the call differs from what the source leaves: " + d);
        }
        double[] value = (double[]) ForwardCorpus.component(result, "value");
        assertTrue(Values.firstDifference(expected, value) == null, where + ": value() differs from the source's: "
                + Values.firstDifference(expected, value));
        double[][] jacobian = (double[][]) ForwardCorpus.component(result, "jacobian");
        int m = expected.length;
        assertTrue(jacobian.length == m, where + ": the Jacobian has " + jacobian.length + " rows for " + m + " outputs");
        for (int i = 0; i < m; i++) {
            Object[] withI = Arrays.copyOf(args, args.length + 1);
            withI[args.length] = i;
            close(where + ": row " + i + " against @Grad of element " + i, jacobian[i], shape.gradient(withI));
        }
        int n = jacobian.length == 0 ? 0 : jacobian[0].length;

        // 2: both modes
        Class<?>[] helperTypes = Arrays.copyOf(types, types.length + 1);
        helperTypes[types.length] = double[].class;
        Method column = jacobianClass.getDeclaredMethod(f + "Column", helperTypes);
        Method row = jacobianClass.getDeclaredMethod(f + "Row", helperTypes);
        for (int k = 0; k < n; k++) {
            double[] e = new double[n];
            e[k] = 1;
            double[] col = ((double[][]) ForwardCorpus.invoke(column, ForwardCorpus.concat(Values.deepCopy(args),
                    new Object[] {e})))[1];
            double[] fromRows = new double[m];
            for (int i = 0; i < m; i++) {
                double[] u = new double[m];
                u[i] = 1;
                fromRows[i] = ((double[]) ForwardCorpus.invoke(row, ForwardCorpus.concat(Values.deepCopy(args),
                        new Object[] {u})))[k];
            }
            close(where + ": column " + k + " by forward mode against reverse mode", col, fromRows);
        }

        // 3: @Jvp along a random direction
        Object[] direction = ForwardCorpus.direction(args, shape.wrtParams(), new Random(seed * 11 + 1));
        Class<?>[] jvpTypes = Arrays.copyOf(types, types.length + direction.length);
        for (int k = 0; k < direction.length; k++) {
            jvpTypes[types.length + k] = types[shape.wrtParams()[k]];
        }
        Object jvp = ForwardCorpus.invoke(Class.forName(Vectors.class.getName() + "Jvp").getMethod(f, jvpTypes),
                ForwardCorpus.concat(Values.deepCopy(args), Values.deepCopy(direction)));
        Method jit = null;
        for (Method x : Class.forName(Vectors.class.getName() + "Jit").getMethods()) {
            jit = x.getName().equals(f) ? x : jit;
        }
        if (jit == null) {
            assertTrue(Values.firstDifference(expected, ForwardCorpus.component(jvp, "value")) == null,
                    where + ": @Jvp's value() differs from the source's");
        } else {
            // 4: @Jit
            close(where + ": VectorsJit's value", (double[]) ForwardCorpus.invoke(jit, Values.deepCopy(args)), expected);
            close(where + ": @Jit @Jvp's value()", (double[]) ForwardCorpus.component(jvp, "value"), expected);
        }
        double[] d = new WrtLayout(shape.wrt(), shape.wrtParams(), atArgs).flatten(direction);
        double[] jd = new double[m];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < n; k++) {
                jd[i] += jacobian[i][k] * d[k];
            }
        }
        close(where + ": @Jvp's tangent() against J d", (double[]) ForwardCorpus.component(jvp, "tangent"), jd);
    }

    private static void close(String what, double[] actual, double[] expected) {
        assertTrue(actual.length == expected.length, what + ": " + actual.length + " entries for " + expected.length);
        double max = 0;
        for (double e : expected) {
            max = Math.max(max, Math.abs(e));
        }
        for (int i = 0; i < actual.length; i++) {
            double denominator = Math.abs(expected[i]) + 1e-3 * max + Double.MIN_NORMAL;
            double rel = Math.abs(actual[i] - expected[i]) / denominator;
            synchronized (WORST) {
                WORST[0] = Math.max(WORST[0], rel);
            }
            assertTrue(rel <= RTOL, String.format(Locale.ROOT, "%s: entry %d is %s, expected %s", what, i, actual[i],
                    expected[i]));
        }
    }
}
