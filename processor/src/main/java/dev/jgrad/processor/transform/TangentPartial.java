package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Exprs;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The value and the partial of a loop-free helper in its one active {@code double} parameter by
 * forward mode ({@link Tangent}, the tangent {@code xDot} set to one): for the value-and-partial
 * method {@code normCdf_and_dx(x, xPartial)}. Each tangent is computed beside its value, from the same
 * rule table, so the processor can run the derivative's chain of operations alongside the value's
 * instead of after it (a reverse sweep starts only once the value is known): the same arithmetic,
 * less time. The value is the helper's bit for bit ({@link Linearize}), and so is the order of its
 * exceptions. A tangent times one is the tangent ({@code x * 1.0} is {@code x} for every double), so
 * those products are not written.
 */
public final class TangentPartial {
    /** The body, then the value and the partial it leaves (expressions over its locals). */
    public record Result(List<Stmt> body, Expr value, Expr partial) {}

    private TangentPartial() {}

    /**
     * {@code helper}'s value and partial in {@code param}, or null where the reverse sweep is the
     * better fit: a loop, or a call of another helper that gives its own value and partial (whose
     * tangent would run that helper again).
     */
    public static Result of(Method helper, String param) {
        if (helper == null) {
            return null;
        }
        boolean[] plain = {true};
        Walk.statements(helper.body(), s -> {
            plain[0] &= s instanceof Stmt.Decl || s instanceof Stmt.Assign || s instanceof Stmt.If
                    || s instanceof Stmt.Block || s instanceof Stmt.Comment || s instanceof Stmt.Return
                    || s instanceof Stmt.Throw || s instanceof Stmt.Assert;
            Walk.expressions(s, e -> Walk.postOrder(e, x -> plain[0] &= !(x instanceof Expr.Prim p
                    && p.rule().valueAndPartialOwner() != null)));
        });
        if (!plain[0]) {
            return null;
        }
        Tangent.Result t = Tangent.of(helper, List.of(param), Activity.of(helper, Set.of(param)), false);
        if (t.value() == null || t.tangentParams().size() != 1 || t.value().type() != Type.DOUBLE) {
            return null;
        }
        String dot = t.tangentParams().get(0).name();
        boolean[] assigned = {false};
        Walk.statements(t.body(), s -> assigned[0] |= s instanceof Stmt.Assign a && a.target() instanceof Expr.Local l
                && l.name().equals(dot));
        if (assigned[0]) {
            // the helper reassigns its parameter, and its tangent with it: a local that starts at one
            List<Stmt> body = new ArrayList<>();
            body.add(new Stmt.Decl(null, Type.DOUBLE, dot, Exprs.ONE));
            body.addAll(t.body());
            return new Result(body, t.value(), t.tangent());
        }
        Map<String, Expr> one = Map.of(dot, Exprs.ONE);
        if (!Subst.canMap(t.body())) {
            return null;
        }
        List<Stmt> body = Subst.stmts(t.body(), one).stream().map(s -> Subst.mapStmt(s, TangentPartial::unit)).toList();
        boolean[] left = {false};
        Walk.statements(body, s -> Walk.expressions(s, e -> Walk.locals(e, n -> left[0] |= n.equals(dot))));
        if (left[0]) {
            return null;
        }
        return new Result(body, unit(t.value()), unit(Subst.locals(t.tangent(), one)));
    }

    /** {@code e} with each double product by the literal one written as the other factor, bottom up. */
    private static Expr unit(Expr e) {
        Expr r = Children.rebuild(e, TangentPartial::unit);
        if (r instanceof Expr.Binary b && b.op() == BinaryOp.MUL && b.type() == Type.DOUBLE
                && b.left().type() == Type.DOUBLE && b.right().type() == Type.DOUBLE) {
            if (Exprs.isOne(b.right())) {
                return b.left();
            }
            if (Exprs.isOne(b.left())) {
                return b.right();
            }
        }
        return r;
    }
}
