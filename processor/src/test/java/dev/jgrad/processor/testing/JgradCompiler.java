package dev.jgrad.processor.testing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.jgrad.processor.JgradProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.function.Executable;

/**
 * Compiles test inputs with the jgrad processor, as a user's build would ({@code --release 17}),
 * and checks what came out. The compiler's class path is the test class path, so inputs see
 * {@code dev.jgrad.Grad} and generated code sees {@code dev.jgrad.runtime}.
 */
public final class JgradCompiler {
    private JgradCompiler() {}

    public static Compilation compile(JavaFileObject... files) {
        return compile(Arrays.asList(files));
    }

    public static Compilation compile(List<JavaFileObject> files) {
        return Compiler.javac()
                .withProcessors(new JgradProcessor())
                .withOptions("--release", "17")
                .compile(files);
    }

    /** Whether {@code compilation} noted that the {@code @Jit @Grad} method {@code name} fell back to the taped gradient. */
    public static boolean fellBack(Compilation compilation, String name) {
        return compilation.notes().stream()
                .map(d -> d.getMessage(null))
                .anyMatch(m -> m.contains("[JgradJitFallback]") && m.contains("method '" + name + "'"));
    }

    public static Compilation compile(MarkedSource... sources) {
        return compile(files(sources));
    }

    private static List<JavaFileObject> files(MarkedSource... sources) {
        return Arrays.stream(sources).map(MarkedSource::file).collect(Collectors.toList());
    }

    /**
     * The sources the processor generates for {@code files}, as paths below the output directory
     * ({@code p/CGrad.java}), whether or not the compilation succeeds. compile-testing shows generated
     * files only after a successful compilation, so this compiles once more through javax.tools, into
     * a temporary directory.
     */
    public static List<String> generatedSources(List<JavaFileObject> files) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path out = null;
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            out = Files.createTempDirectory("jgrad-generated");
            Path sources = Files.createDirectories(out.resolve("sources"));
            fm.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(sources));
            fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(Files.createDirectories(out.resolve("classes"))));
            JavaCompiler.CompilationTask task = javac.getTask(null, fm, new DiagnosticCollector<>(),
                    List.of("--release", "17"), null, files);
            task.setProcessors(List.of(new JgradProcessor()));
            task.call();
            try (Stream<Path> walk = Files.walk(sources)) {
                return walk.filter(Files::isRegularFile)
                        .map(p -> sources.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
                        .sorted().collect(Collectors.toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (out != null) {
                deleteRecursively(out);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The errors marked in the sources, and nothing else: each marked error on its line (and within
     * its anchor, where the marker gives one), no error that is not marked, every error one of
     * jgrad's own (so none is in generated code), and no generated source at all, since a class with
     * an error gets nothing generated.
     */
    public static void assertErrorsAsMarked(Compilation compilation, MarkedSource... sources) {
        List<Executable> checks = new ArrayList<>();
        int count = 0;
        for (MarkedSource source : sources) {
            for (MarkedSource.Expected e : source.expected()) {
                count++;
                checks.add(() -> assertMarkedError(compilation, source.file(), e));
            }
        }
        int expectedCount = count;
        checks.add(() -> assertEquals(expectedCount, compilation.errors().size(),
                () -> "expected exactly the " + expectedCount + " marked errors, got:\n" + describe(compilation)));
        checks.add(() -> assertOnlyJgradErrors(compilation));
        checks.add(() -> assertEquals(List.of(), generatedSources(files(sources)),
                "a class with an error must get nothing generated"));
        assertAll(checks);
    }

    private static void assertMarkedError(Compilation compilation, JavaFileObject file, MarkedSource.Expected e) {
        com.google.testing.compile.CompilationSubject.assertThat(compilation)
                .hadErrorContaining("[" + e.id() + "]").inFile(file).onLine(e.line());
        if (e.hasColumn()) {
            boolean inside = compilation.errors().stream().anyMatch(d -> d.getSource() != null
                    && d.getSource().toUri().equals(file.toUri())
                    && d.getLineNumber() == e.line()
                    && message(d).contains("[" + e.id() + "]")
                    && d.getColumnNumber() >= e.fromColumn() && d.getColumnNumber() <= e.toColumn());
            assertTrue(inside, () -> "expected " + e + ", but the caret points elsewhere:\n" + describe(compilation));
        }
    }

    /**
     * Every error is one of jgrad's, {@code [JgradXxx] ...}: javac found nothing wrong in the user's
     * code or in what jgrad generated.
     */
    public static void assertOnlyJgradErrors(Compilation compilation) {
        List<String> foreign = compilation.errors().stream()
                .filter(d -> !message(d).startsWith("[Jgrad"))
                .map(JgradCompiler::describe)
                .collect(Collectors.toList());
        assertEquals(List.of(), foreign, "errors that are not jgrad's own (in user or generated code)");
    }

    /** No diagnostic of any kind carries the given id. */
    public static void assertNoDiagnostic(Compilation compilation, String id) {
        List<String> found = compilation.diagnostics().stream()
                .filter(d -> message(d).contains("[" + id + "]"))
                .map(JgradCompiler::describe)
                .collect(Collectors.toList());
        assertEquals(List.of(), found, "diagnostics with id " + id);
    }

    /** A generated file's path below the source output, e.g. {@code p/CGrad.java}. */
    public static String relativeName(JavaFileObject file) {
        String path = file.toUri().getPath();
        String marker = "/SOURCE_OUTPUT/";
        int at = path.indexOf(marker);
        return at < 0 ? path : path.substring(at + marker.length());
    }

    public static String content(JavaFileObject file) {
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String message(Diagnostic<?> d) {
        return d.getMessage(Locale.ROOT);
    }

    public static String describe(Compilation compilation) {
        return compilation.diagnostics().stream().map(JgradCompiler::describe)
                .collect(Collectors.joining("\n"));
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d) {
        String where = d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ":"
                + d.getColumnNumber() + ": ";
        return "  " + d.getKind() + " " + where + message(d);
    }
}
