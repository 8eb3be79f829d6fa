package dev.jgrad.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Runs the independent iterations of a loop in chunks, on several threads when the loop is long,
 * and adds up the chunks' sums in chunk order.
 *
 * <p>Chunk boundaries depend on the trip count alone, never on the number of threads, so a result
 * is the same bit for bit from run to run, with threads or without. The system property
 * {@code jgrad.parallel=false} keeps every loop on the calling thread.
 *
 * <p>A loop that throws throws what it would throw run in order: the exception of the first chunk
 * that fails (within a chunk, iterations run in order), the very object the chunk threw, whatever
 * the other chunks do and whichever thread ran it; and the arrays it adds into hold the sums of the
 * iterations before that failure, as they would in order.
 */
public final class Parallel {
    /** Fewest iterations in a chunk; below twice this a loop runs as one chunk. */
    public static final int MIN_CHUNK = 8192;
    /** Most chunks of one loop: the memory for the chunks' sums does not grow with the data. */
    public static final int MAX_CHUNKS = 32;

    private Parallel() {}

    /**
     * One chunk of the loop: iterations {@code [from, to)}, adding into {@code sums}. It may throw what
     * the generated method declares, checked exceptions included: {@link #run} rethrows it as it is.
     */
    @FunctionalInterface
    public interface Chunk {
        void run(Sums sums, int from, int to) throws Throwable;
    }

    /**
     * Runs iterations {@code [from, to)} of a loop. The arrays of {@code sums} are those the loop adds
     * into: the first chunk adds into them in place, the others into zero copies that are then added
     * in chunk order. On return, {@code sums.scalars} hold the loop's scalar sums.
     */
    public static void run(int from, int to, boolean threads, Sums sums, Chunk chunk) {
        long n = (long) to - from;
        if (n <= 0) {
            return;
        }
        int chunks = (int) Math.min(MAX_CHUNKS, Math.max(1, n / MIN_CHUNK));
        if (chunks == 1) {
            try {
                chunk.run(sums, from, to);
            } catch (Throwable t) {
                throw rethrow(t);
            }
            return;
        }
        Sums[] parts = new Sums[chunks];
        parts[0] = sums;
        for (int c = 1; c < chunks; c++) {
            parts[c] = sums.zeros();
        }
        // each chunk keeps what it throws: the stream would throw any chunk's, or a copy that wraps it
        Throwable[] failures = new Throwable[chunks];
        AtomicInteger firstFailed = new AtomicInteger(chunks);
        IntStream range = IntStream.range(0, chunks);
        if (threads && enabled()) {
            range = range.parallel();
        }
        range.forEach(c -> {
            if (c > firstFailed.get()) {
                return; // an earlier chunk failed: the loop throws its exception, whatever this one does
            }
            try {
                chunk.run(parts[c], bound(from, n, chunks, c), bound(from, n, chunks, c + 1));
            } catch (Throwable t) {
                failures[c] = t;
                firstFailed.accumulateAndGet(c, Math::min);
            }
        });
        // before a failure, the chunks before it ran to their end and it ran up to its failing iteration:
        // what they added is what the source adds before it throws (the arrays may be the method's inputs)
        int failed = firstFailed.get();
        for (int c = 1; c < chunks && c <= failed; c++) {
            sums.add(parts[c]);
        }
        if (failed < chunks) {
            throw rethrow(failures[failed]);
        }
    }

    /**
     * Throws {@code t} itself, checked or not. A chunk throws only what the generated method that
     * calls {@link #run} declares (the source method's {@code throws} clause), so a checked exception
     * leaves that method as the source's would. Declared to return one so that callers can write
     * {@code throw rethrow(t)}.
     */
    private static RuntimeException rethrow(Throwable t) {
        return Parallel.<RuntimeException>sneaky(t);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private static int bound(int from, long n, int chunks, int c) {
        return (int) (from + n * c / chunks);
    }

    /** Whether threads are allowed: the system property {@code jgrad.parallel}, read at each call. */
    public static boolean enabled() {
        return !"false".equals(System.getProperty("jgrad.parallel"));
    }
}
