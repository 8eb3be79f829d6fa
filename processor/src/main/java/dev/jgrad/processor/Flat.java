package dev.jgrad.processor;

import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The flat vectors of {@code @Hessian} and {@code @Jacobian}: the wrt parameters flattened in
 * parameter order (a double is one entry, a double[] its entries, a double[][] its rows one after the
 * other), as IR over the runtime's {@code Arrays2}.
 */
final class Flat {
    private static final String ARRAYS2 = "dev.jgrad.runtime.Arrays2";

    private Flat() {}

    /** The number of entries of the wrt parameters, flattened. */
    static Expr size(Method ir, List<String> wrt) {
        Expr size = Expr.Lit.ofInt(0);
        for (String w : wrt) {
            size = plus(size, length(ir.param(w)));
        }
        return size;
    }

    /**
     * A check that {@code v} has {@link #size} entries, then {@code v} unflattened into the locals
     * {@code into} (one per wrt parameter, of its type and shape).
     */
    static List<Stmt> unflatten(Method ir, List<String> wrt, List<Method.Param> into, Local v) {
        List<Stmt> out = new ArrayList<>();
        out.add(check(ir, wrt, v));
        out.addAll(take(ir, wrt, into, v));
        return out;
    }

    /** The check that {@code v} has {@link #size} entries. */
    static Stmt check(Method ir, List<String> wrt, Local v) {
        return new Stmt.Run(new Expr.Call(Type.VOID, ARRAYS2, "checkFlat",
                List.of(v, size(ir, wrt), string(v.name()), string(ir.name()))));
    }

    /** {@code v} unflattened into the locals {@code into}, unchecked. */
    static List<Stmt> take(Method ir, List<String> wrt, List<Method.Param> into, Local v) {
        List<Stmt> out = new ArrayList<>();
        Expr at = Expr.Lit.ofInt(0);
        for (int k = 0; k < wrt.size(); k++) {
            Method.Param p = ir.param(wrt.get(k));
            Local primal = new Local(p.type(), p.name());
            Expr init = p.type() == Type.DOUBLE ? new Expr.Index(Type.DOUBLE, v, at)
                    : new Expr.Call(p.type(), ARRAYS2, "take", List.of(v, at, primal));
            out.add(new Stmt.Decl(null, p.type(), into.get(k).name(), init));
            at = plus(at, length(p));
        }
        return out;
    }

    /** {@code Arrays2.flatten(parts...)}: one double[]. */
    static Expr flatten(List<Expr> parts) {
        return new Expr.Call(Type.DOUBLE_ARRAY, ARRAYS2, "flatten", List.copyOf(parts));
    }

    /** The array parameters the method writes into (by alias class): repeated calls give them copies. */
    static List<Method.Param> writtenArrays(Method ir, Activity activity) {
        Set<String> written = new HashSet<>();
        Walk.statements(ir.body(), s -> {
            if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Index) {
                written.add(activity.aliasOf(Walk.root(a.target())));
            }
        });
        List<Method.Param> out = new ArrayList<>();
        for (Method.Param p : ir.params()) {
            if (p.type().isArray() && written.contains(activity.aliasOf(p.name()))) {
                out.add(p);
            }
        }
        return out;
    }

    static Expr string(String text) {
        return new Expr.Lit(Type.STRING, "\"" + text + "\"");
    }

    private static Expr length(Method.Param p) {
        return p.type() == Type.DOUBLE ? Expr.Lit.ofInt(1)
                : new Expr.Call(Type.INT, ARRAYS2, "flatLength", List.of(new Local(p.type(), p.name())));
    }

    private static Expr plus(Expr a, Expr b) {
        if (a instanceof Expr.Lit x && b instanceof Expr.Lit y) {
            return Expr.Lit.ofInt(Integer.parseInt(x.text()) + Integer.parseInt(y.text()));
        }
        if (a instanceof Expr.Lit x && x.text().equals("0")) {
            return b;
        }
        return new Expr.Binary(Type.INT, BinaryOp.ADD, a, b);
    }
}
