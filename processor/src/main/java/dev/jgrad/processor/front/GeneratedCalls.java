package dev.jgrad.processor.front;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.rules.GeneratedClasses;

/**
 * Calls into generated code: {@code CGrad.f(x).value()} inside a differentiated method (grad of
 * grad). Such a call does not resolve while the round runs (the class is written at its end), and
 * jgrad would not differentiate generated code anyway: the error points to {@code @Hessian}.
 */
final class GeneratedCalls {
    private GeneratedCalls() {}

    /**
     * Rejects {@code t}, a call that did not resolve, if it is, or is a call on the result of,
     * {@code XGrad.f(...)}; returns normally otherwise.
     */
    static void rejectGradOfGrad(MethodInvocationTree t, BodyContext cx) {
        MethodInvocationTree call = t;
        ExpressionTree select = t.getMethodSelect();
        while (select instanceof MemberSelectTree m) {
            ExpressionTree receiver = m.getExpression();
            if (receiver instanceof IdentifierTree id) {
                String stem = GeneratedClasses.gradientsOf(id.getName().toString());
                if (stem != null) {
                    String method = m.getIdentifier().toString();
                    throw cx.reject(Message.GRAD_OF_GRAD, call, cx.inlining.peekLast().getSimpleName(),
                            id.getName() + "." + method + "(...)", stem + "." + method,
                            GeneratedClasses.hessiansOf(stem) + "." + method, method);
                }
            }
            if (receiver instanceof MethodInvocationTree inner) {
                call = inner;
                select = inner.getMethodSelect();
            } else {
                select = receiver;
            }
        }
    }
}
