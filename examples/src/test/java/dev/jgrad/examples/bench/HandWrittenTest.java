package dev.jgrad.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.examples.Losses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written gradients, the benchmarks' yardstick, against finite differences of the source
 * methods. Sizes not divisible by four exercise the tail of the four-accumulator dot product.
 */
class HandWrittenTest {

    @ParameterizedTest(name = "N = 40, D = {0}")
    @ValueSource(ints = {1, 3, 4, 7, 10})
    void mseMatchesFiniteDifferencesOfTheSource(int d) {
        BenchData.Mse data = BenchData.Mse.make(40, d, 100 + d);
        double[] w = data.w();
        double[] b = {data.b()};
        double[][] x = data.x();
        double[] y = data.y();
        double[][] x0 = Checks.copy(x);
        double[] w0 = w.clone();

        HandWritten.MseGradient g = HandWritten.mse(w, b[0], x, y);

        assertArrayEquals(w0, w, "w unchanged");
        assertArrayEquals(x0, x, "x unchanged");
        Checks.assertRelative(Losses.mse(w, b[0], x, y), g.value(), 1e-12, "value");
        FiniteDifferences.check("w", w, g.w(), () -> Losses.mse(w, b[0], x, y));
        FiniteDifferences.check("b", b, g.b(), () -> Losses.mse(w, b[0], x, y));
    }

    @ParameterizedTest(name = "N = 60, D = {0}, features scaled by {1}")
    @CsvSource({"1, 1", "5, 1", "20, 1", "6, 40"})
    void logisticMatchesFiniteDifferencesOfTheSource(int d, double scale) {
        BenchData.Logistic data = BenchData.Logistic.make(60, d, 200 + d);
        double[] w = data.w();
        double[] b = {data.b()};
        double[][] x = data.x();
        // Large features give margins of several tens, where exp(z) would overflow a naive loss.
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= scale;
            }
        }
        double[] y = data.y();
        double lambda = data.lambda();

        HandWritten.LogisticGradient g = HandWritten.logistic(w, b[0], x, y, lambda);

        assertTrue(Double.isFinite(g.value()));
        Checks.assertRelative(Workloads.logistic(w, b[0], x, y, lambda), g.value(), 1e-12, "value");
        FiniteDifferences.check("w", w, g.w(), () -> Workloads.logistic(w, b[0], x, y, lambda));
        FiniteDifferences.check("b", b, g.b(), () -> Workloads.logistic(w, b[0], x, y, lambda));
    }

    @ParameterizedTest(name = "batch {0}, {1} inputs, {2} hidden")
    @CsvSource({"16, 5, 7", "8, 32, 64"})
    void mlpMatchesFiniteDifferencesOfTheSource(int n, int in, int hidden) {
        BenchData.Mlp data = BenchData.Mlp.make(n, in, hidden, 300 + in);
        double[][] w1 = data.w1();
        double[] b1 = data.b1();
        double[] w2 = data.w2();
        double[] b2 = {data.b2()};
        double[][] x = data.x();
        double[] y = data.y();
        double[][] w10 = Checks.copy(w1);

        HandWritten.MlpGradient g = HandWritten.mlp(w1, b1, w2, b2[0], x, y);

        assertArrayEquals(w10, w1, "w1 unchanged");
        Checks.assertRelative(Workloads.mlp(w1, b1, w2, b2[0], x, y), g.value(), 1e-12, "value");
        for (int k = 0; k < hidden; k++) {
            FiniteDifferences.check("w1[" + k + "]", w1[k], g.w1()[k], () -> Workloads.mlp(w1, b1, w2, b2[0], x, y));
        }
        FiniteDifferences.check("b1", b1, g.b1(), () -> Workloads.mlp(w1, b1, w2, b2[0], x, y));
        FiniteDifferences.check("w2", w2, g.w2(), () -> Workloads.mlp(w1, b1, w2, b2[0], x, y));
        FiniteDifferences.check("b2", b2, g.b2(), () -> Workloads.mlp(w1, b1, w2, b2[0], x, y));
    }

    @Test
    void allocationDoesNotGrowWithTheNumberOfSamples() {
        BenchData.Mse small = BenchData.Mse.make(1_000, 10, 1);
        BenchData.Mse large = BenchData.Mse.make(100_000, 10, 1);
        long smallBytes = Checks.allocatedBytes(() -> HandWritten.mse(small.w(), small.b(), small.x(), small.y()));
        long largeBytes = Checks.allocatedBytes(() -> HandWritten.mse(large.w(), large.b(), large.x(), large.y()));
        assertTrue(largeBytes - smallBytes < 1024, "mse: " + smallBytes + " bytes at N = 1,000, " + largeBytes
                + " at N = 100,000");

        BenchData.Logistic logistic = BenchData.Logistic.make(100_000, 20, 1);
        long logisticBytes = Checks.allocatedBytes(() -> HandWritten.logistic(logistic.w(), logistic.b(),
                logistic.x(), logistic.y(), logistic.lambda()));
        assertTrue(logisticBytes < 1024, "logistic: " + logisticBytes + " bytes at N = 100,000");
    }
}
