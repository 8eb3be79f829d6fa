package dev.jgrad.processor;

import dev.jgrad.Derivative;
import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.emit.ForwardWriter;
import dev.jgrad.processor.emit.GeneratedNames;
import dev.jgrad.processor.front.Env;
import dev.jgrad.processor.front.MethodReader;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Gradient;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Rule;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.rules.Derivatives;
import dev.jgrad.processor.transform.Tangent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Second derivatives through {@code @Derivative} functions with array parameters ({@link SecondOrder}
 * hands them here). The tangent code of a call {@code f(x, y)} with partials {@code g_x = fDx} (an array)
 * and {@code g_y = fDy} is {@code dot(g_x(x, y), x_dot) + g_y(x, y) * y_dot}; {@code @Hessian} runs its
 * reverse mode. Each partial's derivative comes from its tangent (forward mode of its source, a private
 * helper {@code fDxTangent(x, y, xDot, yDot)} of {@code CHessian}, as {@code @Jvp} makes it), using that
 * second derivatives are symmetric ({@code g_x} and {@code g_y} are the gradient of one function):
 * <ul>
 *   <li>the term {@code dot(g_x(z), x_dot)} becomes a primitive of {@code (z, x_dot)}: its partial in
 *       {@code x_dot} is {@code g_x(z)}, in {@code z_j} the tangent of {@code g_j} along {@code x_dot}
 *       put in {@code x}'s place ({@code H_jx x_dot});
 *   <li>the scalar partial {@code g_y(z)} is a primitive whose partial in {@code z_j} is the tangent of
 *       {@code g_j} along the unit direction of {@code y} ({@code H_jy}).
 * </ul>
 * After the reverse mode, those primitives are spelled as the calls they stand for ({@link #spell}).
 */
final class ArraySecondOrder {
    private static final String PARTIALS = "dev.jgrad.runtime.Partials";
    private static final String ARRAYS2 = "dev.jgrad.runtime.Arrays2";

    /** A function's partial in parameter {@code k} as a primitive: the function's rule, and where. */
    private record Marker(Rule function, int k) {}

    private final Env env;
    private final ExecutableElement method;
    private final String hessianClass;
    private final List<ForwardWriter.Out> helpers;
    /** The tangent helper of each partial read so far; null where it could not be made (reported). */
    private final Map<ExecutableElement, String> tangents = new HashMap<>();
    private final Map<Rule, Rule> rules = new IdentityHashMap<>();
    /** The array partials as primitives (contracted with a tangent by {@link #contract}), and the contractions. */
    private final Map<Rule, Marker> arrayPartials = new IdentityHashMap<>();
    private final Map<Rule, Rule> contractionOf = new IdentityHashMap<>();
    private final Map<Rule, Marker> contractions = new IdentityHashMap<>();
    private boolean failed;

    ArraySecondOrder(Env env, ExecutableElement method, String hessianClass, List<ForwardWriter.Out> helpers) {
        this.env = env;
        this.method = method;
        this.hessianClass = hessianClass;
        this.helpers = helpers;
    }

    boolean failed() {
        return failed;
    }

    /** The call {@code p} under a rule whose partials are primitives; {@code p} itself after reporting an error. */
    Expr call(Expr.Prim p, Derivatives.Primitive primitive, Activity activity) {
        ExecutableElement[] byParam = byParam(p.rule(), primitive);
        for (int k = 0; k < byParam.length; k++) {
            if (byParam[k] != null && p.rule().differentiableIn(k) && activity.isActive(p.args().get(k))
                    && tangentOf(p.rule().name(), byParam[k]) == null) {
                failed = true;
            }
        }
        if (failed) {
            return p;
        }
        Rule rule = rules.computeIfAbsent(p.rule(), f -> rule(f, byParam));
        return new Expr.Prim(p.type(), rule, p.args());
    }

    private ExecutableElement[] byParam(Rule f, Derivatives.Primitive primitive) {
        ExecutableElement[] byParam = new ExecutableElement[f.arity()];
        for (ExecutableElement d : primitive.partials()) {
            String wrt = d.getAnnotation(Derivative.class).wrt();
            for (int k = 0; k < d.getParameters().size(); k++) {
                if (d.getParameters().get(k).getSimpleName().contentEquals(wrt)) {
                    byParam[k] = d;
                }
            }
        }
        return byParam;
    }

    private Rule rule(Rule f, ExecutableElement[] byParam) {
        int n = f.arity();
        Type[] types = new Type[n];
        ExecutableElement any = java.util.Arrays.stream(byParam).filter(d -> d != null).findFirst().orElseThrow();
        for (int k = 0; k < n; k++) {
            types[k] = env.types().typeOf(any.getParameters().get(k).asType());
        }
        Rule[] markers = new Rule[n];
        for (int k = 0; k < n; k++) {
            if (byParam[k] == null || !f.differentiableIn(k)) {
                continue;
            }
            int slot = k;
            String owner = env.elements().getBinaryName((TypeElement) byParam[k].getEnclosingElement()).toString();
            if (types[k] == Type.DOUBLE) {
                // g_k, whose partial in z_j is H_jk: the tangent of g_j along the unit direction of z_k
                markers[k] = new Rule(owner, byParam[k].getSimpleName().toString(), reads(types, 0), (as, r) ->
                        jvps(byParam, types, as, slot, Expr.Lit.ofDouble(1.0)));
            } else {
                markers[k] = new Rule(owner, byParam[k].getSimpleName().toString(), reads(types, 0), null);
                arrayPartials.put(markers[k], new Marker(f, k));
                Rule contraction = new Rule(owner, byParam[k].getSimpleName().toString(), reads(types, 1), (as, r) -> {
                    List<Expr> z = as.subList(0, n);
                    List<Expr> out = new ArrayList<>(jvps(byParam, types, z, slot, as.get(n)));
                    out.add(f.partials(z, null).get(slot));
                    return out;
                });
                contractionOf.put(markers[k], contraction);
                contractions.put(contraction, new Marker(f, k));
            }
        }
        return new Rule(f.owner(), f.name(), readsOf(f), (as, result) -> {
            List<Expr> given = f.partials(as, result);
            List<Expr> out = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                out.add(given.get(k) == null || markers[k] == null || tangents.get(byParam[k]) == null ? given.get(k)
                        : new Expr.Prim(types[k], markers[k], List.copyOf(as)));
            }
            return out;
        });
    }

    private static List<Rule.Reads> readsOf(Rule f) {
        List<Rule.Reads> reads = new ArrayList<>();
        for (int k = 0; k < f.arity(); k++) {
            reads.add(f.differentiableIn(k) ? f.reads(k) : null);
        }
        return reads;
    }

    /** Each differentiable parameter reads all arguments; {@code extra} more arguments (a tangent) read too. */
    private static List<Rule.Reads> reads(Type[] types, int extra) {
        Integer[] all = new Integer[types.length + extra];
        for (int k = 0; k < all.length; k++) {
            all[k] = k;
        }
        List<Rule.Reads> reads = new ArrayList<>();
        for (Type t : types) {
            reads.add(t != null && t.isDifferentiable() ? Rule.Reads.args(all) : null);
        }
        for (int k = 0; k < extra; k++) {
            reads.add(Rule.Reads.args(all));
        }
        return reads;
    }

    /** For each parameter {@code j}: the tangent of {@code g_j} at {@code z} along {@code direction} in {@code slot}'s place. */
    private List<Expr> jvps(ExecutableElement[] byParam, Type[] types, List<Expr> z, int slot, Expr direction) {
        List<Expr> out = new ArrayList<>();
        for (int j = 0; j < types.length; j++) {
            String helper = byParam[j] == null ? null : tangents.get(byParam[j]);
            if (helper == null) {
                out.add(null);
                continue;
            }
            List<Expr> call = new ArrayList<>(z);
            for (int i = 0; i < types.length; i++) {
                if (types[i] == null || !types[i].isDifferentiable()) {
                    continue;
                }
                call.add(i == slot ? direction : types[i] == Type.DOUBLE ? Expr.Lit.ofDouble(0.0)
                        : new Expr.Call(types[i], ARRAYS2, "zerosLike", List.of(z.get(i))));
            }
            out.add(new Expr.Call(types[j], hessianClass, helper, call));
        }
        return out;
    }

    // ---------------------------------------------------------------- the tangent helpers

    /** The name of the tangent helper of partial {@code d} of {@code function}, made once; null after reporting why not. */
    private String tangentOf(String function, ExecutableElement d) {
        if (tangents.containsKey(d)) {
            return tangents.get(d);
        }
        String helper = null;
        if (env.trees().getTree(d) == null || env.trees().getTree(d).getBody() == null) {
            unusable(function, d, "compiled elsewhere, so jgrad cannot read its body: compile " + d.getSimpleName()
                    + " with the method that has @Hessian");
        } else {
            helper = fromSource(function, d);
        }
        tangents.put(d, helper);
        return helper;
    }

    private String fromSource(String function, ExecutableElement d) {
        int before = env.diag().errorCount();
        Method ir = MethodReader.read(env, d);
        Activity activity = null;
        List<String> wrt = new ArrayList<>();
        if (ir != null) {
            ir.params().stream().filter(p -> p.type() != null && p.type().isDifferentiable()).forEach(p -> wrt.add(p.name()));
            activity = Activity.of(ir, new HashSet<>(wrt));
        }
        if (ir == null || ClassPipeline.reportActiveCalls(env, activity, ir.origins())
                || DerivativeCalls.reportMissingPartials(env, d, ir, activity) || env.diag().errorCount() > before) {
            unusable(function, d, "outside the differentiable subset (see the errors in its body): write it in the"
                    + " subset");
            return null;
        }
        Tangent.Result t = Tangent.of(ir, wrt, activity, true);
        Type returns = env.types().typeOf(d.getReturnType());
        String helper = GeneratedNames.partialTangent((TypeElement) method.getEnclosingElement(), d);
        Gradient body = new Gradient(t.body(), t.value(), t.value() == null ? List.of() : List.of(t.tangent()), null);
        helpers.add(new ForwardWriter.Out(d, helper, t.tangentParams(), null, returns,
                List.of(new ForwardWriter.Component("tangent", returns)), body, ir.names().all(),
                SecondOrder.tangentDoc(method, d, function, t.tangentParams()), null, ir.records()));
        return helper;
    }

    private void unusable(String function, ExecutableElement d, String why) {
        env.diag().error(Message.DERIVATIVE_UNUSABLE, method, function, "@Hessian differentiates its @Derivative"
                + " method " + d.getSimpleName() + " of a function of arrays (forward mode of its source), which is "
                + why);
    }

    // ---------------------------------------------------------------- before and after the reverse mode

    /** The tangent code with each {@code dot(g_k(z), x_dot)} a primitive of {@code (z, x_dot)}. */
    List<Stmt> contract(List<Stmt> body) {
        return SecondOrder.statements(body, this::contracted);
    }

    Expr contract(Expr e) {
        return SecondOrder.map(e, this::contracted);
    }

    private Expr contracted(Expr e) {
        if (e instanceof Expr.Call c && c.args().size() == 2 && c.args().get(0) instanceof Expr.Prim m
                && contractionOf.containsKey(m.rule())) {
            List<Expr> args = new ArrayList<>(m.args());
            args.add(c.args().get(1));
            return new Expr.Prim(Type.DOUBLE, contractionOf.get(m.rule()), List.copyOf(args));
        }
        return e;
    }

    /** The primitives of {@link #contract} and the array partials as the calls they stand for. */
    Expr spell(Expr e) {
        return SecondOrder.map(e, this::spelled);
    }

    private Expr spelled(Expr e) {
        if (e instanceof Expr.Prim p && arrayPartials.containsKey(p.rule())) {
            Marker m = arrayPartials.get(p.rule());
            return m.function().partials(p.args(), null).get(m.k());
        }
        if (e instanceof Expr.Prim p && contractions.containsKey(p.rule())) {
            Marker m = contractions.get(p.rule());
            List<Expr> z = p.args().subList(0, m.function().arity());
            return new Expr.Call(Type.DOUBLE, PARTIALS, "dot", List.of(m.function().partials(z, null).get(m.k()),
                    p.args().get(m.function().arity())));
        }
        return e;
    }

    List<Stmt> spell(List<Stmt> body) {
        return SecondOrder.statements(body, this::spelled);
    }
}
