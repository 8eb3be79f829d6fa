package dev.jgrad.processor.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Counted#of}: a loop is counted only when its trip count is known as it starts, which
 * {@code Jam}, {@code Parallelize} and the tape-free gradient rely on (they split, chunk or replay the
 * range {@code [from, to)} computed up front).
 */
class LoopFormTest {
    private static final Expr.Local I = new Expr.Local(Type.INT, "i");
    private static final Expr.Local N = new Expr.Local(Type.INT, "n");
    private static final Expr.Local S = new Expr.Local(Type.DOUBLE, "s");

    private static Stmt.For loop(Expr bound, List<Stmt> body) {
        return new Stmt.For(null, List.of(new Stmt.Decl(null, Type.INT, "i", Expr.Lit.ofInt(0))),
                new Expr.Binary(Type.BOOLEAN, BinaryOp.LT, I, bound),
                List.of(new Stmt.Assign(null, I, new Expr.Binary(Type.INT, BinaryOp.ADD, I, Expr.Lit.ofInt(1)))), body);
    }

    private static Stmt sum(Expr term) {
        return new Stmt.Assign(null, S, new Expr.Binary(Type.DOUBLE, BinaryOp.ADD, S, term));
    }

    @Test
    void aLoopWhoseBoundNothingChangesIsCounted() {
        Counted c = Counted.of(loop(N, List.of(sum(Expr.Lit.ofDouble(1)))));
        assertNotNull(c);
        assertEquals("i", c.index());
        assertEquals(N, c.to());
    }

    @Test
    void aLoopWhoseBodyChangesItsBoundIsNotCounted() {
        Stmt shrink = new Stmt.Assign(null, N, new Expr.Binary(Type.INT, BinaryOp.SUB, N, Expr.Lit.ofInt(1)));
        assertNull(Counted.of(loop(N, List.of(sum(Expr.Lit.ofDouble(1)), shrink))));
        // also when the bound is an expression of the variable, and the write is in a nested statement
        Expr bound = new Expr.Binary(Type.INT, BinaryOp.SUB, N, Expr.Lit.ofInt(1));
        Stmt nested = new Stmt.If(null, Expr.Lit.TRUE, List.of(shrink), List.of());
        assertNull(Counted.of(loop(bound, List.of(nested))));
    }

    @Test
    void aLoopWhoseBodyWritesItsIndexIsNotCounted() {
        Stmt skip = new Stmt.Assign(null, I, new Expr.Binary(Type.INT, BinaryOp.ADD, I, Expr.Lit.ofInt(1)));
        assertNull(Counted.of(loop(N, List.of(skip))));
    }
}
