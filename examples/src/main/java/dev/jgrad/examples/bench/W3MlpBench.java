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

/** W3: tanh MLP with MSE ({@link Workloads#mlp}) on one batch: batch × inputs × hidden units. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class W3MlpBench {
    /** Batch size × inputs × hidden units; one output. */
    @Param({"1024x32x64"})
    public String shape;

    private double[][] w1;
    private double[] b1;
    private double[] w2;
    private double b2;
    private double[][] x;
    private double[] y;

    @Setup(Level.Trial)
    public void setUp() {
        int[] dims = BenchData.dims(shape);
        BenchData.Mlp data = BenchData.Mlp.make(dims[0], dims[1], dims[2], BenchData.SEED);
        w1 = data.w1();
        b1 = data.b1();
        w2 = data.w2();
        b2 = data.b2();
        x = data.x();
        y = data.y();
    }

    @Benchmark
    public double source() {
        return Workloads.mlp(w1, b1, w2, b2, x, y);
    }

    @Benchmark
    public double jit() {
        return WorkloadsJit.mlp(w1, b1, w2, b2, x, y);
    }

    @Benchmark
    public Object gradOnly() {
        return WorkloadsGrad.mlpNoJit(w1, b1, w2, b2, x, y);
    }

    @Benchmark
    public Object jitGrad() {
        return WorkloadsGrad.mlp(w1, b1, w2, b2, x, y);
    }

    @Benchmark
    public Object handWritten() {
        return HandWritten.mlp(w1, b1, w2, b2, x, y);
    }

    @Benchmark
    public double naturalSource() {
        return NaturalMlp.loss(x, y, w1, b1, w2, b2);
    }

    @Benchmark
    public Object naturalJitGrad() {
        return NaturalMlpGrad.loss(x, y, w1, b1, w2, b2);
    }

    @Benchmark
    public double opsSource() {
        return OpsWorkloads.mlp(w1, b1, w2, b2, x, y);
    }

    @Benchmark
    public double opsJit() {
        return OpsWorkloadsJit.mlp(w1, b1, w2, b2, x, y);
    }

    @Benchmark
    public Object opsGradOnly() {
        return OpsWorkloadsGrad.mlpNoJit(w1, b1, w2, b2, x, y);
    }

    @Benchmark
    public Object opsJitGrad() {
        return OpsWorkloadsGrad.mlp(w1, b1, w2, b2, x, y);
    }
}
