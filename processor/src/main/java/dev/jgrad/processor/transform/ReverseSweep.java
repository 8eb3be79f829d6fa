package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.Counted;
import static dev.jgrad.processor.ir.Exprs.ONE;
import static dev.jgrad.processor.ir.Exprs.ZERO;

import dev.jgrad.processor.analysis.ToBeRecorded;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Exprs;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.List;

/**
 * The reverse sweep of {@link Reverse}: the statements backwards, each restoring what the forward
 * sweep overwrote (a pop, or the undoing of an integer increment) and passing its target's adjoint on
 * to the active parts of its value. Branches and loops whose reverse does something read their
 * decision and trip count from the tape, or count a loop with fixed bounds back down.
 */
final class ReverseSweep {
    private final Reverse joint;

    ReverseSweep(Reverse joint) {
        this.joint = joint;
    }

    List<Stmt> reverse(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (int k = body.size() - 1; k >= 0; k--) {
            reverse(body.get(k), out);
        }
        return out;
    }

    private void reverse(Stmt s, List<Stmt> out) {
        if (s instanceof Stmt.Decl d) {
            if (d.init() != null) {
                assignment(s, new Local(d.type(), d.name()), d.init(), !joint.declaredInLoop.contains(d.name()), out);
            }
        } else if (s instanceof Stmt.Assign a) {
            assignment(s, a.target(), a.value(), false, out);
        } else if (s instanceof Stmt.If i) {
            List<Stmt> then = reverse(i.then());
            List<Stmt> otherwise = reverse(i.otherwise());
            if (!then.isEmpty() || !otherwise.isEmpty()) {
                joint.reverseDoesWork.put(s, true);
                out.add(new Stmt.If(null, joint.pop(Type.BOOLEAN), then, otherwise));
            }
        } else if (s instanceof Stmt.Block b) {
            List<Stmt> body = reverse(b.body());
            if (!body.isEmpty()) {
                out.add(new Stmt.Block(null, body));
            }
        } else if (s instanceof Stmt.While w) {
            List<Stmt> body = reverse(w.body());
            if (!body.isEmpty()) {
                joint.reverseDoesWork.put(s, true);
                out.add(new Stmt.Repeat(joint.names.fresh("trip"), joint.pop(Type.INT), body));
            }
        } else if (s instanceof Stmt.For f) {
            Counted counted = ToBeRecorded.countedWithFixedBounds(f);
            if (counted != null) {
                // for (j = a; j < b; j++) runs backwards as for (j = b; j > a;) { j--; ... }: no tape
                List<Stmt> body = reverse(f.body());
                if (!body.isEmpty()) {
                    Local j = new Local(Type.INT, counted.index());
                    List<Stmt> back = new ArrayList<>();
                    back.add(new Stmt.Assign(null, j, new Expr.Binary(Type.INT, BinaryOp.SUB, j, Expr.Lit.ofInt(1))));
                    back.addAll(body);
                    joint.countedIndices.add(counted.index());
                    out.add(new Stmt.For(null, List.of(new Stmt.Decl(null, Type.INT, j.name(), counted.to())),
                            new Expr.Binary(Type.BOOLEAN, BinaryOp.GT, j, counted.from()), List.of(), back));
                }
                out.addAll(reverse(f.init()));
                return;
            }
            List<Stmt> body = new ArrayList<>(reverse(f.update()));
            body.addAll(reverse(f.body()));
            if (!body.isEmpty()) {
                joint.reverseDoesWork.put(s, true);
                out.add(new Stmt.Repeat(joint.names.fresh("trip"), joint.pop(Type.INT), body));
            }
            out.addAll(reverse(f.init()));
        } else if (s instanceof Stmt.Return r) {
            List<Stmt> adjoint = new ArrayList<>();
            joint.adjoints().propagate(r.value(), ONE, adjoint);
            if (!adjoint.isEmpty()) {
                comment(r, out);
                out.addAll(adjoint);
            }
        }
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
        boolean recorded = joint.records(s);
        if (target.type().isArray()) {
            // the elements of a fresh array literal take the adjoints of its elements
            List<Stmt> elements = derivative(s, target, value, onlyDefinition);
            if (!elements.isEmpty()) {
                comment(s, out);
                out.addAll(elements);
            }
            // a reference: restore it (and its adjoint) if the forward sweep replaced one
            if (recorded) {
                String root = Walk.root(target);
                if (joint.activity.isActive(root) && joint.bars.containsKey(root) || isActiveRef(target)) {
                    adjoint.add(new Stmt.Assign(null, joint.adjointOf(target), joint.pop(target.type())));
                }
                adjoint.add(new Stmt.Assign(null, target, joint.pop(target.type())));
            }
            out.addAll(adjoint);
            return;
        }
        if (recorded) {
            Stmt restore = new Stmt.Assign(null, target, joint.pop(target.type()));
            if (target instanceof Local || restorableElement(target)) {
                joint.restores.put(restore, s);
            }
            adjoint.add(restore);
        } else if (s instanceof Stmt.Assign a && ToBeRecorded.invertible(a) && joint.isNeeded(((Local) target).name())) {
            Expr.Binary b = (Expr.Binary) a.value();
            BinaryOp undo = b.op() == BinaryOp.ADD ? BinaryOp.SUB : BinaryOp.ADD;
            adjoint.add(new Stmt.Assign(null, target, new Expr.Binary(b.type(), undo, target, b.right())));
        }
        adjoint.addAll(derivative(s, target, value, onlyDefinition));
        if (!adjoint.isEmpty()) {
            if (isActiveDouble(target)) {
                comment(s, out);
            }
            out.addAll(adjoint);
        }
    }

    /**
     * The derivative part of the reverse of a statement, what no recording changes: the adjoint
     * propagation of an assignment or of the return (empty for other statements). The
     * to-be-recorded analysis reads what it reads.
     */
    List<Stmt> derivativeOf(Stmt s) {
        if (s instanceof Stmt.Decl d && d.init() != null) {
            return derivative(s, new Local(d.type(), d.name()), d.init(), !joint.declaredInLoop.contains(d.name()));
        }
        if (s instanceof Stmt.Assign a) {
            return derivative(s, a.target(), a.value(), false);
        }
        if (s instanceof Stmt.Return r) {
            List<Stmt> adjoint = new ArrayList<>();
            joint.adjoints().propagate(r.value(), ONE, adjoint);
            return adjoint;
        }
        return List.of();
    }

    /**
     * The adjoint propagation of {@code target = value}: take the target's adjoint, zero it (the
     * old value did not flow into the new one), and pass it on to the active parts of
     * {@code value}; for an array literal, its elements' adjoints. Where the path taken may not use
     * the value ({@link ZeroAdjoints}), the adjoint is passed on only if it is not zero.
     */
    private List<Stmt> derivative(Stmt s, Expr target, Expr value, boolean onlyDefinition) {
        List<Stmt> propagation = new ArrayList<>();
        if (target.type().isArray()) {
            if (value instanceof Expr.ArrayLit lit && isActiveRef(target)) {
                joint.adjoints().literalAdjoints(lit, joint.adjointOf(target), propagation);
            }
            return propagation;
        }
        if (!isActiveDouble(target)) {
            return propagation;
        }
        Expr targetBar = joint.adjointOf(target);
        boolean readsTarget = readsLocation(value, target);
        Expr seed = targetBar;
        Expr increment = increment(target, value);
        if (increment != null && Adjoints.isAtomic(targetBar)) {
            // t += e: the adjoint of t passes through unchanged, and on to e
            Expr.Binary b = (Expr.Binary) value;
            List<Stmt> passed = new ArrayList<>();
            joint.adjoints().propagate(increment, b.op() == BinaryOp.SUB ? Exprs.neg(seed) : seed, passed);
            propagation.addAll(unlessZero(s, seed, passed));
        } else if (readsTarget || !(target instanceof Local)) {
            Local t = new Local(Type.DOUBLE, joint.names.fresh(seedName(target)));
            propagation.add(new Stmt.Decl(null, Type.DOUBLE, t.name(), targetBar));
            propagation.add(new Stmt.Assign(null, targetBar, ZERO));
            seed = t;
            List<Stmt> passed = new ArrayList<>();
            joint.adjoints().propagate(value, seed, passed);
            propagation.addAll(unlessZero(s, seed, passed));
        } else {
            List<Stmt> passed = new ArrayList<>();
            joint.adjoints().propagate(value, seed, passed);
            propagation.addAll(unlessZero(s, seed, passed));
            if (!onlyDefinition) {
                propagation.add(new Stmt.Assign(null, targetBar, ZERO));
            }
        }
        return propagation;
    }

    /** {@code passed}, inside {@code if (seed != 0.0)} where {@code s}'s value may go unused ({@link ZeroAdjoints}). */
    private List<Stmt> unlessZero(Stmt s, Expr seed, List<Stmt> passed) {
        if (passed.isEmpty() || !joint.zeroAdjoints.contains(s) || !(seed instanceof Local)) {
            return passed;
        }
        return List.of(new Stmt.If(null, Exprs.compare(BinaryOp.NE, seed, ZERO), passed, List.of()));
    }

    private boolean isActiveDouble(Expr target) {
        return target.type() == Type.DOUBLE && joint.activity.isActive(target) && joint.bars.containsKey(Walk.root(target));
    }

    /** The {@code e} of {@code t = t + e} or {@code t = t - e} when {@code e} does not read {@code t}; else null. */
    private Expr increment(Expr target, Expr value) {
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
        if (!(target instanceof Expr.Index) || root == null || joint.forced.contains(joint.activity.aliasOf(root))
                || joint.method.param(root) != null) {
            return false;
        }
        String cls = joint.activity.aliasOf(root);
        return joint.types.keySet().stream().filter(n -> joint.types.get(n).isArray() && joint.activity.aliasOf(n).equals(cls)).count() == 1;
    }

    private boolean isActiveRef(Expr target) {
        String root = Walk.root(target);
        return root != null && joint.activity.isActive(root) && joint.bars.containsKey(root);
    }

    private static String seedName(Expr target) {
        String root = Walk.root(target);
        return (root == null ? "d" : root) + "_adj";
    }

    /**
     * Whether {@code value} may read what {@code target} names: the same local, or an array that may be
     * the target's ({@code view[0] -= h[0] - v[0]} after {@code view = h}), whose adjoint is the same.
     */
    private boolean readsLocation(Expr value, Expr target) {
        String root = Walk.root(target);
        boolean array = root != null && joint.types.containsKey(root) && joint.types.get(root).isArray();
        boolean[] hit = {false};
        Walk.locals(value, n -> hit[0] |= n.equals(root) || array && joint.types.containsKey(n)
                && joint.types.get(n).isArray() && joint.activity.aliasOf(n).equals(joint.activity.aliasOf(root)));
        return hit[0];
    }
}
