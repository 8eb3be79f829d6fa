package dev.jgrad.processor.front;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.util.TreePath;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.front.OpsViews.ArrayVec;
import dev.jgrad.processor.front.OpsViews.Elementwise;
import dev.jgrad.processor.front.OpsViews.ElementwiseMat;
import dev.jgrad.processor.front.OpsViews.Leaf;
import dev.jgrad.processor.front.OpsViews.LeafMat;
import dev.jgrad.processor.front.OpsViews.Mat;
import dev.jgrad.processor.front.OpsViews.Scalar;
import dev.jgrad.processor.front.OpsViews.Value;
import dev.jgrad.processor.front.OpsViews.Vec;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Rule;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import dev.jgrad.processor.rules.OpsOp;
import dev.jgrad.processor.rules.OpsTable;
import dev.jgrad.processor.rules.Rules;
import dev.jgrad.processor.rules.Throws;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * Lowers a call of {@code dev.jgrad.Ops} (with the Ops calls nested in its arguments) into loops, as
 * JAX's {@code jnp} functions are compositions of {@code lax} primitives: the transform then
 * differentiates and fuses the loops like any others. The expression is read in Java's order of
 * evaluation: each argument that is no Ops call (a leaf) is read once, bound to a local unless it is
 * one, and each op checks its operands' shapes ({@code dev.jgrad.runtime.Shapes}, the eager op's
 * messages) once its arguments are read, as the eager op would; reductions run their loops there.
 * Element-wise ops and the like stay views ({@link OpsViews}) until something consumes them, so
 * that {@code mean(square(sub(add(matvec(x, w), b), y)))} is one loop. A view becomes an array only
 * where it must: as the value of the whole expression, where an op reads it more than once per
 * element, and before a later argument whose statements write array elements (a helper that writes
 * into an array the view reads: Java computed the view before the helper ran).
 */
final class OpsLowering {
    private final BodyContext cx;
    private final List<Stmt> pre;
    private final OpsKernels kernels;
    private final OpsShapes shapes;
    /** The arguments read so far of each Ops call being read, innermost last: what a later leaf may disturb. */
    private final Deque<List<Value>> open = new ArrayDeque<>();

    private OpsLowering(BodyContext cx, List<Stmt> pre) {
        this.cx = cx;
        this.pre = pre;
        this.kernels = new OpsKernels(cx.names, pre);
        this.shapes = new OpsShapes(pre);
    }

    /**
     * Whether a call may mean a method of {@code Ops}, and otherwise only functions of {@code Math}
     * ({@code exp(x)} with both classes' functions imported statically): which one it calls is known
     * once its arguments' types are.
     */
    static boolean isOps(List<ExecutableElement> candidates) {
        return candidates.stream().anyMatch(OpsTable::isOps)
                && candidates.stream().allMatch(m -> OpsTable.isOps(m) || Rules.isMathFunction(m));
    }

    /**
     * The value of an Ops call: an expression for a scalar, a fresh array variable for an array, with
     * the loops that compute it in {@code pre}.
     */
    static Expr lower(BodyContext cx, TreePath path, List<Stmt> pre, boolean statement) {
        MethodInvocationTree t = (MethodInvocationTree) path.getLeaf();
        if (statement) {
            throw cx.reject(Message.UNKNOWN_CALL, t, t.getMethodSelect().toString(),
                    "an Ops call returns a new value and changes nothing; use its result");
        }
        OpsLowering l = new OpsLowering(cx, pre);
        Value v = l.kernels.array(l.call(path));
        if (v instanceof Scalar s) {
            return s.expr();
        }
        return (Expr) (v instanceof Vec vec ? vec.array() : ((Mat) v).array());
    }

    /** The value of an Ops call as a view, not made an array: for {@link OpsSubstitution}. */
    static Value view(BodyContext cx, TreePath path, List<Stmt> pre) {
        OpsLowering l = new OpsLowering(cx, pre);
        Value v = l.call(path);
        // the view's loops run in the next statement: its matrices are checked here, as eagerly
        l.shapes.barrier();
        return v;
    }

    // ---------------------------------------------------------------- reading

    private static TreePath unwrap(TreePath p) {
        while (p.getLeaf() instanceof ParenthesizedTree t) {
            p = new TreePath(p, t.getExpression());
        }
        return p;
    }

    private boolean isOpsCall(TreePath p) {
        return p.getLeaf() instanceof MethodInvocationTree t && isOps(cx.resolver().methods(t));
    }

    /** One Ops call: its arguments in order, then the method they select, then the op. */
    private Value call(TreePath path) {
        MethodInvocationTree t = (MethodInvocationTree) path.getLeaf();
        String op = t.getMethodSelect() instanceof com.sun.source.tree.MemberSelectTree s
                ? s.getIdentifier().toString() : t.getMethodSelect().toString();
        List<Value> args = new ArrayList<>();
        open.addLast(args);
        try {
            for (ExpressionTree a : t.getArguments()) {
                TreePath ap = unwrap(new TreePath(path, a));
                args.add(isOpsCall(ap) ? call(ap) : leaf(ap, op));
            }
        } finally {
            open.removeLast();
        }
        List<Type> types = args.stream().map(OpsLowering::typeOf).toList();
        ExecutableElement m = cx.resolver().choose(cx.resolver().methods(t), types);
        if (m == null || types.contains(null) || !cx.resolver().takes(m, types)) {
            throw cx.reject(Message.UNKNOWN_CALL, t, "Ops." + op + "(...)",
                    "no Ops." + op + " takes (" + String.join(", ", types.stream().map(x -> x == null ? "this" : x.java()).toList())
                            + "); see the Ops table in the README for the shapes each method takes");
        }
        cx.env.resolutions().record(path, m, cx.owner);
        Rule scalar = Rules.resolve(m);
        if (scalar != null) {
            // a scalar function of Ops or of Math: a primitive, typed as the method returns (Math.abs(int) is an int)
            Type type = cx.env.types().typeOf(m.getReturnType());
            if (type == null || !type.isNumeric() || !types.stream().allMatch(Type::isNumeric)) {
                throw cx.reject(Message.UNSUPPORTED_EXPRESSION, t, op + " of " + types, "pass numbers");
            }
            return new Scalar(new Expr.Prim(type, scalar, args.stream().map(OpsLowering::scalar).toList()));
        }
        if (!OpsTable.isOps(m)) {
            throw cx.reject(Message.UNSUPPORTED_MATH, t, m.getEnclosingElement().getSimpleName() + "." + op, Rules.names());
        }
        OpsOp o = OpsTable.resolve(m);
        if (o == null) {
            throw cx.reject(Message.UNSUPPORTED_OPS, t, "Ops." + m.getSimpleName(), OpsTable.names());
        }
        kernels.at = cx.src(t);
        List<Expr> arrays = new ArrayList<>();
        return apply(o, typed(o, args, arrays), arrays);
    }

    /** A scalar argument's expression, for a call of a scalar rule. */
    private static Expr scalar(Value v) {
        return v instanceof Scalar s ? s.expr() : ((Leaf) v).expr();
    }

    /**
     * An argument that is no Ops call, read where Java reads it. If reading it runs statements that
     * write array elements (an inlined helper), the views read so far become arrays first, and
     * values those statements could change are held in locals first (as {@link Order} does).
     */
    private Value leaf(TreePath path, String op) {
        if (path.getLeaf() instanceof com.sun.source.tree.IdentifierTree id && cx.views.containsKey(id.getName().toString())) {
            return cx.views.remove(id.getName().toString());
        }
        List<Stmt> own = new ArrayList<>();
        Expr e = cx.expressions.expr(path, own);
        if (!own.isEmpty()) {
            // a helper's statements may throw: a matrix read before is checked before them
            shapes.barrier();
            boolean writes = writesElements(own);
            for (List<Value> args : open) {
                for (int k = 0; k < args.size(); k++) {
                    Value v = args.get(k);
                    if (writes && (v instanceof Vec || v instanceof Mat)) {
                        args.set(k, kernels.array(v));
                    } else if (v instanceof Leaf l) {
                        args.set(k, new Leaf(Order.settle(l.expr(), own, pre, cx.names)));
                    } else if (v instanceof Scalar s) {
                        args.set(k, new Scalar(Order.settle(s.expr(), own, pre, cx.names)));
                    }
                }
            }
        }
        pre.addAll(own);
        boolean local = e instanceof Local || !e.type().isArray() && (e instanceof Expr.Lit || e instanceof Expr.Const);
        if (!local && e.type() != Type.STRING && e.type() != Type.VOID && e.type() != Type.BOOLEAN) {
            if (Throws.mayThrow(e)) {
                shapes.barrier();
            }
            e = OpsViews.declare(op + "_" + stem(e), e, pre, cx.names);
        }
        return new Leaf(e);
    }

    private static boolean writesElements(List<Stmt> statements) {
        boolean[] writes = {false};
        Walk.statements(statements, s -> writes[0] |= s instanceof Stmt.Assign a && a.target() instanceof Expr.Index);
        return writes[0];
    }

    private static String stem(Expr e) {
        String[] first = {null};
        Walk.locals(e, n -> {
            if (first[0] == null) {
                first[0] = n.replaceAll("_[0-9]+$", "");
            }
        });
        return first[0] == null ? "arg" : first[0];
    }

    private static Type typeOf(Value v) {
        if (v instanceof Leaf l) {
            Type t = l.expr().type();
            return t.isNumeric() || t == Type.DOUBLE_ARRAY || t == Type.DOUBLE_MATRIX ? t : null;
        }
        return v instanceof Scalar s ? s.expr().type() : v instanceof Vec ? Type.DOUBLE_ARRAY : Type.DOUBLE_MATRIX;
    }

    /**
     * The arguments as the op's parameters take them: leaves become scalars (doubles where it takes a
     * double) and arrays, the vectors also added to {@code arrays}.
     */
    private List<Value> typed(OpsOp o, List<Value> args, List<Expr> arrays) {
        List<Value> out = new ArrayList<>();
        for (int k = 0; k < args.size(); k++) {
            Value v = args.get(k);
            Type p = o.params().get(k);
            if (v instanceof Leaf l) {
                Expr e = l.expr();
                if (p == Type.DOUBLE_ARRAY) {
                    v = new ArrayVec(stem(e), e);
                    arrays.add(e);
                } else if (p == Type.DOUBLE_MATRIX) {
                    v = new LeafMat(stem(e), e, new Local(Type.INT, cx.names.fresh(stem(e) + "Cols")));
                } else {
                    v = new Scalar(p == Type.DOUBLE && e.type() != Type.DOUBLE ? new Expr.Cast(Type.DOUBLE, e) : e);
                }
            } else if (v instanceof Scalar s && p == Type.DOUBLE && s.expr().type() != Type.DOUBLE) {
                v = new Scalar(new Expr.Cast(Type.DOUBLE, s.expr()));
            }
            out.add(v);
        }
        return out;
    }

    // ---------------------------------------------------------------- the ops

    private Value apply(OpsOp o, List<Value> args, List<Expr> arrays) {
        // transpose and matmul's second operand read rows inside their elements' loops, which need not run
        shapes.leaves(o.name(), args, arrays, k -> o.kind() == OpsOp.Kind.TRANSPOSE || o.kind() == OpsOp.Kind.MATMUL && k == 1);
        checks(o, args);
        shapes.flush();
        switch (o.kind()) {
            case ELEMENTWISE:
                return elementwise(o, args);
            case FILL: {
                List<Expr> dims = new ArrayList<>();
                List<Expr> values = new ArrayList<>();
                for (int k = 0; k < args.size(); k++) {
                    (o.params().get(k) == Type.INT ? dims : values).add(((Scalar) args.get(k)).expr());
                }
                if (!dims.stream().allMatch(d -> d instanceof Expr.Lit l && !l.text().startsWith("-"))) {
                    // new double[n] throws for n < 0
                    shapes.barrier();
                }
                return kernels.fill(o.name(), dims, o.formula().of(values));
            }
            case SUM:
                return new Scalar(kernels.sum("sum", args.get(0), pre));
            case MEAN:
                return new Scalar(kernels.mean(args.get(0)));
            case MAX:
            case MIN:
                return new Scalar(kernels.extremum(o.name(), o.kind() == OpsOp.Kind.MAX, args.get(0)));
            case DOT: {
                Vec a = (Vec) args.get(0);
                Vec b = (Vec) args.get(1);
                return new Scalar(kernels.dot("dot", a, b, pre));
            }
            case NORM2:
                return new Scalar(kernels.norm2(args.get(0)));
            case LOG_SUM_EXP:
                if (args.get(0) instanceof Vec x) {
                    return new Scalar(OpsViews.declare("logSumExp", kernels.logSumExp(kernels.array(x), pre), pre, cx.names));
                }
                return kernels.rowLogSumExp(kernels.array((Mat) args.get(0)));
            case ROW_SUMS:
                return kernels.rowSums((Mat) args.get(0));
            case COL_SUMS:
                return kernels.colSums((Mat) args.get(0));
            case SOFTMAX:
                if (args.get(0) instanceof Vec x) {
                    return kernels.softmax(kernels.array(x), pre);
                }
                return kernels.rowSoftmax(kernels.array((Mat) args.get(0)));
            case LOG_SOFTMAX:
                return kernels.logSoftmax(kernels.array((Vec) args.get(0)));
            case CUMSUM:
                return kernels.cumsum((Vec) args.get(0));
            case MATVEC: {
                Mat a = (Mat) args.get(0);
                Vec x = (Vec) args.get(1);
                return kernels.matvec(a, kernels.array(x));
            }
            case VECMAT: {
                Vec x = (Vec) args.get(0);
                Mat a = (Mat) args.get(1);
                return kernels.vecmat(x, a);
            }
            case MATMUL: {
                Mat a = (Mat) args.get(0);
                Mat b = (Mat) args.get(1);
                // a transposed array variable is read in place, as an array variable is
                return kernels.matmul(a instanceof OpsViews.Transposed ? a : kernels.array(a),
                        b instanceof OpsViews.Transposed ? b : kernels.array(b));
            }
            case TRANSPOSE:
                return kernels.transpose(kernels.array((Mat) args.get(0)));
            case OUTER:
                return kernels.outer((Vec) args.get(0), kernels.array((Vec) args.get(1)));
            default:
                throw new IllegalStateException("no lowering for " + o.kind());
        }
    }

    /** The op's shape checks, after its arguments', in the eager op's order. */
    private void checks(OpsOp o, List<Value> args) {
        switch (o.kind()) {
            case ELEMENTWISE -> {
                if (args.size() == 2) {
                    shapes.broadcast(o.name(), args.get(0), args.get(1));
                }
            }
            case MAX, MIN -> shapes.nonEmpty(o.name(), OpsKernels.count(args.get(0)));
            case DOT -> shapes.sameLength(o.name(), (Vec) args.get(0), (Vec) args.get(1));
            case MATVEC -> shapes.matrixAndRow(o.name(), (Mat) args.get(0), (Vec) args.get(1));
            case VECMAT -> shapes.vectorAndRows(o.name(), (Vec) args.get(0), (Mat) args.get(1));
            case MATMUL -> shapes.inner(o.name(), (Mat) args.get(0), (Mat) args.get(1));
            default -> { }
        }
    }

    /** Element-wise, with broadcasting: a vector broadcast along a matrix's rows is read once per row, so it is an array. */
    private Value elementwise(OpsOp o, List<Value> args) {
        boolean matrix = args.stream().anyMatch(v -> v instanceof Mat);
        List<Object> operands = new ArrayList<>();
        for (Value v : args) {
            if (v instanceof Scalar s) {
                operands.add(s.expr());
            } else if (matrix && v instanceof Vec vec) {
                operands.add(kernels.array(vec));
            } else {
                operands.add(v);
            }
        }
        return matrix ? new ElementwiseMat(o.name(), o.formula(), operands, cx.names)
                : new Elementwise(o.name(), o.formula(), operands, cx.names);
    }
}
