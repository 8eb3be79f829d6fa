package dev.jgrad.processor.front;

import com.sun.source.tree.MethodInvocationTree;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.rules.Derivatives;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * Calls to a function with {@code @Derivative} methods: primitives whose rule the user gave. The body of
 * such a function is never read (it may be any Java, or come from a jar); the call stays a call, and
 * its adjoint calls the partials. An array argument is passed as a variable or a row of one (anything
 * else goes into a local first), so that its adjoint and tangent are arrays the transforms can name.
 */
final class UserPrimitives {
    private UserPrimitives() {}

    /** The primitive for a call to {@code m}, or null if no {@code @Derivative} method names {@code m}. */
    static Expr call(BodyContext cx, MethodInvocationTree t, ExecutableElement m, List<Expr> args, List<Stmt> pre) {
        Derivatives.Lookup found = cx.env.derivatives().resolve(m);
        if (found == null) {
            return null;
        }
        if (found instanceof Derivatives.Problem p) {
            throw cx.reject(p.message(), t, p.arguments());
        }
        Derivatives.Primitive primitive = (Derivatives.Primitive) found;
        if (!cx.calls.visible(m.getEnclosingElement()) || !cx.calls.visible(m)) {
            throw cx.reject(Message.NOT_VISIBLE, t, m.getSimpleName(), "method");
        }
        for (ExecutableElement d : primitive.partials()) {
            if (!cx.calls.visible(d)) {
                throw cx.reject(Message.NOT_VISIBLE, t, d.getSimpleName(), "@Derivative method");
            }
        }
        for (var missing : primitive.missing().entrySet()) {
            Expr arg = args.get(missing.getKey());
            if (!(arg instanceof Expr.Lit || arg instanceof Expr.Const)) {
                throw cx.reject(missing.getValue().message(), t, missing.getValue().arguments());
            }
        }
        List<Expr> passed = new ArrayList<>(args);
        for (int k = 0; k < passed.size(); k++) {
            Expr arg = passed.get(k);
            if (arg.type().isArray() && !isVariable(arg)) {
                // an array computed in the call (a ?: of arrays, a literal): into a local first, so that its
                // adjoint (or tangent) is an array of its own
                Expr.Local held = new Expr.Local(arg.type(), cx.names.fresh(m.getSimpleName() + "_arg"));
                pre.add(new Stmt.Decl(null, arg.type(), held.name(), arg));
                passed.set(k, held);
            }
        }
        Expr prim = new Expr.Prim(cx.env.types().typeOf(m.getReturnType()), primitive.rule(), List.copyOf(passed));
        cx.origins.put(prim, t, cx.unit);
        return prim;
    }

    /** An array variable, a row of one ({@code m[i]}), or a constant table: what has an adjoint of its own. */
    private static boolean isVariable(Expr e) {
        if (e instanceof Expr.Index i) {
            return isVariable(i.array());
        }
        return e instanceof Expr.Local || e instanceof Expr.Const;
    }
}
