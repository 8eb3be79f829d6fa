package dev.jgrad.processor.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jgrad.processor.analysis.ToBeRecorded.Derivative;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.IrText;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Origins;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * To-be-recorded on small IR: a method and what each statement's derivative reads in, the variables
 * the reverse sweep needs and the statements that record out (as {@link IrText}).
 */
class ToBeRecordedTest {
    private static final Local X = new Local(Type.DOUBLE, "x");
    private static final Local Y = new Local(Type.DOUBLE, "y");
    private static final Local A = new Local(Type.DOUBLE_ARRAY, "a");
    private static final Local I = new Local(Type.INT, "i");
    private static final Local K = new Local(Type.INT, "k");
    private static final Local M = new Local(Type.INT, "m");
    private static final Local N = new Local(Type.INT, "n");

    private final Map<Stmt, Derivative> derivatives = new IdentityHashMap<>();

    private static Expr mul(Expr a, Expr b) {
        return new Expr.Binary(Type.DOUBLE, BinaryOp.MUL, a, b);
    }

    private static Expr iadd(Expr a, Expr b) {
        return new Expr.Binary(Type.INT, BinaryOp.ADD, a, b);
    }

    /** {@code s}, whose derivative reads {@code reads}. */
    private Stmt reading(Stmt s, String... reads) {
        derivatives.put(s, new Derivative(Set.of(reads), false));
        return s;
    }

    private static Method method(List<Method.Param> params, List<Stmt> body) {
        return new Method("f", params, body, new Names(), new Origins());
    }

    private ToBeRecorded analyse(Method m, Set<String> wrt, Set<String> forced) {
        return ToBeRecorded.of(m, Activity.of(m, wrt), forced, derivatives);
    }

    /** The statements of {@code body} (at any depth) that record, as text. */
    private static List<String> recording(ToBeRecorded t, List<Stmt> body) {
        List<String> out = new ArrayList<>();
        Walk.statements(body, s -> {
            if (t.records(s)) {
                out.add(IrText.of(List.of(s)));
            }
        });
        return out;
    }

    /** {@code double y = x * x; y = y * y; return y;}: the square reads the y it overwrites. */
    @Test
    void aValueTheDerivativeReadsIsRecordedWhereItIsOverwritten() {
        List<Stmt> body = List.of(
                reading(new Stmt.Decl(null, Type.DOUBLE, "y", mul(X, X)), "x"),
                reading(new Stmt.Assign(null, Y, mul(Y, Y)), "y"),
                new Stmt.Return(null, Y));
        ToBeRecorded t = analyse(method(List.of(new Method.Param("x", Type.DOUBLE)), body), Set.of("x"), Set.of());
        assertEquals(Set.of("x", "y"), new TreeSet<>(t.needed()));
        assertEquals(List.of("y = (y * y);"), recording(t, body));
    }

    /** {@code double y = x * 2.0; y = y + x; return y;}: linear, nothing needed, nothing recorded. */
    @Test
    void linearCodeRecordsNothing() {
        List<Stmt> body = List.of(
                new Stmt.Decl(null, Type.DOUBLE, "y", mul(X, Expr.Lit.ofDouble(2.0))),
                new Stmt.Assign(null, Y, new Expr.Binary(Type.DOUBLE, BinaryOp.ADD, Y, X)),
                new Stmt.Return(null, Y));
        ToBeRecorded t = analyse(method(List.of(new Method.Param("x", Type.DOUBLE)), body), Set.of("x"), Set.of());
        assertEquals(Set.of(), t.needed());
        assertEquals(List.of(), recording(t, body));
    }

    /**
     * {@code int k = 0; k = k + m; y = y * a[k]; k = k + m;}-like: an integer increment of a needed
     * index is undone, not recorded, and the undoing reads {@code m}.
     */
    @Test
    void anUndoneIncrementIsNotRecordedButNeedsItsStep() {
        List<Stmt> body = List.of(
                new Stmt.Decl(null, Type.DOUBLE, "y", Expr.Lit.ofDouble(1.0)),
                new Stmt.Decl(null, Type.INT, "k", Expr.Lit.ofInt(0)),
                reading(new Stmt.Assign(null, Y, mul(Y, new Expr.Index(Type.DOUBLE, A, K))), "y", "a", "k"),
                new Stmt.Assign(null, K, iadd(K, M)),
                reading(new Stmt.Assign(null, Y, mul(Y, new Expr.Index(Type.DOUBLE, A, K))), "y", "a", "k"),
                new Stmt.Return(null, Y));
        ToBeRecorded t = analyse(method(List.of(new Method.Param("a", Type.DOUBLE_ARRAY), new Method.Param("m", Type.INT)),
                body), Set.of("a"), Set.of());
        assertEquals(Set.of("a", "k", "m", "y"), new TreeSet<>(t.needed()));
        assertEquals(List.of("y = (y * a[k]);", "y = (y * a[k]);"), recording(t, body));
    }

    /**
     * {@code for (int i = 0; i < n; i = i + 1) { y = y * a[i]; }}: the loop's reverse counts {@code i}
     * back down from {@code n}, so both are needed once its body records.
     */
    @Test
    void aCountedLoopWhoseReverseWorksNeedsItsIndexAndBounds() {
        Stmt product = reading(new Stmt.Assign(null, Y, mul(Y, new Expr.Index(Type.DOUBLE, A, I))), "y", "a", "i");
        List<Stmt> body = List.of(
                new Stmt.Decl(null, Type.DOUBLE, "y", Expr.Lit.ofDouble(1.0)),
                new Stmt.For(null, List.of(new Stmt.Decl(null, Type.INT, "i", Expr.Lit.ofInt(0))),
                        new Expr.Binary(Type.BOOLEAN, BinaryOp.LT, I, N), List.of(new Stmt.Assign(null, I, iadd(I, Expr.Lit.ofInt(1)))),
                        List.of(product)),
                new Stmt.Return(null, Y));
        ToBeRecorded t = analyse(method(List.of(new Method.Param("a", Type.DOUBLE_ARRAY), new Method.Param("n", Type.INT)),
                body), Set.of("a"), Set.of());
        assertEquals(Set.of("a", "i", "n", "y"), new TreeSet<>(t.needed()));
        assertEquals(List.of("y = (y * a[i]);"), recording(t, body));
    }

    /** {@code a[i] = x;} into the caller's array ({@code forced}): recorded, and its index is needed. */
    @Test
    void anElementOfAnArrayTheCallerGetsBackIsRecordedWithItsIndex() {
        List<Stmt> body = List.of(
                new Stmt.Assign(null, new Expr.Index(Type.DOUBLE, A, I), X),
                new Stmt.Return(null, X));
        Method m = method(List.of(new Method.Param("a", Type.DOUBLE_ARRAY), new Method.Param("i", Type.INT),
                new Method.Param("x", Type.DOUBLE)), body);
        ToBeRecorded t = analyse(m, Set.of("x"), Set.of(Activity.of(m, Set.of("x")).aliasOf("a")));
        assertEquals(List.of("a[i] = x;"), recording(t, body));
        assertEquals(true, t.needed().contains("i"));
    }
}
