package dev.jgrad.tests.fuzz;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What a fuzz run does, from system properties (what {@code mvn ... -Djgrad.fuzz.count=5000}
 * sets for the JUnit tests) or from {@link FuzzMain}'s arguments:
 *
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>property</th><th>argument</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>jgrad.fuzz.seed</td><td>--seed</td><td>1</td><td>program i has seed seed + i</td></tr>
 *   <tr><td>jgrad.fuzz.count</td><td>--count</td><td>500</td><td>generated programs</td></tr>
 *   <tr><td>jgrad.hostile.seed</td><td>--hostile-seed</td><td>1</td><td>seed of the hostile inputs</td></tr>
 *   <tr><td>jgrad.hostile.count</td><td>--hostile</td><td>330</td><td>hostile inputs (each category about 3 times)</td></tr>
 *   <tr><td>jgrad.fuzz.jit</td><td>--no-jit</td><td>true</td><td>put {@code @Jit} on a quarter of the methods</td></tr>
 *   <tr><td>jgrad.fuzz.threads</td><td>--threads</td><td>min(4, cores)</td><td>javac tasks at once</td></tr>
 *   <tr><td>jgrad.fuzz.batch</td><td>--batch</td><td>12</td><td>programs per javac task</td></tr>
 *   <tr><td>jgrad.fuzz.shrink</td><td>--shrink</td><td>3</td><td>failures to shrink (the others are printed whole)</td></tr>
 *   <tr><td>jgrad.fuzz.shrinkSeconds</td><td>--shrink-seconds</td><td>120</td><td>time to shrink one failure</td></tr>
 *   <tr><td>jgrad.fuzz.shapes</td><td>--shapes</td><td>all</td><td>the shapes of issue 11 to generate
 *       ({@link ProgramGenerator#SHAPES}, comma-separated), {@code all} or {@code none}</td></tr>
 *   <tr><td>jgrad.fuzz.hessian</td><td>--hessian</td><td>{@value ProgramGenerator#HESSIAN_PROBABILITY}</td><td>the share
 *       of the checked {@code @Grad} methods that also carry {@code @Hessian} ({@link HessianCheck})</td></tr>
 *   <tr><td>jgrad.fuzz.vectors</td><td>--vectors</td><td>{@value ProgramGenerator#VECTOR_PROBABILITY}</td><td>the share
 *       of the programs with a {@code double[]} method under {@code @Jacobian} and {@code @Jvp} ({@link VectorCheck})</td></tr>
 * </table>
 */
record FuzzSettings(
        long seed,
        int count,
        long hostileSeed,
        int hostileCount,
        boolean jit,
        int threads,
        int batch,
        int shrink,
        long shrinkSeconds,
        String shapes,
        double hessian,
        double vectors) {

    static FuzzSettings fromSystemProperties() {
        return new FuzzSettings(
                Long.parseUnsignedLong(System.getProperty("jgrad.fuzz.seed", "1")),
                Integer.parseInt(System.getProperty("jgrad.fuzz.count", "500")),
                Long.parseUnsignedLong(System.getProperty("jgrad.hostile.seed", "1")),
                Integer.parseInt(System.getProperty("jgrad.hostile.count", "330")),
                Boolean.parseBoolean(System.getProperty("jgrad.fuzz.jit", "true")),
                Integer.parseInt(System.getProperty("jgrad.fuzz.threads",
                        String.valueOf(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()))))),
                Integer.parseInt(System.getProperty("jgrad.fuzz.batch", "12")),
                Integer.parseInt(System.getProperty("jgrad.fuzz.shrink", "3")),
                Long.parseLong(System.getProperty("jgrad.fuzz.shrinkSeconds", "120")),
                System.getProperty("jgrad.fuzz.shapes", "all"),
                Double.parseDouble(System.getProperty("jgrad.fuzz.hessian", String.valueOf(ProgramGenerator.HESSIAN_PROBABILITY))),
                Double.parseDouble(System.getProperty("jgrad.fuzz.vectors", String.valueOf(ProgramGenerator.VECTOR_PROBABILITY))));
    }

    /** These settings with command-line arguments applied on top. */
    FuzzSettings withArgs(String[] args) {
        FuzzSettings s = this;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--jit") || a.equals("--no-jit")) {
                s = new FuzzSettings(s.seed, s.count, s.hostileSeed, s.hostileCount, a.equals("--jit"), s.threads,
                        s.batch, s.shrink, s.shrinkSeconds, s.shapes, s.hessian, s.vectors);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++i];
            s = switch (a) {
                case "--seed" -> new FuzzSettings(Long.parseUnsignedLong(v), s.count, s.hostileSeed, s.hostileCount,
                        s.jit, s.threads, s.batch, s.shrink, s.shrinkSeconds, s.shapes, s.hessian, s.vectors);
                case "--count" -> new FuzzSettings(s.seed, Integer.parseInt(v), s.hostileSeed, s.hostileCount, s.jit,
                        s.threads, s.batch, s.shrink, s.shrinkSeconds, s.shapes, s.hessian, s.vectors);
                case "--hostile-seed" -> new FuzzSettings(s.seed, s.count, Long.parseUnsignedLong(v), s.hostileCount,
                        s.jit, s.threads, s.batch, s.shrink, s.shrinkSeconds, s.shapes, s.hessian, s.vectors);
                case "--hostile" -> new FuzzSettings(s.seed, s.count, s.hostileSeed, Integer.parseInt(v), s.jit,
                        s.threads, s.batch, s.shrink, s.shrinkSeconds, s.shapes, s.hessian, s.vectors);
                case "--threads" -> new FuzzSettings(s.seed, s.count, s.hostileSeed, s.hostileCount, s.jit,
                        Integer.parseInt(v), s.batch, s.shrink, s.shrinkSeconds, s.shapes, s.hessian, s.vectors);
                case "--batch" -> new FuzzSettings(s.seed, s.count, s.hostileSeed, s.hostileCount, s.jit, s.threads,
                        Integer.parseInt(v), s.shrink, s.shrinkSeconds, s.shapes, s.hessian, s.vectors);
                case "--shrink" -> new FuzzSettings(s.seed, s.count, s.hostileSeed, s.hostileCount, s.jit, s.threads,
                        s.batch, Integer.parseInt(v), s.shrinkSeconds, s.shapes, s.hessian, s.vectors);
                case "--shrink-seconds" -> new FuzzSettings(s.seed, s.count, s.hostileSeed, s.hostileCount, s.jit,
                        s.threads, s.batch, s.shrink, Long.parseLong(v), s.shapes, s.hessian, s.vectors);
                case "--shapes" -> new FuzzSettings(s.seed, s.count, s.hostileSeed, s.hostileCount, s.jit, s.threads,
                        s.batch, s.shrink, s.shrinkSeconds, v, s.hessian, s.vectors);
                case "--hessian" -> new FuzzSettings(s.seed, s.count, s.hostileSeed, s.hostileCount, s.jit, s.threads,
                        s.batch, s.shrink, s.shrinkSeconds, s.shapes, Double.parseDouble(v), s.vectors);
                case "--vectors" -> new FuzzSettings(s.seed, s.count, s.hostileSeed, s.hostileCount, s.jit, s.threads,
                        s.batch, s.shrink, s.shrinkSeconds, s.shapes, s.hessian, Double.parseDouble(v));
                default -> throw new IllegalArgumentException("unknown argument " + a);
            };
        }
        return s;
    }

    ProgramGenerator generator() {
        ProgramGenerator.Config c = ProgramGenerator.Config.defaults();
        if (!shapes.equals("all")) {
            c = c.withShapes(shapes.equals("none") || shapes.isBlank() ? java.util.Set.of()
                    : java.util.Set.of(shapes.split(",")));
        }
        c = c.withForward(hessian, vectors);
        return new ProgramGenerator(jit ? c.withJit(0.25) : c);
    }

    /** The programs of this run: seeds {@code seed .. seed + count - 1}. */
    List<Ast.Program> programs() {
        ProgramGenerator g = generator();
        List<Ast.Program> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(g.generate(seed + i));
        }
        return out;
    }

    DifferentialHarness.Settings harnessSettings(PrintStream log) {
        DifferentialHarness.Settings d = DifferentialHarness.Settings.defaults(log);
        return new DifferentialHarness.Settings(batch, threads, d.trials(), d.maxSlots(), d.checkTimeoutSeconds(),
                shrink, shrinkSeconds, log);
    }

    @Override
    public String toString() {
        return "seed " + Long.toUnsignedString(seed) + ", " + count + " programs" + (jit ? " with @Jit" : "")
                + ", hostile seed " + Long.toUnsignedString(hostileSeed) + ", " + hostileCount + " hostile inputs, "
                + threads + " threads, " + batch + " programs per javac task" + (shapes.equals("all") ? "" : ", shapes " + shapes)
                + String.format(java.util.Locale.ROOT, ", @Hessian on %.0f%% of the methods, a double[] method in %.0f%% of"
                        + " the programs", 100 * hessian, 100 * vectors);
    }
}
