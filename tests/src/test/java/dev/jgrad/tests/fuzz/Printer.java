package dev.jgrad.tests.fuzz;

import dev.jgrad.tests.fuzz.Ast.ArrayInit;
import dev.jgrad.tests.fuzz.Ast.Assert;
import dev.jgrad.tests.fuzz.Ast.Assign;
import dev.jgrad.tests.fuzz.Ast.Binary;
import dev.jgrad.tests.fuzz.Ast.Block;
import dev.jgrad.tests.fuzz.Ast.Break;
import dev.jgrad.tests.fuzz.Ast.Call;
import dev.jgrad.tests.fuzz.Ast.Chain;
import dev.jgrad.tests.fuzz.Ast.Cast;
import dev.jgrad.tests.fuzz.Ast.Conditional;
import dev.jgrad.tests.fuzz.Ast.Continue;
import dev.jgrad.tests.fuzz.Ast.CountDown;
import dev.jgrad.tests.fuzz.Ast.Counted;
import dev.jgrad.tests.fuzz.Ast.Decl;
import dev.jgrad.tests.fuzz.Ast.Eval;
import dev.jgrad.tests.fuzz.Ast.Expr;
import dev.jgrad.tests.fuzz.Ast.For;
import dev.jgrad.tests.fuzz.Ast.ForEach;
import dev.jgrad.tests.fuzz.Ast.If;
import dev.jgrad.tests.fuzz.Ast.Index;
import dev.jgrad.tests.fuzz.Ast.IntLit;
import dev.jgrad.tests.fuzz.Ast.Length;
import dev.jgrad.tests.fuzz.Ast.Marked;
import dev.jgrad.tests.fuzz.Ast.Method;
import dev.jgrad.tests.fuzz.Ast.Name;
import dev.jgrad.tests.fuzz.Ast.NewArray;
import dev.jgrad.tests.fuzz.Ast.Num;
import dev.jgrad.tests.fuzz.Ast.Param;
import dev.jgrad.tests.fuzz.Ast.Program;
import dev.jgrad.tests.fuzz.Ast.RawExpr;
import dev.jgrad.tests.fuzz.Ast.RawStmt;
import dev.jgrad.tests.fuzz.Ast.Return;
import dev.jgrad.tests.fuzz.Ast.Step;
import dev.jgrad.tests.fuzz.Ast.Stmt;
import dev.jgrad.tests.fuzz.Ast.Throw;
import dev.jgrad.tests.fuzz.Ast.Type;
import dev.jgrad.tests.fuzz.Ast.Unary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a {@link Program} as Java source, with the line of every method and of every
 * {@code // expect-error} marker.
 *
 * <p>Two renderings of the same tree: the source that the processor sees (class {@code F...} with
 * its annotations, plus the {@code @Grad}-only copy {@code fRef} of each {@code @Jit @Grad}
 * method), and the probe class {@code PF...}, the same code without annotations in which every
 * comparison of doubles and every kink ({@code abs max min floor ceil rint signum}) goes through
 * {@link Probe}. The probe computes bit for bit the same value and also the sequence of branch
 * decisions, so that the oracle can tell whether finite differences crossed a kink.
 *
 * <p>A method header is printed on one line, annotations included, so that an error about the
 * method has one line to be on whether the processor reports it at the annotation, the name or a
 * parameter.
 */
final class Printer {
    /** The comment that marks the line where a hostile input's error must be. */
    static final String MARKER = "// expect-error";

    private static final String INDENT = "    ";

    /** What printing gives: the text and where things are (1-based lines). */
    record Rendered(String text, int classLine, Map<String, int[]> methodLines, List<Integer> markerLines) {}

    private final boolean probe;
    private final List<String> lines = new ArrayList<>();
    private final Map<String, int[]> methodLines = new LinkedHashMap<>();
    private final List<Integer> markers = new ArrayList<>();

    private Printer(boolean probe) {
        this.probe = probe;
    }

    /** The source of class {@code F...}, as the processor sees it. */
    static Rendered source(Program p) {
        return source(p, "");
    }

    /** The source of class {@code F...} with {@code extraMembers} (verbatim) before its closing brace. */
    static Rendered source(Program p, String extraMembers) {
        return new Printer(false).unit(p, extraMembers);
    }

    /** The probe class {@code PF...}, or null if the program has none. */
    static String probe(Program p) {
        return p.probe() ? new Printer(true).unit(p, "").text() : null;
    }

    /** One expression as source, for messages. */
    static String expr(Expr e) {
        return new Printer(false).e(e, 0);
    }

    /** One statement as source, for messages. */
    static String stmt(Stmt s) {
        Printer pr = new Printer(false);
        pr.s(s, 0);
        return String.join("\n", pr.lines);
    }

    // ------------------------------------------------------------------------------------------

    private Rendered unit(Program p, String extraMembers) {
        String cls = probe ? p.probeName() : p.className();
        add(0, "package " + p.pkg() + ";");
        add(0, "");
        if (probe) {
            add(0, "import dev.jgrad.tests.fuzz.Probe;");
        } else {
            add(0, "import dev.jgrad.Grad;");
            add(0, "import dev.jgrad.Jit;");
        }
        add(0, "");
        add(0, "final class " + cls + " {");
        int classLine = lines.size();
        for (String f : p.fields()) {
            // a nested class's @Grad methods are the processor's business, not the probe's
            raw(1, probe ? f.replace("@Grad ", "") : f);
        }
        for (Method m : p.methods()) {
            add(0, "");
            method(m, m.name(), !probe);
            if (!probe && m.hasRef()) {
                add(0, "");
                method(m, m.refName(), false);
                // the copy differs only in its name and in carrying @Grad alone
            }
        }
        if (!extraMembers.isEmpty()) {
            add(0, "");
            raw(1, extraMembers);
        }
        add(0, "}");
        // the probe is compiled with the program: the program's extra top-level types serve both
        for (String t : probe ? List.<String>of() : p.extraTypes()) {
            add(0, "");
            raw(0, t);
        }
        return new Rendered(String.join("\n", lines) + "\n", classLine, methodLines, List.copyOf(markers));
    }

    private void method(Method m, String name, boolean withJit) {
        StringBuilder h = new StringBuilder();
        if (!probe) {
            String wrt = m.wrt().isEmpty() ? ""
                    : m.wrt().stream().map(w -> "\"" + w + "\"").collect(Collectors.joining(", ", "(wrt = {", "})"));
            if (m.grad()) {
                // and its tangent, along the same wrt (issue 15): the harness checks it against the gradient
                h.append("@Grad").append(wrt).append(" @dev.jgrad.Jvp").append(wrt).append(' ');
                if (m.hessian() && name.equals(m.name())) {
                    // not on the @Grad-only copy fRef: one Hessian per method is enough
                    h.append("@dev.jgrad.Hessian").append(wrt).append(' ');
                }
            } else if (m.returnsVector() && m.check()) {
                h.append("@dev.jgrad.Jacobian").append(wrt).append(" @dev.jgrad.Jvp").append(wrt).append(' ');
            }
            if (m.jit() && withJit) {
                h.append("@Jit ");
            }
        }
        if (!m.modifiers().isEmpty()) {
            h.append(m.modifiers()).append(' ');
        }
        if (!m.typeParams().isEmpty()) {
            h.append(m.typeParams()).append(' ');
        }
        h.append(m.returnText()).append(' ').append(name).append('(');
        h.append(params(m.params()));
        h.append(m.throwsText().isEmpty() ? ") {" : ") throws " + m.throwsText() + " {");
        int start = lines.size() + 1;
        add(1, h.toString());
        if (m.headerMarked() && !probe && name.equals(m.name())) {
            mark(start);
        }
        for (Stmt s : m.body().stmts()) {
            s(s, 2);
        }
        add(1, "}");
        methodLines.put(name, new int[] {start, lines.size()});
    }

    private static String params(List<Param> ps) {
        return ps.stream().map(p -> p.typeText() + " " + p.name()).collect(Collectors.joining(", "));
    }

    // ------------------------------------------------------------------------------------------
    // Statements
    // ------------------------------------------------------------------------------------------

    private void s(Stmt st, int depth) {
        if (st instanceof Decl d) {
            String type = d.useVar() && d.init().type() == d.type() ? "var" : d.type().java;
            String init = d.init() instanceof ArrayInit ai ? initList(ai) : e(d.init(), 0);
            add(depth, type + " " + d.name() + " = " + init + ";");
        } else if (st instanceof Assign a) {
            add(depth, e(a.target(), 12) + " " + a.op() + " " + e(a.value(), 0) + ";");
        } else if (st instanceof Chain c) {
            add(depth, c.targets().stream().map(t -> e(t, 12) + " = ").collect(Collectors.joining())
                    + e(c.value(), 0) + ";");
        } else if (st instanceof Step step) {
            add(depth, e(step.target(), 12) + step.op() + ";");
        } else if (st instanceof If i) {
            add(depth, "if (" + e(i.cond(), 0) + ") {");
            block(i.then(), depth + 1);
            if (i.otherwise() != null) {
                add(depth, "} else {");
                block(i.otherwise(), depth + 1);
            }
            add(depth, "}");
        } else if (st instanceof For f) {
            add(depth, "for (int " + f.var() + " = " + e(f.from(), 0) + "; " + e(f.cond(), 0) + "; "
                    + update(f.update()) + ") {");
            block(f.body(), depth + 1);
            add(depth, "}");
        } else if (st instanceof ForEach f) {
            add(depth, "for (" + f.elementType().java + " " + f.var() + " : " + e(f.array(), 0) + ") {");
            block(f.body(), depth + 1);
            add(depth, "}");
        } else if (st instanceof Counted c) {
            add(depth, "int " + c.counter() + " = 0;");
            add(depth, c.doWhile() ? "do {" : "while (" + e(c.cond(), 0) + ") {");
            add(depth + 1, c.counter() + "++;");
            block(c.body(), depth + 1);
            add(depth, c.doWhile() ? "} while (" + e(c.cond(), 0) + ");" : "}");
        } else if (st instanceof CountDown c) {
            add(depth, "int " + c.counter() + " = " + e(c.from(), 0) + ";");
            add(depth, c.doWhile() ? "do {" : "while (" + c.counter() + "-- > 0) {");
            block(c.body(), depth + 1);
            add(depth, c.doWhile() ? "} while (--" + c.counter() + " > 0);" : "}");
        } else if (st instanceof Break) {
            add(depth, "break;");
        } else if (st instanceof Continue) {
            add(depth, "continue;");
        } else if (st instanceof Return r) {
            add(depth, "return " + e(r.value(), 0) + ";");
        } else if (st instanceof Eval ev) {
            add(depth, e(ev.call(), 0) + ";");
        } else if (st instanceof Assert a) {
            add(depth, "assert " + e(a.cond(), 0) + ";");
        } else if (st instanceof Throw t) {
            add(depth, "throw new " + t.type() + "(\"" + t.message() + "\""
                    + (t.detail() == null ? "" : " + " + e(t.detail(), 10)) + ");");
        } else if (st instanceof Block b) {
            add(depth, "{");
            block(b, depth + 1);
            add(depth, "}");
        } else if (st instanceof RawStmt r) {
            raw(depth, r.text());
        } else if (st instanceof Marked m) {
            int first = lines.size() + 1;
            s(m.stmt(), depth);
            if (!probe) {
                mark(first);
            }
        } else {
            throw new IllegalArgumentException("unknown statement " + st);
        }
    }

    private void block(Block b, int depth) {
        for (Stmt s : b.stmts()) {
            s(s, depth);
        }
    }

    private String update(Stmt u) {
        if (u instanceof Step st) {
            return e(st.target(), 12) + st.op();
        }
        if (u instanceof Assign a) {
            return e(a.target(), 12) + " " + a.op() + " " + e(a.value(), 0);
        }
        throw new IllegalArgumentException("not a for update: " + u);
    }

    // ------------------------------------------------------------------------------------------
    // Expressions: parenthesised by precedence, so that the parse is exactly the tree
    // ------------------------------------------------------------------------------------------

    private static int prec(Expr e) {
        if (e instanceof Conditional) {
            return 1;
        }
        if (e instanceof Binary b) {
            return switch (b.op()) {
                case "||" -> 2;
                case "&&" -> 3;
                case "==", "!=" -> 6;
                case "<", "<=", ">", ">=" -> 7;
                case "+", "-" -> 9;
                default -> 10;
            };
        }
        if (e instanceof Unary || e instanceof Cast) {
            return 11;
        }
        if (e instanceof Num n) {
            return n.value() < 0 || (n.value() == 0 && 1 / n.value() < 0) ? 11 : 12;
        }
        if (e instanceof RawExpr) {
            return 0;
        }
        return 12;
    }

    private String e(Expr x, int context) {
        String text = bare(x);
        return prec(x) < context ? "(" + text + ")" : text;
    }

    private String bare(Expr x) {
        if (x instanceof Num n) {
            return Double.toString(n.value());
        }
        if (x instanceof IntLit i) {
            return i.isLong() ? i.value() + "L" : Long.toString(i.value());
        }
        if (x instanceof Name n) {
            return n.text();
        }
        if (x instanceof Index i) {
            return e(i.array(), 12) + "[" + e(i.index(), 0) + "]";
        }
        if (x instanceof Length l) {
            return e(l.array(), 12) + ".length";
        }
        if (x instanceof Binary b) {
            return binary(b);
        }
        if (x instanceof Unary u) {
            return u.op() + e(u.operand(), 12);
        }
        if (x instanceof Call c) {
            return call(c);
        }
        if (x instanceof Conditional c) {
            return e(c.cond(), 2) + " ? " + e(c.then(), 2) + " : " + e(c.otherwise(), 2);
        }
        if (x instanceof Cast c) {
            return "(" + c.type().java + ") " + e(c.operand(), 12);
        }
        if (x instanceof NewArray n) {
            return "new " + n.type().java.replace("[]", "")
                    + n.dims().stream().map(d -> "[" + e(d, 0) + "]").collect(Collectors.joining());
        }
        if (x instanceof ArrayInit a) {
            return "new " + a.type().java + " " + initList(a);
        }
        if (x instanceof RawExpr r) {
            return r.text();
        }
        throw new IllegalArgumentException("unknown expression " + x);
    }

    private String initList(ArrayInit a) {
        return a.elements().stream().map(el -> e(el, 0)).collect(Collectors.joining(", ", "{", "}"));
    }

    private String binary(Binary b) {
        int p = prec(b);
        boolean doubles = b.left().type() == Type.DOUBLE || b.right().type() == Type.DOUBLE;
        if (probe && b.isComparison() && doubles) {
            return "Probe." + probeName(b.op()) + "(" + e(b.left(), 0) + ", " + e(b.right(), 0) + ")";
        }
        if (probe && b.op().equals("%") && doubles) {
            return "Probe.rem(" + e(b.left(), 0) + ", " + e(b.right(), 0) + ")";
        }
        // comparisons do not associate; arithmetic associates to the left
        int leftContext = b.isComparison() ? p + 1 : p;
        return e(b.left(), leftContext) + " " + b.op() + " " + e(b.right(), p + 1);
    }

    private static String probeName(String op) {
        return switch (op) {
            case "<" -> "lt";
            case "<=" -> "le";
            case ">" -> "gt";
            case ">=" -> "ge";
            case "==" -> "eq";
            case "!=" -> "ne";
            default -> throw new IllegalArgumentException(op);
        };
    }

    private String call(Call c) {
        String args = c.args().stream().map(a -> e(a, 0)).collect(Collectors.joining(", "));
        if (probe && c.isLibrary() && isKink(c)) {
            return "Probe." + c.simpleName() + "(" + args + ")";
        }
        return c.function() + "(" + args + ")";
    }

    /** The library functions whose derivative jumps: the probe records which side was taken. */
    static boolean isKink(Call c) {
        boolean anyDouble = c.args().stream().anyMatch(a -> a.type() == Type.DOUBLE);
        return switch (c.simpleName()) {
            case "abs", "max", "min" -> anyDouble;
            case "floor", "ceil", "rint", "signum", "round" -> true;
            default -> false;
        };
    }

    // ------------------------------------------------------------------------------------------

    private void add(int depth, String text) {
        lines.add(text.isEmpty() ? "" : INDENT.repeat(depth) + text);
    }

    private void raw(int depth, String text) {
        for (String l : text.split("\n", -1)) {
            add(depth, l);
            if (l.contains(MARKER) && !probe) {
                markers.add(lines.size());
            }
        }
    }

    private void mark(int line) {
        lines.set(line - 1, lines.get(line - 1) + " " + MARKER);
        markers.add(line);
    }
}
