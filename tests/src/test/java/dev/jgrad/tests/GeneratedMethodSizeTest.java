package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * classes (the {@code Code} attribute's length, JVMS 4.7.3) of every class whose source jgrad wrote.
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
                try (InputStream in = Files.newInputStream(c)) {
                    codeLengths(in).forEach((m, n) -> lengths.put(c.getFileName() + " " + m, n));
                }
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

    /** {@code name + descriptor} of each method with code, to its code length (a minimal class-file reader). */
    private static Map<String, Integer> codeLengths(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        in.readInt();
        in.readInt();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        for (int k = 1; k < count; k++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[k] = in.readUTF();
                case 5, 6 -> {
                    in.readLong();
                    k++;
                }
                case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                default -> throw new IOException("constant pool tag " + tag);
            }
        }
        in.skipNBytes(6);
        in.skipNBytes(2L * in.readUnsignedShort());
        int fields = in.readUnsignedShort();
        for (int k = 0; k < fields; k++) {
            in.skipNBytes(6);
            skipAttributes(in);
        }
        Map<String, Integer> out = new TreeMap<>();
        int methods = in.readUnsignedShort();
        for (int k = 0; k < methods; k++) {
            in.readUnsignedShort();
            String name = utf8[in.readUnsignedShort()] + utf8[in.readUnsignedShort()];
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8[in.readUnsignedShort()];
                int length = in.readInt();
                if (attribute.equals("Code")) {
                    in.skipNBytes(4);
                    out.put(name, in.readInt());
                    in.skipNBytes(length - 8L);
                } else {
                    in.skipNBytes(length);
                }
            }
        }
        return out;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.skipNBytes(2);
            in.skipNBytes(in.readInt());
        }
    }
}
