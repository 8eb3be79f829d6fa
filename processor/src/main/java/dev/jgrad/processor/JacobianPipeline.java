package dev.jgrad.processor;

import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.emit.ForwardWriter;
import dev.jgrad.processor.emit.GeneratedNames;
import dev.jgrad.processor.front.Env;
import dev.jgrad.processor.front.MethodReader;
import dev.jgrad.processor.ir.BinaryOp;
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
 * {@code @Jacobian} on a {@code double[]} method: a column helper (the tangent method along a flat
 * direction: one column per unit vector, forward mode) and a row helper (the reverse mode of
 * {@code <u, f(x)>}: one row per unit vector {@code u}); the generated {@code f} takes the one that
 * needs fewer passes once it knows the number of outputs.
 */
final class JacobianPipeline {
    private final Env env;

    JacobianPipeline(Env env) {
        this.env = env;
    }

    /** The helpers and {@code f} of {@code CJacobian}, or null after reporting an error. */
    List<ForwardWriter.Out> of(ExecutableElement m, List<String> wrt) {
        String name = m.getSimpleName().toString();
        Method ir = MethodReader.read(env, m);
        if (ir == null) {
            return null;
        }
        List<String> named = wrt;
        wrt = WrtLeaves.of(ir, named);
        Activity activity = Activity.of(ir, new HashSet<>(wrt));
        List<Method.Param> copied = Flat.writtenArrays(ir, activity);
        if (ClassPipeline.reportActiveCalls(env, activity, ir.origins())
                || DerivativeCalls.reportMissingPartials(env, m, ir, activity)
                || !ForwardRecords.checkCopies(env, m, ir, copied, "Jacobian")) {
            return null;
        }
        Expr size = Flat.size(ir, wrt);
        List<ForwardWriter.Out> out = new ArrayList<>();
        String column = name + "Column";
        String row = name + "Row";
        out.add(column(m, ir, wrt, activity, column));
        out.add(row(m, MethodReader.read(env, m), wrt, row));
        out.add(new ForwardWriter.Out(m, name, List.of(), GeneratedNames.forwardRecord(name, "Jacobian"),
                Type.DOUBLE_ARRAY, List.of(new ForwardWriter.Component("jacobian", Type.DOUBLE_MATRIX)), null,
                ir.names().all(), "Value and Jacobian of {@link $T#$L} with respect to " + ForwardWriter.literal(String.join(", ", named))
                        + ", flattened in parameter order: {@code jacobian[i][k]} is the derivative of"
                        + " {@code value[i]} in entry {@code k}. Forward mode (a pass per entry) when there are no"
                        + " more entries than outputs, else reverse mode (a pass per output).",
                new ForwardWriter.Driver(column, size, copied, row, Prints.any(ir.body())), ir.records()));
        return out;
    }

    /** {@code fColumn(args, v)}: {@code {value, J v}}, the tangent method along the flat direction {@code v}. */
    private ForwardWriter.Out column(ExecutableElement m, Method ir, List<String> wrt, Activity activity, String name) {
        Tangent.Result t = Tangent.of(ir, wrt, activity, false);
        Local v = new Local(Type.DOUBLE_ARRAY, ir.names().fresh("v"));
        List<Stmt> body = new ArrayList<>(Flat.unflatten(ir, wrt, t.tangentParams(), v));
        List<Method.Param> extra = new ArrayList<>(List.of(new Method.Param(v.name(), Type.DOUBLE_ARRAY)));
        if (Prints.any(t.body())) {
            // the driver runs the columns several times: the first prints, as the source does once
            Local print = new Local(Type.BOOLEAN, ir.names().fresh("print"));
            extra.add(new Method.Param(print.name(), Type.BOOLEAN));
            body.addAll(Prints.onlyIf(t.body(), print));
        } else {
            body.addAll(t.body());
        }
        Gradient g = t.value() == null ? new Gradient(body, null, List.of(), null)
                : new Gradient(body, t.value(), List.of(new Expr.ArrayLit(Type.DOUBLE_MATRIX, List.of(t.value(),
                        t.tangent()))), null);
        return new ForwardWriter.Out(m, name, List.copyOf(extra), null,
                Type.DOUBLE_ARRAY, List.of(new ForwardWriter.Component("column", Type.DOUBLE_MATRIX)), g,
                ir.names().all(), "The value of {@link $T#$L} and its Jacobian times {@code " + v.name() + "}.", null,
                ir.records());
    }

    /** {@code fRow(args, u)}: {@code u^T J}, flattened: the gradient of {@code <u, f(args)>}. */
    private ForwardWriter.Out row(ExecutableElement m, Method ir, List<String> wrt, String name) {
        Local u = new Local(Type.DOUBLE_ARRAY, ir.names().fresh("u"));
        // the rows run after the first column, which printed
        List<Stmt> body = new ArrayList<>(Prints.onlyIf(ir.body(), null));
        Stmt.Return last = (Stmt.Return) body.remove(body.size() - 1);
        if (!dev.jgrad.processor.ir.Flow.canComplete(body)) {
            // the method always throws: so does this
            return new ForwardWriter.Out(m, name, List.of(new Method.Param(u.name(), Type.DOUBLE_ARRAY)), null,
                    Type.DOUBLE, List.of(new ForwardWriter.Component("row", Type.DOUBLE_ARRAY)),
                    new Gradient(body, null, List.of(), null), ir.names().all(),
                    "{@code " + u.name() + "} times the Jacobian of {@link $T#$L}.", null, ir.records());
        }
        Local r;
        if (last.value() instanceof Local l) {
            r = l;
        } else {
            r = new Local(Type.DOUBLE_ARRAY, ir.names().fresh("value"));
            body.add(new Stmt.Decl(last.src(), Type.DOUBLE_ARRAY, r.name(), last.value()));
        }
        // double s = 0.0; for (int i = 0; i < r.length; i++) s += u[i] * r[i]; return s;
        Local s = new Local(Type.DOUBLE, ir.names().fresh("dot"));
        Local i = new Local(Type.INT, ir.names().fresh("i"));
        body.add(new Stmt.Decl(null, Type.DOUBLE, s.name(), Expr.Lit.ofDouble(0.0)));
        body.add(new Stmt.For(null, List.of(new Stmt.Decl(null, Type.INT, i.name(), Expr.Lit.ofInt(0))),
                new Expr.Binary(Type.BOOLEAN, BinaryOp.LT, i, new Expr.Length(r)),
                List.of(new Stmt.Assign(null, i, new Expr.Binary(Type.INT, BinaryOp.ADD, i, Expr.Lit.ofInt(1)))),
                List.of(new Stmt.Assign(null, s, new Expr.Binary(Type.DOUBLE, BinaryOp.ADD, s,
                        new Expr.Binary(Type.DOUBLE, BinaryOp.MUL, new Expr.Index(Type.DOUBLE, u, i),
                                new Expr.Index(Type.DOUBLE, r, i)))))));
        body.add(new Stmt.Return(null, s));
        List<Method.Param> params = new ArrayList<>(ir.params());
        params.add(new Method.Param(u.name(), Type.DOUBLE_ARRAY));
        Method dot = new Method(ir.name(), List.copyOf(params), body, ir.names(), ir.origins());
        Activity activity = Activity.of(dot, new HashSet<>(wrt));
        Gradient g = Reverse.of(dot, wrt, activity, true);
        List<Stmt> tidy = g.value() == null ? g.body()
                : Tidy.apply(g.body(), g.value(), g.components(), ir.params().stream().map(Method.Param::name).toList());
        Gradient out = new Gradient(tidy, g.value(), List.of(Flat.flatten(g.components())), g.tape());
        return new ForwardWriter.Out(m, name, List.of(new Method.Param(u.name(), Type.DOUBLE_ARRAY)), null,
                Type.DOUBLE, List.of(new ForwardWriter.Component("row", Type.DOUBLE_ARRAY)), out, ir.names().all(),
                "{@code " + u.name() + "} times the Jacobian of {@link $T#$L}.", null, ir.records());
    }
}
