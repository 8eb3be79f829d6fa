package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.jgrad.tests.corpus.Corpus.Case;
import java.lang.reflect.Method;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The full {@code @Hessian} runs the code of {@code fHvp} for the {@code n} unit vectors together (in
 * lanes, their array entries side by side where it can): on every corpus method of {@link
 * HessianCorpusTest#hessianCases}, column {@code k} is {@code fHvp(e_k)} bit for bit, before the mean with
 * its mirror ({@code hessian[i][j]} is {@code 0.5 * (fHvp(e_j)[i] + fHvp(e_i)[j])}, the diagonal
 * {@code fHvp(e_i)[i]}).
 */
class HessianColumnsTest {
    @TestFactory
    Stream<DynamicTest> columnsAreTheHessianVectorProductsOfTheUnitVectors() {
        return HessianCorpusTest.hessianCases().map(c -> dynamicTest(c.name(), () -> check(c, CorpusGradientTest.seed(c, 0))));
    }

    private static void check(Case c, long seed) throws Exception {
        ForwardCorpus.Shape shape = ForwardCorpus.Shape.of(c);
        Object[] args = c.arguments(seed);
        Class<?> owner = ForwardCorpus.generated(ForwardCorpus.TWIN, c, "Hessian");
        Class<?>[] types = shape.source().getParameterTypes();
        Method full = owner.getMethod(c.method(), types);
        Class<?>[] hvpTypes = java.util.Arrays.copyOf(types, types.length + 1);
        hvpTypes[types.length] = double[].class;
        Method hvp = owner.getMethod(c.method() + "Hvp", hvpTypes);
        int n = new WrtLayout(shape.wrt(), shape.wrtParams(), args).size();
        double[][] hessian = (double[][]) ForwardCorpus.component(ForwardCorpus.invoke(full, Values.deepCopy(args)), "hessian");
        double[][] columns = new double[n][];
        for (int k = 0; k < n; k++) {
            double[] e = new double[n];
            e[k] = 1;
            columns[k] = (double[]) ForwardCorpus.component(
                    ForwardCorpus.invoke(hvp, ForwardCorpus.concat(Values.deepCopy(args), new Object[] {e})), "hvp");
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double expected = i == j ? columns[i][i] : 0.5 * (columns[j][i] + columns[i][j]);
                assertTrue(Values.sameBits(expected, hessian[i][j]), c.name() + " (seed " + seed + "): hessian[" + i
                        + "][" + j + "] is " + hessian[i][j] + " but fHvp(e_" + j + ")[" + i + "] and fHvp(e_" + i
                        + ")[" + j + "] give " + expected);
            }
        }
    }
}
