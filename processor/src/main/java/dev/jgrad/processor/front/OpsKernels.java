package dev.jgrad.processor.front;

import static dev.jgrad.processor.front.OpsViews.addTo;
import static dev.jgrad.processor.front.OpsViews.bind;
import static dev.jgrad.processor.front.OpsViews.declare;
import static dev.jgrad.processor.front.OpsViews.index;

import dev.jgrad.processor.front.OpsViews.ArrayMat;
import dev.jgrad.processor.front.OpsViews.ArrayVec;
import dev.jgrad.processor.front.OpsViews.Mat;
import dev.jgrad.processor.front.OpsViews.Value;
import dev.jgrad.processor.front.OpsViews.Vec;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Src;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.rules.OpsTable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The loops of the Ops that are not element-wise, in the orders of the Ops contract
 * ({@code ops-spec.md}), so that the value is the eager one bit for bit: reductions run their loops
 * where they are evaluated; {@code matvec}, {@code rowSums}, {@code matmul} and the row functions are
 * views whose element is an inner loop; results built by accumulation ({@code vecmat},
 * {@code colSums}, {@code cumsum}) are arrays.
 */
final class OpsKernels {
    private final Names names;
    private final List<Stmt> pre;
    /**
     * The Ops call whose loops are being written: their source, for the {@code // grad of:} comments
     * and for a note about them ({@code [JgradJitFallback]}); a view remembers the call that made it.
     */
    Src at;

    OpsKernels(Names names, List<Stmt> pre) {
        this.names = names;
        this.pre = pre;
    }

    private Stmt.For loop(Local i, Expr bound, List<Stmt> body) {
        return OpsViews.loop(at, i, bound, body);
    }

    /** {@code f}, its loops attributed to the call {@code src} (that of a view, computed later). */
    private <T> T from(Src src, Supplier<T> f) {
        Src outer = at;
        at = src;
        try {
            return f.get();
        } finally {
            at = outer;
        }
    }

    // ---------------------------------------------------------------- arrays

    /** {@code v} as an array variable: itself if it is one, else a fresh array written by a loop. */
    Vec array(Vec v) {
        if (v.array() != null) {
            return v;
        }
        Local a = new Local(Type.DOUBLE_ARRAY, names.fresh(v.name));
        pre.add(new Stmt.Decl(null, a.type(), a.name(), new Expr.NewArray(a.type(), List.of(v.length()))));
        Local i = index("i", names);
        List<Stmt> body = new ArrayList<>();
        Expr e = v.element(body, i);
        body.add(new Stmt.Assign(at, new Expr.Index(Type.DOUBLE, a, i), e));
        pre.add(loop(i, new Expr.Length(a), body));
        return new ArrayVec(v.name, a);
    }

    /** {@code m} as an array variable: itself if it is one, else a fresh matrix written by a loop nest. */
    Mat array(Mat m) {
        if (m.array() != null) {
            return m;
        }
        Expr cols = m.cols();
        Local a = new Local(Type.DOUBLE_MATRIX, names.fresh(m.name));
        pre.add(new Stmt.Decl(null, a.type(), a.name(), new Expr.NewArray(a.type(), List.of(m.rows(), cols))));
        Local i = index("i", names);
        Local j = index("j", names);
        List<Stmt> body = new ArrayList<>();
        Vec row = m.row(body, i);
        List<Stmt> inner = new ArrayList<>();
        Expr e = row.element(inner, j);
        inner.add(new Stmt.Assign(at, new Expr.Index(Type.DOUBLE, new Expr.Index(Type.DOUBLE_ARRAY, a, i), j), e));
        body.add(loop(j, row.length(), inner));
        pre.add(loop(i, new Expr.Length(a), body));
        return new ArrayMat(m.name, a, cols);
    }

    Value array(Value v) {
        return v instanceof Vec vec ? array(vec) : v instanceof Mat m ? array(m) : v;
    }

    /** A fresh array of {@code dims} whose every element is {@code value} ({@code zeros}: none written). */
    Value fill(String name, List<Expr> dims, Expr value) {
        Type type = dims.size() == 1 ? Type.DOUBLE_ARRAY : Type.DOUBLE_MATRIX;
        Local a = new Local(type, names.fresh(name));
        pre.add(new Stmt.Decl(null, type, a.name(), new Expr.NewArray(type, dims)));
        boolean zero = value instanceof Expr.Lit l && l.text().equals("0.0");
        if (type == Type.DOUBLE_ARRAY) {
            if (!zero) {
                Local i = index("i", names);
                pre.add(loop(i, new Expr.Length(a), List.of(new Stmt.Assign(at, new Expr.Index(Type.DOUBLE, a, i), value))));
            }
            return new ArrayVec(name, a);
        }
        if (!zero) {
            Local i = index("i", names);
            Local j = index("j", names);
            Expr row = new Expr.Index(Type.DOUBLE_ARRAY, a, i);
            pre.add(loop(i, new Expr.Length(a), List.of(loop(j, new Expr.Length(row),
                    List.of(new Stmt.Assign(at, new Expr.Index(Type.DOUBLE, row, j), value))))));
        }
        return new ArrayMat(name, a, dims.get(1));
    }

    // ---------------------------------------------------------------- loops over every entry

    /** One loop (a nest for a matrix) over every entry of {@code v}, row-major, handing each entry to {@code f}. */
    void forEach(Value v, List<Stmt> out, BiConsumer<List<Stmt>, Expr> f) {
        Local i = index("i", names);
        List<Stmt> body = new ArrayList<>();
        if (v instanceof Vec vec) {
            f.accept(body, vec.element(body, i));
            out.add(loop(i, vec.length(), body));
            return;
        }
        Mat m = (Mat) v;
        Vec row = m.row(body, i);
        Local j = index("j", names);
        List<Stmt> inner = new ArrayList<>();
        f.accept(inner, row.element(inner, j));
        body.add(loop(j, row.length(), inner));
        out.add(loop(i, m.rows(), body));
    }

    /** The number of entries, as an int. */
    static Expr count(Value v) {
        if (v instanceof Vec vec) {
            return vec.length();
        }
        Mat m = (Mat) v;
        return new Expr.Binary(Type.INT, BinaryOp.MUL, m.rows(), m.cols());
    }

    /** {@code s = 0.0; s += e} over every entry, in {@code out}. */
    Local sum(String name, Value v, List<Stmt> out) {
        Local s = declare(name, Expr.Lit.ofDouble(0.0), out, names);
        forEach(v, out, (body, e) -> body.add(addTo(s, e)));
        return s;
    }

    /** {@code sum / count}, the count a double ({@code (double) rows * cols} for a matrix, as the eager mean). */
    Expr mean(Value v) {
        Local s = sum("sum", v, pre);
        Expr count = v instanceof Mat m
                ? new Expr.Binary(Type.DOUBLE, BinaryOp.MUL, new Expr.Cast(Type.DOUBLE, m.rows()), m.cols())
                : new Expr.Cast(Type.DOUBLE, ((Vec) v).length());
        return new Expr.Binary(Type.DOUBLE, BinaryOp.DIV, s, count);
    }

    /** The first entry, then {@code Math.max(m, x)} (or min) with every entry: ties keep the earlier one. */
    Local extremum(String name, boolean max, Value v) {
        Expr zero = Expr.Lit.ofInt(0);
        Expr first = v instanceof Vec vec ? vec.element(pre, zero) : ((Mat) v).row(pre, zero).element(pre, zero);
        Local m = declare(name, first, pre, names);
        forEach(v, pre, (body, e) -> body.add(new Stmt.Assign(at, m, max ? OpsTable.max(m, e) : OpsTable.min(m, e))));
        return m;
    }

    /** {@code s += x * x}, then its square root. */
    Expr norm2(Value v) {
        Local s = declare("norm2", Expr.Lit.ofDouble(0.0), pre, names);
        forEach(v, pre, (body, e) -> {
            Expr x = bind(e, "x", body, names);
            body.add(addTo(s, new Expr.Binary(Type.DOUBLE, BinaryOp.MUL, x, x)));
        });
        return OpsTable.sqrt(s);
    }

    /** {@code m = max(x)} from -infinity (the same value as from the first entry), into {@code out}. */
    private Local runningMax(Vec x, List<Stmt> out) {
        Local m = declare("max", new Expr.Const(Type.DOUBLE, "java.lang.Double", "NEGATIVE_INFINITY"), out, names);
        forEach(x, out, (body, e) -> body.add(new Stmt.Assign(at, m, OpsTable.max(m, e))));
        return m;
    }

    /**
     * {@code c + log(sum of exp(x[i] - c))}, {@code c} the max under stopGradient where it is finite,
     * else 0.0; -infinity for no entries (no entry: the max stays -infinity, c is 0.0, the sum 0.0).
     * {@code x} is an array variable (read twice).
     */
    Expr logSumExp(Vec x, List<Stmt> out) {
        Local m = runningMax(x, out);
        Expr finite = new Expr.Binary(Type.BOOLEAN, BinaryOp.EQ, new Expr.Binary(Type.DOUBLE, BinaryOp.SUB, m, m),
                Expr.Lit.ofDouble(0.0));
        Local c = declare("shift", new Expr.Cond(Type.DOUBLE, finite, OpsTable.stopGradient(m), Expr.Lit.ofDouble(0.0)),
                out, names);
        Local s = declare("sumExp", Expr.Lit.ofDouble(0.0), out, names);
        forEach(x, out, (body, e) -> body.add(addTo(s, OpsTable.exp(minus(e, c)))));
        return new Expr.Binary(Type.DOUBLE, BinaryOp.ADD, c, OpsTable.log(s));
    }

    private static Expr minus(Expr a, Expr b) {
        return new Expr.Binary(Type.DOUBLE, BinaryOp.SUB, a, b);
    }

    /** {@code exp(x[i] - m) / s}, {@code m} the max (under stopGradient) and {@code s} the sum of the exps, both computed into {@code out}. */
    Vec softmax(Vec x, List<Stmt> out) {
        Local m = declare("shift", OpsTable.stopGradient(runningMax(x, out)), out, names);
        Local s = declare("sumExp", Expr.Lit.ofDouble(0.0), out, names);
        forEach(x, out, (body, e) -> body.add(addTo(s, OpsTable.exp(minus(e, m)))));
        return Vec.of("softmax", x::length,
                (o, i) -> new Expr.Binary(Type.DOUBLE, BinaryOp.DIV, OpsTable.exp(minus(x.element(o, i), m)), s));
    }

    /** {@code (x[i] - m) - log(s)}: the same {@code m} and {@code s} as {@link #softmax}. */
    Vec logSoftmax(Vec x) {
        Local m = declare("shift", OpsTable.stopGradient(runningMax(x, pre)), pre, names);
        Local s = declare("sumExp", Expr.Lit.ofDouble(0.0), pre, names);
        forEach(x, pre, (body, e) -> body.add(addTo(s, OpsTable.exp(minus(e, m)))));
        Local l = declare("logSumExp", OpsTable.log(s), pre, names);
        return Vec.of("logSoftmax", x::length, (o, i) -> minus(minus(x.element(o, i), m), l));
    }

    /** The softmax of each row of {@code a} (an array variable): each row's max and sum where the row starts. */
    Mat rowSoftmax(Mat a) {
        Src src = at;
        return Mat.of("softmax", a::rows, a::cols, (out, i) -> from(src, () -> softmax(a.row(out, i), out)));
    }

    /** The logSumExp of each row of {@code a} (an array variable). */
    Vec rowLogSumExp(Mat a) {
        Src src = at;
        return Vec.of("logSumExp", a::rows, (out, i) -> from(src, () -> logSumExp(a.row(out, i), out)));
    }

    /** Row {@code i}'s sum. */
    Vec rowSums(Mat a) {
        Src src = at;
        return Vec.of("rowSums", a::rows, (out, i) -> from(src, () -> sum("rowSum", a.row(out, i), out)));
    }

    /** {@code r = new double[cols]; for i: for j: r[j] += a[i][j]}. */
    Vec colSums(Mat a) {
        Local r = new Local(Type.DOUBLE_ARRAY, names.fresh("colSums"));
        pre.add(new Stmt.Decl(null, r.type(), r.name(), new Expr.NewArray(r.type(), List.of(a.cols()))));
        Local j = index("j", names);
        forEachWithColumn(a, j, (body, e) -> body.add(addTo(new Expr.Index(Type.DOUBLE, r, j), e)));
        return new ArrayVec("colSums", r);
    }

    /** {@link #forEach} over a matrix with the column index {@code j} given. */
    private void forEachWithColumn(Mat a, Local j, BiConsumer<List<Stmt>, Expr> f) {
        Local i = index("i", names);
        List<Stmt> body = new ArrayList<>();
        Vec row = a.row(body, i);
        List<Stmt> inner = new ArrayList<>();
        f.accept(inner, row.element(inner, j));
        body.add(loop(j, row.length(), inner));
        pre.add(loop(i, a.rows(), body));
    }

    /** {@code s = 0.0; s += x; r[i] = s}. */
    Vec cumsum(Vec x) {
        Local r = new Local(Type.DOUBLE_ARRAY, names.fresh("cumsum"));
        pre.add(new Stmt.Decl(null, r.type(), r.name(), new Expr.NewArray(r.type(), List.of(x.length()))));
        Local s = declare("total", Expr.Lit.ofDouble(0.0), pre, names);
        Local i = index("i", names);
        List<Stmt> body = new ArrayList<>();
        body.add(addTo(s, x.element(body, i)));
        body.add(new Stmt.Assign(at, new Expr.Index(Type.DOUBLE, r, i), s));
        pre.add(loop(i, new Expr.Length(r), body));
        return new ArrayVec("cumsum", r);
    }

    /** Element i: {@code s = 0.0; s += a[i][j] * x[j]}, {@code x} an array variable. */
    Vec matvec(Mat a, Vec x) {
        Src src = at;
        return Vec.of("matvec", a::rows, (out, i) -> from(src, () -> dot("matvec", a.row(out, i), x, out)));
    }

    /**
     * {@code s = 0.0; s += a[j] * b[j]} into {@code out}, the lengths checked equal. The loop runs to
     * {@code b.length} when {@code b} is an array variable ({@code j < w.length} in {@code matvec(x, w)}),
     * as a hand-written loop does: the JIT then drops the bounds checks of {@code b[j]}.
     */
    Local dot(String name, Vec a, Vec b, List<Stmt> out) {
        Local s = declare(name, Expr.Lit.ofDouble(0.0), out, names);
        Local j = index("j", names);
        List<Stmt> body = new ArrayList<>();
        Expr l = a.element(body, j);
        Expr r = b.element(body, j);
        body.add(addTo(s, new Expr.Binary(Type.DOUBLE, BinaryOp.MUL, l, r)));
        out.add(loop(j, b.array() instanceof Local v ? new Expr.Length(v) : a.length(), body));
        return s;
    }

    /** {@code r = new double[cols]; for i: xi = x[i]; for j: r[j] += xi * a[i][j]}. */
    Vec vecmat(Vec x, Mat a) {
        Local r = new Local(Type.DOUBLE_ARRAY, names.fresh("vecmat"));
        pre.add(new Stmt.Decl(null, r.type(), r.name(), new Expr.NewArray(r.type(), List.of(a.cols()))));
        Local i = index("i", names);
        Local j = index("j", names);
        List<Stmt> body = new ArrayList<>();
        Expr xi = bind(x.element(body, i), "x", body, names);
        Vec row = a.row(body, i);
        List<Stmt> inner = new ArrayList<>();
        Expr e = row.element(inner, j);
        inner.add(addTo(new Expr.Index(Type.DOUBLE, r, j), new Expr.Binary(Type.DOUBLE, BinaryOp.MUL, xi, e)));
        body.add(loop(j, row.length(), inner));
        pre.add(loop(i, a.rows(), body));
        return new ArrayVec("vecmat", r);
    }

    /**
     * Element (i, j): {@code s = 0.0; s += a[i][k] * b[k][j]} in k order (the additions of the eager
     * i-k-j loops, in the same order), {@code a} and {@code b} array variables: a view, so that what
     * reads the product ({@code tanh(add(matmul(x, w), b))}) runs in the same loop nest.
     */
    Mat matmul(Mat a, Mat b) {
        Src src = at;
        return Mat.of("matmul", a::rows, b::cols, (out, i) -> {
            Vec ai = a.row(out, i);
            return Vec.of("matmul", b::cols, (o, j) -> from(src, () -> product(ai, b, o, j)));
        });
    }

    /** Entry j of the product of row {@code ai} with {@code b}: {@code s = 0.0; s += ai[k] * b[k][j]} into {@code o}. */
    private Expr product(Vec ai, Mat b, List<Stmt> o, Expr j) {
        Local s = declare("matmul", Expr.Lit.ofDouble(0.0), o, names);
        Local k = index("k", names);
        List<Stmt> body = new ArrayList<>();
        Expr l = ai.element(body, k);
        Expr r = b.row(body, k).element(body, j);
        body.add(addTo(s, new Expr.Binary(Type.DOUBLE, BinaryOp.MUL, l, r)));
        o.add(loop(k, ai.length(), body));
        return s;
    }

    /** {@code t[j][i] = a[i][j]}, {@code a} an array variable. */
    Mat transpose(Mat a) {
        return new OpsViews.Transposed(a);
    }

    /** {@code r[i][j] = x[i] * y[j]}, {@code y} an array variable. */
    Mat outer(Vec x, Vec y) {
        return Mat.of("outer", x::length, y::length, (out, i) -> {
            Expr xi = bind(x.element(out, i), "x", out, names);
            return Vec.of("outer", y::length, (o, j) -> new Expr.Binary(Type.DOUBLE, BinaryOp.MUL, xi, y.element(o, j)));
        });
    }
}
