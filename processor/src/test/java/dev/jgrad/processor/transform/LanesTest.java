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

    /**
     * Side by side, a lane array keeps each entry's lanes together ({@code m[i][j][lane]}): the alias of a
     * row is one assignment of the containers, the write of an entry a loop over {@code row[1][lane]}.
     */
    @Test
    void sideBySideTheLanesOfAnEntryAreContiguous() {
        Local m = new Local(Type.DOUBLE_MATRIX, "m");
        Local row = new Local(Type.DOUBLE_ARRAY, "row");
        List<Stmt> body = List.of(
                new Stmt.Decl(null, Type.DOUBLE_MATRIX, "m", new Expr.NewArray(Type.DOUBLE_MATRIX,
                        List.of(Expr.Lit.ofInt(2), Expr.Lit.ofInt(3)))),
                new Stmt.Decl(null, Type.DOUBLE_ARRAY, "row", new Expr.Index(Type.DOUBLE_ARRAY, m, Expr.Lit.ofInt(0))),
                new Stmt.Assign(null, new Expr.Index(Type.DOUBLE, row, Expr.Lit.ofInt(1)),
                        mul(X, new Expr.Index(Type.DOUBLE, V, Expr.Lit.ofInt(0)))));
        Names names = new Names();
        List.of("v", "x", "lanes").forEach(names::fresh);
        Lanes l = Lanes.of(body, PARAMS, V, names, LANES, true);
        String text = IrText.of(l.rewrite(body, List.of(m)));
        assertTrue(text.contains("new double[2][3][lanes]") && text.contains("row = m[0]")
                && text.contains("row[1][lane] = (x * v[0][lane])"), text);
        assertTrue(l.containers().isEmpty(), "arrays are declared where the body declares them: " + text);
        assertEquals("m", IrText.of(l.sideBySide(m)));
    }

    /** Side by side, a lane array passed whole to a call (one lane's array) cannot be written: the caller falls back. */
    @Test
    void sideBySideAWholeLaneArrayInACallIsUnsupported() {
        Local a = new Local(Type.DOUBLE_ARRAY, "a");
        List<Stmt> body = List.of(
                new Stmt.Decl(null, Type.DOUBLE_ARRAY, "a", new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(Expr.Lit.ofInt(2)))),
                new Stmt.Assign(null, new Expr.Index(Type.DOUBLE, a, Expr.Lit.ofInt(0)),
                        new Expr.Index(Type.DOUBLE, V, Expr.Lit.ofInt(0))),
                new Stmt.Run(new Expr.Call(Type.VOID, "dev.jgrad.runtime.Arrays2", "addInto", List.of(a, a))));
        Names names = new Names();
        List.of("v", "x", "lanes").forEach(names::fresh);
        assertThrows(Lanes.Unsupported.class, () -> Lanes.of(body, PARAMS, V, names, LANES, true).rewrite(body, List.of()));
        Names perLane = new Names();
        List.of("v", "x", "lanes").forEach(perLane::fresh);
        String text = IrText.of(Lanes.of(body, PARAMS, V, perLane, LANES, false).rewrite(body, List.of()));
        assertTrue(text.contains("addInto(a[lane], a[lane])"), "one array per lane: " + text);
    }

    /** Side by side, the tape keeps a lane array as one reference to all its lanes, and gives it back so. */
    @Test
    void sideBySideALaneArrayGoesOnTheTapeOnce() {
        Local a = new Local(Type.DOUBLE_ARRAY, "a");
        List<Stmt> body = List.of(
                new Stmt.Decl(null, Type.DOUBLE_ARRAY, "a", new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(Expr.Lit.ofInt(2)))),
                new Stmt.Assign(null, new Expr.Index(Type.DOUBLE, a, Expr.Lit.ofInt(0)),
                        new Expr.Index(Type.DOUBLE, V, Expr.Lit.ofInt(0))),
                new Stmt.Push(a),
                new Stmt.Assign(null, a, new Expr.Pop(Type.DOUBLE_ARRAY)));
        Names names = new Names();
        List.of("v", "x", "lanes").forEach(names::fresh);
        List<String> lines = IrText.lines(Lanes.of(body, PARAMS, V, names, LANES, true).rewrite(body, List.of(a)));
        assertTrue(lines.stream().filter(x -> x.contains("push") || x.contains("pop")).count() == 2
                && lines.stream().noneMatch(x -> x.contains("a[lane]")), String.join("\n", lines));
    }
}
