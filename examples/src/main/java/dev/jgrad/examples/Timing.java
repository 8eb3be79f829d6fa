package dev.jgrad.examples;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

/**
 * Rough wall-clock timing for the example's printout. JMH (see {@code dev.jgrad.examples.bench})
 * is the real measure: this only warms a function up and takes the median of a few timed batches.
 */
final class Timing {
    /** Results go here so that the JIT cannot drop the calls being timed. */
    private static volatile double sink;

    private static final long WARMUP_NANOS = 1_000_000_000L;
    private static final int MIN_WARMUP_CALLS = 200;
    private static final int SAMPLES = 11;
    private static final long SAMPLE_NANOS = 30_000_000L;

    private Timing() {}

    /**
     * Median time of one call once the JIT has compiled it: at least a second and 200 calls of
     * warm-up, then {@value #SAMPLES} batches of at least 30 ms each.
     */
    static double steadyStateNanos(DoubleSupplier f) {
        double acc = 0;
        int calls = 0;
        long start = System.nanoTime();
        long now = start;
        while (now - start < WARMUP_NANOS || calls < MIN_WARMUP_CALLS) {
            acc += f.getAsDouble();
            calls++;
            now = System.nanoTime();
        }
        long batch = Math.max(1, SAMPLE_NANOS * calls / Math.max(1, now - start));
        double[] perCall = new double[SAMPLES];
        for (int s = 0; s < SAMPLES; s++) {
            long t0 = System.nanoTime();
            for (long k = 0; k < batch; k++) {
                acc += f.getAsDouble();
            }
            perCall[s] = (double) (System.nanoTime() - t0) / batch;
        }
        sink += acc;
        Arrays.sort(perCall);
        return perCall[SAMPLES / 2];
    }

    /** Keeps a value alive, for callers that time a single call inline. */
    static void consume(double v) {
        sink += v;
    }

    static String formatNanos(double nanos) {
        if (nanos >= 1e6) {
            return String.format("%.2f ms", nanos / 1e6);
        }
        return String.format("%.1f us", nanos / 1e3);
    }
}
