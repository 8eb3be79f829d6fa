package dev.jgrad.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Src;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.UnaryOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Temporaries} (through {@link Tidy}): a one-use temporary folds into its read only where the
 * doubles are the same, and branches on one condition, or on a condition and its negation, are one.
 */
class TemporariesTest {
    private static final Expr.Local X = new Expr.Local(Type.DOUBLE, "x");
    private static final Expr.Local Y = new Expr.Local(Type.DOUBLE, "y");
    private static final Expr.Local X_BAR = new Expr.Local(Type.DOUBLE, "x_bar");
    private static final Expr.Local D = new Expr.Local(Type.DOUBLE, "d");
    private static final Expr.Local D_2 = new Expr.Local(Type.DOUBLE, "d_2");
    private static final Expr.Local C = new Expr.Local(Type.BOOLEAN, "c");
    private static final Expr.Local TAKEN = new Expr.Local(Type.BOOLEAN, "taken");
    private static final Expr.Lit HALF = Expr.Lit.ofDouble(-0.5);

    private static Stmt decl(Expr.Local v, Expr init) {
        return new Stmt.Decl(null, v.type(), v.name(), init);
    }

    private static Expr mul(Expr a, Expr b) {
        return new Expr.Binary(Type.DOUBLE, BinaryOp.MUL, a, b);
    }

    private static Stmt add(Expr.Local v, Expr e) {
        return new Stmt.Assign(null, v, new Expr.Binary(Type.DOUBLE, BinaryOp.ADD, v, e));
    }

    private static List<Stmt> tidy(List<Stmt> body) {
        return Tidy.apply(body, Y, List.of(X_BAR), List.of("x", "y"));
    }

    /** {@code double d_2 = d * x; x_bar += d_2 * -0.5;} is {@code x_bar += d * x * -0.5;}: the same tree. */
    @Test
    void aTemporaryReadOnceFoldsIntoItsRead() {
        List<Stmt> body = List.of(decl(X_BAR, Expr.Lit.ofDouble(0.0)), decl(D, mul(Y, Y)), decl(D_2, mul(D, X)),
                add(X_BAR, mul(D_2, HALF)), add(X_BAR, D));
        assertEquals(List.of(decl(X_BAR, Expr.Lit.ofDouble(0.0)), decl(D, mul(Y, Y)), add(X_BAR, mul(mul(D, X), HALF)),
                add(X_BAR, D)), tidy(body));
    }

    /** {@code a * (b * c)} keeps its grouping: the temporary is one node of the tree it lands in. */
    @Test
    void theFoldedTreeKeepsItsGrouping() {
        List<Stmt> body = List.of(decl(X_BAR, Expr.Lit.ofDouble(0.0)), decl(D, mul(X, Y)), add(X_BAR, mul(Y, D)));
        assertEquals(List.of(decl(X_BAR, Expr.Lit.ofDouble(0.0)), add(X_BAR, mul(Y, mul(X, Y)))), tidy(body));
    }

    /**
     * Not past a write of what it reads, not a source's declaration, not a division that may throw past
     * another statement (an array store), not into a loop.
     */
    @Test
    void nothingFoldsWhereTheValueCouldDiffer() {
        Expr.Local n = new Expr.Local(Type.INT, "n");
        Stmt written = new Stmt.Assign(null, X, mul(X, X));
        List<Stmt> past = List.of(decl(X_BAR, Expr.Lit.ofDouble(0.0)), decl(D, mul(X, Y)), written, add(X_BAR, D));
        assertEquals(past, tidy(past));
        Stmt source = new Stmt.Decl(new Src("double d = x * y", 3), Type.DOUBLE, "d", mul(X, Y));
        List<Stmt> named = List.of(decl(X_BAR, Expr.Lit.ofDouble(0.0)), source, add(X_BAR, D));
        assertEquals(named, tidy(named));
        Expr quotient = new Expr.Cast(Type.DOUBLE, new Expr.Binary(Type.INT, BinaryOp.DIV, Expr.Lit.ofInt(1), n));
        Stmt store = new Stmt.Assign(null, new Expr.Index(Type.DOUBLE, new Expr.Local(Type.DOUBLE_ARRAY, "out"),
                Expr.Lit.ofInt(0)), X);
        List<Stmt> throwing = List.of(decl(X_BAR, Expr.Lit.ofDouble(0.0)), decl(D, quotient), store, add(X_BAR, D));
        assertEquals(throwing, Tidy.apply(throwing, Y, List.of(X_BAR), List.of("x", "y", "out")));
        // right before a sum's update, though, it may: it throws before the store, as it did
        List<Stmt> next = List.of(decl(X_BAR, Expr.Lit.ofDouble(0.0)), decl(D, quotient), add(X_BAR, D));
        assertEquals(List.of(decl(X_BAR, Expr.Lit.ofDouble(0.0)), add(X_BAR, quotient)), tidy(next));
        Stmt loop = new Stmt.While(null, C, List.of(add(X_BAR, D)), false);
        List<Stmt> looped = List.of(decl(X_BAR, Expr.Lit.ofDouble(0.0)), decl(D, mul(X, Y)), loop);
        assertEquals(looped, tidy(looped));
    }

    /** {@code boolean taken = !c; if (c) {a} if (taken) {b}} is {@code if (c) {a} else {b}}. */
    @Test
    void branchesOnAConditionAndItsNegationAreOne() {
        Stmt a = add(X_BAR, mul(X, Y));
        Stmt b = add(X_BAR, mul(Y, Y));
        Stmt negation = decl(TAKEN, new Expr.Unary(Type.BOOLEAN, UnaryOp.NOT, C));
        List<Stmt> body = List.of(decl(X_BAR, Expr.Lit.ofDouble(0.0)), negation,
                new Stmt.If(null, C, List.of(a), List.of()), new Stmt.If(null, TAKEN, List.of(b), List.of()));
        assertEquals(List.of(decl(X_BAR, Expr.Lit.ofDouble(0.0)), negation, new Stmt.If(null, C, List.of(a), List.of(b))),
                tidy(body));
        // not after a branch that may leave: what follows it in the branch would be unreachable
        Stmt leaving = new Stmt.If(null, C, List.of(a, new Stmt.Return(null, null)), List.of());
        List<Stmt> early = List.of(decl(X_BAR, Expr.Lit.ofDouble(0.0)), leaving, new Stmt.If(null, C, List.of(b), List.of()));
        assertEquals(early, tidy(early));
    }
}
