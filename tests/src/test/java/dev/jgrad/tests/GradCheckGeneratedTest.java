package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.GradCheck;
import dev.jgrad.tests.corpus.Models;
import dev.jgrad.tests.corpus.Records;
import dev.jgrad.tests.params.Tagged;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code GradCheck.check(Class, method, args...)} on gradients the processor generated: one call
 * checks every wrt parameter, found by name among parameters of the same types (the MLP's
 * {@code w1, b1, w2, b2} beside its data {@code x, y}).
 */
class GradCheckGeneratedTest {
    @Test
    void oneCallChecksEveryWrtParameterOfAGeneratedGradient() {
        double[][] w1 = {{0.2, -0.4}, {0.7, 0.1}, {-0.3, 0.5}};
        double[] b1 = {0.1, -0.2, 0.05};
        double[] w2 = {0.6, -0.8, 0.3};
        double[][] x = {{1, 2}, {-0.5, 0.3}, {0.8, -1.2}, {0.1, 0.4}};
        double[] y = {0.5, -0.1, 0.3, 0.9};
        GradCheck.Report r = GradCheck.check(Models.class, "mlp", w1, b1, w2, 0.2, x, y).orThrow();
        List<String> labels = IntStream.range(0, r.size()).mapToObj(r::label).toList();
        assertEquals(1 + 6 + 3 + 3 + 1, labels.size(), labels::toString);
        assertEquals(List.of("value", "w1[0][0]", "w1[0][1]", "w1[1][0]"), labels.subList(0, 4));
        assertEquals(List.of("b1[0]", "b1[1]", "b1[2]", "w2[0]", "w2[1]", "w2[2]", "b2"), labels.subList(7, 14));
        assertEquals(0.0, r.relativeError(0), "without @Jit the value is the source's, bit for bit");
    }

    @Test
    void theDefaultWrtIsEveryDifferentiableParameter() {
        double[] x = {-1.2, 1.0, 0.8};
        GradCheck.Report r = GradCheck.check(Models.class, "rosenbrock", (Object) x).orThrow();
        assertEquals(List.of("value", "x[0]", "x[1]", "x[2]"), IntStream.range(0, r.size()).mapToObj(r::label).toList());
        assertTrue(r.maxRelativeError() < 1e-8, r::toString);
    }

    @Test
    void aWrtRecordsIntBooleanAndIntArrayComponentsAreInactive() {
        Tagged p = new Tagged(new double[] {0.5, -0.25, 1}, 3, true, new int[] {2, 0, 1}, 0.1);
        GradCheck.Report r = GradCheck.check(Records.class, "tagged", p, new double[] {1, 2, 3}).orThrow();
        assertEquals(List.of("value", "p.w[0]", "p.w[1]", "p.w[2]", "p.offset"),
                IntStream.range(0, r.size()).mapToObj(r::label).toList());
    }
}
