package dev.jgrad.processor.front;

import com.sun.source.tree.MethodInvocationTree;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.rules.Derivatives;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * Calls to a function with {@code @Derivative} methods: primitives whose rule the user gave. The body of
 * such a function is never read (it may be any Java, or come from a jar); the call stays a call, and
 * its adjoint calls the partials.
 */
final class UserPrimitives {
    private UserPrimitives() {}

    /** The primitive for a call to {@code m}, or null if no {@code @Derivative} method names {@code m}. */
    static Expr call(BodyContext cx, MethodInvocationTree t, ExecutableElement m, List<Expr> args) {
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
        for (int k = 0; k < args.size(); k++) {
            if (args.get(k).type().isArray()) {
                throw cx.reject(Message.UNKNOWN_CALL, t.getArguments().get(k), m.getSimpleName() + "(...)",
                        "an array passed to a function with @Derivative methods could be changed by it; pass numbers");
            }
        }
        return new Expr.Prim(cx.env.types().typeOf(m.getReturnType()), primitive.rule(), List.copyOf(args));
    }
}
