package dev.jgrad.processor;

import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.front.Env;
import dev.jgrad.processor.front.RecordParams;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/** The {@code wrt} of an annotation ({@code @Grad}, {@code @Jvp}, {@code @Hessian}): the parameters, in parameter order. */
final class Wrt {
    private Wrt() {}

    /**
     * The parameters that {@code named} (the annotation's {@code wrt}) names, in parameter order; every
     * differentiable parameter when it is empty; null after reporting an error at the annotation.
     */
    static List<String> of(Env env, ProcessingEnvironment processing, ExecutableElement m, String[] named,
            Class<? extends Annotation> kind) {
        TypeMirror annotationType = env.elements().getTypeElement(kind.getCanonicalName()).asType();
        AnnotationMirror mirror = m.getAnnotationMirrors().stream()
                .filter(a -> processing.getTypeUtils().isSameType(a.getAnnotationType(), annotationType))
                .findFirst().orElse(null);
        List<String> params = new ArrayList<>();
        m.getParameters().forEach(p -> params.add(p.getSimpleName().toString()));
        boolean ok = true;
        Set<String> asked = new LinkedHashSet<>();
        for (String w : named) {
            if (!asked.add(w)) {
                env.diag().error(Message.WRT_DUPLICATE, m, mirror, w);
                ok = false;
                continue;
            }
            int k = params.indexOf(w);
            if (k < 0) {
                env.diag().error(Message.WRT_UNKNOWN, m, mirror, w, m.getSimpleName(), params);
                ok = false;
            } else if (!differentiable(env, m.getParameters().get(k).asType())) {
                env.diag().error(Message.WRT_NOT_DIFFERENTIABLE, m, mirror, w, m.getParameters().get(k).asType());
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        List<String> wrt = new ArrayList<>();
        for (VariableElement p : m.getParameters()) {
            String n = p.getSimpleName().toString();
            boolean differentiable = differentiable(env, p.asType());
            if (asked.isEmpty() ? differentiable : asked.contains(n)) {
                wrt.add(n);
            }
        }
        return wrt;
    }

    /** A parameter type {@code wrt} may name: a double or array of doubles, or a record of them. */
    private static boolean differentiable(Env env, TypeMirror type) {
        return RecordParams.differentiable(env, type);
    }
}
