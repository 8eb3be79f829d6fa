package dev.jgrad.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.UnaryOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Tidy}: each rewrite where it is exact, and none where it is not (a sum that the value reads
 * must keep its {@code 0.0 +}, which turns an {@code x} of {@code -0.0} into {@code +0.0}).
 */
class TidyTest {
    private static final Expr.Local X = new Expr.Local(Type.DOUBLE, "x");
    private static final Expr.Local S = new Expr.Local(Type.DOUBLE, "s");
    private static final Expr.Local VALUE = new Expr.Local(Type.DOUBLE, "value");
    private static final Expr.Local S_BAR = new Expr.Local(Type.DOUBLE, "s_bar");
    private static final Expr.Local X_BAR = new Expr.Local(Type.DOUBLE, "x_bar");
    private static final Expr.Local C = new Expr.Local(Type.BOOLEAN, "c");
    private static final Expr.Lit ZERO = Expr.Lit.ofDouble(0.0);

    private static Stmt decl(Expr.Local v, Expr init) {
        return new Stmt.Decl(null, v.type(), v.name(), init);
    }

    private static Stmt add(Expr.Local v, Expr e) {
        return new Stmt.Assign(null, v, new Expr.Binary(Type.DOUBLE, BinaryOp.ADD, v, e));
    }

    private static Stmt set(Expr.Local v, Expr e) {
        return new Stmt.Assign(null, v, e);
    }

    /** {@code double s = 0.0; s += x; value = s;} and its adjoint, {@code x_bar} a component. */
    private static List<Stmt> sumAndAdjoint(Stmt... reverse) {
        List<Stmt> body = new java.util.ArrayList<>(List.of(decl(X_BAR, ZERO), decl(S_BAR, ZERO), decl(S, ZERO),
                add(S, X), decl(VALUE, S)));
        body.addAll(List.of(reverse));
        return body;
    }

    @Test
    void anAdjointIsDeclaredWithItsFirstContributionButNotASumTheValueReads() {
        List<Stmt> body = sumAndAdjoint(add(S_BAR, Expr.Lit.ofDouble(1.0)), add(X_BAR, S_BAR), set(S_BAR, ZERO));
        List<Stmt> tidy = Tidy.apply(body, VALUE, List.of(X_BAR), List.of("x"));
        assertEquals(List.of(decl(X_BAR, ZERO), decl(S, ZERO), add(S, X), decl(VALUE, S),
                decl(S_BAR, Expr.Lit.ofDouble(1.0)), add(X_BAR, S_BAR)), tidy);
    }

    @Test
    void aSumWrittenIntoAParameterKeepsItsZero() {
        Expr.Local out = new Expr.Local(Type.DOUBLE_ARRAY, "out");
        Expr.Local view = new Expr.Local(Type.DOUBLE_ARRAY, "view");
        Stmt write = new Stmt.Assign(null, new Expr.Index(Type.DOUBLE, view, Expr.Lit.ofInt(0)), S);
        List<Stmt> body = List.of(decl(view, out), decl(S, ZERO), add(S, X), write, decl(VALUE, X));
        assertEquals(body, Tidy.apply(body, VALUE, List.of(), List.of("x", "out")));
    }

    @Test
    void anIntegerContributionIsNotNegatedAsAnInteger() {
        Expr.Local n = new Expr.Local(Type.INT, "n");
        Stmt sub = new Stmt.Assign(null, S_BAR, new Expr.Binary(Type.DOUBLE, BinaryOp.SUB, S_BAR, n));
        List<Stmt> body = List.of(decl(X_BAR, ZERO), decl(S_BAR, ZERO), sub, add(X_BAR, S_BAR));
        assertEquals(body, Tidy.apply(body, X, List.of(X_BAR), List.of("x", "n")));
    }

    @Test
    void aZeroingThatIsReadAgainStays() {
        Expr.Local i = new Expr.Local(Type.INT, "i");
        Stmt loop = new Stmt.Repeat("i", Expr.Lit.ofInt(3), List.of(add(X_BAR, S_BAR), set(S_BAR, ZERO),
                add(X_BAR, X)));
        List<Stmt> body = List.of(decl(X_BAR, ZERO), decl(S_BAR, Expr.Lit.ofDouble(2.0)), loop);
        assertEquals(body, Tidy.apply(body, i, List.of(X_BAR), List.of("x")));
    }

    @Test
    void aZeroingThenAContributionIsOneAssignment() {
        Stmt readsItself = add(S_BAR, new Expr.Binary(Type.DOUBLE, BinaryOp.MUL, S_BAR, X));
        Stmt loop = new Stmt.Repeat("i", Expr.Lit.ofInt(3), List.of(add(X_BAR, S_BAR), set(S_BAR, ZERO),
                readsItself, set(S_BAR, ZERO), add(S_BAR, X)));
        List<Stmt> body = List.of(decl(X_BAR, ZERO), decl(S_BAR, Expr.Lit.ofDouble(2.0)), loop);
        Stmt tidyLoop = new Stmt.Repeat("i", Expr.Lit.ofInt(3), List.of(add(X_BAR, S_BAR), set(S_BAR, ZERO),
                readsItself, set(S_BAR, X)));
        assertEquals(List.of(decl(X_BAR, ZERO), decl(S_BAR, Expr.Lit.ofDouble(2.0)), tidyLoop),
                Tidy.apply(body, X, List.of(X_BAR), List.of("x")));
    }

    @Test
    void aSignIsChosenNotMultiplied() {
        Expr sign = new Expr.Cond(Type.DOUBLE, C, Expr.Lit.ofDouble(-1.0), Expr.Lit.ofDouble(1.0));
        Expr product = new Expr.Binary(Type.DOUBLE, BinaryOp.MUL, S_BAR, sign);
        assertEquals(new Expr.Cond(Type.DOUBLE, C, new Expr.Unary(Type.DOUBLE, UnaryOp.NEG, S_BAR), S_BAR),
                Tidy.signs(product));
        Expr select = new Expr.Cond(Type.DOUBLE, C, Expr.Lit.ofDouble(1.0), ZERO);
        Expr masked = new Expr.Binary(Type.DOUBLE, BinaryOp.MUL, S_BAR, select);
        assertEquals(masked, Tidy.signs(masked));
    }
}
