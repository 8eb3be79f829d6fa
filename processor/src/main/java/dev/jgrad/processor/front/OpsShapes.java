package dev.jgrad.processor.front;

import dev.jgrad.processor.front.OpsViews.LeafMat;
import dev.jgrad.processor.front.OpsViews.Mat;
import dev.jgrad.processor.front.OpsViews.Value;
import dev.jgrad.processor.front.OpsViews.Vec;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The shape checks of lowered Ops calls: calls of {@code dev.jgrad.runtime.Shapes}, the class the
 * eager Ops check with, so that a shape error is the same exception with the same message, and the
 * first of several is the one the eager ops throw first.
 *
 * <p>A matrix argument must be rectangular, which the eager op checks in a pass over its rows before
 * it computes anything. Here one matrix at a time, the last one read (the {@code pending} one), is
 * checked where the loops read its rows instead ({@link LeafMat#row}: a row not as long as row 0
 * throws what {@code Shapes.cols} throws), so that {@code matvec(x, w)} makes one pass over the rows
 * of {@code x}, not two. That pass may come later than the eager check, so until it has run nothing
 * else may throw first: every later check goes through a slow path when it fails (the pending
 * matrix's full check, then the check itself, the eager order), as does a null array argument of a
 * later op; anything else that can throw before the loops (a later argument that is no variable, a
 * helper, an array allocated with a computed size) first gives the pending matrix its full check in
 * its place ({@link #barrier}), as does the end of a lowering whose loops run in a later statement.
 * A matrix whose rows an op reads only inside its elements' loops, which need not run
 * ({@code transpose}, the second operand of {@code matmul}), is checked in full where it is read.
 */
final class OpsShapes {
    private static final String SHAPES = "dev.jgrad.runtime.Shapes";

    private final List<Stmt> pre;
    /** The matrix whose rows the loops check, its check's op and the declaration of its width. */
    private LeafMat pending;
    private String pendingOp;
    private Stmt.Decl pendingDecl;
    /** The array arguments of the op being applied, not yet known to be non-null since {@link #pending} was read. */
    private final List<Expr> unguarded = new ArrayList<>();
    private final Set<Expr> guarded = new HashSet<>();

    OpsShapes(List<Stmt> pre) {
        this.pre = pre;
    }

    /**
     * Each matrix argument's column count, in argument order: the last one's from row 0 alone, its
     * rows checked where they are read, unless {@code inPlace} says that the op reads its rows inside
     * its elements (then all of them now, as the eager op does); and the vector arguments
     * ({@code arrays}, variables) to test for null in the op's first check.
     */
    void leaves(String op, List<Value> args, List<Expr> arrays, Function<Integer, Boolean> inPlace) {
        for (int k = 0; k < args.size(); k++) {
            if (args.get(k) instanceof LeafMat m && !m.checked) {
                m.checked = true;
                String cols = ((Local) m.cols()).name();
                if (inPlace.apply(k) && pending == null) {
                    pre.add(new Stmt.Decl(null, Type.INT, cols, call(Type.INT, "cols", op, m.array())));
                } else if (inPlace.apply(k)) {
                    // checked in full now, after the pending matrix where that fails
                    Expr fails = new Expr.Unary(Type.BOOLEAN, dev.jgrad.processor.ir.UnaryOp.NOT,
                            new Expr.Call(Type.BOOLEAN, SHAPES, "isRectangular", List.of(m.array())));
                    if (m.array() instanceof Local) {
                        fails = or(cmp(BinaryOp.EQ, m.array(), new Expr.Lit(m.array().type(), "null")), fails);
                    }
                    pre.add(new Stmt.If(null, fails, List.of(fullCheck(), new Stmt.Run(call(Type.VOID, "rectangular", op, m.array()))),
                            List.of()));
                    pre.add(new Stmt.Decl(null, Type.INT, cols, new Expr.Call(Type.INT, SHAPES, "width", List.of(m.array()))));
                } else {
                    barrier();
                    pendingDecl = new Stmt.Decl(null, Type.INT, cols,
                            new Expr.Call(Type.INT, SHAPES, "width", List.of(m.array())));
                    pre.add(pendingDecl);
                    pending = m;
                    pendingOp = op;
                    m.rowCheck = call(Type.STRING, "ragged", op, m.array());
                }
            }
        }
        // the vector arguments, which the op's checks or loops will read
        for (Expr a : arrays) {
            if (pending != null && a instanceof Local && !guarded.contains(a) && !unguarded.contains(a)) {
                unguarded.add(a);
            }
        }
    }

    /**
     * The null tests of the op's array arguments that no check of the op made: a null array throws where
     * the op first reads it, after the pending matrix's full check, as eagerly.
     */
    void flush() {
        if (pending != null && !unguarded.isEmpty()) {
            pre.add(new Stmt.If(null, nulls(null), List.of(fullCheck()), List.of()));
        }
        unguarded.clear();
    }

    /**
     * Something that can throw is about to run: the pending matrix gets its full check in its place,
     * before it (the loops' row checks that remain then find every row as long as row 0).
     */
    void barrier() {
        if (pending == null) {
            return;
        }
        int at = -1;
        for (int k = 0; k < pre.size(); k++) {
            if (pre.get(k) == pendingDecl) {
                at = k;
            }
        }
        if (at < 0) {
            throw new IllegalStateException("the width of " + pending.array() + " is declared elsewhere");
        }
        pre.set(at, new Stmt.Decl(null, Type.INT, pendingDecl.name(), call(Type.INT, "cols", pendingOp, pending.array())));
        pending.rowCheck = null;
        pending = null;
        pendingDecl = null;
        guarded.clear();
        unguarded.clear();
    }

    /** A reduction without identity ({@code max}) needs an entry. */
    void nonEmpty(String op, Expr count) {
        run(Check.NON_EMPTY, op, count);
    }

    /** {@code [n]} and {@code [m]}, the same length. */
    void sameLength(String op, Vec a, Vec b) {
        run(Check.SAME_LENGTH, op, a.length(), b.length());
    }

    /** The operands of an element-wise op, numpy-broadcast: nothing to check against a scalar. */
    void broadcast(String op, Value a, Value b) {
        if (a instanceof Vec x && b instanceof Vec y) {
            sameLength(op, x, y);
        } else if (a instanceof Mat x && b instanceof Mat y) {
            run(Check.SAME_SHAPE, op, x.rows(), x.cols(), y.rows(), y.cols());
        } else if (a instanceof Mat x && b instanceof Vec y) {
            matrixAndRow(op, x, y);
        } else if (a instanceof Vec x && b instanceof Mat y) {
            run(Check.ROW_AND_MATRIX, op, x.length(), y.rows(), y.cols());
        }
    }

    /** {@code [r][c]} and {@code [c]}: a row vector of the matrix ({@code matvec}, broadcasting). */
    void matrixAndRow(String op, Mat a, Vec x) {
        run(Check.MATRIX_AND_ROW, op, a.rows(), a.cols(), x.length());
    }

    /** {@code [r]} and {@code [r][c]}: one entry per row ({@code vecmat}). */
    void vectorAndRows(String op, Vec x, Mat a) {
        run(Check.VECTOR_AND_ROWS, op, x.length(), a.rows(), a.cols());
    }

    /** {@code [r][k]} and {@code [k][c]} ({@code matmul}). */
    void inner(String op, Mat a, Mat b) {
        run(Check.INNER, op, a.rows(), a.cols(), b.rows(), b.cols());
    }

    /** The checks of {@code Shapes} on dimensions, and when each fails. */
    private enum Check {
        NON_EMPTY("nonEmpty", d -> cmp(BinaryOp.EQ, d[0], Expr.Lit.ofInt(0))),
        SAME_LENGTH("sameLength", d -> cmp(BinaryOp.NE, d[0], d[1])),
        SAME_SHAPE("sameShape", d -> or(cmp(BinaryOp.NE, d[0], d[2]), cmp(BinaryOp.NE, d[1], d[3]))),
        MATRIX_AND_ROW("matrixAndRow", d -> cmp(BinaryOp.NE, d[1], d[2])),
        ROW_AND_MATRIX("rowAndMatrix", d -> cmp(BinaryOp.NE, d[2], d[0])),
        VECTOR_AND_ROWS("vectorAndRows", d -> cmp(BinaryOp.NE, d[1], d[0])),
        INNER("inner", d -> cmp(BinaryOp.NE, d[1], d[2]));

        final String method;
        final Function<Expr[], Expr> fails;

        Check(String method, Function<Expr[], Expr> fails) {
            this.method = method;
            this.fails = fails;
        }
    }

    /** The check; while a matrix is pending, only where it fails, after the pending matrix's full check. */
    private void run(Check check, String op, Expr... dims) {
        Stmt call = new Stmt.Run(call(Type.VOID, check.method, op, dims));
        if (pending == null) {
            pre.add(call);
            return;
        }
        pre.add(new Stmt.If(null, nulls(check.fails.apply(dims)), List.of(fullCheck(), call), List.of()));
        unguarded.clear();
    }

    /** {@code a == null || ... || fails} over the unguarded arrays, which are guarded from here on. */
    private Expr nulls(Expr fails) {
        Expr out = null;
        for (Expr a : unguarded) {
            guarded.add(a);
            Expr isNull = cmp(BinaryOp.EQ, a, new Expr.Lit(a.type(), "null"));
            out = out == null ? isNull : or(out, isNull);
        }
        return out == null ? fails : fails == null ? out : or(out, fails);
    }

    private Stmt fullCheck() {
        return new Stmt.Run(call(Type.VOID, "rectangular", pendingOp, pending.array()));
    }

    private static Expr cmp(BinaryOp op, Expr a, Expr b) {
        return new Expr.Binary(Type.BOOLEAN, op, a, b);
    }

    private static Expr or(Expr a, Expr b) {
        return new Expr.Binary(Type.BOOLEAN, BinaryOp.COR, a, b);
    }

    private static Expr.Call call(Type type, String check, String op, Expr... args) {
        List<Expr> all = new ArrayList<>();
        all.add(new Expr.Lit(Type.STRING, "\"" + op + "\""));
        all.addAll(List.of(args));
        return new Expr.Call(type, SHAPES, check, all);
    }
}
