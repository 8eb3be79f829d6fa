package dev.jgrad.processor;

import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.emit.ForwardWriter;
import dev.jgrad.processor.emit.GeneratedNames;
import dev.jgrad.processor.front.Env;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/**
 * The methods of one generated forward-mode class have names of their own. Besides the source's
 * method {@code f}, {@code CHessian} has {@code fHvp}, {@code CJacobian} has {@code fColumn} and
 * {@code fRow}, and a {@code @Derivative} method {@code d} gives {@code dTangent}: a source method of
 * such a name would give a second method of that name (the same signature does not compile; another is
 * an overload that hides which is which). The source method that has the name is the one to rename.
 */
final class GeneratedMembers {
    private GeneratedMembers() {}

    /** Reports each method of {@code outs} (all of kind {@code kind}, of {@code type}) whose name another has. */
    static void check(Env env, TypeElement type, String kind, List<ForwardWriter.Out> outs) {
        Map<String, ForwardWriter.Out> first = new HashMap<>();
        for (ForwardWriter.Out o : outs) {
            ForwardWriter.Out other = first.putIfAbsent(o.name(), o);
            if (other == null || other.element().equals(o.element())) {
                continue;
            }
            boolean own = o.record() != null && o.element().getSimpleName().contentEquals(o.name());
            ForwardWriter.Out source = own ? o : other;
            ForwardWriter.Out made = own ? other : o;
            env.diag().error(Message.MEMBER_CLASH, source.element(), kind, source.element().getSimpleName(),
                    made.name(), GeneratedNames.forwardClass(type, kind).simpleName(), made.element().getSimpleName());
        }
    }
}
