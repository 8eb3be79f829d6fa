package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The caller's arrays in a tangent method whose source writes into an input array. The primal
 * writes go to the caller's arrays, as the source's do; the tangent writes must not go to the
 * caller's tangent arrays, which are inputs too: each is copied at entry. Tangents are kept per
 * parameter, so arrays that share storage would give a silently wrong tangent: the same entry check
 * as the gradient's ({@code Aliases.check}) rejects them with an {@link IllegalArgumentException}.
 */
final class TangentInputs {
    private static final String ARRAYS2 = "dev.jgrad.runtime.Arrays2";

    private TangentInputs() {}

    /** The checks and copies for the top of the method; {@code dots} holds the wrt parameters' tangent names. */
    static List<Stmt> entry(Method method, Activity activity, List<String> wrt, Map<String, String> dots,
            boolean copy) {
        Set<String> written = new HashSet<>();
        Walk.statements(method.body(), s -> {
            if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Index) {
                written.add(activity.aliasOf(Walk.root(a.target())));
            }
        });
        List<Stmt> checks = new ArrayList<>();
        List<Stmt> copies = new ArrayList<>();
        List<Method.Param> checked = new ArrayList<>();
        for (Method.Param p : method.params()) {
            if (!p.type().isArray() || !p.type().isDifferentiable() || !written.contains(activity.aliasOf(p.name()))
                    || !activity.isActive(p.name())) {
                continue;
            }
            Stmt check = Inputs.aliasCheck(method, p, checked);
            if (check != null) {
                checks.add(check);
            }
            checked.add(p);
            if (copy && wrt.contains(p.name())) {
                Local dot = new Local(p.type(), dots.get(p.name()));
                copies.add(new Stmt.Assign(null, dot, new Expr.Call(p.type(), ARRAYS2, "deepCopy", List.of(dot))));
            }
        }
        List<Stmt> out = new ArrayList<>();
        if (!checks.isEmpty() || !copies.isEmpty()) {
            out.add(new Stmt.Comment(method.name() + " writes into its arguments: they must share no storage,"
                    + " and the caller's tangents stay as they are"));
        }
        out.addAll(checks);
        out.addAll(copies);
        return out;
    }
}
