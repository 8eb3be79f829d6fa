package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Exprs;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The chain rule through {@code Math.log(a / b)} in a value-and-partials method's adjoint: {@code log}'s
 * partial {@code 1.0 / (a / b)} times the quotient's partial in {@code a}, {@code 1.0 / b}, is
 * {@code 1.0 / a}, one division instead of three ({@code spot_bar += d_7 * (1.0 / spot);} for W4's
 * {@code Math.log(spot / strike)}). A product of adjoint code with both factors gets the one; only code
 * whose results reach nothing but the partials is rewritten, as in {@link TangentFactors}: the value,
 * its conditions and its checks keep their expressions, bit for bit.
 */
public final class QuotientChains {
    private QuotientChains() {}

    /** {@code body}, which returns {@code value}, with each such product in its adjoint code simplified. */
    public static List<Stmt> apply(List<Stmt> body, Expr value) {
        return TangentFactors.rewrite(body, TangentFactors.valueSide(body, value), QuotientChains::simplified);
    }

    /** {@code e} with each product holding {@code 1.0 / (a / b)} and {@code 1.0 / b} written with {@code 1.0 / a} instead. */
    static Expr simplified(Expr e) {
        Expr r = Children.rebuild(e, QuotientChains::simplified);
        if (!(r instanceof Expr.Binary b && b.op() == BinaryOp.MUL && b.type() == Type.DOUBLE)) {
            return r;
        }
        List<Expr> factors = new ArrayList<>();
        flatten(r, factors);
        for (int i = 0; i < factors.size(); i++) {
            Expr.Binary q = reciprocalOfQuotient(factors.get(i));
            if (q == null) {
                continue;
            }
            for (int j = 0; j < factors.size(); j++) {
                if (j != i && isReciprocalOf(factors.get(j), q.right())) {
                    factors.set(i, new Expr.Binary(Type.DOUBLE, BinaryOp.DIV, Exprs.ONE, q.left()));
                    factors.remove(j);
                    Expr out = factors.get(0);
                    for (int k = 1; k < factors.size(); k++) {
                        out = new Expr.Binary(Type.DOUBLE, BinaryOp.MUL, out, factors.get(k));
                    }
                    return out;
                }
            }
        }
        return r;
    }

    /** The factors of a product of doubles, left to right. */
    private static void flatten(Expr e, List<Expr> out) {
        if (e instanceof Expr.Binary b && b.op() == BinaryOp.MUL && b.type() == Type.DOUBLE
                && b.left().type() == Type.DOUBLE && b.right().type() == Type.DOUBLE) {
            flatten(b.left(), out);
            flatten(b.right(), out);
        } else {
            out.add(e);
        }
    }

    /** {@code a / b} if {@code e} is {@code 1.0 / (a / b)} of locals and literals, else null. */
    private static Expr.Binary reciprocalOfQuotient(Expr e) {
        return e instanceof Expr.Binary r && r.op() == BinaryOp.DIV && Exprs.isOne(r.left())
                && r.right() instanceof Expr.Binary q && q.op() == BinaryOp.DIV && q.type() == Type.DOUBLE
                && plain(q.left()) && plain(q.right()) ? q : null;
    }

    private static boolean isReciprocalOf(Expr e, Expr b) {
        return e instanceof Expr.Binary r && r.op() == BinaryOp.DIV && Exprs.isOne(r.left()) && r.right().equals(b);
    }

    private static boolean plain(Expr e) {
        return e.type() == Type.DOUBLE && (e instanceof Expr.Local || e instanceof Expr.Lit);
    }
}
