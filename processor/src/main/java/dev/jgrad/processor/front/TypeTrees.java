package dev.jgrad.processor.front;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The subset's types as a body spells them: type trees ({@code double[]}, {@code var}), the result
 * type of each operator, and the operators themselves. Reading a body cannot ask javac for types (the
 * body may not be attributed yet), so the subset types itself here.
 */
final class TypeTrees {
    private final BodyContext cx;

    TypeTrees(BodyContext cx) {
        this.cx = cx;
    }

    static boolean isVar(Tree typeTree) {
        return typeTree instanceof IdentifierTree id && id.getName().contentEquals("var");
    }

    /** The subset type a type tree names, or null, reporting nothing. */
    static Type quietType(Tree t) {
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
                    : element == Type.BOOLEAN ? Type.BOOLEAN_ARRAY : element == Type.DOUBLE_ARRAY ? Type.DOUBLE_MATRIX : null;
        }
        return null;
    }

    Type declaredType(TreePath path) {
        Tree t = path.getLeaf();
        Type type = quietType(t);
        if (type == null) {
            Hints.type(cx, t);
            throw cx.reject(Message.UNSUPPORTED_TYPE, t, t.toString());
        }
        return type;
    }

    static BinaryOp compoundOp(Tree.Kind kind) {
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

    Type binaryType(BinaryOp op, Type l, Type r, Tree tree) {
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
        throw cx.reject(Message.UNSUPPORTED_EXPRESSION, tree, "'" + op.java() + "' on " + l.java() + " and " + r.java(),
                "use it on the subset's numeric types");
    }

    static BinaryOp binaryOp(Tree.Kind kind) {
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

    Type arrayOf(Type element, Tree tree) {
        switch (element) {
            case DOUBLE: return Type.DOUBLE_ARRAY;
            case INT: return Type.INT_ARRAY;
            case BOOLEAN: return Type.BOOLEAN_ARRAY;
            case DOUBLE_ARRAY: return Type.DOUBLE_MATRIX;
            default: throw cx.reject(Message.UNSUPPORTED_TYPE, tree, element.java() + "[]");
        }
    }

    static Expr.ArrayLit retypeArrayLit(Expr.ArrayLit a, Type type) {
        List<Expr> elements = new ArrayList<>();
        for (Expr e : a.elements()) {
            elements.add(e instanceof Expr.ArrayLit inner && type == Type.DOUBLE_MATRIX
                    ? retypeArrayLit(inner, Type.DOUBLE_ARRAY) : e);
        }
        return new Expr.ArrayLit(type, elements);
    }
}
