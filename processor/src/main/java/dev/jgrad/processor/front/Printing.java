package dev.jgrad.processor.front;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.rules.Library;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Printing in a differentiated method, as JAX's {@code jax.debug.print}: {@code System.out.println},
 * {@code print} and {@code printf} (and on {@code System.err}), with {@code String.format} among their
 * arguments, are kept as statements that run in the forward sweep only, once each, in the order of
 * the source. They are never differentiated, and the reverse sweep needs nothing they print. A loop
 * that prints is never split over threads (the lines would come out of order).
 */
final class Printing {
    private Printing() {}

    /** Reads {@code System.out.println(...)} as a statement into {@code out}; false if the call is no printing. */
    static boolean statement(BodyContext cx, TreePath path, List<Stmt> out) {
        MethodInvocationTree t = (MethodInvocationTree) path.getLeaf();
        if (!(t.getMethodSelect() instanceof MemberSelectTree s)
                || !Library.isPrint(s.getIdentifier(), t.getArguments().size())) {
            return false;
        }
        Element stream = cx.resolver().element(s.getExpression());
        if (!cx.env.library().isStandardStream(stream)) {
            return false;
        }
        cx.env.resolutions().record(new TreePath(new TreePath(path, s), s.getExpression()), stream, cx.owner);
        List<Expr> args = new ArrayList<>();
        cx.messages++;
        try {
            for (ExpressionTree a : t.getArguments()) {
                Expr e = cx.expressions.expr(new TreePath(path, a), out);
                if (e.type().isArray()) {
                    throw cx.reject(Message.UNSUPPORTED_EXPRESSION, a, "printing an array (it prints as [D@1b6d3586)",
                            "print its elements");
                }
                args.add(e);
            }
        } finally {
            cx.messages--;
        }
        String system = cx.env.elements().getBinaryName((TypeElement) stream.getEnclosingElement()).toString();
        out.add(new Stmt.Run(new Expr.Call(Type.VOID, system, stream.getSimpleName() + "." + s.getIdentifier(),
                List.copyOf(args))));
        return true;
    }

    /**
     * {@code String.format(...)}, or {@code Arrays.toString(a)} of a one-dimensional array (which only
     * reads it), where strings may appear (printing, exception messages), or null for any
     * other call; its arguments were read already.
     */
    static Expr format(BodyContext cx, List<ExecutableElement> candidates, List<Expr> args) {
        if (cx.messages > 0 && !candidates.isEmpty() && candidates.stream().allMatch(Library::isArrayText)
                && args.size() == 1 && args.get(0).type().isArray()
                && args.get(0).type() != Type.DOUBLE_MATRIX) {
            return new Expr.Call(Type.STRING, "java.util.Arrays", "toString", List.copyOf(args));
        }
        if (cx.messages == 0 || candidates.isEmpty() || !candidates.stream().allMatch(Library::isStringFormat)
                || args.isEmpty() || args.get(0).type() != Type.STRING) {
            return null;
        }
        ExecutableElement m = candidates.get(0);
        String owner = cx.env.elements().getBinaryName((TypeElement) m.getEnclosingElement()).toString();
        return new Expr.Call(Type.STRING, owner, m.getSimpleName().toString(), List.copyOf(args));
    }
}
