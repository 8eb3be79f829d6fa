package dev.jgrad.processor.front;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.rules.Rules;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * Forward substitution of an Ops local into its one use, as XLA fuses a producer into its single
 * consumer: in {@code double[][] h = tanh(add(matmul(x, w1), b1)); return mean(... matvec(h, w2) ...);}
 * {@code h} is no array but the view it was computed from, read by {@code matvec} element by element,
 * so that the two statements are the one expression they stand for. The value is the same bit for bit
 * (each element is computed by the same operations) and so are the shape checks, which run where the
 * local is declared. Taken only where nothing can tell the difference: the local's initialiser is an
 * Ops call, the next statement (a return or a declaration) is the only one that names the local, names
 * it once, as an argument of an Ops call, and calls nothing but Ops and {@code Math} functions and
 * assigns nothing, so that no array the view reads can change before it is read.
 */
final class OpsSubstitution {
    private OpsSubstitution() {}

    /** Whether the declaration {@code statements[k]} of block {@code block} is substituted into the next statement. */
    static boolean applies(BodyContext cx, TreePath block, List<? extends StatementTree> statements, int k) {
        if (!(statements.get(k) instanceof VariableTree v) || v.getInitializer() == null || k + 1 >= statements.size()
                || !isOpsCall(cx, new TreePath(new TreePath(block, v), unwrap(v.getInitializer())))) {
            return false;
        }
        StatementTree next = statements.get(k + 1);
        if (!(next instanceof ReturnTree || next instanceof VariableTree nv && nv.getInitializer() != null)) {
            return false;
        }
        String name = v.getName().toString();
        for (int j = k + 2; j < statements.size(); j++) {
            if (uses(statements.get(j), name) != 0) {
                return false;
            }
        }
        Check check = new Check(cx, name);
        check.scan(new TreePath(block, next), null);
        return check.ok && check.uses == 1;
    }

    /**
     * Reads the declaration as a view for its one use (its shape checks and the loops of its
     * reductions go into {@code out}); false when its declared type is not that of the view.
     */
    static boolean declare(BodyContext cx, TreePath path, List<Stmt> out) {
        VariableTree v = (VariableTree) path.getLeaf();
        Type type = v.getType() == null || TypeTrees.isVar(v.getType()) ? null : TypeTrees.quietType(v.getType());
        if (type != Type.DOUBLE_ARRAY && type != Type.DOUBLE_MATRIX) {
            return false;
        }
        String user = v.getName().toString();
        try {
            OpsViews.Value view = OpsLowering.view(cx, new TreePath(path, unwrap(v.getInitializer())), out);
            if (!(type == Type.DOUBLE_ARRAY ? view instanceof OpsViews.Vec : view instanceof OpsViews.Mat)) {
                throw new IllegalStateException("an Ops call of type " + type.java() + " gave " + view);
            }
            cx.views.put(user, view);
        } catch (BodyContext.Rejected e) {
            // reported; declared anyway, so that its use raises no error of its own
            cx.scopes.peek().put(user, new Local(type, cx.names.fresh(user)));
        }
        return true;
    }

    private static ExpressionTree unwrap(ExpressionTree e) {
        while (e instanceof ParenthesizedTree p) {
            e = p.getExpression();
        }
        return e;
    }

    private static boolean isOpsCall(BodyContext cx, TreePath p) {
        return p.getLeaf() instanceof MethodInvocationTree t && OpsLowering.isOps(cx.resolver().methods(t));
    }

    private static int uses(Tree t, String name) {
        int[] n = {0};
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree id, Void unused) {
                n[0] += id.getName().contentEquals(name) ? 1 : 0;
                return null;
            }
        }.scan(t, null);
        return n[0];
    }

    /** Counts the uses of the local in the next statement, each of which must be an Ops call's argument. */
    private static final class Check extends TreePathScanner<Void, Void> {
        private final BodyContext cx;
        private final String name;
        int uses;
        boolean ok = true;

        Check(BodyContext cx, String name) {
            this.cx = cx;
            this.name = name;
        }

        @Override
        public Void visitIdentifier(IdentifierTree id, Void unused) {
            if (id.getName().contentEquals(name)) {
                uses++;
                TreePath p = getCurrentPath().getParentPath();
                while (p.getLeaf() instanceof ParenthesizedTree) {
                    p = p.getParentPath();
                }
                ok &= isOpsCall(cx, p) && ((MethodInvocationTree) p.getLeaf()).getArguments().stream()
                        .anyMatch(a -> unwrap(a) == id);
            }
            return null;
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree t, Void unused) {
            if (cx.recordReads.isComponentRead(getCurrentPath())) {
                return super.visitMethodInvocation(t, unused);
            }
            List<ExecutableElement> candidates = cx.resolver().methods(t);
            ok &= !candidates.isEmpty() && (OpsLowering.isOps(candidates) || candidates.stream().allMatch(Rules::isMathFunction));
            return super.visitMethodInvocation(t, unused);
        }

        @Override
        public Void visitAssignment(AssignmentTree t, Void unused) {
            ok = false;
            return null;
        }

        @Override
        public Void visitCompoundAssignment(CompoundAssignmentTree t, Void unused) {
            ok = false;
            return null;
        }

        @Override
        public Void visitUnary(UnaryTree t, Void unused) {
            switch (t.getKind()) {
                case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> ok = false;
                default -> { }
            }
            return super.visitUnary(t, unused);
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree t, Void unused) {
            ok = false;
            return null;
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree t, Void unused) {
            ok = false;
            return null;
        }

        @Override
        public Void visitNewClass(NewClassTree t, Void unused) {
            ok = false;
            return null;
        }
    }
}
