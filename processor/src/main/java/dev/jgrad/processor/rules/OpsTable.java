package dev.jgrad.processor.rules;

import static dev.jgrad.processor.ir.Type.DOUBLE;
import static dev.jgrad.processor.ir.Type.DOUBLE_ARRAY;
import static dev.jgrad.processor.ir.Type.DOUBLE_MATRIX;
import static dev.jgrad.processor.ir.Type.INT;
import static dev.jgrad.processor.rules.StaticMethod.staticMethod;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Rule;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.UnaryOp;
import dev.jgrad.processor.rules.OpsOp.Formula;
import dev.jgrad.processor.rules.OpsOp.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;

/**
 * The array methods of {@code dev.jgrad.Ops}, one entry per method (owner, name and parameter types:
 * {@code add(double[], double)} is not {@code add(double[][], double[])}), as the Ops contract
 * defines them. The scalar functions ({@code sigmoid(double)}, {@code erf}, {@code normCdf},
 * {@code stopGradient(double)}) are rules of {@link Rules}; every other method of {@code Ops} is
 * lowered into loops by the front end, which asks this table what the method is.
 */
public final class OpsTable {
    private record Entry(StaticMethod matcher, OpsOp op) {}

    private static final List<Type> ARRAYS = List.of(DOUBLE_ARRAY, DOUBLE_MATRIX);
    private static final StaticMethod ANY_OPS = staticMethod().onClass(Rules.OPS);
    private static final List<Entry> TABLE = table();

    private OpsTable() {}

    /** Whether {@code m} is a method of {@code dev.jgrad.Ops}, in a table or not. */
    public static boolean isOps(ExecutableElement m) {
        return ANY_OPS.matches(m);
    }

    /** The op {@code m} is, or null when it is none of this table (a scalar rule of {@link Rules}, or unknown). */
    public static OpsOp resolve(ExecutableElement m) {
        for (Entry e : TABLE) {
            if (e.matcher().matches(m)) {
                return e.op();
            }
        }
        return null;
    }

    /** Every op of the table, in its order. */
    public static List<OpsOp> all() {
        return TABLE.stream().map(Entry::op).collect(Collectors.toUnmodifiableList());
    }

    /** The names of the Ops methods jgrad differentiates, for the message that lists them. */
    public static String names() {
        List<String> names = new ArrayList<>();
        TABLE.forEach(e -> names.add(e.op().name()));
        Rules.all().stream().filter(r -> Rules.OPS.equals(r.owner())).forEach(r -> names.add(r.name()));
        return names.stream().distinct().collect(Collectors.joining(" "));
    }

    // ---------------------------------------------------------------- the primitives the loops call

    public static Expr exp(Expr x) {
        return Rules.math("exp", x);
    }

    public static Expr log(Expr x) {
        return Rules.math("log", x);
    }

    public static Expr sqrt(Expr x) {
        return Rules.math("sqrt", x);
    }

    /** {@code Math.max(a, b)}: a tie passes the derivative to {@code a}. */
    public static Expr max(Expr a, Expr b) {
        return Rules.math("max", a, b);
    }

    /** {@code Math.min(a, b)}: a tie passes the derivative to {@code a}. */
    public static Expr min(Expr a, Expr b) {
        return Rules.math("min", a, b);
    }

    /** {@code Ops.stopGradient(x)}: the value, with no derivative. */
    public static Expr stopGradient(Expr x) {
        return new Expr.Prim(DOUBLE, Rules.rule(Rules.OPS, "stopGradient", 1), List.of(x));
    }

    // ---------------------------------------------------------------- the table

    private static List<Entry> table() {
        List<Entry> t = new ArrayList<>();
        // creation: the int parameters are the shape
        for (Type shape : ARRAYS) {
            List<Type> dims = shape == DOUBLE_ARRAY ? List.of(INT) : List.of(INT, INT);
            put(t, "zeros", Kind.FILL, dims, shape, a -> Expr.Lit.ofDouble(0.0));
            put(t, "ones", Kind.FILL, dims, shape, a -> Expr.Lit.ofDouble(1.0));
            List<Type> full = new ArrayList<>(dims);
            full.add(DOUBLE);
            put(t, "full", Kind.FILL, full, shape, a -> a.get(0));
        }
        // element-wise binary, numpy broadcasting: the eight shapes of the contract
        List<List<Type>> binaryShapes = List.of(
                List.of(DOUBLE_ARRAY, DOUBLE_ARRAY), List.of(DOUBLE_ARRAY, DOUBLE), List.of(DOUBLE, DOUBLE_ARRAY),
                List.of(DOUBLE_MATRIX, DOUBLE_MATRIX), List.of(DOUBLE_MATRIX, DOUBLE_ARRAY),
                List.of(DOUBLE_ARRAY, DOUBLE_MATRIX), List.of(DOUBLE_MATRIX, DOUBLE), List.of(DOUBLE, DOUBLE_MATRIX));
        for (BinaryOp op : List.of(BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV)) {
            String name = op == BinaryOp.ADD ? "add" : op == BinaryOp.SUB ? "sub" : op == BinaryOp.MUL ? "mul" : "div";
            for (List<Type> shapes : binaryShapes) {
                Type result = shapes.contains(DOUBLE_MATRIX) ? DOUBLE_MATRIX : DOUBLE_ARRAY;
                put(t, name, Kind.ELEMENTWISE, shapes, result,
                        a -> new Expr.Binary(DOUBLE, op, a.get(0), a.get(1)));
            }
        }
        for (Type shape : ARRAYS) {
            put(t, "pow", Kind.ELEMENTWISE, List.of(shape, DOUBLE), shape, a -> Rules.math("pow", a.get(0), a.get(1)));
        }
        // element-wise unary, on vectors and matrices
        unary(t, "neg", x -> new Expr.Unary(DOUBLE, UnaryOp.NEG, x));
        unary(t, "abs", x -> Rules.math("abs", x));
        unary(t, "square", x -> new Expr.Binary(DOUBLE, BinaryOp.MUL, x, x));
        for (String f : List.of("sqrt", "exp", "log", "log1p", "tanh")) {
            unary(t, f, x -> Rules.math(f, x));
        }
        for (String f : List.of("sigmoid", "relu", "softplus", "stopGradient")) {
            Rule scalar = Rules.rule(Rules.OPS, f, 1);
            unary(t, f, x -> new Expr.Prim(DOUBLE, scalar, List.of(x)));
        }
        // reductions of every entry
        for (Type shape : ARRAYS) {
            put(t, "sum", Kind.SUM, List.of(shape), DOUBLE, null);
            put(t, "mean", Kind.MEAN, List.of(shape), DOUBLE, null);
            put(t, "max", Kind.MAX, List.of(shape), DOUBLE, null);
            put(t, "min", Kind.MIN, List.of(shape), DOUBLE, null);
        }
        put(t, "dot", Kind.DOT, List.of(DOUBLE_ARRAY, DOUBLE_ARRAY), DOUBLE, null);
        put(t, "norm2", Kind.NORM2, List.of(DOUBLE_ARRAY), DOUBLE, null);
        put(t, "logSumExp", Kind.LOG_SUM_EXP, List.of(DOUBLE_ARRAY), DOUBLE, null);
        put(t, "logSumExp", Kind.LOG_SUM_EXP, List.of(DOUBLE_MATRIX), DOUBLE_ARRAY, null);
        put(t, "rowSums", Kind.ROW_SUMS, List.of(DOUBLE_MATRIX), DOUBLE_ARRAY, null);
        put(t, "colSums", Kind.COL_SUMS, List.of(DOUBLE_MATRIX), DOUBLE_ARRAY, null);
        // vectors
        put(t, "softmax", Kind.SOFTMAX, List.of(DOUBLE_ARRAY), DOUBLE_ARRAY, null);
        put(t, "softmax", Kind.SOFTMAX, List.of(DOUBLE_MATRIX), DOUBLE_MATRIX, null);
        put(t, "logSoftmax", Kind.LOG_SOFTMAX, List.of(DOUBLE_ARRAY), DOUBLE_ARRAY, null);
        put(t, "cumsum", Kind.CUMSUM, List.of(DOUBLE_ARRAY), DOUBLE_ARRAY, null);
        // linear algebra
        put(t, "matvec", Kind.MATVEC, List.of(DOUBLE_MATRIX, DOUBLE_ARRAY), DOUBLE_ARRAY, null);
        put(t, "vecmat", Kind.VECMAT, List.of(DOUBLE_ARRAY, DOUBLE_MATRIX), DOUBLE_ARRAY, null);
        put(t, "matmul", Kind.MATMUL, List.of(DOUBLE_MATRIX, DOUBLE_MATRIX), DOUBLE_MATRIX, null);
        put(t, "transpose", Kind.TRANSPOSE, List.of(DOUBLE_MATRIX), DOUBLE_MATRIX, null);
        put(t, "outer", Kind.OUTER, List.of(DOUBLE_ARRAY, DOUBLE_ARRAY), DOUBLE_MATRIX, null);
        return Collections.unmodifiableList(t);
    }

    private static void unary(List<Entry> t, String name, UnaryOperator<Expr> f) {
        for (Type shape : ARRAYS) {
            put(t, name, Kind.ELEMENTWISE, List.of(shape), shape, a -> f.apply(a.get(0)));
        }
    }

    private static void put(List<Entry> t, String name, Kind kind, List<Type> params, Type result, Formula formula) {
        String[] spelled = params.stream().map(Type::java).toArray(String[]::new);
        t.add(new Entry(staticMethod().onClass(Rules.OPS).named(name).withParameters(spelled),
                new OpsOp(name, kind, List.copyOf(params), result, formula)));
    }
}
