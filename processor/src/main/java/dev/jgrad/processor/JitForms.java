package dev.jgrad.processor;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Walk;
import dev.jgrad.processor.rules.Library;
import java.util.List;

/**
 * Where code generated under {@code @Jit} may compute primitives by the faster formulations of the rule
 * table's {@code @Jit} column ({@code JitMath.tanh}, {@code log1p} and {@code exp}, a few ulps from {@code Math}'s): where nothing
 * it computes is seen other than through its result, which {@code @Jit} gives within its tolerance.
 * What it prints is what the source prints, and (where asked) what it writes into arrays is what the
 * source writes, bit for bit; such code keeps {@code Math}'s functions.
 */
final class JitForms {
    private JitForms() {}

    /** Whether {@code code} may use the {@code @Jit} column: it prints nothing, and writes no element if {@code noWrites}. */
    static boolean allowed(List<Stmt> code, boolean noWrites) {
        boolean[] seen = {false};
        Walk.statements(code, s -> seen[0] |= s instanceof Stmt.Run r && Library.prints(r.call())
                || noWrites && s instanceof Stmt.Assign a && a.target() instanceof Expr.Index);
        return !seen[0];
    }
}
