package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.Counted;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For the tape-free gradient: an inner loop, inside an iteration of another loop, that carries
 * doubles declared in that iteration from one of its iterations to the next
 * ({@code double s = s0; for (t ...) s *= Math.exp(...);}) is written with a name for each new value
 * and the carries at the end ({@code double s_2 = s * exp; s = s_2;}), the form of a
 * {@link dev.jgrad.processor.analysis.Recurrence}: each iteration is then straight-line code in
 * which every name is assigned once, given the carried values at its start. The body must be
 * declarations and assignments only; a variable that the loop only sums into ({@code acc += e},
 * read nowhere else in it) is a sum, not carried. Other loops are left as they are.
 */
final class Recurrences {
    private final Names names;
    /** The loop depth at which each local is declared. */
    private final Map<String, Integer> depth = new HashMap<>();

    private Recurrences(Names names) {
        this.names = names;
    }

    static List<Stmt> apply(List<Stmt> body, Names names) {
        return new Recurrences(names).block(body, 0);
    }

    private List<Stmt> block(List<Stmt> body, int level) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.Decl d) {
                depth.put(d.name(), level);
                out.add(s);
            } else if (s instanceof Stmt.For f) {
                f.init().forEach(i -> {
                    if (i instanceof Stmt.Decl d) {
                        depth.put(d.name(), level + 1);
                    }
                });
                Stmt.For inner = new Stmt.For(f.src(), f.init(), f.cond(), f.update(), block(f.body(), level + 1));
                out.add(level > 0 ? rewrite(inner, level) : inner);
            } else if (s instanceof Stmt.If i) {
                out.add(new Stmt.If(i.src(), i.cond(), block(i.then(), level), block(i.otherwise(), level)));
            } else if (s instanceof Stmt.Block b) {
                out.add(new Stmt.Block(b.src(), block(b.body(), level)));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** The loop {@code f} (a statement at loop depth {@code level}) in recurrence form, or as it is. */
    private Stmt.For rewrite(Stmt.For f, int level) {
        if (Counted.of(f) == null || !f.body().stream().allMatch(s -> s instanceof Stmt.Decl || s instanceof Stmt.Assign)) {
            return f;
        }
        Set<String> carried = new LinkedHashSet<>();
        for (Stmt s : f.body()) {
            if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local v && depth.getOrDefault(v.name(), -1) == level
                    && v.type() == Type.DOUBLE && !onlySummed(v.name(), f.body())) {
                carried.add(v.name());
            }
        }
        if (carried.isEmpty()) {
            return f;
        }
        Map<String, Expr> current = new HashMap<>();
        List<Stmt> body = new ArrayList<>();
        for (Stmt s : f.body()) {
            if (s instanceof Stmt.Decl d) {
                body.add(new Stmt.Decl(d.src(), d.type(), d.name(), d.init() == null ? null : Subst.locals(d.init(), current)));
            } else {
                Stmt.Assign a = (Stmt.Assign) s;
                Expr value = Subst.locals(a.value(), current);
                if (a.target() instanceof Expr.Local v && carried.contains(v.name())) {
                    String next = names.fresh(v.name());
                    body.add(new Stmt.Decl(a.src(), Type.DOUBLE, next, value));
                    current.put(v.name(), new Expr.Local(Type.DOUBLE, next));
                } else {
                    body.add(new Stmt.Assign(a.src(), Subst.locals(a.target(), current), value));
                }
            }
        }
        for (String v : carried) {
            body.add(new Stmt.Assign(null, new Expr.Local(Type.DOUBLE, v), current.get(v)));
        }
        return new Stmt.For(f.src(), f.init(), f.cond(), f.update(), body);
    }

    /** Whether the loop body writes {@code v} only as {@code v += e} or {@code v -= e} and reads it nowhere else. */
    private static boolean onlySummed(String v, List<Stmt> body) {
        Expr.Local self = new Expr.Local(Type.DOUBLE, v);
        for (Stmt s : body) {
            Set<String> reads = new HashSet<>();
            if (s instanceof Stmt.Assign a && a.target().equals(self)) {
                if (!(a.value() instanceof Expr.Binary b) || b.op() != BinaryOp.ADD && b.op() != BinaryOp.SUB
                        || !b.left().equals(self)) {
                    return false;
                }
                Walk.locals(b.right(), reads::add);
            } else {
                Walk.expressions(s, e -> Walk.locals(e, reads::add));
            }
            if (reads.contains(v)) {
                return false;
            }
        }
        return true;
    }
}
