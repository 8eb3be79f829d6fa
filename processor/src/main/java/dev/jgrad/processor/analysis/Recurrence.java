package dev.jgrad.processor.analysis;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An inner loop that carries values from one of its iterations to the next, inside one iteration of
 * an independent loop (a Monte Carlo path's time steps, {@code s *= Math.exp(...)}), in the form the
 * transform writes it in ({@code Recurrences}): a straight-line body of declarations, sums and
 * single assignments, ending with the carries {@code s = s_2}, one per carried variable, where
 * {@code s_2} is a double declared in the body and nothing after the carries reads anything.
 *
 * <p>Every name of the body but the carried ones is then assigned once per iteration, so that an
 * iteration's adjoint can be written as that of straight-line code, once the carried variables hold
 * their values at the start of that iteration again: the forward loop keeps those values in a buffer
 * as long as the loop (the loop's own tape), and its reverse runs the iterations backwards.
 *
 * @param loop the loop
 * @param carried each carried variable and its carry {@code s = s_2}, in the body's order
 */
public record Recurrence(Stmt.For loop, Map<String, Stmt.Assign> carried) {
    /**
     * The recurrence {@code loop} is, if its carried variables are doubles for which
     * {@code declaredAround} holds (declared in the body the loop is a statement of), or null.
     */
    public static Recurrence of(Stmt.For loop, Predicate<String> declaredAround) {
        List<Stmt> body = loop.body();
        Set<String> own = new HashSet<>();
        int firstCarry = body.size();
        for (int k = body.size() - 1; k >= 0 && carryShaped(body.get(k)); k--) {
            firstCarry = k;
        }
        if (firstCarry == body.size()) {
            return null;
        }
        for (Stmt s : body.subList(0, firstCarry)) {
            if (s instanceof Stmt.Decl d) {
                own.add(d.name());
            } else if (!(s instanceof Stmt.Assign)) {
                return null;
            }
        }
        Map<String, Stmt.Assign> carried = new LinkedHashMap<>();
        for (Stmt s : body.subList(firstCarry, body.size())) {
            Stmt.Assign a = (Stmt.Assign) s;
            String v = ((Expr.Local) a.target()).name();
            String from = ((Expr.Local) a.value()).name();
            if (!own.contains(from) || own.contains(v) || !declaredAround.test(v) || carried.containsKey(v)) {
                return null;
            }
            carried.put(v, a);
        }
        // before the carries, the carried variables are only read: each holds its value at the iteration's start
        for (Stmt s : body.subList(0, firstCarry)) {
            if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local v && carried.containsKey(v.name())) {
                return null;
            }
        }
        return new Recurrence(loop, carried);
    }

    /** The carries {@code s = s_2} at the end of the body. */
    public List<Stmt.Assign> carries() {
        return new ArrayList<>(carried.values());
    }

    /** The body without its carries: the iteration's own statements. */
    public List<Stmt> iteration() {
        List<Stmt> out = new ArrayList<>(loop.body());
        out.removeAll(carries());
        return out;
    }

    private static boolean carryShaped(Stmt s) {
        return s instanceof Stmt.Assign a && a.target() instanceof Expr.Local t && t.type() == Type.DOUBLE
                && a.value() instanceof Expr.Local v && v.type() == Type.DOUBLE;
    }
}
