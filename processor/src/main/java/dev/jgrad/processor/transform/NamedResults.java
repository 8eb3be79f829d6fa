package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.rules.Throws;
import java.util.ArrayList;
import java.util.List;

/**
 * For the tape-free gradient: a call whose derivative is written with its own result ({@code tanh},
 * {@code exp}, {@code sqrt}: 1 - r * r, r, 0.5 / r) inside a larger expression gets a local of its
 * own, {@code double tanh = Math.tanh(a); out += w2[k] * tanh;}. The adjoint then reads the result
 * where the forward sweep left it (or from the buffer of its loop) instead of calling the function
 * again. Calls in a branch of {@code ?:} or on the right of {@code &&} and {@code ||} stay where they
 * are: they run only when the source runs them. A call that may throw is not moved before an earlier
 * operand of its statement that may throw ({@code y[k] * Math.exp(10 / n)}), so the first exception
 * is the source's.
 */
final class NamedResults {
    private final Names names;
    /** Whether a function's value that a product's adjoint reads ({@code Math.log(x) * y}) gets a local too. */
    private final boolean factors;
    /** Whether something the statement evaluates before the expression being named may throw. */
    private boolean before;

    private NamedResults(Names names, boolean factors) {
        this.names = names;
        this.factors = factors;
    }

    static List<Stmt> apply(List<Stmt> body, Names names) {
        return new NamedResults(names, false).block(body);
    }

    /**
     * As {@link #apply(List, Names)}, and a call of a function that cannot throw whose value the
     * adjoint of a product or quotient reads ({@code Math.log1p(x * x)} in {@code a * Math.log1p(x * x)},
     * the divisor of {@code a / Math.sqrt(x)}) gets a local as well (for a helper's derivative methods).
     */
    static List<Stmt> applyWithFactors(List<Stmt> body, Names names) {
        return new NamedResults(names, true).block(body);
    }

    private List<Stmt> block(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            before = false;
            if (s instanceof Stmt.Decl d && d.init() != null) {
                Expr init = d.init() instanceof Expr.Prim p ? withNamedArgs(p, out) : name(d.init(), out);
                out.add(new Stmt.Decl(d.src(), d.type(), d.name(), init));
            } else if (s instanceof Stmt.Assign a) {
                out.add(new Stmt.Assign(a.src(), a.target(), name(a.value(), out)));
            } else if (s instanceof Stmt.If i) {
                out.add(new Stmt.If(i.src(), i.cond(), block(i.then()), block(i.otherwise())));
            } else if (s instanceof Stmt.Block b) {
                out.add(new Stmt.Block(b.src(), block(b.body())));
            } else if (s instanceof Stmt.For f) {
                out.add(new Stmt.For(f.src(), f.init(), f.cond(), f.update(), block(f.body())));
            } else if (s instanceof Stmt.While w) {
                out.add(new Stmt.While(w.src(), w.cond(), block(w.body()), w.testAfter()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static boolean readsResult(Expr.Prim p) {
        return p.type() == Type.DOUBLE && !p.rule().isPiecewiseConstant() && p.rule().readsResult();
    }

    /** {@code e} with each such call, innermost first, declared before the statement in {@code out}. */
    private Expr name(Expr e, List<Stmt> out) {
        boolean earlier = before;
        Expr named = named(e, earlier, out);
        before = earlier || Throws.mayThrow(e);
        return named;
    }

    private Expr named(Expr e, boolean earlier, List<Stmt> out) {
        if (e instanceof Expr.Prim p) {
            Expr.Prim inner = withNamedArgs(p, out);
            if (!readsResult(inner) || earlier && Throws.mayThrow(inner)) {
                return inner;
            }
            Expr.Local v = new Expr.Local(Type.DOUBLE, names.fresh(p.rule().name()));
            out.add(new Stmt.Decl(null, Type.DOUBLE, v.name(), inner));
            return v;
        }
        if (e instanceof Expr.Binary b && (b.op() == BinaryOp.CAND || b.op() == BinaryOp.COR)) {
            // the right operand runs only when the left does not decide: nothing of it moves
            return new Expr.Binary(b.type(), b.op(), name(b.left(), out), b.right());
        }
        if (e instanceof Expr.Call c) {
            List<Expr> args = new ArrayList<>();
            c.args().forEach(a -> args.add(name(a, out)));
            return new Expr.Call(c.type(), c.owner(), c.name(), args);
        }
        if (e instanceof Expr.Binary b) {
            Expr left = name(b.left(), out);
            Expr right = name(b.right(), out);
            if (factors && b.type() == Type.DOUBLE && (b.op() == BinaryOp.MUL || b.op() == BinaryOp.DIV)) {
                // left to right, as Java evaluates them; neither can throw, so none moves past a throw
                left = b.op() == BinaryOp.MUL ? factor(left, out) : left;
                right = factor(right, out);
            }
            return new Expr.Binary(b.type(), b.op(), left, right);
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.type(), u.op(), name(u.operand(), out));
        }
        if (e instanceof Expr.Cast c) {
            return new Expr.Cast(c.type(), name(c.operand(), out));
        }
        return e;
    }

    /** {@code e}, a call of a function that returns for every argument, in a local of its own; else {@code e}. */
    private Expr factor(Expr e, List<Stmt> out) {
        if (!(e instanceof Expr.Prim p) || p.type() != Type.DOUBLE || p.rule().owner() == null
                || p.rule().isPiecewiseConstant() || Throws.mayThrow(p)) {
            return e;
        }
        Expr.Local v = new Expr.Local(Type.DOUBLE, names.fresh(p.rule().name()));
        out.add(new Stmt.Decl(null, Type.DOUBLE, v.name(), p));
        return v;
    }

    private Expr.Prim withNamedArgs(Expr.Prim p, List<Stmt> out) {
        List<Expr> args = new ArrayList<>();
        p.args().forEach(a -> args.add(name(a, out)));
        return new Expr.Prim(p.type(), p.rule(), args);
    }
}
