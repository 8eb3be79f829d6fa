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

    /**
     * Not a gradient: every entry of {@code x} and {@code y} read once and added into eight independent sums,
     * the least any method that reads the data once can take on this machine (where that, not the arithmetic,
     * bounds the gradient, as at 10,000 x 100 on a processor with a small cache per core).
     */
    @Benchmark
    public double readData() {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        for (double[] row : x) {
            int j = 0;
            for (; j < row.length - 7; j += 8) {
                s0 += row[j];
                s1 += row[j + 1];
                s2 += row[j + 2];
                s3 += row[j + 3];
                s4 += row[j + 4];
                s5 += row[j + 5];
                s6 += row[j + 6];
                s7 += row[j + 7];
            }
            for (; j < row.length; j++) {
                s0 += row[j];
            }
        }
        for (double v : y) {
            s1 += v;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
