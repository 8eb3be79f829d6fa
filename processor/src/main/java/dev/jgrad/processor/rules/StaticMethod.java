package dev.jgrad.processor.rules;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * A matcher of static methods on the elements javac resolved a call to, written as Error Prone's
 * {@code staticMethod().onClass("java.lang.Math").named("pow")}: the declaring class, the name and the
 * number of parameters, each left open until given. A call is a primitive because of the method it
 * resolves to, never because of how it is spelled: {@code Other.exp(x)} is not {@code Math.exp}.
 */
public record StaticMethod(List<String> classes, String name, int arity) {
    /** Any static method; narrow it with {@link #onClass}, {@link #named} and {@link #withArity}. */
    public static StaticMethod staticMethod() {
        return new StaticMethod(List.of(), null, -1);
    }

    /** Declared in one of these classes, by qualified name. */
    public StaticMethod onClass(String... qualifiedNames) {
        return new StaticMethod(List.of(qualifiedNames), name, arity);
    }

    public StaticMethod named(String methodName) {
        return new StaticMethod(classes, methodName, arity);
    }

    /** Taking this many parameters. */
    public StaticMethod withArity(int parameters) {
        return new StaticMethod(classes, name, parameters);
    }

    public boolean matches(ExecutableElement m) {
        if (!m.getModifiers().contains(Modifier.STATIC) || !(m.getEnclosingElement() instanceof TypeElement owner)) {
            return false;
        }
        return classes.stream().anyMatch(c -> owner.getQualifiedName().contentEquals(c))
                && (name == null || m.getSimpleName().contentEquals(name))
                && (arity < 0 || m.getParameters().size() == arity);
    }
}
