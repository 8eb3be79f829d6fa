package dev.jgrad.tests.jit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Rewrites a corpus source file into its {@code @Jit} twin: the package {@code from} becomes
 * {@code to} (the package declaration, imports and fully-qualified names), and every
 * {@code @Grad} annotation ({@code @Grad}, {@code @Grad(wrt = ...)}, {@code @dev.jgrad.Grad})
 * gains a {@code @dev.jgrad.Jit} in front of it, unless its declaration already carries
 * {@code @Jit}.
 *
 * <p>{@code @Jit} is written fully qualified, so no import is added and no name of the file can
 * shadow it. Only code is rewritten: comments, string, text-block and character literals are left
 * as they are (a javadoc that says "a @Grad method" stays so). The scanner knows just enough Java
 * to tell code from comments and literals.
 */
public final class CorpusRewriter {
    private static final Pattern GRAD = Pattern.compile("@\\s*(?:dev\\s*\\.\\s*jgrad\\s*\\.\\s*)?Grad\\b");
    private static final Pattern JIT = Pattern.compile("@\\s*(?:dev\\s*\\.\\s*jgrad\\s*\\.\\s*)?Jit\\b");

    private final Pattern fromPackage;
    private final String to;
    private final Pattern already;
    private final java.util.function.Function<String, String> annotate;

    /**
     * One {@code @Grad} method of the file: its name, the lines (1-based) from its first annotation
     * to the end of its body, and whether it now carries {@code @Jit} ({@code alreadyJit}: it did
     * before the rewrite).
     */
    public record Site(String method, int firstLine, int lastLine, boolean jit, boolean alreadyJit) {
        public boolean contains(long line) {
            return line >= firstLine && line <= lastLine;
        }
    }

    /** The outcome: the new text, and the {@code @Grad} methods in the order of the file. */
    public record Rewritten(String text, List<Site> sites) {
        /** How many {@code @Grad} annotations the rewrite gave a {@code @Jit}. */
        public int annotated() {
            return (int) sites.stream().filter(s -> s.jit() && !s.alreadyJit()).count();
        }

        /** How many {@code @Grad} methods carried {@code @Jit} already. */
        public int alreadyJit() {
            return (int) sites.stream().filter(Site::alreadyJit).count();
        }
    }

    public CorpusRewriter(String from, String to) {
        this(from, to, JIT, arguments -> "@dev.jgrad.Jit ");
    }

    /**
     * A rewriter that puts {@code annotate.apply(arguments)} in front of every {@code @Grad} whose
     * declaration matches no {@code already}; {@code arguments} is the text of the {@code @Grad}'s
     * arguments, {@code (wrt = {"x"})}, or empty.
     */
    public CorpusRewriter(String from, String to, Pattern already, java.util.function.Function<String, String> annotate) {
        this.fromPackage = Pattern.compile("(?<![\\w.$])" + Pattern.quote(from) + "(?![\\w$])");
        this.to = to;
        this.already = already;
        this.annotate = annotate;
    }

    /** Rewrites the package and puts {@code @Jit} on every {@code @Grad} method. */
    public Rewritten rewrite(String source) {
        return rewrite(source, method -> true);
    }

    /** Rewrites the package and puts {@code @Jit} on the {@code @Grad} methods whose name {@code jit} accepts. */
    public Rewritten rewrite(String source, Predicate<String> jit) {
        String code = blankCommentsAndLiterals(source);
        // edits at offsets of the original text, applied from the end so that offsets stay valid
        List<int[]> spans = new ArrayList<>(); // {start, end}
        List<String> replacements = new ArrayList<>();
        Matcher p = fromPackage.matcher(code);
        while (p.find()) {
            spans.add(new int[] {p.start(), p.end()});
            replacements.add(to);
        }
        List<Site> sites = new ArrayList<>();
        Matcher g = GRAD.matcher(code);
        while (g.find()) {
            int[] decl = modifierRun(code, g.start());
            String name = methodName(code, decl[1]);
            int last = bodyEnd(code, decl[1]);
            int firstLine = line(code, decl[0] + leadingSpace(code, decl[0]));
            int lastLine = line(code, last);
            if (already.matcher(code.substring(decl[0], decl[1])).find()) {
                sites.add(new Site(name, firstLine, lastLine, true, true));
                continue;
            }
            boolean on = jit.test(name);
            sites.add(new Site(name, firstLine, lastLine, on, false));
            if (on) {
                spans.add(new int[] {g.start(), g.start()});
                replacements.add(annotate.apply(arguments(source, code, g.end())));
            }
        }
        Integer[] order = new Integer[spans.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(spans.get(b)[0], spans.get(a)[0]));
        StringBuilder out = new StringBuilder(source);
        for (int i : order) {
            out.replace(spans.get(i)[0], spans.get(i)[1], replacements.get(i));
        }
        return new Rewritten(out.toString(), List.copyOf(sites));
    }

    /** The text of an annotation's arguments, {@code (wrt = {"x"})}, if they open after {@code from}; else empty. */
    static String arguments(String source, String code, int from) {
        int i = from;
        while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
            i++;
        }
        if (i >= code.length() || code.charAt(i) != '(') {
            return "";
        }
        int depth = 0;
        for (int j = i; j < code.length(); j++) {
            if (code.charAt(j) == '(') {
                depth++;
            } else if (code.charAt(j) == ')' && --depth == 0) {
                return source.substring(i, j + 1);
            }
        }
        return "";
    }

    /** The identifier just before the parameter list that opens at {@code paren}, or "?" . */
    static String methodName(String code, int paren) {
        int end = paren;
        while (end > 0 && Character.isWhitespace(code.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && Character.isJavaIdentifierPart(code.charAt(start - 1))) {
            start--;
        }
        return start < end ? code.substring(start, end) : "?";
    }

    /** The offset of the brace that closes the body of the method whose parameters open at {@code paren}. */
    static int bodyEnd(String code, int paren) {
        int depth = 0;
        boolean inBody = false;
        for (int i = paren; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!inBody) {
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (depth == 0 && c == ';') {
                    return i; // no body
                } else if (depth == 0 && c == '{') {
                    inBody = true;
                    depth = 1;
                }
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return code.length() - 1;
    }

    private static int leadingSpace(String code, int from) {
        int i = from;
        while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
            i++;
        }
        return i - from;
    }

    /** The 1-based line of an offset. */
    static int line(String code, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < code.length(); i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * The span of the declaration header around an annotation at {@code at}: back to the previous
     * {@code ;}, <code>{</code> or <code>}</code> outside parentheses, forward to the first
     * {@code (} or {@code ;} or <code>{</code> outside the annotations' own arguments (the method's
     * parameter list). {@code code} has no comments or literals.
     */
    static int[] modifierRun(String code, int at) {
        int start = 0;
        int depth = 0;
        for (int i = at - 1; i >= 0; i--) {
            char c = code.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                depth--;
            } else if (depth == 0 && (c == ';' || c == '{' || c == '}')) {
                start = i + 1;
                break;
            }
        }
        int end = code.length();
        depth = 0;
        boolean afterAnnotationName = false;
        for (int i = at; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '@') {
                afterAnnotationName = true;
            } else if (c == '(') {
                if (depth == 0 && !afterAnnotationName) {
                    end = i;
                    break;
                }
                depth++;
            } else if (c == ')') {
                depth--;
                afterAnnotationName = false;
            } else if (depth == 0 && (c == ';' || c == '{')) {
                end = i;
                break;
            } else if (depth == 0 && afterAnnotationName && Character.isWhitespace(c)) {
                // "@Grad static double f(" : the annotation's name ends here, unless "@Grad (" follows
                int j = i;
                while (j < code.length() && Character.isWhitespace(code.charAt(j))) {
                    j++;
                }
                if (j < code.length() && code.charAt(j) != '(' && code.charAt(j) != '.') {
                    afterAnnotationName = false;
                }
            }
        }
        return new int[] {start, end};
    }

    /**
     * The text with every comment and literal replaced by spaces (newlines kept), so that offsets
     * are those of the original and patterns match code only.
     */
    static String blankCommentsAndLiterals(String s) {
        StringBuilder b = new StringBuilder(s);
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            int end;
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                end = s.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = i + 3;
                while (end < n && !s.startsWith("\"\"\"", end)) {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < n && s.charAt(end) != c && s.charAt(end) != '\n') {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
            } else {
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                if (b.charAt(k) != '\n') {
                    b.setCharAt(k, ' ');
                }
            }
            i = end;
        }
        return b.toString();
    }
}
