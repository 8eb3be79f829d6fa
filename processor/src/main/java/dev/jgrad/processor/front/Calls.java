package dev.jgrad.processor.front;

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
        Resolver resolver = cx.resolver();
        List<ExecutableElement> candidates = resolver.methods(t);
        if (candidates.isEmpty()) {
            GeneratedCalls.rejectGradOfGrad(t, cx);
            throw cx.reject(Message.UNKNOWN_CALL, t, t.getMethodSelect().toString(), "the method could not be resolved");
        }
        List<Expr> args = cx.expressions.operands(path, t.getArguments(), pre);
        ExecutableElement m = resolver.choose(candidates, args.stream().map(Expr::type).toList());
        if (m == null) {
            throw cx.reject(Message.UNKNOWN_CALL, t, t.getMethodSelect().toString(),
                    "it is overloaded and jgrad cannot tell which method these arguments call; give the methods different names");
        }
        cx.env.resolutions().record(path, m, cx.owner);
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
        Rule rule = Rules.resolve(m);
        if (rule != null) {
            return dropped(statement, t, name, primitive(t, m, rule, args));
        }
        if (Rules.isMathFunction(m)) {
            throw cx.reject(Message.UNSUPPORTED_MATH, t, declaring.getSimpleName() + "." + name, Rules.names());
        }
        // a method of the same source class, nested ones included (a static nested class calling its
        // enclosing class's helper), or a @Grad method anywhere: its body is read and inlined
        boolean sameSource = ResolutionCheck.outermost(declaring).equals(ResolutionCheck.outermost(cx.owner));
        if (sameSource || m.getAnnotation(dev.jgrad.Grad.class) != null) {
            return cx.inliner.inline(t, m, args, pre);
        }
        Type type = cx.env.types().typeOf(m.getReturnType());
        if (type == null || type == Type.VOID || type == Type.STRING) {
            throw cx.reject(Message.UNKNOWN_CALL, t, name + "(...)",
                    "it is not a method of this class or a @Grad method, and it returns " + m.getReturnType());
        }
        for (int k = 0; k < args.size(); k++) {
            if (args.get(k).type().isArray()) {
                throw cx.reject(Message.UNKNOWN_CALL, t.getArguments().get(k), name + "(...)",
                        "an array passed to a method jgrad cannot see into could be changed by it; make the method a static method of this class, or mark it @Grad");
            }
        }
        if (!visible(declaring) || !visible(m)) {
            throw cx.reject(Message.NOT_VISIBLE, t, name, "method");
        }
        Call call = new Call(type, ownerName, name, List.copyOf(args));
        cx.origins.put(call, t, cx.unit);
        return dropped(statement, t, name, call);
    }

    /** {@code call}, unless it stands as a statement: then its result would be dropped, and it does nothing else. */
    private Expr dropped(boolean statement, MethodInvocationTree t, String name, Expr call) {
        if (statement) {
            throw cx.reject(Message.UNKNOWN_CALL, t, name,
                    "a call whose result is dropped can only be to a static method of this class or a @Grad method");
        }
        return call;
    }

    /**
     * Whether the generated class, in the package of the method being read, can name {@code e}:
     * public all the way out, or package-private in that package (protected counts as that too: the
     * generated class is no subclass).
     */
    boolean visible(Element e) {
        for (Element x = e; x != null && !(x instanceof javax.lang.model.element.PackageElement); x = x.getEnclosingElement()) {
            if (x.getModifiers().contains(Modifier.PRIVATE)) {
                return false;
            }
            if (!x.getModifiers().contains(Modifier.PUBLIC)
                    && !cx.env.elements().getPackageOf(x).equals(cx.env.elements().getPackageOf(cx.owner))) {
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
        if (type == null || !type.isNumeric()) {
            throw cx.reject(Message.UNSUPPORTED_TYPE, t, m.getReturnType().toString());
        }
        return new Expr.Prim(type, rule, List.copyOf(args));
    }
}
