package dev.jgrad.processor.front;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.rules.OpsOp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The values of an {@code Ops} expression while it is lowered ({@link OpsLowering}): a scalar is an
 * expression; a vector or a matrix is a view, its shape and how to compute one element (or one row),
 * not yet an array. A consumer (a reduction, {@code matvec}'s dot product, a materialisation) asks
 * for element {@code i} inside its own loop, so that a chain of element-wise ops and a reduction are
 * one loop, as a person would write it. Computing an element may emit statements (an inner dot
 * product), which go to the list the consumer passes; the element itself is an expression free of
 * side effects. A view that is an array variable ({@link Vec#array()}) may be read as often as
 * wanted; any other view is read once per element.
 */
final class OpsViews {
    private OpsViews() {}

    /** A value of an Ops expression: a {@link Scalar}, a {@link Vec}, a {@link Mat}, or a {@link Leaf} not yet typed. */
    interface Value {}

    /** A scalar: a local, a literal or a constant, or an expression over those (a call of a scalar rule). */
    record Scalar(Expr expr) implements Value {}

    /** An argument that is no Ops call, as read (bound to a local unless it is one), until its call is resolved. */
    record Leaf(Expr expr) implements Value {}

    /** A vector. */
    abstract static class Vec implements Value {
        /** What temporaries computed from it are named after (the op: {@code matvec}). */
        final String name;

        Vec(String name) {
            this.name = name;
        }

        abstract Expr length();

        /** Element {@code i}; statements computing it go to {@code out}. */
        abstract Expr element(List<Stmt> out, Expr i);

        /** The array variable that holds this vector, or null when it is computed on demand. */
        Expr array() {
            return null;
        }

        /** A vector computed on demand: its length (asked for each time) and how element {@code i} is computed. */
        static Vec of(String name, Supplier<Expr> length, Element element) {
            return new Vec(name) {
                @Override
                Expr length() {
                    return length.get();
                }

                @Override
                Expr element(List<Stmt> out, Expr i) {
                    return element.at(out, i);
                }
            };
        }
    }

    /** How a vector computed on demand computes element {@code i}, its statements going to {@code out}. */
    @FunctionalInterface
    interface Element {
        Expr at(List<Stmt> out, Expr i);
    }

    /** How a matrix computed on demand computes row {@code i}, what the whole row needs going to {@code out}. */
    @FunctionalInterface
    interface Row {
        Vec at(List<Stmt> out, Expr i);
    }

    /** A matrix, rectangular. */
    abstract static class Mat implements Value {
        final String name;

        Mat(String name) {
            this.name = name;
        }

        abstract Expr rows();

        /** The number of columns, valid outside any row (0 when there are no rows). */
        abstract Expr cols();

        /** Row {@code i}; statements computing what the whole row needs (a row's max) go to {@code out}. */
        abstract Vec row(List<Stmt> out, Expr i);

        /** The array variable that holds this matrix, or null when it is computed on demand. */
        Expr array() {
            return null;
        }

        /** A matrix computed on demand: its shape (asked for each time) and how row {@code i} is computed. */
        static Mat of(String name, Supplier<Expr> rows, Supplier<Expr> cols, Row row) {
            return new Mat(name) {
                @Override
                Expr rows() {
                    return rows.get();
                }

                @Override
                Expr cols() {
                    return cols.get();
                }

                @Override
                Vec row(List<Stmt> out, Expr i) {
                    return row.at(out, i);
                }
            };
        }
    }

    // ---------------------------------------------------------------- arrays

    /** A {@code double[]} held by a variable (or a row {@code a[i]} of one), of a known length. */
    static final class ArrayVec extends Vec {
        private final Expr array;
        private final Expr length;

        ArrayVec(String name, Expr array, Expr length) {
            super(name);
            this.array = array;
            this.length = length;
        }

        ArrayVec(String name, Expr array) {
            this(name, array, new Expr.Length(array));
        }

        @Override
        Expr length() {
            return length;
        }

        @Override
        Expr element(List<Stmt> out, Expr i) {
            return new Expr.Index(Type.DOUBLE, array, i);
        }

        @Override
        Expr array() {
            return array;
        }
    }

    /** A {@code double[][]} held by a variable, its number of columns in {@code cols}. */
    static class ArrayMat extends Mat {
        final Expr array;
        final Expr cols;

        ArrayMat(String name, Expr array, Expr cols) {
            super(name);
            this.array = array;
            this.cols = cols;
        }

        @Override
        Expr rows() {
            return new Expr.Length(array);
        }

        @Override
        Expr cols() {
            return cols;
        }

        @Override
        Vec row(List<Stmt> out, Expr i) {
            return new ArrayVec(name, new Expr.Index(Type.DOUBLE_ARRAY, array, i), cols);
        }

        @Override
        Expr array() {
            return array;
        }
    }

    /**
     * A matrix argument, whose shape the op that reads it checks first ({@code Shapes.cols}: every row
     * as long as row 0), into the local {@code cols}, declared by {@link OpsShapes} then; or whose
     * width that op takes from row 0 alone, when the loops check each row where they read it.
     */
    static final class LeafMat extends ArrayMat {
        boolean checked;
        /**
         * While its rows are checked where they are read ({@link OpsShapes}): the message of the
         * exception a row not as long as row 0 throws, that of the eager check.
         */
        Expr rowCheck;

        LeafMat(String name, Expr array, Local cols) {
            super(name, array, cols);
        }

        /** Row {@code i}, after {@code if (a[i].length != cols) throw ...} (row 0 is as long as itself). */
        @Override
        Vec row(List<Stmt> out, Expr i) {
            if (rowCheck != null && !(i instanceof Expr.Lit l && l.text().equals("0"))) {
                Expr length = new Expr.Length(new Expr.Index(Type.DOUBLE_ARRAY, array, i));
                out.add(new Stmt.If(null, new Expr.Binary(Type.BOOLEAN, BinaryOp.NE, length, cols),
                        List.of(new Stmt.Throw(null, "java.lang.IllegalArgumentException", List.of(rowCheck))), List.of()));
            }
            return super.row(out, i);
        }
    }

    // ---------------------------------------------------------------- element-wise

    /**
     * Element-wise: {@code formula} of the operands' elements, each operand a scalar (broadcast) or a
     * vector of the same length.
     */
    static final class Elementwise extends Vec {
        private final OpsOp.Formula formula;
        private final List<Object> operands;
        private final Names names;

        /** {@code operands}: each an {@link Expr} (a scalar) or a {@link Vec}. */
        Elementwise(String name, OpsOp.Formula formula, List<Object> operands, Names names) {
            super(name);
            this.formula = formula;
            this.operands = operands;
            this.names = names;
        }

        @Override
        Expr length() {
            return operands.stream().filter(o -> o instanceof Vec).map(o -> ((Vec) o).length()).findFirst().orElseThrow();
        }

        @Override
        Expr element(List<Stmt> out, Expr i) {
            List<Expr> elements = new ArrayList<>();
            List<String> elementNames = new ArrayList<>();
            for (Object o : operands) {
                elements.add(o instanceof Vec v ? v.element(out, i) : (Expr) o);
                elementNames.add(o instanceof Vec v ? v.name : "x");
            }
            return apply(formula, elements, elementNames, out, names);
        }
    }

    /**
     * {@code formula} of {@code elements}, an element read more than once by the formula
     * ({@code square}: x * x) held in a local first (named after the op that computed it) unless it
     * is as cheap to read again.
     */
    static Expr apply(OpsOp.Formula formula, List<Expr> elements, List<String> elementNames, List<Stmt> out, Names names) {
        List<Expr> placeholders = new ArrayList<>();
        for (int k = 0; k < elements.size(); k++) {
            placeholders.add(new Local(elements.get(k).type(), "\0" + k));
        }
        int[] uses = new int[elements.size()];
        dev.jgrad.processor.ir.Walk.locals(formula.of(placeholders), n -> {
            if (n.startsWith("\0")) {
                uses[Integer.parseInt(n.substring(1))]++;
            }
        });
        List<Expr> args = new ArrayList<>();
        for (int k = 0; k < elements.size(); k++) {
            args.add(uses[k] > 1 ? bind(elements.get(k), elementNames.get(k), out, names) : elements.get(k));
        }
        return formula.of(args);
    }

    /** A matrix element-wise: operands scalars, matrices of one shape, or vectors broadcast along the rows. */
    static final class ElementwiseMat extends Mat {
        private final OpsOp.Formula formula;
        private final List<Object> operands;
        private final Names names;

        /** {@code operands}: each an {@link Expr}, a {@link Mat}, or a {@link Vec} held in an array (read once per row). */
        ElementwiseMat(String name, OpsOp.Formula formula, List<Object> operands, Names names) {
            super(name);
            this.formula = formula;
            this.operands = operands;
            this.names = names;
        }

        private Mat first() {
            return (Mat) operands.stream().filter(o -> o instanceof Mat).findFirst().orElseThrow();
        }

        @Override
        Expr rows() {
            return first().rows();
        }

        @Override
        Expr cols() {
            return first().cols();
        }

        @Override
        Vec row(List<Stmt> out, Expr i) {
            List<Object> rowOperands = new ArrayList<>();
            for (Object o : operands) {
                rowOperands.add(o instanceof Mat m ? m.row(out, i) : o);
            }
            return new Elementwise(name, formula, rowOperands, names);
        }
    }

    // ---------------------------------------------------------------- small IR builders

    /** {@code e}, or a fresh local holding it when reading {@code e} again would cost more than reading a local. */
    static Expr bind(Expr e, String name, List<Stmt> out, Names names) {
        if (cheap(e)) {
            return e;
        }
        Local l = new Local(e.type(), names.fresh(name));
        out.add(new Stmt.Decl(null, e.type(), l.name(), e));
        return l;
    }

    /** A local, a literal, a constant, or an element of an array variable at such an index. */
    static boolean cheap(Expr e) {
        return e instanceof Local || e instanceof Expr.Lit || e instanceof Expr.Const
                || e instanceof Expr.Index x && cheap(x.array()) && cheap(x.index());
    }

    /** {@code for (int i = 0; i < bound; i++) body}, from the Ops call {@code src}. */
    static Stmt.For loop(dev.jgrad.processor.ir.Src src, Local i, Expr bound, List<Stmt> body) {
        return new Stmt.For(src, List.of(new Stmt.Decl(null, Type.INT, i.name(), Expr.Lit.ofInt(0))),
                new Expr.Binary(Type.BOOLEAN, BinaryOp.LT, i, bound),
                List.of(new Stmt.Assign(null, i, new Expr.Binary(Type.INT, BinaryOp.ADD, i, Expr.Lit.ofInt(1)))),
                body);
    }

    /** {@code acc += e}, as {@code acc = acc + e}. */
    static Stmt addTo(Expr acc, Expr e) {
        return new Stmt.Assign(null, acc, new Expr.Binary(Type.DOUBLE, BinaryOp.ADD, acc, e));
    }

    /** A fresh double local declared in {@code out} with {@code init}. */
    static Local declare(String name, Expr init, List<Stmt> out, Names names) {
        Local l = new Local(init.type(), names.fresh(name));
        out.add(new Stmt.Decl(null, init.type(), l.name(), init));
        return l;
    }

    static Local index(String base, Names names) {
        return new Local(Type.INT, names.fresh(base));
    }

    /**
     * The transpose of an array variable, read in place: its elements cost a read each, so that an op
     * reading it more than once per element ({@code matmul(x, transpose(w))}) need not copy it.
     */
    static final class Transposed extends Mat {
        private final Mat a;

        Transposed(Mat a) {
            super("transpose");
            this.a = a;
        }

        @Override
        Expr rows() {
            return a.cols();
        }

        @Override
        Expr cols() {
            return a.rows();
        }

        @Override
        Vec row(List<Stmt> out, Expr j) {
            return Vec.of("transpose", a::rows, (o, i) -> a.row(o, i).element(o, j));
        }
    }
}
