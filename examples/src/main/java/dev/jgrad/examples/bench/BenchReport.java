package dev.jgrad.examples.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH benchmarks of issue 7 and prints one table of ratios: for each workload and size, the
 * time of each row divided by the source method's time and by the hand-written gradient's time, and
 * the bytes allocated per call (JMH's GC profiler, {@code gc.alloc.rate.norm}); then the issue's
 * targets, each marked ok or MISSED.
 *
 * <p>Everything runs single-threaded ({@code -Djgrad.parallel=false} in the forked JVMs), except two
 * extra rows: the {@code @Jit} value and gradient of W1 at N = 1,000,000 with threads on.
 *
 * <p>System properties: {@code jgrad.bench.quick=true} for a smoke run of about a minute (figures
 * not meaningful); {@code jgrad.bench.include=REGEX} to run only the benchmarks whose name
 * ({@code dev.jgrad.examples.bench.W1MseBench.jitGrad}) the expression finds; {@code jgrad.bench.out=DIR}
 * for JMH's log and JSON results (default: the temporary directory); {@code jgrad.bench.vector=true} to run
 * the forks with {@code --add-modules jdk.incubator.vector}, so that {@code @Jit}'s dot products use the
 * Vector API. The full run takes about eleven
 * minutes on two cores: {@value #WARMUP_ITERATIONS} warm-up and {@value #MEASUREMENT_ITERATIONS}
 * measurement iterations of one second, in one fresh JVM per benchmark and size; then
 * {@link NaturalCodeReport}'s cold-start and spread runs (about four minutes more), and its targets.
 */
public final class BenchReport {
    private static final int WARMUP_ITERATIONS = 5;
    private static final int MEASUREMENT_ITERATIONS = 6;
    private static final String PACKAGE = "dev.jgrad.examples.bench.";
    private static final String ALL = Pattern.quote(PACKAGE) + "W\\d\\w*Bench\\.\\w+$";
    private static final String THREADED = Pattern.quote(PACKAGE) + "W1MseBench\\.(jit|jitGrad)$";
    private static final String THREADED_SHAPE = "1000000x10";
    private static final List<String> HEAP = List.of("-Xms4g", "-Xmx4g");
    private static final String ALLOC = "gc.alloc.rate.norm";
    /** {@code -Djgrad.bench.vector=true}: the forks run with the Vector API ({@code --add-modules jdk.incubator.vector}). */
    static final boolean VECTOR = Boolean.getBoolean("jgrad.bench.vector");

    private BenchReport() {}

    /** The rows of every workload, in table order: the benchmark method and its label. */
    enum Row {
        SOURCE("source", "source method"),
        JIT("jit", "@Jit value"),
        GRAD_ONLY("gradOnly", "@Grad-only gradient"),
        JIT_GRAD("jitGrad", "@Jit @Grad gradient"),
        HAND("handWritten", "hand-written gradient"),
        OPS_SOURCE("opsSource", "Ops form, eager value"),
        OPS_JIT("opsJit", "Ops form, @Jit value"),
        OPS_GRAD_ONLY("opsGradOnly", "Ops form, @Grad-only"),
        OPS_JIT_GRAD("opsJitGrad", "Ops form, @Jit @Grad"),
        NATURAL_SOURCE("naturalSource", "natural form, source"),
        NATURAL_JIT_GRAD("naturalJitGrad", "natural form, @Jit @Grad"),
        READ_DATA("readData", "reading x and y alone");

        final String benchmark;
        final String label;

        Row(String benchmark, String label) {
            this.benchmark = benchmark;
            this.label = label;
        }
    }

    /** A workload: its JMH class, a name for the table, and the method each row calls, in {@link Row} order. */
    private record Workload(String benchClass, String name, List<String> methods) {}

    private static final List<Workload> WORKLOADS = List.of(
            new Workload("W1MseBench", "W1 MSE", List.of("Losses.mse", "LossesJit.mse",
                    "LossesGrad.mseNoJit", "LossesGrad.mse", "HandWritten.mse", "OpsWorkloads.mse",
                    "OpsWorkloadsJit.mse", "OpsWorkloadsGrad.mseNoJit", "OpsWorkloadsGrad.mse")),
            new Workload("W2LogisticBench", "W2 logistic", List.of("Workloads.logistic",
                    "WorkloadsJit.logistic", "WorkloadsGrad.logisticNoJit", "WorkloadsGrad.logistic",
                    "HandWritten.logistic")),
            new Workload("W3MlpBench", "W3 MLP", List.of("Workloads.mlp", "WorkloadsJit.mlp",
                    "WorkloadsGrad.mlpNoJit", "WorkloadsGrad.mlp", "HandWritten.mlp", "OpsWorkloads.mlp",
                    "OpsWorkloadsJit.mlp", "OpsWorkloadsGrad.mlpNoJit", "OpsWorkloadsGrad.mlp", "NaturalMlp.loss",
                    "NaturalMlpGrad.loss")),
            // issue 14: natural code
            new Workload("W4BookBench", "W4 book", List.of("BookWorkload.bookValue", "BookWorkloadJit.bookValue",
                    "BookWorkloadGrad.bookValueNoJit", "BookWorkloadGrad.bookValue", "HandWrittenFinance.bookValue")),
            new Workload("W5MonteCarloBench", "W5 Monte Carlo", List.of("MonteCarloWorkload.callPrice",
                    "MonteCarloWorkloadJit.callPrice", "MonteCarloWorkloadGrad.callPriceNoJit",
                    "MonteCarloWorkloadGrad.callPrice", "HandWrittenFinance.callPrice")));

    /** One measured benchmark: microseconds per call with JMH's 99.9% error, and bytes per call. */
    record Measured(double micros, double error, double bytes) {}

    /** Measurements by benchmark class, method, shape and threading. */
    static final class Results {
        private final Map<String, Measured> byKey = new HashMap<>();
        private final Map<String, TreeSet<String>> shapes = new HashMap<>();

        void add(Collection<RunResult> runs, boolean threads) {
            for (RunResult run : runs) {
                BenchmarkParams p = run.getParams();
                String name = p.getBenchmark().substring(PACKAGE.length());
                String benchClass = name.substring(0, name.indexOf('.'));
                String method = name.substring(name.indexOf('.') + 1);
                String shape = p.getParam("shape");
                if (shape == null) {
                    continue; // not a row of the table (the cold-start runs, which NaturalCodeReport reads)
                }
                Result<?> alloc = run.getSecondaryResults().get(ALLOC);
                Result<?> time = run.getPrimaryResult();
                byKey.put(key(benchClass, method, shape, threads), new Measured(time.getScore(),
                        time.getScoreError(), alloc == null ? Double.NaN : alloc.getScore()));
                shapes.computeIfAbsent(benchClass, c -> new TreeSet<>(BY_DIMS)).add(shape);
            }
        }

        Measured get(String benchClass, Row row, String shape, boolean threads) {
            return byKey.get(key(benchClass, row.benchmark, shape, threads));
        }

        Collection<String> shapes(String benchClass) {
            return shapes.getOrDefault(benchClass, new TreeSet<>());
        }

        private static String key(String benchClass, String method, String shape, boolean threads) {
            return benchClass + "." + method + " " + shape + (threads ? " threads" : "");
        }
    }

    /** Sizes in table order: by the last dimension first ("1000x10" < "1000000x10" < "10000x100"). */
    private static final Comparator<String> BY_DIMS = (a, b) -> {
        int[] da = BenchData.dims(a);
        int[] db = BenchData.dims(b);
        for (int k = Math.min(da.length, db.length) - 1; k >= 0; k--) {
            if (da[k] != db[k]) {
                return Integer.compare(da[k], db[k]);
            }
        }
        return Integer.compare(da.length, db.length);
    };

    public static void main(String[] args) throws RunnerException, IOException {
        Locale.setDefault(Locale.ROOT);
        boolean quick = Boolean.getBoolean("jgrad.bench.quick") || Arrays.asList(args).contains("--quick");
        String include = System.getProperty("jgrad.bench.include", "").trim();
        Path out = Path.of(System.getProperty("jgrad.bench.out", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(out);
        Path log = out.resolve("jmh-bench.log").toAbsolutePath();

        PrintStream console = System.out;
        console.printf("jgrad benchmarks (JMH): %s; JMH's output goes to %s%n",
                quick ? "QUICK smoke run, figures not meaningful"
                        : WARMUP_ITERATIONS + " warm-up + " + MEASUREMENT_ITERATIONS
                                + " measured iterations of 1 s per row, one fork each, about 11 minutes",
                log);
        console.printf("@Jit dot products (dev.jgrad.runtime.Simd): %s%n", VECTOR
                ? "the Vector API (forks run with --add-modules jdk.incubator.vector)"
                : "scalar kernels (-Djgrad.bench.vector=true for the Vector API)");

        Results results = new Results();
        NaturalCodeReport natural = new NaturalCodeReport();
        try (PrintStream logStream = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            ProgressOutput progress = new ProgressOutput(
                    OutputFormatFactory.createFormatInstance(logStream, VerboseMode.NORMAL), console);

            ChainedOptionsBuilder single = options(quick, "false")
                    .include(include.isEmpty() ? ALL : include)
                    .exclude(NaturalCodeReport.COLD)
                    .result(out.resolve("jmh-single-thread.json").toString());
            results.add(new Runner(single.build(), progress).run(), false);

            if (include.isEmpty() || Pattern.compile(include).matcher(PACKAGE + "W1MseBench.jitGrad").find()) {
                ChainedOptionsBuilder threaded = options(quick, "true")
                        .include(THREADED)
                        .param("shape", THREADED_SHAPE)
                        .result(out.resolve("jmh-threads.json").toString());
                results.add(new Runner(threaded.build(), progress).run(), true);
            }
            natural.run(quick, include, out, progress);
        }

        console.println();
        printTable(console, results);
        console.println();
        printTargets(console, results);
        console.println();
        natural.print(console, results,
                Path.of(System.getProperty("jgrad.bench.sources", "src/main/java")),
                Path.of(System.getProperty("jgrad.bench.generated", out.resolve("generated-sources/annotations").toString())));
        if (quick) {
            console.printf("%nQUICK smoke run: too short to mean anything; run without jgrad.bench.quick for the figures.%n");
        }
    }

    static ChainedOptionsBuilder options(boolean quick, String parallel) {
        TimeValue iteration = quick ? TimeValue.milliseconds(300) : TimeValue.seconds(1);
        List<String> jvmArgs = new ArrayList<>(HEAP);
        jvmArgs.add("-Djgrad.parallel=" + parallel);
        if (VECTOR) {
            // what a user adds to the JVM for the Vector API kernels of dev.jgrad.runtime.Simd
            jvmArgs.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        return new OptionsBuilder()
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .forks(1)
                .warmupForks(0)
                .threads(1)
                .warmupIterations(quick ? 1 : WARMUP_ITERATIONS)
                .warmupTime(iteration)
                .measurementIterations(quick ? 2 : MEASUREMENT_ITERATIONS)
                .measurementTime(iteration)
                .addProfiler(GCProfiler.class)
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON)
                .shouldFailOnError(true);
    }

    private static void printTable(PrintStream out, Results results) {
        String format = "%-22s %-29s %-28s %12s %9s %8s %8s %11s%n";
        out.printf(format, "workload, size", "row", "method", "us/call", "+-99.9%", "/source", "/hand", "bytes/call");
        out.println("-".repeat(136));
        for (Workload w : WORKLOADS) {
            for (String shape : results.shapes(w.benchClass())) {
                Measured source = results.get(w.benchClass(), Row.SOURCE, shape, false);
                Measured hand = results.get(w.benchClass(), Row.HAND, shape, false);
                String first = w.name() + " " + shape;
                for (Row row : Row.values()) {
                    Measured m = results.get(w.benchClass(), row, shape, false);
                    if (m != null) {
                        printRow(out, format, first, row.label, method(w, row), m, source, hand);
                        first = "";
                    }
                }
                for (Row row : List.of(Row.JIT, Row.JIT_GRAD)) {
                    Measured m = results.get(w.benchClass(), row, shape, true);
                    if (m != null) {
                        printRow(out, format, first, row.label + ", threads", method(w, row),
                                m, source, hand);
                        first = "";
                    }
                }
                out.println();
            }
        }
        out.println("us/call: JMH average time, single thread unless the row says threads; /source and /hand: the row's");
        out.println("time over the source method's and over the hand-written gradient's, same workload and size;");
        out.println("bytes/call: JMH's GC profiler (gc.alloc.rate.norm). Sizes: N x D, and batch x inputs x hidden for W3.");
    }

    private static String method(Workload w, Row row) {
        return row.ordinal() < w.methods().size() ? w.methods().get(row.ordinal()) : "-";
    }

    private static void printRow(PrintStream out, String format, String workload, String label, String method,
            Measured m, Measured source, Measured hand) {
        out.printf(format, workload, label, method, micros(m.micros()), micros(m.error()),
                ratio(m, source), ratio(m, hand), Double.isNaN(m.bytes()) ? "-" : String.format("%,.0f", m.bytes()));
    }

    private static String micros(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.2f", v);
    }

    private static String ratio(Measured m, Measured base) {
        return base == null ? "-" : String.format("%.2f", m.micros() / base.micros());
    }

    /** The targets of issue 7, each with the measured figure and ok or MISSED. */
    private static void printTargets(PrintStream out, Results r) {
        out.println("Targets of issues 7 and 12 (single thread unless said):");
        for (Workload w : WORKLOADS.subList(0, 2)) {
            for (String shape : r.shapes(w.benchClass())) {
                String where = w.name() + " " + shape;
                Measured jitGrad = r.get(w.benchClass(), Row.JIT_GRAD, shape, false);
                target(out, where, "@Jit @Grad / source", jitGrad, r.get(w.benchClass(), Row.SOURCE, shape, false),
                        "<=", 1.3);
                target(out, where, "@Jit @Grad / hand-written", jitGrad,
                        r.get(w.benchClass(), Row.HAND, shape, false), "<=", 1.1);
                if (jitGrad != null && !Double.isNaN(jitGrad.bytes())) {
                    // Allocation that grows with N costs at least a byte per sample; the result arrays do not.
                    double perSample = jitGrad.bytes() / BenchData.dims(shape)[0];
                    out.printf("  %-22s %-34s %10s   %s%n", where, "@Jit @Grad bytes per sample",
                            String.format("%.4f", perSample), perSample < 1 ? "ok (< 1: independent of N)" : "MISSED (>= 1)");
                }
            }
        }
        Workload w3 = WORKLOADS.get(2);
        for (String shape : r.shapes(w3.benchClass())) {
            String where = w3.name() + " " + shape;
            Measured source = r.get(w3.benchClass(), Row.SOURCE, shape, false);
            target(out, where, "@Jit @Grad / source", r.get(w3.benchClass(), Row.JIT_GRAD, shape, false), source,
                    "<=", 3);
            target(out, where, "@Grad-only / source", r.get(w3.benchClass(), Row.GRAD_ONLY, shape, false), source,
                    "<=", 5);
            // issue 14: the hidden layer in a local array, private to each sample's iteration
            target(out, where, "natural @Jit @Grad / hand-written", r.get(w3.benchClass(), Row.NATURAL_JIT_GRAD, shape,
                    false), r.get(w3.benchClass(), Row.HAND, shape, false), "<=", 1.1);
        }
        printOpsTargets(out, r);
        String w1 = WORKLOADS.get(0).benchClass();
        target(out, "W1 MSE 10000x100", "source / @Jit value", r.get(w1, Row.SOURCE, "10000x100", false),
                r.get(w1, Row.JIT, "10000x100", false), ">=", 2);
        String where = "W1 MSE " + THREADED_SHAPE;
        target(out, where, "@Jit @Grad: 1 thread / threads", r.get(w1, Row.JIT_GRAD, THREADED_SHAPE, false),
                r.get(w1, Row.JIT_GRAD, THREADED_SHAPE, true), ">=", 1.7);
        target(out, where, "@Jit value: 1 thread / threads", r.get(w1, Row.JIT, THREADED_SHAPE, false),
                r.get(w1, Row.JIT, THREADED_SHAPE, true), ">=", 1.7);
    }

    /** The targets of issue 12: the Ops forms against the loop forms. */
    private static void printOpsTargets(PrintStream out, Results r) {
        for (Workload w : List.of(WORKLOADS.get(0), WORKLOADS.get(2))) {
            boolean w1 = w == WORKLOADS.get(0);
            for (String shape : r.shapes(w.benchClass())) {
                String where = w.name() + " " + shape;
                Measured opsJitGrad = r.get(w.benchClass(), Row.OPS_JIT_GRAD, shape, false);
                if (w1) {
                    target(out, where, "Ops @Jit @Grad / loop @Jit @Grad", opsJitGrad,
                            r.get(w.benchClass(), Row.JIT_GRAD, shape, false), "<=", 1.1);
                    target(out, where, "Ops @Grad-only / Ops eager value", r.get(w.benchClass(), Row.OPS_GRAD_ONLY,
                            shape, false), r.get(w.benchClass(), Row.OPS_SOURCE, shape, false), "<=", 3);
                } else {
                    target(out, where, "Ops @Jit @Grad / hand-written", opsJitGrad,
                            r.get(w.benchClass(), Row.HAND, shape, false), "<=", 1.2);
                }
                target(out, where, "Ops eager value / loop source", r.get(w.benchClass(), Row.OPS_SOURCE, shape, false),
                        r.get(w.benchClass(), Row.SOURCE, shape, false), "<=", 2);
            }
        }
    }

    static void target(PrintStream out, String where, String what, Measured a, Measured b, String op,
            double bound) {
        if (a == null || b == null) {
            return;
        }
        double v = a.micros() / b.micros();
        boolean ok = op.equals("<=") ? v <= bound : v >= bound;
        out.printf("  %-22s %-34s %10.2f   %s (%s %s)%n", where, what, v, ok ? "ok" : "MISSED", op, bound);
    }
}
