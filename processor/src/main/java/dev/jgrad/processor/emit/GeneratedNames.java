package dev.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Every name that the generated API exposes, decided here: {@code p.CGrad}, {@code p.CJit}, the
 * record {@code FGradient}; a nested class {@code p.Outer.C} gives {@code p.Outer_CGrad}.
 * Names inside generated method bodies ({@code w_bar}, {@code tape}) come from
 * {@link dev.jgrad.processor.ir.Names}, which keeps them clear of the user's.
 */
public final class GeneratedNames {
    private GeneratedNames() {}

    public static ClassName gradClass(TypeElement type) {
        return ClassName.get(packageOf(type), flatName(type) + "Grad");
    }

    public static ClassName jitClass(TypeElement type) {
        return ClassName.get(packageOf(type), flatName(type) + "Jit");
    }

    /**
     * Whether {@code generated}, a simple name, may be that of a class generated for a class nested
     * (at any depth) in {@code type}: {@code Outer_CGrad} for {@code Outer}. (The flat name of a class
     * nested in an annotation type does not start with that type's: there, any.)
     */
    public static boolean mayBeNestedIn(TypeElement type, String generated) {
        ElementKind k = type.getKind();
        boolean prefix = k == ElementKind.CLASS || k == ElementKind.INTERFACE || k == ElementKind.ENUM
                || k == ElementKind.RECORD;
        return !prefix || generated.startsWith(flatName(type) + "_");
    }

    /** {@code C.jgrad-report.txt} ({@code Outer_C.jgrad-report.txt}): the report of {@code -Ajgrad.report}, beside {@code CGrad}. */
    public static String reportFile(TypeElement type) {
        return flatName(type) + ".jgrad-report.txt";
    }

    public static String packageName(TypeElement type) {
        return packageOf(type);
    }

    /** {@code p.CJvp}, {@code p.CHessian}: the classes of the forward-mode API ({@code kind} is the annotation's name). */
    public static ClassName forwardClass(TypeElement type, String kind) {
        return ClassName.get(packageOf(type), flatName(type) + kind);
    }

    /**
     * The private helper of {@code CHessian} that differentiates {@code partial}, a {@code @Derivative}
     * method read from source, in forward mode: {@code normCdfDxTangent(x, xDot)}, or
     * {@code Special_normCdfDxTangent} for a partial of another class {@code Special}.
     */
    public static String partialTangent(TypeElement owner, ExecutableElement partial) {
        String name = partial.getSimpleName() + "Tangent";
        return partial.getEnclosingElement().equals(owner) ? name
                : flatName((TypeElement) partial.getEnclosingElement()) + "_" + name;
    }

    /** {@code FJvp}, {@code FHessian}, {@code FHvp} for method {@code f} ({@code kind}: {@code Jvp}, ...). */
    public static String forwardRecord(String method, String kind) {
        return Character.toUpperCase(method.charAt(0)) + method.substring(1) + kind;
    }

    /**
     * {@code record}, unless it is the simple name of the class {@code owner} it is nested in (method
     * {@code price} of class {@code Price}: {@code PriceJvp} in {@code PriceJvp}), which Java forbids:
     * then {@code PriceJvpResult}.
     */
    public static String notClassName(String record, ClassName owner) {
        return record.equals(owner.simpleName()) ? record + "Result" : record;
    }

    /** {@code fHvp}: the Hessian-vector product of method {@code f}. */
    public static String hvpMethod(String method) {
        return method + "Hvp";
    }

    /** {@code FGradient} for method {@code f}. */
    public static String record(String method) {
        return Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Gradient";
    }

    /**
     * Names a record component may not have (JLS 8.10.1): its accessor would clash with a method of
     * {@code Object}. A wrt parameter of such a name cannot be a component of {@code FGradient}.
     */
    public static final java.util.Set<String> NOT_COMPONENTS = java.util.Set.of("clone", "finalize", "getClass",
            "hashCode", "notify", "notifyAll", "toString", "wait");

    private static String packageOf(TypeElement type) {
        Element e = type;
        while (!(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        return ((PackageElement) e).getQualifiedName().toString();
    }

    private static String flatName(TypeElement type) {
        String name = type.getSimpleName().toString();
        Element outer = type.getEnclosingElement();
        while (outer.getKind() == ElementKind.CLASS || outer.getKind() == ElementKind.INTERFACE
                || outer.getKind() == ElementKind.ENUM || outer.getKind() == ElementKind.RECORD) {
            name = outer.getSimpleName() + "_" + name;
            outer = outer.getEnclosingElement();
        }
        return name;
    }
}
