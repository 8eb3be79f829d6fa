package dev.jgrad.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Gradient;
import dev.jgrad.processor.ir.IrText;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Origins;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the taped gradient records (to-be-recorded, Hascoët, Naumann and Pascual): the old value of a
 * variable is pushed only where a statement overwrites it and the reverse sweep reads it. Each case is
 * a small IR method in, the list of values the forward sweep pushes out (in {@link IrText}).
 */
class RecordingTest {
    private static final Local X = new Local(Type.DOUBLE, "x");
    private static final Local Y = new Local(Type.DOUBLE, "y");
    private static final Local A = new Local(Type.DOUBLE_ARRAY, "a");
    private static final Local I = new Local(Type.INT, "i");
    private static final Local N = new Local(Type.INT, "n");

    private static Expr mul(Expr a, Expr b) {
        return new Expr.Binary(Type.DOUBLE, BinaryOp.MUL, a, b);
    }

    private static Expr add(Expr a, Expr b) {
        return new Expr.Binary(a.type() == Type.INT && b.type() == Type.INT ? Type.INT : Type.DOUBLE, BinaryOp.ADD, a, b);
    }

    private static Stmt assign(Expr target, Expr value) {
        return new Stmt.Assign(null, target, value);
    }

    /**
     * The values the gradient of {@code body} with respect to {@code wrt} saves, in order: onto the tape,
     * or, outside loops, into locals of their own.
     */
    private static List<String> pushes(List<Method.Param> params, List<Stmt> body, String... wrt) {
        Names names = new Names();
        params.forEach(p -> names.param(p.name()));
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Decl d) {
                names.fresh(d.name());
            }
        });
        Method m = new Method("f", params, body, names, new Origins());
        Reverse.Taped taped = Reverse.taped(m, List.of(wrt), Activity.of(m, Set.of(wrt)));
        Gradient g = taped.gradient();
        Set<Stmt> inLocals = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        inLocals.addAll(taped.savedInLocals());
        List<String> out = new ArrayList<>();
        Walk.statements(g.body(), s -> {
            if (s instanceof Stmt.Push p) {
                out.add(IrText.of(p.value()));
            } else if (inLocals.contains(s)) {
                out.add(IrText.of(((Stmt.Assign) s).value()));
            }
        });
        return out;
    }

    /** {@code double y = x * x; y = y * y; return y;}: the second statement reads the y it overwrites. */
    @Test
    void anOverwrittenValueTheDerivativeReadsIsRecorded() {
        List<Stmt> body = List.of(
                new Stmt.Decl(null, Type.DOUBLE, "y", mul(X, X)),
                assign(Y, mul(Y, Y)),
                new Stmt.Return(null, Y));
        assertEquals(List.of("y"), pushes(List.of(new Method.Param("x", Type.DOUBLE)), body, "x"));
    }

    /** {@code double y = x * 2.0; y = y + x; return y;}: linear, the reverse sweep reads no y. */
    @Test
    void aLinearUpdateRecordsNothing() {
        List<Stmt> body = List.of(
                new Stmt.Decl(null, Type.DOUBLE, "y", mul(X, Expr.Lit.ofDouble(2.0))),
                assign(Y, add(Y, X)),
                new Stmt.Return(null, Y));
        assertEquals(List.of(), pushes(List.of(new Method.Param("x", Type.DOUBLE)), body, "x"));
    }

    /**
     * {@code double y = 0.0; for (int i = 0; i < n; i++) { y = y + a[i] * a[i]; } return y;}: a counted
     * loop with fixed bounds runs back down without the tape, and the sum reads no y.
     */
    @Test
    void aSumInACountedLoopRecordsNothing() {
        Stmt loop = new Stmt.For(null, List.of(new Stmt.Decl(null, Type.INT, "i", Expr.Lit.ofInt(0))),
                new Expr.Binary(Type.BOOLEAN, BinaryOp.LT, I, N), List.of(assign(I, add(I, Expr.Lit.ofInt(1)))),
                List.of(assign(Y, add(Y, mul(new Expr.Index(Type.DOUBLE, A, I), new Expr.Index(Type.DOUBLE, A, I))))));
        List<Stmt> body = List.of(new Stmt.Decl(null, Type.DOUBLE, "y", Expr.Lit.ofDouble(0.0)), loop, new Stmt.Return(null, Y));
        assertEquals(List.of(), pushes(List.of(new Method.Param("a", Type.DOUBLE_ARRAY), new Method.Param("n", Type.INT)),
                body, "a"));
    }

    /**
     * {@code double y = x; y = y * x; y = y * x; return y;}: each product reads the y it overwrites,
     * so each overwrite records it.
     */
    @Test
    void everyOverwriteOfANeededVariableRecords() {
        List<Stmt> body = List.of(
                new Stmt.Decl(null, Type.DOUBLE, "y", X),
                assign(Y, mul(Y, X)),
                assign(Y, mul(Y, X)),
                new Stmt.Return(null, Y));
        assertEquals(List.of("y", "y"), pushes(List.of(new Method.Param("x", Type.DOUBLE)), body, "x"));
    }

    /**
     * {@code a[0] = a[0] * x; return a[0];} on the caller's array: the element is recorded (the
     * derivative reads it, and the caller gets its array back as it was).
     */
    @Test
    void anOverwrittenElementOfAnInputIsRecorded() {
        Expr a0 = new Expr.Index(Type.DOUBLE, A, Expr.Lit.ofInt(0));
        List<Stmt> body = List.of(assign(a0, mul(a0, X)), new Stmt.Return(null, a0));
        assertEquals(List.of("a[0]"), pushes(List.of(new Method.Param("a", Type.DOUBLE_ARRAY),
                new Method.Param("x", Type.DOUBLE)), body, "x"));
    }

    /**
     * {@code double y = x * x; if (x > 0) { y = y * y; } else { y = y * x; } return y;}: what a method
     * without loops saves (both y's, the branch taken) it keeps in locals; it has no tape.
     */
    @Test
    void aMethodWithoutLoopsSavesIntoLocalsAndHasNoTape() {
        List<Stmt> body = List.of(
                new Stmt.Decl(null, Type.DOUBLE, "y", mul(X, X)),
                new Stmt.If(null, new Expr.Binary(Type.BOOLEAN, BinaryOp.GT, X, Expr.Lit.ofDouble(0.0)),
                        List.of(assign(Y, mul(Y, Y))), List.of(assign(Y, mul(Y, X)))),
                new Stmt.Return(null, Y));
        List<Method.Param> params = List.of(new Method.Param("x", Type.DOUBLE));
        assertEquals(List.of("y", "true", "y", "false"), pushes(params, body, "x"));
        Gradient g = gradient(params, body, "x");
        assertNull(g.tape(), IrText.of(g.body()));
        Walk.statements(g.body(), s -> {
            assertFalse(s instanceof Stmt.Push, IrText.of(g.body()));
            Walk.expressions(s, e -> Walk.postOrder(e, x -> assertFalse(x instanceof Expr.Pop, IrText.of(g.body()))));
        });
    }

    /**
     * {@code double y = x; int i = 0; while (i < n) { y = y * x; i = i + 1; } return y;}: the y of each
     * iteration goes on the tape; the trip count, saved once, into a local.
     */
    @Test
    void valuesSavedInALoopStayOnTheTape() {
        Stmt loop = new Stmt.While(null, new Expr.Binary(Type.BOOLEAN, BinaryOp.LT, I, N),
                List.of(assign(Y, mul(Y, X)), assign(I, add(I, Expr.Lit.ofInt(1)))), false);
        List<Stmt> body = List.of(new Stmt.Decl(null, Type.DOUBLE, "y", X),
                new Stmt.Decl(null, Type.INT, "i", Expr.Lit.ofInt(0)), loop, new Stmt.Return(null, Y));
        List<Method.Param> params = List.of(new Method.Param("x", Type.DOUBLE), new Method.Param("n", Type.INT));
        Gradient g = gradient(params, body, "x");
        assertNotNull(g.tape());
        List<String> onTape = new ArrayList<>();
        Walk.statements(g.body(), s -> {
            if (s instanceof Stmt.Push p) {
                onTape.add(IrText.of(p.value()));
            }
        });
        assertEquals(List.of("y"), onTape, IrText.of(g.body()));
        assertEquals(List.of("y", "trips"), pushes(params, body, "x"));
    }

    private static Gradient gradient(List<Method.Param> params, List<Stmt> body, String... wrt) {
        Names names = new Names();
        params.forEach(p -> names.param(p.name()));
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Decl d) {
                names.fresh(d.name());
            }
        });
        Method m = new Method("f", params, body, names, new Origins());
        return Reverse.of(m, List.of(wrt), Activity.of(m, Set.of(wrt)), false);
    }
}
