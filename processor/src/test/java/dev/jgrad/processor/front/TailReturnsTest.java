package dev.jgrad.processor.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Exprs;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link TailReturns} moves, and what it leaves to {@link Structure}'s flags. */
class TailReturnsTest {
    private static final Local V = new Local(Type.DOUBLE, "v");
    private static final Local RESULT = new Local(Type.DOUBLE, "result");
    private static final Expr COND = new Local(Type.BOOLEAN, "c");

    private static Stmt decl(String name) {
        return new Stmt.Decl(null, Type.DOUBLE, name, Exprs.ONE);
    }

    private static Stmt ret(Expr value) {
        return new Stmt.Return(null, value);
    }

    @Test
    void aGuardReturnTakesTheRestAsItsElse() {
        List<Stmt> body = List.of(new Stmt.If(null, COND, List.of(ret(Exprs.ZERO)), List.of()), decl("t"), ret(V));
        List<Stmt> expected = List.of(new Stmt.If(null, COND,
                List.of(new Stmt.Assign(null, RESULT, Exprs.ZERO)),
                List.of(decl("t"), new Stmt.Assign(null, RESULT, V))));
        assertEquals(expected, TailReturns.assigning(body, RESULT));
    }

    @Test
    void oneLastReturnIsCopiedIntoBothSidesThatGoOn() {
        // if (c) { if (c) return 0; } return v;
        Stmt inner = new Stmt.If(null, COND, List.of(ret(Exprs.ZERO)), List.of());
        List<Stmt> body = List.of(new Stmt.If(null, COND, List.of(inner), List.of()), ret(V));
        Stmt.Assign zero = new Stmt.Assign(null, RESULT, Exprs.ZERO);
        Stmt.Assign v = new Stmt.Assign(null, RESULT, V);
        List<Stmt> expected = List.of(new Stmt.If(null, COND,
                List.of(new Stmt.If(null, COND, List.of(zero), List.of(v))),
                List.of(v)));
        assertEquals(expected, TailReturns.assigning(body, RESULT));
    }

    @Test
    void aNameDeclaredOnBothSidesOfTheMoveKeepsTheFlag() {
        List<Stmt> body = List.of(new Stmt.If(null, COND, List.of(ret(Exprs.ZERO)), List.of(decl("t"))), decl("t"), ret(V));
        assertNull(TailReturns.assigning(body, RESULT));
    }

    @Test
    void aReturnInALoopOrBeforeMoreThanOneStatementOnBothSidesKeepsTheFlag() {
        Stmt loop = new Stmt.While(null, COND, List.of(ret(V)), false);
        assertNull(TailReturns.assigning(List.of(loop, ret(V)), RESULT));
        // neither side ends, and more than one return follows: it would be copied into both
        Stmt either = new Stmt.If(null, COND, List.of(new Stmt.If(null, COND, List.of(ret(V)), List.of())), List.of());
        assertNull(TailReturns.assigning(List.of(either, decl("t"), ret(V)), RESULT));
    }

    @Test
    void aContinueTakesTheRestOfTheBodyAsItsNegation() {
        Stmt skip = new Stmt.If(null, COND, List.of(new Stmt.Continue(null)), List.of());
        Stmt inner = new Stmt.While(null, COND, List.of(new Stmt.Continue(null)), false);
        List<Stmt> expected = List.of(new Stmt.If(null, Exprs.not(COND), List.of(decl("t"), inner), List.of()));
        // the nested loop's continue is its own, left as it is
        assertEquals(expected, TailReturns.continuing(List.of(skip, decl("t"), inner)));
    }
}
