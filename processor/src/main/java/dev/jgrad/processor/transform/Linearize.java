package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Exprs;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Rule;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.UnaryOp;
import dev.jgrad.processor.ir.Walk;
import dev.jgrad.processor.rules.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The tangent of one expression, the forward-mode twin of {@link Adjoints}: each node's tangent is
 * the sum of the partials of its rule (the same rule table) times its arguments' tangents, as JAX's
 * {@code jvp} rules do. The values the partials read (an argument that is no plain variable, the
 * result of {@code exp} or {@code tanh}) go into temporaries, in evaluation order, and the primal
 * expression is rebuilt from the same temporaries, so each value is computed once and the primal
 * result is the same bit for bit.
 *
 * <p>Java evaluates left to right, and a statement may throw (an index out of bounds, an integer
 * division by zero, a call). When an expression holds two or more operations that may throw, and
 * temporaries or the tangent would evaluate them in another order, every such operation is bound
 * to a temporary in evaluation order first ("ordered"), so that the exception is the one the source
 * throws; the tangent then reads only what has already been read once.
 */
final class Linearize {
    /**
     * A primal expression (over temporaries) and its tangent, or null where the tangent is zero;
     * {@code primalFirst}: the primal must be assigned before the tangent is evaluated (see
     * {@link #of(Expr, List, boolean)}).
     */
    record Pair(Expr primal, Expr tangent, boolean primalFirst) {
        Pair(Expr primal, Expr tangent) {
            this(primal, tangent, false);
        }
    }

    private final Activity activity;
    private final Names names;
    private final UnaryOperator<Expr> dotOf;

    /** {@code dotOf} maps an active leaf ({@code w}, {@code m[i][j]}) to its tangent ({@code w_dot}, {@code m_dot[i][j]}). */
    Linearize(Activity activity, Names names, UnaryOperator<Expr> dotOf) {
        this.activity = activity;
        this.names = names;
        this.dotOf = dotOf;
    }

    /** The primal and tangent of {@code e}; the temporaries they read are appended to {@code out}. */
    Pair of(Expr e, List<Stmt> out) {
        return of(e, out, false);
    }

    /**
     * As {@link #of(Expr, List)}. With two or more operations that may throw, where
     * {@code primalMayGoFirst} (the value does not read what the statement assigns) and no value the
     * partials read holds such an operation, nothing that may throw is bound: the caller assigns the
     * primal first, exactly as written, and the tangent then reads only what the primal read
     * ({@code z += w[j] * x[i][j]}: no temporaries, nothing for a tape to keep).
     */
    Pair of(Expr e, List<Stmt> out, boolean primalMayGoFirst) {
        if (throwing(e) < 2) {
            return new Run(out, false).lin(e, true);
        }
        if (primalMayGoFirst && !boundValueMayThrow(e)) {
            Pair p = new Run(out, false, true).lin(e, true);
            return new Pair(p.primal(), p.tangent(), true);
        }
        return new Run(out, true).lin(e, true);
    }

    /** Whether a value the partials of {@code e} read (an argument that is no variable, a result) holds an operation that may throw. */
    private boolean boundValueMayThrow(Expr e) {
        if (e instanceof Expr.Cond || !activity.isActive(e) || e.type() != Type.DOUBLE) {
            return false;
        }
        if (e instanceof Expr.Unary u) {
            return boundValueMayThrow(u.operand());
        }
        if (e instanceof Expr.Cast c) {
            return boundValueMayThrow(c.operand());
        }
        Rule rule = rule(e);
        if (rule == null) {
            return false;
        }
        List<Expr> args = args(e);
        if (rule.readsResult() && mayThrow(e)) {
            return true;
        }
        for (int k = 0; k < args.size(); k++) {
            if (readByPartials(rule, args, k) && !Adjoints.isAtomic(args.get(k)) && mayThrow(args.get(k))
                    || boundValueMayThrow(args.get(k))) {
                return true;
            }
        }
        return false;
    }

    /** Whether some partial of {@code rule} at an active argument reads argument {@code k}. */
    private boolean readByPartials(Rule rule, List<Expr> args, int k) {
        for (int j = 0; j < args.size(); j++) {
            if (rule.differentiableIn(j) && activity.isActive(args.get(j)) && rule.reads(j).args().contains(k)) {
                return true;
            }
        }
        return false;
    }

    private final class Run {
        private final List<Stmt> out;
        private final boolean ordered;
        /** The values bound so far: an equal expression reads the same temporary (and cannot throw twice). */
        private final java.util.Map<Expr, Local> bound = new java.util.HashMap<>();

        /** Binds only what cannot throw: the primal, as written, is evaluated first. */
        private final boolean safe;

        Run(List<Stmt> out, boolean ordered) {
            this(out, ordered, false);
        }

        Run(List<Stmt> out, boolean ordered, boolean safe) {
            this.out = out;
            this.ordered = ordered;
            this.safe = safe;
        }

        /** {@code mayBind} is false inside a branch of {@code ?:}: nothing there may be evaluated unconditionally. */
        Pair lin(Expr e, boolean mayBind) {
            if (e instanceof Expr.Cond c) {
                if (!activity.isActive(e)) {
                    return new Pair(mayBind && ordered && mayThrow(e) ? bind(e) : e, null);
                }
                Pair then = new Run(out, false).lin(c.then(), false);
                Pair otherwise = new Run(out, false).lin(c.otherwise(), false);
                Expr tangent = then.tangent() == null && otherwise.tangent() == null ? null
                        : Exprs.cond(c.cond(), orZero(then.tangent()), orZero(otherwise.tangent()));
                // the branch's values are read again by the tangent: once the whole ?: has been evaluated
                Expr primal = new Expr.Cond(c.type(), c.cond(), then.primal(), otherwise.primal());
                return new Pair(mayBind && ordered && mayThrow(e) ? bind(primal) : primal, tangent);
            }
            if (e.type().isArray() && activity.isActive(e) && (e instanceof Local || e instanceof Expr.Index)) {
                // an array passed to a function with @Derivative methods: its tangent is an array too
                return new Pair(e, dotOf.apply(e));
            }
            if (!activity.isActive(e) || e.type() != Type.DOUBLE) {
                return new Pair(mayBind && ordered ? bindThrowing(e) : e, null);
            }
            if (e instanceof Local) {
                return new Pair(e, dotOf.apply(e));
            }
            if (e instanceof Expr.Index) {
                return new Pair(mayBind && ordered ? bindThrowing(e) : e, dotOf.apply(e));
            }
            if (e instanceof Expr.Unary u) {
                Pair p = lin(u.operand(), mayBind);
                Expr t = p.tangent() == null ? null : u.op() == UnaryOp.NEG ? Exprs.neg(p.tangent()) : p.tangent();
                return new Pair(new Expr.Unary(u.type(), u.op(), p.primal()), t);
            }
            if (e instanceof Expr.Cast c) {
                Pair p = lin(c.operand(), mayBind);
                return new Pair(new Expr.Cast(c.type(), p.primal()), p.tangent());
            }
            Rule rule = rule(e);
            List<Expr> args = args(e);
            List<Expr> primals = new ArrayList<>();
            List<Expr> tangents = new ArrayList<>();
            for (int k = 0; k < args.size(); k++) {
                Pair p = lin(args.get(k), mayBind);
                Expr primal = p.primal();
                if (mayBind && rule != null && readByPartials(rule, args, k) && !Adjoints.isAtomic(primal)) {
                    primal = bind(primal);
                }
                primals.add(primal);
                tangents.add(rule == null ? null : p.tangent());
            }
            Expr primal = rebuild(e, primals);
            if (rule == null || tangents.stream().allMatch(t -> t == null)) {
                return new Pair(primal, null);
            }
            if (mayBind && rule.readsResult()) {
                primal = bind(primal);
            }
            List<Expr> partials = rule.partials(primals, primal);
            Expr tangent = null;
            for (int k = 0; k < args.size(); k++) {
                if (tangents.get(k) == null || partials.get(k) == null || !rule.differentiableIn(k)) {
                    continue;
                }
                Expr term = partials.get(k).type().isArray()
                        // the partial in an array argument, contracted with its tangent: sum_i fDx[i] * x_dot[i]
                        ? new Expr.Call(Type.DOUBLE, "dev.jgrad.runtime.Partials", "dot", List.of(partials.get(k), tangents.get(k)))
                        : Exprs.times(partials.get(k), tangents.get(k));
                tangent = tangent == null ? term : term instanceof Expr.Unary u && u.op() == UnaryOp.NEG
                        ? Exprs.sub(tangent, u.operand()) : Exprs.add(tangent, term);
            }
            return new Pair(primal, tangent);
        }

        /** {@code e} with each operation that may throw bound to a temporary, in evaluation order. */
        Expr bindThrowing(Expr e) {
            if (!mayThrow(e)) {
                return e;
            }
            if (e instanceof Expr.Cond || e instanceof Expr.Call || isThrowing(e)) {
                Local known = bound.get(e);
                return known != null ? known : bind(e instanceof Expr.Index ? bindThrowingInside(e) : e);
            }
            return rebuildChildren(e, this::bindThrowing);
        }

        /** An element read whose index expressions have their own throwing operations bound first. */
        private Expr bindThrowingInside(Expr e) {
            if (e instanceof Expr.Index i) {
                return new Expr.Index(i.type(), bindThrowingInside(i.array()), bindThrowing(i.index()));
            }
            return e;
        }

        /** A temporary that holds {@code e}: one per value, since an expression has no side effects. */
        private Local bind(Expr e) {
            if (e instanceof Local l) {
                return l;
            }
            Local known = bound.get(e);
            if (known != null) {
                return known;
            }
            if (safe && mayThrow(e)) {
                throw new IllegalStateException("a value that may throw would be evaluated before the primal: " + e);
            }
            Local t = new Local(e.type(), names.fresh(nameOf(e)));
            out.add(new Stmt.Decl(null, e.type(), t.name(), e));
            bound.put(e, t);
            return t;
        }
    }

    /** {@code x_i} for {@code x[i]}, {@code p_0} for {@code p[0]}, {@code exp_a} for {@code Math.exp(a)}; else {@code t}. */
    private static String nameOf(Expr e) {
        if (e instanceof Expr.Index i && i.array() instanceof Local a
                && (i.index() instanceof Local || i.index() instanceof Expr.Lit l && l.text().matches("[0-9]+"))) {
            String index = i.index() instanceof Local l ? l.name() : ((Expr.Lit) i.index()).text();
            return a.name() + "_" + index;
        }
        return Adjoints.nameOf(e, "t");
    }

    static Expr orZero(Expr tangent) {
        return tangent == null ? Exprs.ZERO : tangent;
    }

    private static Rule rule(Expr e) {
        if (e instanceof Expr.Binary b && b.type() == Type.DOUBLE) {
            return Rules.binary(b.op());
        }
        if (e instanceof Expr.Prim p && p.type() == Type.DOUBLE && !p.rule().isPiecewiseConstant()) {
            return p.rule();
        }
        return null;
    }

    private static List<Expr> args(Expr e) {
        if (e instanceof Expr.Binary b) {
            return List.of(b.left(), b.right());
        }
        if (e instanceof Expr.Prim p) {
            return p.args();
        }
        if (e instanceof Expr.Call c) {
            return c.args();
        }
        return List.of();
    }

    private static Expr rebuild(Expr e, List<Expr> args) {
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.type(), b.op(), args.get(0), args.get(1));
        }
        if (e instanceof Expr.Prim p) {
            return new Expr.Prim(p.type(), p.rule(), args);
        }
        return e;
    }

    private static Expr rebuildChildren(Expr e, UnaryOperator<Expr> f) {
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.type(), b.op(), f.apply(b.left()), f.apply(b.right()));
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.type(), u.op(), f.apply(u.operand()));
        }
        if (e instanceof Expr.Cast c) {
            return new Expr.Cast(c.type(), f.apply(c.operand()));
        }
        if (e instanceof Expr.Prim p) {
            List<Expr> args = new ArrayList<>();
            p.args().forEach(a -> args.add(f.apply(a)));
            return new Expr.Prim(p.type(), p.rule(), args);
        }
        return e;
    }

    /** Operations that may throw: an element read, an array's length, an integer division, a call. */
    private static boolean isThrowing(Expr e) {
        return e instanceof Expr.Index i && !i.type().isArray() || e instanceof Expr.Length || e instanceof Expr.Call
                || e instanceof Expr.Binary b && b.type().isIntegral() && (b.op() == BinaryOp.DIV || b.op() == BinaryOp.REM);
    }

    static boolean mayThrow(Expr e) {
        return mayThrowBesides(e, null);
    }

    /** Whether {@code e} has an operation that may throw other than reading {@code read} (null: any). */
    static boolean mayThrowBesides(Expr e, Expr read) {
        boolean[] any = {false};
        Walk.postOrder(e, x -> any[0] |= isThrowing(x) && !x.equals(read));
        return any[0];
    }

    /** How many different operations of {@code e} may throw (reading {@code w[i]} twice throws at the first or not at all). */
    static int throwing(Expr e) {
        java.util.Set<Expr> found = new java.util.HashSet<>();
        Walk.postOrder(e, x -> {
            if (isThrowing(x)) {
                found.add(x);
            }
        });
        return found.size();
    }
}
