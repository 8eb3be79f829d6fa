package dev.jgrad.processor.transform;

import static dev.jgrad.processor.ir.Exprs.ONE;
import static dev.jgrad.processor.ir.Exprs.ZERO;

import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.analysis.LoopForm;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Flow;
import dev.jgrad.processor.ir.Exprs;
import dev.jgrad.processor.ir.Gradient;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode by source transformation, in joint mode: a forward sweep that runs the method as
 * written, then a reverse sweep that walks its statements backwards and propagates adjoints
 * (Giering and Kaminski's recipes).
 *
 * <p>The reverse sweep evaluates each partial derivative in the state the forward sweep had when it
 * ran the statement: every variable the reverse sweep reads is restored as it goes, by popping the
 * value that the forward sweep pushed before overwriting it, or by undoing an integer increment.
 * Which variables those are is found by generating the reverse sweep and reading what it reads
 * (the to-be-recorded analysis of Hascoët, Naumann and Pascual), to a fixed point. Branch decisions
 * and trip counts go on the tape only for branches and loops whose reverse does something.
 */
public final class Reverse {
    private static final String ARRAYS2 = "dev.jgrad.runtime.Arrays2";

    private final Method method;
    private final Activity activity;
    private final Map<String, Type> types = new HashMap<>();
    private final Set<String> declaredInLoop = new HashSet<>();
    /** Indices of loops the reverse sweep counts back down: it declares them itself. */
    private final Set<String> countedIndices = new HashSet<>();
    /** Locals declared directly in the method's body, outside any block. */
    private final Set<String> topLevel = new HashSet<>();
    private final Map<String, String> bars = new LinkedHashMap<>();
    private final Set<String> forced = new HashSet<>();
    private Names names;
    private Set<String> needed = Set.of();
    /** Every primal variable the final reverse sweep names, read or written: these are declared at the top. */
    private final Set<String> inReverse = new HashSet<>();
    private Local value;
    private String tape;
    private final Map<Stmt, Boolean> reverseDoesWork = new IdentityHashMap<>();
    /** The restores {@code v = tape.pop()} of the reverse sweep, with the statement each undoes. */
    private final Map<Stmt, Stmt> restores = new IdentityHashMap<>();
    /** Statements whose old value nothing reads before the next restore of the same variable. */
    private final Set<Stmt> deadRestores = Collections.newSetFromMap(new IdentityHashMap<>());

    private Reverse(Method method, Activity activity) {
        this.method = method;
        this.activity = activity;
    }

    public static Gradient of(Method method, List<String> wrt, Activity activity) {
        return new Reverse(method, activity).run(wrt);
    }

    private Gradient run(List<String> wrt) {
        for (Method.Param p : method.params()) {
            types.put(p.name(), p.type());
        }
        collectDecls(method.body(), 0);
        method.body().forEach(st -> {
            if (st instanceof Stmt.Decl d) {
                topLevel.add(d.name());
            }
        });
        for (Method.Param p : method.params()) {
            if (wrt.contains(p.name()) || isActiveVar(p.name())) {
                bars.put(p.name(), null);
            }
        }
        Walk.statements(method.body(), s -> {
            if (s instanceof Stmt.Decl d && isActiveVar(d.name())) {
                bars.put(d.name(), null);
            }
            if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Index) {
                String root = Walk.root(a.target());
                if (method.param(root) != null || aliasesParam(root)) {
                    // the caller's arrays are left as they were found
                    forced.add(activity.aliasOf(root));
                }
            }
        });
        names = method.names();
        for (Map.Entry<String, String> e : bars.entrySet()) {
            e.setValue(names.fresh(Names.adjoint(e.getKey())));
        }
        // to-be-recorded analysis: generate the reverse sweep, see what it reads, until nothing changes
        Names real = names;
        Set<String> reads = new HashSet<>(forced);
        int rounds = 0;
        do {
            if (++rounds > 100) {
                throw new IllegalStateException("to-be-recorded analysis did not converge");
            }
            needed = reads;
            names = real.copy();
            tape = null;
            reads = new HashSet<>(forced);
            reads.addAll(primalReads(reverse(method.body())));
        } while (!reads.equals(needed));
        // a restore whose value is overwritten by the next restore before anything reads it is dead:
        // neither it nor its push is needed (a += w[j] * x[i][j] in a loop reads nothing of a)
        names = real.copy();
        restores.clear();
        List<Stmt> trial = reverse(method.body());
        Liveness.deadRestores(trial, restores, deadRestores);
        names = real;
        tape = null;
        reverseDoesWork.clear();
        List<Stmt> reverse = reverse(method.body());
        Walk.statements(reverse, st -> Walk.expressions(st, e -> Walk.locals(e, n -> {
            if (types.containsKey(n)) {
                inReverse.add(n);
            }
        })));
        List<Stmt> forward = forward(method.body());
        if (!tapeUsed(forward) && !tapeUsed(reverse)) {
            tape = null;
        }

        List<Stmt> body = new ArrayList<>();
        if (tape != null) {
            body.add(new Stmt.Decl(null, Type.VOID, tape, null));
        }
        for (Map.Entry<String, String> e : bars.entrySet()) {
            body.add(new Stmt.Decl(null, types.get(e.getKey()), e.getValue(), initialAdjoint(e.getKey())));
        }
        for (String v : hoisted()) {
            body.add(new Stmt.Decl(null, types.get(v), v, new Expr.Lit(types.get(v), types.get(v).zero())));
        }
        body.addAll(forward);
        // the reverse sweep restores the inputs it reads; the caller sees them as the source leaves them
        Inputs.Plan inputs = Inputs.of(method, activity, forced, names);
        body.addAll(0, inputs.entry());
        if (!Flow.canComplete(forward)) {
            // the method always throws (or never ends): there is no gradient to return
            return new Gradient(body, null, List.of(), tape);
        }
        if (!reverse.isEmpty()) {
            body.addAll(inputs.keep());
            body.add(new Stmt.Comment("reverse sweep"));
            body.addAll(reverse);
            body.addAll(inputs.giveBack());
        }
        List<Expr> components = new ArrayList<>();
        for (Method.Param p : method.params()) {
            if (wrt.contains(p.name())) {
                components.add(new Local(p.type(), bars.get(p.name())));
            }
        }
        return new Gradient(body, value, components, tape);
    }

    // ---------------------------------------------------------------- facts about variables

    private void collectDecls(List<Stmt> body, int loops) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Decl d) {
                types.put(d.name(), d.type());
                if (loops > 0) {
                    declaredInLoop.add(d.name());
                }
            } else if (s instanceof Stmt.If i) {
                collectDecls(i.then(), loops);
                collectDecls(i.otherwise(), loops);
            } else if (s instanceof Stmt.Block b) {
                collectDecls(b.body(), loops);
            } else if (s instanceof Stmt.While w) {
                collectDecls(w.body(), loops + 1);
            } else if (s instanceof Stmt.For f) {
                collectDecls(f.init(), loops);
                collectDecls(f.update(), loops + 1);
                collectDecls(f.body(), loops + 1);
            }
        }
    }

    private boolean aliasesParam(String name) {
        String cls = activity.aliasOf(name);
        return method.params().stream().anyMatch(p -> p.type().isArray() && activity.aliasOf(p.name()).equals(cls));
    }

    private boolean isActiveVar(String name) {
        Type t = types.get(name);
        return t != null && t.isDifferentiable() && activity.isActive(name);
    }

    private boolean isNeeded(String name) {
        Type t = types.get(name);
        if (t != null && t.isArray()) {
            return needed.contains(activity.aliasOf(name)) || needed.contains(name);
        }
        return needed.contains(name);
    }

    /** The variables the reverse sweep reads must be declared where it can see them: at the top. */
    private List<String> hoisted() {
        List<String> out = new ArrayList<>();
        Walk.statements(method.body(), s -> {
            if (s instanceof Stmt.Decl d && mustHoist(d.name())) {
                out.add(d.name());
            }
        });
        return out;
    }

    private boolean mustHoist(String name) {
        // a declaration of the method's own top level is seen by the reverse sweep where it stands
        return types.containsKey(name) && method.param(name) == null && !topLevel.contains(name)
                && !countedIndices.contains(name)
                && (inReverse.contains(name) || declaredInLoop.contains(name) && recordsVar(name));
    }

    private Expr initialAdjoint(String name) {
        Type t = types.get(name);
        if (method.param(name) == null) {
            return t == Type.DOUBLE ? ZERO : new Expr.Lit(t, "null");
        }
        Local p = new Local(t, name);
        if (t == Type.DOUBLE) {
            return ZERO;
        }
        return new Expr.Call(t, ARRAYS2, "zerosLike", List.of(p));
    }

    private Local bar(String name) {
        return new Local(types.get(name), bars.get(name));
    }

    /** {@code e} with its root array replaced by the root's adjoint: {@code m_bar[i][j]} for {@code m[i][j]}. */
    private Expr adjointOf(Expr e) {
        return Adjoints.adjointOf(e, this::bar);
    }

    // ---------------------------------------------------------------- which assignments record

    /** An integer {@code v = v + e} or {@code v = v - e}: undone by the opposite, without the tape. */
    private static boolean invertible(Stmt.Assign a) {
        if (!(a.target() instanceof Local v) || !v.type().isIntegral()) {
            return false;
        }
        if (!(a.value() instanceof Expr.Binary b) || (b.op() != BinaryOp.ADD && b.op() != BinaryOp.SUB)
                || !b.left().equals(v) || b.type() != v.type()) {
            return false;
        }
        boolean[] readsSelf = {false};
        Walk.locals(b.right(), n -> readsSelf[0] |= n.equals(v.name()));
        return !readsSelf[0];
    }

    /** Whether the forward sweep pushes the old value of what {@code s} writes. */
    private boolean records(Stmt s) {
        if (deadRestores.contains(s)) {
            return false;
        }
        if (s instanceof Stmt.Decl d) {
            return d.init() != null && declaredInLoop.contains(d.name()) && recordsVar(d.name());
        }
        if (s instanceof Stmt.Assign a) {
            if (a.target() instanceof Local v) {
                return recordsVar(v.name()) && !invertible(a);
            }
            return isNeeded(Walk.root(a.target()));
        }
        return false;
    }

    private boolean recordsVar(String name) {
        Type t = types.get(name);
        if (t.isArray()) {
            // a replaced array reference is needed back if its elements are read, or if adjoints flow into it
            return isNeeded(name) || isActiveVar(name);
        }
        return isNeeded(name);
    }

    private String tape() {
        if (tape == null) {
            tape = names.fresh("tape");
        }
        return tape;
    }

    private Adjoints adjoints() {
        return new Adjoints(activity, names, this::adjointOf);
    }

    private Stmt push(Expr value) {
        tape();
        return new Stmt.Push(value);
    }

    private Expr pop(Type t) {
        tape();
        return new Expr.Pop(t);
    }

    // ---------------------------------------------------------------- forward sweep

    private List<Stmt> forward(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            forward(s, out);
        }
        return out;
    }

    private void forward(Stmt s, List<Stmt> out) {
        if (s instanceof Stmt.Decl d) {
            Local v = new Local(d.type(), d.name());
            if (records(d)) {
                out.add(push(v));
                if (isActiveVar(d.name()) && d.type().isArray()) {
                    out.add(push(bar(d.name())));
                }
            }
            if (mustHoist(d.name())) {
                if (d.init() != null) {
                    out.add(new Stmt.Assign(d.src(), v, d.init()));
                }
            } else {
                out.add(d);
            }
            if (d.init() != null && d.type().isArray() && isActiveVar(d.name())) {
                out.add(new Stmt.Assign(null, bar(d.name()), adjoints().adjointArray(d.init(), v)));
            }
        } else if (s instanceof Stmt.Assign a) {
            boolean arrayRef = a.target().type().isArray();
            boolean active = arrayRef && activity.isActive(Walk.root(a.target()));
            if (records(a)) {
                out.add(push(a.target()));
                if (active) {
                    out.add(push(adjointOf(a.target())));
                }
            }
            out.add(a);
            if (active) {
                out.add(new Stmt.Assign(null, adjointOf(a.target()), adjoints().adjointArray(a.value(), a.target())));
            }
        } else if (s instanceof Stmt.If i) {
            List<Stmt> then = forward(i.then());
            List<Stmt> otherwise = forward(i.otherwise());
            // a branch that throws never reaches the reverse sweep: it records nothing
            if (works(s) && Flow.canComplete(then)) {
                then.add(push(Expr.Lit.TRUE));
            }
            if (works(s) && Flow.canComplete(otherwise)) {
                otherwise.add(push(Expr.Lit.FALSE));
            }
            out.add(new Stmt.If(i.src(), i.cond(), then, otherwise));
        } else if (s instanceof Stmt.Block b) {
            out.add(new Stmt.Block(b.src(), forward(b.body())));
        } else if (s instanceof Stmt.While w) {
            Local trips = works(s) ? new Local(Type.INT, names.fresh("trips")) : null;
            List<Stmt> body = forward(w.body());
            if (trips == null) {
                out.add(new Stmt.While(w.src(), w.cond(), body, w.testAfter()));
                return;
            }
            if (Flow.canComplete(body)) {
                body.add(increment(trips));
            }
            out.add(new Stmt.Decl(null, Type.INT, trips.name(), Expr.Lit.ofInt(0)));
            out.add(new Stmt.While(w.src(), w.cond(), body, w.testAfter()));
            out.add(push(trips));
        } else if (s instanceof Stmt.For f) {
            Local trips = works(s) ? new Local(Type.INT, names.fresh("trips")) : null;
            List<Stmt> init = forward(f.init());
            List<Stmt> update = forward(f.update());
            List<Stmt> body = forward(f.body());
            if (trips == null) {
                out.add(new Stmt.For(f.src(), init, f.cond(), update, body));
                return;
            }
            if (Flow.canComplete(body)) {
                body.add(increment(trips));
            }
            out.add(new Stmt.Decl(null, Type.INT, trips.name(), Expr.Lit.ofInt(0)));
            if (update.stream().allMatch(u -> u instanceof Stmt.Assign)) {
                out.add(new Stmt.For(f.src(), init, f.cond(), update, body));
            } else {
                List<Stmt> loop = new ArrayList<>(init);
                body.addAll(update);
                loop.add(new Stmt.While(f.src(), f.cond() == null ? Expr.Lit.TRUE : f.cond(), body, false));
                out.add(new Stmt.Block(null, loop));
            }
            out.add(push(trips));
        } else if (s instanceof Stmt.Return r) {
            // the last statement: its value is the method's value
            if (r.value() instanceof Local l && !inReverse.contains(l.name())) {
                value = l;
            } else {
                // copied before the reverse sweep restores what it reads
                value = new Local(Type.DOUBLE, names.fresh("value"));
                out.add(new Stmt.Decl(r.src(), Type.DOUBLE, value.name(), r.value()));
            }
        } else {
            out.add(s);
        }
    }

    private static Stmt increment(Local v) {
        return new Stmt.Assign(null, v, new Expr.Binary(v.type(), BinaryOp.ADD, v, Expr.Lit.ofInt(1)));
    }

    private boolean works(Stmt s) {
        return reverseDoesWork.getOrDefault(s, false);
    }

    // ---------------------------------------------------------------- reverse sweep

    private List<Stmt> reverse(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (int k = body.size() - 1; k >= 0; k--) {
            reverse(body.get(k), out);
        }
        return out;
    }

    private void reverse(Stmt s, List<Stmt> out) {
        if (s instanceof Stmt.Decl d) {
            if (d.init() != null) {
                assignment(s, new Local(d.type(), d.name()), d.init(), !declaredInLoop.contains(d.name()), out);
            }
        } else if (s instanceof Stmt.Assign a) {
            assignment(s, a.target(), a.value(), false, out);
        } else if (s instanceof Stmt.If i) {
            List<Stmt> then = reverse(i.then());
            List<Stmt> otherwise = reverse(i.otherwise());
            if (!then.isEmpty() || !otherwise.isEmpty()) {
                reverseDoesWork.put(s, true);
                out.add(new Stmt.If(null, pop(Type.BOOLEAN), then, otherwise));
            }
        } else if (s instanceof Stmt.Block b) {
            List<Stmt> body = reverse(b.body());
            if (!body.isEmpty()) {
                out.add(new Stmt.Block(null, body));
            }
        } else if (s instanceof Stmt.While w) {
            List<Stmt> body = reverse(w.body());
            if (!body.isEmpty()) {
                reverseDoesWork.put(s, true);
                out.add(new Stmt.Repeat(names.fresh("trip"), pop(Type.INT), body));
            }
        } else if (s instanceof Stmt.For f) {
            LoopForm.Counted counted = countedWithFixedBounds(f);
            if (counted != null) {
                // for (j = a; j < b; j++) runs backwards as for (j = b; j > a;) { j--; ... }: no tape
                List<Stmt> body = reverse(f.body());
                if (!body.isEmpty()) {
                    Local j = new Local(Type.INT, counted.index());
                    List<Stmt> back = new ArrayList<>();
                    back.add(new Stmt.Assign(null, j, new Expr.Binary(Type.INT, BinaryOp.SUB, j, Expr.Lit.ofInt(1))));
                    back.addAll(body);
                    countedIndices.add(counted.index());
                    out.add(new Stmt.For(null, List.of(new Stmt.Decl(null, Type.INT, j.name(), counted.to())),
                            new Expr.Binary(Type.BOOLEAN, BinaryOp.GT, j, counted.from()), List.of(), back));
                }
                out.addAll(reverse(f.init()));
                return;
            }
            List<Stmt> body = new ArrayList<>(reverse(f.update()));
            body.addAll(reverse(f.body()));
            if (!body.isEmpty()) {
                reverseDoesWork.put(s, true);
                out.add(new Stmt.Repeat(names.fresh("trip"), pop(Type.INT), body));
            }
            out.addAll(reverse(f.init()));
        } else if (s instanceof Stmt.Return r) {
            List<Stmt> adjoint = new ArrayList<>();
            adjoints().propagate(r.value(), ONE, adjoint);
            if (!adjoint.isEmpty()) {
                comment(r, out);
                out.addAll(adjoint);
            }
        }
    }

    /**
     * The counted form of a loop whose bounds nothing in its body changes: its reverse can count
     * its index back down instead of reading a trip count from the tape.
     */
    private static LoopForm.Counted countedWithFixedBounds(Stmt.For f) {
        LoopForm.Counted counted = LoopForm.counted(f);
        if (counted == null) {
            return null;
        }
        Set<String> bounds = new HashSet<>();
        Walk.locals(counted.from(), bounds::add);
        Walk.locals(counted.to(), bounds::add);
        boolean[] written = {false};
        Walk.statements(f.body(), st -> {
            if (st instanceof Stmt.Assign a && bounds.contains(Walk.root(a.target()))) {
                written[0] = true;
            }
            if (st instanceof Stmt.Decl d && bounds.contains(d.name())) {
                written[0] = true;
            }
        });
        return written[0] ? null : counted;
    }

    private static void comment(Stmt s, List<Stmt> out) {
        if (s.src() != null) {
            out.add(new Stmt.Comment("grad of: " + s.src().text()));
        }
    }

    /**
     * The reverse of {@code target = value}: restore what the forward sweep overwrote, take the
     * target's adjoint, zero it (the old value did not flow into the new one), and pass it on to
     * the active parts of {@code value}.
     */
    private void assignment(Stmt s, Expr target, Expr value, boolean onlyDefinition, List<Stmt> out) {
        List<Stmt> adjoint = new ArrayList<>();
        boolean recorded = records(s);
        if (target.type().isArray()) {
            if (value instanceof Expr.ArrayLit lit && isActiveRef(target)) {
                // the elements of a fresh array literal take the adjoints of its elements
                List<Stmt> elements = new ArrayList<>();
                adjoints().literalAdjoints(lit, adjointOf(target), elements);
                if (!elements.isEmpty()) {
                    comment(s, out);
                    out.addAll(elements);
                }
            }
            // a reference: restore it (and its adjoint) if the forward sweep replaced one
            if (recorded) {
                String root = Walk.root(target);
                if (activity.isActive(root) && bars.containsKey(root) || isActiveRef(target)) {
                    adjoint.add(new Stmt.Assign(null, adjointOf(target), pop(target.type())));
                }
                adjoint.add(new Stmt.Assign(null, target, pop(target.type())));
            }
            out.addAll(adjoint);
            return;
        }
        if (recorded) {
            Stmt restore = new Stmt.Assign(null, target, pop(target.type()));
            if (target instanceof Local || restorableElement(target)) {
                restores.put(restore, s);
            }
            adjoint.add(restore);
        } else if (s instanceof Stmt.Assign a && invertible(a) && isNeeded(((Local) target).name())) {
            Expr.Binary b = (Expr.Binary) a.value();
            BinaryOp undo = b.op() == BinaryOp.ADD ? BinaryOp.SUB : BinaryOp.ADD;
            adjoint.add(new Stmt.Assign(null, target, new Expr.Binary(b.type(), undo, target, b.right())));
        }
        boolean active = target.type() == Type.DOUBLE && activity.isActive(target)
                && bars.containsKey(Walk.root(target));
        if (active) {
            Expr targetBar = adjointOf(target);
            List<Stmt> propagation = new ArrayList<>();
            boolean readsTarget = readsLocation(value, target);
            Expr seed = targetBar;
            Expr increment = increment(target, value);
            if (increment != null && Adjoints.isAtomic(targetBar)) {
                // t += e: the adjoint of t passes through unchanged, and on to e
                Expr.Binary b = (Expr.Binary) value;
                adjoints().propagate(increment, b.op() == BinaryOp.SUB ? Exprs.neg(seed) : seed, propagation);
            } else if (readsTarget || !(target instanceof Local)) {
                Local t = new Local(Type.DOUBLE, names.fresh(seedName(target)));
                propagation.add(new Stmt.Decl(null, Type.DOUBLE, t.name(), targetBar));
                propagation.add(new Stmt.Assign(null, targetBar, ZERO));
                seed = t;
                adjoints().propagate(value, seed, propagation);
            } else {
                adjoints().propagate(value, seed, propagation);
                if (!onlyDefinition) {
                    propagation.add(new Stmt.Assign(null, targetBar, ZERO));
                }
            }
            adjoint.addAll(propagation);
        }
        if (!adjoint.isEmpty()) {
            if (active) {
                comment(s, out);
            }
            out.addAll(adjoint);
        }
    }

    /** The {@code e} of {@code t = t + e} or {@code t = t - e} when {@code e} does not read {@code t}; else null. */
    private static Expr increment(Expr target, Expr value) {
        if (value instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
                && b.left().equals(target) && b.type() == Type.DOUBLE && !readsLocation(b.right(), target)) {
            return b.right();
        }
        return null;
    }

    /**
     * Whether the liveness of a restored element can be judged by its array alone: the array has no
     * alias and is none of the caller's (whose contents the caller gets back as they were).
     */
    private boolean restorableElement(Expr target) {
        String root = Walk.root(target);
        if (!(target instanceof Expr.Index) || root == null || forced.contains(activity.aliasOf(root))
                || method.param(root) != null) {
            return false;
        }
        String cls = activity.aliasOf(root);
        return types.keySet().stream().filter(n -> types.get(n).isArray() && activity.aliasOf(n).equals(cls)).count() == 1;
    }

    private boolean isActiveRef(Expr target) {
        String root = Walk.root(target);
        return root != null && activity.isActive(root) && bars.containsKey(root);
    }

    private static String seedName(Expr target) {
        String root = Walk.root(target);
        return (root == null ? "d" : root) + "_adj";
    }

    /** Whether {@code value} may read what {@code target} names (the same local, or the same array). */
    private static boolean readsLocation(Expr value, Expr target) {
        String root = Walk.root(target);
        boolean[] hit = {false};
        Walk.locals(value, n -> hit[0] |= n.equals(root));
        return hit[0];
    }

    // ---------------------------------------------------------------- to-be-recorded

    /** The primal variables that the reverse sweep reads (arrays by alias class). */
    private Set<String> primalReads(List<Stmt> reverse) {
        Set<String> reads = new HashSet<>();
        java.util.function.Consumer<String> add = n -> {
            if (types.containsKey(n)) {
                reads.add(n);
                if (types.get(n).isArray()) {
                    reads.add(activity.aliasOf(n));
                }
            }
        };
        Walk.statements(reverse, s -> {
            if (s instanceof Stmt.Assign a && a.target() instanceof Local v) {
                Walk.locals(a.value(), n -> {
                    if (!n.equals(v.name())) {
                        add.accept(n);
                    }
                });
            } else {
                Walk.expressions(s, e -> Walk.locals(e, add));
            }
        });
        return reads;
    }

    private static boolean tapeUsed(List<Stmt> body) {
        boolean[] used = {false};
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Push) {
                used[0] = true;
            }
            Walk.expressions(s, e -> Walk.postOrder(e, x -> used[0] |= x instanceof Expr.Pop));
        });
        return used[0];
    }
}
