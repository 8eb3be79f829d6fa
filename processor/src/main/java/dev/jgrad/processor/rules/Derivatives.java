package dev.jgrad.processor.rules;

import dev.jgrad.Derivative;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Rule;
import dev.jgrad.processor.ir.Rule.Reads;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The user's rules: a function whose partial derivatives are given by {@code @Derivative} methods is a
 * primitive, like {@code Math.sin}; its rule is made here when a call first resolves to it, and kept,
 * so that every call to it carries the same rule. The partial in argument {@code k} is a call to the
 * derivative method for parameter {@code k} with the call's arguments, so reverse mode, {@code @Jit}
 * and any later mode read it as they read the table's rules.
 *
 * <p>Everything is read through the element API, never through trees: a function and its partials
 * from a jar (the annotation's retention is CLASS) work as those of the compilation do.
 */
public final class Derivatives {
    /** What a call to a function with {@code @Derivative} methods resolves to: a rule, or why not. */
    public sealed interface Lookup {}

    /**
     * The function is a primitive of this rule. {@code missing} says, for each {@code double} parameter
     * without a partial, what to report at a call that passes it anything but a constant (a constant
     * carries no derivative, so its partial is never needed); {@code missingArrays} the same for each
     * array parameter without a partial, reported only where the argument turns out active (a data array
     * needs none), since the rule lets its activity flow through.
     */
    public record Primitive(Rule rule, List<ExecutableElement> partials, Map<Integer, Problem> missing,
            Map<Integer, Problem> missingArrays) implements Lookup {}

    /** The function has partials, but the call cannot use them: say so at the call. */
    public record Problem(Message message, List<Object> args) implements Lookup {
        public Object[] arguments() {
            return args.toArray();
        }
    }

    private final Elements elements;
    private final Types types;
    private final Map<ExecutableElement, Lookup> rules = new HashMap<>();

    public Derivatives(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    // ---------------------------------------------------------------- at a call

    /** Whether {@code rule} is that of a function with {@code @Derivative} methods (a rule made here). */
    public boolean isCustom(Rule rule) {
        return rules.values().stream().anyMatch(l -> l instanceof Primitive p && p.rule() == rule);
    }

    /** For each array parameter of a user primitive's function without a partial, what to report at an active argument. */
    public Map<Integer, Problem> missingArrays(Rule rule) {
        Primitive p = primitiveOf(rule);
        return p == null ? Map.of() : p.missingArrays();
    }

    /** The primitive whose rule is {@code rule} (a rule made here), or null. */
    public Primitive primitiveOf(Rule rule) {
        return rules.values().stream().filter(l -> l instanceof Primitive p && p.rule() == rule)
                .map(l -> (Primitive) l).findFirst().orElse(null);
    }

    /**
     * The rule of a call to {@code function}, made once per function; null when no {@code @Derivative}
     * method names it (then it is no user primitive).
     */
    public Lookup resolve(ExecutableElement function) {
        if (rules.containsKey(function)) {
            return rules.get(function);
        }
        Lookup found = make(function);
        rules.put(function, found);
        return found;
    }

    private Lookup make(ExecutableElement function) {
        List<ExecutableElement> partials = partialsOf(function);
        if (partials.isEmpty()) {
            return null;
        }
        String name = function.getSimpleName().toString();
        for (ExecutableElement d : partials) {
            List<Problem> problems = check(d);
            if (!problems.isEmpty()) {
                Problem p = problems.get(0);
                return new Problem(Message.DERIVATIVE_UNUSABLE, List.of(name, p.message().format(p.arguments())
                        .replaceFirst("^\\[[A-Za-z]+\\] ", "")));
            }
        }
        List<? extends VariableElement> params = function.getParameters();
        ExecutableElement[] byParam = new ExecutableElement[params.size()];
        for (ExecutableElement d : partials) {
            byParam[indexOf(params, d.getAnnotation(Derivative.class).wrt())] = d;
        }
        List<Reads> reads = new ArrayList<>();
        Integer[] all = new Integer[params.size()];
        for (int k = 0; k < all.length; k++) {
            all[k] = k;
        }
        Map<Integer, Problem> missing = new HashMap<>();
        Map<Integer, Problem> missingArrays = new HashMap<>();
        for (int k = 0; k < params.size(); k++) {
            TypeMirror t = params.get(k).asType();
            if ((isDouble(t) || isDoubleArray(t)) && byParam[k] == null) {
                String owner = function.getEnclosingElement().getSimpleName().toString();
                String pname = params.get(k).getSimpleName().toString();
                String given = partials.stream().map(d -> "'" + d.getAnnotation(Derivative.class).wrt() + "'")
                        .collect(Collectors.joining(", "));
                String declaration = "    @Derivative(of = \"" + name + "\", wrt = \"" + pname + "\")\n    static "
                        + t + " " + name + "D" + pname + "(" + params.stream().map(p -> p.asType() + " "
                        + p.getSimpleName()).collect(Collectors.joining(", ")) + ")";
                String only = name + " has @Derivative methods for " + given + " only" + (isDouble(t) ? ""
                        : ", and this call passes it an array that depends on the differentiated inputs (a data"
                                + " array needs no partial)");
                (isDouble(t) ? missing : missingArrays).put(k, new Problem(Message.DERIVATIVE_MISSING, List.of(name,
                        pname, only, owner, declaration)));
            }
            // an array without a partial lets activity flow (its missing partial is an error where it is active)
            reads.add(byParam[k] != null || isDoubleArray(t) ? Reads.args(all) : null);
        }
        String owner = elements.getBinaryName((TypeElement) function.getEnclosingElement()).toString();
        String label = function.getEnclosingElement().getSimpleName() + ".";
        List<String> names = new ArrayList<>();
        List<Type> arrays = new ArrayList<>();
        List<String> paramNames = new ArrayList<>();
        for (int k = 0; k < byParam.length; k++) {
            ExecutableElement d = byParam[k];
            names.add(d == null ? null : d.getSimpleName().toString());
            arrays.add(arrayType(params.get(k).asType()));
            paramNames.add(params.get(k).getSimpleName().toString());
        }
        Rule rule = new Rule(owner, name, reads, (args, result) -> {
            List<Expr> out = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) {
                String d = names.get(k);
                Type array = arrays.get(k);
                if (d == null) {
                    out.add(null);
                } else if (array == null) {
                    out.add(new Expr.Call(Type.DOUBLE, owner, d, List.copyOf(args)));
                } else {
                    // the partial in an array: checked against the argument's shape before anything reads it
                    out.add(new Expr.Call(array, PARTIALS, "checked", List.of(string(label + d),
                            string(paramNames.get(k)), new Expr.Call(array, owner, d, List.copyOf(args)), args.get(k))));
                }
            }
            return out;
        });
        return new Primitive(rule, List.copyOf(partials), Map.copyOf(missing), Map.copyOf(missingArrays));
    }

    /** The {@code @Derivative} methods of {@code function}: in its class, naming it, with its parameters. */
    private List<ExecutableElement> partialsOf(ExecutableElement function) {
        List<ExecutableElement> out = new ArrayList<>();
        for (Element e : function.getEnclosingElement().getEnclosedElements()) {
            if (e.getKind() == ElementKind.METHOD && e.getAnnotation(Derivative.class) != null
                    && e.getAnnotation(Derivative.class).of().equals(function.getSimpleName().toString())
                    && sameParameters((ExecutableElement) e, function)) {
                out.add((ExecutableElement) e);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- at the annotation

    /**
     * What is wrong with a {@code @Derivative} method, each problem to be reported at its annotation:
     * not static, no function of that name and parameters, no parameter {@code wrt}, a return type other
     * than that parameter's, or a second method for the same partial.
     */
    public List<Problem> check(ExecutableElement d) {
        List<Problem> out = new ArrayList<>();
        Derivative a = d.getAnnotation(Derivative.class);
        String name = d.getSimpleName().toString();
        if (!d.getModifiers().contains(Modifier.STATIC)) {
            out.add(new Problem(Message.DERIVATIVE_SIGNATURE, List.of(name, "must be static: make it static")));
        }
        List<ExecutableElement> named = new ArrayList<>();
        for (Element e : d.getEnclosingElement().getEnclosedElements()) {
            if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(a.of())) {
                named.add((ExecutableElement) e);
            }
        }
        String params = signature(d);
        if (named.isEmpty()) {
            out.add(new Problem(Message.DERIVATIVE_OF, List.of(a.of(), name, d.getEnclosingElement().getSimpleName()
                    + " has no method named '" + a.of() + "': name the function this method is the derivative of,"
                    + " a static method of the same class")));
            return out;
        }
        ExecutableElement function = named.stream().filter(f -> sameParameters(f, d)).findFirst().orElse(null);
        if (function == null) {
            out.add(new Problem(Message.DERIVATIVE_OF, List.of(a.of(), name, "no method '" + a.of()
                    + "' takes the parameters " + params + ": give the derivative exactly the parameters of the function ("
                    + named.stream().map(Derivatives::signature).collect(Collectors.joining(" or ")) + ")")));
            return out;
        }
        if (!function.getModifiers().contains(Modifier.STATIC) || function.getReturnType().getKind() != TypeKind.DOUBLE) {
            out.add(new Problem(Message.DERIVATIVE_OF, List.of(a.of(), name, "the function must be static and return"
                    + " double, as a primitive of a differentiated method does")));
            return out;
        }
        int k = indexOf(d.getParameters(), a.wrt());
        if (k < 0 && namesLost(d)) {
            out.add(new Problem(Message.DERIVATIVE_WRT, List.of(a.wrt(), name, "the class file of "
                    + d.getEnclosingElement().getSimpleName() + " keeps no parameter names, so no parameter is"
                    + " named '" + a.wrt() + "': compile it with -parameters (Maven: <parameters>true</parameters>)"
                    + " or with -g (the default of Maven and Gradle)")));
            return out;
        }
        if (k < 0) {
            out.add(new Problem(Message.DERIVATIVE_WRT, List.of(a.wrt(), name, "'" + a.of() + "' has no parameter '"
                    + a.wrt() + "': the parameters are " + d.getParameters().stream()
                    .map(p -> p.getSimpleName().toString()).toList())));
            return out;
        }
        TypeMirror t = d.getParameters().get(k).asType();
        if (isDoubleArray(t) && arrayType(t) == null) {
            out.add(new Problem(Message.DERIVATIVE_WRT, List.of(a.wrt(), name, "parameter '" + a.wrt() + "' is a " + t
                    + ", which the differentiable subset does not have: give the function double, double[] or"
                    + " double[][] parameters")));
            return out;
        }
        if (!isDouble(t) && !isDoubleArray(t)) {
            out.add(new Problem(Message.DERIVATIVE_WRT, List.of(a.wrt(), name, "parameter '" + a.wrt() + "' is a " + t
                    + ", which carries no derivative: only double, double[] and double[][] parameters have partial"
                    + " derivatives")));
            return out;
        }
        if (!types.isSameType(d.getReturnType(), t)) {
            String shape = isDouble(t) ? "" : " (an array of the shape of '" + a.wrt() + "', entry by entry the"
                    + " partial in that entry)";
            out.add(new Problem(Message.DERIVATIVE_SIGNATURE, List.of(name, "returns " + d.getReturnType()
                    + ", but the partial in '" + a.wrt() + "' has that parameter's type" + shape + ": declare it as"
                    + " static " + t + " " + name + signatureWithNames(d))));
        }
        for (Element e : d.getEnclosingElement().getEnclosedElements()) {
            if (e.equals(d)) {
                break;
            }
            Derivative other = e.getAnnotation(Derivative.class);
            if (e.getKind() == ElementKind.METHOD && other != null && other.of().equals(a.of())
                    && other.wrt().equals(a.wrt()) && sameParameters((ExecutableElement) e, d)) {
                out.add(new Problem(Message.DERIVATIVE_SIGNATURE, List.of(name, "is a second partial of '" + a.of()
                        + "' in '" + a.wrt() + "', after '" + e.getSimpleName() + "': keep one")));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private boolean sameParameters(ExecutableElement a, ExecutableElement b) {
        if (a.getParameters().size() != b.getParameters().size()) {
            return false;
        }
        for (int k = 0; k < a.getParameters().size(); k++) {
            if (!types.isSameType(types.erasure(a.getParameters().get(k).asType()),
                    types.erasure(b.getParameters().get(k).asType()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the parameter names are javac's stand-ins ({@code arg0}) for a class file that keeps none. */
    private static boolean namesLost(ExecutableElement m) {
        for (int k = 0; k < m.getParameters().size(); k++) {
            if (!m.getParameters().get(k).getSimpleName().contentEquals("arg" + k)) {
                return false;
            }
        }
        return !m.getParameters().isEmpty();
    }

    private static int indexOf(List<? extends VariableElement> params, String name) {
        for (int k = 0; k < params.size(); k++) {
            if (params.get(k).getSimpleName().contentEquals(name)) {
                return k;
            }
        }
        return -1;
    }

    private static String signature(ExecutableElement m) {
        return "(" + m.getParameters().stream().map(p -> p.asType().toString()).collect(Collectors.joining(", ")) + ")";
    }

    private static String signatureWithNames(ExecutableElement m) {
        return "(" + m.getParameters().stream().map(p -> p.asType() + " " + p.getSimpleName())
                .collect(Collectors.joining(", ")) + ")";
    }

    /** The runtime class whose methods check and contract the partials in arrays. */
    private static final String PARTIALS = "dev.jgrad.runtime.Partials";

    private static Expr string(String text) {
        return new Expr.Lit(Type.STRING, "\"" + text + "\"");
    }

    /** {@code double[]} and {@code double[][]} as IR types; null for anything else. */
    private static Type arrayType(TypeMirror t) {
        if (t.getKind() != TypeKind.ARRAY) {
            return null;
        }
        TypeMirror e = ((ArrayType) t).getComponentType();
        if (e.getKind() == TypeKind.DOUBLE) {
            return Type.DOUBLE_ARRAY;
        }
        return e.getKind() == TypeKind.ARRAY && ((ArrayType) e).getComponentType().getKind() == TypeKind.DOUBLE
                ? Type.DOUBLE_MATRIX : null;
    }

    private static boolean isDouble(TypeMirror t) {
        return t.getKind() == TypeKind.DOUBLE;
    }

    /** {@code double[]}, {@code double[][]}, ...: an array of doubles of any depth. */
    private static boolean isDoubleArray(TypeMirror t) {
        if (t.getKind() != TypeKind.ARRAY) {
            return false;
        }
        while (t.getKind() == TypeKind.ARRAY) {
            t = ((ArrayType) t).getComponentType();
        }
        return t.getKind() == TypeKind.DOUBLE;
    }
}
