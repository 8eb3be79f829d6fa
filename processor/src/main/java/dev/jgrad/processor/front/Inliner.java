package dev.jgrad.processor.front;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Lit;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Inlines a call to a user method, so that the transform sees one flat method: the helper's body is
 * read in a context of its own and its jumps are lowered, with its returns assigning the call's value.
 */
final class Inliner {
    private final BodyContext cx;

    Inliner(BodyContext cx) {
        this.cx = cx;
    }

    /**
     * Inlines a call to a user method: its parameters become locals bound to the arguments (arrays
     * by reference, as Java passes them), its locals get names of their own, and its returns assign
     * a local that stands for the call's value.
     */
    Expr inline(MethodInvocationTree t, ExecutableElement m, List<Expr> args, List<Stmt> pre) {
        if (cx.inlining.contains(m)) {
            throw cx.reject(Message.RECURSION, t, m.getSimpleName());
        }
        TreePath calleePath = cx.env.trees().getPath(m);
        if (calleePath == null) {
            throw cx.reject(Message.UNKNOWN_CALL, t, m.getSimpleName() + "(...)",
                    "its source is not part of this compilation; compile it together with this class");
        }
        Type returnType = cx.env.types().typeOf(m.getReturnType());
        if (returnType == null || returnType == Type.STRING) {
            throw cx.reject(Message.UNKNOWN_CALL, t, m.getSimpleName() + "(...)",
                    "it returns " + m.getReturnType() + "; helpers return double, int, long, boolean, double[], double[][], int[],"
                            + " boolean[] or nothing" + (RecordParams.recordType(m.getReturnType()) != null
                            ? " (not a record: read the record's component where it is needed, o.in().v(), or pass the"
                                    + " record itself to the helpers that read it)" : ""));
        }
        BodyContext callee = new BodyContext(cx.env, calleePath.getCompilationUnit(),
                (TypeElement) m.getEnclosingElement(), cx.names, cx.origins, cx.inlining, cx.helpers);
        cx.inlining.push(m);
        cx.helpers.inlining(m);
        int before = cx.env.diag().errorCount();
        try {
            List<Stmt> out = new ArrayList<>();
            out.add(new Stmt.Comment("inlined: " + BodyContext.oneLine(t.toString())));
            callee.scopes.push(new HashMap<>());
            List<? extends VariableElement> params = m.getParameters();
            MethodTree tree = (MethodTree) calleePath.getLeaf();
            Set<String> assigned = assignedNames(tree);
            for (int k = 0; k < params.size(); k++) {
                VariableElement p = params.get(k);
                RecordValue record = cx.recordArgs.get(args.get(k));
                if (record != null && RecordParams.recordType(p.asType()) == null) {
                    throw cx.reject(Message.RECORD_USE, t.getArguments().get(k), "'" + t.getArguments().get(k)
                            + "' is a record here", "pass it where the helper takes a record, or pass one of its components");
                }
                if (record != null || RecordParams.recordType(p.asType()) != null) {
                    if (record == null) {
                        throw cx.reject(Message.RECORD_USE, t.getArguments().get(k), "this argument is no record"
                                + " of parameters", "pass a record parameter, or a component of one that is a record");
                    }
                    callee.declareRecord(p.getSimpleName().toString(), record);
                    continue;
                }
                Type type = cx.env.types().typeOf(p.asType());
                if (type == null || type == Type.STRING) {
                    throw cx.reject(Message.UNSUPPORTED_TYPE, t, p.asType().toString());
                }
                Expr arg = args.get(k);
                boolean sameType = arg.type() == type;
                if (sameType && !assigned.contains(p.getSimpleName().toString())
                        && (arg instanceof Local || arg instanceof Lit)) {
                    // a parameter the helper never assigns is its argument itself: no copy
                    callee.scopes.peek().put(p.getSimpleName().toString(), arg instanceof Local l ? l : null);
                    if (arg instanceof Lit lit) {
                        callee.constants.put(p.getSimpleName().toString(), lit);
                    }
                    continue;
                }
                String name = cx.names.fresh(p.getSimpleName().toString());
                callee.scopes.peek().put(p.getSimpleName().toString(), new Local(type, name));
                if (arg instanceof Expr.NewArray n) {
                    arg = new Expr.NewArray(type, n.dims());
                }
                out.add(new Stmt.Decl(null, type, name, arg));
            }
            if (tree.getBody() == null) {
                throw cx.reject(Message.UNKNOWN_CALL, t, m.getSimpleName() + "(...)", "it has no body to differentiate through");
            }
            List<Stmt> body = callee.statements.block(new TreePath(calleePath, tree.getBody()));
            if (callee.errors > 0 || cx.env.diag().errorCount() > before) {
                cx.errors++;
                throw new BodyContext.Rejected();
            }
            String result = returnType == Type.VOID ? null : cx.names.fresh(m.getSimpleName().toString());
            if (result != null) {
                pre.add(new Stmt.Decl(null, returnType, result, null));
            }
            List<Stmt> inlined = Structure.inlined(body, cx.names, result == null ? null : new Local(returnType, result));
            if (!dev.jgrad.processor.ir.Flow.canComplete(inlined)) {
                // a helper that always throws: javac must still see the caller's next statement as reachable
                inlined = List.of(new Stmt.If(null, Lit.TRUE, inlined, List.of()));
            }
            out.addAll(inlined);
            pre.add(new Stmt.Block(null, out));
            return result == null ? new Lit(Type.VOID, "") : new Local(returnType, result);
        } finally {
            cx.inlining.pop();
        }
    }

    /**
     * Tries to inline a call to another class's method: null, with what kept it out in {@code why}
     * and nothing reported, if its body is outside the subset.
     */
    Expr attempt(MethodInvocationTree t, ExecutableElement m, List<Expr> args, List<Stmt> pre, List<String> why) {
        int errors = cx.errors;
        List<Stmt> own = new ArrayList<>();
        Expr result = cx.env.diag().trial(() -> {
            try {
                return inline(t, m, args, own);
            } catch (BodyContext.Rejected e) {
                return null;
            }
        }, why);
        if (result == null) {
            cx.errors = errors;
            return null;
        }
        pre.addAll(own);
        return result;
    }

    /** The names a method assigns (=, op=, ++, --) anywhere in its body. */
    private static Set<String> assignedNames(MethodTree tree) {
        Set<String> out = new java.util.HashSet<>();
        new com.sun.source.util.TreeScanner<Void, Void>() {
            private void target(ExpressionTree t) {
                if (t instanceof IdentifierTree id) {
                    out.add(id.getName().toString());
                }
            }

            @Override
            public Void visitAssignment(AssignmentTree node, Void unused) {
                target(node.getVariable());
                return super.visitAssignment(node, unused);
            }

            @Override
            public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
                target(node.getVariable());
                return super.visitCompoundAssignment(node, unused);
            }

            @Override
            public Void visitUnary(UnaryTree node, Void unused) {
                Tree.Kind k = node.getKind();
                if (k == Tree.Kind.PREFIX_INCREMENT || k == Tree.Kind.POSTFIX_INCREMENT
                        || k == Tree.Kind.PREFIX_DECREMENT || k == Tree.Kind.POSTFIX_DECREMENT) {
                    target(node.getExpression());
                }
                return super.visitUnary(node, unused);
            }
        }.scan(tree.getBody(), null);
        return out;
    }
}
