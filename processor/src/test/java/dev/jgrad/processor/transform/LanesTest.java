package dev.jgrad.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.IrText;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The full Hessian's lanes: which values depend on the direction, what runs once, and the bodies that
 * cannot run in lanes (the caller then runs {@code fHvp} once per direction).
 */
class LanesTest {
    private static final Local V = new Local(Type.DOUBLE_ARRAY, "v");
    private static final Local X = new Local(Type.DOUBLE, "x");
    private static final Local X_DOT = new Local(Type.DOUBLE, "x_dot");
    private static final Local Y = new Local(Type.DOUBLE, "y");
    private static final Local Y_DOT = new Local(Type.DOUBLE, "y_dot");
    private static final Local LANES = new Local(Type.INT, "lanes");
    private static final List<Method.Param> PARAMS = List.of(new Method.Param("x", Type.DOUBLE));

    private static Expr mul(Expr a, Expr b) {
        return new Expr.Binary(Type.DOUBLE, BinaryOp.MUL, a, b);
    }

    private static Expr exp(Expr a) {
        return new Expr.Call(Type.DOUBLE, "java.lang.Math", "exp", List.of(a));
    }

    private static Lanes lanes(List<Stmt> body) {
        Names names = new Names();
        List.of("v", "x", "x_dot", "y", "y_dot", "lanes").forEach(names::fresh);
        return Lanes.of(body, PARAMS, V, names, LANES);
    }

    /**
     * {@code x_dot = v[0]; y = exp(x); y_dot = y * x_dot; s = y_dot * y_dot}: the value and its call once,
     * the tangents in one loop over the lanes, with {@code exp(x)} read from the value.
     */
    @Test
    void valuesOnceTangentsPerLane() {
        List<Stmt> body = List.of(
                new Stmt.Decl(null, Type.DOUBLE, "x_dot", new Expr.Index(Type.DOUBLE, V, Expr.Lit.ofInt(0))),
                new Stmt.Decl(null, Type.DOUBLE, "y", exp(X)),
                new Stmt.Decl(null, Type.DOUBLE, "y_dot", mul(Y, X_DOT)),
                new Stmt.Decl(null, Type.DOUBLE, "s", mul(Y_DOT, Y_DOT)));
        Lanes l = lanes(body);
        assertTrue(l.isLane(X_DOT) && l.isLane(Y_DOT) && !l.isLane(Y));
        List<Stmt> out = l.rewrite(body, List.of(new Local(Type.DOUBLE, "s")));
        String text = IrText.of(out);
        assertEquals(1, text.split("exp\\(", -1).length - 1, text);
        assertEquals(List.of("x_dot", "s"), l.containers().stream().map(s -> ((Stmt.Decl) s).name()).toList(),
                "y_dot is a local of the loop, s is read after it: " + text);
    }

    /** A direction's value deciding a branch: no lanes. */
    @Test
    void aBranchOnADirectionCannotRunInLanes() {
        List<Stmt> body = List.of(
                new Stmt.Decl(null, Type.DOUBLE, "x_dot", new Expr.Index(Type.DOUBLE, V, Expr.Lit.ofInt(0))),
                new Stmt.If(null, new Expr.Binary(Type.BOOLEAN, BinaryOp.GT, X_DOT, Expr.Lit.ofDouble(0.0)),
                        List.of(new Stmt.Decl(null, Type.DOUBLE, "y", X)), List.of()));
        assertThrows(Lanes.Unsupported.class, () -> lanes(body).rewrite(body, List.of()));
    }

    /** An integer computed from a direction: no lanes. */
    @Test
    void anIntegerOfADirectionCannotRunInLanes() {
        List<Stmt> body = List.of(
                new Stmt.Decl(null, Type.DOUBLE, "x_dot", new Expr.Index(Type.DOUBLE, V, Expr.Lit.ofInt(0))),
                new Stmt.Decl(null, Type.INT, "i", new Expr.Cast(Type.INT, X_DOT)));
        assertThrows(Lanes.Unsupported.class, () -> lanes(body));
    }

    /** An array that shares storage with a lane array is a lane array too: rows written through an alias. */
    @Test
    void anAliasOfALaneArrayIsALaneArray() {
        Local m = new Local(Type.DOUBLE_MATRIX, "m");
        Local row = new Local(Type.DOUBLE_ARRAY, "row");
        List<Stmt> body = List.of(
                new Stmt.Decl(null, Type.DOUBLE_MATRIX, "m", new Expr.NewArray(Type.DOUBLE_MATRIX,
                        List.of(Expr.Lit.ofInt(2), Expr.Lit.ofInt(2)))),
                new Stmt.Decl(null, Type.DOUBLE_ARRAY, "row", new Expr.Index(Type.DOUBLE_ARRAY, m, Expr.Lit.ofInt(0))),
                new Stmt.Assign(null, new Expr.Index(Type.DOUBLE, row, Expr.Lit.ofInt(1)),
                        new Expr.Index(Type.DOUBLE, V, Expr.Lit.ofInt(0))));
        Lanes l = lanes(body);
        assertTrue(l.isLane(m) && l.isLane(row));
        assertEquals(Type.DOUBLE_CUBE, Lanes.container(Type.DOUBLE_MATRIX));
    }
}
