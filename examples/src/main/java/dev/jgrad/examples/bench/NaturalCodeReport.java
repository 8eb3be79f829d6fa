package dev.jgrad.examples.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

/**
 * The parts of the benchmark report that issue 14 adds (natural code: W4, W5, {@code @Grad} alone):
 * the targets of W4 and W5, the {@code @Grad}-alone target on W1 to W3, W4's cold start, the spread of
 * W1's {@code @Grad}-alone time across fresh JVMs, and the lines jgrad generates for W4.
 *
 * <p>Cold start: {@link ColdStartBench} in JMH's single-shot mode, ten measured calls and no warm-up in
 * each of {@value #COLD_FORKS} fresh JVMs; ten times the mean single call is the time of the first ten
 * calls. Spread: W1 1,000 x 10's source method and {@code @Grad}-alone gradient in
 * {@value #SPREAD_FORKS} fresh JVMs each, every fork's mean printed, and the largest over the smallest.
 */
final class NaturalCodeReport {
    private static final String PACKAGE = "dev.jgrad.examples.bench.";
    /** The cold-start benchmarks, which run in their own mode only. */
    static final String COLD = Pattern.quote(PACKAGE) + "ColdStartBench\\.\\w+$";
    private static final String SPREAD = Pattern.quote(PACKAGE) + "W1MseBench\\.(source|gradOnly)$";
    private static final String SPREAD_SHAPE = "1000x10";
    private static final int COLD_FORKS = 5;
    private static final int COLD_CALLS = 10;
    private static final int SPREAD_FORKS = 5;

    private final Map<String, Double> coldMicros = new LinkedHashMap<>();
    private final Map<String, List<Double>> forkMicros = new LinkedHashMap<>();

    /** Runs the cold-start and spread benchmarks that {@code include} (empty: all) selects. */
    void run(boolean quick, String include, Path out, ProgressOutput progress) throws RunnerException {
        if (selected(include, PACKAGE + "ColdStartBench.gradOnly")) {
            ChainedOptionsBuilder cold = BenchReport.options(quick, "false")
                    .include(COLD)
                    .mode(Mode.SingleShotTime)
                    .forks(quick ? 2 : COLD_FORKS)
                    .warmupIterations(0)
                    .measurementIterations(COLD_CALLS)
                    .measurementBatchSize(1)
                    .result(out.resolve("jmh-cold-start.json").toString());
            for (RunResult r : new Runner(cold.build(), progress).run()) {
                coldMicros.put(method(r), r.getPrimaryResult().getScore() * COLD_CALLS);
            }
        }
        if (selected(include, PACKAGE + "W1MseBench.gradOnly")) {
            ChainedOptionsBuilder spread = BenchReport.options(quick, "false")
                    .include(SPREAD)
                    .param("shape", SPREAD_SHAPE)
                    .forks(quick ? 2 : SPREAD_FORKS)
                    .warmupIterations(quick ? 1 : 3)
                    .measurementIterations(quick ? 1 : 3)
                    .result(out.resolve("jmh-spread.json").toString());
            for (RunResult r : new Runner(spread.build(), progress).run()) {
                List<Double> forks = new ArrayList<>();
                for (BenchmarkResult fork : r.getBenchmarkResults()) {
                    forks.add(fork.getPrimaryResult().getScore());
                }
                forkMicros.put(method(r), forks);
            }
        }
    }

    private static boolean selected(String include, String benchmark) {
        return include.isEmpty() || Pattern.compile(include).matcher(benchmark).find();
    }

    private static String method(RunResult r) {
        String name = r.getParams().getBenchmark();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** Issue 14's targets, each ok or MISSED, then the cold start, the spread and the generated lines. */
    void print(PrintStream out, BenchReport.Results r, Path sources, Path generated) {
        out.println("Targets of issue 14 (single thread):");
        for (String bench : List.of("W1MseBench", "W2LogisticBench", "W3MlpBench")) {
            for (String shape : r.shapes(bench)) {
                BenchReport.target(out, bench.substring(0, 2) + " " + shape, "@Grad-only / source",
                        r.get(bench, BenchReport.Row.GRAD_ONLY, shape, false),
                        r.get(bench, BenchReport.Row.SOURCE, shape, false), "<=", 2);
            }
        }
        for (String shape : r.shapes("W2LogisticBench")) {
            BenchReport.target(out, "W2 " + shape, "@Jit @Grad / source",
                    r.get("W2LogisticBench", BenchReport.Row.JIT_GRAD, shape, false),
                    r.get("W2LogisticBench", BenchReport.Row.SOURCE, shape, false), "<=", 0.6);
        }
        BenchReport.Measured w1Source = r.get("W1MseBench", BenchReport.Row.SOURCE, "10000x100", false);
        BenchReport.target(out, "W1 10000x100", "@Jit @Grad / source",
                r.get("W1MseBench", BenchReport.Row.JIT_GRAD, "10000x100", false), w1Source, "<=", 0.7);
        BenchReport.Measured read = r.get("W1MseBench", BenchReport.Row.READ_DATA, "10000x100", false);
        if (read != null && w1Source != null) {
            out.printf("  %-22s %-34s %10.2f   (no target: the least a pass over the data takes)%n", "W1 10000x100",
                    "reading x and y alone / source", read.micros() / w1Source.micros());
        }
        for (String shape : r.shapes("W3MlpBench")) {
            BenchReport.target(out, "W3 natural " + shape, "@Jit @Grad / its source",
                    r.get("W3MlpBench", BenchReport.Row.NATURAL_JIT_GRAD, shape, false),
                    r.get("W3MlpBench", BenchReport.Row.NATURAL_SOURCE, shape, false), "<=",
                    BenchReport.VECTOR ? 0.2 : 0.7);
        }
        for (String shape : r.shapes("W4BookBench")) {
            String where = "W4 book " + shape;
            BenchReport.Measured source = r.get("W4BookBench", BenchReport.Row.SOURCE, shape, false);
            BenchReport.target(out, where, "@Jit @Grad / source",
                    r.get("W4BookBench", BenchReport.Row.JIT_GRAD, shape, false), source, "<=", 1.5);
            BenchReport.target(out, where, "@Grad-only / source",
                    r.get("W4BookBench", BenchReport.Row.GRAD_ONLY, shape, false), source, "<=", 2.5);
        }
        for (String shape : r.shapes("W5MonteCarloBench")) {
            BenchReport.target(out, "W5 Monte Carlo " + shape, "@Jit @Grad / source",
                    r.get("W5MonteCarloBench", BenchReport.Row.JIT_GRAD, shape, false),
                    r.get("W5MonteCarloBench", BenchReport.Row.SOURCE, shape, false), "<=", 1.6);
        }
        printLines(out, sources, generated);
        if (!coldMicros.isEmpty()) {
            out.printf("%nW4 cold start, 1,000 options: the first %d calls in a fresh JVM (mean of %d JVMs)%n",
                    COLD_CALLS, COLD_FORKS);
            Double source = coldMicros.get("source");
            for (Map.Entry<String, Double> e : coldMicros.entrySet()) {
                out.printf("  %-12s %10.1f ms %s%n", e.getKey(), e.getValue() / 1000,
                        source == null ? "" : String.format("%8.2f x source", e.getValue() / source));
            }
        }
        if (!forkMicros.isEmpty()) {
            out.printf("%nW1 %s in %d fresh JVMs: each JVM's mean, us/call%n", SPREAD_SHAPE, SPREAD_FORKS);
            for (Map.Entry<String, List<Double>> e : forkMicros.entrySet()) {
                double min = e.getValue().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
                double max = e.getValue().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
                StringBuilder each = new StringBuilder();
                e.getValue().forEach(v -> each.append(String.format(" %.2f", v)));
                out.printf("  %-10s%s   (largest / smallest %.2f)%n", e.getKey(), each, max / min);
            }
        }
    }

    /** W4's source lines and the lines jgrad generates for it. */
    private static void printLines(PrintStream out, Path sources, Path generated) {
        Path dir = Path.of("dev", "jgrad", "examples", "bench");
        Path source = sources.resolve(dir).resolve("BookWorkload.java");
        Path grad = generated.resolve(dir).resolve("BookWorkloadGrad.java");
        Path jit = generated.resolve(dir).resolve("BookWorkloadJit.java");
        if (!Files.exists(source) || !Files.exists(grad)) {
            out.printf("  W4 generated lines: sources not found (%s, %s)%n", source, grad);
            return;
        }
        int[] s = lines(source);
        int[] g = lines(grad);
        int[] j = Files.exists(jit) ? lines(jit) : new int[2];
        BenchReport.Measured lines = new BenchReport.Measured(g[1], 0, Double.NaN);
        BenchReport.target(out, "W4 book", "gradient code lines / source's", lines,
                new BenchReport.Measured(s[1], 0, Double.NaN), "<=", 3);
        out.printf("  %-22s code lines (all lines): source BookWorkload.java %d (%d), BookWorkloadGrad.java %d (%d),"
                + " BookWorkloadJit.java %d (%d)%n", "", s[1], s[0], g[1], g[0], j[1], j[0]);
    }

    /** All lines, and code lines: not blank, not only a comment. */
    private static int[] lines(Path file) {
        try {
            Collection<String> all = Files.readAllLines(file);
            int code = 0;
            for (String line : all) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("//") && !t.startsWith("/*") && !t.startsWith("*")) {
                    code++;
                }
            }
            return new int[] {all.size(), code};
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
