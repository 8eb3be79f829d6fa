package dev.jgrad.processor.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** Reading generated sources in tests that assert on their form: a class's text, one method of it, counts. */
public final class GeneratedSources {
    private GeneratedSources() {}

    /** The source jgrad generated for {@code className} ({@code p.LossesGrad}). */
    public static String generated(Compilation compilation, String className) {
        JavaFileObject file = compilation.generatedFile(StandardLocation.SOURCE_OUTPUT,
                className.replace('.', '/') + ".java").orElseThrow(() -> new AssertionError("no " + className));
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of the method that starts with {@code header}, to its closing brace. */
    public static String method(String source, String header) {
        int start = source.indexOf(header);
        assertTrue(start >= 0, "no " + header + " in\n" + source);
        int open = source.indexOf('{', start);
        int depth = 0;
        for (int k = open; k < source.length(); k++) {
            if (source.charAt(k) == '{') {
                depth++;
            } else if (source.charAt(k) == '}' && --depth == 0) {
                return source.substring(start, k + 1);
            }
        }
        throw new AssertionError("unbalanced " + header);
    }

    /** How often {@code what} occurs in {@code text}. */
    public static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }
}
