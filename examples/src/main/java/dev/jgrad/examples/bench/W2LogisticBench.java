package dev.jgrad.examples.bench;

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

/** W2: L2-regularised logistic regression ({@link Workloads#logistic}), N samples × D features. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class W2LogisticBench {
    /** N × D. */
    @Param({"100000x20"})
    public String shape;

    private double[] w;
    private double b;
    private double[][] x;
    private double[] y;
    private double lambda;

    @Setup(Level.Trial)
    public void setUp() {
        int[] nd = BenchData.dims(shape);
        BenchData.Logistic data = BenchData.Logistic.make(nd[0], nd[1], BenchData.SEED);
        w = data.w();
        b = data.b();
        x = data.x();
        y = data.y();
        lambda = data.lambda();
    }

    @Benchmark
    public double source() {
        return Workloads.logistic(w, b, x, y, lambda);
    }

    @Benchmark
    public double jit() {
        return WorkloadsJit.logistic(w, b, x, y, lambda);
    }

    @Benchmark
    public Object gradOnly() {
        return WorkloadsGrad.logisticNoJit(w, b, x, y, lambda);
    }

    @Benchmark
    public Object jitGrad() {
        return WorkloadsGrad.logistic(w, b, x, y, lambda);
    }

    @Benchmark
    public Object handWritten() {
        return HandWritten.logistic(w, b, x, y, lambda);
    }
}
