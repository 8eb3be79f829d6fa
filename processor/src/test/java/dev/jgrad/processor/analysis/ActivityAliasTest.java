package dev.jgrad.processor.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Origins;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Activity through an array that is chosen by a conditional: an element or a row of
 * {@code (c ? a : b)} may be either array's, so both take part.
 */
class ActivityAliasTest {
    private static final Expr.Local A = new Expr.Local(Type.DOUBLE_ARRAY, "a");
    private static final Expr.Local B = new Expr.Local(Type.DOUBLE_ARRAY, "b");
    private static final Expr.Local M = new Expr.Local(Type.DOUBLE_MATRIX, "m");
    private static final Expr.Local N = new Expr.Local(Type.DOUBLE_MATRIX, "n");
    private static final Expr.Local T = new Expr.Local(Type.DOUBLE, "t");
    private static final Expr POSITIVE = new Expr.Binary(Type.BOOLEAN, BinaryOp.GT, T, Expr.Lit.ofDouble(0.0));

    private static Method method(List<Method.Param> params, List<Stmt> body) {
        return new Method("f", params, body, new Names(), new Origins());
    }

    /** {@code return (t > 0 ? a : b)[0];} */
    @Test
    void anElementOfAConditionalArrayIsEitherArrays() {
        Expr chosen = new Expr.Cond(Type.DOUBLE_ARRAY, POSITIVE, A, B);
        Method m = method(List.of(new Method.Param("a", Type.DOUBLE_ARRAY), new Method.Param("b", Type.DOUBLE_ARRAY),
                        new Method.Param("t", Type.DOUBLE)),
                List.of(new Stmt.Return(null, new Expr.Index(Type.DOUBLE, chosen, Expr.Lit.ofInt(0)))));
        Activity activity = Activity.of(m, Set.of("a", "b"));
        assertTrue(activity.isActive("a"), "a");
        assertTrue(activity.isActive("b"), "b");
    }

    /** {@code double[] r = (t > 0 ? m : n)[0]; return r[1];} */
    @Test
    void aRowOfAConditionalMatrixAliasesBoth() {
        Expr chosen = new Expr.Cond(Type.DOUBLE_MATRIX, POSITIVE, M, N);
        Expr.Local r = new Expr.Local(Type.DOUBLE_ARRAY, "r");
        Method m = method(List.of(new Method.Param("m", Type.DOUBLE_MATRIX), new Method.Param("n", Type.DOUBLE_MATRIX),
                        new Method.Param("t", Type.DOUBLE)),
                List.of(new Stmt.Decl(null, Type.DOUBLE_ARRAY, "r", new Expr.Index(Type.DOUBLE_ARRAY, chosen, Expr.Lit.ofInt(0))),
                        new Stmt.Return(null, new Expr.Index(Type.DOUBLE, r, Expr.Lit.ofInt(1)))));
        Activity activity = Activity.of(m, Set.of("n"));
        assertTrue(activity.isActive("n"), "n");
        assertTrue(activity.isActive("r"), "r");
    }
}
