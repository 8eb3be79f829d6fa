package dev.jgrad.processor.rules;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Rule;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Walk;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which code may throw: what jgrad may move past other code that throws only if it cannot throw
 * itself, so that of two exceptions the one Java's order throws first still comes first (an element
 * read after an inlined helper or a lowered {@code Ops} call, the adjoint of the code after the loops
 * computed before them). Conservative: an element read, a length, an array made, a call of anything but
 * a total function of the rule table, an integer division.
 */
public final class Throws {
    /** The functions of {@code Math} that throw ({@code Math.toIntExact} on overflow, {@code floorDiv} by zero). */
    private static final Set<String> PARTIAL_MATH = Set.of("toIntExact", "floorMod", "floorDiv", "addExact",
            "subtractExact", "multiplyExact");

    private Throws() {}

    /** Whether evaluating {@code e} may throw. */
    public static boolean mayThrow(Expr e) {
        return mayThrow(e, x -> false);
    }

    /** Whether evaluating {@code e} may throw, where the sub-expressions {@code safe} accepts cannot. */
    public static boolean mayThrow(Expr e, Predicate<Expr> safe) {
        boolean[] found = {false};
        Walk.postOrder(e, x -> found[0] |= itself(x) && !safe.test(x));
        return found[0];
    }

    /** Whether running {@code stmts} may throw. */
    public static boolean mayThrow(List<Stmt> stmts) {
        boolean[] found = {false};
        Walk.statements(stmts, s -> {
            found[0] |= s instanceof Stmt.Throw || s instanceof Stmt.Assert;
            Walk.expressions(s, e -> found[0] |= mayThrow(e));
        });
        return found[0];
    }

    private static boolean itself(Expr x) {
        if (x instanceof Expr.Call c) {
            return !Library.isNullTest(c);
        }
        if (x instanceof Expr.Index || x instanceof Expr.Length || x instanceof Expr.NewArray) {
            return true;
        }
        if (x instanceof Expr.Binary b) {
            return b.type().isIntegral() && (b.op() == BinaryOp.DIV || b.op() == BinaryOp.REM);
        }
        return x instanceof Expr.Prim p && !total(p.rule());
    }

    /** An operator on doubles, a function of {@code Math} that returns for every argument, or one of {@code Ops}. */
    private static boolean total(Rule r) {
        if (r.owner() == null) {
            return true;
        }
        boolean math = r.owner().equals("java.lang.Math") || r.owner().equals("java.lang.StrictMath");
        return math && !PARTIAL_MATH.contains(r.name()) || r.owner().equals(Rules.OPS);
    }
}
