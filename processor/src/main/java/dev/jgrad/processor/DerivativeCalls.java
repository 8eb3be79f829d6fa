package dev.jgrad.processor;

import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.front.Env;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Origins;
import dev.jgrad.processor.ir.Walk;
import dev.jgrad.processor.rules.Derivatives;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;

/**
 * Calls to a function with {@code @Derivative} methods that pass an active array for a parameter without
 * a partial: each an error at the call, once activity is known. A data array (an inactive argument)
 * needs no partial, so this cannot be judged when the call is read, as a {@code double} parameter's is.
 */
final class DerivativeCalls {
    private DerivativeCalls() {}

    /** Reports each such call; whether there was one. */
    static boolean reportMissingPartials(Env env, ExecutableElement m, Method ir, Activity activity) {
        boolean[] any = {false};
        Walk.statements(ir.body(), s -> Walk.expressions(s, e -> Walk.postOrder(e, x -> {
            if (!(x instanceof Expr.Prim p)) {
                return;
            }
            for (Map.Entry<Integer, Derivatives.Problem> missing : env.derivatives().missingArrays(p.rule()).entrySet()) {
                if (activity.isActive(p.args().get(missing.getKey()))) {
                    Origins.Origin at = ir.origins().get(p);
                    Derivatives.Problem problem = missing.getValue();
                    if (at != null) {
                        env.diag().error(problem.message(), at.tree(), at.unit(), problem.arguments());
                    } else {
                        env.diag().error(problem.message(), m, problem.arguments());
                    }
                    any[0] = true;
                }
            }
        })));
        return any[0];
    }
}
