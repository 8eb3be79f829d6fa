package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.NamePartition;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import dev.jgrad.processor.rules.RuntimeCalls;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One body run for several seeds in lock-step, one "lane" per seed: the full Hessian runs the body of
 * {@code fHvp} for the {@code n} unit vectors at once. A variable whose value depends on the seed (in
 * {@code fHvp}: the tangents, and the adjoints of the primal values) holds one value per lane, in a
 * container one dimension larger ({@code double z_dot} becomes {@code double[] z_dot}, lane {@code k}
 * at {@code z_dot[k]}; an array, one array per lane), declared once at the top. Every other statement
 * (the primal values, {@code Math.exp} and the other calls, the partials, control flow, the tape's
 * decisions, the adjoints of the tangents) runs once, as in one {@code fHvp}. A statement that assigns
 * a lane variable becomes a loop over the lanes, its subexpressions that depend on no seed computed
 * once before the loop; consecutive such statements share one loop. Lane {@code k} computes exactly
 * what the body computes for its seed, operation for operation, so the results are those of the
 * separate runs, bit for bit.
 *
 * <p>With {@code of(..., true)} the lanes of an array are stored side by side instead ({@link SideBySide}):
 * entry {@code w[j]} in lane {@code k} is {@code w[j][k]}, so that the loop over the lanes of a statement
 * reads and writes contiguous memory; an array-valued expression of the lanes is then one expression of the
 * containers, run once, and a body that needs one lane's whole array is {@link Unsupported}.
 *
 * <p>Shapes never depend on a seed: a length, or {@code Arrays2.zerosLike}, of a lane array reads lane
 * 0 ({@link #lanes} is at least 1). A body where a seed's value would decide control flow, index an
 * array, or be an integer cannot run in lanes: {@link Unsupported}, and the caller runs it once per
 * seed.
 */
public final class Lanes {
    /** The body cannot run in lanes; the message says why (for the processor's tests). */
    public static final class Unsupported extends RuntimeException {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    private final Map<String, Type> types = new LinkedHashMap<>();
    private final NamePartition classes = new NamePartition();
    private final Set<String> lane = new HashSet<>();
    private final Set<String> declared = new HashSet<>();
    private final String seed;
    private final Names names;
    private final Local lanes;
    private final Local k;
    private final Set<String> pushed = new HashSet<>();
    private final Set<String> popped = new HashSet<>();
    /** The bodies of the lane loops, and the lane doubles that became locals of one of them. */
    private final Map<List<Stmt>, Block> groups = new java.util.IdentityHashMap<>();
    private final LaneLocals locals;
    /** The layout where an array's lanes are side by side ({@code w[j][lane]}); null: one array per lane. */
    private final SideBySide side;

    private Lanes(String seed, Names names, Local lanes, boolean sideBySide) {
        this.seed = seed;
        this.names = names;
        this.lanes = lanes;
        this.k = new Local(Type.INT, names.fresh("lane"));
        this.side = sideBySide ? new SideBySide(lane::contains, lanes, this::free) : null;
        this.locals = new LaneLocals(k, n -> types.get(n) == Type.DOUBLE && lane.contains(n));
    }

    /**
     * The lanes of {@code body}, whose seed is {@code seed} (a parameter among {@code params}, or a
     * local the caller declares): {@code lanes} is the int local holding the number of lanes, at least 1.
     */
    public static Lanes of(List<Stmt> body, List<Method.Param> params, Local seed, Names names, Local lanes) {
        return of(body, params, seed, names, lanes, false);
    }

    /**
     * {@link #of(List, List, Local, Names, Local)}, with the lanes of each array entry side by side when
     * {@code sideBySide} ({@link SideBySide}): the seed's container is then {@code v[entry][lane]}.
     */
    public static Lanes of(List<Stmt> body, List<Method.Param> params, Local seed, Names names, Local lanes,
            boolean sideBySide) {
        Lanes l = new Lanes(seed.name(), names, lanes, sideBySide);
        params.forEach(p -> l.types.put(p.name(), p.type()));
        l.types.put(seed.name(), seed.type());
        l.analyse(body);
        return l;
    }

    /** The lane index of the loops this writes: {@code lane}. */
    public Local index() {
        return k;
    }

    /** The container of a lane variable of type {@code t}: one dimension more. */
    public static Type container(Type t) {
        switch (t) {
            case DOUBLE: return Type.DOUBLE_ARRAY;
            case DOUBLE_ARRAY: return Type.DOUBLE_MATRIX;
            case DOUBLE_MATRIX: return Type.DOUBLE_CUBE;
            default: throw new Unsupported("a value of type " + t + " depends on the direction");
        }
    }

    /** Whether {@code e}'s value depends on the seed (a length or shape of a lane array does not). */
    public boolean isLane(Expr e) {
        if (e == null || e instanceof Expr.Length || e instanceof Expr.Call c && RuntimeCalls.readsOnlyShape(c)) {
            return false;
        }
        if (e instanceof Local l) {
            return lane.contains(l.name());
        }
        for (Expr x : Children.of(e)) {
            if (isLane(x)) {
                return true;
            }
        }
        return false;
    }

    /** {@code e} in lane {@code at}: each lane variable {@code x} read as {@code x[at]}. */
    public Expr at(Expr e, Expr at) {
        if (side != null && isLane(e) && e.type().isArray()) {
            throw new Unsupported("an array of the directions where one lane's array is needed: " + e);
        }
        if (side != null && e instanceof Expr.Index x && side.isLaneArray(x.array())) {
            return side.entry(x, at);
        }
        if (side != null && (e instanceof Expr.Length || e instanceof Expr.Call c && RuntimeCalls.readsOnlyShape(c))) {
            return free(e);
        }
        if (e instanceof Local l && lane.contains(l.name())) {
            return new Expr.Index(l.type(), new Local(container(l.type()), l.name()), at);
        }
        if (e instanceof Expr.Pop) {
            throw new Unsupported("a value read back from the tape inside an expression of a direction");
        }
        return Children.rebuild(e, x -> at(x, at));
    }

    /** The lanes of the lane double or array {@code e}: {@code x[lane]}, side by side {@code w[j][lane]} ({@code of(..., true)}). */
    public Expr sideBySide(Expr e) {
        if (side != null && e instanceof Local l && l.type() == Type.DOUBLE && lane.contains(l.name())) {
            return new Local(Type.DOUBLE_ARRAY, l.name());
        }
        if (side == null || !side.isLaneArray(e)) {
            throw new Unsupported(e + " is not an array of the directions side by side");
        }
        return side.container(e);
    }

    /**
     * The containers of the lane variables, for the top of the body: {@code double[] z_dot = new double[lanes]};
     * after {@link #rewrite}.
     */
    public List<Stmt> containers() {
        List<Stmt> out = new ArrayList<>();
        for (Map.Entry<String, Type> e : types.entrySet()) {
            if (lane.contains(e.getKey()) && !e.getKey().equals(seed) && !locals.isLocal(e.getKey())) {
                if (!declared.contains(e.getKey())) {
                    throw new Unsupported("parameter " + e.getKey() + " depends on the direction");
                }
                if (side != null && e.getValue().isArray()) {
                    continue; // declared where the body declares it, its lanes made at once
                }
                Type c = container(e.getValue());
                out.add(new Stmt.Decl(null, c, e.getKey(), new Expr.NewArray(c, List.of(lanes))));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- which variables are lanes

    private void analyse(List<Stmt> body) {
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Decl d) {
                Type before = types.put(d.name(), d.type());
                if (declared.contains(d.name()) && before != d.type()) {
                    throw new Unsupported(d.name() + " is declared twice with two types");
                }
                declared.add(d.name());
                if (d.init() != null && d.type().isArray()) {
                    aliasRoots(d.init()).forEach(r -> classes.union(d.name(), r));
                }
            } else if (s instanceof Stmt.Assign a && a.target().type().isArray() && Walk.root(a.target()) != null) {
                aliasRoots(a.value()).forEach(r -> classes.union(Walk.root(a.target()), r));
            }
        });
        mark(seed);
        boolean changed = true;
        while (changed) {
            changed = false;
            List<Stmt> all = new ArrayList<>();
            Walk.statements(body, all::add);
            for (Stmt s : all) {
                String target = null;
                Expr value = null;
                if (s instanceof Stmt.Decl d) {
                    target = d.name();
                    value = d.init();
                } else if (s instanceof Stmt.Assign a) {
                    target = Walk.root(a.target());
                    value = a.value();
                }
                if (target != null && !lane.contains(target) && isLane(value)) {
                    mark(target);
                    changed = true;
                }
            }
        }
    }

    /** Marks {@code name} and every array it may share storage with. */
    private void mark(String name) {
        String root = classes.find(name);
        for (String n : types.keySet()) {
            if (classes.find(n).equals(root)) {
                container(types.get(n)); // an int or a boolean that depends on the direction: no lanes
                lane.add(n);
            }
        }
    }

    /** The arrays an array-valued expression may be: {@code a} for {@code a}, {@code a[i]}, {@code c ? a : b[j]}. */
    private static List<String> aliasRoots(Expr e) {
        if (e instanceof Expr.Cond c) {
            List<String> out = new ArrayList<>(aliasRoots(c.then()));
            out.addAll(aliasRoots(c.otherwise()));
            return out;
        }
        String root = Walk.root(e);
        return root == null ? List.of() : List.of(root);
    }

    // ---------------------------------------------------------------- the rewrite

    /**
     * {@code body} with its lane statements as loops over the lanes; {@code kept} are read after it
     * (they keep their containers).
     */
    public List<Stmt> rewrite(List<Stmt> body, List<Expr> kept) {
        List<Stmt> out = statements(body);
        if (!pushed.equals(popped)) {
            throw new Unsupported("the tape's values of the directions do not pair up: pushed " + pushed
                    + ", restored " + popped);
        }
        Set<String> keep = new HashSet<>();
        kept.forEach(e -> Walk.locals(e, keep::add));
        Map<String, Integer> total = Mentions.count(out);
        for (Map.Entry<List<Stmt>, Block> group : groups.entrySet()) {
            locals.localize(group.getKey(), total, keep);
            if (group.getKey().isEmpty()) {
                group.getValue().out.removeIf(x -> x instanceof Stmt.For f && f.body() == group.getKey());
            }
        }
        return out;
    }

    private List<Stmt> statements(List<Stmt> body) {
        Block out = new Block();
        body.forEach(s -> statement(s, out));
        return out.out;
    }

    private void statement(Stmt s, Block out) {
        if (s instanceof Stmt.Decl d) {
            if (!lane.contains(d.name())) {
                out.plain(new Stmt.Decl(d.src(), d.type(), d.name(), free(d.init())));
            } else if (side != null && d.type().isArray()) {
                if (d.init() instanceof Expr.Pop) {
                    popped.add(classes.find(d.name()));
                }
                out.plain(new Stmt.Decl(d.src(), container(d.type()), d.name(),
                        d.init() == null ? null : side.arrayValue(d.init())));
            } else if (d.init() != null) {
                assign(d.src(), new Local(d.type(), d.name()), d.init(), out);
            }
        } else if (s instanceof Stmt.Assign a) {
            String root = Walk.root(a.target());
            if (root != null && lane.contains(root) && side != null && a.target().type().isArray()) {
                if (a.value() instanceof Expr.Pop) {
                    popped.add(classes.find(root));
                }
                out.plain(new Stmt.Assign(a.src(), side.container(a.target()), side.arrayValue(a.value())));
            } else if (root != null && lane.contains(root)) {
                assign(a.src(), a.target(), a.value(), out);
            } else {
                out.plain(new Stmt.Assign(a.src(), free(a.target()), free(a.value())));
            }
        } else if (s instanceof Stmt.If i) {
            out.plain(new Stmt.If(i.src(), free(i.cond()), statements(i.then()), statements(i.otherwise())));
        } else if (s instanceof Stmt.While w) {
            out.plain(new Stmt.While(w.src(), free(w.cond()), statements(w.body()), w.testAfter()));
        } else if (s instanceof Stmt.For f) {
            out.plain(new Stmt.For(f.src(), statements(f.init()), free(f.cond()), statements(f.update()),
                    statements(f.body())));
        } else if (s instanceof Stmt.Block b) {
            out.plain(new Stmt.Block(b.src(), statements(b.body())));
        } else if (s instanceof Stmt.Repeat r) {
            out.plain(new Stmt.Repeat(r.counter(), free(r.from()), statements(r.body())));
        } else if (s instanceof Stmt.TryFinally t) {
            out.plain(new Stmt.TryFinally(statements(t.body()), statements(t.last())));
        } else if (s instanceof Stmt.Push p) {
            if (!isLane(p.value())) {
                out.plain(new Stmt.Push(free(p.value())));
                return;
            }
            if (!(p.value() instanceof Local || p.value() instanceof Expr.Index)) {
                throw new Unsupported("the tape keeps an expression of the directions: " + p.value());
            }
            pushed.add(classes.find(Walk.root(p.value())));
            if (side != null && p.value().type().isArray()) {
                out.plain(new Stmt.Push(side.container(p.value()))); // the reference to all lanes, once
                return;
            }
            out.plain(loop(false, List.of(new Stmt.Push(at(p.value(), k)))));
        } else if (s instanceof Stmt.Run r) {
            if (!isLane(r.call())) {
                out.plain(new Stmt.Run((Expr.Call) free(r.call())));
                return;
            }
            for (Expr a : r.call().args()) {
                if (a.type().isArray() && !mentionsLane(a) && !RuntimeCalls.writesNothing(r.call())) {
                    // the call may write into that argument: the same array for every direction
                    throw new Unsupported("a runtime call mixes the directions' arrays with others: " + r.call());
                }
            }
            List<Stmt> temps = new ArrayList<>();
            Expr call = hoist(r.call(), temps);
            out.lane(temps, new Stmt.Run((Expr.Call) at(call, k)));
        } else if (s instanceof Stmt.Throw t) {
            out.plain(new Stmt.Throw(t.src(), t.exception(), t.args().stream().map(this::free).toList()));
        } else if (s instanceof Stmt.Assert a) {
            out.plain(new Stmt.Assert(a.src(), free(a.cond()), free(a.message())));
        } else if (s instanceof Stmt.Return r) {
            out.plain(new Stmt.Return(r.src(), free(r.value())));
        } else if (s instanceof Stmt.ParallelFor p) {
            boolean[] any = {false};
            Walk.statements(List.of(p), x -> Walk.expressions(x, e -> any[0] |= mentionsLane(e)));
            if (any[0]) {
                throw new Unsupported("a parallel loop computes values of the directions");
            }
            out.plain(p);
        } else {
            out.plain(s);
        }
    }

    /** {@code target = value} for a lane target: a loop over the lanes, or a pop of each lane in reverse. */
    private void assign(dev.jgrad.processor.ir.Src src, Expr target, Expr value, Block out) {
        if (value instanceof Expr.Pop) {
            popped.add(classes.find(Walk.root(target)));
            out.plain(loop(true, List.of(new Stmt.Assign(src, at(target, k), value))));
            return;
        }
        List<Stmt> temps = new ArrayList<>();
        Expr v = hoist(value, temps);
        out.lane(temps, new Stmt.Assign(src, at(target, k), at(v, k)));
    }

    /**
     * {@code e} with each largest subexpression that depends on no direction (and is more than a
     * variable or a literal) bound to a temporary in {@code temps}, in evaluation order; nothing
     * inside a branch of {@code ?:} (it may not be evaluated at all), and no array (each lane needs
     * its own {@code new double[m]}).
     */
    private Expr hoist(Expr e, List<Stmt> temps) {
        if (!mentionsLane(e) && !e.type().isArray()) {
            if (e instanceof Local || e instanceof Expr.Lit || e instanceof Expr.Const || e.type() == Type.STRING
                    || e instanceof Expr.Unary u && u.operand() instanceof Expr.Lit) {
                return e;
            }
            Local t = new Local(e.type(), names.fresh(Adjoints.nameOf(e, "t")));
            temps.add(new Stmt.Decl(null, e.type(), t.name(), e));
            return t;
        }
        if (e instanceof Expr.Cond c) {
            return new Expr.Cond(c.type(), hoist(c.cond(), temps), c.then(), c.otherwise());
        }
        if (e instanceof Expr.Length || e instanceof Expr.Call c && RuntimeCalls.readsOnlyShape(c)) {
            return e;
        }
        return Children.rebuild(e, x -> hoist(x, temps));
    }

    /** An expression of a statement that runs once: it may read the shape of a lane array, not its values. */
    private Expr free(Expr e) {
        if (e == null || !mentionsLane(e)) {
            return e;
        }
        if (e instanceof Local l) {
            throw new Unsupported(l.name() + ", which depends on the direction, is read where one value is needed");
        }
        if (side != null && e instanceof Expr.Length len && side.isLaneArray(len.array())) {
            return new Expr.Length(side.container(len.array()));
        }
        if (side != null && e instanceof Expr.Call c && RuntimeCalls.readsOnlyShape(c)) {
            return side.shape(c);
        }
        Expr first = Expr.Lit.ofInt(0);
        if (e instanceof Expr.Length len) {
            return new Expr.Length(at(len.array(), first));
        }
        if (e instanceof Expr.Call c && RuntimeCalls.readsOnlyShape(c)) {
            return Children.rebuild(c, x -> at(x, first));
        }
        return Children.rebuild(e, this::free);
    }

    private boolean mentionsLane(Expr e) {
        boolean[] any = {false};
        Walk.locals(e, n -> any[0] |= lane.contains(n));
        return any[0];
    }

    /** {@code for (int lane = 0; lane < lanes; lane++) body}, or backwards from the last lane. */
    private Stmt.For loop(boolean backwards, List<Stmt> body) {
        Expr one = Expr.Lit.ofInt(1);
        Expr start = backwards ? new Expr.Binary(Type.INT, BinaryOp.SUB, lanes, one) : Expr.Lit.ofInt(0);
        Expr cond = backwards ? new Expr.Binary(Type.BOOLEAN, BinaryOp.GE, k, Expr.Lit.ofInt(0))
                : new Expr.Binary(Type.BOOLEAN, BinaryOp.LT, k, lanes);
        Stmt step = new Stmt.Assign(null, k, new Expr.Binary(Type.INT, backwards ? BinaryOp.SUB : BinaryOp.ADD, k, one));
        return new Stmt.For(null, List.of(new Stmt.Decl(null, Type.INT, k.name(), start)), cond, List.of(step), body);
    }

    /** The statements of one block, with the lane loop that consecutive lane statements share. */
    private final class Block {
        final List<Stmt> out = new ArrayList<>();
        /** The body of the open lane loop, and where the loop stands in {@link #out}; null when closed. */
        private List<Stmt> group;
        private int at;

        void plain(Stmt s) {
            group = null;
            out.add(s);
        }

        /** A statement of every lane, after {@code temps} (which read no lane: they may go before the loop). */
        void lane(List<Stmt> temps, Stmt perLane) {
            if (group == null) {
                out.addAll(temps);
                group = new ArrayList<>();
                groups.put(group, this);
                at = out.size();
                out.add(loop(false, group));
            } else {
                out.addAll(at, temps);
                at += temps.size();
            }
            group.add(perLane);
        }
    }
}
