package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every method jgrad generated for this module (the corpus, under every mode, and the other test
 * classes) compiles to at most 8,000 bytes of bytecode: HotSpot's {@code HugeMethodLimit}, beyond
 * which it never JIT-compiles a method and it runs interpreted for good. Read from the compiled
 * classes (the {@code Code} attribute's length, JVMS 4.7.3, by {@link ClassFiles#codeLengths}) of
 * every class whose source jgrad wrote.
 */
class GeneratedMethodSizeTest {
    private static final int HUGE = 8_000;
    private static final Path GENERATED = Path.of("target", "generated-test-sources", "test-annotations");
    private static final Path CLASSES = Path.of("target", "test-classes");

    @Test
    void everyGeneratedMethodIsSmallEnoughForHotSpotToCompile() throws IOException {
        Map<String, Integer> lengths = new TreeMap<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(GENERATED)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertFalse(sources.isEmpty(), "no generated sources under " + GENERATED.toAbsolutePath());
        for (Path source : sources) {
            String relative = GENERATED.relativize(source).toString();
            Path dir = CLASSES.resolve(relative).getParent();
            String stem = source.getFileName().toString().replace(".java", "");
            List<Path> classes = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> {
                    String n = f.getFileName().toString();
                    return n.equals(stem + ".class") || n.startsWith(stem + "$") && n.endsWith(".class");
                }).forEach(classes::add);
            }
            for (Path c : classes) {
                ClassFiles.codeLengths(Files.readAllBytes(c)).forEach((m, n) -> lengths.put(c.getFileName() + " " + m, n));
            }
        }
        assertFalse(lengths.isEmpty());
        List<String> huge = new ArrayList<>();
        lengths.forEach((m, n) -> {
            if (n > HUGE) {
                huge.add(m + ": " + n + " bytes");
            }
        });
        String largest = lengths.entrySet().stream().max(Map.Entry.comparingByValue()).map(e -> e.getKey() + " "
                + e.getValue() + " bytes").orElse("");
        System.out.println("GeneratedMethodSizeTest: " + lengths.size() + " generated methods, the largest " + largest);
        assertTrue(huge.isEmpty(), "generated methods HotSpot will never compile: " + huge);
    }
}
