package dev.jgrad.processor.front;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Call;
import dev.jgrad.processor.ir.Rule;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.rules.Rules;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Reads calls: resolves each to the method javac would pick, then makes it a primitive of the rule
 * table, an inlined user method, or an external call kept as it is, and checks that the generated
 * class can see what it names.
 */
final class Calls {
    private final BodyContext cx;

    Calls(BodyContext cx) {
        this.cx = cx;
    }

    /** Why a call resolves to no method: one of a value (an instance method), a wrong number of arguments, or no such name. */
    private BodyContext.Rejected unresolved(MethodInvocationTree t, Resolver resolver) {
        String called = t.getMethodSelect().toString();
        ExpressionTree receiver = t.getMethodSelect() instanceof MemberSelectTree s ? s.getExpression() : null;
        if (receiver instanceof MethodInvocationTree inner) {
            return cx.reject(Message.UNKNOWN_CALL, t, called + "(...)", "it is a method of what " + inner.getMethodSelect()
                    + "(...) returns (a record's component, or an instance method): a helper cannot return a record or"
                    + " an object to a differentiated method; return a double[] holding the values instead, or write them"
                    + " into an array argument");
        }
        // a value: a local or parameter, an expression, or a field or enum constant (Kind.A.scale(x))
        if (receiver != null && (!(receiver instanceof MemberSelectTree)
                && (!(receiver instanceof IdentifierTree id) || cx.lookup(id.getName().toString()) != null)
                || resolver.element(receiver) instanceof javax.lang.model.element.VariableElement)) {
            return cx.reject(Message.UNKNOWN_CALL, t, called + "(...)", "it is a method of a value (an instance method), and a"
                    + " differentiated method calls static methods only; write a static method that takes what it needs");
        }
        List<ExecutableElement> named = resolver.methodsOfAnyArity(t);
        if (!named.isEmpty()) {
            String arities = named.stream().map(m -> String.valueOf(m.getParameters().size())).distinct().sorted()
                    .collect(java.util.stream.Collectors.joining(" or "));
            return cx.reject(Message.UNKNOWN_CALL, t, called + "(...)", "it is given " + t.getArguments().size()
                    + " argument(s), and each method of that name takes " + arities);
        }
        return cx.reject(Message.UNKNOWN_CALL, t, called + "(...)", "no method of that name is in scope; check its spelling"
                + " (javac's \"cannot find symbol\", which it reports only once jgrad's errors are fixed)");
    }

    /**
     * A call: a primitive of the rule table (resolved here, once, by the method javac resolved the call
     * to), a user method (inlined: its statements go to {@code pre} and its result is a local), or
     * another static method, kept as a call that the activity check later allows only with inactive
     * arguments. As a statement ({@code statement}), only an inlined call keeps a meaning.
     */
    Expr call(TreePath path, List<Stmt> pre, boolean statement) {
        MethodInvocationTree t = (MethodInvocationTree) path.getLeaf();
        if (ArrayCopies.isClone(t)) {
            return ArrayCopies.copy(cx.expressions.expr(new TreePath(path, ArrayCopies.receiver(t)), pre), t, pre, cx);
        }
        Expr component = cx.recordReads.component(path);
        if (component != null) {
            return dropped(statement, t, t.getMethodSelect().toString(), component);
        }
        Resolver resolver = cx.resolver();
        List<ExecutableElement> candidates = resolver.methods(t);
        if (candidates.isEmpty()) {
            GeneratedCalls.rejectGradOfGrad(t, cx);
            Hints.unresolved(cx, t);
            throw unresolved(t, resolver);
        }
        if (NullChecks.isRequireNonNull(candidates)) {
            throw cx.reject(Message.UNKNOWN_CALL, t, "requireNonNull(...)",
                    "it is used for its value; make it a statement of its own (Objects.requireNonNull(x);) and then use x");
        }
        if (OpsLowering.isOps(candidates)) {
            // an Ops call and the Ops calls in its arguments become loops, read as one expression
            return OpsLowering.lower(cx, path, pre, statement);
        }
        List<Expr> args = operands(path, pre);
        Expr formatted = Printing.format(cx, candidates, args);
        if (formatted != null) {
            return formatted;
        }
        ExecutableElement m = resolver.choose(candidates, args.stream().map(Expr::type).toList());
        if (m == null) {
            throw cx.reject(Message.UNKNOWN_CALL, t, t.getMethodSelect().toString(),
                    "it is overloaded and jgrad cannot tell which method these arguments call; give the methods different names");
        }
        cx.env.resolutions().record(path, m, cx.owner);
        Hints.resolved(cx, t, m);
        args = resolver.asPassed(m, args);
        if (args == null) {
            throw cx.reject(Message.UNKNOWN_CALL, t, m.getSimpleName() + "(...)",
                    "its variable arguments are arrays, which jgrad cannot gather into one; pass a double[][] variable");
        }
        String name = m.getSimpleName().toString();
        TypeElement declaring = (TypeElement) m.getEnclosingElement();
        String ownerName = cx.env.elements().getBinaryName(declaring).toString();
        if (!m.getModifiers().contains(Modifier.STATIC)) {
            throw cx.reject(Message.UNKNOWN_CALL, t, name + "(...)",
                    "it is an instance method; only static methods can be differentiated through");
        }
        boolean takesRecord = args.stream().anyMatch(cx.recordArgs::containsKey);
        boolean sameSource = ResolutionCheck.outermost(declaring).equals(ResolutionCheck.outermost(cx.owner));
        boolean hasSource = cx.env.trees().getPath(m) != null;
        if (takesRecord && (sameSource || hasSource || m.getAnnotation(dev.jgrad.Grad.class) != null)) {
            return cx.inliner.inline(t, m, args, pre);
        }
        if (takesRecord) {
            throw cx.reject(Message.RECORD_USE, t, "passing a record to " + name + "(...)",
                    "a record can be passed only to a static helper compiled in this build, which jgrad inlines");
        }
        Rule rule = Rules.resolve(m);
        if (rule != null) {
            return dropped(statement, t, name, primitive(t, m, rule, args));
        }
        if (Rules.isMathFunction(m)) {
            throw cx.reject(Message.UNSUPPORTED_MATH, t, declaring.getSimpleName() + "." + name, Rules.names());
        }
        Expr custom = UserPrimitives.call(cx, t, m, args, pre);
        if (custom != null) {
            return dropped(statement, t, name, custom);
        }
        Rule pullback = statement ? null : cx.helpers.pullback(m);
        if (pullback != null) {
            // a helper with a derivative method of its own: the call stays a call (HelperCalls), its
            // value in a local as an inlined call's is, which the reverse sweep reads rather than call again
            String result = cx.names.fresh(name);
            pre.add(new Stmt.Decl(null, Type.DOUBLE, result, new Expr.Prim(Type.DOUBLE, pullback, List.copyOf(args))));
            return new Expr.Local(Type.DOUBLE, result);
        }
        // a method of the same source class, nested ones included (a static nested class calling its
        // enclosing class's helper), or a @Grad method anywhere: its body is read and inlined
        if (sameSource || m.getAnnotation(dev.jgrad.Grad.class) != null) {
            return cx.inliner.inline(t, m, args, pre);
        }
        // another class's method compiled in this build: inlined like a helper of this class if its
        // body is in the subset, else kept as a call, which may then take only inactive arguments
        List<String> why = new java.util.ArrayList<>();
        if (hasSource) {
            Expr inlined = cx.inliner.attempt(t, m, args, pre, why);
            if (inlined != null) {
                return inlined;
            }
        }
        String seeInto = hasSource ? "jgrad cannot differentiate through its body ("
                + (why.isEmpty() ? "outside the subset" : why.get(0)) + ")"
                : "its source is not part of this compilation (a library's method), so jgrad cannot see into it";
        Type type = cx.env.types().typeOf(m.getReturnType());
        if (type == null || type == Type.VOID || type == Type.STRING) {
            if (hasSource) {
                return cx.inliner.inline(t, m, args, pre); // reports what keeps its body out, where it is
            }
            if (type == Type.VOID && args.stream().anyMatch(a -> a.type().isArray())) {
                throw cx.reject(Message.UNKNOWN_CALL, t, name + "(...)", "it returns nothing: it writes into the arrays"
                        + " passed to it, which the gradient would miss (" + seeInto + "); write a for loop that does it");
            }
            throw cx.reject(Message.UNKNOWN_CALL, t, name + "(...)", seeInto + ", and it returns " + m.getReturnType()
                    + ", which is not a type of the subset: call a method that returns double, int, long, boolean or an array of them (no boxed Double)");
        }
        for (int k = 0; k < args.size(); k++) {
            if (args.get(k).type().isArray()) {
                if (hasSource) {
                    return cx.inliner.inline(t, m, args, pre);
                }
                boolean copy = ((TypeElement) m.getEnclosingElement()).getQualifiedName().contentEquals("java.util.Arrays")
                        && m.getSimpleName().toString().startsWith("copyOf");
                throw cx.reject(Message.UNKNOWN_CALL, t.getArguments().get(k), name + "(...)", seeInto + "; an array"
                        + " passed to it could be changed by it: " + (copy ? "for a copy write a.clone() (same length), or"
                        + " a for loop into a new double[n]" : "compute with the array in this build's code"));
            }
        }
        if (!visible(declaring) || !visible(m)) {
            if (hasSource) {
                return cx.inliner.inline(t, m, args, pre);
            }
            throw cx.reject(Message.NOT_VISIBLE, t, name, "method");
        }
        Call call = new Call(type, ownerName, name, List.copyOf(args));
        cx.origins.put(call, t, cx.unit);
        if (hasSource) {
            cx.origins.because(call, seeInto);
        }
        return dropped(statement, t, name, call);
    }

    /**
     * The arguments of a call, read left to right as {@link Expressions#operands} reads them; a
     * record argument ({@code p}, {@code p.inner()}) is a placeholder that a helper's parameter binds.
     */
    private List<Expr> operands(TreePath path, List<Stmt> pre) {
        MethodInvocationTree t = (MethodInvocationTree) path.getLeaf();
        List<Expr> values = new java.util.ArrayList<>();
        List<List<Stmt>> statements = new java.util.ArrayList<>();
        for (com.sun.source.tree.ExpressionTree a : t.getArguments()) {
            TreePath at = new TreePath(path, a);
            RecordValue record = cx.recordReads.value(at);
            if (record == RecordValue.REJECTED) {
                // a record local whose declaration was rejected (already reported)
                throw cx.recordReads.quietly();
            }
            List<Stmt> own = new java.util.ArrayList<>();
            values.add(record != null ? cx.recordReads.argument(record) : cx.expressions.expr(at, own));
            statements.add(own);
        }
        return Order.inOrder(values, statements, pre, cx.names);
    }

    /** {@code call}, unless it stands as a statement: then its result would be dropped, and it does nothing else. */
    private Expr dropped(boolean statement, MethodInvocationTree t, String name, Expr call) {
        if (statement) {
            throw cx.reject(Message.UNKNOWN_CALL, t, name,
                    "a call whose result is dropped can only be to a helper jgrad inlines (a static method compiled in this build, whose body is in the subset)");
        }
        return call;
    }

    /**
     * Whether the generated class, in the package of the method being differentiated (not that of a
     * helper inlined into it), can name {@code e}:
     * public all the way out, or package-private in that package (protected counts as that too: the
     * generated class is no subclass).
     */
    boolean visible(Element e) {
        for (Element x = e; x != null && !(x instanceof javax.lang.model.element.PackageElement); x = x.getEnclosingElement()) {
            if (x.getModifiers().contains(Modifier.PRIVATE)) {
                return false;
            }
            if (!x.getModifiers().contains(Modifier.PUBLIC)
                    && !cx.env.elements().getPackageOf(x).equals(cx.env.elements().getPackageOf(cx.inlining.peekLast()))) {
                return false;
            }
            if (x instanceof TypeElement te && te.getNestingKind() != javax.lang.model.element.NestingKind.TOP_LEVEL
                    && te.getNestingKind() != javax.lang.model.element.NestingKind.MEMBER) {
                return false;
            }
        }
        return true;
    }

    /** A call of a primitive: typed by the method javac resolved it to ({@code Math.abs(int)} is an int). */
    private Expr primitive(MethodInvocationTree t, ExecutableElement m, Rule rule, List<Expr> args) {
        for (Expr a : args) {
            if (!a.type().isNumeric()) {
                throw cx.reject(Message.UNSUPPORTED_EXPRESSION, t, rule.name() + " of " + a.type().java(), "pass numbers");
            }
        }
        Type type = cx.env.types().typeOf(m.getReturnType());
        if (m.getReturnType().getKind() == javax.lang.model.type.TypeKind.FLOAT) {
            // Math.signum(k) of an int k: javac takes the float overload, the closest to int
            List<String> doubles = new java.util.ArrayList<>();
            t.getArguments().forEach(a -> doubles.add("(double) " + a));
            String callee = t.getMethodSelect().toString();
            throw cx.reject(Message.UNSUPPORTED_EXPRESSION, t, "the float version of " + callee
                    + " (javac's choice for an int argument)", "pass a double: " + callee + "("
                    + String.join(", ", doubles) + ")");
        }
        if (type == null || !type.isNumeric()) {
            throw cx.reject(Message.UNSUPPORTED_TYPE, t, m.getReturnType().toString());
        }
        return new Expr.Prim(type, rule, List.copyOf(args));
    }
}
