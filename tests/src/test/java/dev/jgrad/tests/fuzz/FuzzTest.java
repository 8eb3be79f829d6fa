package dev.jgrad.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The differential fuzzer (issue 5): a fixed-seed batch of generated programs, each compiled with
 * the processor and checked against its source and finite differences. A failure prints a shrunk
 * reproducer with its seed.
 *
 * <p>Any number, any seed: {@code mvn -q -pl tests test -Dtest=FuzzTest -Djgrad.fuzz.count=5000
 * -Djgrad.fuzz.seed=42} (see {@link FuzzSettings} for the other properties).
 */
class FuzzTest {
    @Test
    void generatedProgramsHaveTheRightValuesAndGradients() {
        FuzzSettings s = FuzzSettings.fromSystemProperties();
        System.out.println("jgrad fuzz: " + s);
        DifferentialHarness harness = new DifferentialHarness(InProcessCompiler.withJgrad(), s.harnessSettings(System.out));
        DifferentialHarness.Report r = harness.run(s.programs());
        System.out.println(r.summary());
        StringBuilder why = new StringBuilder(r.summary());
        r.failures().stream().limit(20).forEach(f -> why.append("\nseed ").append(Long.toUnsignedString(f.program().seed()))
                .append(": ").append(f.shrunkFailure() != null ? f.shrunkFailure() : f.failure()));
        assertTrue(r.ok(), why.toString());
    }
}
