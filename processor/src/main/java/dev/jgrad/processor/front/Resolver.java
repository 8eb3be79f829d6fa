package dev.jgrad.processor.front;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.Name;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Finds what a name in a method body denotes (a field, a type, the methods a call may mean) the way
 * javac does (JLS 6.5 and 15.12.1: enclosing classes and what they inherit, then single imports, the
 * package, on-demand imports and {@code java.lang}), from the elements alone.
 *
 * <p>It never asks javac to attribute anything. {@code Trees.getElement} on a body that is not yet
 * attributed attributes the whole class, in a round where the classes jgrad is about to generate do
 * not exist yet; a {@code var g = CGrad.f(...)} elsewhere in that class then keeps an erroneous type
 * that javac's next rounds do not reset, and javac crashes in a later phase.
 * {@link ResolutionCheck} compares every answer with javac's own once javac has attributed the class.
 */
public final class Resolver {
    private final Elements elements;
    private final Members members;
    private final SubsetTypes types;
    private final CompilationUnitTree unit;
    private final TypeElement owner;
    private final Predicate<String> isLocal;

    /**
     * A resolver for code of {@code unit} inside {@code owner}, where {@code isLocal} says which simple
     * names are locals or parameters in scope (they shadow fields and types).
     */
    public Resolver(Elements elements, Members members, SubsetTypes types, CompilationUnitTree unit, TypeElement owner,
            Predicate<String> isLocal) {
        this.elements = elements;
        this.members = members;
        this.types = types;
        this.unit = unit;
        this.owner = owner;
        this.isLocal = isLocal;
    }

    /** A package named by a qualified name that may not be a package of its own (as {@code java}). */
    private record PackageName(String name) {}

    /**
     * The field or type an identifier or a member select denotes; null when it is a local, an
     * expression's member (such as an array's length), or nothing that resolves.
     */
    public Element element(Tree tree) {
        Object o = meaning(tree);
        return o instanceof Element e && !(o instanceof PackageElement) ? e : null;
    }

    /**
     * The methods a call may mean, by name and arity (JLS 15.12.1-2): those of the innermost
     * enclosing class that has a method of that name, or of the static imports, or of the qualifying
     * type; empty when the call is on an expression or nothing matches.
     */
    public List<ExecutableElement> methods(MethodInvocationTree call) {
        return methods(call, call.getArguments().size());
    }

    /** The methods of the name a call names, of any number of parameters (for what an error says). */
    public List<ExecutableElement> methodsOfAnyArity(MethodInvocationTree call) {
        return methods(call, -1);
    }

    private List<ExecutableElement> methods(MethodInvocationTree call, int arity) {
        ExpressionTree select = call.getMethodSelect();
        if (select instanceof IdentifierTree id) {
            Name name = id.getName();
            for (TypeElement c = owner; c != null; c = enclosingType(c)) {
                List<ExecutableElement> found = methodsNamed(c, name, false);
                if (!found.isEmpty()) {
                    return byArity(found, arity);
                }
            }
            for (boolean onDemand : new boolean[] {false, true}) {
                List<ExecutableElement> found = new ArrayList<>();
                for (TypeElement t : staticImports(name, onDemand)) {
                    found.addAll(methodsNamed(t, name, true));
                }
                if (!found.isEmpty()) {
                    return byArity(found, arity);
                }
            }
            return List.of();
        }
        if (select instanceof MemberSelectTree s && meaning(s.getExpression()) instanceof TypeElement t) {
            return byArity(methodsNamed(t, s.getIdentifier(), false), arity);
        }
        return List.of();
    }

    /**
     * The one method of {@code candidates} that javac would pick for arguments of these types (JLS
     * 15.12.2: applicable by widening, then by variable arity; the most specific), or null when
     * none or several would do.
     */
    public ExecutableElement choose(List<ExecutableElement> candidates, List<Type> args) {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        for (boolean varargs : new boolean[] {false, true}) {
            List<ExecutableElement> applicable = new ArrayList<>();
            for (ExecutableElement m : candidates) {
                if (applicable(m, args, varargs)) {
                    applicable.add(m);
                }
            }
            List<ExecutableElement> best = new ArrayList<>();
            for (ExecutableElement m : applicable) {
                if (applicable.stream().allMatch(o -> o == m || moreSpecific(m, o))) {
                    best.add(m);
                }
            }
            if (best.size() == 1) {
                return best.get(0);
            }
            if (!applicable.isEmpty()) {
                return null;
            }
        }
        return null;
    }

    /**
     * The arguments as {@code m} receives them: for a call of variable arity, the trailing ones
     * gathered into an array, as javac does (JLS 15.12.4.2); null when they are arrays themselves
     * (the adjoint of an array of arrays built from array variables is not supported).
     */
    public List<Expr> asPassed(ExecutableElement m, List<Expr> args) {
        int n = m.getParameters().size();
        Type last = n == 0 ? null : types.typeOf(m.getParameters().get(n - 1).asType());
        if (!m.isVarArgs() || last == null || args.size() == n && args.get(n - 1).type() == last) {
            return args;
        }
        if (last.element().isArray()) {
            return null;
        }
        List<Expr> out = new ArrayList<>(args.subList(0, n - 1));
        out.add(new Expr.ArrayLit(last, List.copyOf(args.subList(n - 1, args.size()))));
        return out;
    }

    /** Whether {@code m} takes arguments of these types (by identity or widening, or as variable arguments). */
    public boolean takes(ExecutableElement m, List<Type> args) {
        return applicable(m, args, false) || applicable(m, args, true);
    }

    private boolean applicable(ExecutableElement m, List<Type> args, boolean varargs) {
        List<? extends VariableElement> params = m.getParameters();
        if (!varargs && params.size() != args.size() || varargs && !m.isVarArgs()) {
            return false;
        }
        for (int k = 0; k < args.size(); k++) {
            TypeMirror p = varargs && k >= params.size() - 1
                    ? ((ArrayType) params.get(params.size() - 1).asType()).getComponentType()
                    : params.get(k).asType();
            if (!widens(args.get(k), p)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a value of subset type {@code a} passes to {@code p} by identity or widening (JLS 5.3, strict). */
    private boolean widens(Type a, TypeMirror p) {
        if (a == null) {
            return false;
        }
        TypeKind k = p.getKind();
        switch (a) {
            case DOUBLE: return k == TypeKind.DOUBLE;
            case LONG: return k == TypeKind.LONG || k == TypeKind.FLOAT || k == TypeKind.DOUBLE;
            case INT: return k == TypeKind.INT || k == TypeKind.LONG || k == TypeKind.FLOAT || k == TypeKind.DOUBLE;
            case BOOLEAN: return k == TypeKind.BOOLEAN;
            case STRING: return k == TypeKind.DECLARED;
            default: return a.isArray() && types.typeOf(p) == a;
        }
    }

    /** Whether every parameter of {@code m} widens to the matching one of {@code o} (primitives and arrays). */
    private boolean moreSpecific(ExecutableElement m, ExecutableElement o) {
        if (m.getParameters().size() != o.getParameters().size()) {
            return false;
        }
        for (int k = 0; k < m.getParameters().size(); k++) {
            TypeMirror a = m.getParameters().get(k).asType();
            TypeMirror b = o.getParameters().get(k).asType();
            if (a.getKind().isPrimitive() && b.getKind().isPrimitive()) {
                if (rank(a.getKind()) > rank(b.getKind()) || rank(a.getKind()) < 0 || rank(b.getKind()) < 0
                        || (a.getKind() == TypeKind.BOOLEAN) != (b.getKind() == TypeKind.BOOLEAN)) {
                    return false;
                }
            } else if (types.typeOf(a) == null || types.typeOf(a) != types.typeOf(b)) {
                return false;
            }
        }
        return true;
    }

    private static int rank(TypeKind k) {
        switch (k) {
            case BOOLEAN: return 0;
            case INT: return 1;
            case LONG: return 2;
            case FLOAT: return 3;
            case DOUBLE: return 4;
            default: return -1;
        }
    }

    private static List<ExecutableElement> byArity(List<ExecutableElement> methods, int arity) {
        if (arity < 0) {
            return methods;
        }
        List<ExecutableElement> out = new ArrayList<>();
        for (ExecutableElement m : methods) {
            int n = m.getParameters().size();
            if (n == arity || m.isVarArgs() && arity >= n - 1) {
                out.add(m);
            }
        }
        return out;
    }

    /** A TypeElement, a field, a package (element or name), or null for a local or an expression. */
    private Object meaning(Tree tree) {
        if (tree instanceof ParameterizedTypeTree p) {
            return meaning(p.getType());
        }
        if (tree instanceof IdentifierTree id) {
            Name name = id.getName();
            if (isLocal.test(name.toString()) || name.contentEquals("this") || name.contentEquals("super")) {
                return null;
            }
            Element field = field(name);
            if (field != null) {
                return field;
            }
            TypeElement type = type(name);
            return type != null ? type : new PackageName(name.toString());
        }
        if (tree instanceof MemberSelectTree s) {
            Object q = meaning(s.getExpression());
            Name name = s.getIdentifier();
            if (q instanceof TypeElement t) {
                Element f = fieldOf(t, name);
                return f != null ? f : memberType(t, name);
            }
            if (q instanceof PackageName p) {
                String qualified = p.name() + "." + name;
                TypeElement t = elements.getTypeElement(qualified);
                return t != null ? t : new PackageName(qualified);
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- fields (JLS 6.5.6.1)

    private Element field(Name name) {
        for (TypeElement c = owner; c != null; c = enclosingType(c)) {
            Element f = fieldOf(c, name);
            if (f != null) {
                return f;
            }
        }
        for (boolean onDemand : new boolean[] {false, true}) {
            for (TypeElement t : staticImports(name, onDemand)) {
                Element f = fieldOf(t, name);
                if (f != null && f.getModifiers().contains(Modifier.STATIC)) {
                    return f;
                }
            }
        }
        return null;
    }

    /** The field {@code name} of {@code t}: declared there, or inherited (the nearest hides the others). */
    private Element fieldOf(TypeElement t, Name name) {
        for (Element e : t.getEnclosedElements()) {
            if (e.getKind().isField() && e.getSimpleName().contentEquals(name)) {
                return e;
            }
        }
        for (TypeElement s : supertypes(t)) {
            Element f = fieldOf(s, name);
            if (f != null && !f.getModifiers().contains(Modifier.PRIVATE)) {
                return f;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- methods

    /** The methods named {@code name} that are members of {@code t} (declared or inherited, not overridden). */
    private List<ExecutableElement> methodsNamed(TypeElement t, Name name, boolean onlyStatic) {
        List<ExecutableElement> out = new ArrayList<>();
        for (Element e : members.of(t)) {
            if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name)
                    && (!onlyStatic || e.getModifiers().contains(Modifier.STATIC))) {
                out.add((ExecutableElement) e);
            }
        }
        // a static method of a subclass hides its superclass's of the same signature (JLS 8.4.8.2): not a second candidate
        out.removeIf(m -> out.stream().anyMatch(o -> o != m && elements.hides(o, m)));
        return out;
    }

    // ---------------------------------------------------------------- types (JLS 6.5.5.1)

    private TypeElement type(Name name) {
        for (TypeElement c = owner; c != null; c = enclosingType(c)) {
            TypeElement t = memberType(c, name);
            if (t != null) {
                return t;
            }
        }
        for (ImportTree i : unit.getImports()) {
            if (!i.isStatic() && i.getQualifiedIdentifier() instanceof MemberSelectTree s
                    && s.getIdentifier().contentEquals(name)) {
                return elements.getTypeElement(s.toString());
            }
        }
        PackageElement pkg = elements.getPackageOf(owner);
        TypeElement same = elements.getTypeElement(pkg.isUnnamed() ? name : pkg.getQualifiedName() + "." + name);
        if (same != null) {
            return same;
        }
        for (ImportTree i : unit.getImports()) {
            if (!i.isStatic() && i.getQualifiedIdentifier() instanceof MemberSelectTree s
                    && s.getIdentifier().contentEquals("*")) {
                // the qualifier of an on-demand import is a canonical name (JLS 7.5.2): a type, whose member
                // types it imports, or a package; resolving it as an expression would come back here
                String qualifier = s.getExpression().toString();
                TypeElement imported = elements.getTypeElement(qualifier);
                TypeElement t = imported != null ? memberType(imported, name)
                        : elements.getTypeElement(qualifier + "." + name);
                if (t != null) {
                    return t;
                }
            }
        }
        return elements.getTypeElement("java.lang." + name);
    }

    private TypeElement memberType(TypeElement t, Name name) {
        for (Element e : members.of(t)) {
            if ((e.getKind().isClass() || e.getKind().isInterface()) && e.getSimpleName().contentEquals(name)) {
                return (TypeElement) e;
            }
        }
        return null;
    }

    /** The types named by the static imports that could import {@code name}, single or on demand. */
    private List<TypeElement> staticImports(Name name, boolean onDemand) {
        Set<TypeElement> out = new LinkedHashSet<>();
        for (ImportTree i : unit.getImports()) {
            if (i.isStatic() && i.getQualifiedIdentifier() instanceof MemberSelectTree s
                    && (onDemand ? s.getIdentifier().contentEquals("*") : s.getIdentifier().contentEquals(name))) {
                TypeElement t = elements.getTypeElement(s.getExpression().toString());
                if (t != null) {
                    out.add(t);
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static TypeElement enclosingType(TypeElement t) {
        Element e = t.getEnclosingElement();
        while (e != null && !(e instanceof TypeElement) && !(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        return e instanceof TypeElement te ? te : null;
    }

    private static List<TypeElement> supertypes(TypeElement t) {
        List<TypeElement> out = new ArrayList<>();
        List<TypeMirror> all = new ArrayList<>();
        all.add(t.getSuperclass());
        all.addAll(t.getInterfaces());
        for (TypeMirror m : all) {
            if (m instanceof DeclaredType d && d.asElement() instanceof TypeElement s) {
                out.add(s);
            }
        }
        return out;
    }
}
