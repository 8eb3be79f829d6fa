package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Substitution in expressions. */
final class Subst {
    private Subst() {}

    /** {@code e} with every read of the local {@code name} replaced by {@code by}. */
    static Expr local(Expr e, String name, Expr by) {
        return locals(e, Map.of(name, by));
    }

    /** {@code e} with every read of a local that {@code by} maps replaced by what it maps to. */
    static Expr locals(Expr e, Map<String, Expr> by) {
        return map(e, x -> x instanceof Expr.Local l ? by.get(l.name()) : null);
    }

    /** {@code e} with each sub-expression that {@code f} maps (to non-null) replaced, outermost first. */
    static Expr map(Expr e, Function<Expr, Expr> f) {
        Expr to = f.apply(e);
        return to != null ? to : Children.rebuild(e, x -> map(x, f));
    }

    /**
     * {@code s} with locals renamed or replaced throughout: reads as {@link #locals}, and declarations
     * and assignments of a local that {@code by} maps to another local take that local's name.
     */
    static Stmt stmt(Stmt s, Map<String, Expr> by) {
        if (s instanceof Stmt.Decl d) {
            Expr to = by.get(d.name());
            String name = to instanceof Expr.Local l ? l.name() : d.name();
            return new Stmt.Decl(d.src(), d.type(), name, d.init() == null ? null : locals(d.init(), by));
        }
        if (s instanceof Stmt.Assign a) {
            return new Stmt.Assign(a.src(), locals(a.target(), by), locals(a.value(), by));
        }
        if (s instanceof Stmt.If i) {
            return new Stmt.If(i.src(), locals(i.cond(), by), stmts(i.then(), by), stmts(i.otherwise(), by));
        }
        if (s instanceof Stmt.Block b) {
            return new Stmt.Block(b.src(), stmts(b.body(), by));
        }
        if (s instanceof Stmt.For f) {
            return new Stmt.For(f.src(), stmts(f.init(), by), f.cond() == null ? null : locals(f.cond(), by),
                    stmts(f.update(), by), stmts(f.body(), by));
        }
        return s;
    }

    static List<Stmt> stmts(List<Stmt> body, Map<String, Expr> by) {
        List<Stmt> out = new ArrayList<>();
        body.forEach(x -> out.add(stmt(x, by)));
        return out;
    }

    /** Whether {@link #mapStmt} knows every statement of {@code body}, nested ones included. */
    static boolean canMap(List<Stmt> body) {
        boolean[] known = {true};
        Walk.statements(body, s -> known[0] &= s instanceof Stmt.Decl
                || s instanceof Stmt.Assign || s instanceof Stmt.If
                || s instanceof Stmt.Block || s instanceof Stmt.For
                || s instanceof Stmt.While || s instanceof Stmt.Throw
                || s instanceof Stmt.Assert || s instanceof Stmt.Run
                || s instanceof Stmt.Comment || s instanceof Stmt.Break
                || s instanceof Stmt.Continue || s instanceof Stmt.Return);
        return known[0];
    }

    /** {@code s} with every expression it evaluates (assignment targets included) mapped as {@link #map}; only what {@link #canMap} knows. */
    static Stmt mapStmt(Stmt s, Function<Expr, Expr> f) {
        if (s instanceof Stmt.Decl d) {
            return new Stmt.Decl(d.src(), d.type(), d.name(), d.init() == null ? null : map(d.init(), f));
        }
        if (s instanceof Stmt.Assign a) {
            return new Stmt.Assign(a.src(), map(a.target(), f), map(a.value(), f));
        }
        if (s instanceof Stmt.If i) {
            return new Stmt.If(i.src(), map(i.cond(), f), mapStmts(i.then(), f), mapStmts(i.otherwise(), f));
        }
        if (s instanceof Stmt.Block b) {
            return new Stmt.Block(b.src(), mapStmts(b.body(), f));
        }
        if (s instanceof Stmt.For fo) {
            return new Stmt.For(fo.src(), mapStmts(fo.init(), f), fo.cond() == null ? null : map(fo.cond(), f),
                    mapStmts(fo.update(), f), mapStmts(fo.body(), f));
        }
        if (s instanceof Stmt.While w) {
            return new Stmt.While(w.src(), map(w.cond(), f), mapStmts(w.body(), f), w.testAfter());
        }
        if (s instanceof Stmt.Throw t) {
            return new Stmt.Throw(t.src(), t.exception(), t.args().stream().map(x -> map(x, f)).toList());
        }
        if (s instanceof Stmt.Assert a) {
            return new Stmt.Assert(a.src(), map(a.cond(), f), a.message() == null ? null : map(a.message(), f));
        }
        if (s instanceof Stmt.Run r) {
            return new Stmt.Run((Expr.Call) map(r.call(), f));
        }
        if (s instanceof Stmt.Return r) {
            return new Stmt.Return(r.src(), r.value() == null ? null : map(r.value(), f));
        }
        return s;
    }

    private static List<Stmt> mapStmts(List<Stmt> body, Function<Expr, Expr> f) {
        List<Stmt> out = new ArrayList<>();
        body.forEach(x -> out.add(mapStmt(x, f)));
        return out;
    }
}
