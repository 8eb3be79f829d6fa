package dev.jgrad.tests.jit;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * The corpus again, every {@code @Grad} method now {@code @Jit @Grad}: the corpus sources are read
 * from the source tree, rewritten by {@link CorpusRewriter} into package {@link #PACKAGE}, and
 * compiled in this JVM with the jgrad processor, in one javac task, into a temporary directory
 * (more tasks only when the processor fails on some methods: see {@link #build}).
 *
 * <p>The compiled classes are loaded by {@link #loader()}: each call gives a fresh loader that
 * loads the jit corpus <em>and the jgrad runtime</em> itself (child first), so that a runtime that
 * reads a system property such as {@code jgrad.parallel} once, in a static initialiser, sees the
 * value set around that loader's first calls, and one that reads it at every call sees it too.
 */
public final class JitCorpus implements AutoCloseable {
    /** Where the corpus lives, and where its twin goes. */
    public static final String CORPUS_PACKAGE = "dev.jgrad.tests.corpus";
    public static final String PACKAGE = "dev.jgrad.tests.jitcorpus";
    /** The corpus sources, relative to the module directory (surefire's working directory). */
    public static final String CORPUS_DIR = "src/test/java/" + CORPUS_PACKAGE.replace('.', '/');
    /** Beside the corpus: the package of the records of parameters it uses, compiled with it as they are. */
    public static final String PARAMS_DIR = "params";
    /** The packages each {@link #loader} loads itself rather than asking its parent. */
    private static final List<String> CHILD_FIRST = List.of(PACKAGE + ".", "dev.jgrad.runtime.");
    /**
     * Which twin of the corpus: its package, the annotations that mean a method is already annotated,
     * and what goes in front of each {@code @Grad}, given the {@code @Grad}'s arguments.
     */
    public record Twin(String pkg, java.util.regex.Pattern already, java.util.function.Function<String, String> annotate) {}

    /** The {@code @Jit} twin: {@code @dev.jgrad.Jit} in front of every {@code @Grad}. */
    public static final Twin JIT = new Twin(PACKAGE,
            java.util.regex.Pattern.compile("@\\s*(?:dev\\s*\\.\\s*jgrad\\s*\\.\\s*)?Jit\\b"), args -> "@dev.jgrad.Jit ");

    /** The twin these classes are of. */
    public final Twin twin;

    /** A javac diagnostic, with its file's simple name. */
    public record Diag(Diagnostic.Kind kind, String file, long line, long column, String message) {
        @Override
        public String toString() {
            return kind + " " + (file == null ? "" : file + ":" + line + ":" + column + ": ")
                    + message.replaceAll("\\s*\\n\\s*", " | ");
        }
    }

    /** A corpus method left without {@code @Jit} because the processor failed on it, and why. */
    public record Withheld(String file, String method, List<String> reasons) {}

    /** One javac task over the whole corpus, with {@code @Jit} on every method but some. */
    private record Attempt(Path dir, Map<String, List<CorpusRewriter.Site>> sites, List<Diag> diagnostics,
            Throwable crash, long millis) {
        boolean ok() {
            return crash == null && diagnostics.stream().noneMatch(d -> d.kind() == Diagnostic.Kind.ERROR);
        }

        List<Diag> errors() {
            return diagnostics.stream().filter(d -> d.kind() == Diagnostic.Kind.ERROR).toList();
        }
    }

    /**
     * The most javac tasks one build runs when the processor fails on some methods (one when none
     * fails; usually two or three when some do, since errors point at their methods).
     */
    private static final int MAX_TASKS = 30;

    public final Path dir;
    /** The corpus files, by simple name. */
    public final List<String> files;
    /** How many {@code @Grad} annotations the rewrite gave a {@code @Jit}, and how many had one. */
    public final int annotated;
    public final int alreadyJit;
    /** The methods left without {@code @Jit}, by {@link #key}. */
    public final Map<String, Withheld> withheld;
    /** The diagnostics of the last javac task (the one whose classes are loaded). */
    public final List<Diag> diagnostics;
    /** An exception that escaped the last javac task (a processor that threw), or null. */
    public final Throwable crash;
    /** The javac tasks run, and their time in all. */
    public final int tasks;
    public final long compileMillis;
    private final Attempt last;
    private final URL[] childFirstPath;
    private final List<URLClassLoader> loaders = new ArrayList<>();

    private JitCorpus(Twin twin, Path dir, List<String> files, Map<String, Withheld> withheld, Attempt last,
            List<Attempt> attempts) {
        this.twin = twin;
        this.dir = dir;
        this.files = files;
        this.last = last;
        int on = 0;
        int had = 0;
        for (List<CorpusRewriter.Site> list : last.sites().values()) {
            for (CorpusRewriter.Site site : list) {
                on += site.jit() && !site.alreadyJit() ? 1 : 0;
                had += site.alreadyJit() ? 1 : 0;
            }
        }
        this.annotated = on;
        this.alreadyJit = had;
        this.withheld = Map.copyOf(withheld);
        this.diagnostics = last.diagnostics();
        this.crash = last.crash();
        this.tasks = attempts.size();
        this.compileMillis = attempts.stream().mapToLong(Attempt::millis).sum();
        this.childFirstPath = childFirstPath(last.dir());
    }

    /** The key of a corpus method: its top-level class's file and its name ({@code Basics.java#scaled}). */
    public static String key(String file, String method) {
        return file + "#" + method;
    }

    /** Whether the last javac task compiled (every method but the {@link #withheld} ones carries {@code @Jit}). */
    public boolean compiled() {
        return last.ok();
    }

    public List<Diag> errors() {
        return last.errors();
    }

    /** The classes the loaders load. */
    public Path classes() {
        return last.dir().resolve("classes");
    }

    /** Where the processor wrote the generated sources (kept until {@link #close()}). */
    public Path generated() {
        return last.dir().resolve("generated");
    }

    /**
     * The text of the generated public method {@code method} of the generated class
     * {@code simpleName} ({@code ModelsGrad}), from its declaration to its closing brace; null if
     * there is none.
     */
    public String generatedMethod(String simpleName, String method) {
        Path file = generated().resolve(twin.pkg().replace('.', '/')).resolve(simpleName + ".java");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        java.util.regex.Pattern decl = java.util.regex.Pattern.compile(
                "^(\\s*)public static [^=;(]*\\b" + java.util.regex.Pattern.quote(method) + "\\s*\\(");
        for (int i = 0; i < lines.size(); i++) {
            java.util.regex.Matcher m = decl.matcher(lines.get(i));
            if (m.find()) {
                String end = m.group(1) + "}";
                StringBuilder body = new StringBuilder();
                for (int j = i; j < lines.size(); j++) {
                    body.append(lines.get(j)).append('\n');
                    if (lines.get(j).equals(end)) {
                        break;
                    }
                }
                return body.toString();
            }
        }
        return null;
    }

    /**
     * Reads, rewrites and compiles the corpus, in one javac task. If the processor fails on some
     * methods (an error, or generated code that does not compile), they are found (from the errors'
     * positions, else by halving the set of methods given {@code @Jit}), compiled again without
     * {@code @Jit}, and reported in {@link #withheld}: one broken method does not hide the others.
     *
     * @param corpusClass a class of the compiled corpus, to find the source tree when the working
     *     directory is not the module's
     */
    public static JitCorpus build(Class<?> corpusClass) throws IOException {
        return build(corpusClass, JIT);
    }

    /** As {@link #build(Class)}, for another twin of the corpus. */
    public static JitCorpus build(Class<?> corpusClass, Twin twin) throws IOException {
        Path srcDir = sourceDir(corpusClass);
        Map<String, String> originals = new TreeMap<>();
        try (Stream<Path> s = Files.list(srcDir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                originals.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        Path dir = Files.createTempDirectory("jgrad-jitcorpus-");
        List<Attempt> attempts = new ArrayList<>();
        Map<String, Withheld> withheld = new TreeMap<>();
        Attempt last;
        while (true) {
            last = compile(twin, originals, withheld.keySet(), dir, attempts, corpusClass);
            Attempt a = last;
            if (a.ok() || attempts.size() >= MAX_TASKS + 1) {
                break;
            }
            Map<String, List<String>> blamed = blame(a);
            if (blamed.isEmpty()) {
                blamed = isolate(twin, List.copyOf(candidates(a)), originals, withheld.keySet(), dir, attempts, corpusClass);
            }
            blamed.keySet().removeAll(withheld.keySet());
            if (blamed.isEmpty()) {
                break; // not the fault of any one method: reported as a compile failure
            }
            blamed.forEach((k, reasons) -> withheld.put(k, new Withheld(k.substring(0, k.indexOf('#')),
                    k.substring(k.indexOf('#') + 1), List.copyOf(reasons))));
            // and compile again without them
        }
        return new JitCorpus(twin, dir, List.copyOf(originals.keySet()), withheld, last, attempts);
    }

    /**
     * The methods the errors of {@code a} point at: an error inside a method of the rewritten
     * corpus, or inside a generated method of the same name (or of a name that starts with it, as a
     * helper {@code fChunk} of {@code f} does). Errors that point elsewhere are left for the next
     * task, compiled without the methods found here.
     */
    private static Map<String, List<String>> blame(Attempt a) {
        Map<String, List<String>> blamed = new TreeMap<>();
        if (a.crash() != null) {
            return blamed;
        }
        for (Diag d : a.errors()) {
            String k = blame(a, d);
            if (k != null) {
                blamed.computeIfAbsent(k, x -> new ArrayList<>()).add(d.toString());
            }
        }
        return blamed;
    }

    /** The corpus file an error is about: its own, or the one a generated file comes from; null if neither. */
    private static String corpusFile(Attempt a, Diag d) {
        if (d.file() == null) {
            return null;
        }
        if (a.sites().containsKey(d.file())) {
            return d.file();
        }
        // a generated file, XGrad.java or Outer_CJit.java
        String stem = d.file().replaceFirst("(Grad|Jit|Jvp|Hessian)\\.java$", "");
        String file = (stem.contains("_") ? stem.substring(0, stem.indexOf('_')) : stem) + ".java";
        return a.sites().containsKey(file) ? file : null;
    }

    private static String blame(Attempt a, Diag d) {
        String file = corpusFile(a, d);
        if (file == null) {
            return null;
        }
        List<CorpusRewriter.Site> sites = a.sites().get(file);
        if (file.equals(d.file())) { // a corpus file
            for (CorpusRewriter.Site site : sites) {
                if (site.jit() && site.contains(d.line())) {
                    return key(file, site.method());
                }
            }
            return null;
        }
        // a generated file: find the method the error is in
        if (d.line() < 1) {
            return null;
        }
        List<String> lines;
        try (Stream<Path> found = Files.walk(a.dir().resolve("generated"))) {
            Path p = found.filter(x -> x.getFileName().toString().equals(d.file())).findFirst().orElse(null);
            if (p == null) {
                return null;
            }
            lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        java.util.regex.Pattern decl = java.util.regex.Pattern.compile(
                "^ {2,4}(?:public |private |protected )?static [^=;(]*?\\b(\\w+)\\s*\\(");
        for (int i = (int) Math.min(d.line(), lines.size()) - 1; i >= 0; i--) {
            java.util.regex.Matcher m = decl.matcher(lines.get(i));
            if (m.find()) {
                String generated = m.group(1);
                String best = null;
                for (CorpusRewriter.Site site : sites) {
                    if (site.jit() && generated.startsWith(site.method())
                            && (best == null || site.method().length() > best.length())) {
                        best = site.method();
                    }
                }
                return best == null ? null : key(file, best);
            }
        }
        return null;
    }

    /**
     * The methods with {@code @Jit} that the errors of {@code a} may come from: those of the files
     * the errors are in (or that the generated files with errors come from); all if an error is
     * in no file, or if the processor threw.
     */
    private static Set<String> candidates(Attempt a) {
        Set<String> files = new TreeSet<>();
        boolean all = a.crash() != null;
        for (Diag d : a.errors()) {
            String f = corpusFile(a, d);
            if (f == null) {
                all = true;
            } else {
                files.add(f);
            }
        }
        Set<String> candidates = new TreeSet<>();
        for (Map.Entry<String, List<CorpusRewriter.Site>> e : a.sites().entrySet()) {
            if (all || files.contains(e.getKey())) {
                e.getValue().stream().filter(site -> site.jit() && !site.alreadyJit())
                        .forEach(site -> candidates.add(key(e.getKey(), site.method())));
            }
        }
        return candidates;
    }

    /**
     * The methods among {@code candidates} that javac fails on when they alone carry {@code @Jit}
     * (besides those already {@code withheld}), found by halving, with the errors of each.
     */
    private static Map<String, List<String>> isolate(Twin twin, List<String> candidates, Map<String, String> originals,
            Set<String> withheld, Path dir, List<Attempt> attempts, Class<?> corpusClass) throws IOException {
        Map<String, List<String>> found = new TreeMap<>();
        if (candidates.isEmpty()) {
            return found;
        }
        if (attempts.size() >= MAX_TASKS) { // out of time: withhold them all rather than fail every case
            for (String k : candidates) {
                found.put(k, List.of("not isolated: the javac tasks ran out (" + MAX_TASKS + ") while halving "
                        + candidates.size() + " methods among which some do not compile with @Jit"));
            }
            return found;
        }
        Set<String> off = new TreeSet<>(withheld);
        Set<String> all = new TreeSet<>();
        attempts.get(0).sites().forEach((file, list) -> list.forEach(site -> all.add(key(file, site.method()))));
        all.removeAll(candidates);
        off.addAll(all);
        Attempt a = compile(twin, originals, off, dir, attempts, corpusClass);
        if (a.ok()) {
            return found;
        }
        if (candidates.size() == 1) {
            List<String> reasons = new ArrayList<>();
            if (a.crash() != null) {
                reasons.add("the processor threw " + a.crash());
            }
            a.errors().forEach(d -> reasons.add(d.toString()));
            found.put(candidates.get(0), reasons);
            return found;
        }
        int half = candidates.size() / 2;
        found.putAll(isolate(twin, candidates.subList(0, half), originals, withheld, dir, attempts, corpusClass));
        found.putAll(isolate(twin, candidates.subList(half, candidates.size()), originals, withheld, dir, attempts,
                corpusClass));
        return found;
    }

    /** One javac task over every corpus file, {@code @Jit} on every method but those of {@code off}. */
    private static Attempt compile(Twin twin, Map<String, String> originals, Set<String> off, Path root,
            List<Attempt> attempts, Class<?> corpusClass) throws IOException {
        Path dir = root.resolve("task-" + attempts.size());
        Path srcOut = dir.resolve("src/" + twin.pkg().replace('.', '/'));
        Files.createDirectories(srcOut);
        Files.createDirectories(dir.resolve("classes"));
        Files.createDirectories(dir.resolve("generated"));
        CorpusRewriter rewriter = new CorpusRewriter(CORPUS_PACKAGE, twin.pkg(), twin.already(), twin.annotate());
        Map<String, List<CorpusRewriter.Site>> sites = new TreeMap<>();
        List<Path> rewritten = new ArrayList<>();
        for (Map.Entry<String, String> f : originals.entrySet()) {
            String file = f.getKey();
            CorpusRewriter.Rewritten r = rewriter.rewrite(f.getValue(), m -> !off.contains(key(file, m)));
            sites.put(file, r.sites());
            Path out = srcOut.resolve(file);
            Files.writeString(out, r.text(), StandardCharsets.UTF_8);
            rewritten.add(out);
        }

        // the records of parameters that corpus methods take, compiled with them as sources (jgrad reads a
        // record's source to check its accessors) but not rewritten: the tests' own classes are loaded
        Path params = sourceDir(corpusClass).getParent().resolve(PARAMS_DIR);
        if (Files.isDirectory(params)) {
            try (Stream<Path> s = Files.list(params)) {
                rewritten.addAll(s.filter(p -> p.toString().endsWith(".java")).sorted().toList());
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        List<Diag> diags = new ArrayList<>();
        Throwable crash = null;
        long start = System.nanoTime();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            fm.setLocation(StandardLocation.CLASS_PATH, classPath(corpusClass));
            fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(dir.resolve("classes")));
            fm.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(dir.resolve("generated")));
            List<String> options = new ArrayList<>(List.of("--release", "17", "-g", "-Xlint:none",
                    "-implicit:none", "-encoding", "UTF-8", "-Xmaxerrs", "1000"));
            if (Runtime.version().feature() >= 21) {
                options.add("-proc:full"); // JDK 23 and later run processors only when asked
            }
            DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
            StringWriter out = new StringWriter();
            JavaCompiler.CompilationTask task = javac.getTask(out, fm, collector, options, null,
                    fm.getJavaFileObjectsFromPaths(rewritten));
            task.setProcessors(List.of(new dev.jgrad.processor.JgradProcessor()));
            try {
                task.call();
            } catch (RuntimeException | Error e) { // a processor's exception comes out wrapped
                crash = e;
            }
            for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
                String file = d.getSource() == null ? null : Paths.get(d.getSource().toUri()).getFileName().toString();
                diags.add(new Diag(d.getKind(), file, d.getLineNumber(), d.getColumnNumber(),
                        d.getMessage(Locale.ROOT)));
            }
            if (!out.toString().isBlank()) {
                diags.add(new Diag(Diagnostic.Kind.OTHER, null, -1, -1, out.toString().trim()));
            }
        }
        Attempt a = new Attempt(dir, sites, List.copyOf(diags), crash, (System.nanoTime() - start) / 1_000_000);
        attempts.add(a);
        return a;
    }

    /**
     * A fresh loader of the compiled jit corpus and of the jgrad runtime (their classes are
     * initialised anew in it). Classes other than the jit corpus and {@code dev.jgrad.runtime} come
     * from the tests' loader. Closed by {@link #close()}.
     */
    public ClassLoader loader() {
        URLClassLoader l = new ChildFirst(childFirstPath, JitCorpus.class.getClassLoader(),
                List.of(twin.pkg() + ".", "dev.jgrad.runtime."));
        synchronized (loaders) {
            loaders.add(l);
        }
        return l;
    }

    private static final Object PROPERTIES = new Object();

    /**
     * Runs {@code action} with the system properties {@code props} set (a null value clears one),
     * then restores them. One setting at a time among the callers of this method.
     */
    public static <T> T withProperties(Map<String, String> props, java.util.concurrent.Callable<T> action)
            throws Exception {
        synchronized (PROPERTIES) {
            Map<String, String> saved = new java.util.HashMap<>();
            for (String k : props.keySet()) {
                saved.put(k, System.getProperty(k));
            }
            try {
                props.forEach(JitCorpus::setOrClear);
                return action.call();
            } finally {
                saved.forEach(JitCorpus::setOrClear);
            }
        }
    }

    private static void setOrClear(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Override
    public void close() {
        synchronized (loaders) {
            for (URLClassLoader l : loaders) {
                try {
                    l.close();
                } catch (IOException ignored) {
                    // the directory goes anyway
                }
            }
            loaders.clear();
        }
        if (!Boolean.getBoolean("jgrad.jitcorpus.keep")) {
            deleteTree(dir);
        }
    }

    /** The corpus sources: under the working directory, else found from the compiled classes' location. */
    static Path sourceDir(Class<?> corpusClass) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Paths.get(CORPUS_DIR));
        candidates.add(Paths.get("tests", CORPUS_DIR)); // run from the repository root
        Path classes = location(corpusClass); // .../tests/target/test-classes
        if (classes != null && classes.getParent() != null && classes.getParent().getParent() != null) {
            candidates.add(classes.getParent().getParent().resolve(CORPUS_DIR));
        }
        for (Path p : candidates) {
            if (Files.isDirectory(p)) {
                return p.toAbsolutePath();
            }
        }
        throw new IllegalStateException("corpus sources not found; looked in " + candidates
                + " (working directory " + Paths.get("").toAbsolutePath() + ")");
    }

    /** The tests' class path: the runtime, the compiled tests, and {@code java.class.path}. */
    static List<File> classPath(Class<?> corpusClass) {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {dev.jgrad.Grad.class, corpusClass}) {
            Path p = location(c);
            if (p != null) {
                entries.add(p.toString());
            }
        }
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        return entries.stream().map(File::new).toList();
    }

    private static URL[] childFirstPath(Path taskDir) {
        try {
            List<URL> urls = new ArrayList<>();
            urls.add(taskDir.resolve("classes").toUri().toURL());
            Path runtime = location(dev.jgrad.runtime.Tape.class);
            if (runtime == null) {
                throw new IllegalStateException("cannot locate the jgrad runtime's classes");
            }
            urls.add(runtime.toUri().toURL());
            return urls.toArray(URL[]::new);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path location(Class<?> c) {
        try {
            return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException | SecurityException e) {
            return null;
        }
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

    /**
     * Loads the jit corpus and the runtime itself, everything else from its parent. The runtime's
     * classes come from the runtime's own location, so {@code dev.jgrad.Grad} and the other
     * user-facing classes there still come from the parent (only {@code dev.jgrad.runtime.} is
     * child-first).
     */
    private static final class ChildFirst extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        /** The packages this loader loads itself rather than asking its parent. */
        private final List<String> childFirst;

        ChildFirst(URL[] urls, ClassLoader parent, List<String> childFirst) {
            super(urls, parent);
            this.childFirst = childFirst;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (childFirst.stream().noneMatch(name::startsWith)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
