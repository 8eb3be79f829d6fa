package dev.jgrad.processor;

import dev.jgrad.Derivative;
import dev.jgrad.processor.front.Env;
import dev.jgrad.processor.rules.Derivatives;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Checks each {@code @Derivative} method of the compilation where it is declared, each problem at its
 * annotation: a library's partials are then checked when the library is built, and a call reports only
 * what concerns the call (a missing partial).
 */
final class DerivativeCheck {
    private DerivativeCheck() {}

    static void check(Env env, ExecutableElement d) {
        TypeElement type = env.elements().getTypeElement(Derivative.class.getCanonicalName());
        AnnotationMirror mirror = d.getAnnotationMirrors().stream()
                .filter(a -> a.getAnnotationType().asElement().equals(type)).findFirst().orElse(null);
        for (Derivatives.Problem p : env.derivatives().check(d)) {
            env.diag().error(p.message(), d, mirror, p.arguments());
        }
    }

    /** Whether a {@code @Derivative} method of {@code type} has a problem (reported by {@link #check}). */
    static boolean anyProblem(Env env, TypeElement type) {
        return type.getEnclosedElements().stream().anyMatch(e -> e.getAnnotation(Derivative.class) != null
                && e instanceof ExecutableElement d && !env.derivatives().check(d).isEmpty());
    }
}
