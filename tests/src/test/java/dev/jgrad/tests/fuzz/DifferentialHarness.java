package dev.jgrad.tests.fuzz;

import dev.jgrad.tests.fuzz.Ast.Method;
import dev.jgrad.tests.fuzz.Ast.Param;
import dev.jgrad.tests.fuzz.Ast.Program;
import dev.jgrad.tests.fuzz.Failure.Kind;
import dev.jgrad.tests.fuzz.FiniteDifferences.Estimate;
import dev.jgrad.tests.fuzz.FiniteDifferences.Verdict;
import dev.jgrad.tests.fuzz.InProcessCompiler.Diag;
import dev.jgrad.tests.fuzz.InProcessCompiler.Result;
import dev.jgrad.tests.fuzz.InProcessCompiler.Source;
import dev.jgrad.tests.fuzz.Inputs.Slot;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compiles generated programs with the jgrad processor and checks every method against the
 * contract (DESIGN.md §1, "Guarantees"):
 *
 * <ol type="a">
 *   <li>the class compiles, with no error and no internal diagnostic from the processor;
 *   <li>{@code FGrad.f(...).value()} equals {@code F.f(...)} bit for bit;
 *   <li>the gradient (the record components after {@code value}, one per {@code wrt} parameter,
 *       each a fresh value of the parameter's shape) agrees with finite differences on every
 *       coordinate ({@link FiniteDifferences}), and {@code <u, gradient>} agrees with the
 *       directional derivative along a random {@code u};
 *   <li>for a {@code @Jit} method, {@code FJit.f} agrees with the source to 1e-12 relative
 *       ({@code |a - b| <= 1e-12 max(1, |b|)}; 1e-11 for a method with the 20,000-iteration loop, whose
 *       sum the source itself rounds that much), and the gradient of the {@code @Jit @Grad} method
 *       agrees with that of its {@code @Grad}-only copy to 1e-10 of the largest component;
 *   <li>the inputs are left as the source leaves them: the same values, and each row of a
 *       {@code double[][]} the same object as after the source's call (a row the source
 *       replaced, shared or kept); calling twice gives the same bits;
 *   <li>where the source throws (on purpose: the generator's {@code IllegalStateException}), the
 *       generated methods throw an exception of the same class with the same message, unwrapped;
 *   <li>every {@code @Grad} method also carries {@code @Jvp} with the same wrt: along the random
 *       {@code u} of (c), its value is the source's (bit for bit unless {@code @Jit}) and its tangent is
 *       {@code <u, gradient>} to 1e-10 of {@code max(1, sum |u_k gradient_k|)};
 *   <li>a method that also carries {@code @Hessian} ({@link Method#hessian}, a quarter of them by
 *       default): {@link HessianCheck} on each trial; a method that returns {@code double[]}
 *       ({@link VectorMethods}, under {@code @Jacobian} and {@code @Jvp}): {@link VectorCheck} in place
 *       of (b) to (g).
 * </ol>
 *
 * <p>Programs are compiled many per javac task (javac's fixed cost per task dominates a small
 * class), on several threads; a task with any error is split and its programs compiled alone,
 * so that each error is charged to its program. A failing program is shrunk ({@link Shrinker})
 * while the same check fails in the same method, and printed as a self-contained reproducer.
 */
final class DifferentialHarness {

    /** How to run. {@code threads} javac tasks at once; {@code batch} programs per task. */
    record Settings(
            int batch,
            int threads,
            int trials,
            int maxSlots,
            long checkTimeoutSeconds,
            int shrinkLimit,
            long shrinkSeconds,
            PrintStream log) {
        static Settings defaults(PrintStream log) {
            return new Settings(12, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), 2, 40, 20,
                    3, 120, log);
        }

        Settings withShrink(int limit, long seconds) {
            return new Settings(batch, threads, trials, maxSlots, checkTimeoutSeconds, limit, seconds, log);
        }
    }

    /** Counters over a run, for the summary. */
    static final class Stats {
        final AtomicLong programs = new AtomicLong();
        final AtomicLong methods = new AtomicLong();
        final AtomicLong trials = new AtomicLong();
        final AtomicLong nonFiniteTrials = new AtomicLong();
        final AtomicLong thrownTrials = new AtomicLong();
        final AtomicLong aliasTrials = new AtomicLong();
        final AtomicLong aliasRejected = new AtomicLong();
        final AtomicLong coordinates = new AtomicLong();
        final AtomicLong kinked = new AtomicLong();
        final AtomicLong noisy = new AtomicLong();
        final AtomicLong directional = new AtomicLong();
        final AtomicLong directionalSkipped = new AtomicLong();
        final AtomicLong jvps = new AtomicLong();
        final AtomicLong hessians = new AtomicLong();
        final AtomicLong hessianColumns = new AtomicLong();
        final AtomicLong hessianEntries = new AtomicLong();
        final AtomicLong hessianUnjudged = new AtomicLong();
        final AtomicLong vectorMethods = new AtomicLong();
        final AtomicLong jacobians = new AtomicLong();
        final AtomicLong jacobianDirectionalSkipped = new AtomicLong();
        final AtomicLong javacTasks = new AtomicLong();
        final AtomicLong javacMillis = new AtomicLong();
        final AtomicLong checkMillis = new AtomicLong();

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "%d programs, %d methods, %d trials (%d with a non-finite value, skipped; %d that threw on purpose; "
                            + "%d with arrays aliased by the caller, %d of them rightly rejected); "
                            + "%d coordinates compared with finite differences (%d not judged: %d across a kink, %d noisy); "
                            + "%d directional checks (%d not judged), %d @Jvp checks; "
                            + "%d @Hessian checks (%d columns against finite differences of @Grad, %d of %d entries not judged); "
                            + "%d double[] methods, %d @Jacobian checks (%d directional not judged); "
                            + "%d javac tasks, %.1f s in javac, %.1f s checking",
                    programs.get(), methods.get(), trials.get(), nonFiniteTrials.get(), thrownTrials.get(),
                    aliasTrials.get(), aliasRejected.get(),
                    coordinates.get(), kinked.get() + noisy.get(), kinked.get(), noisy.get(),
                    directional.get(), directionalSkipped.get(), jvps.get(),
                    hessians.get(), hessianColumns.get(), hessianUnjudged.get(), hessianEntries.get(),
                    vectorMethods.get(), jacobians.get(), jacobianDirectionalSkipped.get(), javacTasks.get(),
                    javacMillis.get() / 1000.0, checkMillis.get() / 1000.0);
        }
    }

    /** A failing program: as generated, as shrunk, and the reproducer to print. */
    record ProgramFailure(Program program, Failure failure, Program shrunk, Failure shrunkFailure, String reproducer) {}

    record Report(List<ProgramFailure> failures, int unshrunk, Stats stats, long millis) {
        boolean ok() {
            return failures.isEmpty();
        }

        String summary() {
            Map<Kind, Long> byKind = failures.stream()
                    .collect(Collectors.groupingBy(f -> f.failure().kind(), java.util.TreeMap::new, Collectors.counting()));
            return String.format(Locale.ROOT, "jgrad fuzz: %d failing programs %s (%d shrunk) in %.1f s%n  %s",
                    failures.size(), byKind, failures.size() - unshrunk, millis / 1000.0, stats);
        }
    }

    private static final Pattern STACK_TRACE = Pattern.compile("\\n\\s+at [\\w.$<>]+\\(");
    private static final ExecutorService CHECKS =
            Executors.newCachedThreadPool(r -> InProcessCompiler.bigStack(r, "jgrad-fuzz-check"));

    private final InProcessCompiler compiler;
    private final Settings settings;
    private final Stats stats = new Stats();
    private final AtomicInteger shrinkCounter = new AtomicInteger();

    DifferentialHarness(InProcessCompiler compiler, Settings settings) {
        this.compiler = compiler;
        this.settings = settings;
    }

    // ------------------------------------------------------------------------------------------
    // Running many programs
    // ------------------------------------------------------------------------------------------

    /**
     * Checks every program; shrinks and prints up to {@code shrinkLimit} failures, one of each
     * kind first.
     */
    Report run(List<Program> programs) {
        long start = System.nanoTime();
        List<List<Program>> batches = new ArrayList<>();
        for (int i = 0; i < programs.size(); i += settings.batch()) {
            batches.add(programs.subList(i, Math.min(programs.size(), i + settings.batch())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads(),
                r -> InProcessCompiler.bigStack(r, "jgrad-fuzz-worker"));
        List<Future<List<List<Failure>>>> futures = new ArrayList<>();
        for (List<Program> b : batches) {
            futures.add(pool.submit(() -> checkAll(b, null)));
        }
        List<ProgramFailure> failing = new ArrayList<>();
        int done = 0;
        try {
            for (int k = 0; k < batches.size(); k++) {
                List<List<Failure>> results = futures.get(k).get();
                for (int i = 0; i < results.size(); i++) {
                    if (!results.get(i).isEmpty()) {
                        Program p = batches.get(k).get(i);
                        Failure f = results.get(i).get(0);
                        settings.log().println("FAIL seed " + Long.toUnsignedString(p.seed()) + ": " + f);
                        failing.add(new ProgramFailure(p, f, null, null, null));
                    }
                }
                done += batches.get(k).size();
                if (batches.size() > 20 && k % Math.max(1, batches.size() / 10) == 0) {
                    settings.log().printf(Locale.ROOT, "  ... %d/%d programs, %d failing, %.0f s%n", done,
                            programs.size(), failing.size(), (System.nanoTime() - start) / 1e9);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the harness itself failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<ProgramFailure> ordered = new ArrayList<>();
        Set<Kind> kinds = new HashSet<>();
        for (ProgramFailure pf : failing) {
            if (kinds.add(pf.failure().kind())) {
                ordered.add(pf);
            }
        }
        for (ProgramFailure pf : failing) {
            if (!ordered.contains(pf)) {
                ordered.add(pf);
            }
        }
        List<ProgramFailure> reported = new ArrayList<>();
        int unshrunk = 0;
        for (ProgramFailure pf : ordered) {
            if (reported.size() < settings.shrinkLimit()) {
                ProgramFailure shrunk = shrink(pf.program(), pf.failure());
                settings.log().println(shrunk.reproducer());
                reported.add(shrunk);
            } else {
                unshrunk++;
                String repro = reproducer(pf.program(), pf.failure(), false);
                reported.add(new ProgramFailure(pf.program(), pf.failure(), pf.program(), pf.failure(), repro));
            }
        }
        return new Report(reported, unshrunk, stats, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Compiles the programs in one javac task and checks each; if the task has any error, each
     * program is compiled again alone so that the error lands on its own program.
     *
     * @param onlyMethod check just this method (while shrinking), or null for all
     */
    List<List<Failure>> checkAll(List<Program> batch, String onlyMethod) {
        List<Source> sources = new ArrayList<>();
        for (Program p : batch) {
            sources.addAll(sources(p));
        }
        List<List<Failure>> out = new ArrayList<>();
        try (Result r = compiler.compile(sources)) {
            stats.javacTasks.incrementAndGet();
            stats.javacMillis.addAndGet(r.millis);
            boolean clean = r.success() && internal(r).isEmpty();
            if (!clean && batch.size() > 1) {
                for (Program p : batch) {
                    out.add(checkAll(List.of(p), onlyMethod).get(0));
                }
                return out;
            }
            if (!clean) {
                out.add(classify(batch.get(0), r));
                return out;
            }
            for (Program p : batch) {
                out.add(checkLoaded(p, r.loader(), onlyMethod));
            }
        }
        return out;
    }

    static List<Source> sources(Program p) {
        List<Source> s = new ArrayList<>();
        s.add(new Source(p.qualifiedName(), Printer.source(p).text()));
        if (p.probe()) {
            s.add(new Source(p.pkg() + "." + p.probeName(), Printer.probe(p)));
        }
        return s;
    }

    /** Diagnostics, of any kind, that show the processor failed inside. */
    static List<Diag> internal(Result r) {
        return r.diags.stream()
                .filter(d -> d.message().contains("JgradInternal") || STACK_TRACE.matcher(d.message()).find())
                .toList();
    }

    /** What went wrong in a compilation of one program that did not succeed cleanly. */
    static List<Failure> classify(Program p, Result r) {
        List<Failure> out = new ArrayList<>();
        if (r.crash != null) {
            out.add(Failure.compile(Kind.PROCESSOR_CRASH, firstLines(r.crash, 25), r.diags));
            return out;
        }
        List<Diag> internal = internal(r);
        if (!internal.isEmpty()) {
            out.add(Failure.compile(Kind.PROCESSOR_INTERNAL, firstLines(internal.get(0).message(), 25), internal));
            return out;
        }
        List<Diag> generated = r.errors().stream().filter(Diag::generated).toList();
        if (!generated.isEmpty()) {
            Map<String, String> files = r.generatedSources();
            StringBuilder s = new StringBuilder("generated code does not compile:");
            for (Diag d : generated.stream().limit(3).toList()) {
                s.append("\n  ").append(d).append(context(files.get(d.file()), d.line()));
            }
            out.add(Failure.compile(Kind.GENERATED_DOES_NOT_COMPILE, s.toString(), generated));
            return out;
        }
        List<Diag> rejected = r.errors().stream().filter(d -> d.message().startsWith("[Jgrad")).toList();
        if (!rejected.isEmpty()) {
            Map<String, int[]> lines = Printer.source(p).methodLines();
            String method = methodAt(lines, rejected.get(0).line());
            out.add(new Failure(Kind.REJECTED, method, "the processor rejected a method of the subset", rejected,
                    null, null));
            return out;
        }
        out.add(Failure.compile(Kind.INVALID_SOURCE, "javac rejects the generated program (a fuzzer bug)", r.errors()));
        return out;
    }

    static String methodAt(Map<String, int[]> lines, long line) {
        for (Map.Entry<String, int[]> e : lines.entrySet()) {
            if (line >= e.getValue()[0] && line <= e.getValue()[1]) {
                return e.getKey();
            }
        }
        return null;
    }

    private static String context(String text, long line) {
        if (text == null || line < 1) {
            return "";
        }
        String[] ls = text.split("\n", -1);
        StringBuilder s = new StringBuilder();
        for (long i = Math.max(1, line - 2); i <= Math.min(ls.length, line + 2); i++) {
            s.append(String.format(Locale.ROOT, "%n    %s%4d| %s", i == line ? ">" : " ", i, ls[(int) i - 1]));
        }
        return s.toString();
    }

    private static String firstLines(String s, int n) {
        return s.lines().limit(n).collect(Collectors.joining("\n"));
    }

    // ------------------------------------------------------------------------------------------
    // Checking loaded classes
    // ------------------------------------------------------------------------------------------

    /** Runs the checks of every checked method, with a time limit; the first failure per method. */
    List<Failure> checkLoaded(Program p, ClassLoader loader, String onlyMethod) {
        stats.programs.incrementAndGet();
        AtomicReference<String> current = new AtomicReference<>();
        AtomicReference<Thread> runner = new AtomicReference<>();
        long start = System.nanoTime();
        Future<List<Failure>> f = CHECKS.submit(() -> {
            runner.set(Thread.currentThread());
            List<Failure> out = new ArrayList<>();
            for (Method m : p.methods()) {
                if (m.check() && (onlyMethod == null || onlyMethod.equals(m.name()))) {
                    current.set(m.name());
                    stats.methods.incrementAndGet();
                    Failure fail;
                    try {
                        fail = m.returnsVector() ? new VectorCheck(p, m, loader, stats, settings.trials()).run()
                                : new MethodCheck(p, m, loader).run();
                    } catch (RuntimeException | LinkageError e) {
                        fail = Failure.at(Kind.HARNESS_ERROR, m.name(), InProcessCompiler.stackTrace(e), m.params(), null);
                    }
                    if (fail != null) {
                        out.add(fail);
                    }
                }
            }
            return out;
        });
        try {
            return f.get(settings.checkTimeoutSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            stop(runner.get());
            return List.of(Failure.at(Kind.TIMEOUT, current.get(),
                    "no result in " + settings.checkTimeoutSeconds() + " s: generated code that does not end?", null, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the harness failed on " + p.className(), e.getCause());
        } finally {
            stats.checkMillis.addAndGet((System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * Stops a thread stuck in generated code that loops, so that it does not eat a core for the
     * rest of the run. {@code Thread.stop} is the only way; it exists up to JDK 19 and throws
     * from JDK 20 on, where the (daemon) thread is abandoned instead.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.stop();
        } catch (UnsupportedOperationException | SecurityException e) {
            // abandoned: a daemon, it ends with the JVM
        }
    }

    /** The checks of one method. */
    private final class MethodCheck {
        final Program p;
        final Method m;
        final ClassLoader loader;
        final List<Param> params;
        java.lang.reflect.Method source;
        java.lang.reflect.Method probe;
        java.lang.reflect.Method grad;
        java.lang.reflect.Method ref;
        java.lang.reflect.Method jit;
        /** The checks of {@code @Hessian}, or null for a method without. */
        HessianCheck hessian;
        RecordComponent[] components;
        /** The components of the record of the {@code @Grad}-only copy, in the order of {@link #components}. */
        RecordComponent[] refComponents;
        /** For each record component after value: the index of its parameter. */
        int[] componentArg;
        Object[] args;
        /** What the source's call left: the inputs and the places of the rows. */
        Outcome after;

        MethodCheck(Program p, Method m, ClassLoader loader) {
            this.p = p;
            this.m = m;
            this.loader = loader;
            this.params = m.params();
        }

        Failure fail(Kind kind, String detail) {
            return Failure.at(kind, m.name(), detail, params, args);
        }

        Failure run() {
            try {
                Failure f = lookUp();
                if (f != null) {
                    return f;
                }
                for (int trial = 0; trial < settings.trials(); trial++) {
                    SplittableRandom r = new SplittableRandom(
                            p.seed() * 0x9E3779B97F4A7C15L + m.name().hashCode() * 31L + trial);
                    f = trial(r);
                    if (f != null) {
                        return f;
                    }
                }
                return null;
            } catch (ReflectiveOperationException e) {
                return fail(Kind.MISSING_GENERATED, "reflection failed: " + e);
            }
        }

        Failure lookUp() throws ReflectiveOperationException {
            Class<?>[] types = new Class<?>[params.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = params.get(i).type().javaClass();
            }
            source = accessible(loader.loadClass(p.qualifiedName()).getDeclaredMethod(m.name(), types));
            probe = accessible(loader.loadClass(p.pkg() + "." + p.probeName()).getDeclaredMethod(m.name(), types));
            if (m.grad()) {
                String cls = p.qualifiedName() + "Grad";
                Class<?> g;
                try {
                    g = loader.loadClass(cls);
                } catch (ClassNotFoundException e) {
                    return fail(Kind.MISSING_GENERATED, "class " + cls + " was not generated");
                }
                try {
                    grad = accessible(g.getMethod(m.name(), types));
                } catch (NoSuchMethodException e) {
                    return fail(Kind.MISSING_GENERATED, "no public method " + cls + "." + m.name() + Arrays.toString(types));
                }
                Failure f = recordShape(grad.getReturnType());
                if (f != null) {
                    return f;
                }
                if (m.hasRef()) {
                    ref = accessible(g.getMethod(m.refName(), types));
                    RecordComponent[] rc = ref.getReturnType().getRecordComponents();
                    if (rc == null || rc.length != components.length) {
                        return fail(Kind.RECORD_SHAPE, "the record of " + m.refName() + " is not like that of " + m.name());
                    }
                    refComponents = new RecordComponent[components.length];
                    for (int i = 0; i < components.length; i++) {
                        for (RecordComponent c : rc) {
                            if (c.getName().equals(components[i].getName())) {
                                accessible(c.getAccessor());
                                refComponents[i] = c;
                            }
                        }
                        if (refComponents[i] == null) {
                            return fail(Kind.RECORD_SHAPE, m.refName() + " has no component " + components[i].getName());
                        }
                    }
                }
            }
            if (m.jit()) {
                String cls = p.qualifiedName() + "Jit";
                try {
                    jit = accessible(loader.loadClass(cls).getMethod(m.name(), types));
                } catch (ClassNotFoundException | NoSuchMethodException e) {
                    return fail(Kind.MISSING_GENERATED, "no " + cls + "." + m.name() + ": " + e);
                }
                if (jit.getReturnType() != double.class) {
                    return fail(Kind.MISSING_GENERATED, cls + "." + m.name() + " returns " + jit.getReturnType());
                }
            }
            if (m.hessian()) {
                try {
                    hessian = HessianCheck.lookUp(loader, p, m, types, stats);
                } catch (ClassNotFoundException | NoSuchMethodException e) {
                    return fail(Kind.MISSING_GENERATED, "no @Hessian methods " + m.name() + " and " + m.name() + "Hvp in "
                            + p.qualifiedName() + "Hessian: " + e);
                }
            }
            // README "Method shapes": variable arity and declared exceptions carry over (varargs, checkedThrow)
            for (java.lang.reflect.Method g : new java.lang.reflect.Method[] {grad, ref, jit}) {
                if (g != null && (g.isVarArgs() != source.isVarArgs()
                        || !Set.of(g.getExceptionTypes()).equals(Set.of(source.getExceptionTypes())))) {
                    return fail(Kind.MISSING_GENERATED, "the generated " + g + " has not the variable arity and throws clause"
                            + " of the source " + source);
                }
            }
            return null;
        }

        Failure recordShape(Class<?> rc) {
            String expected = Character.toUpperCase(m.name().charAt(0)) + m.name().substring(1) + "Gradient";
            if (!rc.isRecord() || !rc.getSimpleName().equals(expected)) {
                return fail(Kind.RECORD_SHAPE, "returns " + rc.getName() + ", not a record named " + expected);
            }
            components = rc.getRecordComponents();
            if (components.length == 0 || !components[0].getName().equals("value")
                    || components[0].getType() != double.class) {
                return fail(Kind.RECORD_SHAPE, "first component is not 'double value': " + Arrays.toString(components));
            }
            List<Param> wrt = m.wrtParams();
            Set<String> want = new HashSet<>();
            wrt.forEach(q -> want.add(q.name()));
            componentArg = new int[components.length - 1];
            Set<String> got = new HashSet<>();
            for (int i = 1; i < components.length; i++) {
                RecordComponent c = components[i];
                got.add(c.getName());
                int arg = -1;
                for (int k = 0; k < params.size(); k++) {
                    if (params.get(k).name().equals(c.getName())) {
                        arg = k;
                    }
                }
                if (arg < 0 || c.getType() != params.get(arg).type().javaClass()) {
                    return fail(Kind.RECORD_SHAPE, "component " + c + " is not a wrt parameter of the same type; want "
                            + wrt);
                }
                componentArg[i - 1] = arg;
            }
            if (!got.equals(want) || got.size() != components.length - 1) {
                return fail(Kind.RECORD_SHAPE, "components " + Arrays.toString(components) + ", want value and " + want);
            }
            for (RecordComponent c : components) {
                accessible(c.getAccessor());
            }
            return null;
        }

        Failure trial(SplittableRandom r) throws ReflectiveOperationException {
            args = Inputs.random(params, r);
            stats.trials.incrementAndGet();
            Outcome src = outcome(source);
            if (src.thrown() != null && !Inputs.deliberate(src.thrown())) {
                return fail(Kind.SOURCE_THREW, "the source method threw " + InProcessCompiler.stackTrace(src.thrown()));
            }
            Probe.reset();
            Outcome pr = outcome(probe);
            long path = Probe.path();
            if (src.thrown() != null) {
                if (!sameException(src.thrown(), pr.thrown())) {
                    return fail(Kind.PROBE_MISMATCH, "the probe " + describe(pr) + " but the source " + describe(src));
                }
                stats.thrownTrials.incrementAndGet();
                return exceptionTrial(src);
            }
            if (pr.thrown() != null) {
                return fail(Kind.PROBE_MISMATCH, "the probe threw " + pr.thrown());
            }
            after = src;
            double v = (double) src.result();
            double vp = (double) pr.result();
            if (Double.doubleToLongBits(v) != Double.doubleToLongBits(vp)) {
                return fail(Kind.PROBE_MISMATCH, "probe " + vp + " but source " + v);
            }
            if (!Double.isFinite(v)) {
                stats.nonFiniteTrials.incrementAndGet();
                return null;
            }
            if (grad != null) {
                Failure f = gradTrial(r, v, path);
                if (f != null) {
                    return f;
                }
            }
            if (jit != null) {
                Failure f = jitTrial(v);
                if (f != null) {
                    return f;
                }
            }
            if (hessian != null) {
                Failure f = hessianTrial(r, v, path);
                if (f != null) {
                    return f;
                }
            }
            if (grad != null && m.aliasing() >= 0) {
                return aliasTrial(r);
            }
            return null;
        }

        /** {@link HessianCheck} on this trial, over the wrt entries in parameter order. */
        Failure hessianTrial(SplittableRandom r, double v, long path) {
            List<Integer> wrtArgs = new ArrayList<>();
            for (int arg : componentArg) {
                wrtArgs.add(arg);
            }
            List<Integer> inOrder = new ArrayList<>(wrtArgs);
            java.util.Collections.sort(inOrder);
            List<Slot> slots = Inputs.slots(params, inOrder, args);
            java.lang.reflect.Method g = ref != null ? ref : grad;
            RecordComponent[] rc = ref != null ? refComponents : components;
            HessianCheck.Gradient at = a -> {
                Object[] c = components(call(g, a), rc);
                double[] flat = new double[slots.size()];
                for (int k = 0; k < flat.length; k++) {
                    flat[k] = Inputs.component(c[wrtArgs.indexOf(slots.get(k).arg()) + 1], slots.get(k));
                }
                return flat;
            };
            HessianCheck.Path pathAt = a -> {
                Probe.reset();
                try {
                    call(probe, a);
                } catch (Throwable t) {
                    return -1;
                }
                return Probe.path();
            };
            try {
                HessianCheck.Trial t = new HessianCheck.Trial(args, after, v, slots, at.at(Inputs.copy(args)), at, pathAt,
                        path, r);
                HessianCheck.Problem problem = hessian.trial(t, this::inputsAsSource);
                return problem == null ? null : fail(problem.kind(), problem.detail());
            } catch (Throwable t) {
                return fail(Kind.GRAD_THREW, "the gradient threw, for the @Hessian's reference: " + firstLines(
                        InProcessCompiler.stackTrace(t), 12));
            }
        }

        /**
         * The same call with arrays aliased by the caller (README "Aliasing"). A method that writes
         * into {@code x} ({@link Method#aliasing} 1) called with {@code x} aliased: its gradients throw
         * an {@code IllegalArgumentException} naming the parameters, before writing anything. A method
         * that only reads its arrays: no exception, the source's value (bit for bit without {@code @Jit})
         * and, as each component is its parameter's own partial derivative, the gradient of the same
         * values unaliased. Finite differences mean nothing here: none.
         */
        Failure aliasTrial(SplittableRandom r) throws ReflectiveOperationException {
            boolean writes = m.aliasing() == 1;
            Inputs.Aliased al = Inputs.alias(params, args, r, writes);
            if (al == null) {
                return null;
            }
            stats.aliasTrials.incrementAndGet();
            String how = " (called with " + al.what() + ": " + ALIAS + al.statement() + ")";
            if (writes) {
                for (java.lang.reflect.Method g : new java.lang.reflect.Method[] {grad, ref}) {
                    if (g == null) {
                        continue;
                    }
                    String who = g == ref ? "the @Grad-only copy" : "the gradient";
                    Object[] a = Inputs.copyKeepingAliases(al.args());
                    List<double[]> rowsBefore = Inputs.rows(a);
                    Throwable t = null;
                    try {
                        call(g, a);
                    } catch (Throwable e) {
                        t = e;
                    }
                    if (!(t instanceof IllegalArgumentException) || t.getMessage() == null
                            || !al.names().stream().allMatch(t.getMessage()::contains)) {
                        return fail(Kind.ALIASING, who + " of a method that writes into x "
                                + (t == null ? "returned" : "threw " + t) + how
                                + "; want an IllegalArgumentException naming " + al.names());
                    }
                    List<double[]> rowsAfter = Inputs.rows(a);
                    boolean sameRows = rowsAfter.size() == rowsBefore.size();
                    for (int k = 0; sameRows && k < rowsAfter.size(); k++) {
                        sameRows = rowsAfter.get(k) == rowsBefore.get(k);
                    }
                    if (!Inputs.same(a, al.args()) || !sameRows) {
                        return fail(Kind.ALIASING, who + " rejected the aliased arrays" + how + " but wrote into them first");
                    }
                }
                stats.aliasRejected.incrementAndGet();
                return null;
            }
            Outcome src = outcome(source, al.args());
            if (src.thrown() != null || !Double.isFinite((double) src.result())) {
                return null; // aliased values the method was not made for: nothing to compare
            }
            double v = (double) src.result();
            Outcome g = outcome(grad, al.args());
            if (g.thrown() instanceof IllegalArgumentException e && e.getMessage() != null
                    && e.getMessage().startsWith("jgrad: ") && al.names().stream().anyMatch(e.getMessage()::contains)
                    && Inputs.same(g.args(), al.args())) {
                // jgrad's may-alias analysis is conservative (README "Aliasing"): a local array that may
                // be an input (c ? w : local) and is written counts as a write into that input. A clean
                // rejection before anything is written is allowed; a wrong result is not.
                stats.aliasRejected.incrementAndGet();
                return null;
            }
            if (g.thrown() != null) {
                return fail(Kind.ALIASING, "the gradient of a method that only reads its arrays threw" + how + ": "
                        + firstLines(InProcessCompiler.stackTrace(g.thrown()), 12));
            }
            Object[] c = components(g.result());
            double value = (double) c[0];
            if (m.jit() ? !close(value, v, jitTolerance()) : Double.doubleToLongBits(value) != Double.doubleToLongBits(v)) {
                return fail(Kind.ALIASING, "value() " + value + " but the source " + v + how);
            }
            Outcome plain = outcome(grad, Inputs.copy(al.args()));
            if (plain.thrown() != null) {
                return fail(Kind.ALIASING, "the gradient at the aliased values, unaliased, " + describe(plain) + how);
            }
            Object[] unaliased = components(plain.result());
            for (int i = 1; i < c.length; i++) {
                double d = maxAbsDiff(c[i], unaliased[i]);
                boolean same = m.jit() ? d <= 1e-10 * Math.max(1, maxAbs(unaliased[i]))
                        : java.util.Objects.deepEquals(c[i], unaliased[i]);
                if (!same) {
                    return fail(Kind.ALIASING, "component " + components[i].getName() + " differs by " + d
                            + " from the gradient at the same values unaliased" + how);
                }
            }
            if (ref != null) {
                Outcome o = outcome(ref, al.args());
                if (o.thrown() != null || Double.doubleToLongBits((double) components(o.result(), refComponents)[0])
                        != Double.doubleToLongBits(v)) {
                    return fail(Kind.ALIASING, "the @Grad-only copy " + describe(o) + ", the source returned " + v + how);
                }
            }
            if (jit != null) {
                Outcome o = outcome(jit, al.args());
                if (o.thrown() != null || !close((double) o.result(), v, jitTolerance())) {
                    return fail(Kind.ALIASING, "the @Jit version " + describe(o) + ", the source returned " + v + how);
                }
            }
            return null;
        }

        /** One call of {@code g} on a copy of {@code given} that keeps its aliases. */
        private Outcome outcome(java.lang.reflect.Method g, Object[] given) {
            Object[] a = Inputs.copyKeepingAliases(given);
            Object result = null;
            Throwable thrown = null;
            try {
                result = call(g, a);
            } catch (Throwable t) {
                thrown = t;
            }
            return new Outcome(result, thrown, a, List.of());
        }

        /** One call of {@code m} on a copy of the arguments. */
        Outcome outcome(java.lang.reflect.Method m) {
            return DifferentialHarness.outcome(m, args);
        }

        private static final String JIT = "the @Jit version";

        /** Why a call did not leave the inputs as the source's call did, or null. */
        String inputsAsSource(Outcome o, String who) {
            return DifferentialHarness.inputsAsSource(o, after, params, who, who.equals(JIT));
        }

        /** The source threw on purpose: every generated method must throw the same, unwrapped. */
        Failure exceptionTrial(Outcome src) {
            List<java.lang.reflect.Method> generated = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (java.lang.reflect.Method g : new java.lang.reflect.Method[] {grad, ref, jit}) {
                if (g != null) {
                    generated.add(g);
                    names.add(g == jit ? JIT : g == ref ? "the @Grad-only copy" : "the gradient");
                }
            }
            for (int i = 0; i < generated.size(); i++) {
                Outcome o = outcome(generated.get(i));
                if (!sameException(src.thrown(), o.thrown())) {
                    return fail(Kind.EXCEPTION_MISMATCH, names.get(i) + " " + describe(o) + ", but the source "
                            + describe(src) + (o.thrown() == null ? ""
                                    : "\n" + firstLines(InProcessCompiler.stackTrace(o.thrown()), 12)));
                }
            }
            if (hessian != null) {
                List<Integer> wrtArgs = new ArrayList<>();
                for (int arg : componentArg) {
                    wrtArgs.add(arg);
                }
                String wrong = hessian.exceptions(args, Inputs.slots(params, wrtArgs, args).size(), src.thrown());
                if (wrong != null) {
                    return fail(Kind.EXCEPTION_MISMATCH, wrong);
                }
            }
            return null;
        }

        Failure gradTrial(SplittableRandom r, double v, long path) throws ReflectiveOperationException {
            Outcome g = outcome(grad);
            if (g.thrown() != null) {
                return fail(Kind.GRAD_THREW, "the gradient threw " + firstLines(InProcessCompiler.stackTrace(g.thrown()), 12));
            }
            String inputs = inputsAsSource(g, "the gradient");
            if (inputs != null) {
                return fail(Kind.INPUT_MODIFIED, inputs);
            }
            Object record = g.result();
            if (record == null) {
                return fail(Kind.RECORD_SHAPE, "the gradient method returned null");
            }
            Object[] c = components(record);
            double value = (double) c[0];
            if (m.jit()) {
                if (!close(value, v, jitTolerance())) {
                    return fail(Kind.JIT_VALUE_MISMATCH, "@Jit @Grad value " + value + " but source " + v);
                }
            } else if (Double.doubleToLongBits(value) != Double.doubleToLongBits(v)) {
                return fail(Kind.VALUE_MISMATCH, "value() " + value + " but source " + v + " (must be equal bit for bit)");
            }
            for (int i = 1; i < c.length; i++) {
                String bad = shape(args[componentArg[i - 1]], c[i]);
                if (bad != null) {
                    return fail(Kind.GRAD_SHAPE, "component " + components[i].getName() + ": " + bad);
                }
            }
            Object[] again;
            try {
                again = components(call(grad, Inputs.copy(args)));
            } catch (Throwable t) {
                return fail(Kind.GRAD_THREW, "the second call threw " + t);
            }
            if (!Arrays.deepEquals(c, again)) {
                return fail(Kind.NONDETERMINISTIC, "two calls on the same inputs differ");
            }
            Failure f = finiteDifferences(r, c, v, path);
            if (f != null) {
                return f;
            }
            if (ref != null) {
                Object[] plain;
                try {
                    plain = components(call(ref, Inputs.copy(args)), refComponents);
                } catch (Throwable t) {
                    return fail(Kind.GRAD_THREW, "the @Grad-only copy threw " + t);
                }
                return compareToRef(c, plain);
            }
            return null;
        }

        Failure finiteDifferences(SplittableRandom r, Object[] c, double v, long path) {
            List<Integer> wrtArgs = new ArrayList<>();
            for (int arg : componentArg) {
                wrtArgs.add(arg);
            }
            List<Slot> slots = Inputs.slots(params, wrtArgs, args);
            double[] analytic = new double[slots.size()];
            for (int k = 0; k < slots.size(); k++) {
                Slot s = slots.get(k);
                int comp = wrtArgs.indexOf(s.arg());
                analytic[k] = Inputs.component(c[comp + 1], s);
            }
            FiniteDifferences.Probed f = a -> (double) call(probe, a);
            double scale = Math.max(1, Math.abs(v));
            List<Integer> order = new ArrayList<>();
            for (int k = 0; k < slots.size(); k++) {
                order.add(k);
            }
            while (order.size() > settings.maxSlots()) {
                order.remove(r.nextInt(order.size()));
            }
            List<String> wrong = new ArrayList<>();
            for (int k : order) {
                Estimate e = FiniteDifferences.along(f, args, List.of(slots.get(k)), new double[] {1}, path, scale);
                stats.coordinates.incrementAndGet();
                if (!e.usable()) {
                    (e.why().equals("kink") ? stats.kinked : stats.noisy).incrementAndGet();
                }
                Verdict verdict = FiniteDifferences.compare(analytic[k], e, scale);
                if (!verdict.pass()) {
                    wrong.add(String.format(Locale.ROOT, "d/d%s: gradient %s, finite differences %s (error %.2e > %.2e)",
                            slots.get(k).label(), verdict.analytic(), verdict.numeric(), verdict.error(), verdict.allowed()));
                }
            }
            if (!wrong.isEmpty()) {
                return fail(Kind.GRAD_FD_MISMATCH, wrong.size() + " of " + order.size() + " coordinates off:\n    "
                        + wrong.stream().limit(6).collect(Collectors.joining("\n    ")));
            }
            double[] u = new double[slots.size()];
            double dot = 0;
            double absDot = 0;
            for (int k = 0; k < u.length; k++) {
                u[k] = r.nextDouble(-1, 1);
                dot += u[k] * analytic[k];
                absDot += Math.abs(u[k] * analytic[k]);
            }
            Estimate e = FiniteDifferences.along(f, args, slots, u, path, Math.max(scale, absDot));
            stats.directional.incrementAndGet();
            if (!e.usable()) {
                stats.directionalSkipped.incrementAndGet();
            }
            Verdict verdict = FiniteDifferences.compare(dot, e, Math.max(scale, absDot));
            if (!verdict.pass()) {
                return fail(Kind.GRAD_DIRECTIONAL_MISMATCH, String.format(Locale.ROOT,
                        "<u, gradient> = %s but the directional derivative is %s (error %.2e > %.2e); u = %s",
                        dot, verdict.numeric(), verdict.error(), verdict.allowed(), Arrays.toString(u)));
            }
            return jvp(slots, wrtArgs, u, dot, absDot, v);
        }

        private static Object zerosLike(Object v) {
            if (v instanceof double[] a) {
                return new double[a.length];
            }
            if (v instanceof double[][] m) {
                double[][] z = new double[m.length][];
                for (int i = 0; i < m.length; i++) {
                    z[i] = m[i] == null ? null : new double[m[i].length];
                }
                return z;
            }
            return 0.0;
        }

        /**
         * The {@code @Jvp} along {@code u} (over {@code slots}): the value as the gradient's (bit for bit
         * unless {@code @Jit}), the tangent {@code <gradient, u>} to 1e-10 of the sum of its terms' magnitudes.
         */
        Failure jvp(List<Slot> slots, List<Integer> wrtArgs, double[] u, double dot, double absDot, double v) {
            Object[] direction = new Object[args.length];
            for (int arg : wrtArgs) {
                direction[arg] = zerosLike(args[arg]);
            }
            for (int k = 0; k < slots.size(); k++) {
                slots.get(k).set(direction, u[k]);
            }
            Object[] all = Arrays.copyOf(Inputs.copy(args), args.length + wrtArgs.size());
            Class<?>[] types = Arrays.copyOf(source.getParameterTypes(), all.length);
            for (int k = 0; k < wrtArgs.size(); k++) {
                all[args.length + k] = direction[wrtArgs.get(k)];
                types[args.length + k] = source.getParameterTypes()[wrtArgs.get(k)];
            }
            Object result;
            stats.jvps.incrementAndGet();
            try {
                java.lang.reflect.Method jvp = accessible(loader.loadClass(p.qualifiedName() + "Jvp").getMethod(m.name(), types));
                result = call(jvp, all);
                double value = (double) accessible(result.getClass().getMethod("value")).invoke(result);
                double tangent = (double) accessible(result.getClass().getMethod("tangent")).invoke(result);
                if (m.jit() ? !close(value, v, 1e-11) : Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(v)) {
                    return fail(Kind.JVP_MISMATCH, "@Jvp value " + value + " but source " + v);
                }
                if (Math.abs(tangent - dot) > 1e-10 * Math.max(1, absDot)) {
                    return fail(Kind.JVP_MISMATCH, "@Jvp tangent " + tangent + " but <gradient, u> " + dot + "; u = "
                            + Arrays.toString(u));
                }
            } catch (Throwable t) {
                return fail(Kind.JVP_MISMATCH, "@Jvp threw " + firstLines(InProcessCompiler.stackTrace(t), 12));
            }
            return null;
        }

        Failure compareToRef(Object[] jitted, Object[] plain) {
            double scale = 1;
            for (int i = 1; i < plain.length; i++) {
                scale = Math.max(scale, maxAbs(plain[i]));
            }
            for (int i = 1; i < plain.length; i++) {
                double d = maxAbsDiff(jitted[i], plain[i]);
                if (!(d <= 1e-10 * scale)) {
                    return fail(Kind.JIT_GRAD_MISMATCH, "component " + components[i].getName()
                            + " of @Jit @Grad differs from the @Grad-only copy by " + d);
                }
            }
            return null;
        }

        /**
         * How far {@code @Jit} may be from the source: 1e-12 relative, but a sum over the long loop
         * ({@link ProgramGenerator#LONG_LOOP} terms) is off in the source itself by up to n eps of its
         * terms' magnitude, about 2e-12 relative: there, 1e-11.
         */
        double jitTolerance() {
            boolean longLoop = Printer.stmt(m.body()).contains("< " + ProgramGenerator.LONG_LOOP + ";");
            return longLoop ? 1e-11 : 1e-12;
        }

        Failure jitTrial(double v) throws ReflectiveOperationException {
            Outcome j = outcome(jit);
            Outcome twice = outcome(jit);
            Throwable t = j.thrown() != null ? j.thrown() : twice.thrown();
            if (t != null) {
                return fail(Kind.JIT_THREW, "the @Jit version threw " + firstLines(InProcessCompiler.stackTrace(t), 12));
            }
            String inputs = inputsAsSource(j, JIT);
            if (inputs != null) {
                return fail(Kind.INPUT_MODIFIED, inputs);
            }
            double fast = (double) j.result();
            double again = (double) twice.result();
            if (!close(fast, v, jitTolerance())) {
                return fail(Kind.JIT_VALUE_MISMATCH, "@Jit " + fast + " but source " + v);
            }
            if (Double.doubleToLongBits(fast) != Double.doubleToLongBits(again)) {
                return fail(Kind.NONDETERMINISTIC, "@Jit gave " + fast + " then " + again);
            }
            return null;
        }

        Object[] components(Object record) throws ReflectiveOperationException {
            return components(record, components);
        }

        Object[] components(Object record, RecordComponent[] rc) throws ReflectiveOperationException {
            Object[] c = new Object[rc.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = rc[i].getAccessor().invoke(record);
            }
            return c;
        }
    }

    /** What one call did: its result or its exception, and the arguments as it left them. */
    record Outcome(Object result, Throwable thrown, Object[] args, List<Integer> rows) {}

    /** One call of {@code m} on a copy of {@code args}, followed by {@code extra} arguments (tangents, {@code v}). */
    static Outcome outcome(java.lang.reflect.Method m, Object[] args, Object... extra) {
        Object[] a = Inputs.copy(args);
        List<double[]> before = Inputs.rows(a);
        Object[] all = a;
        if (extra.length > 0) {
            all = Arrays.copyOf(a, a.length + extra.length);
            System.arraycopy(extra, 0, all, a.length, extra.length);
        }
        Object result = null;
        Throwable thrown = null;
        try {
            result = call(m, all);
        } catch (Throwable t) {
            thrown = t;
        }
        return new Outcome(result, thrown, a, Inputs.rowIdentity(before, a));
    }

    /**
     * Why a call ({@code o}) did not leave the inputs as the source's call ({@code after}) did, or
     * null; {@code close}: up to 1e-12 of each array's magnitude, as {@code @Jit} may reassociate the
     * sums it leaves in an input array, as it may its result's.
     */
    static String inputsAsSource(Outcome o, Outcome after, List<Param> params, String who, boolean close) {
        boolean same = close ? Inputs.close(o.args(), after.args(), 1e-12) : Inputs.same(o.args(), after.args());
        if (!same) {
            return who + " left " + Inputs.changed(params, after.args(), o.args()) + " different from the source";
        }
        if (!o.rows().equals(after.rows())) {
            return who + " left the rows of the 2-D inputs at " + o.rows() + ", the source at " + after.rows()
                    + " (each row's position among the rows at entry; -1: a new array)";
        }
        return null;
    }

    static boolean sameException(Throwable a, Throwable b) {
        return a != null && b != null && a.getClass() == b.getClass() && java.util.Objects.equals(a.getMessage(), b.getMessage());
    }

    static String describe(Outcome o) {
        return o.thrown() == null ? "returned " + o.result() : "threw " + o.thrown();
    }

    /** Why a gradient value does not have the shape of its parameter's value, or null. */
    static String shape(Object arg, Object g) {
        if (arg instanceof Double) {
            return g instanceof Double ? null : "not a double";
        }
        if (arg instanceof double[] a) {
            if (!(g instanceof double[] ga)) {
                return "null or not a double[]";
            }
            if (ga == a) {
                return "the input array itself, not a fresh one";
            }
            return ga.length == a.length ? null : "length " + ga.length + ", the input has " + a.length;
        }
        double[][] a = (double[][]) arg;
        if (!(g instanceof double[][] ga)) {
            return "null or not a double[][]";
        }
        if (ga == a) {
            return "the input array itself, not a fresh one";
        }
        if (ga.length != a.length) {
            return ga.length + " rows, the input has " + a.length;
        }
        for (int i = 0; i < a.length; i++) {
            if (ga[i] == null || ga[i].length != a[i].length) {
                return "row " + i + " has length " + (ga[i] == null ? "null" : ga[i].length) + ", the input's has "
                        + a[i].length;
            }
            if (ga[i] == a[i]) {
                return "row " + i + " is the input's row itself";
            }
        }
        return null;
    }

    static boolean close(double a, double b, double rtol) {
        return a == b || Math.abs(a - b) <= rtol * Math.max(1, Math.abs(b));
    }

    private static double maxAbs(Object v) {
        if (v instanceof Double d) {
            return Math.abs(d);
        }
        if (v instanceof double[] a) {
            return Arrays.stream(a).map(Math::abs).max().orElse(0);
        }
        double m = 0;
        for (double[] row : (double[][]) v) {
            m = Math.max(m, maxAbs(row));
        }
        return m;
    }

    private static double maxAbsDiff(Object a, Object b) {
        if (a instanceof Double x) {
            return Math.abs(x - (Double) b);
        }
        if (a instanceof double[] x) {
            double[] y = (double[]) b;
            double m = x.length == y.length ? 0 : Double.POSITIVE_INFINITY;
            for (int i = 0; i < Math.min(x.length, y.length); i++) {
                m = Math.max(m, Math.abs(x[i] - y[i]));
            }
            return m;
        }
        double[][] x = (double[][]) a;
        double[][] y = (double[][]) b;
        double m = x.length == y.length ? 0 : Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            m = Math.max(m, maxAbsDiff(x[i], y[i]));
        }
        return m;
    }

    static Object call(java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <T extends java.lang.reflect.AccessibleObject> T accessible(T o) {
        o.setAccessible(true);
        return o;
    }

    // ------------------------------------------------------------------------------------------
    // Shrinking and reproducers
    // ------------------------------------------------------------------------------------------

    /** Shrinks a failing program while it fails with the same signature; makes its reproducer. */
    ProgramFailure shrink(Program p, Failure f) {
        String signature = f.signature();
        Failure[] last = {f};
        // a candidate that still loops costs the whole time limit: a short one will do
        DifferentialHarness checker = f.kind() != Kind.TIMEOUT ? this : new DifferentialHarness(compiler,
                new Settings(settings.batch(), settings.threads(), settings.trials(), settings.maxSlots(),
                        Math.min(3, settings.checkTimeoutSeconds()), 0, 0, settings.log()));
        Shrinker.Oracle oracle = candidates -> {
            List<Program> renamed = new ArrayList<>();
            for (Program c : candidates) {
                renamed.add(c.withClassName(p.className() + "s" + shrinkCounter.incrementAndGet()));
            }
            List<List<Failure>> results = checker.checkAll(renamed, f.method());
            List<Boolean> out = new ArrayList<>();
            for (List<Failure> fs : results) {
                Failure same = fs.stream().filter(x -> x.signature().equals(signature)).findFirst().orElse(null);
                out.add(same != null);
                if (same != null && out.indexOf(true) == out.size() - 1) {
                    last[0] = same;
                }
            }
            return out;
        };
        Shrinker.Result s = new Shrinker(oracle, settings.batch(), settings.shrinkSeconds() * 1000).shrink(p);
        settings.log().printf(Locale.ROOT, "shrunk seed %s: %d candidates tried, %d accepted, %d -> %d nodes%n",
                Long.toUnsignedString(p.seed()), s.tried(), s.accepted(), Shrinker.size(p), Shrinker.size(s.program()));
        Program shrunk = s.program();
        return new ProgramFailure(p, f, shrunk, last[0], reproducer(shrunk, last[0], true));
    }

    /** A self-contained reproducer: the seed, the failure, and the (shrunk) class with a main. */
    static String reproducer(Program p, Failure f, boolean shrunk) {
        String seed = Long.toUnsignedString(p.seed());
        StringBuilder s = new StringBuilder();
        s.append("// ===== jgrad fuzz reproducer: seed ").append(seed).append(", ").append(f.signature())
                .append(shrunk ? " (shrunk)" : " (not shrunk)").append(" =====\n");
        s.append("// rerun: mvn -q -pl tests test -Dtest=FuzzTest -Djgrad.fuzz.seed=").append(seed)
                .append(" -Djgrad.fuzz.count=1")
                .append(p.methods().stream().anyMatch(Method::jit) ? "" : " -Djgrad.fuzz.jit=false").append('\n');
        String candidate = Pattern.quote(ProgramGenerator.className(p.seed())) + "s\\d+";
        for (String line : f.toString().replaceAll(candidate, ProgramGenerator.className(p.seed())).split("\n")) {
            s.append("// ").append(line).append('\n');
        }
        String main = "";
        Method m = f.method() == null ? null : p.method(f.method());
        if (f.args() != null && m != null) {
            java.util.regex.Matcher alias = Pattern.compile(Pattern.quote(ALIAS) + "([^)]*;)").matcher(String.valueOf(f.detail()));
            main = mainFor(p, m, f.args(), f.kind() == Kind.ALIASING && alias.find() ? alias.group(1) : "");
        }
        s.append(Printer.source(p.withClassName(ProgramGenerator.className(p.seed())), main).text());
        return s.toString();
    }

    /** Before the statement that makes the reproducer's arguments alias as the failing call's did. */
    static final String ALIAS = "in main, ";

    private static String mainFor(Program p, Method m, Object[] args, String aliasing) {
        String cls = ProgramGenerator.className(p.seed());
        String call = m.name() + "(" + m.params().stream().map(Param::name).collect(Collectors.joining(", ")) + ")";
        StringBuilder s = new StringBuilder();
        s.append("/** The failing inputs: compile with the processor on the class path and run. */\n");
        s.append("public static void main(String[] unused) throws Exception {\n");
        for (String line : Inputs.declarations(m.params(), args).split("\n")) {
            s.append("    ").append(line).append('\n');
        }
        if (!aliasing.isEmpty()) {
            s.append("    ").append(aliasing).append(" // arrays aliased by the caller\n");
        }
        s.append("    System.out.println(\"source   \" + ").append(m.returnsVector() ? "java.util.Arrays.toString(" + call + ")"
                : call).append(");\n");
        if (m.grad()) {
            s.append("    var g = ").append(cls).append("Grad.").append(call).append(";\n");
            s.append("    System.out.println(\"value    \" + g.value());\n");
            for (Param q : m.wrtParams()) {
                String get = "g." + q.name() + "()";
                String show = switch (q.type()) {
                    case DOUBLE -> get;
                    case DOUBLE_ARRAY -> "java.util.Arrays.toString(" + get + ")";
                    default -> "java.util.Arrays.deepToString(" + get + ")";
                };
                s.append("    System.out.println(\"d/d").append(q.name()).append("  \" + ").append(show).append(");\n");
            }
        }
        if (m.hessian()) {
            s.append("    System.out.println(\"hessian  \" + java.util.Arrays.deepToString(").append(cls).append("Hessian.")
                    .append(call).append(".hessian()));\n");
        }
        if (m.returnsVector()) {
            s.append("    System.out.println(\"jacobian \" + java.util.Arrays.deepToString(").append(cls).append("Jacobian.")
                    .append(call).append(".jacobian()));\n");
        }
        if (m.jit()) {
            String jit = cls + "Jit." + call;
            s.append("    System.out.println(\"jit      \" + ").append(m.returnsVector() ? "java.util.Arrays.toString(" + jit + ")"
                    : jit).append(");\n");
        }
        s.append("}");
        return s.toString();
    }
}
