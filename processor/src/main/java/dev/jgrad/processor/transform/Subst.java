package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.Expr;
import java.util.ArrayList;
import java.util.List;

/** Substitution in expressions. */
final class Subst {
    private Subst() {}

    /** {@code e} with every read of the local {@code name} replaced by {@code by}. */
    static Expr local(Expr e, String name, Expr by) {
        return locals(e, java.util.Map.of(name, by));
    }

    /** {@code e} with every read of a local that {@code by} maps replaced by what it maps to. */
    static Expr locals(Expr e, java.util.Map<String, Expr> by) {
        if (e instanceof Expr.Local l) {
            return by.getOrDefault(l.name(), l);
        }
        if (e instanceof Expr.Index i) {
            return new Expr.Index(i.type(), locals(i.array(), by), locals(i.index(), by));
        }
        if (e instanceof Expr.Length l) {
            return new Expr.Length(locals(l.array(), by));
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.type(), u.op(), locals(u.operand(), by));
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.type(), b.op(), locals(b.left(), by), locals(b.right(), by));
        }
        if (e instanceof Expr.Cond c) {
            return new Expr.Cond(c.type(), locals(c.cond(), by), locals(c.then(), by),
                    locals(c.otherwise(), by));
        }
        if (e instanceof Expr.Cast c) {
            return new Expr.Cast(c.type(), locals(c.operand(), by));
        }
        if (e instanceof Expr.Prim p) {
            return new Expr.Prim(p.type(), p.rule(), all(p.args(), by));
        }
        if (e instanceof Expr.Call c) {
            return new Expr.Call(c.type(), c.owner(), c.name(), all(c.args(), by));
        }
        if (e instanceof Expr.NewArray n) {
            return new Expr.NewArray(n.type(), all(n.dims(), by));
        }
        if (e instanceof Expr.ArrayLit a) {
            return new Expr.ArrayLit(a.type(), all(a.elements(), by));
        }
        return e;
    }

    private static List<Expr> all(List<Expr> es, java.util.Map<String, Expr> by) {
        List<Expr> out = new ArrayList<>();
        es.forEach(x -> out.add(locals(x, by)));
        return out;
    }

    /**
     * {@code s} with locals renamed or replaced throughout: reads as {@link #locals}, and declarations
     * and assignments of a local that {@code by} maps to another local take that local's name.
     */
    static dev.jgrad.processor.ir.Stmt stmt(dev.jgrad.processor.ir.Stmt s, java.util.Map<String, Expr> by) {
        if (s instanceof dev.jgrad.processor.ir.Stmt.Decl d) {
            Expr to = by.get(d.name());
            String name = to instanceof Expr.Local l ? l.name() : d.name();
            return new dev.jgrad.processor.ir.Stmt.Decl(d.src(), d.type(), name, d.init() == null ? null : locals(d.init(), by));
        }
        if (s instanceof dev.jgrad.processor.ir.Stmt.Assign a) {
            return new dev.jgrad.processor.ir.Stmt.Assign(a.src(), locals(a.target(), by), locals(a.value(), by));
        }
        if (s instanceof dev.jgrad.processor.ir.Stmt.If i) {
            return new dev.jgrad.processor.ir.Stmt.If(i.src(), locals(i.cond(), by), stmts(i.then(), by), stmts(i.otherwise(), by));
        }
        if (s instanceof dev.jgrad.processor.ir.Stmt.Block b) {
            return new dev.jgrad.processor.ir.Stmt.Block(b.src(), stmts(b.body(), by));
        }
        if (s instanceof dev.jgrad.processor.ir.Stmt.For f) {
            return new dev.jgrad.processor.ir.Stmt.For(f.src(), stmts(f.init(), by), f.cond() == null ? null : locals(f.cond(), by),
                    stmts(f.update(), by), stmts(f.body(), by));
        }
        return s;
    }

    static List<dev.jgrad.processor.ir.Stmt> stmts(List<dev.jgrad.processor.ir.Stmt> body, java.util.Map<String, Expr> by) {
        List<dev.jgrad.processor.ir.Stmt> out = new ArrayList<>();
        body.forEach(x -> out.add(stmt(x, by)));
        return out;
    }
}
