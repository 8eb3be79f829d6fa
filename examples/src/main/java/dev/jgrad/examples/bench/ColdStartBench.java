package dev.jgrad.examples.bench;

import dev.jgrad.examples.BlackScholes;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * W4's cold start: each benchmark call is one call in a fresh JVM, timed alone (JMH's single-shot
 * mode); {@link BenchReport} runs ten measured calls and no warm-up in each of several forks, so that
 * ten times the mean is the time of the first ten calls a program makes, class loading and the
 * interpreter included. The book is built in the set-up, outside the timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ColdStartBench {
    private BlackScholes.Book book;

    @Setup(Level.Trial)
    public void setUp() {
        book = BlackScholes.makeBook(BenchData.SEED, 1000);
    }

    @Benchmark
    public double source() {
        return BookWorkload.bookValue(book.spot(), book.strike(), book.expiry(), book.vol(), book.rate(), book.isCall());
    }

    @Benchmark
    public Object gradOnly() {
        return BookWorkloadGrad.bookValueNoJit(book.spot(), book.strike(), book.expiry(), book.vol(), book.rate(),
                book.isCall());
    }

    @Benchmark
    public Object jitGrad() {
        return BookWorkloadGrad.bookValue(book.spot(), book.strike(), book.expiry(), book.vol(), book.rate(),
                book.isCall());
    }

    @Benchmark
    public Object handWritten() {
        return HandWrittenFinance.bookValue(book.spot(), book.strike(), book.expiry(), book.vol(), book.rate(),
                book.isCall());
    }
}
