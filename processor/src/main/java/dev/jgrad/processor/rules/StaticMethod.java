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
public record StaticMethod(List<String> classes, String name, int arity, List<String> parameterTypes) {
    /** Any static method; narrow it with {@link #onClass}, {@link #named}, {@link #withArity} and {@link #withParameters}. */
    public static StaticMethod staticMethod() {
        return new StaticMethod(List.of(), null, -1, null);
    }

    /** Declared in one of these classes, by qualified name. */
    public StaticMethod onClass(String... qualifiedNames) {
        return new StaticMethod(List.of(qualifiedNames), name, arity, parameterTypes);
    }

    public StaticMethod named(String methodName) {
        return new StaticMethod(classes, methodName, arity, parameterTypes);
    }

    /** Taking this many parameters. */
    public StaticMethod withArity(int parameters) {
        return new StaticMethod(classes, name, parameters, parameterTypes);
    }

    /**
     * Taking parameters of exactly these types, as Java spells them ({@code "double[]"}, {@code "int"}):
     * tells overloads apart ({@code Ops.sigmoid(double)} from {@code Ops.sigmoid(double[])}).
     */
    public StaticMethod withParameters(String... types) {
        return new StaticMethod(classes, name, types.length, List.of(types));
    }

    public boolean matches(ExecutableElement m) {
        if (!m.getModifiers().contains(Modifier.STATIC) || !(m.getEnclosingElement() instanceof TypeElement owner)) {
            return false;
        }
        return classes.stream().anyMatch(c -> owner.getQualifiedName().contentEquals(c))
                && (name == null || m.getSimpleName().contentEquals(name))
                && (arity < 0 || m.getParameters().size() == arity)
                && (parameterTypes == null || java.util.stream.IntStream.range(0, arity).allMatch(
                        k -> m.getParameters().get(k).asType().toString().equals(parameterTypes.get(k))));
    }
}
