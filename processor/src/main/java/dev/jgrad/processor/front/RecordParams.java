package dev.jgrad.processor.front;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.RecordParam;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Records of parameters: which record types a differentiated method may take, and how such a
 * parameter is flattened into its leaves (one parameter of the IR each) for the front to read.
 */
public final class RecordParams {
    private RecordParams() {}

    /** The record type of {@code t}, or null when {@code t} is no record type. */
    public static TypeElement recordType(TypeMirror t) {
        if (t.getKind() == TypeKind.DECLARED && ((DeclaredType) t).asElement() instanceof TypeElement e
                && e.getKind() == ElementKind.RECORD) {
            return e;
        }
        return null;
    }

    /**
     * Why a parameter of type {@code t} (a record type) cannot be taken by a method of package
     * {@code root}, or null if it can; {@code gradient} when a new record of the type (and of its
     * nested records) is built for the gradient.
     */
    public static String problem(Env env, TypeMirror t, PackageElement root, boolean gradient) {
        return problem(env, t, root, gradient, new ArrayList<>());
    }

    private static String problem(Env env, TypeMirror t, PackageElement root, boolean gradient, List<TypeElement> seen) {
        TypeElement r = recordType(t);
        if (r == null) {
            return null;
        }
        String name = r.getSimpleName().toString();
        if (seen.contains(r)) {
            return "it holds a record of its own type, " + name + ", which has no end";
        }
        if (!((DeclaredType) t).getTypeArguments().isEmpty() || !r.getTypeParameters().isEmpty()) {
            return "it is generic; give it components of the subset's types";
        }
        if (!visible(env, r, root)) {
            return "the generated class, in " + (root.isUnnamed() ? "the unnamed package" : "package " + root.getQualifiedName())
                    + ", cannot see it: make it public,"
                    + " or package-private in that package (a record nested in a class: a static member of it)";
        }
        if (env.trees().getTree(r) == null) {
            return "its source is not part of this compilation, so jgrad cannot see that its accessors return its"
                    + " components as they are: compile it with this class";
        }
        if (gradient) {
            for (Element e : r.getEnclosedElements()) {
                if (e.getKind() == ElementKind.CONSTRUCTOR && isCanonical((ExecutableElement) e, r)
                        && env.elements().getOrigin(e) != javax.lang.model.util.Elements.Origin.MANDATED) {
                    return "its gradient is a new " + name + ", built by the canonical constructor, which " + name
                            + " declares itself: a check or a change meant for parameters would apply to derivatives;"
                            + " remove the constructor, or leave the record out of wrt";
                }
            }
        }
        seen.add(r);
        try {
            for (RecordComponentElement c : r.getRecordComponents()) {
                ExecutableElement accessor = c.getAccessor();
                if (accessor != null && env.trees().getTree(accessor) != null) {
                    return "it declares the accessor " + c.getSimpleName() + "() itself; jgrad reads each component"
                            + " once, at entry, as the record holds it: remove the accessor, or read the value in a helper";
                }
                TypeMirror ct = c.asType();
                if (recordType(ct) != null) {
                    String inner = problem(env, ct, root, gradient, seen);
                    if (inner != null) {
                        return "its component " + c.getSimpleName() + " is a record that cannot be one: " + inner;
                    }
                    continue;
                }
                Type type = env.types().typeOf(ct);
                if (type == null || type == Type.STRING || type == Type.VOID) {
                    return "its component " + c.getSimpleName() + " has type " + ct + "; components may be double,"
                            + " double[], double[][], int, long, boolean, int[] or such records";
                }
            }
        } finally {
            seen.remove(r);
        }
        return null;
    }

    /**
     * The record type, {@code t}'s or a nested record's, that declares its canonical constructor itself,
     * or null: a new record built of another's components may then not equal it.
     */
    public static TypeElement declaresCanonical(Env env, TypeMirror t) {
        TypeElement r = recordType(t);
        if (r == null) {
            return null;
        }
        for (Element e : r.getEnclosedElements()) {
            if (e.getKind() == ElementKind.CONSTRUCTOR && isCanonical((ExecutableElement) e, r)
                    && env.elements().getOrigin(e) != javax.lang.model.util.Elements.Origin.MANDATED) {
                return r;
            }
        }
        for (RecordComponentElement c : r.getRecordComponents()) {
            TypeElement inner = declaresCanonical(env, c.asType());
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private static boolean isCanonical(ExecutableElement ctor, TypeElement r) {
        List<? extends RecordComponentElement> cs = r.getRecordComponents();
        if (ctor.getParameters().size() != cs.size()) {
            return false;
        }
        for (int k = 0; k < cs.size(); k++) {
            if (!ctor.getParameters().get(k).asType().toString().equals(cs.get(k).asType().toString())) {
                return false;
            }
        }
        return true;
    }

    /** Public all the way out, or package-private in {@code root}'s package; no local or private type. */
    static boolean visible(Env env, TypeElement t, PackageElement root) {
        for (Element x = t; x != null && !(x instanceof PackageElement); x = x.getEnclosingElement()) {
            if (x.getModifiers().contains(Modifier.PRIVATE)) {
                return false;
            }
            if (!x.getModifiers().contains(Modifier.PUBLIC) && !env.elements().getPackageOf(x).equals(root)) {
                return false;
            }
            if (x instanceof TypeElement te && te.getNestingKind() != NestingKind.TOP_LEVEL
                    && te.getNestingKind() != NestingKind.MEMBER) {
                return false;
            }
        }
        return true;
    }

    /** Whether a record of type {@code t} has a leaf that can carry a derivative. */
    public static boolean differentiable(Env env, TypeMirror t) {
        TypeElement r = recordType(t);
        if (r == null) {
            Type type = env.types().typeOf(t);
            return type != null && type.isDifferentiable();
        }
        for (RecordComponentElement c : r.getRecordComponents()) {
            if (differentiable(env, c.asType())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Flattens the record parameter {@code name} of type {@code t} (checked by {@link #problem}):
     * each leaf becomes a parameter of the IR named after its access path ({@code p_inner_x}), added to
     * {@code leaves}; returns the IR's description, and puts the front's value in {@code value}.
     */
    static RecordParam flatten(Env env, String access, String stem, TypeMirror t, Names names,
            List<dev.jgrad.processor.ir.Method.Param> leaves, RecordValue[] value) {
        TypeElement r = recordType(t);
        List<RecordParam.Component> components = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (RecordComponentElement c : r.getRecordComponents()) {
            String accessor = c.getSimpleName().toString();
            if (recordType(c.asType()) != null) {
                RecordValue[] inner = new RecordValue[1];
                RecordParam nested = flatten(env, access + "." + accessor + "()", stem + "_" + accessor, c.asType(),
                        names, leaves, inner);
                components.add(new RecordParam.Component(accessor, null, null, nested));
                values.put(accessor, inner[0]);
                continue;
            }
            Type type = env.types().typeOf(c.asType());
            String leaf = names.fresh(stem + "_" + accessor);
            leaves.add(new dev.jgrad.processor.ir.Method.Param(leaf, type));
            components.add(new RecordParam.Component(accessor, type, leaf, null));
            values.put(accessor, new Expr.Local(type, leaf));
        }
        value[0] = new RecordValue(r, values);
        List<String> simple = new ArrayList<>();
        Element x = r;
        while (x instanceof TypeElement te) {
            simple.add(0, te.getSimpleName().toString());
            x = x.getEnclosingElement();
        }
        String pkg = env.elements().getPackageOf(r).getQualifiedName().toString();
        return new RecordParam(access, pkg, List.copyOf(simple), List.copyOf(components));
    }
}
