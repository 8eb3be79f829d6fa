package dev.jgrad.examples.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link ForwardBench} and prints each row's time over the function's, then the targets of issue 15,
 * each marked ok or MISSED. Single thread, {@value #WARMUP_ITERATIONS} warm-up and
 * {@value #MEASUREMENT_ITERATIONS} measured iterations of one second, one fork per benchmark and size (about
 * three minutes); {@code jgrad.bench.quick=true} for a smoke run, {@code jgrad.bench.out=DIR} for JMH's log
 * and JSON.
 */
public final class ForwardReport {
    private static final int WARMUP_ITERATIONS = 3;
    private static final int MEASUREMENT_ITERATIONS = 4;
    private static final String BENCH = ForwardBench.class.getName() + ".";

    private ForwardReport() {}

    /** Microseconds per call and JMH's 99.9% error. */
    private record Measured(double micros, double error) {}

    public static void main(String[] args) throws RunnerException, IOException {
        Locale.setDefault(Locale.ROOT);
        boolean quick = Boolean.getBoolean("jgrad.bench.quick") || Arrays.asList(args).contains("--quick");
        Path out = Path.of(System.getProperty("jgrad.bench.out", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(out);
        Path log = out.resolve("jmh-forward.log").toAbsolutePath();
        PrintStream console = System.out;
        console.printf("jgrad forward modes (JMH): %s; JMH's output goes to %s%n",
                quick ? "QUICK smoke run, figures not meaningful"
                        : WARMUP_ITERATIONS + " warm-up + " + MEASUREMENT_ITERATIONS + " measured iterations of 1 s",
                log);
        Map<String, Measured> results = new HashMap<>();
        try (PrintStream logStream = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            ProgressOutput progress = new ProgressOutput(
                    OutputFormatFactory.createFormatInstance(logStream, VerboseMode.NORMAL), console);
            TimeValue iteration = quick ? TimeValue.milliseconds(300) : TimeValue.seconds(1);
            OptionsBuilder options = new OptionsBuilder();
            options.include(Pattern.quote(BENCH) + "\\w+$")
                    .mode(Mode.AverageTime)
                    .timeUnit(TimeUnit.MICROSECONDS)
                    .forks(1)
                    .warmupForks(0)
                    .threads(1)
                    .warmupIterations(quick ? 1 : WARMUP_ITERATIONS)
                    .warmupTime(iteration)
                    .measurementIterations(quick ? 2 : MEASUREMENT_ITERATIONS)
                    .measurementTime(iteration)
                    .jvmArgs("-Xms1g", "-Xmx1g", "-Djgrad.parallel=false")
                    .resultFormat(ResultFormatType.JSON)
                    .result(out.resolve("jmh-forward.json").toString())
                    .shouldFailOnError(true);
            Collection<RunResult> runs = new Runner(options.build(), progress).run();
            for (RunResult run : runs) {
                BenchmarkParams p = run.getParams();
                String method = p.getBenchmark().substring(BENCH.length());
                String size = p.getParam("n") != null ? p.getParam("n") : p.getParam("shape");
                Result<?> time = run.getPrimaryResult();
                results.put(method + " " + size, new Measured(time.getScore(), time.getScoreError()));
            }
        }
        console.println();
        print(console, results);
        if (quick) {
            console.printf("%nQUICK smoke run: too short to mean anything; run without jgrad.bench.quick for the figures.%n");
        }
    }

    private static void print(PrintStream out, Map<String, Measured> r) {
        String format = "%-24s %-40s %12s %9s %8s%n";
        out.printf(format, "workload", "row", "us/call", "+-99.9%", "/f");
        out.println("-".repeat(97));
        List<String[]> scalarRows = List.of(new String[] {"f", "f (the source method)"},
                new String[] {"grad", "@Grad gradient"}, new String[] {"jvp", "@Jvp, one direction"},
                new String[] {"hvp", "fHvp (@Hessian), H v and gradient"},
                new String[] {"hessian", "full @Hessian"},
                new String[] {"derivativeStructure", "Hipparchus DerivativeStructure order 2"});
        for (String n : List.of("10", "50")) {
            Measured f = r.get("f " + n);
            String first = "logistic, n = " + n;
            for (String[] row : scalarRows) {
                Measured m = r.get(row[0] + " " + n);
                if (m != null) {
                    out.printf(format, first, row[1], micros(m.micros()), micros(m.error()), ratio(m, f));
                    first = "";
                }
            }
            out.println();
        }
        for (String shape : List.of("200x4", "50x50", "10x100")) {
            Measured f = r.get("layer " + shape);
            String first = "layer, m x n = " + shape;
            for (String[] row : List.of(new String[] {"layer", "f (the source method)"},
                    new String[] {"jacobian", "@Jacobian"})) {
                Measured m = r.get(row[0] + " " + shape);
                if (m != null) {
                    out.printf(format, first, row[1], micros(m.micros()), micros(m.error()), ratio(m, f));
                    first = "";
                }
            }
            out.println();
        }
        out.println("Targets of issue 15 (single thread):");
        for (String n : List.of("10", "50")) {
            int size = Integer.parseInt(n);
            String where = "logistic, n = " + n;
            target(out, where, "@Jvp / f", r.get("jvp " + n), r.get("f " + n), "<=", 2);
            target(out, where, "fHvp / f", r.get("hvp " + n), r.get("f " + n), "<=", 5);
            target(out, where, "@Hessian / f", r.get("hessian " + n), r.get("f " + n), "<=", 3.0 * size);
            target(out, where, "DerivativeStructure / @Hessian", r.get("derivativeStructure " + n),
                    r.get("hessian " + n), ">=", 10);
        }
        for (String shape : List.of("200x4", "50x50", "10x100")) {
            int[] mn = BenchData.dims(shape);
            target(out, "layer, m x n = " + shape, "@Jacobian / f", r.get("jacobian " + shape),
                    r.get("layer " + shape), "<=", 3.0 * Math.min(mn[0], mn[1]));
        }
    }

    private static String micros(double v) {
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.3f", v);
    }

    private static String ratio(Measured m, Measured base) {
        return base == null ? "-" : String.format("%.2f", m.micros() / base.micros());
    }

    private static void target(PrintStream out, String where, String what, Measured a, Measured b, String op,
            double bound) {
        if (a == null || b == null) {
            return;
        }
        double v = a.micros() / b.micros();
        boolean ok = op.equals("<=") ? v <= bound : v >= bound;
        out.printf("  %-24s %-32s %10.2f   %s (%s %s)%n", where, what, v, ok ? "ok" : "MISSED", op,
                bound == Math.rint(bound) ? String.valueOf((long) bound) : String.valueOf(bound));
    }
}
