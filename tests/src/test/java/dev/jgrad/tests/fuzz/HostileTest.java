package dev.jgrad.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tests.fuzz.HostileGenerator.Case;
import dev.jgrad.tests.fuzz.InProcessCompiler.Source;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile inputs (issue 5): methods just outside the subset, malformed annotations, and stress
 * inputs at its edges. Each must be a clean {@code [Jgrad...]} error at its line, or (where
 * {@link HostileGenerator} allows it) compile to a right gradient; never a crash, never generated
 * code that does not compile. {@code -Djgrad.hostile.count=N -Djgrad.hostile.seed=S} to run more.
 */
class HostileTest {
    @Test
    void processorRejectsHostileInputsCleanly() {
        FuzzSettings s = FuzzSettings.fromSystemProperties();
        List<Case> cases = new HostileGenerator().generate(s.hostileSeed(), s.hostileCount());
        InProcessCompiler javac = InProcessCompiler.withJgrad();
        DifferentialHarness diff = new DifferentialHarness(javac, s.harnessSettings(System.out).withShrink(0, 0));
        HostileHarness.Report r = new HostileHarness(javac, diff, s.batch() * 2, s.threads(), System.out).run(cases);
        System.out.println(r.summary());
        StringBuilder why = new StringBuilder(r.summary());
        r.failures().stream().limit(40).forEach(o -> why.append("\n").append(o));
        assertTrue(r.failures().isEmpty(), why.toString());
    }

    /** Without the processor every input is valid Java, so any error is the processor's. */
    @Test
    void hostileInputsAreValidJavaWithAnExpectedLine() {
        FuzzSettings s = FuzzSettings.fromSystemProperties();
        HostileGenerator g = new HostileGenerator();
        List<Case> cases = g.generate(s.hostileSeed(), g.categoryCount() * 2);
        List<Source> sources = new ArrayList<>();
        for (Case c : cases) {
            assertFalse(c.lines().isEmpty(), c.category() + " does not say where its error goes");
            sources.add(new Source(c.program().qualifiedName(), c.rendered().text()));
            if (c.program().probe()) {
                sources.addAll(DifferentialHarness.sources(c.program()).subList(1, 2));
            }
        }
        try (InProcessCompiler.Result r = InProcessCompiler.plain().compile(sources)) {
            assertTrue(r.success(), "hostile inputs that javac rejects: " + r.errors() + r.crash);
        }
    }
}
