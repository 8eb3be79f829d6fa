package dev.jgrad.processor;

import dev.jgrad.Derivative;
import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.diag.Message;
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
import dev.jgrad.processor.rules.Derivatives;
import dev.jgrad.processor.transform.Children;
import dev.jgrad.processor.transform.Tangent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * Second derivatives through {@code @Derivative} (issue 13: "the tangent and Hessian rules follow
 * from differentiating the derivative methods themselves"). Under {@code @Hessian}, a call
 * {@code f(x, y)} of a function with partials {@code fDx}, {@code fDy} becomes a primitive whose
 * partials are themselves primitives, {@code fDx(x, y)} and {@code fDy(x, y)}, so that the reverse
 * mode of the tangent code differentiates them too. The rule of a partial {@code fDx}:
 * <ul>
 *   <li>its own {@code @Derivative} methods, if it has some ({@code @Derivative(of = "fDx", wrt = "x")});
 *   <li>else, if its body is in the compilation and in the differentiable subset, its tangent: a
 *       private helper {@code fDxTangent(x, y, xDot, yDot)} of {@code CHessian} (forward mode), called
 *       with a unit direction per partial;
 *   <li>else a {@code [JgradDerivative]} error at the {@code @Hessian} method naming {@code fDx} and
 *       the method to add.
 * </ul>
 * A function with array parameters goes to {@link ArraySecondOrder}.
 */
final class SecondOrder {
    /**
     * The method with second-order rules, the helpers {@code CHessian} needs for them, and what the
     * tangent code and its reverse mode need done for functions of arrays ({@link ArraySecondOrder}).
     */
    record Result(Method ir, List<ForwardWriter.Out> helpers, ArraySecondOrder arrays) {}

    private final Env env;
    private final ExecutableElement method;
    private final String hessianClass;
    private final Map<Rule, Rule> secondOrder = new HashMap<>();
    private final Map<ExecutableElement, Rule> partials = new HashMap<>();
    private final List<ForwardWriter.Out> helpers = new ArrayList<>();
    private final ArraySecondOrder arrays;
    private boolean failed;

    private SecondOrder(Env env, ExecutableElement method) {
        this.env = env;
        this.method = method;
        this.hessianClass = GeneratedNames.forwardClass((TypeElement) method.getEnclosingElement(), "Hessian")
                .reflectionName();
        this.arrays = new ArraySecondOrder(env, method, hessianClass, helpers);
    }

    /** {@code ir} with second-order rules for its custom primitives on active values; null after reporting an error. */
    static Result of(Env env, ExecutableElement m, Method ir, Activity activity) {
        SecondOrder s = new SecondOrder(env, m);
        List<Stmt> body = s.statements(ir.body(), e -> s.expr(e, activity));
        if (s.failed || s.arrays.failed()) {
            return null;
        }
        return new Result(new Method(ir.name(), ir.params(), body, ir.names(), ir.origins(), ir.records()),
                List.copyOf(s.helpers), s.arrays);
    }

    // ---------------------------------------------------------------- rules

    /** A call of a custom primitive on an active value: the same call, under the rule whose partials are primitives. */
    private Expr expr(Expr e, Activity activity) {
        if (!(e instanceof Expr.Prim p) || !env.derivatives().isCustom(p.rule())
                || p.args().stream().noneMatch(activity::isActive)) {
            return e;
        }
        Derivatives.Primitive primitive = env.derivatives().primitiveOf(p.rule());
        if (primitive.partials().stream().anyMatch(d -> d.getParameters().stream()
                .anyMatch(q -> q.asType().getKind() == TypeKind.ARRAY))) {
            return arrays.call(p, primitive, activity);
        }
        Rule rule = secondOrder.get(p.rule());
        if (rule == null && !secondOrder.containsKey(p.rule())) {
            rule = secondOrderRule(p.rule(), p.args(), activity);
            secondOrder.put(p.rule(), rule);
        }
        return rule == null ? e : new Expr.Prim(p.type(), rule, p.args());
    }

    private Rule secondOrderRule(Rule rule, List<Expr> args, Activity activity) {
        Derivatives.Primitive primitive = env.derivatives().primitiveOf(rule);
        Rule[] byParam = new Rule[rule.arity()];
        for (ExecutableElement d : primitive.partials()) {
            int k = indexOf(d, d.getAnnotation(Derivative.class).wrt());
            if (rule.differentiableIn(k) && activity.isActive(args.get(k))) {
                byParam[k] = ruleOfPartial(rule.name(), d, args, activity);
                if (byParam[k] == null) {
                    failed = true;
                    return null;
                }
            }
        }
        List<Rule.Reads> reads = new ArrayList<>();
        for (int k = 0; k < rule.arity(); k++) {
            reads.add(rule.differentiableIn(k) ? rule.reads(k) : null);
        }
        Rule[] partialRules = byParam;
        return new Rule(rule.owner(), rule.name(), reads, (as, result) -> {
            List<Expr> out = new ArrayList<>();
            List<Expr> given = rule.partials(as, result);
            for (int k = 0; k < partialRules.length; k++) {
                // a partial that is never differentiated (its argument is inactive here) stays a call
                out.add(partialRules[k] == null ? given.get(k) : new Expr.Prim(Type.DOUBLE, partialRules[k], List.copyOf(as)));
            }
            return out;
        });
    }

    /** The rule of the partial {@code d} of {@code function}, or null after reporting why there is none. */
    private Rule ruleOfPartial(String function, ExecutableElement d, List<Expr> args, Activity activity) {
        if (partials.containsKey(d)) {
            return partials.get(d);
        }
        Rule rule = null;
        Derivatives.Lookup own = env.derivatives().resolve(d);
        if (own instanceof Derivatives.Primitive p) {
            rule = p.rule();
            for (int k = 0; k < args.size(); k++) {
                if (activity.isActive(args.get(k)) && p.missing().containsKey(k)) {
                    Derivatives.Problem missing = p.missing().get(k);
                    env.diag().error(missing.message(), method, missing.arguments());
                    rule = null;
                }
            }
        } else if (own instanceof Derivatives.Problem problem) {
            env.diag().error(problem.message(), method, problem.arguments());
        } else if (env.trees().getTree(d) == null || env.trees().getTree(d).getBody() == null) {
            unusable(function, d, "compiled elsewhere, so jgrad cannot read its body");
        } else {
            rule = fromSource(function, d);
        }
        partials.put(d, rule);
        return rule;
    }

    /** The rule of a partial read from source: its tangent, a private helper of {@code CHessian}. */
    private Rule fromSource(String function, ExecutableElement d) {
        int before = env.diag().errorCount();
        Method ir = MethodReader.read(env, d);
        Activity activity = null;
        List<String> wrt = new ArrayList<>();
        if (ir != null) {
            ir.params().stream().filter(p -> p.type() == Type.DOUBLE).forEach(p -> wrt.add(p.name()));
            activity = Activity.of(ir, new HashSet<>(wrt));
        }
        if (ir == null || ClassPipeline.reportActiveCalls(env, activity, ir.origins())
                || DerivativeCalls.reportMissingPartials(env, d, ir, activity) || env.diag().errorCount() > before) {
            unusable(function, d, "outside the differentiable subset (see the errors in its body)");
            return null;
        }
        Tangent.Result t = Tangent.of(ir, wrt, activity, false);
        String helper = GeneratedNames.partialTangent((TypeElement) method.getEnclosingElement(), d);
        Gradient body = new Gradient(t.body(), t.value(), t.value() == null ? List.of() : List.of(t.tangent()), null);
        helpers.add(new ForwardWriter.Out(d, helper, t.tangentParams(), null, Type.DOUBLE,
                List.of(new ForwardWriter.Component("tangent", Type.DOUBLE)), body, ir.names().all(),
                tangentDoc(method, d, function, t.tangentParams()), null, ir.records()));
        List<Integer> doubles = new ArrayList<>();
        for (int k = 0; k < d.getParameters().size(); k++) {
            if (d.getParameters().get(k).asType().getKind() == TypeKind.DOUBLE) {
                doubles.add(k);
            }
        }
        List<Rule.Reads> reads = new ArrayList<>();
        Integer[] all = new Integer[d.getParameters().size()];
        for (int k = 0; k < all.length; k++) {
            all[k] = k;
        }
        for (int k = 0; k < all.length; k++) {
            reads.add(doubles.contains(k) ? Rule.Reads.args(all) : null);
        }
        String owner = env.elements().getBinaryName((TypeElement) d.getEnclosingElement()).toString();
        return new Rule(owner, d.getSimpleName().toString(), reads, (args, result) -> {
            List<Expr> out = new ArrayList<>();
            for (int k = 0; k < args.size(); k++) {
                if (!doubles.contains(k)) {
                    out.add(null);
                    continue;
                }
                List<Expr> call = new ArrayList<>(args);
                for (int j : doubles) {
                    call.add(Expr.Lit.ofDouble(j == k ? 1.0 : 0.0));
                }
                out.add(new Expr.Call(Type.DOUBLE, hessianClass, helper, call));
            }
            return out;
        });
    }

    /**
     * The javadoc template ({@link ForwardWriter.Out#doc}) of the forward-mode method generated for {@code @Derivative}
     * method {@code d} of {@code function}, for the Hessians of {@code method}.
     */
    static String tangentDoc(ExecutableElement method, ExecutableElement d, String function, List<Method.Param> params) {
        return (d.getEnclosingElement().equals(method.getEnclosingElement()) ? "The derivative of {@link $T#$L}"
                : "For {@link $T}: the derivative of {@code "
                        + ForwardWriter.literal(d.getEnclosingElement().getSimpleName().toString()) + ".$L}")
                + ", the partial of " + ForwardWriter.literal(function) + " in '"
                + ForwardWriter.literal(d.getAnnotation(Derivative.class).wrt()) + "', along "
                + ForwardWriter.literal(String.join(", ", params.stream().map(Method.Param::name).toList()))
                + " (forward mode): what the Hessian's second derivatives through " + ForwardWriter.literal(function)
                + " call.";
    }

    private void unusable(String function, ExecutableElement d, String why) {
        String name = d.getSimpleName().toString();
        String declaration = d.getParameters().stream().filter(p -> p.asType().getKind() == TypeKind.DOUBLE)
                .map(p -> "@Derivative(of = \"" + name + "\", wrt = \"" + p.getSimpleName() + "\") static double "
                        + name + "D" + p.getSimpleName() + "(" + d.getParameters().stream()
                        .map(q -> q.asType() + " " + q.getSimpleName()).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining("; "));
        env.diag().error(Message.DERIVATIVE_UNUSABLE, method, function, "@Hessian differentiates its @Derivative"
                + " method " + name + ", which is " + why + ": write " + name + " in the differentiable subset, or"
                + " give it @Derivative methods of its own, " + declaration);
    }

    private static int indexOf(ExecutableElement d, String name) {
        List<? extends VariableElement> params = d.getParameters();
        for (int k = 0; k < params.size(); k++) {
            if (params.get(k).getSimpleName().contentEquals(name)) {
                return k;
            }
        }
        throw new IllegalStateException("no parameter " + name);
    }

    // ---------------------------------------------------------------- the rewrite

    static List<Stmt> statements(List<Stmt> body, UnaryOperator<Expr> f) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            out.add(statement(s, f));
        }
        return out;
    }

    private static Stmt statement(Stmt s, UnaryOperator<Expr> f) {
        if (s instanceof Stmt.Decl d) {
            return new Stmt.Decl(d.src(), d.type(), d.name(), map(d.init(), f));
        }
        if (s instanceof Stmt.Assign a) {
            return new Stmt.Assign(a.src(), map(a.target(), f), map(a.value(), f));
        }
        if (s instanceof Stmt.If i) {
            return new Stmt.If(i.src(), map(i.cond(), f), statements(i.then(), f), statements(i.otherwise(), f));
        }
        if (s instanceof Stmt.While w) {
            return new Stmt.While(w.src(), map(w.cond(), f), statements(w.body(), f), w.testAfter());
        }
        if (s instanceof Stmt.For fo) {
            return new Stmt.For(fo.src(), statements(fo.init(), f), map(fo.cond(), f), statements(fo.update(), f),
                    statements(fo.body(), f));
        }
        if (s instanceof Stmt.Block b) {
            return new Stmt.Block(b.src(), statements(b.body(), f));
        }
        if (s instanceof Stmt.Return r) {
            return new Stmt.Return(r.src(), map(r.value(), f));
        }
        return s;
    }

    /** {@code e} with {@code f} applied to each subexpression, children first. */
    static Expr map(Expr e, UnaryOperator<Expr> f) {
        return e == null ? null : f.apply(Children.rebuild(e, x -> map(x, f)));
    }
}
