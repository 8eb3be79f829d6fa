package dev.jgrad.processor.front;

import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Exprs;
import dev.jgrad.processor.ir.Flow;
import dev.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Early returns, and a loop body's {@code continue}s, moved to the end of their paths: {@code if (v > c) return c; rest} becomes {@code if
 * (v > c) { result = c; } else { rest }}. Every return then ends its path, so it becomes an assignment
 * of the result and nothing needs a flag to skip what follows it: each path assigns the result once,
 * and a loop around an inlined helper keeps the single-assignment form that {@code @Jit @Grad}'s
 * one-pass gradient needs. The statements run are the source's, in its order.
 *
 * When both sides of an {@code if} with a return inside may go on, and all that follows is one
 * {@code return}, each side gets a copy of it.
 *
 * <p>Likewise in a loop's body, {@code if (bad) continue; rest} becomes {@code if (!bad) { rest }},
 * so that skipping an iteration needs no flag either ({@code continue}s of nested loops are theirs).
 *
 * <p>Null (and {@link Structure} lowers the jumps to flags) when a return sits in a loop or a
 * block, when both sides of an {@code if} with a return may go on to more than one last return, or
 * when a moved statement declares a name the branch it moves into declares too.
 */
final class TailReturns {
    /** Whether the jumps moved are returns (else a loop body's continues). */
    private final boolean returns;
    private final Local result;

    private TailReturns(boolean returns, Local result) {
        this.returns = returns;
        this.result = result;
    }

    /** {@code body} with its returns assigning {@code result} (null: a void method), or null if a return cannot be moved to its path's end. */
    static List<Stmt> assigning(List<Stmt> body, Local result) {
        return new TailReturns(true, result).tail(body);
    }

    /** A loop's {@code body} with its own {@code continue}s dropped at the end of their paths, or null if one cannot be moved there. */
    static List<Stmt> continuing(List<Stmt> body) {
        return new TailReturns(false, null).tail(body);
    }

    private List<Stmt> tail(List<Stmt> in) {
        List<Stmt> out = new ArrayList<>();
        for (int k = 0; k < in.size(); k++) {
            Stmt s = in.get(k);
            if (returns && s instanceof Stmt.Return r) {
                if (result != null && r.value() != null) {
                    out.add(new Stmt.Assign(r.src(), result, r.value()));
                }
                // what follows a return is unreachable (javac rejects it)
                return out;
            }
            if (!returns && s instanceof Stmt.Continue) {
                return out;
            }
            if (!hasJump(s)) {
                out.add(s);
                continue;
            }
            if (!(s instanceof Stmt.If i)) {
                return null;
            }
            List<Stmt> then = i.then();
            List<Stmt> otherwise = i.otherwise();
            List<Stmt> rest = in.subList(k + 1, in.size());
            boolean thenEnds = ends(then);
            boolean elseEnds = !otherwise.isEmpty() && ends(otherwise);
            if (!rest.isEmpty() && !(thenEnds && elseEnds)) {
                if (thenEnds) {
                    otherwise = movedInto(otherwise, rest);
                } else if (elseEnds) {
                    then = movedInto(then, rest);
                } else if (returns && rest.size() == 1 && rest.get(0) instanceof Stmt.Return) {
                    // both sides go on to one last return: each side gets its own copy
                    then = movedInto(then, rest);
                    otherwise = movedInto(otherwise, rest);
                } else {
                    return null;
                }
                if (otherwise == null || then == null) {
                    return null;
                }
            }
            List<Stmt> t = tail(then);
            List<Stmt> e = tail(otherwise);
            if (t == null || e == null) {
                return null;
            }
            // if (bad) continue; rest  reads  if (!bad) { rest }
            out.add(t.isEmpty() && !e.isEmpty() ? new Stmt.If(i.src(), Exprs.not(i.cond()), e, List.of())
                    : new Stmt.If(i.src(), i.cond(), t, e));
            return out;
        }
        return out;
    }

    /** {@code side} followed by {@code rest}, or null if a name declared in one is declared in the other. */
    private static List<Stmt> movedInto(List<Stmt> side, List<Stmt> rest) {
        Set<String> declared = new HashSet<>();
        declarations(side, declared);
        Set<String> moved = new HashSet<>();
        declarations(rest, moved);
        moved.retainAll(declared);
        if (!moved.isEmpty()) {
            return null;
        }
        List<Stmt> out = new ArrayList<>(side);
        out.addAll(rest);
        return out;
    }

    private static void declarations(List<Stmt> stmts, Set<String> out) {
        for (Stmt s : stmts) {
            if (s instanceof Stmt.Decl d) {
                out.add(d.name());
            } else if (s instanceof Stmt.If i) {
                declarations(i.then(), out);
                declarations(i.otherwise(), out);
            } else if (s instanceof Stmt.Block b) {
                declarations(b.body(), out);
            } else if (s instanceof Stmt.While w) {
                declarations(w.body(), out);
            } else if (s instanceof Stmt.For f) {
                declarations(f.init(), out);
                declarations(f.body(), out);
            }
        }
    }

    /** Whether no path through {@code stmts} goes on past its end: each returns, throws, or (in a loop's body) jumps. */
    private boolean ends(List<Stmt> stmts) {
        if (returns) {
            return !Flow.canComplete(stmts);
        }
        for (Stmt s : stmts) {
            if (s instanceof Stmt.Continue || s instanceof Stmt.Break || !Flow.canComplete(s)) {
                return true;
            }
            if (s instanceof Stmt.If i && !i.otherwise().isEmpty() && ends(i.then()) && ends(i.otherwise())) {
                return true;
            }
            if (s instanceof Stmt.Block b && ends(b.body())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code s} holds a jump this moves; a return in a loop counts (and is refused), a nested loop's continue does not. */
    private boolean hasJump(Stmt s) {
        if (returns ? s instanceof Stmt.Return : s instanceof Stmt.Continue) {
            return true;
        }
        if (s instanceof Stmt.If i) {
            return i.then().stream().anyMatch(this::hasJump) || i.otherwise().stream().anyMatch(this::hasJump);
        }
        if (s instanceof Stmt.Block b) {
            return b.body().stream().anyMatch(this::hasJump);
        }
        if (returns && s instanceof Stmt.While w) {
            return w.body().stream().anyMatch(this::hasJump);
        }
        if (returns && s instanceof Stmt.For f) {
            return f.body().stream().anyMatch(this::hasJump);
        }
        return false;
    }
}
