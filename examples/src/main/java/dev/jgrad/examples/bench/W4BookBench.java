package dev.jgrad.examples.bench;

import dev.jgrad.examples.BlackScholes;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** W4: a Black-Scholes book ({@link BookWorkload#bookValue}) of N calls and puts, and its Greeks. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class W4BookBench {
    /** The number of options. */
    @Param({"1000"})
    public String shape;

    private BlackScholes.Book book;

    @Setup(Level.Trial)
    public void setUp() {
        book = BlackScholes.makeBook(BenchData.SEED, BenchData.dims(shape)[0]);
    }

    @Benchmark
    public double source() {
        return BookWorkload.bookValue(book.spot(), book.strike(), book.expiry(), book.vol(), book.rate(), book.isCall());
    }

    @Benchmark
    public double jit() {
        return BookWorkloadJit.bookValue(book.spot(), book.strike(), book.expiry(), book.vol(), book.rate(),
                book.isCall());
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
