package dev.jgrad.processor.ir;

import dev.jgrad.processor.ir.Expr.Binary;
import dev.jgrad.processor.ir.Expr.Lit;
import dev.jgrad.processor.ir.Expr.Unary;

/** Small builders for the double expressions that rules and the transform write, simplifying 1*x and the like. */
public final class Exprs {
    public static final Lit ONE = Lit.ofDouble(1.0);
    public static final Lit ZERO = Lit.ofDouble(0.0);

    private Exprs() {}

    public static Lit lit(double v) {
        return Lit.ofDouble(v);
    }

    public static boolean isOne(Expr e) {
        return e instanceof Lit l && l.type() == Type.DOUBLE && Double.parseDouble(l.text()) == 1.0;
    }

    public static boolean isMinusOne(Expr e) {
        return e instanceof Lit l && l.type() == Type.DOUBLE && Double.parseDouble(l.text()) == -1.0;
    }

    public static Expr mul(Expr a, Expr b) {
        if (isOne(a)) {
            return b;
        }
        if (isOne(b)) {
            return a;
        }
        if (isMinusOne(a)) {
            return neg(b);
        }
        if (isMinusOne(b)) {
            return neg(a);
        }
        if (a instanceof Unary u && u.op() == UnaryOp.NEG) {
            // -s * p as -(s * p), so that the adjoint is written x_bar -= s * p
            return neg(mul(u.operand(), b));
        }
        return new Binary(Type.DOUBLE, BinaryOp.MUL, a, b);
    }

    /**
     * An adjoint {@code seed} times a partial: as {@link #mul}, except that a partial that picks a branch
     * ({@code c ? 1.0 : 0.0}, the kinks of {@code Math.max}, {@code min}, {@code Ops.relu}) picks the seed
     * instead, {@code c ? seed : 0.0}: the branch not taken gets nothing, not {@code seed * 0.0}, which is
     * NaN for an infinite seed ({@code Math.sqrt(Math.max(v, 0.0))} at {@code v < 0}), as an {@code if}
     * in the source would give.
     */
    public static Expr scaled(Expr seed, Expr partial) {
        return picksBranch(partial) ? perBranch((Expr.Cond) partial, p -> mul(seed, p)) : mul(seed, partial);
    }

    /**
     * A partial times a tangent, for forward mode: as {@link #mul}, except that a partial that picks a
     * branch picks the tangent ({@code c ? t : 0.0}), and a tangent that is zero on one branch stays
     * zero there whatever the partial ({@code sqrt}'s infinite one at {@code Math.max(v, 0.0)} = 0): the
     * forward counterpart of {@link #scaled}.
     */
    public static Expr times(Expr partial, Expr tangent) {
        if (picksBranch(tangent)) {
            return perBranch((Expr.Cond) tangent, t -> times(partial, t));
        }
        return picksBranch(partial) ? perBranch((Expr.Cond) partial, p -> mul(p, tangent)) : mul(partial, tangent);
    }

    /** A double {@code c ? a : b} with a literal zero on one side: a choice of the branch taken. */
    private static boolean picksBranch(Expr e) {
        return e instanceof Expr.Cond c && c.type() == Type.DOUBLE && (isZero(c.then()) || isZero(c.otherwise()));
    }

    /** {@code c ? f(a) : f(b)}, a literal zero side kept zero (not {@code f(0.0)}). */
    private static Expr perBranch(Expr.Cond c, java.util.function.UnaryOperator<Expr> f) {
        return cond(c.cond(), isZero(c.then()) ? ZERO : f.apply(c.then()), isZero(c.otherwise()) ? ZERO : f.apply(c.otherwise()));
    }

    private static boolean isZero(Expr e) {
        return e instanceof Lit l && l.type() == Type.DOUBLE && Double.parseDouble(l.text()) == 0.0;
    }

    public static Expr div(Expr a, Expr b) {
        if (isOne(b)) {
            return a;
        }
        return new Binary(Type.DOUBLE, BinaryOp.DIV, a, b);
    }

    public static Expr add(Expr a, Expr b) {
        return new Binary(Type.promote(a.type(), b.type()), BinaryOp.ADD, a, b);
    }

    public static Expr sub(Expr a, Expr b) {
        return new Binary(Type.promote(a.type(), b.type()), BinaryOp.SUB, a, b);
    }

    public static Expr neg(Expr a) {
        if (a instanceof Unary u && u.op() == UnaryOp.NEG) {
            return u.operand();
        }
        return new Unary(a.type(), UnaryOp.NEG, a);
    }

    public static Expr compare(BinaryOp op, Expr a, Expr b) {
        return new Binary(Type.BOOLEAN, op, a, b);
    }

    public static Expr cond(Expr c, Expr a, Expr b) {
        return new Expr.Cond(Type.DOUBLE, c, a, b);
    }

    public static Expr not(Expr c) {
        if (c instanceof Unary u && u.op() == UnaryOp.NOT) {
            return u.operand();
        }
        return new Unary(Type.BOOLEAN, UnaryOp.NOT, c);
    }
}
