package dev.jgrad.processor.front;

import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Flow;
import dev.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Early returns moved to the end of their paths: {@code if (v > c) return c; rest} becomes {@code if
 * (v > c) { result = c; } else { rest }}. Every return then ends its path, so it becomes an assignment
 * of the result and nothing needs a flag to skip what follows it: each path assigns the result once,
 * and a loop around an inlined helper keeps the single-assignment form that {@code @Jit @Grad}'s
 * one-pass gradient needs. The statements run are the source's, in its order.
 *
 * When both sides of an {@code if} with a return inside may go on, and all that follows is one
 * {@code return}, each side gets a copy of it.
 *
 * <p>Null (and {@link Structure} lowers the returns to a flag) when a return sits in a loop or a
 * block, when both sides of an {@code if} with a return may go on to more than one last return, or
 * when a moved statement declares a name the branch it moves into declares too.
 */
final class TailReturns {
    private TailReturns() {}

    /** {@code body} with its returns assigning {@code result} (null: a void method), or null if a return cannot be moved to its path's end. */
    static List<Stmt> assigning(List<Stmt> body, Local result) {
        return tail(body, result);
    }

    private static List<Stmt> tail(List<Stmt> in, Local result) {
        List<Stmt> out = new ArrayList<>();
        for (int k = 0; k < in.size(); k++) {
            Stmt s = in.get(k);
            if (s instanceof Stmt.Return r) {
                if (result != null && r.value() != null) {
                    out.add(new Stmt.Assign(r.src(), result, r.value()));
                }
                // what follows a return is unreachable (javac rejects it)
                return out;
            }
            if (!hasReturn(s)) {
                out.add(s);
                continue;
            }
            if (!(s instanceof Stmt.If i)) {
                return null;
            }
            List<Stmt> then = i.then();
            List<Stmt> otherwise = i.otherwise();
            List<Stmt> rest = in.subList(k + 1, in.size());
            boolean thenEnds = !Flow.canComplete(then);
            boolean elseEnds = !otherwise.isEmpty() && !Flow.canComplete(otherwise);
            if (!rest.isEmpty() && !(thenEnds && elseEnds)) {
                if (thenEnds) {
                    otherwise = movedInto(otherwise, rest);
                } else if (elseEnds) {
                    then = movedInto(then, rest);
                } else if (rest.size() == 1 && rest.get(0) instanceof Stmt.Return) {
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
            List<Stmt> t = tail(then, result);
            List<Stmt> e = tail(otherwise, result);
            if (t == null || e == null) {
                return null;
            }
            out.add(new Stmt.If(i.src(), i.cond(), t, e));
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

    private static boolean hasReturn(Stmt s) {
        if (s instanceof Stmt.Return) {
            return true;
        }
        if (s instanceof Stmt.If i) {
            return i.then().stream().anyMatch(TailReturns::hasReturn) || i.otherwise().stream().anyMatch(TailReturns::hasReturn);
        }
        if (s instanceof Stmt.Block b) {
            return b.body().stream().anyMatch(TailReturns::hasReturn);
        }
        if (s instanceof Stmt.While w) {
            return w.body().stream().anyMatch(TailReturns::hasReturn);
        }
        if (s instanceof Stmt.For f) {
            return f.body().stream().anyMatch(TailReturns::hasReturn);
        }
        return false;
    }
}
