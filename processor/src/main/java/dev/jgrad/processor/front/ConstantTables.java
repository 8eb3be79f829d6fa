package dev.jgrad.processor.front;

import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Origins;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Walk;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Constant tables ({@code static final double[]}, {@code double[][]}, {@code int[]} fields) are read
 * by reference, as the source reads them, and carry no derivative: so nothing may write into them,
 * directly ({@code C[k] = v}) or through a local or a helper's parameter that may hold one of them or
 * one of their rows. Flow-insensitive: a local that holds a table anywhere in the body is one.
 */
final class ConstantTables {
    private ConstantTables() {}

    /** Reports every write into a table in {@code body} at its statement; returns how many. */
    static int checkWrites(List<Stmt> body, Origins origins, Env env) {
        Map<String, String> holds = new HashMap<>();
        boolean changed = true;
        while (changed) {
            boolean[] grew = {false};
            Walk.statements(body, s -> {
                String name = null;
                Expr value = null;
                if (s instanceof Stmt.Decl d && d.type().isArray() && d.init() != null) {
                    name = d.name();
                    value = d.init();
                } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local l && l.type().isArray()) {
                    name = l.name();
                    value = a.value();
                }
                String table = name == null ? null : table(value, holds);
                if (table != null && !holds.containsKey(name)) {
                    holds.put(name, table);
                    grew[0] = true;
                }
            });
            changed = grew[0];
        }
        int[] errors = {0};
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Index i) {
                String table = table(i.array(), holds);
                Origins.Origin at = a.src() == null ? null : origins.get(a.src());
                if (table != null && at != null) {
                    env.diag().error(Message.TABLE_WRITE, at.tree(), at.unit(), table, table);
                    errors[0]++;
                }
            }
        });
        return errors[0];
    }

    /** The table (as {@code Owner.NAME}) whose storage an array expression may be, or null. */
    private static String table(Expr e, Map<String, String> holds) {
        if (e instanceof Expr.Const c && c.type().isArray()) {
            return c.owner().substring(c.owner().lastIndexOf('.') + 1).replace('$', '.') + "." + c.name();
        }
        if (e instanceof Expr.Local l) {
            return holds.get(l.name());
        }
        if (e instanceof Expr.Index i && i.type().isArray()) {
            return table(i.array(), holds);
        }
        if (e instanceof Expr.Cond c) {
            String t = table(c.then(), holds);
            return t != null ? t : table(c.otherwise(), holds);
        }
        return null;
    }
}
