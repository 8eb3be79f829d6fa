package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Exprs;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The derivative of a loop-free helper in one of its {@code double} parameters, for its generated
 * methods ({@code normCdf_dx}, {@code normCdf_and_dx}): the helper's body with each call whose
 * derivative reads its own result in a local ({@link NamedResults}), in single-assignment form
 * ({@link SingleAssignment}), then its adjoint, which reads every value where the body left it
 * (nothing is overwritten): {@code Math.exp} runs once, not again for its partial.
 */
public final class HelperAdjoint {
    /**
     * {@code forward}: the body without its return; {@code adjoint}: the adjoint statements;
     * {@code partials}: each parameter's adjoint once they ran (its partial); {@code value}: the helper's value.
     */
    public record Result(List<Stmt> forward, List<Stmt> adjoint, List<Expr> partials, Expr value) {
        /** The partial in the one parameter asked for. */
        public Expr partial() {
            return partials.get(0);
        }
    }

    private final Activity activity;
    private final Names names;
    private final Map<String, String> bars = new LinkedHashMap<>();

    private HelperAdjoint(Activity activity, Names names) {
        this.activity = activity;
        this.names = names;
    }

    /** {@code helper} with its calls named and in single-assignment form, or null (a loop, an array write). */
    public static Method prepared(Method helper) {
        if (helper == null) {
            return null;
        }
        Method named = new Method(helper.name(), helper.params(), NamedResults.applyWithFactors(helper.body(), helper.names()),
                helper.names(), helper.origins(), helper.records());
        Method once = SingleAssignment.of(named);
        List<Stmt> body = once == null ? List.of() : once.body();
        if (body.isEmpty() || !(body.get(body.size() - 1) instanceof Stmt.Return r) || r.value() == null
                || r.value() instanceof Local) {
            return once;
        }
        // a call in the returned expression too: double value = exp * poly; return value;
        String v = helper.names().fresh("value");
        List<Stmt> named2 = NamedResults.applyWithFactors(List.of(new Stmt.Decl(null, r.value().type(), v, r.value())), helper.names());
        if (named2.size() == 1) {
            return once;
        }
        List<Stmt> out = new ArrayList<>(body.subList(0, body.size() - 1));
        out.addAll(named2);
        out.add(new Stmt.Return(r.src(), new Local(r.value().type(), v)));
        return new Method(once.name(), once.params(), out, once.names(), once.origins(), once.records());
    }

    /**
     * The derivative of {@code ir} (from {@link #prepared}, ending in one return) in {@code param},
     * or null if its body has another shape.
     */
    public static Result of(Method ir, String param) {
        return of(ir, List.of(param));
    }

    /**
     * The derivative of {@code ir} (from {@link #prepared}, ending in one return) in each of
     * {@code params} from one adjoint sweep, or null if its body has another shape.
     */
    public static Result of(Method ir, List<String> params) {
        List<Stmt> body = ir.body();
        if (body.isEmpty() || !(body.get(body.size() - 1) instanceof Stmt.Return ret) || ret.value() == null) {
            return null;
        }
        Activity activity = Activity.of(ir, new HashSet<>(params));
        HelperAdjoint h = new HelperAdjoint(activity, ir.names());
        List<Stmt> forward = body.subList(0, body.size() - 1);
        boolean[] shaped = {true};
        // declarations, and checks (if, throw, assert) that assign nothing
        Walk.statements(forward, s -> shaped[0] &= s instanceof Stmt.Decl || s instanceof Stmt.If
                || s instanceof Stmt.Throw || s instanceof Stmt.Assert || s instanceof Stmt.Comment);
        Walk.statements(forward, s -> shaped[0] &= !(s instanceof Stmt.If i) || declaresNothing(i));
        if (!shaped[0]) {
            return null;
        }
        for (Method.Param p : ir.params()) {
            if (p.type() == Type.DOUBLE && activity.isActive(p.name())) {
                h.bars.put(p.name(), h.names.fresh(Names.adjoint(p.name())));
            }
        }
        Walk.statements(forward, s -> {
            if (s instanceof Stmt.Decl d && d.type() == Type.DOUBLE && activity.isActive(d.name())) {
                h.bars.put(d.name(), h.names.fresh(Names.adjoint(d.name())));
            }
        });
        List<Expr> partials = new ArrayList<>();
        params.forEach(p -> partials.add(h.bars.containsKey(p) ? new Local(Type.DOUBLE, h.bars.get(p)) : Exprs.ZERO));
        if (params.stream().noneMatch(h.bars::containsKey)) {
            return new Result(List.copyOf(forward), List.of(), partials, ret.value());
        }
        List<Stmt> adjoint = new ArrayList<>();
        h.bars.values().forEach(b -> adjoint.add(new Stmt.Decl(null, Type.DOUBLE, b, Exprs.ZERO)));
        h.adjoints().propagate(ret.value(), Exprs.ONE, adjoint);
        h.reverse(forward, adjoint);
        return new Result(List.copyOf(forward), adjoint, partials, ret.value());
    }

    /**
     * {@code stmts} without the declarations that nothing after them reads (the helper's values that
     * a partial alone does not need). The forward already ran them without throwing.
     */
    public static List<Stmt> withoutUnread(List<Stmt> stmts) {
        List<Stmt> out = new ArrayList<>(stmts);
        Set<String> read = new HashSet<>();
        for (int k = out.size() - 1; k >= 0; k--) {
            Stmt s = out.get(k);
            if (s instanceof Stmt.Decl d && !read.contains(d.name())) {
                out.remove(k);
                continue;
            }
            Walk.statements(List.of(s), x -> Walk.expressions(x, e -> Walk.locals(e, read::add)));
        }
        return out;
    }

    /** {@code stmts} with each zero declaration moved to its first contribution, the addition kept ({@link Temporaries}). */
    public static List<Stmt> declaredAtFirstContribution(List<Stmt> stmts) {
        return Temporaries.declaredAtFirstContribution(stmts);
    }

    /** Whether a branch declares nothing: its locals would be out of the adjoint's scope. */
    private static boolean declaresNothing(Stmt.If i) {
        boolean[] none = {true};
        Walk.statements(i.then(), s -> none[0] &= !(s instanceof Stmt.Decl));
        Walk.statements(i.otherwise(), s -> none[0] &= !(s instanceof Stmt.Decl));
        return none[0];
    }

    private void reverse(List<Stmt> forward, List<Stmt> out) {
        for (int k = forward.size() - 1; k >= 0; k--) {
            Stmt s = forward.get(k);
            if (s instanceof Stmt.Decl d && d.init() instanceof Expr.Cond c && c.otherwise() instanceof Expr.Lit z
                    && Exprs.ZERO.equals(z) && bars.containsKey(d.name())) {
                // a guarded value, g ? Math.exp(z) : 0.0: where g holds, the local holds exp's value,
                // which its partial then reads instead of calling Math.exp again
                List<Stmt> then = new ArrayList<>();
                adjoints().propagate(c.then(), bar(d.name()), new Local(Type.DOUBLE, d.name()), then);
                if (!then.isEmpty()) {
                    out.add(new Stmt.If(null, c.cond(), then, List.of()));
                }
            } else if (s instanceof Stmt.Decl d && d.init() != null && bars.containsKey(d.name())) {
                // assigned once: the local still holds its initialiser's value
                adjoints().propagate(d.init(), bar(d.name()), new Local(Type.DOUBLE, d.name()), out);
            } else if (s instanceof Stmt.If i) {
                List<Stmt> then = new ArrayList<>();
                reverse(i.then(), then);
                List<Stmt> otherwise = new ArrayList<>();
                reverse(i.otherwise(), otherwise);
                if (!then.isEmpty() || !otherwise.isEmpty()) {
                    out.add(new Stmt.If(null, i.cond(), then, otherwise));
                }
            }
        }
    }

    private Local bar(String name) {
        return new Local(Type.DOUBLE, bars.get(name));
    }

    private Adjoints adjoints() {
        return new Adjoints(activity, names, e -> Adjoints.adjointOf(e, this::bar));
    }
}
