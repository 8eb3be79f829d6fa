package dev.jgrad.examples.bench;

import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.DSFactory;
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
 * The forward modes and second derivatives of issue 15 ({@link ForwardReport} runs it and prints the
 * ratios): on the logistic loss of {@link ForwardWorkloads#logistic} with {@code n} parameters, the
 * function, its {@code @Grad} gradient, {@code @Jvp}, {@code fHvp}, the full {@code @Hessian}, and
 * Hipparchus' {@code DerivativeStructure} at order 2 on the same Hessian; on {@link ForwardWorkloads#layer}
 * with {@code m} outputs and {@code n} inputs, the function and its {@code @Jacobian}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ForwardBench {
    /** The scalar loss with {@code n} parameters. */
    @State(Scope.Benchmark)
    public static class Scalar {
        @Param({"10", "50"})
        public int n;

        ForwardWorkloads.Scalar data;
        DSFactory factory;

        @Setup(Level.Trial)
        public void setUp() {
            data = ForwardWorkloads.Scalar.make(n, BenchData.SEED);
            factory = new DSFactory(n, 2);
        }
    }

    /** The vector function, {@code m x n}. */
    @State(Scope.Benchmark)
    public static class Vector {
        @Param({"200x4", "50x50", "10x100"})
        public String shape;

        ForwardWorkloads.Vector data;

        @Setup(Level.Trial)
        public void setUp() {
            int[] mn = BenchData.dims(shape);
            data = ForwardWorkloads.Vector.make(mn[0], mn[1], BenchData.SEED);
        }
    }

    @Benchmark
    public double f(Scalar s) {
        ForwardWorkloads.Scalar d = s.data;
        return ForwardWorkloads.logistic(d.w(), d.x(), d.y(), d.lambda());
    }

    @Benchmark
    public Object grad(Scalar s) {
        ForwardWorkloads.Scalar d = s.data;
        return ForwardWorkloadsGrad.logistic(d.w(), d.x(), d.y(), d.lambda());
    }

    @Benchmark
    public Object jvp(Scalar s) {
        ForwardWorkloads.Scalar d = s.data;
        return ForwardWorkloadsJvp.logistic(d.w(), d.x(), d.y(), d.lambda(), d.direction());
    }

    @Benchmark
    public Object hvp(Scalar s) {
        ForwardWorkloads.Scalar d = s.data;
        return ForwardWorkloadsHessian.logisticHvp(d.w(), d.x(), d.y(), d.lambda(), d.direction());
    }

    @Benchmark
    public Object hessian(Scalar s) {
        ForwardWorkloads.Scalar d = s.data;
        return ForwardWorkloadsHessian.logistic(d.w(), d.x(), d.y(), d.lambda());
    }

    @Benchmark
    public Object derivativeStructure(Scalar s) {
        ForwardWorkloads.Scalar d = s.data;
        return ForwardWorkloads.logisticHessianDs(s.factory, d.w(), d.x(), d.y(), d.lambda());
    }

    @Benchmark
    public Object layer(Vector v) {
        return ForwardWorkloads.layer(v.data.p(), v.data.x());
    }

    @Benchmark
    public Object jacobian(Vector v) {
        return ForwardWorkloadsJacobian.layer(v.data.p(), v.data.x());
    }
}
