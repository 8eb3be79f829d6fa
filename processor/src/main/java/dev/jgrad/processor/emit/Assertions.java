package dev.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * The assertion status of the source's class, for the {@code assert} statements of a generated class: a
 * generated class has its own, which {@code -ea:p.C} (assertions for the source's class alone) leaves off. So
 * an {@code assert} is written {@code if (CGrad.ASSERTIONS && !(cond)) throw new AssertionError(...)}, with
 * {@code ASSERTIONS} the status of the source's top-level class (JLS 14.10), read once, when the generated
 * class is initialised; the field is added only to a class whose code asserts.
 */
final class Assertions {
    private static final String FIELD = "ASSERTIONS";
    private final ClassName generated;
    private final ClassName source;
    private boolean used;

    Assertions(ClassName generated, TypeElement source) {
        Element top = source;
        while (top.getEnclosingElement() instanceof TypeElement outer) {
            top = outer;
        }
        this.generated = generated;
        this.source = ClassName.get((TypeElement) top);
    }

    /** {@code assert cond : message} ({@code message} null for none) into {@code b}. */
    void write(CodeBlock.Builder b, CodeBlock cond, CodeBlock message) {
        used = true;
        b.beginControlFlow("if ($T.$N && !($L))", generated, FIELD, cond);
        if (message == null) {
            b.addStatement("throw new $T()", AssertionError.class);
        } else {
            b.addStatement("throw new $T($L)", AssertionError.class, message);
        }
        b.endControlFlow();
    }

    /** Adds the field to {@code c} if its code asserts. */
    void addTo(TypeSpec.Builder c) {
        if (used) {
            c.addField(FieldSpec.builder(boolean.class, FIELD, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("Whether assertions are on for {@link $T}, whose {@code assert} statements this class runs.\n", source)
                    .initializer("$T.class.desiredAssertionStatus()", source).build());
        }
    }
}
