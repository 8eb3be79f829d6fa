package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Flow;
import dev.jgrad.processor.ir.Src;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.List;

/**
 * The forward sweep of {@link Reverse}: the method as written, pushing onto the tape the old value of
 * every variable that the reverse sweep reads and that a statement overwrites, the branch taken by
 * each branch whose reverse does something, and the trip count of each such loop (unless the reverse
 * sweep can count it back down). Declarations the reverse sweep must see move to the top.
 */
final class ForwardSweep {
    private final Reverse joint;
    /** The loops around the statement being swept, outermost first: what each push is per iteration of. */
    private final List<Src> loops = new ArrayList<>();
    /** The source statements around it, innermost last: where a push of a statement jgrad made belongs. */
    private final List<Src> around = new ArrayList<>();
    /** How many branches of an {@code if} it is in: its pushes happen only when they run. */
    private int branches;

    ForwardSweep(Reverse joint) {
        this.joint = joint;
    }

    List<Stmt> forward(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            forward(s, out);
        }
        return out;
    }

    private void forward(Stmt s, List<Stmt> out) {
        around.add(s.src());
        try {
            sweep(s, out);
        } finally {
            around.remove(around.size() - 1);
        }
    }

    /**
     * {@code tape.push(value)}, recorded for the report: at the innermost source statement around it,
     * once per iteration of the loops around it.
     */
    private Stmt push(Expr value, GradientForm.What what) {
        Src at = null;
        for (int k = around.size() - 1; at == null && k >= 0; k--) {
            at = around.get(k);
        }
        boolean conditional = branches > 0;
        joint.saved.add(GradientForm.saved(at, loops, what, value, conditional));
        return joint.push(value);
    }

    private List<Stmt> inLoop(Src loop, List<Stmt> body) {
        loops.add(loop);
        try {
            return forward(body);
        } finally {
            loops.remove(loops.size() - 1);
        }
    }

    private void sweep(Stmt s, List<Stmt> out) {
        if (s instanceof Stmt.Decl d) {
            Local v = new Local(d.type(), d.name());
            if (joint.records(d)) {
                out.add(push(v, GradientForm.What.OLD_VALUE));
                if (joint.isActiveVar(d.name()) && d.type().isArray()) {
                    out.add(push(joint.bar(d.name()), GradientForm.What.OLD_ADJOINT));
                }
            }
            if (joint.mustHoist(d.name())) {
                if (d.init() != null) {
                    out.add(new Stmt.Assign(d.src(), v, d.init()));
                }
            } else {
                out.add(d);
            }
            if (d.init() != null && d.type().isArray() && joint.isActiveVar(d.name())) {
                out.add(new Stmt.Assign(null, joint.bar(d.name()), joint.adjoints().adjointArray(d.init(), v)));
            }
        } else if (s instanceof Stmt.Assign a) {
            boolean arrayRef = a.target().type().isArray();
            boolean active = arrayRef && joint.activity.isActive(Walk.root(a.target()));
            Stmt store = a;
            if (joint.records(a)) {
                if (a.target() instanceof Expr.Index && !arrayRef && Linearize.mayThrowBesides(a.value(), a.target())) {
                    // Java evaluates the right-hand side before it checks the element's index: reading
                    // the old value first would throw the index's exception instead of the value's
                    // (a read of the element itself in the value throws first either way)
                    Local value = new Local(a.target().type(), joint.names.fresh("stored"));
                    out.add(new Stmt.Decl(null, value.type(), value.name(), a.value()));
                    store = new Stmt.Assign(a.src(), a.target(), value);
                }
                out.add(push(a.target(), GradientForm.What.OLD_VALUE));
                if (active) {
                    out.add(push(joint.adjointOf(a.target()), GradientForm.What.OLD_ADJOINT));
                }
            }
            out.add(store);
            if (active) {
                out.add(new Stmt.Assign(null, joint.adjointOf(a.target()), joint.adjoints().adjointArray(a.value(), a.target())));
            }
        } else if (s instanceof Stmt.If i) {
            branches++;
            List<Stmt> then = forward(i.then());
            List<Stmt> otherwise = forward(i.otherwise());
            branches--;
            // a branch that throws never reaches the reverse sweep: it records nothing
            boolean recorded = false;
            if (works(s) && Flow.canComplete(then)) {
                then.add(push(Expr.Lit.TRUE, GradientForm.What.BRANCH));
                recorded = true;
            }
            if (works(s) && Flow.canComplete(otherwise)) {
                // one decision per run of the if, whichever branch pushes it
                otherwise.add(recorded ? joint.push(Expr.Lit.FALSE) : push(Expr.Lit.FALSE, GradientForm.What.BRANCH));
            }
            out.add(new Stmt.If(i.src(), i.cond(), then, otherwise));
        } else if (s instanceof Stmt.Block b) {
            out.add(new Stmt.Block(b.src(), forward(b.body())));
        } else if (s instanceof Stmt.While w) {
            Local trips = works(s) ? new Local(Type.INT, joint.names.fresh("trips")) : null;
            List<Stmt> body = inLoop(w.src(), w.body());
            if (trips == null) {
                out.add(new Stmt.While(w.src(), w.cond(), body, w.testAfter()));
                return;
            }
            if (Flow.canComplete(body)) {
                body.add(increment(trips));
            }
            out.add(new Stmt.Decl(null, Type.INT, trips.name(), Expr.Lit.ofInt(0)));
            out.add(new Stmt.While(w.src(), w.cond(), body, w.testAfter()));
            out.add(push(trips, GradientForm.What.TRIP_COUNT));
        } else if (s instanceof Stmt.For f) {
            Local trips = works(s) ? new Local(Type.INT, joint.names.fresh("trips")) : null;
            List<Stmt> init = forward(f.init());
            List<Stmt> update = inLoop(f.src(), f.update());
            List<Stmt> body = inLoop(f.src(), f.body());
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
            out.add(push(trips, GradientForm.What.TRIP_COUNT));
        } else if (s instanceof Stmt.Return r) {
            // the last statement: its value is the method's value
            if (r.value() instanceof Local l && !joint.inReverse.contains(l.name())) {
                joint.value = l;
            } else {
                // copied before the reverse sweep restores what it reads
                joint.value = new Local(Type.DOUBLE, joint.names.fresh("value"));
                out.add(new Stmt.Decl(r.src(), Type.DOUBLE, joint.value.name(), r.value()));
            }
        } else {
            out.add(s);
        }
    }

    private static Stmt increment(Local v) {
        return new Stmt.Assign(null, v, new Expr.Binary(v.type(), BinaryOp.ADD, v, Expr.Lit.ofInt(1)));
    }

    private boolean works(Stmt s) {
        return joint.reverseDoesWork.getOrDefault(s, false);
    }
}
