package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tests.corpus.Corpus;
import dev.jgrad.tests.corpus.LoopsGrad;
import dev.jgrad.tests.corpus.ModelsGrad;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 4 of DESIGN.md: generated code holds no shared mutable state, so the same gradient
 * called from {@link #THREADS} threads at once gives exactly, bit for bit, what one thread gets.
 *
 * <p>The methods chosen have loops that need the tape and local arrays written in place, the
 * state most likely to be shared by mistake (a static tape, a cached buffer). All threads read
 * the same input arrays, so a generated method that writes into its inputs, even to restore them
 * afterwards, shows up here too. The calls go through the generated API by name, as a user's
 * would.
 */
class ConcurrencyTest {
    static final int THREADS = 8;
    static final int CALLS = 2_000;
    static final int INPUTS = 8;

    @Test
    void tapedLoopFromEightThreads() throws Exception {
        Corpus.Case c = Corpus.find("Loops.overwrittenInLoop");
        List<Object[]> inputs = inputs(c);
        checkConcurrently(c.name(), inputs, k -> {
            Object[] a = inputs.get(k);
            LoopsGrad.OverwrittenInLoopGradient g = LoopsGrad.overwrittenInLoop((double) a[0], (double[]) a[1]);
            return concat(new double[] {g.value(), g.x()}, g.c());
        });
    }

    @Test
    void mlpFromEightThreads() throws Exception {
        Corpus.Case c = Corpus.find("Models.mlp");
        List<Object[]> inputs = inputs(c);
        checkConcurrently(c.name(), inputs, k -> {
            Object[] a = inputs.get(k);
            ModelsGrad.MlpGradient g = ModelsGrad.mlp((double[][]) a[0], (double[]) a[1], (double[]) a[2],
                    (double) a[3], (double[][]) a[4], (double[]) a[5]);
            double[] out = new double[] {g.value(), g.b2()};
            for (double[] row : g.w1()) {
                out = concat(out, row);
            }
            return concat(concat(out, g.b1()), g.w2());
        });
    }

    private static List<Object[]> inputs(Corpus.Case c) {
        List<Object[]> inputs = new ArrayList<>();
        for (int k = 0; k < INPUTS; k++) {
            inputs.add(c.arguments(9_000 + k));
        }
        return inputs;
    }

    /**
     * Computes the result of every input on this thread, then has {@link #THREADS} threads,
     * released together, each make {@link #CALLS} calls cycling through the inputs from a
     * different start, and compares every result with this thread's bit for bit.
     *
     * @param call the flattened result (value, then every gradient element) of input {@code k}
     */
    private static void checkConcurrently(String name, List<Object[]> inputs, IntFunction<double[]> call)
            throws Exception {
        List<Object[]> before = new ArrayList<>();
        for (Object[] a : inputs) {
            before.add(Values.deepCopy(a));
        }
        double[][] expected = new double[inputs.size()][];
        for (int k = 0; k < inputs.size(); k++) {
            expected[k] = call.apply(k);
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < CALLS; i++) {
                        int k = (thread + i) % inputs.size();
                        String d = Values.firstDifference(expected[k], call.apply(k));
                        if (d != null) {
                            return "thread " + thread + ", call " + i + ", input " + k + ": " + d;
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            List<String> problems = new ArrayList<>();
            for (Future<String> f : results) {
                String p = f.get(5, TimeUnit.MINUTES);
                if (p != null) {
                    problems.add(p);
                }
            }
            assertTrue(problems.isEmpty(), name + ": results under " + THREADS
                    + " threads differ from one thread's (value first, then the gradient elements):\n  "
                    + String.join("\n  ", problems));
        } finally {
            pool.shutdownNow();
        }
        for (int k = 0; k < inputs.size(); k++) {
            for (int p = 0; p < inputs.get(k).length; p++) {
                assertEquals(null, Values.firstDifference(before.get(k)[p], inputs.get(k)[p]),
                        name + ": input " + k + ", argument " + p + " was modified");
            }
        }
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = new double[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
