package dev.jgrad.tests.fuzz;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Runs javac in this JVM on sources held in memory, with or without the jgrad processor, into a
 * temporary directory; reports every diagnostic with where it is (a source of ours or a file the
 * processor generated), and any exception that escaped javac or the processor.
 *
 * <p>javac's start-up is paid once per JVM; each call still costs a few tens of milliseconds of
 * fixed work, so callers compile many classes per call. One file manager per thread, reused.
 * Safe to call from several threads at once.
 */
final class InProcessCompiler {
    /** A compilation unit: its qualified class name and its text. */
    record Source(String className, String text) {}

    /** One diagnostic. {@code file} is the simple file name ("F42.java"), or null. */
    record Diag(Diagnostic.Kind kind, String file, boolean generated, long line, long column, String message) {
        boolean isError() {
            return kind == Diagnostic.Kind.ERROR;
        }

        @Override
        public String toString() {
            return kind + " " + (file == null ? "" : file + ":" + line + ":" + column + ": ") + message;
        }
    }

    /**
     * The outcome. {@code crash} is the stack trace of an exception that escaped javac (a
     * processor that threw), or of a timeout. Call {@link #close()} when done with the classes.
     */
    static final class Result implements AutoCloseable {
        final List<Diag> diags;
        final String crash;
        final Path dir;
        final long millis;
        private URLClassLoader loader;

        Result(List<Diag> diags, String crash, Path dir, long millis) {
            this.diags = List.copyOf(diags);
            this.crash = crash;
            this.dir = dir;
            this.millis = millis;
        }

        boolean success() {
            return crash == null && diags.stream().noneMatch(Diag::isError);
        }

        List<Diag> errors() {
            return diags.stream().filter(Diag::isError).toList();
        }

        Path classes() {
            return dir.resolve("classes");
        }

        Path generated() {
            return dir.resolve("generated");
        }

        /** A fresh loader of the compiled classes, whose parent is the loader of the tests. */
        synchronized ClassLoader loader() {
            if (loader == null) {
                try {
                    loader = new URLClassLoader(new URL[] {classes().toUri().toURL()},
                            InProcessCompiler.class.getClassLoader());
                } catch (MalformedURLException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return loader;
        }

        /** The sources the processor wrote, by file name ("F42Grad.java"). */
        Map<String, String> generatedSources() {
            Map<String, String> out = new LinkedHashMap<>();
            if (!Files.isDirectory(generated())) {
                return out;
            }
            try (Stream<Path> files = Files.walk(generated())) {
                for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.put(p.getFileName().toString(), Files.readString(p));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }

        @Override
        public synchronized void close() {
            if (loader != null) {
                try {
                    loader.close();
                } catch (IOException ignored) {
                    // the directory goes anyway
                }
            }
            deleteTree(dir);
        }
    }

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    private static final ThreadLocal<StandardJavaFileManager> FILE_MANAGER = ThreadLocal.withInitial(() -> {
        StandardJavaFileManager fm = JAVAC.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        try {
            fm.setLocation(StandardLocation.CLASS_PATH, classPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fm;
    });
    private static final ExecutorService WATCHDOG = Executors.newCachedThreadPool(r -> bigStack(r, "jgrad-fuzz-javac"));

    /**
     * Threads with the stack of a main thread (javac runs on Maven's): javac and the processor
     * recurse on the depth of the tree, and the stress inputs nest hundreds deep.
     */
    static Thread bigStack(Runnable r, String name) {
        Thread t = new Thread(null, r, name, 32L << 20);
        t.setDaemon(true);
        return t;
    }

    private final Supplier<List<Processor>> processors;
    private final long timeoutSeconds;

    /**
     * @param processors a fresh list of processor instances per compilation; an empty list
     *     compiles without annotation processing
     */
    InProcessCompiler(Supplier<List<Processor>> processors, long timeoutSeconds) {
        if (JAVAC == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        this.processors = processors;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** A compiler with the jgrad processor. */
    static InProcessCompiler withJgrad() {
        return new InProcessCompiler(() -> List.of(new dev.jgrad.processor.JgradProcessor()), 120);
    }

    /** A compiler without any processor: plain javac, to check that generated inputs are valid Java. */
    static InProcessCompiler plain() {
        return new InProcessCompiler(List::of, 120);
    }

    Result compile(List<Source> sources) {
        Path dir;
        try {
            dir = Files.createTempDirectory("jgrad-fuzz-");
            Files.createDirectories(dir.resolve("classes"));
            Files.createDirectories(dir.resolve("generated"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long start = System.nanoTime();
        Future<Result> f = WATCHDOG.submit(() -> run(sources, dir, start));
        try {
            return f.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Result(List.of(), "javac did not finish in " + timeoutSeconds + " s (a processor loop?)", dir,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return new Result(List.of(), stackTrace(e.getCause()), dir, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private Result run(List<Source> sources, Path dir, long start) throws IOException {
        // one file manager per thread; the watchdog's threads are reused, so are their managers
        StandardJavaFileManager fm = FILE_MANAGER.get();
        fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(dir.resolve("classes")));
        fm.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(dir.resolve("generated")));
        List<JavaFileObject> units = new ArrayList<>();
        for (Source s : sources) {
            units.add(new InMemorySource(s));
        }
        List<String> options = new ArrayList<>(List.of("--release", "17", "-g", "-Xlint:none", "-Xmaxerrs", "10000",
                "-implicit:none", "-encoding", "UTF-8"));
        List<Processor> ps = processors.get();
        if (ps.isEmpty()) {
            options.add("-proc:none");
        } else if (Runtime.version().feature() >= 21) {
            options.add("-proc:full"); // JDK 23 and later process only when asked
        }
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        String crash = null;
        StringWriter out = new StringWriter();
        try {
            JavaCompiler.CompilationTask task = JAVAC.getTask(out, fm, collector, options, null, units);
            if (!ps.isEmpty()) {
                task.setProcessors(ps);
            }
            task.call();
        } catch (Throwable t) { // a processor's exception comes out wrapped in a RuntimeException
            crash = stackTrace(t);
        }
        Path generated = dir.resolve("generated").toAbsolutePath();
        List<Diag> diags = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
            String file = null;
            boolean gen = false;
            if (d.getSource() != null) {
                URI uri = d.getSource().toUri();
                String path = uri.getPath() == null ? uri.toString() : uri.getPath();
                file = path.substring(path.lastIndexOf('/') + 1);
                gen = "file".equals(uri.getScheme()) && Paths.get(uri).toAbsolutePath().startsWith(generated);
            }
            diags.add(new Diag(d.getKind(), file, gen, d.getLineNumber(), d.getColumnNumber(),
                    d.getMessage(Locale.ROOT)));
        }
        String printed = out.toString().trim();
        if (!printed.isEmpty()) {
            // javac prints here what it could not report as a diagnostic, such as a processor's
            // uncaught exception on some versions
            diags.add(new Diag(Diagnostic.Kind.OTHER, null, false, -1, -1, printed));
        }
        return new Result(diags, crash, dir, (System.nanoTime() - start) / 1_000_000);
    }

    /** The class path of the tests: the runtime, the processor, this package (Probe). */
    static List<File> classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {dev.jgrad.Grad.class, Probe.class}) {
            try {
                entries.add(Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException | NullPointerException e) {
                // fall back on java.class.path below
            }
        }
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        return entries.stream().map(File::new).toList();
    }

    static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary directory left behind is not worth failing a test for
        }
    }

    private static final class InMemorySource extends SimpleJavaFileObject {
        private final String text;

        InMemorySource(Source s) {
            super(URI.create("string:///" + s.className().replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = s.text();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
