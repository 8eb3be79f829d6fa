package dev.jgrad.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Load (issue 5): generated gradients share nothing between calls (DESIGN.md guarantee 4), and a
 * long loop that needs the tape runs in the default heap and gives its memory back.
 */
class LoadTest {
    private static final int THREADS = 16;
    private static final int CALLS = 100_000;
    private static final int INPUTS = 8;

    /** 16 threads, 100,000 calls each, on 8 inputs: every result equals the single-thread one, bit for bit. */
    @Test
    void concurrentCallsGiveTheSingleThreadResults() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        Object[][] inputs = new Object[INPUTS][];
        LoadFunctionsGrad.MlpGradient[] expected = new LoadFunctionsGrad.MlpGradient[INPUTS];
        for (int k = 0; k < INPUTS; k++) {
            inputs[k] = new Object[] {matrix(r, 4, 3), vector(r, 4), r.nextDouble(-1, 1), matrix(r, 6, 3), vector(r, 6)};
            expected[k] = mlp(inputs[k]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicLong mismatches = new AtomicLong();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int offset = t;
            done.add(pool.submit(() -> {
                for (int call = 0; call < CALLS; call++) {
                    int k = (call + offset) % INPUTS;
                    if (!same(mlp(inputs[k]), expected[k])) {
                        mismatches.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(0, mismatches.get(), "results that differ from the single-thread ones");
    }

    /**
     * 10,000,000 steps of {@code t = sin(t) * 0.999 + c}: the tape holds one double per step
     * (80 MB) at the default heap; the gradient matches the forward-mode derivative; the memory
     * is released after the call.
     */
    @Test
    void tenMillionStepsNeedingTheTapeRunAndReleaseTheirMemory() {
        int steps = 10_000_000;
        double a = 0.3;
        double c = 0.1;
        long before = usedAfterGc();
        LoadFunctionsGrad.RecurrenceGradient g = LoadFunctionsGrad.recurrence(a, c, steps);
        long after = usedAfterGc();
        assertEquals(Double.doubleToLongBits(LoadFunctions.recurrence(a, c, steps)), Double.doubleToLongBits(g.value()));
        // forward mode, by hand: dt/da and dt/dc carried along the recurrence
        double t = a;
        double da = 1;
        double dc = 0;
        for (int k = 0; k < steps; k++) {
            double d = Math.cos(t) * 0.999;
            da = d * da;
            dc = d * dc + 1;
            t = Math.sin(t) * 0.999 + c;
        }
        assertEquals(da, g.a(), 1e-9 * Math.max(1, Math.abs(da)), "d/da");
        assertEquals(dc, g.c(), 1e-9 * Math.max(1, Math.abs(dc)), "d/dc");
        assertTrue(after - before < 32L << 20,
                "the call left " + ((after - before) >> 20) + " MB behind: is the tape still reachable?");
    }

    private static LoadFunctionsGrad.MlpGradient mlp(Object[] in) {
        return LoadFunctionsGrad.mlp((double[][]) in[0], (double[]) in[1], (double) in[2], (double[][]) in[3],
                (double[]) in[4]);
    }

    private static boolean same(LoadFunctionsGrad.MlpGradient a, LoadFunctionsGrad.MlpGradient b) {
        return Double.doubleToLongBits(a.value()) == Double.doubleToLongBits(b.value())
                && Double.doubleToLongBits(a.b()) == Double.doubleToLongBits(b.b())
                && Arrays.equals(a.w2(), b.w2()) && Arrays.deepEquals(a.w1(), b.w1());
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double[] vector(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return v;
    }

    private static double[][] matrix(SplittableRandom r, int rows, int cols) {
        double[][] m = new double[rows][];
        for (int i = 0; i < rows; i++) {
            m[i] = vector(r, cols);
        }
        return m;
    }
}
