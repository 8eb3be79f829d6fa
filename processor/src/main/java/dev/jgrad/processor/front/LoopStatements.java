package dev.jgrad.processor.front;

import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Binary;
import dev.jgrad.processor.ir.Expr.Index;
import dev.jgrad.processor.ir.Expr.Lit;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Src;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Reads loops into IR: {@code while}, {@code do}/{@code while} and {@code for} (a condition that
 * inlines a call moved into the body, or into the update for a do/while), and an enhanced {@code for}
 * as a counted loop over its array, evaluated once. Their bodies are read by {@link Statements}.
 */
final class LoopStatements {
    private final BodyContext cx;

    LoopStatements(BodyContext cx) {
        this.cx = cx;
    }

    /**
     * A loop. A condition that inlines a call cannot stay in the loop header, so such a loop becomes
     * {@code for (init; ; update) { pre; if (!cond) break; body }}, which {@link Structure} lowers. A
     * do/while's test goes where a {@code continue} in the body jumps to, the update:
     * {@code for (;; pre, if (!cond) break) body}.
     */
    void loop(Src src, List<Stmt> init, TreePath condPath, List<Stmt> update, TreePath bodyPath,
            boolean testAfter, List<Stmt> out) {
        List<Stmt> pre = new ArrayList<>();
        Expr cond;
        List<Stmt> body;
        cx.helpers.enterLoop();
        try {
            cond = condPath == null ? null : cx.statements.condition(condPath, pre);
            body = cx.statements.body(bodyPath);
        } finally {
            cx.helpers.exitLoop();
        }
        if (pre.isEmpty()) {
            if (testAfter) {
                out.addAll(init);
                out.add(new Stmt.While(src, cond, body, true));
            } else if (init.isEmpty() && update.isEmpty() && cond != null) {
                out.add(new Stmt.While(src, cond, body, false));
            } else {
                out.add(new Stmt.For(src, init, cond, update, body));
            }
            return;
        }
        List<Stmt> exit = new ArrayList<>(pre);
        exit.add(new Stmt.If(null, dev.jgrad.processor.ir.Exprs.not(cond), List.of(new Stmt.Break(null)), List.of()));
        if (testAfter) {
            out.addAll(init);
            out.add(new Stmt.For(src, List.of(), null, exit, body));
            return;
        }
        List<Stmt> newBody = new ArrayList<>(exit);
        newBody.addAll(body);
        out.add(new Stmt.For(src, init, null, update, newBody));
    }

    void forLoop(TreePath path, List<Stmt> out) {
        ForLoopTree t = (ForLoopTree) path.getLeaf();
        cx.scopes.push(new HashMap<>());
        try {
            List<Stmt> init = new ArrayList<>();
            for (StatementTree s : t.getInitializer()) {
                cx.statements.statement(new TreePath(path, s), init);
            }
            List<Stmt> update = new ArrayList<>();
            for (ExpressionStatementTree s : t.getUpdate()) {
                cx.statements.expressionStatement(new TreePath(new TreePath(path, s), s.getExpression()), update);
            }
            if (update.stream().anyMatch(s -> !(s instanceof Stmt.Assign))) {
                throw cx.reject(Message.UNSUPPORTED_STATEMENT, t, "a call in a for update", "move it into the loop body");
            }
            TreePath cond = t.getCondition() == null ? null : new TreePath(path, t.getCondition());
            loop(cx.src(t), init, cond, update, new TreePath(path, t.getStatement()), false, out);
        } finally {
            cx.scopes.pop();
        }
    }

    /**
     * {@code for (double v : a) body} becomes {@code for (int i = 0; i < a.length; i++) { double v = a[i]; body }},
     * over a local of its own holding the array if {@code a} is no local or the body assigns it: Java
     * evaluates the array once.
     */
    void enhancedFor(TreePath path, List<Stmt> out) {
        EnhancedForLoopTree t = (EnhancedForLoopTree) path.getLeaf();
        Expr array = cx.expressions.expr(new TreePath(path, t.getExpression()), out);
        if (!array.type().isArray()) {
            throw cx.reject(Message.UNSUPPORTED_STATEMENT, t.getExpression(), "a for-each over something other than an array",
                    "iterate over a double[], double[][] or int[]");
        }
        Src src = cx.src(t);
        cx.scopes.push(new HashMap<>());
        try {
            String index = cx.names.fresh(t.getVariable().getName() + "Index");
            Local i = new Local(Type.INT, index);
            VariableTree v = t.getVariable();
            Type type = v.getType() == null || TypeTrees.isVar(v.getType())
                    ? array.type().element() : cx.typeTrees.declaredType(new TreePath(new TreePath(path, v), v.getType()));
            String name = cx.names.fresh(v.getName().toString());
            cx.scopes.peek().put(v.getName().toString(), new Local(type, name));
            List<Stmt> user;
            cx.helpers.enterLoop();
            try {
                user = cx.statements.body(new TreePath(path, t.getStatement()));
            } finally {
                cx.helpers.exitLoop();
            }
            if (!(array instanceof Local l) || ArrayValues.assigns(user, l)) {
                array = ArrayValues.bind(array, out, cx.names);
            }
            List<Stmt> body = new ArrayList<>();
            body.add(new Stmt.Decl(null, type, name, new Index(array.type().element(), array, i)));
            body.addAll(user);
            out.add(new Stmt.For(src,
                    List.of(new Stmt.Decl(null, Type.INT, index, Lit.ofInt(0))),
                    new Binary(Type.BOOLEAN, BinaryOp.LT, i, new Expr.Length(array)),
                    List.of(new Stmt.Assign(null, i, new Binary(Type.INT, BinaryOp.ADD, i, Lit.ofInt(1)))),
                    body));
        } finally {
            cx.scopes.pop();
        }
    }
}
