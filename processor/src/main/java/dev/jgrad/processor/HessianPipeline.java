package dev.jgrad.processor;

import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.emit.ForwardWriter;
import dev.jgrad.processor.emit.GeneratedNames;
import dev.jgrad.processor.front.Env;
import dev.jgrad.processor.front.MethodReader;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Gradient;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.transform.Reverse;
import dev.jgrad.processor.transform.Tangent;
import dev.jgrad.processor.transform.Tidy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code @Hessian}: the Hessian-vector product as the reverse mode of the tangent method. The tangent
 * method {@code T(x, xDot) = <grad f(x), xDot>} ({@link Tangent}) is plain IR; its gradient
 * ({@link Reverse}) with respect to both {@code x} and {@code xDot} is {@code (H xDot, grad f(x))}:
 * one forward and one reverse sweep give the value, the gradient and {@code H v} together. The full
 * Hessian runs that code once for the {@code n} unit vectors together ({@link HessianLanes}): what does
 * not depend on the direction (the values, the calls, the partials, the gradient) once, the rest once
 * per direction; then made exactly symmetric. Calls of functions with {@code @Derivative} methods get
 * second-order rules first ({@link SecondOrder}).
 */
final class HessianPipeline {
    private final Env env;

    HessianPipeline(Env env) {
        this.env = env;
    }

    /** {@code fHvp} and {@code f} of {@code CHessian}, or null after reporting an error. */
    List<ForwardWriter.Out> of(ExecutableElement m, List<String> wrt) {
        Method ir = MethodReader.read(env, m);
        if (ir == null) {
            return null;
        }
        List<String> named = wrt;
        wrt = WrtLeaves.of(ir, named);
        Activity activity = Activity.of(ir, new HashSet<>(wrt));
        if (ClassPipeline.reportActiveCalls(env, activity, ir.origins())
                || DerivativeCalls.reportMissingPartials(env, m, ir, activity)
                || !ForwardRecords.checkCopies(env, m, ir, Flat.writtenArrays(ir, activity), "Hessian")) {
            return null;
        }
        SecondOrder.Result second = SecondOrder.of(env, m, ir, activity);
        if (second == null) {
            return null;
        }
        ir = second.ir();
        activity = Activity.of(ir, new HashSet<>(wrt));
        Tangent.Result t = Tangent.of(ir, wrt, activity, false);
        ArraySecondOrder arrays = second.arrays();
        t = new Tangent.Result(arrays.contract(t.body()), t.value() == null ? null : arrays.contract(t.value()),
                t.tangent() == null ? null : arrays.contract(t.tangent()), t.tangentParams());
        String name = m.getSimpleName().toString();
        String hvp = GeneratedNames.hvpMethod(name);
        Local v = new Local(Type.DOUBLE_ARRAY, ir.names().fresh("v"));
        List<ForwardWriter.Component> hvpComponents = List.of(new ForwardWriter.Component("gradient", Type.DOUBLE_ARRAY),
                new ForwardWriter.Component("hvp", Type.DOUBLE_ARRAY));
        List<ForwardWriter.Out> out = new ArrayList<>(second.helpers());
        Expr size = Flat.size(ir, wrt);
        Hvp code = t.value() == null ? null : hvpBody(ir, wrt, t, v, arrays, true);
        Gradient body = code == null ? new Gradient(arrays.spell(t.body()), null, List.of(), null) : code.gradientOf();
        out.add(new ForwardWriter.Out(m, hvp, List.of(new Method.Param(v.name(), Type.DOUBLE_ARRAY)),
                GeneratedNames.forwardRecord(hvp, ""), Type.DOUBLE, hvpComponents, body, ir.names().all(),
                "Value, gradient and Hessian-vector product of {@link $T#$L} with respect to " + ForwardWriter.literal(String.join(", ", named))
                        + ", flattened in parameter order: {@code " + v.name() + "} and the results have one entry per"
                        + " entry of them.",
                null, ir.records()));
        List<ForwardWriter.Component> hessianComponents = List.of(
                new ForwardWriter.Component("gradient", Type.DOUBLE_ARRAY),
                new ForwardWriter.Component("hessian", Type.DOUBLE_MATRIX));
        String doc = "Value, gradient and Hessian of {@link $T#$L} with respect to " + ForwardWriter.literal(String.join(", ", named))
                + ", flattened in parameter order. ";
        // where an adjoint is passed on only if not zero, the lanes run without that test (a lane's adjoint is an
        // array) and the products of fHvp, which has it, run instead if the result holds a NaN (0 * inf, ...)
        List<Method.Param> written = Flat.writtenArrays(ir, activity);
        Hvp plain = code == null || !code.guarded() ? code : written.isEmpty() ? hvpBody(ir, wrt, t, v, arrays, false) : null;
        Gradient lanes = plain == null ? null : HessianLanes.of(ir, plain, size, v);
        if (lanes != null) {
            out.add(new ForwardWriter.Out(m, name, List.of(), GeneratedNames.forwardRecord(name, "Hessian"), Type.DOUBLE,
                    hessianComponents, lanes, ir.names().all(), doc + "One run of the code of {@code " + ForwardWriter.literal(hvp) + "} for"
                            + " the {@code n} unit vectors at once: the values, the calls and the partials once, what"
                            + " depends on the direction once per direction ({@code lane}); column {@code k} is"
                            + " {@code " + ForwardWriter.literal(hvp) + "} of {@code e_k}, each entry then the mean of itself and its mirror:"
                            + " exactly symmetric."
                            + (plain != code ? " The lanes pass every adjoint on; if the gradient or the Hessian then holds"
                                    + " a NaN (a partial that is infinite where the path taken does not use the value, 0 *"
                                    + " inf), they are computed again by {@code " + ForwardWriter.literal(hvp) + "}, which"
                                    + " passes an adjoint on only where it is not zero." : ""),
                    plain != code ? new ForwardWriter.Driver(hvp, size, written) : null, ir.records()));
        } else {
            out.add(new ForwardWriter.Out(m, name, List.of(), GeneratedNames.forwardRecord(name, "Hessian"), Type.DOUBLE,
                    hessianComponents, null, ir.names().all(), doc + "The Hessian is {@code n} Hessian-vector products"
                            + " with the unit vectors (each about one forward and one reverse sweep of the tangent code),"
                            + " each entry then the mean of itself and its mirror: exactly symmetric.",
                    new ForwardWriter.Driver(hvp, size, written), ir.records()));
        }
        return out;
    }

    /**
     * The reverse mode of the tangent code: {@code check} checks the length of the flat direction
     * {@code v}, {@code unflatten} puts it into the tangents of the wrt parameters, then {@code body} leaves the value, the
     * gradient and {@code H v} (per wrt parameter) in {@code value}, {@code gradient} and {@code hvp}.
     */
    record Hvp(Stmt check, List<Stmt> unflatten, List<Stmt> body, Expr value, List<Expr> gradient, List<Expr> hvp,
            String tape, boolean guarded) {
        /** The body of {@code fHvp}. */
        Gradient gradientOf() {
            List<Stmt> all = new ArrayList<>(List.of(check));
            all.addAll(unflatten);
            all.addAll(body);
            return value == null ? new Gradient(all, null, List.of(), tape)
                    : new Gradient(all, value, List.of(Flat.flatten(gradient), Flat.flatten(hvp)), tape);
        }
    }

    /** The body of {@code fHvp}: {@code v} into the tangents, the tangent method's gradient. */
    private Hvp hvpBody(Method ir, List<String> wrt, Tangent.Result t, Local v, ArraySecondOrder arrays,
            boolean unlessZero) {
        Local fvalue = new Local(Type.DOUBLE, ir.names().fresh("value"));
        List<Stmt> tangentBody = new ArrayList<>(t.body());
        tangentBody.add(new Stmt.Decl(null, Type.DOUBLE, fvalue.name(), t.value()));
        tangentBody.add(new Stmt.Return(null, t.tangent()));
        List<Method.Param> params = new ArrayList<>(ir.params());
        params.addAll(t.tangentParams());
        Method tangent = new Method(ir.name(), List.copyOf(params), tangentBody, ir.names(), ir.origins());
        List<String> reverseWrt = new ArrayList<>(wrt);
        t.tangentParams().forEach(p -> reverseWrt.add(p.name()));
        Activity activity = Activity.of(tangent, new HashSet<>(reverseWrt));
        Gradient g = Reverse.of(tangent, reverseWrt, activity, unlessZero);
        boolean guarded = unlessZero && Reverse.guards(tangent);
        g = new Gradient(arrays.spell(g.body()), g.value() == null ? null : arrays.spell(g.value()),
                g.components().stream().map(arrays::spell).toList(), g.tape());
        List<Expr> keep = new ArrayList<>(g.components());
        keep.add(fvalue);
        // v, unflattened into the tangent of each wrt parameter
        List<Stmt> unflatten = Flat.take(ir, wrt, t.tangentParams(), v);
        Stmt check = Flat.check(ir, wrt, v);
        if (g.value() == null) {
            return new Hvp(check, unflatten, g.body(), null, List.of(), List.of(), g.tape(), guarded);
        }
        List<Stmt> body = Tidy.apply(g.body(), g.value(), keep, ir.params().stream().map(Method.Param::name).toList());
        List<Expr> hvp = g.components().subList(0, wrt.size());
        List<Expr> gradient = g.components().subList(wrt.size(), g.components().size());
        return new Hvp(check, unflatten, body, fvalue, gradient, hvp, g.tape(), guarded);
    }
}
