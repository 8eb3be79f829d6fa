package dev.jgrad.processor.front;

import dev.jgrad.processor.front.OpsViews.LeafMat;
import dev.jgrad.processor.front.OpsViews.Mat;
import dev.jgrad.processor.front.OpsViews.Value;
import dev.jgrad.processor.front.OpsViews.Vec;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape checks of lowered Ops calls: calls of {@code dev.jgrad.runtime.Shapes}, the class the
 * eager Ops check with, so that a shape error is the same exception with the same message, thrown
 * before the op's loops run, in the order the eager ops would throw them.
 */
final class OpsShapes {
    private static final String SHAPES = "dev.jgrad.runtime.Shapes";

    private final BodyContext cx;
    private final List<Stmt> pre;

    OpsShapes(BodyContext cx, List<Stmt> pre) {
        this.cx = cx;
        this.pre = pre;
    }

    /** Each matrix argument's column count, checking that its rows are as long as row 0, in argument order. */
    void leaves(String op, List<Value> args) {
        for (Value v : args) {
            if (v instanceof LeafMat m && !m.checked) {
                m.checked = true;
                pre.add(new Stmt.Decl(null, Type.INT, ((Expr.Local) m.cols()).name(),
                        call(Type.INT, "cols", op, m.array())));
            }
        }
    }

    /** A reduction without identity ({@code max}) needs an entry. */
    void nonEmpty(String op, Expr count) {
        run("nonEmpty", op, count);
    }

    /** {@code [n]} and {@code [m]}, the same length. */
    void sameLength(String op, Vec a, Vec b) {
        run("sameLength", op, a.length(), b.length());
    }

    /** The operands of an element-wise op, numpy-broadcast: nothing to check against a scalar. */
    void broadcast(String op, Value a, Value b) {
        if (a instanceof Vec x && b instanceof Vec y) {
            sameLength(op, x, y);
        } else if (a instanceof Mat x && b instanceof Mat y) {
            run("sameShape", op, x.rows(), x.cols(), y.rows(), y.cols());
        } else if (a instanceof Mat x && b instanceof Vec y) {
            matrixAndRow(op, x, y);
        } else if (a instanceof Vec x && b instanceof Mat y) {
            run("rowAndMatrix", op, x.length(), y.rows(), y.cols());
        }
    }

    /** {@code [r][c]} and {@code [c]}: a row vector of the matrix ({@code matvec}, broadcasting). */
    void matrixAndRow(String op, Mat a, Vec x) {
        run("matrixAndRow", op, a.rows(), a.cols(), x.length());
    }

    /** {@code [r]} and {@code [r][c]}: one entry per row ({@code vecmat}). */
    void vectorAndRows(String op, Vec x, Mat a) {
        run("vectorAndRows", op, x.length(), a.rows(), a.cols());
    }

    /** {@code [r][k]} and {@code [k][c]} ({@code matmul}). */
    void inner(String op, Mat a, Mat b) {
        run("inner", op, a.rows(), a.cols(), b.rows(), b.cols());
    }

    private void run(String check, String op, Expr... dims) {
        pre.add(new Stmt.Run(call(Type.VOID, check, op, dims)));
    }

    private static Expr.Call call(Type type, String check, String op, Expr... args) {
        List<Expr> all = new ArrayList<>();
        all.add(new Expr.Lit(Type.STRING, "\"" + op + "\""));
        all.addAll(List.of(args));
        return new Expr.Call(type, SHAPES, check, all);
    }
}
