package dev.jgrad.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * IR as short, stable Java-like text, one statement a line, for tests and debugging: "this IR in,
 * this out" reads as code. Expressions are fully parenthesised where they nest ({@code (a * (b + c))}),
 * so the text shows the tree, not Java's precedence; a primitive prints as its rule's simple owner and
 * name ({@code Math.sin(x)}), a tape read as {@code pop()}, a push as {@code push(x);}. Not the
 * emitter: nothing here is compiled.
 */
public final class IrText {
    private IrText() {}

    /** One line per statement, nested statements indented by two spaces. */
    public static List<String> lines(List<Stmt> body) {
        List<String> out = new ArrayList<>();
        statements(body, "", out);
        return out;
    }

    /** The statements as text, a line each. */
    public static String of(List<Stmt> body) {
        return String.join("\n", lines(body));
    }

    public static String of(Expr e) {
        if (e instanceof Expr.Lit l) {
            return l.text();
        }
        if (e instanceof Expr.Local l) {
            return l.name();
        }
        if (e instanceof Expr.Const c) {
            return simple(c.owner()) + "." + c.name();
        }
        if (e instanceof Expr.Index i) {
            return of(i.array()) + "[" + of(i.index()) + "]";
        }
        if (e instanceof Expr.Length l) {
            return of(l.array()) + ".length";
        }
        if (e instanceof Expr.Unary u) {
            return u.op().java() + of(u.operand());
        }
        if (e instanceof Expr.Binary b) {
            return "(" + of(b.left()) + " " + b.op().java() + " " + of(b.right()) + ")";
        }
        if (e instanceof Expr.Cond c) {
            return "(" + of(c.cond()) + " ? " + of(c.then()) + " : " + of(c.otherwise()) + ")";
        }
        if (e instanceof Expr.Cast c) {
            return "(" + c.type().java() + ") " + of(c.operand());
        }
        if (e instanceof Expr.Prim p) {
            return simple(p.rule().owner()) + "." + p.rule().name() + args(p.args());
        }
        if (e instanceof Expr.Call c) {
            return simple(c.owner()) + "." + c.name() + args(c.args());
        }
        if (e instanceof Expr.NewArray n) {
            String text = "new " + n.type().java().replace("[]", "");
            int rank = n.type().java().split("\\[\\]", -1).length - 1;
            for (int k = 0; k < rank; k++) {
                text += k < n.dims().size() && n.dims().get(k) != null ? "[" + of(n.dims().get(k)) + "]" : "[]";
            }
            return text;
        }
        if (e instanceof Expr.ArrayLit a) {
            return "{" + String.join(", ", texts(a.elements())) + "}";
        }
        if (e instanceof Expr.Pop) {
            return "pop()";
        }
        throw new IllegalArgumentException(e.toString());
    }

    private static void statements(List<Stmt> body, String indent, List<String> out) {
        for (Stmt s : body) {
            statement(s, indent, out);
        }
    }

    private static void statement(Stmt s, String indent, List<String> out) {
        String in = indent + "  ";
        if (s instanceof Stmt.Decl d) {
            out.add(indent + d.type().java() + " " + d.name() + (d.init() == null ? "" : " = " + of(d.init())) + ";");
        } else if (s instanceof Stmt.Assign a) {
            out.add(indent + of(a.target()) + " = " + of(a.value()) + ";");
        } else if (s instanceof Stmt.If i) {
            out.add(indent + "if " + of(i.cond()) + " {");
            statements(i.then(), in, out);
            if (!i.otherwise().isEmpty()) {
                out.add(indent + "} else {");
                statements(i.otherwise(), in, out);
            }
            out.add(indent + "}");
        } else if (s instanceof Stmt.While w) {
            out.add(indent + (w.testAfter() ? "do-while " : "while ") + of(w.cond()) + " {");
            statements(w.body(), in, out);
            out.add(indent + "}");
        } else if (s instanceof Stmt.For f) {
            out.add(indent + "for (" + inline(f.init()) + "; " + (f.cond() == null ? "" : of(f.cond())) + "; "
                    + inline(f.update()) + ") {");
            statements(f.body(), in, out);
            out.add(indent + "}");
        } else if (s instanceof Stmt.Block b) {
            out.add(indent + "{");
            statements(b.body(), in, out);
            out.add(indent + "}");
        } else if (s instanceof Stmt.Repeat r) {
            out.add(indent + "repeat " + r.counter() + " = " + of(r.from()) + " {");
            statements(r.body(), in, out);
            out.add(indent + "}");
        } else if (s instanceof Stmt.TryFinally t) {
            out.add(indent + "try {");
            statements(t.body(), in, out);
            out.add(indent + "} finally {");
            statements(t.last(), in, out);
            out.add(indent + "}");
        } else if (s instanceof Stmt.ParallelFor p) {
            out.add(indent + "parallel " + p.chunk() + " [" + of(p.from()) + ", " + of(p.to()) + ") {");
            statements(p.chunkBody(), in, out);
            out.add(indent + "}");
        } else if (s instanceof Stmt.Break) {
            out.add(indent + "break;");
        } else if (s instanceof Stmt.Continue) {
            out.add(indent + "continue;");
        } else if (s instanceof Stmt.Return r) {
            out.add(indent + "return" + (r.value() == null ? "" : " " + of(r.value())) + ";");
        } else if (s instanceof Stmt.Throw t) {
            out.add(indent + "throw new " + simple(t.exception()) + args(t.args()) + ";");
        } else if (s instanceof Stmt.Assert a) {
            out.add(indent + "assert " + of(a.cond()) + (a.message() == null ? "" : " : " + of(a.message())) + ";");
        } else if (s instanceof Stmt.Push p) {
            out.add(indent + "push(" + of(p.value()) + ");");
        } else if (s instanceof Stmt.Run r) {
            out.add(indent + of(r.call()) + ";");
        } else if (s instanceof Stmt.Comment c) {
            out.add(indent + "// " + c.text());
        } else {
            throw new IllegalArgumentException(s.toString());
        }
    }

    /** Statements of a for header: without their semicolons, separated by commas. */
    private static String inline(List<Stmt> stmts) {
        List<String> out = new ArrayList<>();
        for (Stmt s : stmts) {
            List<String> one = new ArrayList<>();
            statement(s, "", one);
            String text = String.join(" ", one);
            out.add(text.endsWith(";") ? text.substring(0, text.length() - 1) : text);
        }
        return String.join(", ", out);
    }

    private static String args(List<Expr> args) {
        return "(" + String.join(", ", texts(args)) + ")";
    }

    private static List<String> texts(List<Expr> es) {
        List<String> out = new ArrayList<>();
        es.forEach(e -> out.add(of(e)));
        return out;
    }

    private static String simple(String binaryName) {
        return binaryName.substring(binaryName.lastIndexOf('.') + 1).replace('$', '.');
    }
}
