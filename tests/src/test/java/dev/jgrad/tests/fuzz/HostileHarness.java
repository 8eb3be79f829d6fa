package dev.jgrad.tests.fuzz;

import dev.jgrad.tests.fuzz.Ast.Program;
import dev.jgrad.tests.fuzz.Failure.Kind;
import dev.jgrad.tests.fuzz.HostileGenerator.Case;
import dev.jgrad.tests.fuzz.HostileGenerator.Expect;
import dev.jgrad.tests.fuzz.InProcessCompiler.Diag;
import dev.jgrad.tests.fuzz.InProcessCompiler.Result;
import dev.jgrad.tests.fuzz.InProcessCompiler.Source;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compiles hostile inputs with the processor and judges each against its expectation.
 *
 * <p>Every input, whatever its expectation, fails the check if an exception escapes the
 * processor or javac, if a diagnostic says {@code JgradInternal} or holds a stack trace, or if a
 * file the processor generated does not compile. Beyond that:
 * <ul>
 *   <li>{@link Expect#MUST_ERROR}: the compilation must fail with an ERROR whose message starts
 *       with {@code [Jgrad}, in the input's file, on one of its expected lines, with one of its
 *       expected ids if it names some; and nothing may be generated for the method.
 *   <li>{@link Expect#MAY_ACCEPT}: either that clean error, or a successful compilation after
 *       which {@link DifferentialHarness} finds the value, the gradient and the inputs right.
 * </ul>
 * Inputs are compiled many per javac task; an input whose verdict could depend on the others
 * (javac stops generating code once any error is reported) is compiled again alone.
 */
final class HostileHarness {

    /** The verdict on one input. */
    record Outcome(Case input, boolean pass, String verdict) {
        @Override
        public String toString() {
            return (pass ? "ok   " : "FAIL ") + input.describe() + ": " + verdict;
        }
    }

    record Report(List<Outcome> outcomes, long millis) {
        List<Outcome> failures() {
            return outcomes.stream().filter(o -> !o.pass()).toList();
        }

        String summary() {
            Map<String, Long> verdicts = outcomes.stream().filter(Outcome::pass)
                    .collect(Collectors.groupingBy(o -> o.verdict().startsWith("accepted") ? "accepted with a right gradient"
                            : "rejected cleanly", TreeMap::new, Collectors.counting()));
            Map<String, Long> failing = failures().stream()
                    .collect(Collectors.groupingBy(o -> o.input().category(), TreeMap::new, Collectors.counting()));
            return String.format(Locale.ROOT, "jgrad hostile: %d inputs, %d failing %s; passing: %s; %.1f s",
                    outcomes.size(), failures().size(), failing, verdicts, millis / 1000.0);
        }
    }

    private static final Pattern STACK_TRACE = Pattern.compile("\\n\\s+at [\\w.$<>]+\\(");

    private final InProcessCompiler compiler;
    private final DifferentialHarness differential;
    private final int batch;
    private final int threads;
    private final PrintStream log;

    HostileHarness(InProcessCompiler compiler, DifferentialHarness differential, int batch, int threads,
            PrintStream log) {
        this.compiler = compiler;
        this.differential = differential;
        this.batch = batch;
        this.threads = threads;
        this.log = log;
    }

    Report run(List<Case> cases) {
        long start = System.nanoTime();
        List<Case> must = cases.stream().filter(c -> c.expect() == Expect.MUST_ERROR).toList();
        List<Case> may = cases.stream().filter(c -> c.expect() == Expect.MAY_ACCEPT).toList();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> InProcessCompiler.bigStack(r, "jgrad-hostile"));
        List<Future<List<Outcome>>> futures = new ArrayList<>();
        for (int i = 0; i < must.size(); i += batch) {
            List<Case> b = must.subList(i, Math.min(must.size(), i + batch));
            futures.add(pool.submit(() -> mustError(b)));
        }
        int mayBatch = Math.max(1, batch / 3); // these carry their probe class and may be large
        for (int i = 0; i < may.size(); i += mayBatch) {
            List<Case> b = may.subList(i, Math.min(may.size(), i + mayBatch));
            futures.add(pool.submit(() -> mayAccept(b)));
        }
        List<Outcome> out = new ArrayList<>();
        try {
            for (Future<List<Outcome>> f : futures) {
                for (Outcome o : f.get()) {
                    out.add(o);
                    if (!o.pass()) {
                        log.println(o);
                        String text = o.input().rendered().text();
                        List<String> lines = text.lines().toList();
                        log.println(lines.size() <= 120 ? text
                                : String.join("\n", lines.subList(0, 60)) + "\n    ... (" + lines.size() + " lines)");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the hostile harness itself failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Report(out, (System.nanoTime() - start) / 1_000_000);
    }

    // ------------------------------------------------------------------------------------------

    private List<Outcome> mustError(List<Case> cases) {
        List<Source> sources = new ArrayList<>();
        for (Case c : cases) {
            sources.add(new Source(c.program().qualifiedName(), c.rendered().text()));
        }
        List<Outcome> out = new ArrayList<>();
        try (Result r = compiler.compile(sources)) {
            boolean alone = cases.size() == 1;
            if (r.crash != null && !alone) {
                for (Case c : cases) {
                    out.addAll(mustError(List.of(c)));
                }
                return out;
            }
            Map<String, String> generated = r.generatedSources();
            for (Case c : cases) {
                Outcome o = judge(c, r, generated, alone);
                out.add(o != null ? o : mustError(List.of(c)).get(0));
            }
        }
        return out;
    }

    /** The verdict, or null if it might differ with the input compiled alone. */
    private static Outcome judge(Case c, Result r, Map<String, String> generated, boolean alone) {
        if (r.crash != null) {
            return new Outcome(c, false, "an exception escaped javac or the processor:\n" + r.crash);
        }
        String cls = c.program().className();
        List<Diag> own = r.diags.stream().filter(d -> c.file().equals(d.file()) && !d.generated()).toList();
        List<Diag> gen = r.diags.stream().filter(d -> d.generated() && belongsTo(d.file(), cls)).toList();
        List<Diag> internal = new ArrayList<>();
        for (Diag d : r.diags) {
            boolean mine = own.contains(d) || gen.contains(d) || (d.file() == null && alone);
            if (mine && (d.message().contains("JgradInternal") || STACK_TRACE.matcher(d.message()).find())) {
                internal.add(d);
            }
        }
        if (!internal.isEmpty()) {
            return new Outcome(c, false, "the processor failed inside: " + internal.get(0));
        }
        List<Diag> genErrors = gen.stream().filter(Diag::isError).toList();
        if (!genErrors.isEmpty()) {
            return new Outcome(c, false, "generated code does not compile: " + genErrors.get(0) + "\n"
                    + generated.getOrDefault(genErrors.get(0).file(), ""));
        }
        Set<Integer> lines = c.lines();
        List<Diag> jgrad = own.stream().filter(d -> d.isError() && d.message().startsWith("[Jgrad")).toList();
        List<Diag> hits = jgrad.stream().filter(d -> lines.contains((int) d.line())).toList();
        List<Diag> rightId = hits.stream().filter(d -> c.ids().isEmpty() || c.ids().contains(id(d))).toList();
        if (!rightId.isEmpty()) {
            String emitted = emittedFor(c, generated);
            if (emitted != null) {
                return new Outcome(c, false, "rejected, but code was generated for the method anyway: " + emitted);
            }
            Diag d = rightId.get(0);
            return new Outcome(c, true, "rejected at line " + d.line() + ":" + d.column() + " " + d.message());
        }
        if (!alone) {
            return null;
        }
        if (!hits.isEmpty()) {
            return new Outcome(c, false, "rejected at the right line with the wrong id: " + hits + ", want one of " + c.ids());
        }
        if (!jgrad.isEmpty()) {
            return new Outcome(c, false, "rejected at the wrong line: " + jgrad + ", want one of lines " + lines);
        }
        List<Diag> errors = own.stream().filter(Diag::isError).toList();
        if (!errors.isEmpty()) {
            return new Outcome(c, false, "javac errors without a [Jgrad...] id: " + errors);
        }
        return new Outcome(c, false, r.success() ? "accepted: no error, and the generated code compiled"
                : "no error reported for this input: " + r.errors());
    }

    private static String id(Diag d) {
        return d.message().substring(1, d.message().indexOf(']'));
    }

    /** Whether a generated file comes from class {@code cls} ("H1x2Grad.java" from "H1x2", not "H1x20Grad"). */
    static boolean belongsTo(String file, String cls) {
        return file != null && file.startsWith(cls) && file.length() > cls.length()
                && !Character.isDigit(file.charAt(cls.length()));
    }

    /** A generated declaration of the method "f" of this input's class, or null. */
    private static String emittedFor(Case c, Map<String, String> generated) {
        Pattern decl = Pattern.compile("static\\s+[\\w.<>\\[\\]]+\\s+f\\s*\\(");
        for (Map.Entry<String, String> e : generated.entrySet()) {
            if (belongsTo(e.getKey(), c.program().className()) && decl.matcher(e.getValue()).find()) {
                return e.getKey();
            }
        }
        return null;
    }

    private List<Outcome> mayAccept(List<Case> cases) {
        List<Program> programs = cases.stream().map(Case::program).toList();
        List<List<Failure>> results = differential.checkAll(programs, null);
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            List<Failure> fs = results.get(i);
            if (fs.isEmpty()) {
                out.add(new Outcome(c, true, "accepted; value, gradient and inputs right"));
                continue;
            }
            Failure f = fs.get(0);
            if (f.kind() == Kind.REJECTED) {
                Set<Integer> lines = c.lines();
                List<Diag> hits = f.diags().stream().filter(d -> c.file().equals(d.file()))
                        .filter(d -> lines.contains((int) d.line())).toList();
                out.add(hits.isEmpty()
                        ? new Outcome(c, false, "rejected at the wrong line: " + f.diags() + ", want one of lines " + lines)
                        : new Outcome(c, true, "rejected at line " + hits.get(0).line() + " " + hits.get(0).message()));
            } else {
                out.add(new Outcome(c, false, f.toString()));
            }
        }
        return out;
    }
}
