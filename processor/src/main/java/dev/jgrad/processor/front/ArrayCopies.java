package dev.jgrad.processor.front;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.List;

/**
 * {@code a.clone()} of a {@code double[]} or {@code int[]}: a new array and a loop that copies the
 * elements, so that the copy is an array of its own with an adjoint of its own, as any local array.
 * The clone of a {@code double[][]} shares its rows with the original (a shallow copy), which jgrad
 * does not follow: it is an error that says how to copy the rows.
 */
final class ArrayCopies {
    private ArrayCopies() {}

    /** Whether the call is {@code receiver.clone()} (the receiver's type is checked when it is read). */
    static boolean isClone(MethodInvocationTree t) {
        return t.getArguments().isEmpty() && t.getMethodSelect() instanceof MemberSelectTree m
                && m.getIdentifier().contentEquals("clone");
    }

    static ExpressionTree receiver(MethodInvocationTree t) {
        return ((MemberSelectTree) t.getMethodSelect()).getExpression();
    }

    /** {@code double[] copy = new double[a.length]; for (int i = 0; i < copy.length; i++) copy[i] = a[i];}. */
    static Expr copy(Expr array, MethodInvocationTree t, List<Stmt> pre, BodyContext cx) {
        if (array.type() == Type.DOUBLE_MATRIX) {
            throw cx.reject(Message.UNKNOWN_CALL, t, t.getMethodSelect() + "()",
                    "the clone of a double[][] shares its rows with the original; copy the rows too: "
                            + "double[][] c = new double[m.length][]; for (...) c[i] = m[i].clone();");
        }
        if (array.type() != Type.DOUBLE_ARRAY && array.type() != Type.INT_ARRAY && array.type() != Type.BOOLEAN_ARRAY) {
            throw cx.reject(Message.UNKNOWN_CALL, t, t.getMethodSelect() + "()",
                    "only arrays (double[], int[], boolean[]) can be cloned in a differentiated method");
        }
        Expr source = ArrayValues.needsLocal(array) ? ArrayValues.bind(array, pre, cx.names) : array;
        Expr.Local copy = new Expr.Local(array.type(), cx.names.fresh("copy"));
        Expr.Local i = new Expr.Local(Type.INT, cx.names.fresh("i"));
        pre.add(new Stmt.Decl(null, copy.type(), copy.name(),
                new Expr.NewArray(copy.type(), List.of(new Expr.Length(source)))));
        Type element = array.type().element();
        pre.add(new Stmt.For(null,
                List.of(new Stmt.Decl(null, Type.INT, i.name(), Expr.Lit.ofInt(0))),
                new Expr.Binary(Type.BOOLEAN, BinaryOp.LT, i, new Expr.Length(copy)),
                List.of(new Stmt.Assign(null, i, new Expr.Binary(Type.INT, BinaryOp.ADD, i, Expr.Lit.ofInt(1)))),
                List.of(new Stmt.Assign(null, new Expr.Index(element, copy, i), new Expr.Index(element, source, i)))));
        return copy;
    }
}
