package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps in locals what the forward sweep saves outside every loop: a value overwritten by
 * straight-line code or in a branch, a branch decision, a loop's trip count. Each such push runs at
 * most once per call, so a local of its own (declared at the top, where the reverse sweep sees it)
 * holds it as well as the tape, without the tape's allocation and bookkeeping; a method whose every
 * push is outside loops then needs no tape at all. Pushes inside loops stay on the tape.
 *
 * <p>Which pop reads which push follows from the tape being a stack: the forward sweep's pushes outside
 * loops are replayed symbolically (a branch's pushes kept apart, under its decision), then the reverse
 * sweep's pops outside loops take them off in its order. Both branches' decisions share one local, which
 * the reverse sweep's {@code if} reads. The reverse sweep is built from the forward sweep statement by
 * statement, so the two always match; should they not (a pop of another type, a pop where no push
 * is left, a push that nothing pops, a pop inside an expression), the method keeps its tape as it was.
 */
final class TapeLocals {
    /**
     * The sweeps with the saves moved into locals, the locals' declarations for the method's top, and
     * the forward sweep's assignments that save into them.
     */
    record Result(List<Stmt> forward, List<Stmt> reverse, List<Stmt> declarations, List<Stmt> saves) {}

    /** What a push outside loops left on the symbolic stack. */
    private sealed interface Item permits Slot, Branch {}

    /** One local: the pushes that fill it (two for a branch decision) and the name it gets. */
    private static final class Slot implements Item {
        final Type type;
        final String hint;
        String name;

        Slot(Type type, String hint) {
            this.type = type;
            this.hint = hint;
        }
    }

    /** The pushes of a branch's two arms, below its decision. */
    private record Branch(List<Item> then, List<Item> otherwise) implements Item {}

    /** Thrown when the sweeps are not in the shape this pass knows: the tape then stays. */
    private static final class Mismatch extends Exception {
        Mismatch() {
            super(null, null, false, false);
        }
    }

    private final Names names;
    private final Map<Stmt, Slot> pushes = new IdentityHashMap<>();
    private final Map<Expr, Slot> pops = new IdentityHashMap<>();
    private final List<Slot> slots = new ArrayList<>();
    private final List<Stmt> saves = new ArrayList<>();

    private TapeLocals(Names names) {
        this.names = names;
    }

    /** The sweeps with their saves outside loops in locals, or null if there are none (or on a mismatch). */
    static Result apply(List<Stmt> forward, List<Stmt> reverse, Names names) {
        TapeLocals t = new TapeLocals(names);
        try {
            List<Item> stack = new ArrayList<>();
            t.forward(forward, stack);
            t.reverse(reverse, stack);
            if (!stack.isEmpty()) {
                throw new Mismatch();
            }
        } catch (Mismatch m) {
            return null;
        }
        if (t.slots.isEmpty()) {
            return null;
        }
        List<Stmt> declarations = new ArrayList<>();
        for (Slot s : t.slots) {
            s.name = names.fresh(s.hint);
            declarations.add(new Stmt.Decl(null, s.type, s.name, new Expr.Lit(s.type, s.type.zero())));
        }
        List<Stmt> newForward = t.rewrite(forward);
        return new Result(newForward, t.rewrite(reverse), declarations, List.copyOf(t.saves));
    }

    // ---------------------------------------------------------------- the forward sweep's pushes

    private void forward(List<Stmt> body, List<Item> stack) throws Mismatch {
        for (Stmt s : body) {
            if (s instanceof Stmt.Push p) {
                Slot slot = new Slot(typeOf(p.value()), hint(p.value()));
                slots.add(slot);
                pushes.put(p, slot);
                stack.add(slot);
            } else if (s instanceof Stmt.If i) {
                noPops(i.cond());
                List<Item> then = new ArrayList<>();
                List<Item> otherwise = new ArrayList<>();
                forward(i.then(), then);
                forward(i.otherwise(), otherwise);
                Slot decision = decision(i.then(), then, null);
                decision = decision(i.otherwise(), otherwise, decision);
                if (!then.isEmpty() || !otherwise.isEmpty()) {
                    stack.add(new Branch(then, otherwise));
                }
                if (decision != null) {
                    stack.add(decision);
                }
            } else if (s instanceof Stmt.Block b) {
                forward(b.body(), stack);
            } else if (s instanceof Stmt.For f) {
                // the initialisation runs once; the rest is the loop's, whose pushes stay on the tape
                forward(f.init(), stack);
            } else if (s instanceof Stmt.While) {
                // its pushes stay on the tape, where its reverse pops them
            } else if (s instanceof Stmt.Decl || s instanceof Stmt.Assign || s instanceof Stmt.Comment
                    || s instanceof Stmt.Run || s instanceof Stmt.Throw || s instanceof Stmt.Assert) {
                noPops(s);
            } else {
                throw new Mismatch();
            }
        }
    }

    /** The slot of an arm's last statement if it is the branch's decision, merged with the other arm's. */
    private Slot decision(List<Stmt> arm, List<Item> items, Slot other) throws Mismatch {
        if (arm.isEmpty() || !(arm.get(arm.size() - 1) instanceof Stmt.Push p) || !(p.value() instanceof Expr.Lit)
                || p.value().type() != Type.BOOLEAN) {
            return other;
        }
        Slot mine = (Slot) items.remove(items.size() - 1);
        if (other == null) {
            return mine;
        }
        slots.remove(mine);
        pushes.put(p, other);
        return other;
    }

    // ---------------------------------------------------------------- the reverse sweep's pops

    private void reverse(List<Stmt> body, List<Item> stack) throws Mismatch {
        for (Stmt s : body) {
            if (s instanceof Stmt.Push) {
                throw new Mismatch();
            } else if (s instanceof Stmt.If i) {
                if (i.cond() instanceof Expr.Pop p) {
                    take(p, stack);
                    List<Item> then = new ArrayList<>();
                    List<Item> otherwise = new ArrayList<>();
                    if (!stack.isEmpty() && stack.get(stack.size() - 1) instanceof Branch b) {
                        stack.remove(stack.size() - 1);
                        then = new ArrayList<>(b.then());
                        otherwise = new ArrayList<>(b.otherwise());
                    }
                    reverse(i.then(), then);
                    reverse(i.otherwise(), otherwise);
                    if (!then.isEmpty() || !otherwise.isEmpty()) {
                        throw new Mismatch();
                    }
                } else {
                    // an if of the derivatives (a max, an abs): no pops of its own
                    noPops(i.cond());
                    List<Item> none = new ArrayList<>();
                    reverse(i.then(), none);
                    reverse(i.otherwise(), none);
                    if (!none.isEmpty()) {
                        throw new Mismatch();
                    }
                }
            } else if (s instanceof Stmt.Block b) {
                reverse(b.body(), stack);
            } else if (s instanceof Stmt.Repeat r) {
                if (r.from() instanceof Expr.Pop p) {
                    take(p, stack);
                } else {
                    noPops(r.from());
                }
            } else if (s instanceof Stmt.Assign a) {
                noPops(a.target());
                if (a.value() instanceof Expr.Pop p) {
                    take(p, stack);
                } else {
                    noPops(a.value());
                }
            } else if (s instanceof Stmt.For f) {
                // a loop's pops read the loop's pushes, which stay on the tape
                reverse(f.init(), stack);
            } else if (s instanceof Stmt.While) {
                // likewise
            } else if (s instanceof Stmt.Decl || s instanceof Stmt.Comment || s instanceof Stmt.Run) {
                noPops(s);
            } else {
                throw new Mismatch();
            }
        }
    }

    private void take(Expr.Pop p, List<Item> stack) throws Mismatch {
        if (stack.isEmpty() || !(stack.get(stack.size() - 1) instanceof Slot slot) || slot.type != p.type()) {
            throw new Mismatch();
        }
        stack.remove(stack.size() - 1);
        pops.put(p, slot);
    }

    // ---------------------------------------------------------------- the rewrite

    private List<Stmt> rewrite(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            out.add(rewrite(s));
        }
        return out;
    }

    private Stmt rewrite(Stmt s) {
        if (s instanceof Stmt.Push p && pushes.containsKey(p)) {
            Stmt save = new Stmt.Assign(null, local(pushes.get(p)), p.value());
            saves.add(save);
            return save;
        }
        if (s instanceof Stmt.If i) {
            return new Stmt.If(i.src(), value(i.cond()), rewrite(i.then()), rewrite(i.otherwise()));
        }
        if (s instanceof Stmt.Block b) {
            return new Stmt.Block(b.src(), rewrite(b.body()));
        }
        if (s instanceof Stmt.For f) {
            return new Stmt.For(f.src(), rewrite(f.init()), f.cond(), f.update(), f.body());
        }
        if (s instanceof Stmt.Repeat r) {
            return new Stmt.Repeat(r.counter(), value(r.from()), r.body());
        }
        if (s instanceof Stmt.Assign a) {
            return new Stmt.Assign(a.src(), a.target(), value(a.value()));
        }
        return s;
    }

    private Expr value(Expr e) {
        Slot slot = pops.get(e);
        return slot == null ? e : local(slot);
    }

    private static Expr.Local local(Slot slot) {
        return new Expr.Local(slot.type, slot.name);
    }

    // ---------------------------------------------------------------- small facts

    private static void noPops(Expr e) throws Mismatch {
        boolean[] pop = {false};
        if (e != null) {
            Walk.postOrder(e, x -> pop[0] |= x instanceof Expr.Pop);
        }
        if (pop[0]) {
            throw new Mismatch();
        }
    }

    /** A statement outside loops with no pop in its expressions (and no push or pop nested in it). */
    private static void noPops(Stmt s) throws Mismatch {
        boolean[] found = {false};
        Walk.statements(List.of(s), x -> {
            found[0] |= x instanceof Stmt.Push;
            Walk.expressions(x, e -> Walk.postOrder(e, y -> found[0] |= y instanceof Expr.Pop));
        });
        if (found[0]) {
            throw new Mismatch();
        }
    }

    private static Type typeOf(Expr e) {
        return e.type();
    }

    /** The local's name: the saved variable's, or what it holds. */
    private static String hint(Expr e) {
        if (e instanceof Expr.Local l) {
            return l.name() + "_saved";
        }
        if (e.type() == Type.BOOLEAN) {
            return "branch";
        }
        return "saved";
    }
}
