package dev.jgrad.processor.transform;

import static dev.jgrad.processor.ir.Exprs.ZERO;

import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.analysis.Declarations;
import dev.jgrad.processor.analysis.ToBeRecorded;
import dev.jgrad.processor.analysis.ZeroAdjoints;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Flow;
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
 * Which variables those are is the to-be-recorded analysis ({@link ToBeRecorded}, after Hascoët,
 * Naumann and Pascual), run once on what each statement's derivative reads; one trial of the reverse
 * sweep then finds the restores that nothing reads before the next ({@link Liveness}). Branch decisions
 * and trip counts go on the tape only for branches and loops whose reverse does something.
 *
 * <p>The two sweeps are {@link ForwardSweep} and {@link ReverseSweep}; this class holds what both
 * know about the method's variables, decides which assignments record, and assembles the method.
 */
public final class Reverse {
    private static final String ARRAYS2 = "dev.jgrad.runtime.Arrays2";

    final Method method;
    final Activity activity;
    final Map<String, Type> types = new HashMap<>();
    final Set<String> declaredInLoop = new HashSet<>();
    /** Indices of loops the reverse sweep counts back down: it declares them itself. */
    final Set<String> countedIndices = new HashSet<>();
    /** Locals declared directly in the method's body, outside any block. */
    final Set<String> topLevel = new HashSet<>();
    final Map<String, String> bars = new LinkedHashMap<>();
    final Set<String> forced = new HashSet<>();
    Names names;
    private ToBeRecorded tbr;
    /** Every primal variable the final reverse sweep names, read or written: these are declared at the top. */
    final Set<String> inReverse = new HashSet<>();
    Local value;
    private String tape;
    final Map<Stmt, Boolean> reverseDoesWork = new IdentityHashMap<>();
    /** The restores {@code v = tape.pop()} of the reverse sweep, with the statement each undoes. */
    final Map<Stmt, Stmt> restores = new IdentityHashMap<>();
    /** Statements whose old value nothing reads before the next restore of the same variable. */
    private final Set<Stmt> deadRestores = Collections.newSetFromMap(new IdentityHashMap<>());
    /** What the final forward sweep pushes, in its order, for the report. */
    final List<GradientForm.Saved> saved = new ArrayList<>();
    /** The forward sweep's saves into locals ({@link TapeLocals}). */
    private List<Stmt> savedInLocals = List.of();

    /** Definitions whose value the path taken may not use: their adjoint is passed on only if not zero. */
    final Set<Stmt> zeroAdjoints;

    private Reverse(Method method, Activity activity, boolean unlessZero) {
        this.method = method;
        this.activity = activity;
        this.zeroAdjoints = unlessZero ? ZeroAdjoints.unsure(method.body()) : Set.of();
    }

    /**
     * The reverse of a tangent method, for second derivatives ({@code @Hessian}, {@code @Jacobian}). With
     * {@code unlessZero}, as the taped gradient, an adjoint is passed on only where it is not zero if the path
     * may not use the value ({@link ZeroAdjoints}); without, everywhere (the full Hessian's lanes, one per
     * direction, run as one, and a NaN there sends it to the guarded products).
     */
    public static Gradient of(Method method, List<String> wrt, Activity activity, boolean unlessZero) {
        Reverse r = new Reverse(method, activity, unlessZero);
        return r.run(wrt);
    }

    /** Whether {@link #of} with {@code unlessZero} guards any adjoint of {@code method}. */
    public static boolean guards(Method method) {
        return !ZeroAdjoints.unsure(method.body()).isEmpty();
    }

    /**
     * The taped gradient, what its forward sweep pushes onto the tape, statement by statement, and the
     * statements of its forward sweep that save a value into a local instead (outside loops).
     */
    public record Taped(Gradient gradient, List<GradientForm.Saved> saved, List<Stmt> savedInLocals) {}

    public static Taped taped(Method method, List<String> wrt, Activity activity) {
        Reverse r = new Reverse(method, activity, true);
        Gradient g = r.run(wrt);
        return new Taped(g, List.copyOf(r.saved), r.savedInLocals);
    }

    private Gradient run(List<String> wrt) {
        Declarations declarations = Declarations.of(method);
        types.putAll(declarations.types());
        declaredInLoop.addAll(declarations.inLoops());
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
        // to-be-recorded: what each statement's derivative reads, then the analysis, once
        Names real = names;
        names = real.copy();
        Map<Stmt, ToBeRecorded.Derivative> derivatives = new IdentityHashMap<>();
        ReverseSweep derivativesOnly = new ReverseSweep(this);
        Walk.statements(method.body(), s -> {
            List<Stmt> d = derivativesOnly.derivativeOf(s);
            derivatives.put(s, new ToBeRecorded.Derivative(primalReads(d), d.isEmpty()));
        });
        tbr = ToBeRecorded.of(method, activity, forced, derivatives);
        // a restore whose value is overwritten by the next restore before anything reads it is dead:
        // neither it nor its push is needed (a += w[j] * x[i][j] in a loop reads nothing of a)
        names = real.copy();
        restores.clear();
        List<Stmt> trial = new ReverseSweep(this).reverse(method.body());
        Liveness.deadRestores(trial, restores, deadRestores);
        names = real;
        tape = null;
        reverseDoesWork.clear();
        List<Stmt> reverse = new ReverseSweep(this).reverse(method.body());
        Walk.statements(reverse, st -> Walk.expressions(st, e -> Walk.locals(e, n -> {
            if (types.containsKey(n)) {
                inReverse.add(n);
            }
        })));
        List<Stmt> forward = new ForwardSweep(this).forward(method.body());
        // what is saved outside loops is saved once: into locals, not onto the heap tape
        TapeLocals.Result locals = TapeLocals.apply(forward, reverse, names);
        if (locals != null) {
            forward = locals.forward();
            reverse = locals.reverse();
            saved.removeIf(s -> s.loops().isEmpty());
            savedInLocals = locals.saves();
        }
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
        if (locals != null) {
            body.addAll(locals.declarations());
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

    boolean aliasesParam(String name) {
        String cls = activity.aliasOf(name);
        return method.params().stream().anyMatch(p -> p.type().isArray() && activity.aliasOf(p.name()).equals(cls));
    }

    boolean isActiveVar(String name) {
        Type t = types.get(name);
        return t != null && t.isDifferentiable() && activity.isActive(name);
    }

    boolean isNeeded(String name) {
        return tbr.isNeeded(name);
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

    boolean mustHoist(String name) {
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

    Local bar(String name) {
        return new Local(types.get(name), bars.get(name));
    }

    /** {@code e} with its root array replaced by the root's adjoint: {@code m_bar[i][j]} for {@code m[i][j]}. */
    Expr adjointOf(Expr e) {
        return Adjoints.adjointOf(e, this::bar);
    }

    // ---------------------------------------------------------------- which assignments record

    /** Whether the forward sweep pushes the old value of what {@code s} writes. */
    boolean records(Stmt s) {
        return !deadRestores.contains(s) && tbr.records(s);
    }

    boolean recordsVar(String name) {
        return tbr.recordsVar(name);
    }

    String tape() {
        if (tape == null) {
            tape = names.fresh("tape");
        }
        return tape;
    }

    Adjoints adjoints() {
        return new Adjoints(activity, names, this::adjointOf);
    }

    Stmt push(Expr value) {
        tape();
        return new Stmt.Push(value);
    }

    Expr pop(Type t) {
        tape();
        return new Expr.Pop(t);
    }

    // ---------------------------------------------------------------- what derivatives read

    /** The primal variables that reverse-sweep code reads (arrays by alias class). */
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

