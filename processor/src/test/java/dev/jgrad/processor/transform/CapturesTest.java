package dev.jgrad.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which captures of a parallel loop are not effectively final, judged on the finished method body. */
class CapturesTest {
    private static final Local W = new Local(Type.DOUBLE_ARRAY, "w");
    private static final Local S = new Local(Type.DOUBLE, "s");
    private static final Local T = new Local(Type.DOUBLE, "t");

    private static Stmt.ParallelFor loop(List<Local> captured) {
        return new Stmt.ParallelFor(null, Expr.Lit.ofInt(0), Expr.Lit.ofInt(8), "chunk", "sums", "lo", "hi", captured,
                List.of(), List.of(), List.of(), List.of(), List.of(), false, new Names());
    }

    /**
     * {@code double s = 2.0; s = s * s; double t = 3.0; parallel(w, s, t)}: the parameter and t are
     * captured as they are, s (assigned twice) is copied.
     */
    @Test
    void aReassignedLocalIsCopiedAParameterAndAFinalLocalAreNot() {
        List<Stmt> body = List.of(
                new Stmt.Decl(null, Type.DOUBLE, "s", Expr.Lit.ofDouble(2.0)),
                new Stmt.Assign(null, S, new Expr.Binary(Type.DOUBLE, dev.jgrad.processor.ir.BinaryOp.MUL, S, S)),
                new Stmt.Decl(null, Type.DOUBLE, "t", Expr.Lit.ofDouble(3.0)),
                loop(List.of(W, S, T)));
        List<Stmt> marked = Captures.mark(body, Set.of("w"));
        assertEquals(Set.of("s"), ((Stmt.ParallelFor) marked.get(3)).reassigned());
    }

    /**
     * {@code double t; t = 1.0;} before a loop in a block: copied (conservatively: a declaration
     * without a value counts as an assignment of its own), and found inside the block.
     */
    @Test
    void aLocalDeclaredWithoutAValueIsCopied() {
        List<Stmt> body = List.of(
                new Stmt.Decl(null, Type.DOUBLE, "t", null),
                new Stmt.Assign(null, T, Expr.Lit.ofDouble(1.0)),
                new Stmt.Block(null, List.of(loop(List.of(T)))));
        List<Stmt> marked = Captures.mark(body, Set.of());
        Stmt.Block block = (Stmt.Block) marked.get(2);
        assertEquals(Set.of("t"), ((Stmt.ParallelFor) block.body().get(0)).reassigned());
    }

    /** Unmarked, a loop does not know its captures: the emitter must not guess. */
    @Test
    void aLoopIsUnjudgedUntilMarked() {
        assertEquals(null, loop(List.of(T)).reassigned());
    }
}
