package dev.jgrad.processor.front;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Walk;
import dev.jgrad.processor.rules.Throws;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Java's left-to-right evaluation of operands (JLS 15.7). Reading an operand may emit statements
 * that must run first (an inlined helper, {@code i++}); those of a later operand run after every
 * earlier operand has been read, so an earlier operand that such statements could change is read
 * into a fresh local first (as an ANF conversion would), as is one that may throw when they may
 * throw too (so that the earlier operand's exception comes first); any other is kept as it is.
 */
final class Order {
    private Order() {}

    /** Whether running {@code later} may change the value of {@code e}. */
    static boolean disturbs(List<Stmt> later, Expr e) {
        if (later.isEmpty()) {
            return false;
        }
        Set<String> assigned = new HashSet<>();
        boolean[] writesElements = {false};
        Walk.statements(later, s -> {
            if (s instanceof Stmt.Assign a) {
                if (a.target() instanceof Expr.Local l) {
                    assigned.add(l.name());
                } else {
                    writesElements[0] = true;
                }
            }
        });
        boolean[] changes = {false};
        Walk.postOrder(e, x -> {
            if (x instanceof Expr.Index && writesElements[0]
                    || x instanceof Expr.Local l && assigned.contains(l.name())) {
                changes[0] = true;
            }
        });
        return changes[0];
    }

    /**
     * {@code e}, or, when {@code later} may change it, a fresh local declared with its value at the
     * end of {@code pre} (where {@code e} is evaluated in Java's order).
     */
    static Expr settle(Expr e, List<Stmt> later, List<Stmt> pre, Names names) {
        // an operand that may throw is read first too when the later statements may throw: of two
        // exceptions, Java's order throws the earlier operand's (y[5] * 2 + sum(matvec(x, w)))
        if (!disturbs(later, e) && !(Throws.mayThrow(e) && Throws.mayThrow(later))) {
            return e;
        }
        return hold(e, pre, names);
    }

    /** A fresh local declared at the end of {@code pre} with the value of {@code e}, named after what it reads. */
    static Expr.Local hold(Expr e, List<Stmt> pre, Names names) {
        String name = names.fresh(stem(e) + "Before");
        pre.add(new Stmt.Decl(null, e.type(), name, e));
        return new Expr.Local(e.type(), name);
    }

    /**
     * Operands read in order: each operand's statements go to {@code pre}, and each operand comes back
     * as it is, or held in a local if the statements of a later operand may change it.
     */
    static List<Expr> inOrder(List<Expr> operands, List<List<Stmt>> statements, List<Stmt> pre, Names names) {
        List<Expr> out = new ArrayList<>();
        for (int k = 0; k < operands.size(); k++) {
            pre.addAll(statements.get(k));
            List<Stmt> later = new ArrayList<>();
            for (int j = k + 1; j < statements.size(); j++) {
                later.addAll(statements.get(j));
            }
            out.add(settle(operands.get(k), later, pre, names));
        }
        return out;
    }

    /** The name a temporary holding {@code e} starts with: the first variable it reads. */
    private static String stem(Expr e) {
        String[] first = {null};
        Walk.locals(e, n -> {
            if (first[0] == null) {
                first[0] = n;
            }
        });
        return first[0] == null ? "operand" : first[0].replaceAll("_[0-9]+$", "");
    }
}
