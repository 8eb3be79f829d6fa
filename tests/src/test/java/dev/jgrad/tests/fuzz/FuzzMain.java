package dev.jgrad.tests.fuzz;

import java.util.List;

/**
 * Runs the fuzzer from the command line: any number of programs and hostile inputs from any
 * seed. Arguments override the system properties of {@link FuzzSettings}; exit status 1 if
 * anything failed.
 *
 * <pre>{@code
 * java -cp <test class path> dev.jgrad.tests.fuzz.FuzzMain --seed 42 --count 5000 --hostile 1000
 * }</pre>
 *
 * The JUnit tests read the same properties, so from Maven the one command is
 * {@code mvn -q -pl tests test -Dtest=FuzzTest -Djgrad.fuzz.count=5000 -Djgrad.fuzz.seed=42}.
 */
public final class FuzzMain {
    private FuzzMain() {}

    public static void main(String[] args) {
        FuzzSettings s = FuzzSettings.fromSystemProperties().withArgs(args);
        System.out.println("jgrad fuzz: " + s);
        InProcessCompiler javac = InProcessCompiler.withJgrad();
        DifferentialHarness harness = new DifferentialHarness(javac, s.harnessSettings(System.out));
        boolean ok = true;
        if (s.count() > 0) {
            DifferentialHarness.Report r = harness.run(s.programs());
            System.out.println(r.summary());
            ok &= r.ok();
        }
        if (s.hostileCount() > 0) {
            List<HostileGenerator.Case> cases = new HostileGenerator().generate(s.hostileSeed(), s.hostileCount());
            HostileHarness.Report r = new HostileHarness(javac, harness, s.batch() * 2, s.threads(), System.out).run(cases);
            System.out.println(r.summary());
            ok &= r.failures().isEmpty();
        }
        System.exit(ok ? 0 : 1);
    }
}
