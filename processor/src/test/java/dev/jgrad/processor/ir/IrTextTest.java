package dev.jgrad.processor.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The IR as text: one statement a line, nesting indented, the expression tree parenthesised. */
class IrTextTest {
    @Test
    void aLoopWithABranchReadsAsCode() {
        Expr.Local i = new Expr.Local(Type.INT, "i");
        Expr.Local s = new Expr.Local(Type.DOUBLE, "s");
        Expr.Local a = new Expr.Local(Type.DOUBLE_ARRAY, "a");
        Expr ai = new Expr.Index(Type.DOUBLE, a, i);
        List<Stmt> body = List.of(
                new Stmt.Decl(null, Type.DOUBLE, "s", Expr.Lit.ofDouble(0.0)),
                new Stmt.For(null, List.of(new Stmt.Decl(null, Type.INT, "i", Expr.Lit.ofInt(0))),
                        new Expr.Binary(Type.BOOLEAN, BinaryOp.LT, i, new Expr.Length(a)),
                        List.of(new Stmt.Assign(null, i, new Expr.Binary(Type.INT, BinaryOp.ADD, i, Expr.Lit.ofInt(1)))),
                        List.of(new Stmt.If(null, new Expr.Binary(Type.BOOLEAN, BinaryOp.GT, ai, Expr.Lit.ofDouble(0.0)),
                                List.of(new Stmt.Assign(null, s, new Expr.Binary(Type.DOUBLE, BinaryOp.ADD, s,
                                        new Expr.Binary(Type.DOUBLE, BinaryOp.MUL, ai, ai)))),
                                List.of(new Stmt.Push(s))))),
                new Stmt.Decl(null, Type.DOUBLE_MATRIX, "m", new Expr.NewArray(Type.DOUBLE_MATRIX, List.of(i))),
                new Stmt.Return(null, s));
        assertEquals("""
                double s = 0.0;
                for (int i = 0; (i < a.length); i = (i + 1)) {
                  if (a[i] > 0.0) {
                    s = (s + (a[i] * a[i]));
                  } else {
                    push(s);
                  }
                }
                double[][] m = new double[i][];
                return s;""", IrText.of(body));
    }
}
