package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Walk;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Live variables of a reverse sweep, backwards over its structured code, to find the restores from
 * the tape whose value is never read: the variable is overwritten again (by the next restore)
 * first. An array is tracked as a whole: a restore of one of its elements is dead when nothing after
 * it reads the array at all (the caller only offers arrays without aliases).
 */
final class Liveness {
    private final Map<Stmt, Stmt> restores;
    private final Set<Stmt> liveRestores;

    private Liveness(Map<Stmt, Stmt> restores, Set<Stmt> liveRestores) {
        this.restores = restores;
        this.liveRestores = liveRestores;
    }

    /**
     * Adds to {@code dead} the source statements of the {@code restores} in {@code reverse} whose
     * restored value no later part of the sweep reads. A restore is dead only if it is dead every
     * time the sweep passes it.
     */
    static void deadRestores(List<Stmt> reverse, Map<Stmt, Stmt> restores, Set<Stmt> dead) {
        Set<Stmt> live = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Liveness l = new Liveness(restores, live);
        l.block(reverse, new HashSet<>());
        for (Map.Entry<Stmt, Stmt> e : restores.entrySet()) {
            if (!live.contains(e.getKey())) {
                dead.add(e.getValue());
            }
        }
    }

    /** The variables live before {@code body}, given those live after it. */
    private Set<String> block(List<Stmt> body, Set<String> after) {
        Set<String> live = new HashSet<>(after);
        for (int k = body.size() - 1; k >= 0; k--) {
            live = stmt(body.get(k), live);
        }
        return live;
    }

    private Set<String> stmt(Stmt s, Set<String> after) {
        Set<String> live = new HashSet<>(after);
        if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local v) {
            if (restores.containsKey(s) && after.contains(v.name())) {
                liveRestores.add(s);
            }
            live.remove(v.name());
            Walk.locals(a.value(), live::add);
        } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Index i) {
            // writing one element kills nothing; the array is live if anything after reads it
            String root = Walk.root(i);
            if (restores.containsKey(s) && after.contains(root)) {
                liveRestores.add(s);
            }
            Walk.locals(i.index(), live::add);
            Walk.locals(i.array() instanceof Expr.Index inner ? inner.index() : null, live::add);
            Walk.locals(a.value(), live::add);
            if (!restores.containsKey(s)) {
                live.add(root);
            }
        } else if (s instanceof Stmt.Decl d) {
            live.remove(d.name());
            Walk.locals(d.init(), live::add);
        } else if (s instanceof Stmt.If i) {
            live = block(i.then(), after);
            live.addAll(block(i.otherwise(), after));
            Walk.locals(i.cond(), live::add);
        } else if (s instanceof Stmt.Block b) {
            live = block(b.body(), after);
        } else if (s instanceof Stmt.Repeat r) {
            // the body runs any number of times: iterate to a fixed point
            Set<String> out = new HashSet<>(after);
            while (true) {
                Set<String> in = block(r.body(), out);
                in.addAll(after);
                if (in.equals(out)) {
                    break;
                }
                out = in;
            }
            live = out;
            Walk.locals(r.from(), live::add);
        } else if (s instanceof Stmt.For f) {
            // live at the test: what the test reads, what is live after the loop, and what the
            // body and update read before writing, to a fixed point
            List<Stmt> round = new java.util.ArrayList<>(f.body());
            round.addAll(f.update());
            Set<String> atTest = new HashSet<>(after);
            Walk.locals(f.cond(), atTest::add);
            while (true) {
                Set<String> next = block(round, atTest);
                next.addAll(after);
                Walk.locals(f.cond(), next::add);
                if (next.equals(atTest)) {
                    break;
                }
                atTest = next;
            }
            live = block(f.init(), atTest);
        } else if (s instanceof Stmt.While w) {
            Set<String> atTest = new HashSet<>(after);
            Walk.locals(w.cond(), atTest::add);
            while (true) {
                Set<String> next = block(w.body(), atTest);
                next.addAll(after);
                Walk.locals(w.cond(), next::add);
                if (next.equals(atTest)) {
                    break;
                }
                atTest = next;
            }
            live = w.testAfter() ? block(w.body(), atTest) : atTest;
        } else {
            Set<String> reads = live;
            Walk.expressions(s, e -> Walk.locals(e, reads::add));
        }
        return live;
    }
}
