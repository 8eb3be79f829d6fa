package dev.jgrad.examples.bench;

import dev.jgrad.examples.Losses;
import dev.jgrad.examples.LossesGrad;
import dev.jgrad.examples.LossesJit;
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
 * W1: the seed's linear-regression MSE ({@code Losses.mse}), N samples × D features. The gradient
 * methods return the result record (as {@code Object}, so that JMH consumes it and the method
 * signatures name no generated type).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class W1MseBench {
    /** N × D. */
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

    @Benchmark
    public double source() {
        return Losses.mse(w, b, x, y);
    }

    @Benchmark
    public double jit() {
        return LossesJit.mse(w, b, x, y);
    }

    @Benchmark
    public Object gradOnly() {
        return LossesGrad.mseNoJit(w, b, x, y);
    }

    @Benchmark
    public Object jitGrad() {
        return LossesGrad.mse(w, b, x, y);
    }

    @Benchmark
    public Object handWritten() {
        return HandWritten.mse(w, b, x, y);
    }

    @Benchmark
    public double opsSource() {
        return OpsWorkloads.mse(w, b, x, y);
    }

    @Benchmark
    public double opsJit() {
        return OpsWorkloadsJit.mse(w, b, x, y);
    }

    @Benchmark
    public Object opsGradOnly() {
        return OpsWorkloadsGrad.mseNoJit(w, b, x, y);
    }

    @Benchmark
    public Object opsJitGrad() {
        return OpsWorkloadsGrad.mse(w, b, x, y);
    }
}
