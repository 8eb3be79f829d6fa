package dev.jgrad.processor.analysis;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Walk;
import java.util.HashSet;
import java.util.Set;

/**
 * A counted loop {@code for (int index = from; index < to; index++)}, {@code to} an int, its index and
 * the variables of its bound unchanged in the body: its trip count is known when it starts.
 */
public record Counted(String index, Expr from, Expr to) {
    /** The counted form of a loop, or null. */
    public static Counted of(Stmt.For f) {
        if (f.init().size() != 1 || !(f.init().get(0) instanceof Stmt.Decl d) || d.init() == null
                || d.type() != dev.jgrad.processor.ir.Type.INT) {
            return null;
        }
        Expr.Local i = new Expr.Local(d.type(), d.name());
        // an int bound: i < 2.5 (or i < m, m a long) runs to another last index than i < (int) 2.5 would,
        // and the loop's reverse, counting i back down from its bound, must start from that index
        if (!(f.cond() instanceof Expr.Binary c) || c.op() != BinaryOp.LT || !c.left().equals(i)
                || c.right().type() != dev.jgrad.processor.ir.Type.INT) {
            return null;
        }
        if (f.update().size() != 1 || !(f.update().get(0) instanceof Stmt.Assign u) || !u.target().equals(i)
                || !(u.value() instanceof Expr.Binary inc) || inc.op() != BinaryOp.ADD || !inc.left().equals(i)
                || !(inc.right() instanceof Expr.Lit one) || !one.text().equals("1")) {
            return null;
        }
        // neither the index nor a variable of the bound changes in the body: the trip count is known
        // when the loop starts (a walking index or a shrinking bound is not a counted loop)
        Set<String> fixed = new HashSet<>();
        fixed.add(d.name());
        Walk.locals(c.right(), fixed::add);
        boolean[] written = {false};
        Walk.statements(f.body(), s -> {
            if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local v && fixed.contains(v.name())) {
                written[0] = true;
            }
        });
        boolean[] boundReadsIndex = {false};
        Walk.locals(c.right(), n -> boundReadsIndex[0] |= n.equals(d.name()));
        return written[0] || boundReadsIndex[0] ? null : new Counted(d.name(), d.init(), c.right());
    }
}
