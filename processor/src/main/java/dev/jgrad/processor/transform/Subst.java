package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.Expr;
import java.util.ArrayList;
import java.util.List;

/** Substitution in expressions. */
final class Subst {
    private Subst() {}

    /** {@code e} with every read of the local {@code name} replaced by {@code by}. */
    static Expr local(Expr e, String name, Expr by) {
        if (e instanceof Expr.Local l) {
            return l.name().equals(name) ? by : l;
        }
        if (e instanceof Expr.Index i) {
            return new Expr.Index(i.type(), local(i.array(), name, by), local(i.index(), name, by));
        }
        if (e instanceof Expr.Length l) {
            return new Expr.Length(local(l.array(), name, by));
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.type(), u.op(), local(u.operand(), name, by));
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.type(), b.op(), local(b.left(), name, by), local(b.right(), name, by));
        }
        if (e instanceof Expr.Cond c) {
            return new Expr.Cond(c.type(), local(c.cond(), name, by), local(c.then(), name, by),
                    local(c.otherwise(), name, by));
        }
        if (e instanceof Expr.Cast c) {
            return new Expr.Cast(c.type(), local(c.operand(), name, by));
        }
        if (e instanceof Expr.Call c) {
            return new Expr.Call(c.type(), c.owner(), c.name(), all(c.args(), name, by));
        }
        if (e instanceof Expr.NewArray n) {
            return new Expr.NewArray(n.type(), all(n.dims(), name, by));
        }
        if (e instanceof Expr.ArrayLit a) {
            return new Expr.ArrayLit(a.type(), all(a.elements(), name, by));
        }
        return e;
    }

    private static List<Expr> all(List<Expr> es, String name, Expr by) {
        List<Expr> out = new ArrayList<>();
        es.forEach(x -> out.add(local(x, name, by)));
        return out;
    }
}
