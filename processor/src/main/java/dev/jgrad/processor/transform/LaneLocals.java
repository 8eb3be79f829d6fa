package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The last step of {@link Lanes}' rewrite: a lane double that only one lane loop reads and writes, and
 * that it assigns before it reads, is a local of the loop's body ({@code double d_2 = sum_dot_bar * t_6;})
 * rather than a container {@code d_2[lane]}; such doubles need no container at the top of the body.
 */
final class LaneLocals {
    /** The lane index, {@code k} in {@code x[k]}. */
    private final Local k;
    /** Whether a variable is a lane double (a container of one double per lane). */
    private final Predicate<String> laneDouble;
    private final Set<String> localized = new HashSet<>();

    LaneLocals(Local k, Predicate<String> laneDouble) {
        this.k = k;
        this.laneDouble = laneDouble;
    }

    /** Whether {@code name} became a local of its loop. */
    boolean isLocal(String name) {
        return localized.contains(name);
    }

    /**
     * Rewrites {@code group}, the body of one lane loop, in place: {@code total} counts each variable's
     * mentions in the whole body, {@code keep} are read after it (they keep their containers).
     */
    void localize(List<Stmt> group, Map<String, Integer> total, Set<String> keep) {
        Map<String, Integer> here = Mentions.count(group);
        Set<String> local = new HashSet<>();
        for (int i = 0; i < group.size(); i++) {
            if (group.get(i) instanceof Stmt.Assign a && a.target() instanceof Expr.Index x
                    && x.array() instanceof Local c && x.index().equals(k) && laneDouble.test(c.name())
                    && !keep.contains(c.name()) && !localized.contains(c.name())
                    && total.get(c.name()).equals(here.get(c.name())) && Mentions.first(group, c.name()) == i
                    && !Mentions.of(a.value(), c.name())) {
                local.add(c.name());
                // nothing reads it (the tangent's own value): gone, as an expression has no effect
                group.set(i, here.get(c.name()) == 1 ? null : new Stmt.Decl(a.src(), Type.DOUBLE, c.name(), a.value()));
            }
        }
        if (local.isEmpty()) {
            return;
        }
        localized.addAll(local);
        group.removeIf(Objects::isNull);
        for (int i = 0; i < group.size(); i++) {
            Stmt s = group.get(i);
            if (s instanceof Stmt.Decl d) {
                group.set(i, new Stmt.Decl(d.src(), d.type(), d.name(), unlane(d.init(), local)));
            } else if (s instanceof Stmt.Assign a) {
                group.set(i, new Stmt.Assign(a.src(), unlane(a.target(), local), unlane(a.value(), local)));
            } else if (s instanceof Stmt.Run r) {
                group.set(i, new Stmt.Run((Expr.Call) unlane(r.call(), local)));
            }
        }
    }

    /** {@code e} with {@code x[lane]} read as the local {@code x}, for each {@code x} in {@code local}. */
    private Expr unlane(Expr e, Set<String> local) {
        if (e instanceof Expr.Index x && x.array() instanceof Local c && local.contains(c.name()) && x.index().equals(k)) {
            return new Local(Type.DOUBLE, c.name());
        }
        return Children.rebuild(e, y -> unlane(y, local));
    }
}
