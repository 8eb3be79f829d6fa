package dev.jgrad.processor.front;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
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
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Reads expressions into IR: literals as they are spelled, identifiers, fields and constants,
 * operators, conditionals, arrays. Statements that must run first (inlined calls, increments) go to
 * the list the caller passes, in Java's order of evaluation.
 */
final class Expressions {
    private final BodyContext cx;

    Expressions(BodyContext cx) {
        this.cx = cx;
    }

    /**
     * Reads an expression. Statements that must run first (inlined calls) go to {@code pre}; an
     * expression whose parts run only sometimes ({@code ?:}, {@code &&}, {@code ||}) keeps its calls
     * under the same condition.
     */
    Expr expr(TreePath path, List<Stmt> pre) {
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
                if (cx.messages == 0) {
                    throw cx.reject(Message.UNSUPPORTED_TYPE, tree, "String (strings may appear only in exception and assert messages)");
                }
                return new Lit(Type.STRING, cx.env.elements().getConstantExpression(((LiteralTree) tree).getValue()));
            case FLOAT_LITERAL: {
                String spelled = spelling(tree, tree.toString());
                String decimal = spelled.replaceAll("[fF]$", "");
                double widened = (Float) ((LiteralTree) tree).getValue();
                // 0.5f is 0.5, but 0.1f is 0.10000000149011612: say which double keeps the source's value
                String same;
                try {
                    same = Double.parseDouble(decimal) == widened ? "" : "; the float's own value is the double "
                            + widened + ", which is what the source computes with";
                } catch (NumberFormatException e) {
                    same = "";
                }
                throw cx.reject(Message.UNSUPPORTED_EXPRESSION, tree, "the float literal " + spelled,
                        "write it as a double (" + decimal + ")" + same);
            }
            case CHAR_LITERAL:
                throw cx.reject(Message.UNSUPPORTED_TYPE, tree, "char");
            case NULL_LITERAL:
                throw cx.reject(Message.UNSUPPORTED_EXPRESSION, tree, "null", "allocate the array, or pass it in");
            case IDENTIFIER:
                return identifier(path);
            case MEMBER_SELECT:
                return memberSelect(path, pre);
            case ARRAY_ACCESS: {
                ArrayAccessTree t = (ArrayAccessTree) tree;
                Expr array = expr(new TreePath(path, t.getExpression()), pre);
                if (!array.type().isArray()) {
                    throw cx.reject(Message.UNSUPPORTED_EXPRESSION, tree, "indexing this", "index an array");
                }
                if (ArrayValues.needsLocal(array)) {
                    // (c ? a : b)[i], new double[] {...}[i]: a local that activity aliases to what it may be
                    array = ArrayValues.bind(array, pre, cx.names);
                }
                List<Stmt> preIndex = new ArrayList<>();
                Expr index = expr(new TreePath(path, t.getIndex()), preIndex);
                array = Order.settle(array, preIndex, pre, cx.names);
                pre.addAll(preIndex);
                if (index.type() != Type.INT) {
                    throw cx.reject(Message.UNSUPPORTED_EXPRESSION, t.getIndex(), "an index that is not an int", "cast it to int");
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
                    throw cx.reject(Message.UNSUPPORTED_EXPRESSION, tree, "this operator on " + e.type().java(), "use the subset's types");
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
                throw cx.reject(Message.SIDE_EFFECT, tree, "an assignment");
            case CONDITIONAL_EXPRESSION:
                return conditional(path, pre);
            case TYPE_CAST: {
                TypeCastTree t = (TypeCastTree) tree;
                Type type = cx.typeTrees.declaredType(new TreePath(path, t.getType()));
                Expr e = expr(new TreePath(path, t.getExpression()), pre);
                if (!type.isNumeric() || !e.type().isNumeric()) {
                    if (type == e.type()) {
                        return e;
                    }
                    throw cx.reject(Message.UNSUPPORTED_EXPRESSION, tree, "this cast", "cast only between double, int and long");
                }
                return new Cast(type, e);
            }
            case METHOD_INVOCATION:
                return cx.calls.call(path, pre, false);
            case NEW_ARRAY:
                return newArray(path, pre);
            case NEW_CLASS:
                if (cx.resolve(new TreePath(path, ((com.sun.source.tree.NewClassTree) tree).getIdentifier()))
                        instanceof TypeElement te && te.getKind() == ElementKind.RECORD) {
                    throw cx.reject(Message.RECORD_USE, tree, "creating a record",
                            "compute with its components in locals and arrays, or take the record as a parameter");
                }
                Hints.newObject(cx, (com.sun.source.tree.NewClassTree) tree, tree);
                throw cx.reject(Message.UNSUPPORTED_EXPRESSION, tree, "creating an object",
                        "use doubles and arrays of doubles; objects are allowed only in a throw");
            case LAMBDA_EXPRESSION:
                throw cx.reject(Message.UNSUPPORTED_EXPRESSION, tree, "a lambda", "write the computation as a loop or a static helper method");
            case MEMBER_REFERENCE:
                throw cx.reject(Message.UNSUPPORTED_EXPRESSION, tree, "a method reference", "call a static helper method");
            case INSTANCE_OF:
                throw cx.reject(Message.UNSUPPORTED_EXPRESSION, tree, "instanceof", "use the subset's types only");
            case SWITCH_EXPRESSION:
                throw cx.reject(Message.UNSUPPORTED_EXPRESSION, tree, "a switch expression",
                        "use if/else, or a conditional (c ? a : b)");
            default:
                if (tree instanceof BinaryTree) {
                    return binary(path, pre);
                }
                throw cx.reject(Message.UNSUPPORTED_EXPRESSION, tree,
                        "this expression (" + tree.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")",
                        "rewrite it with the subset's operators (see the README)");
        }
    }

    /**
     * A numeric literal as the source spells it ({@code 1e-6}, {@code 0x1p3}, {@code 1_000}), which is
     * the same value by definition; {@code fallback}, the value printed back, if the source is not at hand.
     */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?[0-9][0-9a-zA-Z_.+\\-]*");

    private String spelling(Tree literal, String fallback) {
        try {
            if (cx.source == null) {
                cx.source = cx.unit.getSourceFile().getCharContent(true);
            }
            CharSequence content = cx.source;
            long start = cx.env.trees().getSourcePositions().getStartPosition(cx.unit, literal);
            long end = cx.env.trees().getSourcePositions().getEndPosition(cx.unit, literal);
            if (start >= 0 && end > start && end <= content.length()) {
                String text = content.subSequence((int) start, (int) end).toString();
                if (NUMBER.matcher(text).matches()) {
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
        Local v = t.getExpression() instanceof IdentifierTree id ? cx.lookup(id.getName().toString()) : null;
        if (v == null || !v.type().isIntegral() || readsElsewhere(path, ((IdentifierTree) t.getExpression()).getName())) {
            throw cx.reject(Message.SIDE_EFFECT, t, "++ or --");
        }
        boolean inc = t.getKind() == Tree.Kind.PREFIX_INCREMENT || t.getKind() == Tree.Kind.POSTFIX_INCREMENT;
        boolean postfix = t.getKind() == Tree.Kind.POSTFIX_INCREMENT || t.getKind() == Tree.Kind.POSTFIX_DECREMENT;
        Expr updated = new Binary(v.type(), inc ? BinaryOp.ADD : BinaryOp.SUB, v, Lit.ofInt(1));
        if (!postfix) {
            pre.add(new Stmt.Assign(cx.src(t), v, updated));
            return v;
        }
        Local old = new Local(v.type(), cx.names.fresh(v.name() + "Before"));
        pre.add(new Stmt.Decl(null, v.type(), old.name(), v));
        pre.add(new Stmt.Assign(cx.src(t), v, updated));
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
        Local local = cx.lookup(id.getName().toString());
        if (local != null) {
            return local;
        }
        Lit constant = cx.constants.get(id.getName().toString());
        if (constant != null && cx.lookupDeclared(id.getName().toString())) {
            return constant;
        }
        RecordValue record = cx.lookupRecord(id.getName().toString());
        if (record == RecordValue.REJECTED) {
            throw cx.recordReads.quietly();
        }
        if (record != null) {
            throw cx.reject(Message.RECORD_USE, id, "'" + id.getName() + "' is a record here",
                    "read its components (" + id.getName() + ".w()), give it to a local, or pass it to a helper");
        }
        if (id.getName().contentEquals("this") || id.getName().contentEquals("super")) {
            throw cx.reject(Message.UNSUPPORTED_EXPRESSION, id, "'" + id.getName() + "'",
                    "a differentiated method is static; pass what it needs as parameters");
        }
        return field(path, cx.resolve(path));
    }

    private Expr field(TreePath path, Element e) {
        Tree tree = path.getLeaf();
        if (e == null && tree instanceof IdentifierTree) {
            // javac would say "cannot find symbol", but only after jgrad's errors, which stop it before then
            throw cx.reject(Message.CANNOT_FIND, tree, tree);
        }
        if (e == null || e.getKind() != ElementKind.FIELD) {
            throw cx.reject(Message.UNSUPPORTED_EXPRESSION, tree, "'" + tree + "'", "use locals, parameters and static final constants");
        }
        VariableElement v = (VariableElement) e;
        Type type = cx.env.types().typeOf(v.asType());
        boolean staticFinal = v.getModifiers().contains(Modifier.STATIC) && v.getModifiers().contains(Modifier.FINAL);
        if (!staticFinal && type != null && type.isArray()) {
            throw cx.reject(Message.FIELD_ARRAY, tree, v.getSimpleName());
        }
        if (!staticFinal) {
            throw cx.reject(Message.FIELD_READ, tree, v.getSimpleName());
        }
        if (type == null || type == Type.STRING && cx.messages == 0) {
            throw cx.reject(Message.UNSUPPORTED_TYPE, tree, v.asType());
        }
        TypeElement c = (TypeElement) v.getEnclosingElement();
        if (type.isArray()) {
            // a constant table: read by reference, as the source reads it; never written (ConstantTables)
            if (!cx.calls.visible(v)) {
                throw cx.reject(Message.TABLE_ACCESS, tree, v.getSimpleName());
            }
            return new Expr.Const(type, cx.env.elements().getBinaryName(c).toString(), v.getSimpleName().toString());
        }
        if (v.getModifiers().contains(Modifier.PUBLIC) && c.getModifiers().contains(Modifier.PUBLIC)) {
            return new Expr.Const(type, cx.env.elements().getBinaryName(c).toString(), v.getSimpleName().toString());
        }
        // the generated class may not see it: a compile-time constant is copied as its exact literal
        Object constant = v.getConstantValue();
        if (constant == null && cx.calls.visible(v)) {
            // a computed constant the generated class can read (package-private, same package)
            return new Expr.Const(type, cx.env.elements().getBinaryName(c).toString(), v.getSimpleName().toString());
        }
        if (constant == null) {
            throw cx.reject(Message.FIELD_ACCESS, tree, v.getSimpleName());
        }
        String text = cx.env.elements().getConstantExpression(constant);
        return new Lit(type, text.contains("/") ? "(" + text + ")" : text);
    }

    private Expr memberSelect(TreePath path, List<Stmt> pre) {
        MemberSelectTree m = (MemberSelectTree) path.getLeaf();
        if (m.getIdentifier().contentEquals("length")) {
            Element e = cx.resolve(path);
            // the resolver answers fields of classes only: an array's length is no element (null)
            if (e == null || e.getKind() != ElementKind.FIELD || e.getEnclosingElement().getKind() != ElementKind.CLASS) {
                Expr array = expr(new TreePath(path, m.getExpression()), pre);
                if (array.type().isArray()) {
                    return new Expr.Length(array);
                }
            }
        }
        return field(path, cx.resolve(path));
    }

    private Expr conditional(TreePath path, List<Stmt> pre) {
        ConditionalExpressionTree t = (ConditionalExpressionTree) path.getLeaf();
        Expr cond = cx.statements.condition(new TreePath(path, t.getCondition()), pre);
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
            throw cx.reject(Message.UNSUPPORTED_EXPRESSION, t, "a conditional mixing " + a.type().java() + " and " + b.type().java(),
                    "give both branches the same type");
        }
        if (preThen.isEmpty() && preElse.isEmpty() && !ArrayValues.fresh(a) && !ArrayValues.fresh(b)) {
            return new Expr.Cond(type, cond, a, b);
        }
        // a call in a branch runs only when its branch is taken; a fresh array is assigned on its own
        String tmp = cx.names.fresh("choice");
        Local l = new Local(type, tmp);
        preThen.add(new Stmt.Assign(null, l, a));
        preElse.add(new Stmt.Assign(null, l, b));
        pre.add(new Stmt.Decl(null, type, tmp, null));
        pre.add(new Stmt.If(null, cond, preThen, preElse));
        return l;
    }

    private Expr binary(TreePath path, List<Stmt> pre) {
        BinaryTree t = (BinaryTree) path.getLeaf();
        Expr nullTest = NullChecks.comparison(cx, path, pre);
        if (nullTest != null) {
            return nullTest;
        }
        BinaryOp op = TypeTrees.binaryOp(t.getKind());
        if (op == null) {
            throw cx.reject(Message.UNSUPPORTED_EXPRESSION, t, "this operator", "use the subset's operators");
        }
        Expr l = expr(new TreePath(path, t.getLeftOperand()), pre);
        List<Stmt> preRight = new ArrayList<>();
        Expr r = expr(new TreePath(path, t.getRightOperand()), preRight);
        Type type = cx.typeTrees.binaryType(op, l.type(), r.type(), t);
        if (preRight.isEmpty()) {
            return new Binary(type, op, l, r);
        }
        if (!op.isLogical()) {
            l = Order.settle(l, preRight, pre, cx.names);
            pre.addAll(preRight);
            return new Binary(type, op, l, r);
        }
        // the right side of && and || runs only when the left side does not decide
        String tmp = cx.names.fresh("test");
        Local v = new Local(Type.BOOLEAN, tmp);
        pre.add(new Stmt.Decl(null, Type.BOOLEAN, tmp, l));
        preRight.add(new Stmt.Assign(null, v, r));
        pre.add(new Stmt.If(null, op == BinaryOp.CAND ? v : dev.jgrad.processor.ir.Exprs.not(v), preRight, List.of()));
        return v;
    }

    /** Operands (arguments, elements, sizes) read left to right, as {@link Order#inOrder} keeps them. */
    List<Expr> operands(TreePath parent, List<? extends ExpressionTree> trees, List<Stmt> pre) {
        List<Expr> values = new ArrayList<>();
        List<List<Stmt>> statements = new ArrayList<>();
        for (ExpressionTree a : trees) {
            List<Stmt> own = new ArrayList<>();
            values.add(expr(new TreePath(parent, a), own));
            statements.add(own);
        }
        return Order.inOrder(values, statements, pre, cx.names);
    }

    private Expr newArray(TreePath path, List<Stmt> pre) {
        NewArrayTree t = (NewArrayTree) path.getLeaf();
        if (t.getInitializers() != null) {
            List<Expr> elements = operands(path, t.getInitializers(), pre);
            Type type = t.getType() == null ? null : cx.typeTrees.arrayOf(cx.typeTrees.declaredType(new TreePath(path, t.getType())), t);
            if (type == null) {
                type = elements.isEmpty() || elements.get(0).type() == Type.DOUBLE || elements.get(0).type() == Type.INT
                        ? Type.DOUBLE_ARRAY : Type.DOUBLE_MATRIX;
            }
            if (type == Type.DOUBLE_MATRIX && elements.stream().anyMatch(e -> !(e instanceof Expr.ArrayLit))) {
                List<Expr> rows = new ArrayList<>();
                for (Expr e : elements) {
                    rows.add(e instanceof Expr.ArrayLit a ? TypeTrees.retypeArrayLit(a, Type.DOUBLE_ARRAY) : e);
                }
                return ArrayValues.rows(rows, pre, cx.names);
            }
            return TypeTrees.retypeArrayLit(new Expr.ArrayLit(type, elements), type);
        }
        Type element = cx.typeTrees.declaredType(new TreePath(path, t.getType()));
        List<Expr> dims = operands(path, t.getDimensions(), pre);
        for (int k = 0; k < dims.size(); k++) {
            if (dims.get(k).type() != Type.INT) {
                throw cx.reject(Message.UNSUPPORTED_EXPRESSION, t.getDimensions().get(k), "an array size that is not an int",
                        "cast it to int");
            }
        }
        Type type = element;
        for (int k = 0; k < dims.size(); k++) {
            type = cx.typeTrees.arrayOf(type, t);
        }
        int total = dims.size();
        // new double[n][] : one dimension given, rows null (written later)
        if (type == Type.DOUBLE_ARRAY && element == Type.DOUBLE_ARRAY) {
            type = Type.DOUBLE_MATRIX;
        }
        if (total == 0) {
            throw cx.reject(Message.UNSUPPORTED_EXPRESSION, t, "this array creation", "give the size: new double[n]");
        }
        return new Expr.NewArray(type, dims);
    }
}
