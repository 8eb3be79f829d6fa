package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Exprs;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.UnaryOp;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tangent's common factor taken out of its sum, in a value-and-partial method's forward mode
 * ({@link TangentPartial}): the tangent of a polynomial in Horner form, {@code t_7 * t_dot + t * (t_6 *
 * t_dot + t * (...))}, is {@code t_dot * (t_7 + t * (t_6 + t * (...)))}, one product by {@code t_dot}
 * instead of one per coefficient. Only code whose results reach nothing but the partial is rewritten
 * (its rounding may change, within the derivative's tolerance): every local that the value, a condition,
 * a check that throws or an element write reads keeps its expression, so the value stays the helper's
 * bit for bit, and so do its exceptions.
 */
public final class TangentFactors {
    private TangentFactors() {}

    /** {@code body}, which returns {@code value} (leaving the partial in its other locals), with each such sum factored. */
    public static List<Stmt> apply(List<Stmt> body, Expr value) {
        Set<String> kept = valueSide(body, value);
        return rewrite(body, kept, TangentFactors::factored);
    }

    /** The locals that the value, the conditions, the checks and the element writes of {@code body} read, and those they read. */
    static Set<String> valueSide(List<Stmt> body, Expr value) {
        Set<String> kept = new HashSet<>();
        Walk.locals(value, kept::add);
        Map<String, List<Expr>> defs = new HashMap<>();
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Decl d && d.init() != null) {
                defs.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d.init());
            } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local l) {
                defs.computeIfAbsent(l.name(), k -> new ArrayList<>()).add(a.value());
            } else if (!(s instanceof Stmt.Decl)) {
                // conditions, throws, asserts, returns, element writes: all they read is kept
                Walk.expressions(s, e -> Walk.locals(e, kept::add));
            }
        });
        List<String> todo = new ArrayList<>(kept);
        while (!todo.isEmpty()) {
            for (Expr e : defs.getOrDefault(todo.remove(todo.size() - 1), List.of())) {
                Walk.locals(e, n -> {
                    if (kept.add(n)) {
                        todo.add(n);
                    }
                });
            }
        }
        return kept;
    }

    /**
     * {@code body} with {@code f} applied to the value of each declaration or assignment of a {@code double} local
     * outside {@code kept} (the code that reaches nothing but the partials), in branches and blocks too.
     */
    static List<Stmt> rewrite(List<Stmt> body, Set<String> kept, java.util.function.UnaryOperator<Expr> f) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.Decl d && d.init() != null && d.type() == Type.DOUBLE && !kept.contains(d.name())) {
                out.add(new Stmt.Decl(d.src(), d.type(), d.name(), f.apply(d.init())));
            } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local l && l.type() == Type.DOUBLE
                    && !kept.contains(l.name())) {
                out.add(new Stmt.Assign(a.src(), a.target(), f.apply(a.value())));
            } else if (s instanceof Stmt.If i) {
                out.add(new Stmt.If(i.src(), i.cond(), rewrite(i.then(), kept, f), rewrite(i.otherwise(), kept, f)));
            } else if (s instanceof Stmt.Block b) {
                out.add(new Stmt.Block(b.src(), rewrite(b.body(), kept, f)));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * {@code e}, an expression that reaches nothing but the partial, as {@code d * f} for the local {@code d} that
     * is a factor of its most terms, at least two; else each operand of its sum or difference so, keeping the
     * sum's grouping ({@code (a + b) + c} with only {@code a + b} factored); else {@code e}.
     */
    public static Expr factored(Expr e) {
        Expr whole = factoredWhole(e);
        if (whole != e || !(e instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
                && b.type() == Type.DOUBLE)) {
            return whole;
        }
        return new Expr.Binary(Type.DOUBLE, b.op(), factored(b.left()), factored(b.right()));
    }

    private static Expr factoredWhole(Expr e) {
        Map<String, Integer> uses = new HashMap<>();
        Walk.postOrder(e, x -> {
            if (x instanceof Expr.Local l && l.type() == Type.DOUBLE) {
                uses.merge(l.name(), 1, Integer::sum);
            }
        });
        String best = null;
        Expr factor = null;
        for (Map.Entry<String, Integer> u : uses.entrySet()) {
            if (u.getValue() >= 2 && (best == null || u.getValue() > uses.get(best)
                    || u.getValue().equals(uses.get(best)) && u.getKey().compareTo(best) < 0)) {
                Expr f = factor(e, u.getKey());
                if (f != null) {
                    best = u.getKey();
                    factor = f;
                }
            }
        }
        return best == null ? e : Exprs.mul(new Expr.Local(Type.DOUBLE, best), factor);
    }

    /** {@code f} with {@code e = d * f} by distributivity, each term of {@code e} a product with the factor {@code d}; else null. */
    private static Expr factor(Expr e, String d) {
        if (e.type() != Type.DOUBLE) {
            return null;
        }
        if (e instanceof Expr.Local l && l.name().equals(d)) {
            return Exprs.ONE;
        }
        if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
            Expr f = factor(u.operand(), d);
            return f == null ? null : new Expr.Unary(Type.DOUBLE, UnaryOp.NEG, f);
        }
        if (!(e instanceof Expr.Binary b) || b.left().type() != Type.DOUBLE || b.right().type() != Type.DOUBLE) {
            return null;
        }
        boolean inLeft = reads(b.left(), d);
        boolean inRight = reads(b.right(), d);
        switch (b.op()) {
            case ADD, SUB: {
                Expr l = factor(b.left(), d);
                Expr r = l == null ? null : factor(b.right(), d);
                return r == null ? null : new Expr.Binary(Type.DOUBLE, b.op(), l, r);
            }
            case MUL: {
                if (inLeft == inRight) {
                    return null;
                }
                Expr f = factor(inLeft ? b.left() : b.right(), d);
                return f == null ? null : inLeft ? Exprs.mul(f, b.right()) : Exprs.mul(b.left(), f);
            }
            case DIV: {
                Expr f = inRight ? null : factor(b.left(), d);
                return f == null ? null : new Expr.Binary(Type.DOUBLE, BinaryOp.DIV, f, b.right());
            }
            default:
                return null;
        }
    }

    private static boolean reads(Expr e, String d) {
        boolean[] found = {false};
        Walk.locals(e, n -> found[0] |= n.equals(d));
        return found[0];
    }
}
