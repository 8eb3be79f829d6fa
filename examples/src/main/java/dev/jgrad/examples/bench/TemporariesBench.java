package dev.jgrad.examples.bench;

import dev.jgrad.examples.Losses;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the eager Ops form of W1 ({@code W1MseBench.opsSource}) cannot avoid: its four temporaries of N
 * doubles ({@code matvec}'s, {@code add}'s, {@code sub}'s and {@code square}'s results, each a new array
 * that the caller may keep). {@link #loopAndTemporaries} is the plain loop ({@code W1MseBench.source})
 * after allocating four such arrays, unfilled, each handed to the blackhole so that it is made: against
 * {@code W1MseBench.source} in the same run, what the fresh arrays alone cost, a lower bound of the
 * eager form's time whatever its ops compute. Not in the full run ({@code BenchReport} runs the
 * {@code W<n>...Bench} classes): {@code -Djgrad.bench.include=(W1MseBench\.(source|opsSource)|TemporariesBench\.\w+)$}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TemporariesBench {
    /** N × D, as in W1MseBench. */
    @Param({"1000x10", "100000x10", "1000000x10", "10000x100"})
    public String shape;

    private double[] w;
    private double b;
    private double[][] x;
    private double[] y;

    @Setup(Level.Trial)
    public void setUp() {
        int[] nd = BenchData.dims(shape);
        BenchData.Mse data = BenchData.Mse.make(nd[0], nd[1], BenchData.SEED);
        w = data.w();
        b = data.b();
        x = data.x();
        y = data.y();
    }

    /** The plain loop after allocating the eager form's four temporaries. */
    @Benchmark
    public double loopAndTemporaries(Blackhole hole) {
        int n = x.length;
        hole.consume(new double[n]);
        hole.consume(new double[n]);
        hole.consume(new double[n]);
        hole.consume(new double[n]);
        return Losses.mse(w, b, x, y);
    }
}
