package dev.jgrad.processor.analysis;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * To-be-recorded (Hascoët, Naumann and Pascual): which values the forward sweep of a taped gradient
 * must push before a statement overwrites them, because the reverse sweep reads them. Computed once,
 * before the transform writes either sweep (as Clad's {@code TBRAnalyzer} runs before its
 * {@code ReverseModeVisitor}), from the structured method, its activity, the arrays whose contents
 * the caller gets back ({@code forced}) and what each statement's derivative reads; the result is
 * immutable.
 *
 * <p>The variables the reverse sweep reads ({@code needed}; arrays also by alias class) are a least
 * fixed point: the derivatives' reads, the indices of restored elements, the right sides of undone
 * integer increments, and the bounds of counted loops whose reverse does something; each of these
 * but the first exists only where something is recorded or undone.
 */
public final class ToBeRecorded {
    /** What the adjoint propagation of one statement reads (primal variables) and whether it does anything. */
    public record Derivative(Set<String> reads, boolean empty) {
        public static final Derivative NONE = new Derivative(Set.of(), true);
    }

    private final Activity activity;
    private final Map<String, Type> types = new HashMap<>();
    private final Set<String> declaredInLoop = new HashSet<>();
    private final Map<Stmt, Derivative> derivatives;
    private final Set<String> forced;
    private Set<String> needed = Set.of();

    private ToBeRecorded(Method method, Activity activity, Set<String> forced, Map<Stmt, Derivative> derivatives) {
        this.activity = activity;
        this.forced = forced;
        this.derivatives = derivatives;
        Declarations declarations = Declarations.of(method);
        types.putAll(declarations.types());
        declaredInLoop.addAll(declarations.inLoops());
    }

    /**
     * The analysis of {@code method}: {@code derivatives} maps each statement (by identity) to what
     * its adjoint propagation reads; a statement missing from it has none.
     */
    public static ToBeRecorded of(Method method, Activity activity, Set<String> forced,
            Map<Stmt, Derivative> derivatives) {
        ToBeRecorded t = new ToBeRecorded(method, activity, Set.copyOf(forced), derivatives);
        Set<String> reads = new HashSet<>(forced);
        int rounds = 0;
        do {
            if (++rounds > 100) {
                throw new IllegalStateException("to-be-recorded analysis did not converge");
            }
            t.needed = reads;
            reads = new HashSet<>(forced);
            t.block(method.body(), reads);
        } while (!reads.equals(t.needed));
        t.needed = Set.copyOf(t.needed);
        return t;
    }

    /** The primal variables (and alias classes of arrays) the reverse sweep reads. */
    public Set<String> needed() {
        return needed;
    }

    /** Whether the reverse sweep reads {@code name} (an array: any array of its alias class). */
    public boolean isNeeded(String name) {
        Type t = types.get(name);
        if (t != null && t.isArray()) {
            return needed.contains(activity.aliasOf(name)) || needed.contains(name);
        }
        return needed.contains(name);
    }

    /** Whether the forward sweep pushes the old value of what {@code s} writes (before dead restores go). */
    public boolean records(Stmt s) {
        if (s instanceof Stmt.Decl d) {
            return d.init() != null && declaredInLoop.contains(d.name()) && recordsVar(d.name());
        }
        if (s instanceof Stmt.Assign a) {
            if (a.target() instanceof Local v) {
                return recordsVar(v.name()) && !invertible(a);
            }
            if (a.target().type().isArray()) {
                // a replaced row (m[i] = new double[n]): the old row and its adjoint row come back, as
                // for an array variable, since adjoints may have flowed into the old row before
                return recordsVar(Walk.root(a.target()));
            }
            return isNeeded(Walk.root(a.target()));
        }
        return false;
    }

    /** Whether an overwrite of the variable {@code name} records its old value. */
    public boolean recordsVar(String name) {
        Type t = types.get(name);
        if (t.isArray()) {
            // a replaced array reference is needed back if its elements are read, or if adjoints flow into it
            return isNeeded(name) || isActiveVar(name);
        }
        return isNeeded(name);
    }

    /** Whether {@code name} is declared inside a loop. */
    public boolean declaredInLoop(String name) {
        return declaredInLoop.contains(name);
    }

    /** An integer {@code v = v + e} or {@code v = v - e}: undone by the opposite, without the tape. */
    public static boolean invertible(Stmt.Assign a) {
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

    /**
     * The counted form of a loop whose bounds nothing in its body changes: its reverse can count
     * its index back down instead of reading a trip count from the tape.
     */
    public static Counted countedWithFixedBounds(Stmt.For f) {
        Counted counted = Counted.of(f);
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

    // ---------------------------------------------------------------- what the reverse sweep reads

    /** Adds what the reverse of {@code stmts} reads to {@code reads}; whether that reverse does anything. */
    private boolean block(List<Stmt> stmts, Set<String> reads) {
        boolean works = false;
        for (Stmt s : stmts) {
            works |= statement(s, reads);
        }
        return works;
    }

    private boolean statement(Stmt s, Set<String> reads) {
        if (s instanceof Stmt.Decl d) {
            return d.init() != null && assignment(s, new Local(d.type(), d.name()), reads);
        }
        if (s instanceof Stmt.Assign a) {
            return assignment(s, a.target(), reads);
        }
        if (s instanceof Stmt.If i) {
            // the reverse reads the branch taken from the tape
            boolean then = block(i.then(), reads);
            return block(i.otherwise(), reads) || then;
        }
        if (s instanceof Stmt.Block b) {
            return block(b.body(), reads);
        }
        if (s instanceof Stmt.While w) {
            return block(w.body(), reads);
        }
        if (s instanceof Stmt.For f) {
            Counted counted = countedWithFixedBounds(f);
            boolean works;
            if (counted != null) {
                works = block(f.body(), reads);
                if (works) {
                    // counted back down: the index and the bounds
                    add(counted.index(), reads);
                    Walk.locals(counted.to(), n -> add(n, reads));
                    Walk.locals(counted.from(), n -> add(n, reads));
                }
            } else {
                works = block(f.update(), reads);
                works |= block(f.body(), reads);
            }
            return block(f.init(), reads) || works;
        }
        if (s instanceof Stmt.Return) {
            return derivative(s, reads);
        }
        return false;
    }

    /** The reverse of an assignment to {@code target}: a restore (or an undone increment), then the derivative. */
    private boolean assignment(Stmt s, Expr target, Set<String> reads) {
        boolean works = false;
        if (records(s)) {
            works = true;
            if (target instanceof Expr.Index) {
                // target = tape.pop() evaluates the element's array and indices
                Walk.locals(target, n -> add(n, reads));
            }
        } else if (!target.type().isArray() && s instanceof Stmt.Assign a && invertible(a)
                && isNeeded(((Local) target).name())) {
            works = true;
            Walk.locals(((Expr.Binary) a.value()).right(), n -> add(n, reads));
        }
        return derivative(s, reads) || works;
    }

    private boolean derivative(Stmt s, Set<String> reads) {
        Derivative d = derivatives.getOrDefault(s, Derivative.NONE);
        d.reads().forEach(n -> add(n, reads));
        return !d.empty();
    }

    private void add(String name, Set<String> reads) {
        Type t = types.get(name);
        if (t != null) {
            reads.add(name);
            if (t.isArray()) {
                reads.add(activity.aliasOf(name));
            }
        }
    }

    private boolean isActiveVar(String name) {
        Type t = types.get(name);
        return t != null && t.isDifferentiable() && activity.isActive(name);
    }

}
