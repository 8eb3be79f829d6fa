package dev.jgrad.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * An expression's code as one JavaPoet format and its arguments: text written into the format (a
 * {@code $} escaped), types as {@code $T} (so that imports come free), and {@code $W} where a long
 * line may break. {@link Printer} builds each statement's expression in one of these instead of a
 * {@code CodeBlock} per subexpression: JavaPoet then parses one format per statement and writes
 * its text in one piece, not one piece per name and operator, for the same output.
 */
final class Code {
    private final StringBuilder format = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    /** {@code text} as it is. */
    Code text(String text) {
        if (text.indexOf('$') < 0) {
            format.append(text);
        } else {
            format.append(text.replace("$", "$$"));
        }
        return this;
    }

    /** A type, written as JavaPoet decides (imported, or with its package). */
    Code type(TypeName type) {
        format.append("$T");
        args.add(type);
        return this;
    }

    /** A space, or a line break with a continuation indent where the line would be too long. */
    Code wrap() {
        format.append("$W");
        return this;
    }

    /** {@code other}'s code appended to this. */
    Code add(Code other) {
        format.append(other.format);
        args.addAll(other.args);
        return this;
    }

    /** Whether the code starts with {@code c} as text (a type or a line break is no text). */
    boolean startsWith(char c) {
        return format.length() > 0 && format.charAt(0) == c && c != '$';
    }

    /** {@code parts} with {@code separator} between them. */
    static Code join(List<Code> parts, String separator) {
        Code out = new Code();
        for (int k = 0; k < parts.size(); k++) {
            if (k > 0) {
                out.text(separator);
            }
            out.add(parts.get(k));
        }
        return out;
    }

    CodeBlock block() {
        return CodeBlock.of(format.toString(), args.toArray());
    }
}
