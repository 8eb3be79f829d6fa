package dev.jgrad.processor.testing;

import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;

/**
 * A test input whose expected errors are marked in the source itself, Error Prone style: a comment
 * line {@code // error: JgradXxx} says that the next line that is not itself a marker carries an error
 * with that id. {@code // error: JgradXxx at "text"} also says where on that line: the caret must
 * point into {@code text}, which must occur exactly once on the line. No line or column number is
 * written anywhere; they follow from the markers, so editing an input never breaks its test.
 */
public final class MarkedSource {
    private static final Pattern MARKER =
            Pattern.compile("^\\s*// error: (Jgrad[A-Za-z]+)(?: at \"(.*)\")?\\s*$");

    /**
     * One expected error: its id, its 1-based line, and the 1-based columns (inclusive) the caret
     * may point at, or 0 and 0 when the marker gives no anchor.
     */
    public record Expected(String id, long line, long fromColumn, long toColumn, String anchor) {
        public boolean hasColumn() {
            return fromColumn > 0;
        }

        @Override
        public String toString() {
            return "[" + id + "] on line " + line + (hasColumn() ? " within \"" + anchor + "\" (columns "
                    + fromColumn + ".." + toColumn + ")" : "");
        }
    }

    private final JavaFileObject file;
    private final List<Expected> expected;

    private MarkedSource(JavaFileObject file, List<Expected> expected) {
        this.file = file;
        this.expected = List.copyOf(expected);
    }

    /** A source file named by its top-level class, e.g. {@code "p.C"}, with its markers read. */
    public static MarkedSource of(String qualifiedName, String text) {
        String[] lines = text.split("\n", -1);
        List<Expected> expected = new ArrayList<>();
        List<Matcher> pending = new ArrayList<>();
        for (int k = 0; k < lines.length; k++) {
            Matcher m = MARKER.matcher(lines[k]);
            if (m.matches()) {
                pending.add(m);
                continue;
            }
            for (Matcher marker : pending) {
                expected.add(expectation(marker, lines[k], k + 1, qualifiedName));
            }
            pending.clear();
        }
        if (!pending.isEmpty()) {
            throw new IllegalArgumentException(qualifiedName + ": a marker at the end of the file marks no line");
        }
        return new MarkedSource(JavaFileObjects.forSourceString(qualifiedName, text), expected);
    }

    private static Expected expectation(Matcher marker, String line, long number, String file) {
        String id = marker.group(1);
        String anchor = marker.group(2);
        if (anchor == null) {
            return new Expected(id, number, 0, 0, null);
        }
        int at = line.indexOf(anchor);
        if (at < 0 || line.indexOf(anchor, at + 1) >= 0) {
            throw new IllegalArgumentException(file + ":" + number + ": the anchor \"" + anchor
                    + "\" must occur exactly once on the marked line: " + line.strip());
        }
        return new Expected(id, number, at + 1, at + anchor.length(), anchor);
    }

    public JavaFileObject file() {
        return file;
    }

    public List<Expected> expected() {
        return expected;
    }
}
