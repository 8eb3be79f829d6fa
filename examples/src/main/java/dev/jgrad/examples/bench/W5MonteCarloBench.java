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

/**
 * W5: the Monte Carlo price of a call ({@link MonteCarloWorkload#callPrice}) and its pathwise Greeks,
 * paths × steps, the normals drawn in the set-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class W5MonteCarloBench {
    static final double SPOT = 100;
    static final double STRIKE = 105;
    static final double EXPIRY = 1;
    static final double VOL = 0.25;
    static final double RATE = 0.03;

    /** Paths × steps. */
    @Param({"50000x12"})
    public String shape;

    private double[][] z;

    @Setup(Level.Trial)
    public void setUp() {
        int[] dims = BenchData.dims(shape);
        z = BlackScholes.normals(BenchData.SEED, dims[0], dims[1]);
    }

    @Benchmark
    public double source() {
        return MonteCarloWorkload.callPrice(SPOT, STRIKE, EXPIRY, VOL, RATE, z);
    }

    @Benchmark
    public double jit() {
        return MonteCarloWorkloadJit.callPrice(SPOT, STRIKE, EXPIRY, VOL, RATE, z);
    }

    @Benchmark
    public Object gradOnly() {
        return MonteCarloWorkloadGrad.callPriceNoJit(SPOT, STRIKE, EXPIRY, VOL, RATE, z);
    }

    @Benchmark
    public Object jitGrad() {
        return MonteCarloWorkloadGrad.callPrice(SPOT, STRIKE, EXPIRY, VOL, RATE, z);
    }

    @Benchmark
    public Object handWritten() {
        return HandWrittenFinance.callPrice(SPOT, STRIKE, EXPIRY, VOL, RATE, z);
    }
}
