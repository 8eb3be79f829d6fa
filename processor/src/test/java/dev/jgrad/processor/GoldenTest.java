package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jgrad.processor.testing.JgradCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden generated sources, reviewed like code. Each directory {@code goldens/<name>/} under
 * {@code src/test/resources} holds {@code input/} (the user's classes, by package) and
 * {@code expected/} (every source the processor generates for them, by package). The test compiles
 * the input and compares, file by file.
 *
 * <p>After an intended change to the output, regenerate every golden and review the diff:
 * <pre>mvn -pl processor test -Dtest=GoldenTest -Djgrad.updateGoldens=true</pre>
 * The goldens are written into the source tree, found from the working directory (Maven runs tests
 * in the module directory) or else from the test class path ({@code target/test-classes}).
 */
class GoldenTest {
    private static final boolean UPDATE = Boolean.getBoolean("jgrad.updateGoldens");
    private static final String HOW_TO_UPDATE =
            "if the change is intended, run mvn -pl processor test -Dtest=GoldenTest -Djgrad.updateGoldens=true and review the diff";

    static Stream<String> goldens() throws IOException {
        try (Stream<Path> dirs = Files.list(root())) {
            List<String> names = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .sorted().collect(Collectors.toList());
            assertFalse(names.isEmpty(), "no goldens under " + root());
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void generatedSourcesMatchTheGoldens(String name) throws IOException {
        Path dir = root().resolve(name);
        Compilation compilation = JgradCompiler.compile(inputs(dir.resolve("input")));
        assertThat(compilation).succeededWithoutWarnings();
        Map<String, String> actual = generated(compilation);
        assertFalse(actual.isEmpty(), name + ": nothing was generated");
        Path expectedDir = dir.resolve("expected");
        if (UPDATE) {
            write(expectedDir, actual);
            return;
        }
        Map<String, String> expected = read(expectedDir);
        assertEquals(expected.keySet(), actual.keySet(), name + ": the generated files are not the golden ones; " + HOW_TO_UPDATE);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), actual.get(e.getKey()),
                    name + "/expected/" + e.getKey() + " differs from what was generated; " + HOW_TO_UPDATE);
        }
    }

    /**
     * Issue 7's promise about the seed: under {@code @Jit @Grad} its gradient is one pass over the
     * data with no tape, the adjoint of each sample computed inside the loop that computes it.
     */
    @Test
    void theSeedMseUnderJitGradIsOneLoopNestWithoutTape() throws IOException {
        Map<String, String> files = generated(JgradCompiler.compile(inputs(root().resolve("mse_jit").resolve("input"))));
        String grad = files.get("p/LossesGrad.java");
        assertTrue(grad != null, "no LossesGrad: " + files.keySet());
        assertFalse(grad.contains("Tape"), "the @Jit @Grad gradient uses a tape:\n" + grad);
        // one pass over the samples: four at a time, then the last few one at a time
        String chunk = grad.substring(grad.indexOf("private static void mseChunk"));
        int jammed = chunk.indexOf("for (; i < to - 3; i += 4)");
        int rest = chunk.indexOf("for (; i < to; i++)");
        assertTrue(jammed >= 0 && rest > jammed, "expected the sample loop and its remainder:\n" + grad);
        assertEquals(2, chunk.split("for \\(;", -1).length - 1, "more loops over the samples than expected:\n" + grad);
        assertFalse(java.util.regex.Pattern.compile("(?m)^\\s*for \\(")
                        .matcher(grad.substring(0, grad.indexOf("private static void mseChunk"))).find(),
                "the gradient method loops outside its chunks:\n" + grad);
        // the adjoint of each sample is computed in the loop that computes the sample
        int firstAdjoint = chunk.indexOf("w_bar[j] +=");
        int secondAdjoint = chunk.indexOf("w_bar[j] +=", firstAdjoint + 1);
        assertTrue(firstAdjoint > jammed && firstAdjoint < rest && secondAdjoint > rest,
                "the adjoint is not inside the sample loops:\n" + grad);
    }

    /**
     * Issue 14's {@code @Grad} alone on W1 (the seed with {@code @Grad} only): no tape, one pass over
     * the samples on the calling thread, four at a time, each sample's value and then its adjoint, and
     * the value's sum added one sample after another in the source's order (the value is the source's
     * bit for bit); the adjoints' sums may be regrouped, the value's may not.
     */
    @Test
    void theSeedMseUnderGradAloneIsOnePassWithoutTapeItsValueInOrder() throws IOException {
        Map<String, String> files = generated(JgradCompiler.compile(inputs(root().resolve("mse").resolve("input"))));
        String grad = files.get("p/LossesGrad.java");
        assertTrue(grad != null, "no LossesGrad: " + files.keySet());
        assertFalse(grad.contains("Tape"), "the @Grad gradient uses a tape:\n" + grad);
        assertFalse(grad.contains("Parallel") || grad.contains("Chunk"), "the @Grad gradient runs in chunks:\n" + grad);
        String method = grad.substring(grad.indexOf("public static MseGradient mse("));
        method = method.substring(0, method.indexOf("\n    }\n"));
        int jammed = method.indexOf("for (; i < x.length - 3; i += 4)");
        int forward = method.indexOf("pred3 += w[j] * x[i + 3][j];");
        int sums = method.indexOf("sum += r * r;\n                    sum += r1 * r1;\n"
                + "                    sum += r2 * r2;\n                    sum += r3 * r3;\n");
        int adjoint = method.indexOf("w_bar[j] += pred_bar * x[i][j] + pred1_bar * x[i + 1][j]");
        int rest = method.indexOf("for (; i < x.length; i++)");
        int value = method.indexOf("double value = sum / x.length;");
        assertTrue(jammed >= 0 && jammed < forward && forward < sums && sums < adjoint && adjoint < rest
                && rest < value, "not one pass, four samples at a time, each value then its adjoint, the"
                + " value's sum in order:\n" + method);
        assertFalse(method.contains("sum += r * r + r1 * r1"), "the value's sum is regrouped:\n" + method);
    }

    /** The same input compiled twice gives the same files, byte for byte. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void compilingTwiceGivesIdenticalSources(String name) throws IOException {
        List<JavaFileObject> input = inputs(root().resolve(name).resolve("input"));
        Map<String, String> first = generated(JgradCompiler.compile(input));
        Map<String, String> second = generated(JgradCompiler.compile(input));
        assertFalse(first.isEmpty(), name + ": nothing was generated");
        assertEquals(first, second);
    }

    /**
     * A class's generated code does not depend on what else is in the compilation: every golden input
     * compiled in one go (in reverse order, to change the order of rounds and elements too) gives
     * each class the same files as compiling it alone. Inputs that declare the same class are left to
     * their own compilations.
     */
    @Test
    void compilingTogetherGivesTheSameSourcesAsAlone() throws IOException {
        Map<String, String> alone = new TreeMap<>();
        List<JavaFileObject> together = new ArrayList<>();
        List<String> declared = new ArrayList<>();
        for (String name : goldens().collect(Collectors.toList())) {
            Path input = root().resolve(name).resolve("input");
            List<String> types = relativePaths(input);
            if (types.stream().anyMatch(declared::contains)) {
                continue;
            }
            declared.addAll(types);
            List<JavaFileObject> files = inputs(input);
            together.addAll(0, files);
            alone.putAll(generated(JgradCompiler.compile(files)));
        }
        assertTrue(declared.size() > 1, "fewer than two goldens with distinct classes");
        Compilation compilation = JgradCompiler.compile(together);
        assertThat(compilation).succeededWithoutWarnings();
        assertEquals(alone, generated(compilation));
    }

    // ------------------------------------------------------------------ files

    /** {@code src/test/resources/goldens} of this module, in the source tree. */
    static Path root() {
        Path fromWorkingDir = Path.of("src", "test", "resources", "goldens");
        if (Files.isDirectory(fromWorkingDir)) {
            return fromWorkingDir.toAbsolutePath();
        }
        URL url = GoldenTest.class.getResource("/goldens");
        if (url != null && url.getProtocol().equals("file")) {
            try {
                // target/test-classes/goldens -> the module directory
                Path module = Path.of(url.toURI()).getParent().getParent().getParent();
                Path inSources = module.resolve(fromWorkingDir);
                if (Files.isDirectory(inSources)) {
                    return inSources;
                }
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("cannot find src/test/resources/goldens from " + Path.of("").toAbsolutePath());
    }

    private static List<JavaFileObject> inputs(Path dir) throws IOException {
        List<JavaFileObject> files = new ArrayList<>();
        for (Map.Entry<String, String> e : read(dir).entrySet()) {
            String type = e.getKey().replaceFirst("\\.java$", "").replace('/', '.');
            files.add(JavaFileObjects.forSourceString(type, e.getValue()));
        }
        assertFalse(files.isEmpty(), "no input under " + dir);
        return files;
    }

    private static List<String> relativePaths(Path dir) throws IOException {
        return new ArrayList<>(read(dir).keySet());
    }

    /** Every generated source, by path below the output directory ({@code p/CGrad.java}). */
    private static Map<String, String> generated(Compilation compilation) {
        Map<String, String> out = new TreeMap<>();
        for (JavaFileObject f : compilation.generatedSourceFiles()) {
            out.put(JgradCompiler.relativeName(f), JgradCompiler.content(f));
        }
        return out;
    }

    /** Every {@code .java} file below {@code dir}, by relative path with {@code /} separators. */
    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
                String relative = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                out.put(relative, Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void write(Path dir, Map<String, String> files) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path target = dir.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
        }
    }
}
