package dev.jgrad.processor.transform;

import static dev.jgrad.processor.ir.Exprs.ONE;
import static dev.jgrad.processor.ir.Exprs.ZERO;

import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.analysis.LoopForm;
import dev.jgrad.processor.analysis.ZeroAdjoints;
import dev.jgrad.processor.analysis.Recurrence;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Exprs;
import dev.jgrad.processor.ir.Gradient;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Src;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code @Jit @Grad} gradient of a method in {@link LoopForm}: no tape at all.
 *
 * <p>Nothing is overwritten, so the reverse sweep reads every value where the forward sweep left it,
 * and re-evaluates branch conditions instead of recording them. A loop's iterations are independent,
 * so its adjoint is a loop over the same range, each iteration recomputing the locals its adjoint
 * reads (Hascoët, Fidanova and Held). And where the adjoints of a top-level loop's accumulators are
 * known before the loop runs (the code after it is linear in them, as {@code sum / n} is), the
 * adjoint of each iteration runs inside the forward loop itself: one pass over the data computes
 * the value and the gradient ({@link LinearTail} finds that shape; {@link LoopBuffers} keeps the
 * values of inner loops that would cost a loop of their own to recompute).
 */
public final class JitGrad {
    private final Method method;
    private final Activity activity;
    private final LoopForm form;
    private Names names;
    private final Map<String, Type> types = new HashMap<>();
    private final Map<String, String> bars = new LinkedHashMap<>();
    private Local value;
    private final LoopBuffers buffers = new LoopBuffers();
    private final RecurrenceTapes tapes;
    private final HelperSites sites;
    /** The fused loop being written, or null (its recurrences' tapes go before it). */
    private Stmt.For fusing;
    /** How many loops enclose the statement whose reverse is being written. */
    private int reverseDepth;
    /** The flag of each active running max: whether its adjoint has gone to the first entry that attains it. */
    private final Map<String, String> taken = new HashMap<>();
    /** The accumulators of the loop whose body is being sliced for its reverse. */
    private List<String> ownMaxima = List.of();
    /** Definitions whose value the path taken may not use: their adjoint is passed on only if not zero. */
    private final Set<Stmt> zeroAdjoints;
    /** Why the gradient takes two passes, once {@link #fused} has declined one. */
    private GradientForm.Blocker notOnePass;

    private JitGrad(Method method, Activity activity, LoopForm form) {
        this.method = method;
        this.activity = activity;
        this.form = form;
        this.names = method.names();
        this.tapes = new RecurrenceTapes(names);
        this.sites = new HelperSites(names, activity, s -> s instanceof Stmt.Decl d && form.extremumDecl(d.name()) == d);
        this.zeroAdjoints = ZeroAdjoints.unsure(method.body());
    }

    /** The builder of the tape-free gradient of {@code method} (rewritten by {@link JitRewrites#singleAssignment}, {@code form} its loop form). */
    static JitGrad of(Method method, List<String> wrt, LoopForm form) {
        // the rewrites declared locals of their own: activity is that of the rewritten method
        return new JitGrad(method, Activity.of(method, new HashSet<>(wrt)), form);
    }

    /** The buffers each chunk of a parallel loop allocates for itself: loop buffers, recurrence tapes, helpers' partials. */
    Set<String> scratch() {
        Set<String> scratch = new HashSet<>(buffers.scratch());
        scratch.addAll(tapes.scratch());
        scratch.addAll(sites.scratch());
        return scratch;
    }

    /** The names of the adjoints (after {@link #run}). */
    Set<String> adjointNames() {
        return new HashSet<>(bars.values());
    }

    /** The adjoint of {@code name}, or null if it has none. */
    String adjointName(String name) {
        return bars.get(name);
    }

    /** Why the gradient takes two passes (after {@link #run}), or null for one. */
    GradientForm.Blocker notOnePass() {
        return notOnePass;
    }

    /** The gradient; null if {@code onePassOnly} and it would take two passes. */
    Gradient run(List<String> wrt, boolean onePassOnly) {
        for (Method.Param p : method.params()) {
            types.put(p.name(), p.type());
            if (wrt.contains(p.name()) || isActive(p.name())) {
                bars.put(p.name(), null);
            }
        }
        Walk.statements(method.body(), s -> {
            if (s instanceof Stmt.Decl d) {
                types.put(d.name(), d.type());
                if (isActive(d.name())) {
                    bars.put(d.name(), null);
                }
            }
        });
        bars.replaceAll((v, none) -> names.fresh(Names.adjoint(v)));

        List<Stmt> body = new ArrayList<>();
        for (Method.Param p : method.params()) {
            if (bars.containsKey(p.name())) {
                Local param = new Local(p.type(), p.name());
                body.add(new Stmt.Decl(null, p.type(), bars.get(p.name()), p.type() == Type.DOUBLE ? ZERO
                        : new Expr.Call(p.type(), "dev.jgrad.runtime.Arrays2", "zerosLike", List.of(param))));
            }
        }
        for (Map.Entry<String, String> e : bars.entrySet()) {
            String v = e.getKey();
            if (method.param(v) == null && form.depthOf(v) == 0 && types.get(v) == Type.DOUBLE) {
                body.add(new Stmt.Decl(null, Type.DOUBLE, e.getValue(), ZERO));
            }
        }
        List<Stmt> top = method.body();
        List<Stmt> fused = fused(top);
        if (fused != null) {
            body.addAll(fused);
        } else if (onePassOnly) {
            return null;
        } else {
            List<Stmt> own = sites.rewrite(top, body);
            body.addAll(forward(own));
            List<Stmt> reverse = reverse(own);
            if (!reverse.isEmpty()) {
                body.add(new Stmt.Comment("reverse sweep: no tape, each loop's locals recomputed"));
                body.addAll(reverse);
            }
        }
        List<Expr> components = new ArrayList<>();
        for (Method.Param p : method.params()) {
            if (wrt.contains(p.name())) {
                components.add(bar(p.name()));
            }
        }
        return new Gradient(body, value, components, null);
    }

    private boolean isActive(String name) {
        Type t = types.get(name);
        return t != null && t.isDifferentiable() && activity.isActive(name);
    }

    private Local bar(String name) {
        return new Local(types.get(name), bars.get(name));
    }

    private Expr adjointOf(Expr e) {
        return Adjoints.adjointOf(e, this::bar);
    }

    /** {@code passed}, inside {@code if (seed != 0.0)} where {@code s}'s value may go unused ({@link ZeroAdjoints}). */
    private List<Stmt> unlessZero(Stmt s, Local seed, List<Stmt> passed) {
        if (passed.isEmpty() || !zeroAdjoints.contains(s)) {
            return passed;
        }
        return List.of(new Stmt.If(null, Exprs.compare(BinaryOp.NE, seed, ZERO), passed, List.of()));
    }

    private Adjoints adjoints() {
        return new Adjoints(activity, names, this::adjointOf);
    }

    // ---------------------------------------------------------------- one pass

    /**
     * {@code pre; loops; tail} with the tail's adjoint computable before the loops: the adjoint of
     * each iteration goes inside the loop. Null when the body has another shape.
     */
    private List<Stmt> fused(List<Stmt> top) {
        LinearTail shape = LinearTail.of(top, method, form, activity::aliasOf, why -> notOnePass = why);
        if (shape == null) {
            return null;
        }
        List<Stmt> pre = shape.pre();
        List<Stmt> loops = shape.loops();
        List<Stmt> tail = shape.tail();
        Names real = names;
        names = real.copy();
        List<Stmt> trial = reverse(tail);
        names = real;
        if (shape.split(trial, types.keySet(), bars::get) == null) {
            notOnePass = new GradientForm.Blocker("the code after its loops is not linear in their sums: its adjoint"
                    + " needs their values, known only after the loops", nonlinear(tail, shape));
            return null;
        }
        LinearTail.Split tailReverse = shape.split(reverse(tail), types.keySet(), bars::get);
        List<Stmt> out = new ArrayList<>();
        pre = sites.rewrite(pre, out);
        out.addAll(forward(pre));
        if (!tailReverse.early().isEmpty()) {
            out.add(new Stmt.Comment("adjoints of the loops' sums: known before the loops run"));
            out.addAll(tailReverse.early());
        }
        List<Stmt> deferred = new ArrayList<>();
        for (Stmt s : loops) {
            Stmt.For f = (Stmt.For) s;
            if (LinearTail.defers(f, form, this::isActive)) {
                // its adjoint needs what the later loops' adjoints give its array, or its max once found
                out.addAll(forward(List.of(f)));
                deferred.add(f);
                notOnePass = new GradientForm.Blocker("a loop fills an array or finds a max whose adjoint comes from"
                        + " the code after it: its adjoint runs after that code's", f.src());
                continue;
            }
            buffers.startFused(f);
            fusing = f;
            List<Stmt> own = sites.rewrite(f.body(), out);
            List<Stmt> adjoint = reverse(own);
            out.addAll(buffers.endFused());
            List<Stmt> body = new ArrayList<>(forward(own));
            fusing = null;
            out.addAll(tapes.take());
            if (!adjoint.isEmpty()) {
                body.add(new Stmt.Comment("adjoint of this iteration"));
                body.addAll(Slice.localAdjoints(own, bars));
                body.addAll(adjoint);
            }
            out.add(new Stmt.For(f.src(), f.init(), f.cond(), f.update(), body));
        }
        out.addAll(forward(tail));
        if (!tailReverse.late().isEmpty()) {
            out.add(new Stmt.Comment("the rest of the adjoint of the code after the loops, which reads their sums"));
            out.addAll(tailReverse.late());
        }
        List<Stmt> later = reverse(deferred);
        if (!later.isEmpty()) {
            out.add(new Stmt.Comment("adjoints of the loops that fill arrays or find a max, after the loops that read them"));
            out.addAll(later);
        }
        List<Stmt> preReverse = reverse(pre);
        if (!preReverse.isEmpty()) {
            out.add(new Stmt.Comment("reverse sweep"));
            out.addAll(preReverse);
        }
        return out;
    }

    /** The first statement of the tail whose own adjoint gives a sum's adjoint only after the loops ({@link LinearTail#split}). */
    private Src nonlinear(List<Stmt> tail, LinearTail shape) {
        Names real = names;
        try {
            for (Stmt s : tail) {
                names = real.copy();
                List<Stmt> adjoint = reverse(List.of(s));
                if (shape.split(adjoint, types.keySet(), bars::get) == null) {
                    return s.src();
                }
            }
            return tail.isEmpty() ? null : tail.get(tail.size() - 1).src();
        } finally {
            names = real;
        }
    }

    // ---------------------------------------------------------------- forward

    private List<Stmt> forward(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.Return r) {
                value = new Local(Type.DOUBLE, names.fresh("value"));
                out.add(new Stmt.Decl(r.src(), Type.DOUBLE, value.name(), r.value()));
            } else if (s instanceof Stmt.Decl d && d.type().isArray() && isActive(d.name())) {
                out.add(d);
                Local v = new Local(d.type(), d.name());
                out.add(new Stmt.Decl(null, d.type(), bars.get(d.name()),
                        d.init() == null ? null : adjoints().adjointArray(d.init(), v)));
            } else if (s instanceof Stmt.Assign a && a.target() instanceof Local v && v.type().isArray()
                    && isActive(v.name())) {
                out.add(a);
                out.add(new Stmt.Assign(null, bar(v.name()), adjoints().adjointArray(a.value(), v)));
            } else if (s instanceof Stmt.If i && assignsActiveArray(i)) {
                // a choice of arrays made by an if (c ? x : T as the front lowers it, if (c) t = y;):
                // each branch's assignment takes its adjoint along
                out.add(new Stmt.If(i.src(), i.cond(), forward(i.then()), forward(i.otherwise())));
            } else if (s instanceof Stmt.For f && buffers.savesOf(f) != null) {
                List<Stmt> saving = new ArrayList<>(forward(f.body()));
                saving.addAll(buffers.savesOf(f));
                out.add(new Stmt.For(f.src(), f.init(), f.cond(), f.update(), saving));
            } else if (s instanceof Stmt.For f && buffers.containsSaved(f)) {
                out.add(new Stmt.For(f.src(), f.init(), f.cond(), f.update(), forward(f.body())));
            } else if (s instanceof Stmt.For f && fusing != null && fusing.body().contains(f) && form.recurrence(f) != null
                    && tapes.taped(form.recurrence(f))) {
                // the fused iteration's adjoint reads the recurrence's values back from its tape (one
                // deeper, the reverse of the loop around it recomputes them)
                out.add(new Stmt.For(f.src(), f.init(), f.cond(), f.update(), tapes.saving(form.recurrence(f), f.body())));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether a branch of {@code i} assigns an active array variable, which {@link #forward} gives its adjoint. */
    private boolean assignsActiveArray(Stmt.If i) {
        boolean[] found = {false};
        Walk.statements(List.of(i), s -> found[0] |= s instanceof Stmt.Decl d && d.type().isArray() && isActive(d.name())
                || s instanceof Stmt.Assign a && a.target() instanceof Local v && v.type().isArray() && isActive(v.name()));
        return found[0];
    }

    // ---------------------------------------------------------------- reverse

    private List<Stmt> reverse(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (int k = body.size() - 1; k >= 0; k--) {
            reverse(body.get(k), out);
        }
        return out;
    }

    private void reverse(Stmt s, List<Stmt> out) {
        List<Stmt> adjoint = new ArrayList<>();
        if (s instanceof Stmt.Decl d) {
            if (d.init() != null && d.type() == Type.DOUBLE && isActive(d.name()) && form.extremumDecl(d.name()) == d) {
                // a running max's first value takes its adjoint when no entry beat it (the kink rule)
                Local m = new Local(Type.DOUBLE, d.name());
                List<Stmt> first = new ArrayList<>();
                adjoints().propagate(d.init(), bar(d.name()), m, first);
                adjoint.add(new Stmt.If(null, Exprs.compare(BinaryOp.EQ, d.init(), m), first, List.of()));
            } else if (d.init() != null && d.type() == Type.DOUBLE && isActive(d.name())) {
                // every name is assigned once: the local still holds the value of its initialiser
                List<Stmt> passed = new ArrayList<>();
                adjoints().propagate(d.init(), bar(d.name()), new Local(Type.DOUBLE, d.name()), passed);
                adjoint.addAll(unlessZero(s, bar(d.name()), passed));
            } else if (d.init() instanceof Expr.ArrayLit lit && isActive(d.name())) {
                adjoints().literalAdjoints(lit, bar(d.name()), adjoint);
            }
        } else if (s instanceof Stmt.Assign a && a.value() instanceof Expr.ArrayLit lit
                && a.target() instanceof Local v && isActive(v.name())) {
            adjoints().literalAdjoints(lit, bar(v.name()), adjoint);
        } else if (s instanceof Stmt.Assign a && form.isFill(s) && isActive(Walk.root(a.target()))) {
            // written once, by this iteration: the element's adjoint is complete once the loops after are done
            adjoints().propagate(a.value(), onBar(a.target()), adjoint);
            if (form.privates().isFill(s)) {
                // the next iteration fills the private array again: its adjoint starts again from zero
                adjoint.add(new Stmt.Assign(null, onBar(a.target()), ZERO));
            }
        } else if (s instanceof Stmt.Assign a && form.isExtremum(s) && a.target() instanceof Local v
                && isActive(v.name())) {
            // the first entry equal to the max, in index order, takes its adjoint (ties keep the earlier one)
            Expr e = ((Expr.Prim) a.value()).args().get(1);
            Local flag = new Local(Type.BOOLEAN, taken.get(v.name()));
            List<Stmt> first = new ArrayList<>();
            first.add(new Stmt.Assign(null, flag, new Expr.Lit(Type.BOOLEAN, "true")));
            adjoints().propagate(e, bar(v.name()), first);
            adjoint.add(new Stmt.If(null, Exprs.compare(BinaryOp.CAND, Exprs.not(flag),
                    Exprs.compare(BinaryOp.EQ, e, v)), first, List.of()));
        } else if (s instanceof Stmt.Assign a && form.isCarry(s) && isActive(((Local) a.target()).name())) {
            // s = s_2 carries the new value to the next iteration: s's adjoint goes to s_2's and starts again
            Local v = (Local) a.target();
            adjoints().propagate(a.value(), bar(v.name()), adjoint);
            adjoint.add(new Stmt.Assign(null, bar(v.name()), ZERO));
        } else if (s instanceof Stmt.Assign a && a.target() instanceof Local v && isActive(v.name())
                && v.type() == Type.DOUBLE) {
            List<Stmt> passed = new ArrayList<>();
            if (form.isReduction(s)) {
                Expr.Binary b = (Expr.Binary) a.value();
                adjoints().propagate(b.right(), b.op() == BinaryOp.SUB ? Exprs.neg(bar(v.name())) : bar(v.name()), passed);
            } else {
                adjoints().propagate(a.value(), bar(v.name()), passed);
            }
            adjoint.addAll(unlessZero(s, bar(v.name()), passed));
        } else if (s instanceof Stmt.If i) {
            List<Stmt> then = reverse(i.then());
            List<Stmt> otherwise = reverse(i.otherwise());
            if (!then.isEmpty() || !otherwise.isEmpty()) {
                // nothing the condition reads has changed since the forward sweep
                out.add(new Stmt.If(null, i.cond(), then, otherwise));
            }
            return;
        } else if (s instanceof Stmt.Block b) {
            List<Stmt> body = reverse(b.body());
            if (!body.isEmpty()) {
                out.add(new Stmt.Block(null, body));
            }
            return;
        } else if (s instanceof Stmt.For f && form.recurrence(f) != null) {
            reverseRecurrence(form.recurrence(f), out);
            return;
        } else if (s instanceof Stmt.For f) {
            List<Stmt> flags = new ArrayList<>();
            for (String m : form.accumulatorsOf(f)) {
                Stmt.Decl d = form.extremumDecl(m);
                if (d != null && isActive(m)) {
                    taken.put(m, names.fresh(m + "Taken"));
                    flags.add(new Stmt.Decl(null, Type.BOOLEAN, taken.get(m),
                            Exprs.compare(BinaryOp.EQ, d.init(), new Local(Type.DOUBLE, m))));
                }
            }
            buffers.enterLoop();
            reverseDepth++;
            List<Stmt> reverse = reverse(f.body());
            reverseDepth--;
            buffers.leaveLoop();
            if (!reverse.isEmpty()) {
                out.addAll(flags);
                // a running max of this loop holds its final value: the recomputation leaves it be
                ownMaxima = form.accumulatorsOf(f);
                List<Stmt> recompute = recompute(f.body(), reverse);
                ownMaxima = List.of();
                // a recurrence's reverse reads its tape, which only recomputing the recurrence writes
                List<Stmt> stored = tapes.scratch().stream().anyMatch(Walk.reads(reverse)::contains) ? null
                        : buffers.stored(f, recompute, reverse, names);
                List<Stmt> body = new ArrayList<>(stored != null ? stored : recompute);
                body.addAll(Slice.localAdjoints(f.body(), bars));
                body.addAll(reverse);
                if (reverseDepth == 0 && fusing == null) {
                    // the tapes of the recurrences that this top-level loop's iterations recompute
                    out.addAll(tapes.take());
                }
                if (f.src() != null) {
                    out.add(new Stmt.Comment("grad of: " + f.src().text()));
                }
                out.add(new Stmt.For(null, f.init(), f.cond(), f.update(), body));
            }
            return;
        } else if (s instanceof Stmt.Return r) {
            adjoints().propagate(r.value(), ONE, adjoint);
        }
        if (!adjoint.isEmpty()) {
            if (s.src() != null) {
                out.add(new Stmt.Comment("grad of: " + s.src().text()));
            }
            out.addAll(adjoint);
        }
    }

    /**
     * The reverse of a recurrence: its iterations backwards, each restoring the carried values it
     * started from (its tape), recomputing its own locals from them, then running its adjoint.
     */
    private void reverseRecurrence(Recurrence r, List<Stmt> out) {
        buffers.enterLoop();
        reverseDepth++;
        List<Stmt> reverse = reverse(r.loop().body());
        reverseDepth--;
        buffers.leaveLoop();
        if (reverse.isEmpty()) {
            return;
        }
        Set<String> read = Walk.reads(reverse);
        List<Stmt> own = tapes.keepCalls(r, read);
        List<Stmt> body = new ArrayList<>(tapes.restores(r));
        List<Stmt> tail = new ArrayList<>(Slice.localAdjoints(r.loop().body(), bars));
        tail.addAll(reverse);
        body.addAll(Slice.withoutDeadLocals(slice(own, read), tail));
        body.addAll(tail);
        if (r.loop().src() != null) {
            out.add(new Stmt.Comment("grad of: " + r.loop().src().text() + " (backwards, from its tape)"));
        }
        out.add(RecurrenceTapes.backwards(r.loop(), body));
    }

    /** {@code t_bar[i][j]} for {@code t[i][j]}. */
    private Expr onBar(Expr target) {
        if (target instanceof Expr.Index ix) {
            return new Expr.Index(ix.type(), onBar(ix.array()), ix.index());
        }
        return bar(((Local) target).name());
    }

    /**
     * The statements of a loop body that compute what its adjoint reads (a backward slice), without
     * the sums into accumulators declared outside the body: those already hold their totals.
     */
    private List<Stmt> recompute(List<Stmt> body, List<Stmt> adjoint) {
        Set<String> wanted = Walk.reads(adjoint);
        return slice(body, wanted);
    }

    /** The statements of {@code body} that compute {@code wanted} (which grows with what they read): a backward slice. */
    private List<Stmt> slice(List<Stmt> body, Set<String> wanted) {
        return new Slice(form, bars, tapes, this::forward, ownMaxima).of(body, wanted);
    }
}
