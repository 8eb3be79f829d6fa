package dev.jgrad.processor.front;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Binary;
import dev.jgrad.processor.ir.Expr.Cast;
import dev.jgrad.processor.ir.Expr.Index;
import dev.jgrad.processor.ir.Expr.Lit;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Src;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Reads statements into IR: blocks and their scopes, declarations, assignments in Java's order of
 * evaluation, branches, throw and assert; loops are {@link LoopStatements}'. Every construct outside
 * the subset is reported at its own tree.
 */
final class Statements {
    private final BodyContext cx;

    Statements(BodyContext cx) {
        this.cx = cx;
    }

    List<Stmt> block(TreePath path) {
        cx.scopes.push(new HashMap<>());
        try {
            List<Stmt> out = new ArrayList<>();
            List<? extends StatementTree> statements = ((BlockTree) path.getLeaf()).getStatements();
            for (int k = 0; k < statements.size(); k++) {
                TreePath s = new TreePath(path, statements.get(k));
                if (!OpsSubstitution.applies(cx, path, statements, k) || !OpsSubstitution.declare(cx, s, out)) {
                    statementInto(s, out);
                }
            }
            return out;
        } finally {
            cx.scopes.pop();
        }
    }

    /** A statement in a position of its own (loop body, branch): its own scope. */
    List<Stmt> body(TreePath path) {
        if (path.getLeaf() instanceof BlockTree) {
            return block(path);
        }
        cx.scopes.push(new HashMap<>());
        try {
            List<Stmt> out = new ArrayList<>();
            statementInto(path, out);
            return out;
        } finally {
            cx.scopes.pop();
        }
    }

    /** Reads one statement, appending it (and what its calls inline) to {@code out}. */
    private void statementInto(TreePath path, List<Stmt> out) {
        try {
            statement(path, out);
        } catch (BodyContext.Rejected e) {
            // reported; go on with the next statement to find every error of the method
        }
    }

    void statement(TreePath path, List<Stmt> out) {
        Tree tree = path.getLeaf();
        switch (tree.getKind()) {
            case BLOCK:
                out.add(new Stmt.Block(null, block(path)));
                return;
            case EMPTY_STATEMENT:
                return;
            case VARIABLE:
                declaration(path, out);
                return;
            case EXPRESSION_STATEMENT:
                expressionStatement(new TreePath(path, ((ExpressionStatementTree) tree).getExpression()), out);
                return;
            case IF: {
                IfTree t = (IfTree) tree;
                Expr cond = condition(new TreePath(path, t.getCondition()), out);
                List<Stmt> then = body(new TreePath(path, t.getThenStatement()));
                List<Stmt> otherwise = t.getElseStatement() == null
                        ? List.of() : body(new TreePath(path, t.getElseStatement()));
                out.add(new Stmt.If(cx.src(tree), cond, then, otherwise));
                return;
            }
            case WHILE_LOOP: {
                WhileLoopTree t = (WhileLoopTree) tree;
                cx.loops.loop(cx.src(tree), List.of(), new TreePath(path, t.getCondition()), List.of(),
                        new TreePath(path, t.getStatement()), false, out);
                return;
            }
            case DO_WHILE_LOOP: {
                DoWhileLoopTree t = (DoWhileLoopTree) tree;
                cx.loops.loop(cx.src(tree), List.of(), new TreePath(path, t.getCondition()), List.of(),
                        new TreePath(path, t.getStatement()), true, out);
                return;
            }
            case FOR_LOOP:
                cx.loops.forLoop(path, out);
                return;
            case ENHANCED_FOR_LOOP:
                cx.loops.enhancedFor(path, out);
                return;
            case BREAK:
                if (((BreakTree) tree).getLabel() != null) {
                    throw cx.reject(Message.UNSUPPORTED_STATEMENT, tree, "a labeled break",
                            "use a boolean flag and an unlabeled break");
                }
                out.add(new Stmt.Break(cx.src(tree)));
                return;
            case CONTINUE:
                if (((ContinueTree) tree).getLabel() != null) {
                    throw cx.reject(Message.UNSUPPORTED_STATEMENT, tree, "a labeled continue",
                            "use a boolean flag and an unlabeled continue");
                }
                out.add(new Stmt.Continue(cx.src(tree)));
                return;
            case RETURN: {
                ReturnTree t = (ReturnTree) tree;
                Expr value = t.getExpression() == null ? null : cx.expressions.expr(new TreePath(path, t.getExpression()), out);
                out.add(new Stmt.Return(cx.src(tree), value));
                return;
            }
            case THROW:
                throwStatement(path, out);
                return;
            case ASSERT: {
                AssertTree t = (AssertTree) tree;
                List<Stmt> pre = new ArrayList<>();
                Expr cond = cx.expressions.expr(new TreePath(path, t.getCondition()), pre);
                cx.messages++;
                Expr detail;
                try {
                    detail = t.getDetail() == null ? null : cx.expressions.expr(new TreePath(path, t.getDetail()), pre);
                } finally {
                    cx.messages--;
                }
                if (!pre.isEmpty()) {
                    throw cx.reject(Message.UNSUPPORTED_STATEMENT, tree, "a call in an assert",
                            "compute the value into a local before the assert");
                }
                out.add(new Stmt.Assert(cx.src(tree), cond, detail));
                return;
            }
            case LABELED_STATEMENT:
                throw cx.reject(Message.UNSUPPORTED_STATEMENT, tree, "a labeled statement",
                        "use a boolean flag with unlabeled break and continue");
            case SWITCH:
                throw cx.reject(Message.UNSUPPORTED_STATEMENT, tree, "switch", "use if/else");
            case TRY:
                throw cx.reject(Message.UNSUPPORTED_STATEMENT, tree, "try",
                        "check arguments with if and throw instead of catching");
            case SYNCHRONIZED:
                throw cx.reject(Message.UNSUPPORTED_STATEMENT, tree, "synchronized",
                        "generated code shares no state, so no lock is needed; remove it");
            case CLASS:
            case INTERFACE:
            case ENUM:
            case RECORD:
                throw cx.reject(Message.UNSUPPORTED_STATEMENT, tree, "a local class",
                        "declare it outside the differentiated method");
            default:
                throw cx.reject(Message.UNSUPPORTED_STATEMENT, tree, "this statement (" + tree.getKind() + ")",
                        "rewrite it with the statements of the subset (see the README)");
        }
    }

    private void declaration(TreePath path, List<Stmt> out) {
        VariableTree t = (VariableTree) path.getLeaf();
        String user = t.getName().toString();
        if (cx.recordReads.declaration(path)) {
            return;
        }
        Expr init;
        try {
            init = t.getInitializer() == null ? null : assignedValue(new TreePath(path, t.getInitializer()), out);
        } catch (BodyContext.Rejected e) {
            // declare it anyway, so that its uses raise no errors of their own
            Type type = t.getType() == null || TypeTrees.isVar(t.getType()) ? null : TypeTrees.quietType(t.getType());
            if (type != null) {
                cx.scopes.peek().put(user, new Local(type, cx.names.fresh(user)));
            } else {
                cx.declareRecord(user, RecordValue.REJECTED);
            }
            throw e;
        }
        Type type;
        if (t.getType() == null || TypeTrees.isVar(t.getType())) {
            if (init == null) {
                throw cx.reject(Message.UNSUPPORTED_TYPE, t, "var without an initialiser");
            }
            type = init.type();
            if (type == Type.STRING || type == Type.VOID) {
                throw cx.reject(Message.UNSUPPORTED_TYPE, t, type.java());
            }
        } else {
            try {
                type = cx.typeTrees.declaredType(new TreePath(path, t.getType()));
            } catch (BodyContext.Rejected e) {
                cx.declareRecord(user, RecordValue.REJECTED);
                throw e;
            }
        }
        if (init != null && !(init instanceof Expr.NewArray) && !(init instanceof Expr.ArrayLit)
                && !assignable(init.type(), type)) {
            // javac rejects it too, but after jgrad: the generated code would repeat the error and add its own
            cx.scopes.peek().put(user, new Local(type, cx.names.fresh(user)));
            throw cx.reject(Message.INCOMPATIBLE, t.getInitializer(), init.type().java(), type.java());
        }
        if (init instanceof Expr.NewArray n && type.isArray()) {
            init = new Expr.NewArray(type, n.dims());
        }
        if (init instanceof Expr.ArrayLit a && type.isArray()) {
            init = TypeTrees.retypeArrayLit(a, type);
        }
        String name = cx.names.fresh(user);
        Local local = new Local(type, name);
        cx.scopes.peek().put(user, local);
        out.add(new Stmt.Decl(cx.src(t), type, name, init));
    }

    /**
     * Whether Java may assign a value of type {@code from} to a variable of type {@code to}, as far as jgrad can
     * tell: false only for an array for a scalar or the other way, and a boolean for a number or the other way.
     * Numeric narrowing (double to int) and arrays of other elements are javac's to say: the types jgrad gives a
     * call or an array literal need not be javac's there.
     */
    private static boolean assignable(Type from, Type to) {
        if (from == null || to == null || from == to) {
            return true;
        }
        boolean numericFrom = from == Type.INT || from == Type.LONG || from == Type.DOUBLE;
        boolean numericTo = to == Type.INT || to == Type.LONG || to == Type.DOUBLE;
        boolean scalarFrom = numericFrom || from == Type.BOOLEAN;
        boolean scalarTo = numericTo || to == Type.BOOLEAN;
        if (scalarFrom && scalarTo) {
            return numericFrom == numericTo;
        }
        return !(scalarFrom && to.isArray() || from.isArray() && scalarTo);
    }

    void expressionStatement(TreePath path, List<Stmt> out) {
        Tree tree = path.getLeaf();
        Src src = cx.src(tree);
        switch (tree.getKind()) {
            case ASSIGNMENT:
            case PLUS_ASSIGNMENT:
            case MINUS_ASSIGNMENT:
            case MULTIPLY_ASSIGNMENT:
            case DIVIDE_ASSIGNMENT:
            case REMAINDER_ASSIGNMENT:
            case AND_ASSIGNMENT:
            case OR_ASSIGNMENT:
            case XOR_ASSIGNMENT:
            case LEFT_SHIFT_ASSIGNMENT:
            case RIGHT_SHIFT_ASSIGNMENT:
            case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
                assignment(path, out);
                return;
            case PREFIX_INCREMENT:
            case POSTFIX_INCREMENT:
            case PREFIX_DECREMENT:
            case POSTFIX_DECREMENT: {
                UnaryTree t = (UnaryTree) tree;
                Expr target = target(new TreePath(path, t.getExpression()), out);
                boolean inc = tree.getKind() == Tree.Kind.PREFIX_INCREMENT
                        || tree.getKind() == Tree.Kind.POSTFIX_INCREMENT;
                Expr one = target.type() == Type.DOUBLE ? Lit.ofDouble(1.0) : Lit.ofInt(1);
                out.add(new Stmt.Assign(src, target,
                        compound(target, inc ? BinaryOp.ADD : BinaryOp.SUB, one, tree)));
                return;
            }
            case METHOD_INVOCATION:
                if (!Printing.statement(cx, path, out) && !NullChecks.statement(cx, path, out)) {
                    cx.calls.call(path, out, true);
                }
                return;
            default:
                throw cx.reject(Message.UNSUPPORTED_STATEMENT, tree, "this expression statement",
                        "only assignments, ++, -- and calls can stand as statements");
        }
    }

    /**
     * An assignment ({@code =} or {@code op=}) run as statements in Java's order: the target's array
     * and index, then (for {@code op=}) its old value, then the right side. Returns the target, which
     * then holds the value assigned: the value of a chain {@code a = b = e} is {@code b}'s.
     */
    private Expr assignment(TreePath path, List<Stmt> out) {
        Tree tree = path.getLeaf();
        Src src = cx.src(tree);
        boolean plain = tree instanceof AssignmentTree;
        ExpressionTree variable = plain ? ((AssignmentTree) tree).getVariable()
                : ((CompoundAssignmentTree) tree).getVariable();
        ExpressionTree expression = plain ? ((AssignmentTree) tree).getExpression()
                : ((CompoundAssignmentTree) tree).getExpression();
        Expr target = target(new TreePath(path, variable), out);
        List<Stmt> later = new ArrayList<>();
        Expr value = assignedValue(new TreePath(path, expression), later);
        if (target instanceof Index i) {
            target = new Index(i.type(), Order.settle(i.array(), later, out, cx.names),
                    Order.settle(i.index(), later, out, cx.names));
        }
        if (plain) {
            out.addAll(later);
            if (value instanceof Expr.NewArray n && target.type().isArray()) {
                value = new Expr.NewArray(target.type(), n.dims());
            }
            if (ArrayValues.readsOwnTarget(target, value)) {
                // t = new double[] {t[0] * x}: the new array is built whole before t names it
                value = ArrayValues.bind(value, out, cx.names);
            }
            out.add(new Stmt.Assign(src, target, value));
        } else {
            Expr old = Order.settle(target, later, out, cx.names);
            out.addAll(later);
            out.add(new Stmt.Assign(src, target, compound(old, TypeTrees.compoundOp(tree.getKind()), value, tree)));
        }
        return target;
    }

    /** The right side of an assignment or an initialiser: an expression, or an assignment itself (a chain). */
    private Expr assignedValue(TreePath path, List<Stmt> pre) {
        TreePath inner = path;
        while (inner.getLeaf() instanceof ParenthesizedTree p) {
            inner = new TreePath(inner, p.getExpression());
        }
        Tree.Kind kind = inner.getLeaf().getKind();
        if (kind == Tree.Kind.ASSIGNMENT || inner.getLeaf() instanceof CompoundAssignmentTree) {
            return assignment(inner, pre);
        }
        return cx.expressions.expr(path, pre);
    }

    /** {@code t op= v} as {@code t = (T) (t op v)}, the cast only where Java narrows implicitly. */
    private Expr compound(Expr target, BinaryOp op, Expr value, Tree tree) {
        Type t = target.type();
        if (!t.isNumeric() && !(t == Type.BOOLEAN && (op == BinaryOp.AND || op == BinaryOp.OR || op == BinaryOp.XOR))) {
            throw cx.reject(Message.UNSUPPORTED_EXPRESSION, tree, "this compound assignment", "write it out in full");
        }
        Type result = cx.typeTrees.binaryType(op, t, value.type(), tree);
        Expr combined = new Binary(result, op, target, value);
        return result == t ? combined : new Cast(t, combined);
    }

    /** The left side of an assignment: a local, a parameter or an array element. */
    private Expr target(TreePath path, List<Stmt> out) {
        Tree tree = path.getLeaf();
        if (tree instanceof ParenthesizedTree p) {
            return target(new TreePath(path, p.getExpression()), out);
        }
        if (tree instanceof IdentifierTree id) {
            Local local = cx.lookup(id.getName().toString());
            if (local != null) {
                return local;
            }
            RecordValue record = cx.lookupRecord(id.getName().toString());
            if (record == RecordValue.REJECTED) {
                throw cx.recordReads.quietly();
            }
            if (record != null) {
                throw cx.reject(Message.RECORD_USE, tree, "assigning the record '" + id.getName() + "'",
                        "declare a new local for the other record");
            }
            throw cx.reject(Message.FIELD_WRITE, tree, id.getName());
        }
        if (tree instanceof ArrayAccessTree) {
            return cx.expressions.expr(path, out);
        }
        if (tree instanceof MemberSelectTree m) {
            throw cx.reject(Message.FIELD_WRITE, tree, m.getIdentifier());
        }
        throw cx.reject(Message.UNSUPPORTED_EXPRESSION, tree, "this assignment target", "assign a local or an array element");
    }

    Expr condition(TreePath path, List<Stmt> out) {
        Expr cond = cx.expressions.expr(path, out);
        if (cond.type() != Type.BOOLEAN) {
            throw cx.reject(Message.UNSUPPORTED_EXPRESSION, path.getLeaf(), "a condition that is not boolean", "compare");
        }
        return cond;
    }

    private void throwStatement(TreePath path, List<Stmt> out) {
        ThrowTree t = (ThrowTree) path.getLeaf();
        if (!(t.getExpression() instanceof NewClassTree n) || n.getClassBody() != null) {
            throw cx.reject(Message.THROW, t);
        }
        TreePath newPath = new TreePath(path, n);
        Element type = cx.resolve(new TreePath(newPath, n.getIdentifier()));
        if (!(type instanceof TypeElement te)) {
            throw cx.reject(Message.THROW, t);
        }
        if (!cx.calls.visible(te)) {
            throw cx.reject(Message.NOT_VISIBLE, n.getIdentifier(), te.getSimpleName(), "exception class");
        }
        List<Expr> args = new ArrayList<>();
        List<Stmt> pre = new ArrayList<>();
        cx.messages++;
        try {
            for (ExpressionTree a : n.getArguments()) {
                args.add(cx.expressions.expr(new TreePath(newPath, a), pre));
            }
        } finally {
            cx.messages--;
        }
        if (!pre.isEmpty()) {
            throw cx.reject(Message.THROW, t);
        }
        out.add(new Stmt.Throw(cx.src(t), cx.env.elements().getBinaryName(te).toString(), args));
    }
}
