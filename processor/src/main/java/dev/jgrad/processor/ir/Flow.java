package dev.jgrad.processor.ir;

import java.util.List;

/** Whether statements can complete normally, as javac decides it (JLS 14.22), for the IR. */
public final class Flow {
    private Flow() {}

    public static boolean canComplete(List<Stmt> body) {
        for (Stmt s : body) {
            if (!canComplete(s)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code body} without the top-level statements after one that cannot complete normally, which javac
     * rejects as unreachable (a method's result returned after throws on every path).
     */
    public static List<Stmt> reachable(List<Stmt> body) {
        for (int k = 0; k < body.size(); k++) {
            if (!canComplete(body.get(k))) {
                return body.subList(0, k + 1);
            }
        }
        return body;
    }

    public static boolean canComplete(Stmt s) {
        if (s instanceof Stmt.Throw || s instanceof Stmt.Return) {
            return false;
        }
        if (s instanceof Stmt.Block b) {
            return canComplete(b.body());
        }
        if (s instanceof Stmt.If i) {
            // JLS: an if-then can always complete; an if-then-else if either branch can
            return i.otherwise().isEmpty() || canComplete(i.then()) || canComplete(i.otherwise());
        }
        if (s instanceof Stmt.While w) {
            return !isTrue(w.cond()) || hasBreak(w.body());
        }
        if (s instanceof Stmt.For f) {
            return (f.cond() != null && !isTrue(f.cond())) || hasBreak(f.body());
        }
        return true;
    }

    private static boolean isTrue(Expr e) {
        return e instanceof Expr.Lit l && l.text().equals("true");
    }

    private static boolean hasBreak(List<Stmt> body) {
        boolean[] found = {false};
        for (Stmt s : body) {
            if (s instanceof Stmt.Break) {
                return true;
            }
            if (s instanceof Stmt.If i) {
                found[0] |= hasBreak(i.then()) || hasBreak(i.otherwise());
            } else if (s instanceof Stmt.Block b) {
                found[0] |= hasBreak(b.body());
            }
        }
        return found[0];
    }
}
