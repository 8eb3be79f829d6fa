package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * {@code -Ajgrad.report}: the report of a class with a gradient of each form (one pass, two passes,
 * taped with and without {@code @Jit}, with a tape of branches, nested loops and replaced arrays)
 * against its golden text,
 * regenerated like the source goldens with {@code -Djgrad.updateGoldens=true}; and the notes.
 */
class ReportTest {
    private static final boolean UPDATE = Boolean.getBoolean("jgrad.updateGoldens");

    @Test
    void theReportOfEachFormMatchesItsGolden() throws IOException {
        Path dir = GoldenTest.root().resolveSibling("reports").resolve("shapes");
        Compilation compilation = compile(dir.resolve("input/p/Shapes.java"), "-Ajgrad.report");
        assertThat(compilation).succeededWithoutWarnings();
        String actual = report(compilation, "p", "Shapes.jgrad-report.txt");
        Path expected = dir.resolve("expected/p/Shapes.jgrad-report.txt");
        if (UPDATE) {
            Files.createDirectories(expected.getParent());
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual,
                "the report differs from its golden; if intended, run mvn -pl processor test -Dtest=ReportTest"
                        + " -Djgrad.updateGoldens=true and review the diff");
    }

    /**
     * A newcomer's methods (a for loop that returns from inside, Ops results in locals, a taped
     * gradient through Ops calls): the report and the fallback notes name the source's constructs and
     * lines, never the loops, flags and temporaries that jgrad made of them.
     */
    @Test
    void theReportSpeaksOfTheSourceNotOfWhatJgradMadeOfIt() throws IOException {
        Path dir = GoldenTest.root().resolveSibling("reports").resolve("newcomer");
        Compilation compilation = compile("p.Newcomer", dir.resolve("input/p/Newcomer.java"), "-Ajgrad.report");
        assertThat(compilation).succeeded();
        String actual = report(compilation, "p", "Newcomer.jgrad-report.txt");
        Path expected = dir.resolve("expected/p/Newcomer.jgrad-report.txt");
        List<String> notes = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : compilation.notes()) {
            if (d.getMessage(null).startsWith("[JgradJitFallback]")) {
                notes.add(d.getLineNumber() + ": " + d.getMessage(null));
            }
        }
        if (UPDATE) {
            Files.createDirectories(expected.getParent());
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        String readme = " (see \"What @Jit does\" in the README)";
        String taped = "' gets the taped reverse-mode gradient, not the fused tape-free one: ";
        assertEquals(List.of(
                "14: [JgradJitFallback] @Jit @Grad method 'firstAbove" + taped + "it returns from inside the loop"
                        + " (jgrad runs such a loop under a flag, which only the taped gradient takes)" + readme),
                notes);
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual,
                "the report differs from its golden; if intended, run mvn -pl processor test -Dtest=ReportTest"
                        + " -Djgrad.updateGoldens=true and review the diff");
    }

    @Test
    void eachMethodGetsANoteThatSaysItsFormAndWhereTheReportIs() throws IOException {
        Path input = GoldenTest.root().resolveSibling("reports").resolve("shapes/input/p/Shapes.java");
        Compilation compilation = compile(input, "-Ajgrad.report");
        List<String> notes = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : compilation.notes()) {
            if (d.getMessage(null).startsWith("[JgradReport]")) {
                notes.add(d.getLineNumber() + ": " + d.getMessage(null));
            }
        }
        String where = " (-Ajgrad.report: details in p/Shapes.jgrad-report.txt)";
        assertEquals(List.of(
                "8: [JgradReport] 'mse': gradient in one pass, parallel; value parallel" + where,
                "20: [JgradReport] 'variance': gradient in two passes, no tape, not parallel; value not parallel" + where,
                "33: [JgradReport] 'logSumSquares': gradient in two passes, no tape, not parallel; value not parallel"
                        + where,
                "40: [JgradReport] 'iterate': gradient taped, tape 8 bytes per iteration of the loop at line 43"
                        + "; value not parallel" + where,
                // @Grad alone: the one-pass form, as written
                "51: [JgradReport] 'mlp': gradient in one pass, not parallel" + where,
                "69: [JgradReport] 'dot': value chunked on the calling thread" + where,
                // one branch decision per run of the if, whichever branch ran; next[i] = e only when it runs
                "78: [JgradReport] 'smooth': gradient taped, tape at most 32 bytes per iteration of the loop at line 81"
                        + " + 20 bytes per iteration of the loop at line 83 (inside the loop at line 81)" + where),
                notes);
    }

    @Test
    void withoutTheOptionThereIsNoReportAndNoNote() throws IOException {
        Path input = GoldenTest.root().resolveSibling("reports").resolve("shapes/input/p/Shapes.java");
        for (String option : new String[] {null, "-Ajgrad.report=false"}) {
            Compilation compilation = option == null ? compile(input) : compile(input, option);
            assertThat(compilation).succeededWithoutWarnings();
            assertFalse(compilation.generatedFile(StandardLocation.SOURCE_OUTPUT, "p", "Shapes.jgrad-report.txt")
                    .isPresent());
            assertTrue(compilation.notes().stream().noneMatch(d -> d.getMessage(null).contains("[JgradReport]")));
        }
    }

    private static Compilation compile(Path source, String... options) throws IOException {
        return compile("p.Shapes", source, options);
    }

    private static Compilation compile(String name, Path source, String... options) throws IOException {
        List<String> all = new ArrayList<>(List.of("--release", "17"));
        all.addAll(List.of(options));
        return Compiler.javac().withProcessors(new JgradProcessor()).withOptions(all)
                .compile(JavaFileObjects.forSourceString(name, Files.readString(source, StandardCharsets.UTF_8)));
    }

    private static String report(Compilation compilation, String pkg, String name) {
        JavaFileObject file = compilation.generatedFile(StandardLocation.SOURCE_OUTPUT, pkg, name)
                .orElseThrow(() -> new AssertionError("no " + pkg + "/" + name + " among "
                        + compilation.generatedFiles().stream().map(JavaFileObject::getName).toList()));
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
