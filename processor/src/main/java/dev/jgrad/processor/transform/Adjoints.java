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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The adjoint of one expression, shared by every transform: first the values its partials need (in
 * evaluation order, each computed once, into temporaries), then the partials of the rule table
 * times the seed, passed down to the active leaves as {@code leaf_bar += ...}.
 */
final class Adjoints {
    private final Activity activity;
    private final Names names;
    private final UnaryOperator<Expr> adjointOf;

    /** {@code adjointOf} maps an active leaf ({@code w}, {@code m[i][j]}) to its adjoint ({@code w_bar}, {@code m_bar[i][j]}). */
    Adjoints(Activity activity, Names names, UnaryOperator<Expr> adjointOf) {
        this.activity = activity;
        this.names = names;
        this.adjointOf = adjointOf;
    }

    /** Appends to {@code out} the statements that add {@code seed} times the derivative of {@code e} to the adjoints of its leaves. */
    void propagate(Expr e, Expr seed, List<Stmt> out) {
        propagate(e, seed, null, out);
    }

    /**
     * As {@link #propagate(Expr, Expr, List)}, where {@code value}, if not null, is a local that holds
     * the value of {@code e}: a rule that reads its result ({@code tanh}: 1 - r * r) reads it there
     * instead of computing {@code e} again.
     */
    void propagate(Expr e, Expr seed, Local value, List<Stmt> out) {
        List<Stmt> mine = new ArrayList<>();
        Contribution c = new Contribution(mine);
        if (value != null) {
            c.atoms.put(e, value);
        }
        c.propagate(e, seed);
        out.addAll(withoutUnusedTemporaries(mine));
    }

    /**
     * {@code stmts} without the temporaries that nothing reads: a rule may ask for a value that only
     * the partial of an inactive argument uses ({@code w % 3} with 3 inactive).
     */
    private static List<Stmt> withoutUnusedTemporaries(List<Stmt> stmts) {
        List<Stmt> out = new ArrayList<>(stmts);
        boolean removed = true;
        while (removed) {
            removed = false;
            for (int k = out.size() - 1; k >= 0; k--) {
                if (out.get(k) instanceof Stmt.Decl d) {
                    boolean[] read = {false};
                    Walk.statements(out.subList(k + 1, out.size()),
                            s -> Walk.expressions(s, x -> Walk.locals(x, n -> read[0] |= n.equals(d.name()))));
                    if (!read[0]) {
                        out.remove(k);
                        removed = true;
                    }
                }
            }
        }
        return out;
    }

    /**
     * {@code e} with the variable at its root replaced by that variable's adjoint: {@code m_bar[i][j]}
     * for {@code m[i][j]}, {@code c ? a_bar : b_bar} for {@code c ? a : b}.
     */
    static Expr adjointOf(Expr e, java.util.function.Function<String, Local> bar) {
        if (isTable(e)) {
            // a constant table has no derivative: its adjoint (or tangent) is a throw-away buffer of its
            // shape, so what is added into it is dropped, what is read from it is 0, and the table stays as it is
            return new Expr.Call(e.type(), "dev.jgrad.runtime.Arrays2", "zerosLike", List.of(e));
        }
        if (e instanceof Local l) {
            return bar.apply(l.name());
        }
        if (e instanceof Expr.Index i) {
            return new Expr.Index(i.type(), adjointOf(i.array(), bar), i.index());
        }
        if (e instanceof Expr.Cond c) {
            return new Expr.Cond(c.type(), c.cond(), adjointOf(c.then(), bar), adjointOf(c.otherwise(), bar));
        }
        throw new IllegalStateException("no adjoint for " + e);
    }

    /** A constant table ({@code Owner.TABLE}) or a row of one: an array that has no derivative. */
    static boolean isTable(Expr e) {
        return e.type().isArray() && (e instanceof Expr.Const || e instanceof Expr.Index i && isTable(i.array()));
    }

    /** The adjoint array that goes with an active array variable just assigned {@code value}. */
    Expr adjointArray(Expr value, Expr assigned) {
        if (value instanceof Expr.NewArray || value instanceof Expr.Lit) {
            // a fresh array's adjoint is a fresh array of its shape; null's is null
            return value;
        }
        if (value instanceof Expr.ArrayLit || value instanceof Expr.Call) {
            // a literal's slots take their elements' adjoints later; a call's result depends on nothing active
            return new Expr.Call(value.type(), "dev.jgrad.runtime.Arrays2", "zerosLike", List.of(assigned));
        }
        return adjointOf.apply(value);
    }

    /** The elements of a fresh array literal take the adjoints of its slots: {@code a_bar += v_bar[0]}. */
    void literalAdjoints(Expr.ArrayLit lit, Expr adjoint, List<Stmt> out) {
        for (int k = 0; k < lit.elements().size(); k++) {
            Expr element = lit.elements().get(k);
            Expr slot = new Expr.Index(lit.type().element(), adjoint, Expr.Lit.ofInt(k));
            if (element instanceof Expr.ArrayLit inner) {
                literalAdjoints(inner, slot, out);
            } else {
                propagate(element, slot, out);
            }
        }
    }

    private final class Contribution {
    /**
     * The adjoint of one expression: first the values its partials need (in evaluation order, each
     * computed once), then the partials times the seed, passed down to the active leaves.
     */

        private final List<Stmt> out;
        private final Map<Expr, Expr> atoms = new IdentityHashMap<>();
        private final Set<Expr> wanted = Collections.newSetFromMap(new IdentityHashMap<>());

        Contribution(List<Stmt> out) {
            this.out = out;
        }

        void propagate(Expr e, Expr seed) {
            if (!activity.isActive(e)) {
                return;
            }
            want(e);
            bind(e);
            down(e, seed);
        }

        /** The rule of a node whose partials the adjoint passes through, or null (a leaf, a constant function). */
        private Rule rule(Expr e) {
            if (e instanceof Expr.Binary b && b.type() == Type.DOUBLE) {
                return Rules.binary(b.op());
            }
            if (e instanceof Expr.Prim p && p.type() == Type.DOUBLE && !p.rule().isPiecewiseConstant()) {
                return p.rule();
            }
            return null;
        }

        private List<Expr> args(Expr e) {
            if (e instanceof Expr.Binary b) {
                return List.of(b.left(), b.right());
            }
            return ((Expr.Prim) e).args();
        }

        /** Marks the values the partials of the active nodes of {@code e} read. */
        private void want(Expr e) {
            if (!activity.isActive(e)) {
                return;
            }
            if (e instanceof Expr.Unary u) {
                want(u.operand());
            } else if (e instanceof Expr.Cast c) {
                want(c.operand());
            } else if (e instanceof Expr.Cond) {
                // each branch binds what it needs under its own condition (see down)
                return;
            } else {
                Rule r = rule(e);
                if (r == null) {
                    return;
                }
                List<Expr> args = args(e);
                for (int k = 0; k < args.size(); k++) {
                    if (r.differentiableIn(k) && activity.isActive(args.get(k))) {
                        Rule.Reads reads = r.reads(k);
                        reads.args().forEach(j -> wanted.add(args.get(j)));
                        if (reads.result()) {
                            wanted.add(e);
                        }
                    }
                }
                args.forEach(this::want);
            }
        }

        /** Binds each wanted value that is not a plain variable to a temporary, children first. */
        private void bind(Expr e) {
            Walk.postOrder(e, x -> {
                if (wanted.contains(x) && !isAtomic(x) && !atoms.containsKey(x)) {
                    Local t = new Local(x.type(), names.fresh(nameOf(x, "t")));
                    out.add(new Stmt.Decl(null, x.type(), t.name(), rebuild(x)));
                    atoms.put(x, t);
                }
            });
        }

        /** {@code e} with the sub-expressions already bound replaced by their temporaries. */
        private Expr rebuild(Expr e) {
            Expr bound = atoms.get(e);
            if (bound != null) {
                return bound;
            }
            if (e instanceof Expr.Binary b) {
                return new Expr.Binary(b.type(), b.op(), rebuild(b.left()), rebuild(b.right()));
            }
            if (e instanceof Expr.Unary u) {
                return new Expr.Unary(u.type(), u.op(), rebuild(u.operand()));
            }
            if (e instanceof Expr.Prim p) {
                List<Expr> args = new ArrayList<>();
                p.args().forEach(a -> args.add(rebuild(a)));
                return new Expr.Prim(p.type(), p.rule(), args);
            }
            if (e instanceof Expr.Call c) {
                List<Expr> args = new ArrayList<>();
                c.args().forEach(a -> args.add(rebuild(a)));
                return new Expr.Call(c.type(), c.owner(), c.name(), args);
            }
            if (e instanceof Expr.Cast c) {
                return new Expr.Cast(c.type(), rebuild(c.operand()));
            }
            if (e instanceof Expr.Cond c) {
                return new Expr.Cond(c.type(), rebuild(c.cond()), rebuild(c.then()), rebuild(c.otherwise()));
            }
            return e;
        }

        private Expr atom(Expr e) {
            return atoms.getOrDefault(e, e);
        }

        private void down(Expr e, Expr seed) {
            if (!activity.isActive(e)) {
                return;
            }
            if (e instanceof Local || e instanceof Expr.Index) {
                accumulate(e, seed);
            } else if (e instanceof Expr.Unary u) {
                down(u.operand(), u.op() == UnaryOp.NEG ? Exprs.neg(seed) : seed);
            } else if (e instanceof Expr.Cast c) {
                down(c.operand(), seed);
            } else if (e instanceof Expr.Cond c) {
                // the values a branch needs are computed only when the branch was taken
                List<Stmt> then = new ArrayList<>();
                new Contribution(then).propagate(c.then(), seed);
                List<Stmt> otherwise = new ArrayList<>();
                new Contribution(otherwise).propagate(c.otherwise(), seed);
                out.add(new Stmt.If(null, c.cond(), then, otherwise));
            } else {
                Rule r = rule(e);
                if (r == null) {
                    return;
                }
                List<Expr> args = args(e);
                // an argument that occurs twice (x * x) has one value: its partials read the first's
                List<Expr> argAtoms = new ArrayList<>();
                for (int k = 0; k < args.size(); k++) {
                    argAtoms.add(atom(args.get(firstSame(args, k))));
                }
                List<Expr> partials = r.partials(argAtoms, atom(e));
                for (int k = 0; k < args.size(); k++) {
                    Expr arg = args.get(k);
                    Expr partial = partials.get(k);
                    if (partial == null || !activity.isActive(arg) || counted(args, partials, k)) {
                        continue;
                    }
                    // equal contributions to one argument add up: x * x gives one of 2 x, not two of x
                    int times = 1;
                    for (int j = k + 1; j < args.size(); j++) {
                        times += sameValue(args.get(j), arg) && partial.equals(partials.get(j)) ? 1 : 0;
                    }
                    Expr scaled = times == 1 ? seed : Exprs.mul(seed, Exprs.lit(times));
                    if (partial.type().isArray()) {
                        arrayContribution(arg, scaled, partial);
                        continue;
                    }
                    down(arg, bindUnlessLeaf(arg, Exprs.scaled(scaled, partial)));
                }
            }
        }

        /**
         * The partial in an array argument (a {@code @Derivative} method's, an array of the argument's
         * shape), called once into a temporary and added element by element, scaled by the seed, to the
         * argument's adjoint: {@code x_bar[i] += seed * fDx_x[i]}. The partial's array is only read.
         */
        private void arrayContribution(Expr arg, Expr seed, Expr partial) {
            Expr scale = isAtomic(seed) ? seed : bindUnlessLeaf(partial, seed);
            Local d = new Local(partial.type(), names.fresh(partialName(partial, arg)));
            out.add(new Stmt.Decl(null, partial.type(), d.name(), rebuild(partial)));
            out.add(addLoop(adjointOf.apply(arg), d, scale));
        }

        /** {@code for (int i = 0; i < d.length; i++) target[i] += scale * d[i];}, nested for a matrix. */
        private Stmt addLoop(Expr target, Expr d, Expr scale) {
            Local i = new Local(Type.INT, names.fresh("i"));
            Expr ti = new Expr.Index(target.type().element(), target, i);
            Expr di = new Expr.Index(d.type().element(), d, i);
            Stmt body = ti.type() == Type.DOUBLE
                    ? new Stmt.Assign(null, ti, new Expr.Binary(Type.DOUBLE, BinaryOp.ADD, ti, Exprs.mul(scale, di)))
                    : addLoop(ti, di, scale);
            return new Stmt.For(null, List.of(new Stmt.Decl(null, Type.INT, i.name(), Expr.Lit.ofInt(0))),
                    Exprs.compare(BinaryOp.LT, i, new Expr.Length(d)), List.of(new Stmt.Assign(null, i,
                            new Expr.Binary(Type.INT, BinaryOp.ADD, i, Expr.Lit.ofInt(1)))), List.of(body));
        }

        /** Whether the contribution of argument {@code k} was added with that of an earlier one. */
        private boolean counted(List<Expr> args, List<Expr> partials, int k) {
            for (int j = 0; j < k; j++) {
                if (sameValue(args.get(j), args.get(k)) && partials.get(k).equals(partials.get(j))) {
                    return true;
                }
            }
            return false;
        }

        /** The seed of {@code child}: as is for a leaf, else in a temporary, since the child may use it twice. */
        private Expr bindUnlessLeaf(Expr child, Expr seed) {
            if (child instanceof Local || child instanceof Expr.Index || isAtomic(seed)) {
                return seed;
            }
            String held = nameOf(child, null);
            Local t = new Local(Type.DOUBLE, names.fresh(held == null ? "d" : held + "_bar"));
            out.add(new Stmt.Decl(null, Type.DOUBLE, t.name(), seed));
            return t;
        }

        /** {@code leaf_bar += seed}, or {@code -=} for a negated seed. */
        private void accumulate(Expr leaf, Expr seed) {
            Expr target = adjointOf.apply(leaf);
            if (seed instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
                out.add(new Stmt.Assign(null, target, new Expr.Binary(Type.DOUBLE, BinaryOp.SUB, target, u.operand())));
            } else {
                out.add(new Stmt.Assign(null, target, new Expr.Binary(Type.DOUBLE, BinaryOp.ADD, target, seed)));
            }
        }
    }

    /**
     * A name for a temporary that holds {@code e}, after what it holds: {@code tanh_a} for
     * {@code Math.tanh(a)}, {@code pow_x_y} for {@code Math.pow(x, y)}; else {@code fallback}.
     */
    static String nameOf(Expr e, String fallback) {
        if (!(e instanceof Expr.Prim p) || p.rule().owner() == null) {
            return fallback;
        }
        StringBuilder name = new StringBuilder(p.rule().name());
        for (Expr a : p.args()) {
            if (!(a instanceof Local l)) {
                return fallback;
            }
            name.append('_').append(l.name());
        }
        return name.length() <= MAX_NAME ? name.toString() : fallback;
    }

    /** {@code fDx_x} for the partial {@code fDx} at the argument {@code x}; {@code fDx} at another argument. */
    private static String partialName(Expr partial, Expr arg) {
        String name = partial instanceof Expr.Call c && c.args().size() > 2 && c.args().get(2) instanceof Expr.Call d
                ? d.name() : "d";
        String at = arg instanceof Local l ? name + "_" + l.name() : name;
        return at.length() <= MAX_NAME ? at : name;
    }

    /** The longest name {@link #nameOf} makes: longer ones read worse than {@code t}. */
    private static final int MAX_NAME = 20;

    /** The first argument that has the value of argument {@code k}. */
    private static int firstSame(List<Expr> args, int k) {
        for (int j = 0; j < k; j++) {
            if (sameValue(args.get(j), args.get(k))) {
                return j;
            }
        }
        return k;
    }

    /** Whether two side-effect-free expressions have one value: equal, and reading nothing from the tape. */
    private static boolean sameValue(Expr a, Expr b) {
        boolean[] pops = {false};
        Walk.postOrder(a, x -> pops[0] |= x instanceof Expr.Pop);
        return !pops[0] && a.equals(b);
    }

    /** Cheap to read twice: a variable, a literal, a constant, or an array element at a simple index. */
    static boolean isAtomic(Expr e) {
        if (e instanceof Local || e instanceof Expr.Lit || e instanceof Expr.Const) {
            return true;
        }
        if (e instanceof Expr.Length l) {
            return isAtomic(l.array());
        }
        if (e instanceof Expr.Index i) {
            return isAtomic(i.array()) && isSimpleIndex(i.index());
        }
        if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
            return u.operand() instanceof Local || u.operand() instanceof Expr.Lit;
        }
        return false;
    }

    private static boolean isSimpleIndex(Expr e) {
        if (e instanceof Local || e instanceof Expr.Lit) {
            return true;
        }
        return e instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
                && (b.left() instanceof Local || b.left() instanceof Expr.Lit)
                && (b.right() instanceof Local || b.right() instanceof Expr.Lit);
    }

}
