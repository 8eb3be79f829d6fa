package dev.jgrad.processor.front;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Binary;
import dev.jgrad.processor.ir.Expr.Call;
import dev.jgrad.processor.ir.Expr.Cast;
import dev.jgrad.processor.ir.Expr.Index;
import dev.jgrad.processor.ir.Expr.Lit;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Origins;
import dev.jgrad.processor.ir.Rule;
import dev.jgrad.processor.ir.Src;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.UnaryOp;
import dev.jgrad.processor.rules.Rules;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Reads the body of a method through the Compiler Tree API into IR: checks that every construct is
 * in the differentiable subset (reporting each one that is not at its own tree), types the subset
 * itself (bodies may not be attributed yet), gives every local a name of its own, and inlines calls
 * to the user's static methods so that the transform sees one flat method.
 */
public final class MethodReader {
    /** A failure already reported: unwinds the reader of one construct. */
    private static final class Rejected extends RuntimeException {
        Rejected() {
            super(null, null, false, false);
        }
    }

    private final Env env;
    private final CompilationUnitTree unit;
    private final TypeElement owner;
    private final Names names;
    private final Origins origins;
    private final Deque<ExecutableElement> inlining;
    private final Deque<Map<String, Local>> scopes = new ArrayDeque<>();
    /** The text of the compilation unit, read once, for literals as they are spelled. */
    private CharSequence source;
    /** Parameters of an inlined helper bound to a literal argument: read as the literal. */
    private final Map<String, Lit> constants = new HashMap<>();
    private int errors;
    /** Above zero while reading an exception or assert message, the one place strings may appear. */
    private int messages;

    private MethodReader(Env env, CompilationUnitTree unit, TypeElement owner, Names names, Origins origins,
            Deque<ExecutableElement> inlining) {
        this.env = env;
        this.unit = unit;
        this.owner = owner;
        this.names = names;
        this.origins = origins;
        this.inlining = inlining;
    }

    /**
     * Reads a method whose signature was already checked; returns null after reporting every error in
     * it.
     */
    public static Method read(Env env, ExecutableElement method) {
        TreePath path = env.trees().getPath(method);
        MethodReader reader = new MethodReader(env, path.getCompilationUnit(),
                (TypeElement) method.getEnclosingElement(), new Names(), new Origins(), new ArrayDeque<>());
        reader.inlining.push(method);
        // a constant of this class, qualified in generated code, starts with the package's first segment
        String pkg = env.elements().getPackageOf(method).getQualifiedName().toString();
        reader.names.reserve(pkg.isEmpty() ? "java" : pkg.split("\\.")[0]);
        List<Method.Param> params = new ArrayList<>();
        reader.scopes.push(new HashMap<>());
        for (VariableElement p : method.getParameters()) {
            String name = p.getSimpleName().toString();
            Type type = env.types().typeOf(p.asType());
            reader.names.param(name);
            reader.scopes.peek().put(name, new Local(type, name));
            params.add(new Method.Param(name, type));
        }
        MethodTree tree = (MethodTree) path.getLeaf();
        List<Stmt> body = reader.block(new TreePath(path, tree.getBody()));
        if (reader.errors > 0) {
            return null;
        }
        body = Structure.method(body, reader.names);
        return new Method(method.getSimpleName().toString(), List.copyOf(params), body, reader.names,
                reader.origins);
    }

    // ---------------------------------------------------------------- errors

    private Rejected reject(Message message, Tree tree, Object... args) {
        errors++;
        env.diag().error(message, tree, unit, args);
        return new Rejected();
    }

    private Src src(Tree tree) {
        long pos = env.trees().getSourcePositions().getStartPosition(unit, tree);
        long line = pos < 0 ? 0 : unit.getLineMap().getLineNumber(pos);
        String text = oneLine(tree.toString());
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1);
        }
        if (tree instanceof ForLoopTree || tree instanceof EnhancedForLoopTree || tree instanceof WhileLoopTree
                || tree instanceof IfTree) {
            text = header(text);
        }
        Src src = new Src(text, line);
        origins.put(src, tree, unit);
        return src;
    }

    /** {@code for (int i = 0; i < n; i++)} of a whole loop: up to the parenthesis that closes the header. */
    private static String header(String statement) {
        int depth = 0;
        for (int k = 0; k < statement.length(); k++) {
            char c = statement.charAt(k);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return statement.substring(0, k + 1);
            }
        }
        return statement;
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("\\s+", " ").trim();
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }

    // ---------------------------------------------------------------- statements

    private List<Stmt> block(TreePath path) {
        scopes.push(new HashMap<>());
        try {
            List<Stmt> out = new ArrayList<>();
            for (StatementTree s : ((BlockTree) path.getLeaf()).getStatements()) {
                statementInto(new TreePath(path, s), out);
            }
            return out;
        } finally {
            scopes.pop();
        }
    }

    /** A statement in a position of its own (loop body, branch): its own scope. */
    private List<Stmt> body(TreePath path) {
        if (path.getLeaf() instanceof BlockTree) {
            return block(path);
        }
        scopes.push(new HashMap<>());
        try {
            List<Stmt> out = new ArrayList<>();
            statementInto(path, out);
            return out;
        } finally {
            scopes.pop();
        }
    }

    /** Reads one statement, appending it (and what its calls inline) to {@code out}. */
    private void statementInto(TreePath path, List<Stmt> out) {
        try {
            statement(path, out);
        } catch (Rejected e) {
            // reported; go on with the next statement to find every error of the method
        }
    }

    private void statement(TreePath path, List<Stmt> out) {
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
                out.add(new Stmt.If(src(tree), cond, then, otherwise));
                return;
            }
            case WHILE_LOOP: {
                WhileLoopTree t = (WhileLoopTree) tree;
                loop(src(tree), List.of(), new TreePath(path, t.getCondition()), List.of(),
                        new TreePath(path, t.getStatement()), false, out);
                return;
            }
            case DO_WHILE_LOOP: {
                DoWhileLoopTree t = (DoWhileLoopTree) tree;
                loop(src(tree), List.of(), new TreePath(path, t.getCondition()), List.of(),
                        new TreePath(path, t.getStatement()), true, out);
                return;
            }
            case FOR_LOOP:
                forLoop(path, out);
                return;
            case ENHANCED_FOR_LOOP:
                enhancedFor(path, out);
                return;
            case BREAK:
                if (((BreakTree) tree).getLabel() != null) {
                    throw reject(Message.UNSUPPORTED_STATEMENT, tree, "a labeled break",
                            "use a boolean flag and an unlabeled break");
                }
                out.add(new Stmt.Break(src(tree)));
                return;
            case CONTINUE:
                if (((ContinueTree) tree).getLabel() != null) {
                    throw reject(Message.UNSUPPORTED_STATEMENT, tree, "a labeled continue",
                            "use a boolean flag and an unlabeled continue");
                }
                out.add(new Stmt.Continue(src(tree)));
                return;
            case RETURN: {
                ReturnTree t = (ReturnTree) tree;
                Expr value = t.getExpression() == null ? null : expr(new TreePath(path, t.getExpression()), out);
                out.add(new Stmt.Return(src(tree), value));
                return;
            }
            case THROW:
                throwStatement(path, out);
                return;
            case ASSERT: {
                AssertTree t = (AssertTree) tree;
                List<Stmt> pre = new ArrayList<>();
                Expr cond = expr(new TreePath(path, t.getCondition()), pre);
                messages++;
                Expr detail;
                try {
                    detail = t.getDetail() == null ? null : expr(new TreePath(path, t.getDetail()), pre);
                } finally {
                    messages--;
                }
                if (!pre.isEmpty()) {
                    throw reject(Message.UNSUPPORTED_STATEMENT, tree, "a call in an assert",
                            "compute the value into a local before the assert");
                }
                out.add(new Stmt.Assert(src(tree), cond, detail));
                return;
            }
            case LABELED_STATEMENT:
                throw reject(Message.UNSUPPORTED_STATEMENT, tree, "a labeled statement",
                        "use a boolean flag with unlabeled break and continue");
            case SWITCH:
                throw reject(Message.UNSUPPORTED_STATEMENT, tree, "switch", "use if/else");
            case TRY:
                throw reject(Message.UNSUPPORTED_STATEMENT, tree, "try",
                        "check arguments with if and throw instead of catching");
            case SYNCHRONIZED:
                throw reject(Message.UNSUPPORTED_STATEMENT, tree, "synchronized",
                        "generated code shares no state, so no lock is needed; remove it");
            case CLASS:
            case INTERFACE:
            case ENUM:
            case RECORD:
                throw reject(Message.UNSUPPORTED_STATEMENT, tree, "a local class",
                        "declare it outside the differentiated method");
            default:
                throw reject(Message.UNSUPPORTED_STATEMENT, tree, "this statement (" + tree.getKind() + ")",
                        "rewrite it with the statements of the subset (see the README)");
        }
    }

    private void declaration(TreePath path, List<Stmt> out) {
        VariableTree t = (VariableTree) path.getLeaf();
        String user = t.getName().toString();
        Expr init;
        try {
            init = t.getInitializer() == null ? null : assignedValue(new TreePath(path, t.getInitializer()), out);
        } catch (Rejected e) {
            // declare it anyway, so that its uses raise no errors of their own
            Type type = t.getType() == null || isVar(t.getType()) ? null : quietType(t.getType());
            if (type != null) {
                scopes.peek().put(user, new Local(type, names.fresh(user)));
            }
            throw e;
        }
        Type type;
        if (t.getType() == null || isVar(t.getType())) {
            if (init == null) {
                throw reject(Message.UNSUPPORTED_TYPE, t, "var without an initialiser");
            }
            type = init.type();
            if (type == Type.STRING || type == Type.VOID) {
                throw reject(Message.UNSUPPORTED_TYPE, t, type.java());
            }
        } else {
            type = declaredType(new TreePath(path, t.getType()));
        }
        if (init instanceof Expr.NewArray n && type.isArray()) {
            init = new Expr.NewArray(type, n.dims());
        }
        if (init instanceof Expr.ArrayLit a && type.isArray()) {
            init = retypeArrayLit(a, type);
        }
        String name = names.fresh(user);
        Local local = new Local(type, name);
        scopes.peek().put(user, local);
        out.add(new Stmt.Decl(src(t), type, name, init));
    }

    private static boolean isVar(Tree typeTree) {
        return typeTree instanceof IdentifierTree id && id.getName().contentEquals("var");
    }

    /** The subset type a type tree names, or null, reporting nothing. */
    private static Type quietType(Tree t) {
        if (t instanceof PrimitiveTypeTree p) {
            switch (p.getPrimitiveTypeKind()) {
                case DOUBLE: return Type.DOUBLE;
                case INT: return Type.INT;
                case LONG: return Type.LONG;
                case BOOLEAN: return Type.BOOLEAN;
                default: return null;
            }
        }
        if (t instanceof ArrayTypeTree a) {
            Type element = quietType(a.getType());
            return element == Type.DOUBLE ? Type.DOUBLE_ARRAY : element == Type.INT ? Type.INT_ARRAY
                    : element == Type.DOUBLE_ARRAY ? Type.DOUBLE_MATRIX : null;
        }
        return null;
    }

    private Type declaredType(TreePath path) {
        Tree t = path.getLeaf();
        Type type = quietType(t);
        if (type == null) {
            throw reject(Message.UNSUPPORTED_TYPE, t, t.toString());
        }
        return type;
    }

    private void expressionStatement(TreePath path, List<Stmt> out) {
        Tree tree = path.getLeaf();
        Src src = src(tree);
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
                call(path, out, true);
                return;
            default:
                throw reject(Message.UNSUPPORTED_STATEMENT, tree, "this expression statement",
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
        Src src = src(tree);
        boolean plain = tree instanceof AssignmentTree;
        ExpressionTree variable = plain ? ((AssignmentTree) tree).getVariable()
                : ((CompoundAssignmentTree) tree).getVariable();
        ExpressionTree expression = plain ? ((AssignmentTree) tree).getExpression()
                : ((CompoundAssignmentTree) tree).getExpression();
        Expr target = target(new TreePath(path, variable), out);
        List<Stmt> later = new ArrayList<>();
        Expr value = assignedValue(new TreePath(path, expression), later);
        if (target instanceof Index i) {
            target = new Index(i.type(), Order.settle(i.array(), later, out, names),
                    Order.settle(i.index(), later, out, names));
        }
        if (plain) {
            out.addAll(later);
            if (value instanceof Expr.NewArray n && target.type().isArray()) {
                value = new Expr.NewArray(target.type(), n.dims());
            }
            out.add(new Stmt.Assign(src, target, value));
        } else {
            Expr old = Order.settle(target, later, out, names);
            out.addAll(later);
            out.add(new Stmt.Assign(src, target, compound(old, compoundOp(tree.getKind()), value, tree)));
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
        return expr(path, pre);
    }

    /** {@code t op= v} as {@code t = (T) (t op v)}, the cast only where Java narrows implicitly. */
    private Expr compound(Expr target, BinaryOp op, Expr value, Tree tree) {
        Type t = target.type();
        if (!t.isNumeric() && !(t == Type.BOOLEAN && (op == BinaryOp.AND || op == BinaryOp.OR || op == BinaryOp.XOR))) {
            throw reject(Message.UNSUPPORTED_EXPRESSION, tree, "this compound assignment", "write it out in full");
        }
        Type result = binaryType(op, t, value.type(), tree);
        Expr combined = new Binary(result, op, target, value);
        return result == t ? combined : new Cast(t, combined);
    }

    private static BinaryOp compoundOp(Tree.Kind kind) {
        switch (kind) {
            case PLUS_ASSIGNMENT: return BinaryOp.ADD;
            case MINUS_ASSIGNMENT: return BinaryOp.SUB;
            case MULTIPLY_ASSIGNMENT: return BinaryOp.MUL;
            case DIVIDE_ASSIGNMENT: return BinaryOp.DIV;
            case REMAINDER_ASSIGNMENT: return BinaryOp.REM;
            case AND_ASSIGNMENT: return BinaryOp.AND;
            case OR_ASSIGNMENT: return BinaryOp.OR;
            case XOR_ASSIGNMENT: return BinaryOp.XOR;
            case LEFT_SHIFT_ASSIGNMENT: return BinaryOp.SHL;
            case RIGHT_SHIFT_ASSIGNMENT: return BinaryOp.SHR;
            default: return BinaryOp.USHR;
        }
    }

    /** The left side of an assignment: a local, a parameter or an array element. */
    private Expr target(TreePath path, List<Stmt> out) {
        Tree tree = path.getLeaf();
        if (tree instanceof ParenthesizedTree p) {
            return target(new TreePath(path, p.getExpression()), out);
        }
        if (tree instanceof IdentifierTree id) {
            Local local = lookup(id.getName().toString());
            if (local != null) {
                return local;
            }
            throw reject(Message.FIELD_WRITE, tree, id.getName());
        }
        if (tree instanceof ArrayAccessTree) {
            return expr(path, out);
        }
        if (tree instanceof MemberSelectTree m) {
            throw reject(Message.FIELD_WRITE, tree, m.getIdentifier());
        }
        throw reject(Message.UNSUPPORTED_EXPRESSION, tree, "this assignment target", "assign a local or an array element");
    }

    private Expr condition(TreePath path, List<Stmt> out) {
        Expr cond = expr(path, out);
        if (cond.type() != Type.BOOLEAN) {
            throw reject(Message.UNSUPPORTED_EXPRESSION, path.getLeaf(), "a condition that is not boolean", "compare");
        }
        return cond;
    }

    /**
     * A loop. A condition that inlines a call cannot stay in the loop header, so such a loop becomes
     * {@code for (init; ; update) { pre; if (!cond) break; body }}, which {@link Structure} lowers. A
     * do/while's test goes where a {@code continue} in the body jumps to, the update:
     * {@code for (;; pre, if (!cond) break) body}.
     */
    private void loop(Src src, List<Stmt> init, TreePath condPath, List<Stmt> update, TreePath bodyPath,
            boolean testAfter, List<Stmt> out) {
        List<Stmt> pre = new ArrayList<>();
        Expr cond = condPath == null ? null : condition(condPath, pre);
        List<Stmt> body = body(bodyPath);
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

    private void forLoop(TreePath path, List<Stmt> out) {
        ForLoopTree t = (ForLoopTree) path.getLeaf();
        scopes.push(new HashMap<>());
        try {
            List<Stmt> init = new ArrayList<>();
            for (StatementTree s : t.getInitializer()) {
                statement(new TreePath(path, s), init);
            }
            List<Stmt> update = new ArrayList<>();
            for (ExpressionStatementTree s : t.getUpdate()) {
                expressionStatement(new TreePath(new TreePath(path, s), s.getExpression()), update);
            }
            if (update.stream().anyMatch(s -> !(s instanceof Stmt.Assign))) {
                throw reject(Message.UNSUPPORTED_STATEMENT, t, "a call in a for update", "move it into the loop body");
            }
            TreePath cond = t.getCondition() == null ? null : new TreePath(path, t.getCondition());
            loop(src(t), init, cond, update, new TreePath(path, t.getStatement()), false, out);
        } finally {
            scopes.pop();
        }
    }

    /**
     * {@code for (double v : a) body} becomes {@code for (int i = 0; i < a.length; i++) { double v = a[i]; body }},
     * over a local of its own holding the array if {@code a} is no local or the body assigns it: Java
     * evaluates the array once.
     */
    private void enhancedFor(TreePath path, List<Stmt> out) {
        EnhancedForLoopTree t = (EnhancedForLoopTree) path.getLeaf();
        Expr array = expr(new TreePath(path, t.getExpression()), out);
        if (!array.type().isArray()) {
            throw reject(Message.UNSUPPORTED_STATEMENT, t.getExpression(), "a for-each over something other than an array",
                    "iterate over a double[], double[][] or int[]");
        }
        Src src = src(t);
        scopes.push(new HashMap<>());
        try {
            String index = names.fresh(t.getVariable().getName() + "Index");
            Local i = new Local(Type.INT, index);
            VariableTree v = t.getVariable();
            Type type = v.getType() == null || isVar(v.getType())
                    ? array.type().element() : declaredType(new TreePath(new TreePath(path, v), v.getType()));
            String name = names.fresh(v.getName().toString());
            scopes.peek().put(v.getName().toString(), new Local(type, name));
            List<Stmt> user = body(new TreePath(path, t.getStatement()));
            if (!(array instanceof Local l) || ArrayValues.assigns(user, l)) {
                array = ArrayValues.bind(array, out, names);
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
            scopes.pop();
        }
    }

    private void throwStatement(TreePath path, List<Stmt> out) {
        ThrowTree t = (ThrowTree) path.getLeaf();
        if (!(t.getExpression() instanceof NewClassTree n) || n.getClassBody() != null) {
            throw reject(Message.THROW, t);
        }
        TreePath newPath = new TreePath(path, n);
        Element type = resolve(new TreePath(newPath, n.getIdentifier()));
        if (!(type instanceof TypeElement te)) {
            throw reject(Message.THROW, t);
        }
        if (!visible(te)) {
            throw reject(Message.NOT_VISIBLE, n.getIdentifier(), te.getSimpleName(), "exception class");
        }
        List<Expr> args = new ArrayList<>();
        List<Stmt> pre = new ArrayList<>();
        messages++;
        try {
            for (ExpressionTree a : n.getArguments()) {
                args.add(expr(new TreePath(newPath, a), pre));
            }
        } finally {
            messages--;
        }
        if (!pre.isEmpty()) {
            throw reject(Message.THROW, t);
        }
        out.add(new Stmt.Throw(src(t), env.elements().getBinaryName(te).toString(), args));
    }

    // ---------------------------------------------------------------- expressions

    /** Whether a scope declares {@code name}, possibly as a parameter bound to a literal. */
    private boolean lookupDeclared(String name) {
        for (Map<String, Local> scope : scopes) {
            if (scope.containsKey(name)) {
                return true;
            }
        }
        return false;
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

    private Local lookup(String name) {
        for (Map<String, Local> scope : scopes) {
            Local l = scope.get(name);
            if (l != null) {
                return l;
            }
        }
        return null;
    }

    /**
     * Reads an expression. Statements that must run first (inlined calls) go to {@code pre}; an
     * expression whose parts run only sometimes ({@code ?:}, {@code &&}, {@code ||}) keeps its calls
     * under the same condition.
     */
    private Expr expr(TreePath path, List<Stmt> pre) {
        Tree tree = path.getLeaf();
        switch (tree.getKind()) {
            case PARENTHESIZED:
                return expr(new TreePath(path, ((ParenthesizedTree) tree).getExpression()), pre);
            case INT_LITERAL:
                return new Lit(Type.INT, spelling(tree, Integer.toString((Integer) ((LiteralTree) tree).getValue())));
            case LONG_LITERAL:
                return new Lit(Type.LONG, spelling(tree, ((LiteralTree) tree).getValue() + "L"));
            case DOUBLE_LITERAL:
                return new Lit(Type.DOUBLE, spelling(tree, Double.toString((Double) ((LiteralTree) tree).getValue())));
            case BOOLEAN_LITERAL:
                return (Boolean) ((LiteralTree) tree).getValue() ? Lit.TRUE : Lit.FALSE;
            case STRING_LITERAL:
                if (messages == 0) {
                    throw reject(Message.UNSUPPORTED_TYPE, tree, "String (strings may appear only in exception and assert messages)");
                }
                return new Lit(Type.STRING, env.elements().getConstantExpression(((LiteralTree) tree).getValue()));
            case FLOAT_LITERAL:
                throw reject(Message.UNSUPPORTED_TYPE, tree, "float");
            case CHAR_LITERAL:
                throw reject(Message.UNSUPPORTED_TYPE, tree, "char");
            case NULL_LITERAL:
                throw reject(Message.UNSUPPORTED_EXPRESSION, tree, "null", "allocate the array, or pass it in");
            case IDENTIFIER:
                return identifier(path);
            case MEMBER_SELECT:
                return memberSelect(path, pre);
            case ARRAY_ACCESS: {
                ArrayAccessTree t = (ArrayAccessTree) tree;
                Expr array = expr(new TreePath(path, t.getExpression()), pre);
                if (!array.type().isArray()) {
                    throw reject(Message.UNSUPPORTED_EXPRESSION, tree, "indexing this", "index an array");
                }
                if (ArrayValues.needsLocal(array)) {
                    // (c ? a : b)[i], new double[] {...}[i]: a local that activity aliases to what it may be
                    array = ArrayValues.bind(array, pre, names);
                }
                List<Stmt> preIndex = new ArrayList<>();
                Expr index = expr(new TreePath(path, t.getIndex()), preIndex);
                array = Order.settle(array, preIndex, pre, names);
                pre.addAll(preIndex);
                if (index.type() != Type.INT) {
                    throw reject(Message.UNSUPPORTED_EXPRESSION, t.getIndex(), "an index that is not an int", "cast it to int");
                }
                return new Index(array.type().element(), array, index);
            }
            case UNARY_MINUS:
            case UNARY_PLUS:
            case LOGICAL_COMPLEMENT:
            case BITWISE_COMPLEMENT: {
                UnaryTree t = (UnaryTree) tree;
                Expr e = expr(new TreePath(path, t.getExpression()), pre);
                UnaryOp op = tree.getKind() == Tree.Kind.UNARY_MINUS ? UnaryOp.NEG
                        : tree.getKind() == Tree.Kind.UNARY_PLUS ? UnaryOp.PLUS
                        : tree.getKind() == Tree.Kind.LOGICAL_COMPLEMENT ? UnaryOp.NOT : UnaryOp.COMPLEMENT;
                if (op == UnaryOp.NOT ? e.type() != Type.BOOLEAN
                        : op == UnaryOp.COMPLEMENT ? !e.type().isIntegral() : !e.type().isNumeric()) {
                    throw reject(Message.UNSUPPORTED_EXPRESSION, tree, "this operator on " + e.type().java(), "use the subset's types");
                }
                if (op == UnaryOp.NEG && e instanceof Lit l && !l.text().startsWith("-")) {
                    return new Lit(l.type(), "-" + l.text());
                }
                return new Expr.Unary(e.type(), op, e);
            }
            case PREFIX_INCREMENT:
            case POSTFIX_INCREMENT:
            case PREFIX_DECREMENT:
            case POSTFIX_DECREMENT:
                return incrementInExpression(path, pre);
            case ASSIGNMENT:
            case PLUS_ASSIGNMENT:
            case MINUS_ASSIGNMENT:
            case MULTIPLY_ASSIGNMENT:
            case DIVIDE_ASSIGNMENT:
            case REMAINDER_ASSIGNMENT:
                throw reject(Message.SIDE_EFFECT, tree, "an assignment");
            case CONDITIONAL_EXPRESSION:
                return conditional(path, pre);
            case TYPE_CAST: {
                TypeCastTree t = (TypeCastTree) tree;
                Type type = declaredType(new TreePath(path, t.getType()));
                Expr e = expr(new TreePath(path, t.getExpression()), pre);
                if (!type.isNumeric() || !e.type().isNumeric()) {
                    if (type == e.type()) {
                        return e;
                    }
                    throw reject(Message.UNSUPPORTED_EXPRESSION, tree, "this cast", "cast only between double, int and long");
                }
                return new Cast(type, e);
            }
            case METHOD_INVOCATION:
                return call(path, pre, false);
            case NEW_ARRAY:
                return newArray(path, pre);
            case NEW_CLASS:
                throw reject(Message.UNSUPPORTED_EXPRESSION, tree, "creating an object",
                        "use doubles and arrays of doubles; objects are allowed only in a throw");
            case LAMBDA_EXPRESSION:
                throw reject(Message.UNSUPPORTED_EXPRESSION, tree, "a lambda", "write the computation as a loop or a static helper method");
            case MEMBER_REFERENCE:
                throw reject(Message.UNSUPPORTED_EXPRESSION, tree, "a method reference", "call a static helper method");
            case INSTANCE_OF:
                throw reject(Message.UNSUPPORTED_EXPRESSION, tree, "instanceof", "use the subset's types only");
            default:
                if (tree instanceof BinaryTree) {
                    return binary(path, pre);
                }
                throw reject(Message.UNSUPPORTED_EXPRESSION, tree, "this expression (" + tree.getKind() + ")",
                        "rewrite it with the subset's operators (see the README)");
        }
    }

    /**
     * A numeric literal as the source spells it ({@code 1e-6}, {@code 0x1p3}, {@code 1_000}), which is
     * the same value by definition; {@code fallback}, the value printed back, if the source is not at hand.
     */
    private String spelling(Tree literal, String fallback) {
        try {
            if (source == null) {
                source = unit.getSourceFile().getCharContent(true);
            }
            CharSequence content = source;
            long start = env.trees().getSourcePositions().getStartPosition(unit, literal);
            long end = env.trees().getSourcePositions().getEndPosition(unit, literal);
            if (start >= 0 && end > start && end <= content.length()) {
                String text = content.subSequence((int) start, (int) end).toString();
                if (text.matches("-?[0-9][0-9a-zA-Z_.+\\-]*")) {
                    return text;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // the printed value is the same number
        }
        return fallback;
    }

    /**
     * {@code i++}, {@code --i} and the like on an integer local inside an expression
     * ({@code while (i-- > 0)}, {@code a[k++]}): the update runs as a statement before the expression,
     * which then reads the old or the new value. That is exact only if nothing else in the statement
     * reads the variable, so anything else is rejected.
     */
    private Expr incrementInExpression(TreePath path, List<Stmt> pre) {
        UnaryTree t = (UnaryTree) path.getLeaf();
        Local v = t.getExpression() instanceof IdentifierTree id ? lookup(id.getName().toString()) : null;
        if (v == null || !v.type().isIntegral() || readsElsewhere(path, ((IdentifierTree) t.getExpression()).getName())) {
            throw reject(Message.SIDE_EFFECT, t, "++ or --");
        }
        boolean inc = t.getKind() == Tree.Kind.PREFIX_INCREMENT || t.getKind() == Tree.Kind.POSTFIX_INCREMENT;
        boolean postfix = t.getKind() == Tree.Kind.POSTFIX_INCREMENT || t.getKind() == Tree.Kind.POSTFIX_DECREMENT;
        Expr updated = new Binary(v.type(), inc ? BinaryOp.ADD : BinaryOp.SUB, v, Lit.ofInt(1));
        if (!postfix) {
            pre.add(new Stmt.Assign(src(t), v, updated));
            return v;
        }
        Local old = new Local(v.type(), names.fresh(v.name() + "Before"));
        pre.add(new Stmt.Decl(null, v.type(), old.name(), v));
        pre.add(new Stmt.Assign(src(t), v, updated));
        return old;
    }

    /** Whether the statement around {@code path} names {@code name} anywhere but at {@code path}. */
    private static boolean readsElsewhere(TreePath path, javax.lang.model.element.Name name) {
        TreePath statement = path;
        while (statement != null && !(statement.getLeaf() instanceof StatementTree)) {
            statement = statement.getParentPath();
        }
        if (statement == null) {
            return true;
        }
        Tree self = ((UnaryTree) path.getLeaf()).getExpression();
        int[] uses = {0};
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void unused) {
                if (node != self && node.getName().contentEquals(name)) {
                    uses[0]++;
                }
                return null;
            }
        }.scan(conditionOnly(statement.getLeaf()), null);
        return uses[0] > 0;
    }

    /** For a loop or an if, the part evaluated with the increment (its condition); else the statement. */
    private static Tree conditionOnly(Tree statement) {
        if (statement instanceof WhileLoopTree w) {
            return w.getCondition();
        }
        if (statement instanceof DoWhileLoopTree d) {
            return d.getCondition();
        }
        if (statement instanceof IfTree i) {
            return i.getCondition();
        }
        if (statement instanceof ForLoopTree f) {
            return f.getCondition();
        }
        return statement;
    }

    private Expr identifier(TreePath path) {
        IdentifierTree id = (IdentifierTree) path.getLeaf();
        Local local = lookup(id.getName().toString());
        if (local != null) {
            return local;
        }
        Lit constant = constants.get(id.getName().toString());
        if (constant != null && lookupDeclared(id.getName().toString())) {
            return constant;
        }
        if (id.getName().contentEquals("this") || id.getName().contentEquals("super")) {
            throw reject(Message.UNSUPPORTED_EXPRESSION, id, "'" + id.getName() + "'",
                    "a differentiated method is static; pass what it needs as parameters");
        }
        return field(path, resolve(path));
    }

    /**
     * The field or type a name denotes, resolved without asking javac to attribute anything (see
     * {@link Resolver}); javac's own reading is compared with it once javac has attributed the class.
     */
    private Element resolve(TreePath path) {
        Element e = resolver().element(path.getLeaf());
        if (e != null) {
            env.resolutions().record(path, e, owner);
        }
        return e;
    }

    private Resolver resolver() {
        return new Resolver(env.elements(), env.types(), unit, owner, this::lookupDeclared);
    }

    private Expr field(TreePath path, Element e) {
        Tree tree = path.getLeaf();
        if (e == null || e.getKind() != ElementKind.FIELD) {
            throw reject(Message.UNSUPPORTED_EXPRESSION, tree, "'" + tree + "'", "use locals, parameters and static final constants");
        }
        VariableElement v = (VariableElement) e;
        Type type = env.types().typeOf(v.asType());
        if (!v.getModifiers().contains(Modifier.STATIC) || !v.getModifiers().contains(Modifier.FINAL)) {
            throw reject(Message.FIELD_READ, tree, v.getSimpleName());
        }
        if (type == null || type == Type.STRING && messages == 0) {
            throw reject(Message.UNSUPPORTED_TYPE, tree, v.asType());
        }
        if (type.isArray()) {
            throw reject(Message.FIELD_ARRAY, tree, v.getSimpleName());
        }
        TypeElement c = (TypeElement) v.getEnclosingElement();
        if (v.getModifiers().contains(Modifier.PUBLIC) && c.getModifiers().contains(Modifier.PUBLIC)) {
            return new Expr.Const(type, env.elements().getBinaryName(c).toString(), v.getSimpleName().toString());
        }
        // the generated class may not see it: a compile-time constant is copied as its exact literal
        Object constant = v.getConstantValue();
        if (constant == null) {
            throw reject(Message.FIELD_ACCESS, tree, v.getSimpleName());
        }
        String text = env.elements().getConstantExpression(constant);
        return new Lit(type, text.contains("/") ? "(" + text + ")" : text);
    }

    private Expr memberSelect(TreePath path, List<Stmt> pre) {
        MemberSelectTree m = (MemberSelectTree) path.getLeaf();
        if (m.getIdentifier().contentEquals("length")) {
            Element e = resolve(path);
            // the resolver answers fields of classes only: an array's length is no element (null)
            if (e == null || e.getKind() != ElementKind.FIELD || e.getEnclosingElement().getKind() != ElementKind.CLASS) {
                Expr array = expr(new TreePath(path, m.getExpression()), pre);
                if (array.type().isArray()) {
                    return new Expr.Length(array);
                }
            }
        }
        return field(path, resolve(path));
    }

    private Expr conditional(TreePath path, List<Stmt> pre) {
        ConditionalExpressionTree t = (ConditionalExpressionTree) path.getLeaf();
        Expr cond = condition(new TreePath(path, t.getCondition()), pre);
        List<Stmt> preThen = new ArrayList<>();
        List<Stmt> preElse = new ArrayList<>();
        Expr a = expr(new TreePath(path, t.getTrueExpression()), preThen);
        Expr b = expr(new TreePath(path, t.getFalseExpression()), preElse);
        Type type;
        if (a.type() == b.type()) {
            type = a.type();
        } else if (a.type().isNumeric() && b.type().isNumeric()) {
            type = Type.promote(a.type(), b.type());
        } else {
            throw reject(Message.UNSUPPORTED_EXPRESSION, t, "a conditional mixing " + a.type().java() + " and " + b.type().java(),
                    "give both branches the same type");
        }
        if (preThen.isEmpty() && preElse.isEmpty() && !ArrayValues.fresh(a) && !ArrayValues.fresh(b)) {
            return new Expr.Cond(type, cond, a, b);
        }
        // a call in a branch runs only when its branch is taken; a fresh array is assigned on its own
        String tmp = names.fresh("choice");
        Local l = new Local(type, tmp);
        preThen.add(new Stmt.Assign(null, l, a));
        preElse.add(new Stmt.Assign(null, l, b));
        pre.add(new Stmt.Decl(null, type, tmp, null));
        pre.add(new Stmt.If(null, cond, preThen, preElse));
        return l;
    }

    private Expr binary(TreePath path, List<Stmt> pre) {
        BinaryTree t = (BinaryTree) path.getLeaf();
        BinaryOp op = binaryOp(t.getKind());
        if (op == null) {
            throw reject(Message.UNSUPPORTED_EXPRESSION, t, "this operator", "use the subset's operators");
        }
        Expr l = expr(new TreePath(path, t.getLeftOperand()), pre);
        List<Stmt> preRight = new ArrayList<>();
        Expr r = expr(new TreePath(path, t.getRightOperand()), preRight);
        Type type = binaryType(op, l.type(), r.type(), t);
        if (preRight.isEmpty()) {
            return new Binary(type, op, l, r);
        }
        if (!op.isLogical()) {
            l = Order.settle(l, preRight, pre, names);
            pre.addAll(preRight);
            return new Binary(type, op, l, r);
        }
        // the right side of && and || runs only when the left side does not decide
        String tmp = names.fresh("test");
        Local v = new Local(Type.BOOLEAN, tmp);
        pre.add(new Stmt.Decl(null, Type.BOOLEAN, tmp, l));
        preRight.add(new Stmt.Assign(null, v, r));
        pre.add(new Stmt.If(null, op == BinaryOp.CAND ? v : dev.jgrad.processor.ir.Exprs.not(v), preRight, List.of()));
        return v;
    }

    /** Operands (arguments, elements, sizes) read left to right, as {@link Order#inOrder} keeps them. */
    private List<Expr> operands(TreePath parent, List<? extends ExpressionTree> trees, List<Stmt> pre) {
        List<Expr> values = new ArrayList<>();
        List<List<Stmt>> statements = new ArrayList<>();
        for (ExpressionTree a : trees) {
            List<Stmt> own = new ArrayList<>();
            values.add(expr(new TreePath(parent, a), own));
            statements.add(own);
        }
        return Order.inOrder(values, statements, pre, names);
    }

    private Type binaryType(BinaryOp op, Type l, Type r, Tree tree) {
        if (op == BinaryOp.ADD && (l == Type.STRING || r == Type.STRING)) {
            return Type.STRING;
        }
        if (op.isLogical()) {
            if (l == Type.BOOLEAN && r == Type.BOOLEAN) {
                return Type.BOOLEAN;
            }
        } else if (op.isComparison()) {
            if (l.isNumeric() && r.isNumeric()) {
                return Type.BOOLEAN;
            }
            if ((op == BinaryOp.EQ || op == BinaryOp.NE) && l == Type.BOOLEAN && r == Type.BOOLEAN) {
                return Type.BOOLEAN;
            }
        } else if (op == BinaryOp.AND || op == BinaryOp.OR || op == BinaryOp.XOR) {
            if (l == Type.BOOLEAN && r == Type.BOOLEAN) {
                return Type.BOOLEAN;
            }
            if (l.isIntegral() && r.isIntegral()) {
                return Type.promote(l, r);
            }
        } else if (op == BinaryOp.SHL || op == BinaryOp.SHR || op == BinaryOp.USHR) {
            if (l.isIntegral() && r.isIntegral()) {
                return l;
            }
        } else if (l.isNumeric() && r.isNumeric()) {
            return Type.promote(l, r);
        }
        throw reject(Message.UNSUPPORTED_EXPRESSION, tree, "'" + op.java() + "' on " + l.java() + " and " + r.java(),
                "use it on the subset's numeric types");
    }

    private static BinaryOp binaryOp(Tree.Kind kind) {
        switch (kind) {
            case MULTIPLY: return BinaryOp.MUL;
            case DIVIDE: return BinaryOp.DIV;
            case REMAINDER: return BinaryOp.REM;
            case PLUS: return BinaryOp.ADD;
            case MINUS: return BinaryOp.SUB;
            case LEFT_SHIFT: return BinaryOp.SHL;
            case RIGHT_SHIFT: return BinaryOp.SHR;
            case UNSIGNED_RIGHT_SHIFT: return BinaryOp.USHR;
            case LESS_THAN: return BinaryOp.LT;
            case GREATER_THAN: return BinaryOp.GT;
            case LESS_THAN_EQUAL: return BinaryOp.LE;
            case GREATER_THAN_EQUAL: return BinaryOp.GE;
            case EQUAL_TO: return BinaryOp.EQ;
            case NOT_EQUAL_TO: return BinaryOp.NE;
            case AND: return BinaryOp.AND;
            case XOR: return BinaryOp.XOR;
            case OR: return BinaryOp.OR;
            case CONDITIONAL_AND: return BinaryOp.CAND;
            case CONDITIONAL_OR: return BinaryOp.COR;
            default: return null;
        }
    }

    private Expr newArray(TreePath path, List<Stmt> pre) {
        NewArrayTree t = (NewArrayTree) path.getLeaf();
        if (t.getInitializers() != null) {
            List<Expr> elements = operands(path, t.getInitializers(), pre);
            Type type = t.getType() == null ? null : arrayOf(declaredType(new TreePath(path, t.getType())), t);
            if (type == null) {
                type = elements.isEmpty() || elements.get(0).type() == Type.DOUBLE || elements.get(0).type() == Type.INT
                        ? Type.DOUBLE_ARRAY : Type.DOUBLE_MATRIX;
            }
            if (type == Type.DOUBLE_MATRIX && elements.stream().anyMatch(e -> !(e instanceof Expr.ArrayLit))) {
                List<Expr> rows = new ArrayList<>();
                for (Expr e : elements) {
                    rows.add(e instanceof Expr.ArrayLit a ? retypeArrayLit(a, Type.DOUBLE_ARRAY) : e);
                }
                return ArrayValues.rows(rows, pre, names);
            }
            return retypeArrayLit(new Expr.ArrayLit(type, elements), type);
        }
        Type element = declaredType(new TreePath(path, t.getType()));
        List<Expr> dims = operands(path, t.getDimensions(), pre);
        for (int k = 0; k < dims.size(); k++) {
            if (dims.get(k).type() != Type.INT) {
                throw reject(Message.UNSUPPORTED_EXPRESSION, t.getDimensions().get(k), "an array size that is not an int",
                        "cast it to int");
            }
        }
        Type type = element;
        for (int k = 0; k < dims.size(); k++) {
            type = arrayOf(type, t);
        }
        int total = dims.size();
        // new double[n][] : one dimension given, rows null (written later)
        if (type == Type.DOUBLE_ARRAY && element == Type.DOUBLE_ARRAY) {
            type = Type.DOUBLE_MATRIX;
        }
        if (total == 0) {
            throw reject(Message.UNSUPPORTED_EXPRESSION, t, "this array creation", "give the size: new double[n]");
        }
        return new Expr.NewArray(type, dims);
    }

    private Type arrayOf(Type element, Tree tree) {
        switch (element) {
            case DOUBLE: return Type.DOUBLE_ARRAY;
            case INT: return Type.INT_ARRAY;
            case DOUBLE_ARRAY: return Type.DOUBLE_MATRIX;
            default: throw reject(Message.UNSUPPORTED_TYPE, tree, element.java() + "[]");
        }
    }

    private static Expr.ArrayLit retypeArrayLit(Expr.ArrayLit a, Type type) {
        List<Expr> elements = new ArrayList<>();
        for (Expr e : a.elements()) {
            elements.add(e instanceof Expr.ArrayLit inner && type == Type.DOUBLE_MATRIX
                    ? retypeArrayLit(inner, Type.DOUBLE_ARRAY) : e);
        }
        return new Expr.ArrayLit(type, elements);
    }

    // ---------------------------------------------------------------- calls

    /**
     * A call: a primitive of the rule table (resolved here, once, by the method javac resolved the call
     * to), a user method (inlined: its statements go to {@code pre} and its result is a local), or
     * another static method, kept as a call that the activity check later allows only with inactive
     * arguments. As a statement ({@code statement}), only an inlined call keeps a meaning.
     */
    private Expr call(TreePath path, List<Stmt> pre, boolean statement) {
        MethodInvocationTree t = (MethodInvocationTree) path.getLeaf();
        Resolver resolver = resolver();
        List<ExecutableElement> candidates = resolver.methods(t);
        if (candidates.isEmpty()) {
            throw reject(Message.UNKNOWN_CALL, t, t.getMethodSelect().toString(), "the method could not be resolved");
        }
        List<Expr> args = operands(path, t.getArguments(), pre);
        ExecutableElement m = resolver.choose(candidates, args.stream().map(Expr::type).toList());
        if (m == null) {
            throw reject(Message.UNKNOWN_CALL, t, t.getMethodSelect().toString(),
                    "it is overloaded and jgrad cannot tell which method these arguments call; give the methods different names");
        }
        env.resolutions().record(path, m, owner);
        args = resolver.asPassed(m, args);
        if (args == null) {
            throw reject(Message.UNKNOWN_CALL, t, m.getSimpleName() + "(...)",
                    "its variable arguments are arrays, which jgrad cannot gather into one; pass a double[][] variable");
        }
        String name = m.getSimpleName().toString();
        TypeElement declaring = (TypeElement) m.getEnclosingElement();
        String ownerName = env.elements().getBinaryName(declaring).toString();
        if (!m.getModifiers().contains(Modifier.STATIC)) {
            throw reject(Message.UNKNOWN_CALL, t, name + "(...)",
                    "it is an instance method; only static methods can be differentiated through");
        }
        Rule rule = Rules.resolve(m);
        if (rule != null) {
            return dropped(statement, t, name, primitive(t, m, rule, args));
        }
        if (Rules.isMathFunction(m)) {
            throw reject(Message.UNSUPPORTED_MATH, t, declaring.getSimpleName() + "." + name, Rules.names());
        }
        if (declaring.equals(owner) || m.getAnnotation(dev.jgrad.Grad.class) != null) {
            return inline(t, m, args, pre);
        }
        Type type = env.types().typeOf(m.getReturnType());
        if (type == null || type == Type.VOID || type == Type.STRING) {
            throw reject(Message.UNKNOWN_CALL, t, name + "(...)",
                    "it is not a method of this class or a @Grad method, and it returns " + m.getReturnType());
        }
        for (int k = 0; k < args.size(); k++) {
            if (args.get(k).type().isArray()) {
                throw reject(Message.UNKNOWN_CALL, t.getArguments().get(k), name + "(...)",
                        "an array passed to a method jgrad cannot see into could be changed by it; make the method a static method of this class, or mark it @Grad");
            }
        }
        if (!visible(declaring) || !visible(m)) {
            throw reject(Message.NOT_VISIBLE, t, name, "method");
        }
        Call call = new Call(type, ownerName, name, List.copyOf(args));
        origins.put(call, t, unit);
        return dropped(statement, t, name, call);
    }

    /** {@code call}, unless it stands as a statement: then its result would be dropped, and it does nothing else. */
    private Expr dropped(boolean statement, MethodInvocationTree t, String name, Expr call) {
        if (statement) {
            throw reject(Message.UNKNOWN_CALL, t, name,
                    "a call whose result is dropped can only be to a static method of this class or a @Grad method");
        }
        return call;
    }

    /**
     * Whether the generated class, in the package of the method being read, can name {@code e}:
     * public all the way out, or package-private in that package (protected counts as that too: the
     * generated class is no subclass).
     */
    private boolean visible(Element e) {
        for (Element x = e; x != null && !(x instanceof javax.lang.model.element.PackageElement); x = x.getEnclosingElement()) {
            if (x.getModifiers().contains(Modifier.PRIVATE)) {
                return false;
            }
            if (!x.getModifiers().contains(Modifier.PUBLIC)
                    && !env.elements().getPackageOf(x).equals(env.elements().getPackageOf(owner))) {
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
                throw reject(Message.UNSUPPORTED_EXPRESSION, t, rule.name() + " of " + a.type().java(), "pass numbers");
            }
        }
        Type type = env.types().typeOf(m.getReturnType());
        if (type == null || !type.isNumeric()) {
            throw reject(Message.UNSUPPORTED_TYPE, t, m.getReturnType().toString());
        }
        return new Expr.Prim(type, rule, List.copyOf(args));
    }

    /**
     * Inlines a call to a user method: its parameters become locals bound to the arguments (arrays
     * by reference, as Java passes them), its locals get names of their own, and its returns assign
     * a local that stands for the call's value.
     */
    private Expr inline(MethodInvocationTree t, ExecutableElement m, List<Expr> args, List<Stmt> pre) {
        if (inlining.contains(m)) {
            throw reject(Message.RECURSION, t, m.getSimpleName());
        }
        TreePath calleePath = env.trees().getPath(m);
        if (calleePath == null) {
            throw reject(Message.UNKNOWN_CALL, t, m.getSimpleName() + "(...)",
                    "its source is not part of this compilation; compile it together with this class");
        }
        Type returnType = env.types().typeOf(m.getReturnType());
        if (returnType == null || returnType == Type.STRING) {
            throw reject(Message.UNKNOWN_CALL, t, m.getSimpleName() + "(...)",
                    "it returns " + m.getReturnType() + "; helpers return double, int, long, boolean, or nothing");
        }
        MethodReader callee = new MethodReader(env, calleePath.getCompilationUnit(),
                (TypeElement) m.getEnclosingElement(), names, origins, inlining);
        inlining.push(m);
        int before = env.diag().errorCount();
        try {
            List<Stmt> out = new ArrayList<>();
            out.add(new Stmt.Comment("inlined: " + oneLine(t.toString())));
            callee.scopes.push(new HashMap<>());
            List<? extends VariableElement> params = m.getParameters();
            MethodTree tree = (MethodTree) calleePath.getLeaf();
            Set<String> assigned = assignedNames(tree);
            for (int k = 0; k < params.size(); k++) {
                VariableElement p = params.get(k);
                Type type = env.types().typeOf(p.asType());
                if (type == null || type == Type.STRING) {
                    throw reject(Message.UNSUPPORTED_TYPE, t, p.asType().toString());
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
                String name = names.fresh(p.getSimpleName().toString());
                callee.scopes.peek().put(p.getSimpleName().toString(), new Local(type, name));
                if (arg instanceof Expr.NewArray n) {
                    arg = new Expr.NewArray(type, n.dims());
                }
                out.add(new Stmt.Decl(null, type, name, arg));
            }
            if (tree.getBody() == null) {
                throw reject(Message.UNKNOWN_CALL, t, m.getSimpleName() + "(...)", "it has no body to differentiate through");
            }
            List<Stmt> body = callee.block(new TreePath(calleePath, tree.getBody()));
            if (callee.errors > 0 || env.diag().errorCount() > before) {
                errors++;
                throw new Rejected();
            }
            String result = returnType == Type.VOID ? null : names.fresh(m.getSimpleName().toString());
            if (result != null) {
                pre.add(new Stmt.Decl(null, returnType, result, null));
            }
            List<Stmt> inlined = Structure.inlined(body, names, result == null ? null : new Local(returnType, result));
            if (!dev.jgrad.processor.ir.Flow.canComplete(inlined)) {
                // a helper that always throws: javac must still see the caller's next statement as reachable
                inlined = List.of(new Stmt.If(null, Lit.TRUE, inlined, List.of()));
            }
            out.addAll(inlined);
            pre.add(new Stmt.Block(null, out));
            return result == null ? new Lit(Type.VOID, "") : new Local(returnType, result);
        } finally {
            inlining.pop();
        }
    }
}
