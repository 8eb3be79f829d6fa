package dev.jgrad.processor.rules;

import static dev.jgrad.processor.rules.StaticMethod.staticMethod;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The library classes a differentiated method cannot use and that deserve a message of their own,
 * because the fix is always the same: streams (write a for loop), random generators (draw the numbers
 * outside, pass them in), and printing (accepted: {@link #isPrint}). Matched by the types javac
 * resolved, never by spelling, as the table's primitives are.
 */
public final class Library {
    private static final StaticMethod MATH_RANDOM = staticMethod().onClass("java.lang.Math", "java.lang.StrictMath")
            .named("random").withArity(0);
    private static final String[] RANDOM_TYPES = {"java.util.random.RandomGenerator", "java.util.Random"};
    private static final String STREAM = "java.util.stream.BaseStream";

    private final Elements elements;
    private final Types types;

    public Library(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /** {@code Math.random()}, or a method of a random generator. */
    public boolean isRandom(ExecutableElement m) {
        return MATH_RANDOM.matches(m) || m.getEnclosingElement() instanceof TypeElement t && isRandom(t.asType());
    }

    /** A random generator ({@code Random}, {@code ThreadLocalRandom}, {@code SplittableRandom}, ...). */
    public boolean isRandom(TypeMirror t) {
        for (String name : RANDOM_TYPES) {
            if (isA(t, name)) {
                return true;
            }
        }
        return false;
    }

    /** A stream of {@code java.util.stream} ({@code DoubleStream}, {@code Stream<Double>}, ...). */
    public boolean isStream(TypeMirror t) {
        return isA(t, STREAM);
    }

    private boolean isA(TypeMirror t, String supertype) {
        if (t == null || t.getKind() != TypeKind.DECLARED) {
            return false;
        }
        TypeElement s = elements.getTypeElement(supertype);
        return s != null && types.isSubtype(types.erasure(t), types.erasure(s.asType()));
    }
}
