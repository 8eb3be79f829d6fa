package dev.jgrad.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.examples.Losses;
import dev.jgrad.examples.LossesGrad;
import dev.jgrad.examples.LossesJit;
import org.junit.jupiter.api.Test;

/**
 * The rows of each benchmark compute the same thing: the generated methods against the source
 * methods and the hand-written gradients, on the benchmarks' kind of data at a smaller size.
 *
 * <p>{@code @Grad}-only values equal the source bit for bit (contract guarantee 1); {@code @Jit} may
 * reassociate sums, so its values and gradients are compared to 1e-12 (guarantee 5 and issue 7); the
 * hand-written gradients sum in another order again, hence 1e-10.
 */
class GeneratedGradientsTest {
    private static final double JIT = 1e-12;
    private static final double HAND = 1e-10;

    @Test
    void w1Mse() {
        BenchData.Mse d = BenchData.Mse.make(2_000, 10, 11);
        double[] w = d.w();
        double b = d.b();
        double[][] x = d.x();
        double[] y = d.y();
        double[][] x0 = Checks.copy(x);
        double[] w0 = w.clone();
        double source = Losses.mse(w, b, x, y);

        LossesGrad.MseNoJitGradient plain = LossesGrad.mseNoJit(w, b, x, y);
        LossesGrad.MseGradient fused = LossesGrad.mse(w, b, x, y);
        HandWritten.MseGradient hand = HandWritten.mse(w, b, x, y);

        assertEquals(source, plain.value(), 0.0, "@Grad-only value is the source's, bit for bit");
        Checks.assertRelative(source, LossesJit.mse(w, b, x, y), JIT, "@Jit value");
        Checks.assertRelative(source, fused.value(), JIT, "@Jit @Grad value");
        Checks.assertSameGradient(new Object[] {plain.w(), plain.b()}, new Object[] {fused.w(), fused.b()}, JIT,
                "@Jit @Grad vs @Grad-only");
        Checks.assertSameGradient(new Object[] {hand.w(), hand.b()}, new Object[] {fused.w(), fused.b()}, HAND,
                "@Jit @Grad vs hand-written");
        assertArrayEquals(w0, w, "w unchanged");
        assertArrayEquals(x0, x, "x unchanged");
    }

    @Test
    void w2Logistic() {
        BenchData.Logistic d = BenchData.Logistic.make(2_000, 20, 12);
        double[] w = d.w();
        double b = d.b();
        double[][] x = d.x();
        double[] y = d.y();
        double lambda = d.lambda();
        double source = Workloads.logistic(w, b, x, y, lambda);

        WorkloadsGrad.LogisticNoJitGradient plain = WorkloadsGrad.logisticNoJit(w, b, x, y, lambda);
        WorkloadsGrad.LogisticGradient fused = WorkloadsGrad.logistic(w, b, x, y, lambda);
        HandWritten.LogisticGradient hand = HandWritten.logistic(w, b, x, y, lambda);

        assertEquals(source, plain.value(), 0.0, "@Grad-only value is the source's, bit for bit");
        Checks.assertRelative(source, WorkloadsJit.logistic(w, b, x, y, lambda), JIT, "@Jit value");
        Checks.assertRelative(source, fused.value(), JIT, "@Jit @Grad value");
        Checks.assertSameGradient(new Object[] {plain.w(), plain.b()}, new Object[] {fused.w(), fused.b()}, JIT,
                "@Jit @Grad vs @Grad-only");
        Checks.assertSameGradient(new Object[] {hand.w(), hand.b()}, new Object[] {fused.w(), fused.b()}, HAND,
                "@Jit @Grad vs hand-written");
    }

    @Test
    void w3Mlp() {
        BenchData.Mlp d = BenchData.Mlp.make(256, 32, 64, 13);
        double[][] w1 = d.w1();
        double[] b1 = d.b1();
        double[] w2 = d.w2();
        double b2 = d.b2();
        double[][] x = d.x();
        double[] y = d.y();
        double[][] w10 = Checks.copy(w1);
        double source = Workloads.mlp(w1, b1, w2, b2, x, y);

        WorkloadsGrad.MlpNoJitGradient plain = WorkloadsGrad.mlpNoJit(w1, b1, w2, b2, x, y);
        WorkloadsGrad.MlpGradient fused = WorkloadsGrad.mlp(w1, b1, w2, b2, x, y);
        HandWritten.MlpGradient hand = HandWritten.mlp(w1, b1, w2, b2, x, y);

        assertEquals(source, plain.value(), 0.0, "@Grad-only value is the source's, bit for bit");
        Checks.assertRelative(source, WorkloadsJit.mlp(w1, b1, w2, b2, x, y), JIT, "@Jit value");
        Checks.assertRelative(source, fused.value(), JIT, "@Jit @Grad value");
        Checks.assertSameGradient(new Object[] {plain.w1(), plain.b1(), plain.w2(), plain.b2()},
                new Object[] {fused.w1(), fused.b1(), fused.w2(), fused.b2()}, JIT, "@Jit @Grad vs @Grad-only");
        Checks.assertSameGradient(new Object[] {hand.w1(), hand.b1(), hand.w2(), hand.b2()},
                new Object[] {fused.w1(), fused.b1(), fused.w2(), fused.b2()}, HAND, "@Jit @Grad vs hand-written");
        assertArrayEquals(w10, w1, "w1 unchanged");

        // issue 14: the same network with its hidden layer in a local array, as people write it
        NaturalMlpGrad.LossGradient natural = NaturalMlpGrad.loss(x, y, w1, b1, w2, b2);
        Checks.assertRelative(source, NaturalMlp.loss(x, y, w1, b1, w2, b2), JIT, "natural form's value");
        Checks.assertRelative(source, natural.value(), JIT, "natural form's @Jit @Grad value");
        Checks.assertSameGradient(new Object[] {hand.w1(), hand.b1(), hand.w2(), hand.b2()},
                new Object[] {natural.w1(), natural.b1(), natural.w2(), natural.b2()}, HAND,
                "natural form's @Jit @Grad vs hand-written");
        assertArrayEquals(w10, w1, "w1 unchanged");
    }

    /**
     * Issue 12: the Ops forms of W1 and W3 compute the loop forms' values (eagerly, to rounding: the
     * eager ops sum in the loops' order but W3's hidden layer adds the bias after the products) and
     * gradients, and their fused gradients allocate nothing that grows with the data.
     */
    @Test
    void opsForms() {
        BenchData.Mse d = BenchData.Mse.make(2_000, 10, 11);
        double source = Losses.mse(d.w(), d.b(), d.x(), d.y());
        LossesGrad.MseNoJitGradient loop = LossesGrad.mseNoJit(d.w(), d.b(), d.x(), d.y());
        OpsWorkloadsGrad.MseNoJitGradient plain = OpsWorkloadsGrad.mseNoJit(d.w(), d.b(), d.x(), d.y());
        OpsWorkloadsGrad.MseGradient fused = OpsWorkloadsGrad.mse(d.w(), d.b(), d.x(), d.y());
        double ops = OpsWorkloads.mse(d.w(), d.b(), d.x(), d.y());
        Checks.assertRelative(source, ops, JIT, "eager Ops value");
        assertEquals(ops, plain.value(), 0.0, "@Grad-only value is the source's, bit for bit");
        Checks.assertRelative(ops, OpsWorkloadsJit.mse(d.w(), d.b(), d.x(), d.y()), JIT, "@Jit value");
        Checks.assertSameGradient(new Object[] {loop.w(), loop.b()}, new Object[] {plain.w(), plain.b()}, HAND,
                "Ops @Grad-only vs loop @Grad-only");
        Checks.assertSameGradient(new Object[] {plain.w(), plain.b()}, new Object[] {fused.w(), fused.b()}, JIT,
                "Ops @Jit @Grad vs Ops @Grad-only");

        BenchData.Mlp m = BenchData.Mlp.make(256, 32, 64, 13);
        WorkloadsGrad.MlpNoJitGradient mlpLoop = WorkloadsGrad.mlpNoJit(m.w1(), m.b1(), m.w2(), m.b2(), m.x(), m.y());
        OpsWorkloadsGrad.MlpNoJitGradient mlpPlain = OpsWorkloadsGrad.mlpNoJit(m.w1(), m.b1(), m.w2(), m.b2(), m.x(), m.y());
        OpsWorkloadsGrad.MlpGradient mlpFused = OpsWorkloadsGrad.mlp(m.w1(), m.b1(), m.w2(), m.b2(), m.x(), m.y());
        double mlpOps = OpsWorkloads.mlp(m.w1(), m.b1(), m.w2(), m.b2(), m.x(), m.y());
        Checks.assertRelative(Workloads.mlp(m.w1(), m.b1(), m.w2(), m.b2(), m.x(), m.y()), mlpOps, HAND, "eager Ops value");
        assertEquals(mlpOps, mlpPlain.value(), 0.0, "@Grad-only value is the source's, bit for bit");
        Checks.assertRelative(mlpOps, OpsWorkloadsJit.mlp(m.w1(), m.b1(), m.w2(), m.b2(), m.x(), m.y()), JIT, "@Jit value");
        Checks.assertSameGradient(new Object[] {mlpLoop.w1(), mlpLoop.b1(), mlpLoop.w2(), mlpLoop.b2()},
                new Object[] {mlpPlain.w1(), mlpPlain.b1(), mlpPlain.w2(), mlpPlain.b2()}, HAND,
                "Ops @Grad-only vs loop @Grad-only");
        Checks.assertSameGradient(new Object[] {mlpPlain.w1(), mlpPlain.b1(), mlpPlain.w2(), mlpPlain.b2()},
                new Object[] {mlpFused.w1(), mlpFused.b1(), mlpFused.w2(), mlpFused.b2()}, JIT,
                "Ops @Jit @Grad vs Ops @Grad-only");

        BenchData.Mse small = BenchData.Mse.make(1_000, 10, 1);
        BenchData.Mse large = BenchData.Mse.make(200_000, 10, 1);
        long smallBytes = Checks.allocatedBytes(() -> OpsWorkloadsGrad.mse(small.w(), small.b(), small.x(), small.y()));
        long largeBytes = Checks.allocatedBytes(() -> OpsWorkloadsGrad.mse(large.w(), large.b(), large.x(), large.y()));
        assertTrue(largeBytes - smallBytes < 16_384, "OpsWorkloadsGrad.mse: " + smallBytes + " bytes at N = 1,000, "
                + largeBytes + " at N = 200,000");
    }

    /**
     * Issue 7: no allocation that grows with the data in the fused gradient. Counts what the calling
     * thread allocates; with threads on, the benchmark's GC profiler (bytes/call) sees the rest.
     */
    @Test
    void fusedGradientAllocationDoesNotGrowWithN() {
        BenchData.Mse small = BenchData.Mse.make(1_000, 10, 1);
        BenchData.Mse large = BenchData.Mse.make(200_000, 10, 1);
        long smallBytes = Checks.allocatedBytes(() -> LossesGrad.mse(small.w(), small.b(), small.x(), small.y()));
        long largeBytes = Checks.allocatedBytes(() -> LossesGrad.mse(large.w(), large.b(), large.x(), large.y()));
        // Growth with N would cost at least a byte per sample (199,000 bytes here).
        assertTrue(largeBytes - smallBytes < 16_384, "LossesGrad.mse: " + smallBytes + " bytes at N = 1,000, "
                + largeBytes + " at N = 200,000");

        BenchData.Logistic logistic = BenchData.Logistic.make(200_000, 20, 1);
        long logisticBytes = Checks.allocatedBytes(() -> WorkloadsGrad.logistic(logistic.w(), logistic.b(),
                logistic.x(), logistic.y(), logistic.lambda()));
        assertTrue(logisticBytes < 16_384, "WorkloadsGrad.logistic: " + logisticBytes + " bytes at N = 200,000");
    }
}
