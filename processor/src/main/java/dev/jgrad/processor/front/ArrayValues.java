package dev.jgrad.processor.front;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.List;

/**
 * Array values that are no variable ({@code (c ? a : b)}, {@code new double[] {..}}, a matrix literal
 * of rows), made into locals: the transform and activity then see every array through a variable,
 * aliased to each array it may be.
 */
final class ArrayValues {
    private ArrayValues() {}

    /**
     * Whether indexing {@code array} needs a local first: no variable is at its root, nor a constant
     * table (which never changes, has no adjoint, and is read as the source reads it).
     */
    static boolean needsLocal(Expr array) {
        return Walk.root(array) == null && !isTable(array);
    }

    /** A constant table ({@code Owner.TABLE}) or a row of one. */
    static boolean isTable(Expr array) {
        return array instanceof Expr.Const || array instanceof Expr.Index i && isTable(i.array());
    }

    /** Whether {@code e} makes a new array ({@code new double[n]}, {@code new double[] {..}}), which has no adjoint to choose. */
    static boolean fresh(Expr e) {
        return e.type().isArray() && !(e instanceof Expr.Cond) && Walk.root(e) == null;
    }

    /** {@code array} as a local of its own declared at the end of {@code pre}: {@code double[] array = c ? a : b;}. */
    static Expr.Local bind(Expr array, List<Stmt> pre, Names names) {
        String name = names.fresh("array");
        pre.add(new Stmt.Decl(null, array.type(), name, array));
        return new Expr.Local(array.type(), name);
    }

    /**
     * A matrix literal whose rows are arrays ({@code {a, copy(b)}}) as the rows it holds: a local
     * {@code new double[n][]} whose rows are assigned, so that they stay the arrays named (shared, as
     * in Java) and activity aliases them.
     */
    static Expr.Local rows(List<Expr> rows, List<Stmt> pre, Names names) {
        Expr.Local m = new Expr.Local(Type.DOUBLE_MATRIX, names.fresh("rows"));
        pre.add(new Stmt.Decl(null, m.type(), m.name(),
                new Expr.NewArray(m.type(), List.of(Expr.Lit.ofInt(rows.size())))));
        for (int k = 0; k < rows.size(); k++) {
            pre.add(new Stmt.Assign(null, new Expr.Index(Type.DOUBLE_ARRAY, m, Expr.Lit.ofInt(k)), rows.get(k)));
        }
        return m;
    }

    /**
     * Whether {@code value}, an array literal assigned to {@code target}, reads the array variable
     * at the target's root ({@code t = new double[] {t[0] * x}}, {@code g[0] = new double[] {g[0][0], x}}):
     * then it is built in a local of its own first, so that the reverse sweep tells the adjoint of the
     * new array from that of the old one it reads.
     */
    static boolean readsOwnTarget(Expr target, Expr value) {
        String root = Walk.root(target);
        if (!(value instanceof Expr.ArrayLit) || root == null) {
            return false;
        }
        boolean[] reads = {false};
        Walk.locals(value, n -> reads[0] |= n.equals(root));
        return reads[0];
    }

    /** Whether {@code body} assigns the local {@code l} anywhere. */
    static boolean assigns(List<Stmt> body, Expr.Local l) {
        boolean[] found = {false};
        Walk.statements(body, s -> found[0] |= s instanceof Stmt.Assign a && a.target().equals(l));
        return found[0];
    }
}
