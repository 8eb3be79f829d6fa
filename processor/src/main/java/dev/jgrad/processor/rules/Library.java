package dev.jgrad.processor.rules;

import static dev.jgrad.processor.rules.StaticMethod.staticMethod;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.Name;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
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

    private static final StaticMethod STRING_FORMAT = staticMethod().onClass("java.lang.String").named("format");
    private static final StaticMethod ARRAY_TEXT = staticMethod().onClass("java.util.Arrays").named("toString")
            .withArity(1);
    private static final StaticMethod REQUIRE_NON_NULL = staticMethod().onClass("java.util.Objects").named("requireNonNull");
    private static final String OBJECTS = "java.util.Objects";
    private static final String NULL_POINTER = "java.lang.NullPointerException";
    private static final String SYSTEM = "java.lang.System";
    private static final Set<String> STANDARD_STREAMS = Set.of("out", "err");

    private final Elements elements;
    private final Types types;
    /** The simple names of the classes jgrad generates for a class ({@code CGrad}, {@code CJit}), decided by emit. */
    private final Function<TypeElement, List<String>> generatedNames;
    /** Whether a class nested in a class may have a given name among its generated ones, decided by emit. */
    private final BiPredicate<TypeElement, String> nestedMayGenerate;
    private final Map<PackageElement, Map<String, Optional<TypeElement>>> generatedIn = new HashMap<>();

    public Library(Elements elements, Types types, Function<TypeElement, List<String>> generatedNames,
            BiPredicate<TypeElement, String> nestedMayGenerate) {
        this.elements = elements;
        this.types = types;
        this.generatedNames = generatedNames;
        this.nestedMayGenerate = nestedMayGenerate;
    }

    /**
     * The annotated method whose generated counterpart a call names: {@code CGrad.f} gives {@code C.f},
     * for a class {@code CGrad} that jgrad generates (or will, later in this compilation) in package
     * {@code pkg}; null for any other name.
     */
    public ExecutableElement generatedFrom(PackageElement pkg, Name generatedClass, Name method) {
        TypeElement t = generatedIn.computeIfAbsent(pkg, k -> new HashMap<>())
                .computeIfAbsent(generatedClass.toString(), n -> Optional.ofNullable(generatedFor(pkg, n))).orElse(null);
        if (t != null) {
            for (Element e : t.getEnclosedElements()) {
                if (e instanceof ExecutableElement m && m.getSimpleName().equals(method)
                        && (m.getAnnotation(dev.jgrad.Grad.class) != null || m.getAnnotation(dev.jgrad.Jit.class) != null)) {
                    return m;
                }
            }
        }
        return null;
    }

    /**
     * The class of a package (or nested in one) that jgrad generates the class {@code name} for, the
     * first in breadth-first order; null if none. Only the classes that may hold it are opened: a call
     * of {@code Math.exp} completes no class of {@code java.lang}.
     */
    private TypeElement generatedFor(PackageElement pkg, String name) {
        List<TypeElement> all = new ArrayList<>();
        pkg.getEnclosedElements().stream().filter(e -> e instanceof TypeElement).forEach(e -> all.add((TypeElement) e));
        for (int k = 0; k < all.size(); k++) {
            TypeElement t = all.get(k);
            if (generatedNames.apply(t).contains(name)) {
                return t;
            }
            if (nestedMayGenerate.test(t, name)) {
                t.getEnclosedElements().stream().filter(e -> e instanceof TypeElement).forEach(e -> all.add((TypeElement) e));
            }
        }
        return null;
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

    /** {@code System.out} or {@code System.err}. */
    public boolean isStandardStream(Element e) {
        return e instanceof VariableElement v && v.getModifiers().contains(Modifier.STATIC)
                && STANDARD_STREAMS.contains(v.getSimpleName().toString())
                && v.getEnclosingElement() instanceof TypeElement t && t.getQualifiedName().contentEquals(SYSTEM);
    }

    /** Whether {@code c} is printing kept from the source ({@code System.out.println(...)}, as the front reads it). */
    public static boolean prints(dev.jgrad.processor.ir.Expr.Call c) {
        return c.owner().equals(SYSTEM) && STANDARD_STREAMS.stream().anyMatch(s -> c.name().startsWith(s + "."));
    }

    /**
     * Whether {@code stream.method(n arguments)} is printing that a differentiated method may do:
     * {@code print(x)}, {@code println()}, {@code println(x)}, {@code printf(format, args...)}.
     */
    public static boolean isPrint(Name method, int arguments) {
        switch (method.toString()) {
            case "print": return arguments == 1;
            case "println": return arguments <= 1;
            case "printf": return arguments >= 1;
            default: return false;
        }
    }

    /**
     * {@code Arrays.toString} of one array: it only reads the array, so it is accepted where strings
     * are (printing, exception messages), as {@code String.format} is.
     */
    public static boolean isArrayText(ExecutableElement m) {
        return ARRAY_TEXT.matches(m);
    }

    /**
     * {@code Objects.requireNonNull(x)} or {@code Objects.requireNonNull(x, "message")}: an argument
     * check, read as {@code if (x == null) throw new NullPointerException(message)}. (A {@code Supplier}
     * of the message is a lambda, which the reader of the message rejects.)
     */
    public static boolean isRequireNonNull(ExecutableElement m) {
        return REQUIRE_NON_NULL.matches(m);
    }

    /** The exception {@code Objects.requireNonNull} throws, by its binary name. */
    public static String nullPointerException() {
        return NULL_POINTER;
    }

    /**
     * {@code e == null} (or {@code e != null} when {@code isNull} is false) of an array: a call of
     * {@code Objects.isNull} or {@code nonNull}, which the IR has no null literal to spell otherwise.
     */
    public static dev.jgrad.processor.ir.Expr.Call nullTest(dev.jgrad.processor.ir.Expr e, boolean isNull) {
        return new dev.jgrad.processor.ir.Expr.Call(dev.jgrad.processor.ir.Type.BOOLEAN, OBJECTS,
                isNull ? "isNull" : "nonNull", List.of(e));
    }

    /** Whether {@code c} is a null test made by {@link #nullTest}: it reads no element, so it carries no derivative. */
    public static boolean isNullTest(dev.jgrad.processor.ir.Expr.Call c) {
        return c.owner().equals(OBJECTS) && (c.name().equals("isNull") || c.name().equals("nonNull"));
    }

    /** {@code String.format}, accepted where strings are (printing, exception messages). */
    public static boolean isStringFormat(ExecutableElement m) {
        return STRING_FORMAT.matches(m);
    }

    private boolean isA(TypeMirror t, String supertype) {
        if (t == null || t.getKind() != TypeKind.DECLARED) {
            return false;
        }
        TypeElement s = elements.getTypeElement(supertype);
        return s != null && types.isSubtype(types.erasure(t), types.erasure(s.asType()));
    }
}
