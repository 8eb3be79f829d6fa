package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The children of an expression, and the expression rebuilt from new ones. */
public final class Children {
    private Children() {}

    /** The children of {@code e}, in evaluation order. */
    static List<Expr> of(Expr e) {
        List<Expr> out = new ArrayList<>();
        rebuild(e, x -> {
            out.add(x);
            return x;
        });
        return out;
    }

    /** {@code e} with {@code f} applied to each child, in evaluation order. */
    public static Expr rebuild(Expr e, UnaryOperator<Expr> f) {
        if (e instanceof Expr.Index i) {
            Expr array = f.apply(i.array());
            return new Expr.Index(i.type(), array, f.apply(i.index()));
        }
        if (e instanceof Expr.Length l) {
            return new Expr.Length(f.apply(l.array()));
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.type(), u.op(), f.apply(u.operand()));
        }
        if (e instanceof Expr.Binary b) {
            Expr left = f.apply(b.left());
            return new Expr.Binary(b.type(), b.op(), left, f.apply(b.right()));
        }
        if (e instanceof Expr.Cond c) {
            Expr cond = f.apply(c.cond());
            Expr then = f.apply(c.then());
            return new Expr.Cond(c.type(), cond, then, f.apply(c.otherwise()));
        }
        if (e instanceof Expr.Cast c) {
            return new Expr.Cast(c.type(), f.apply(c.operand()));
        }
        if (e instanceof Expr.Prim p) {
            return new Expr.Prim(p.type(), p.rule(), map(p.args(), f));
        }
        if (e instanceof Expr.Call c) {
            return new Expr.Call(c.type(), c.owner(), c.name(), map(c.args(), f));
        }
        if (e instanceof Expr.NewArray n) {
            return new Expr.NewArray(n.type(), map(n.dims(), f));
        }
        if (e instanceof Expr.ArrayLit a) {
            return new Expr.ArrayLit(a.type(), map(a.elements(), f));
        }
        return e;
    }

    private static List<Expr> map(List<Expr> xs, UnaryOperator<Expr> f) {
        List<Expr> out = new ArrayList<>();
        for (Expr x : xs) {
            out.add(f.apply(x));
        }
        return out;
    }
}
