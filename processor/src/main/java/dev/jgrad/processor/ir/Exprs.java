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
