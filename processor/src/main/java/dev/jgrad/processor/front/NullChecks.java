package dev.jgrad.processor.front;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.rules.Library;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * Argument checks against null, as careful Java code writes them: {@code if (x == null) throw ...},
 * {@code x != null && ...}, and {@code Objects.requireNonNull(x)} or {@code (x, "message")} as a
 * statement. Arrays only (a record parameter stands for its components). A test is a call of
 * {@code Objects.isNull} or {@code nonNull}, which reads no element and never throws; the statement is
 * {@code if (x == null) throw new NullPointerException(message)}, the exception the source throws.
 */
final class NullChecks {
    private NullChecks() {}

    /** {@code e == null} or {@code e != null} (either side null) read as a test; null for any other comparison. */
    static Expr comparison(BodyContext cx, TreePath path, List<Stmt> pre) {
        BinaryTree t = (BinaryTree) path.getLeaf();
        boolean equal = t.getKind() == Tree.Kind.EQUAL_TO;
        if (!equal && t.getKind() != Tree.Kind.NOT_EQUAL_TO) {
            return null;
        }
        boolean leftNull = isNull(t.getLeftOperand());
        if (!leftNull && !isNull(t.getRightOperand())) {
            return null;
        }
        ExpressionTree other = leftNull ? t.getRightOperand() : t.getLeftOperand();
        Expr e = cx.expressions.expr(new TreePath(path, other), pre);
        if (!e.type().isArray()) {
            throw cx.reject(Message.UNSUPPORTED_EXPRESSION, t, "comparing " + other + " with null",
                    "only an array can be null here; compare arrays with null, and nothing else");
        }
        return Library.nullTest(e, equal);
    }

    /**
     * Reads {@code Objects.requireNonNull(x)} or {@code (x, "message")} standing as a statement into
     * {@code out}; false if the call is not one.
     */
    static boolean statement(BodyContext cx, TreePath path, List<Stmt> out) {
        MethodInvocationTree t = (MethodInvocationTree) path.getLeaf();
        if (!isRequireNonNull(cx.resolver().methods(t))) {
            return false;
        }
        Expr checked = cx.expressions.expr(new TreePath(path, t.getArguments().get(0)), out);
        if (!checked.type().isArray()) {
            throw cx.reject(Message.UNSUPPORTED_EXPRESSION, t.getArguments().get(0), "requireNonNull of a value that is not an array",
                    "only an array can be null here; remove the check");
        }
        List<Expr> message = new ArrayList<>();
        List<Stmt> pre = new ArrayList<>();
        cx.messages++;
        try {
            for (ExpressionTree a : t.getArguments().subList(1, t.getArguments().size())) {
                message.add(cx.expressions.expr(new TreePath(path, a), pre));
            }
        } finally {
            cx.messages--;
        }
        if (!pre.isEmpty() || message.stream().anyMatch(m -> m.type() != dev.jgrad.processor.ir.Type.STRING)) {
            throw cx.reject(Message.UNSUPPORTED_EXPRESSION, t.getArguments().get(1), "this message",
                    "give requireNonNull a message built from constants and strings");
        }
        Stmt fail = new Stmt.Throw(cx.src(t), Library.nullPointerException(), message);
        out.add(new Stmt.If(cx.src(t), Library.nullTest(checked, true), List.of(fail), List.of()));
        return true;
    }

    /** Whether a call resolves to {@code Objects.requireNonNull} (used for its value, it is rejected). */
    static boolean isRequireNonNull(List<ExecutableElement> candidates) {
        return !candidates.isEmpty() && candidates.stream().allMatch(Library::isRequireNonNull);
    }

    private static boolean isNull(ExpressionTree e) {
        return e.getKind() == Tree.Kind.NULL_LITERAL;
    }
}
