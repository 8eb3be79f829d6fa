package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loop-free body rewritten so that every local is assigned once, in its declaration: each
 * assignment declares a new version of its variable, and a branch becomes guarded declarations
 * ({@code double m_2 = c ? m * 1.5 : 0.0;}) followed by a choice of versions ({@code double m_3 = c ?
 * m_2 : m;}). Nothing is then overwritten, so the reverse sweep restores nothing and reads each
 * branch's condition where it is kept: the derivative of such a body needs no tape. Values are the
 * same bit for bit (the same operations, each run only when the source runs it); throws stay
 * statements, under their condition.
 *
 * <p>Used for the derivative methods of helpers (the pipeline's {@code HelperPullbacks}); null for a
 * body with a loop or an array element write, which keep the general reverse mode.
 */
public final class SingleAssignment {
    private final Names names;
    private final Map<String, Local> current = new HashMap<>();

    private SingleAssignment(Names names) {
        this.names = names;
    }

    /** {@code method} in single-assignment form, or null if it has a loop or writes into an array. */
    public static Method of(Method method) {
        SingleAssignment s = new SingleAssignment(method.names());
        for (Method.Param p : method.params()) {
            s.current.put(p.name(), new Local(p.type(), p.name()));
        }
        List<Stmt> out = new ArrayList<>();
        if (!s.block(method.body(), null, out)) {
            return null;
        }
        return new Method(method.name(), method.params(), out, method.names(), method.origins(), method.records());
    }

    /** Appends {@code body}, run only where {@code guard} (a boolean local, or null for always) holds; false if it cannot. */
    private boolean block(List<Stmt> body, Local guard, List<Stmt> out) {
        for (Stmt s : body) {
            if (!statement(s, guard, out)) {
                return false;
            }
        }
        return true;
    }

    private boolean statement(Stmt s, Local guard, List<Stmt> out) {
        if (s instanceof Stmt.Comment) {
            return true;
        }
        if (s instanceof Stmt.Block b) {
            return block(b.body(), guard, out);
        }
        if (s instanceof Stmt.Decl d) {
            Expr init = d.init() == null ? null : read(d.init());
            define(d.src(), d.type(), d.name(), init, guard, out);
            return true;
        }
        if (s instanceof Stmt.Assign a) {
            if (!(a.target() instanceof Local target)) {
                return false;
            }
            define(a.src(), target.type(), target.name(), read(a.value()), guard, out);
            return true;
        }
        if (s instanceof Stmt.Return r && guard == null) {
            out.add(new Stmt.Return(r.src(), r.value() == null ? null : read(r.value())));
            return true;
        }
        if (s instanceof Stmt.Throw || s instanceof Stmt.Assert) {
            Stmt here = Subst.stmt(s, versions());
            out.add(guard == null ? here : new Stmt.If(null, guard, List.of(here), List.of()));
            return true;
        }
        if (s instanceof Stmt.If i) {
            return branch(i, guard, out);
        }
        return false;
    }

    /**
     * {@code if (c) then else otherwise}: each side's statements under its own guard, then each variable
     * that a side assigned takes the version of the side that ran.
     */
    private boolean branch(Stmt.If i, Local guard, List<Stmt> out) {
        Expr cond = read(i.cond());
        Local thenGuard = guardOf(guard == null ? cond : new Expr.Binary(Type.BOOLEAN, BinaryOp.CAND, guard, cond), out);
        Map<String, Local> before = new HashMap<>(current);
        if (!block(i.then(), thenGuard, out)) {
            return false;
        }
        Map<String, Local> afterThen = new HashMap<>(current);
        current.clear();
        current.putAll(before);
        if (!i.otherwise().isEmpty()) {
            Expr notCond = new Expr.Unary(Type.BOOLEAN, dev.jgrad.processor.ir.UnaryOp.NOT, thenGuard);
            Local elseGuard = guardOf(guard == null ? notCond : new Expr.Binary(Type.BOOLEAN, BinaryOp.CAND, guard, notCond), out);
            if (!block(i.otherwise(), elseGuard, out)) {
                return false;
            }
        }
        Map<String, Local> afterElse = new HashMap<>(current);
        Set<String> changed = new LinkedHashSet<>();
        afterThen.forEach((n, v) -> {
            if (!v.equals(before.get(n))) {
                changed.add(n);
            }
        });
        afterElse.forEach((n, v) -> {
            if (!v.equals(before.get(n))) {
                changed.add(n);
            }
        });
        for (String n : changed) {
            Local t = afterThen.get(n);
            Local e = afterElse.get(n);
            if (t == null || e == null) {
                // declared on one side only: not visible after the branch
                current.remove(n);
                continue;
            }
            Local merged = new Local(t.type(), names.fresh(n));
            out.add(new Stmt.Decl(null, t.type(), merged.name(), new Expr.Cond(t.type(), thenGuard, t, e)));
            current.put(n, merged);
        }
        return true;
    }

    /** A boolean local holding {@code cond}, declared here. */
    private Local guardOf(Expr cond, List<Stmt> out) {
        if (cond instanceof Local l) {
            return l;
        }
        Local g = new Local(Type.BOOLEAN, names.fresh("taken"));
        out.add(new Stmt.Decl(null, Type.BOOLEAN, g.name(), cond));
        return g;
    }

    /**
     * A new version of {@code name}, with {@code value} where {@code guard} holds and zero elsewhere (so
     * that what the source does not evaluate is not evaluated: no exception, and no partial that is
     * NaN where the branch was not taken).
     */
    private void define(dev.jgrad.processor.ir.Src src, Type type, String name, Expr value, Local guard, List<Stmt> out) {
        String version = current.containsKey(name) ? names.fresh(name) : name;
        Expr init = value;
        if (value != null && guard != null && !(value instanceof Local || value instanceof Expr.Lit)) {
            // evaluated only where the source evaluates it; a copy or a literal is safe anywhere
            init = new Expr.Cond(type, guard, value, new Expr.Lit(type, type.zero()));
        }
        out.add(new Stmt.Decl(src, type, version, init));
        current.put(name, new Local(type, version));
    }

    private Expr read(Expr e) {
        return Subst.locals(e, versions());
    }

    private Map<String, Expr> versions() {
        Map<String, Expr> by = new HashMap<>();
        current.forEach((n, v) -> {
            if (!n.equals(v.name())) {
                by.put(n, v);
            }
        });
        return by;
    }
}
