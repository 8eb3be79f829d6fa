package dev.jgrad.tests.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The structured form of a generated program: what {@link ProgramGenerator} builds, what
 * {@link Shrinker} edits and what {@link Printer} renders. Immutable records, so that a shrink
 * candidate shares everything it does not change with the program it came from.
 *
 * <p>The printer, not the tree, decides the derived parts of the output: the probe class used
 * by the finite-difference oracle, and the {@code @Grad}-only copy of each {@code @Jit @Grad}
 * method. Shrinking the one body therefore shrinks its copies with it.
 */
final class Ast {
    private Ast() {}

    /** The types of the subset, and {@link #VOID} for helpers that write into an array. */
    enum Type {
        DOUBLE("double"),
        INT("int"),
        LONG("long"),
        BOOLEAN("boolean"),
        DOUBLE_ARRAY("double[]"),
        DOUBLE_MATRIX("double[][]"),
        INT_ARRAY("int[]"),
        VOID("void");

        final String java;

        Type(String java) {
            this.java = java;
        }

        boolean isArray() {
            return this == DOUBLE_ARRAY || this == DOUBLE_MATRIX || this == INT_ARRAY;
        }

        /** The element type of an array type. */
        Type element() {
            return switch (this) {
                case DOUBLE_ARRAY -> DOUBLE;
                case DOUBLE_MATRIX -> DOUBLE_ARRAY;
                case INT_ARRAY -> INT;
                default -> throw new IllegalStateException(this + " is not an array");
            };
        }

        /** Whether {@code @Grad} differentiates a parameter of this type by default. */
        boolean isDifferentiable() {
            return this == DOUBLE || this == DOUBLE_ARRAY || this == DOUBLE_MATRIX;
        }

        /** The reflection class of a value of this type. */
        Class<?> javaClass() {
            return switch (this) {
                case DOUBLE -> double.class;
                case INT -> int.class;
                case LONG -> long.class;
                case BOOLEAN -> boolean.class;
                case DOUBLE_ARRAY -> double[].class;
                case DOUBLE_MATRIX -> double[][].class;
                case INT_ARRAY -> int[].class;
                case VOID -> void.class;
            };
        }
    }

    // ------------------------------------------------------------------------------------------
    // Expressions
    // ------------------------------------------------------------------------------------------

    sealed interface Expr
            permits Num, IntLit, Name, Index, Length, Binary, Unary, Call, Conditional, Cast, NewArray,
                    ArrayInit, RawExpr {
        Type type();
    }

    /** A double literal, printed exactly ({@link Double#toString} round-trips). */
    record Num(double value) implements Expr {
        public Type type() {
            return Type.DOUBLE;
        }
    }

    /** An int literal, or a long one ({@code 3L}) when {@code isLong}. */
    record IntLit(long value, boolean isLong) implements Expr {
        IntLit(long value) {
            this(value, false);
        }

        public Type type() {
            return isLong ? Type.LONG : Type.INT;
        }
    }

    /** A local, a parameter, or a constant such as {@code Math.PI}. */
    record Name(String text, Type type) implements Expr {}

    record Index(Expr array, Expr index) implements Expr {
        public Type type() {
            return array.type().element();
        }
    }

    record Length(Expr array) implements Expr {
        public Type type() {
            return Type.INT;
        }
    }

    /**
     * Arithmetic ({@code + - * / %}), comparison, or {@code && ||}. The type is computed once, as
     * the tree is built: long expressions nest hundreds deep.
     */
    record Binary(String op, Expr left, Expr right, Type type) implements Expr {
        Binary(String op, Expr left, Expr right) {
            this(op, left, right, switch (op) {
                case "<", "<=", ">", ">=", "==", "!=", "&&", "||" -> Type.BOOLEAN;
                default -> promote(left.type(), right.type());
            });
        }

        boolean isComparison() {
            return switch (op) {
                case "<", "<=", ">", ">=", "==", "!=" -> true;
                default -> false;
            };
        }
    }

    /** {@code -e} or {@code !e}. */
    record Unary(String op, Expr operand, Type type) implements Expr {
        Unary(String op, Expr operand) {
            this(op, operand, operand.type());
        }
    }

    /** A call of a {@code Math}/{@code StrictMath} function or of a method of the same class. */
    record Call(String function, Type type, List<Expr> args) implements Expr {
        Call {
            args = List.copyOf(args);
        }

        boolean isLibrary() {
            return function.startsWith("Math.") || function.startsWith("StrictMath.");
        }

        /** The function name without its class: {@code sin} for {@code Math.sin}. */
        String simpleName() {
            return function.substring(function.indexOf('.') + 1);
        }
    }

    record Conditional(Expr cond, Expr then, Expr otherwise, Type type) implements Expr {
        Conditional(Expr cond, Expr then, Expr otherwise) {
            this(cond, then, otherwise,
                    then.type() == otherwise.type() ? then.type() : promote(then.type(), otherwise.type()));
        }
    }

    record Cast(Type type, Expr operand) implements Expr {}

    /** {@code new double[d0]} or {@code new double[d0][d1]}. */
    record NewArray(Type type, List<Expr> dims) implements Expr {
        NewArray {
            dims = List.copyOf(dims);
        }
    }

    /** {@code {a, b, c}} in a declaration, {@code new double[] {a, b, c}} elsewhere. */
    record ArrayInit(Type type, List<Expr> elements) implements Expr {
        ArrayInit {
            elements = List.copyOf(elements);
        }
    }

    /** Verbatim text, for hostile inputs the tree does not model. */
    record RawExpr(String text, Type type) implements Expr {}

    static Type promote(Type a, Type b) {
        if (a == Type.DOUBLE || b == Type.DOUBLE) {
            return Type.DOUBLE;
        }
        if (a == Type.LONG || b == Type.LONG) {
            return Type.LONG;
        }
        return Type.INT;
    }

    // ------------------------------------------------------------------------------------------
    // Statements
    // ------------------------------------------------------------------------------------------

    sealed interface Stmt
            permits Decl, Assign, Chain, Step, If, For, ForEach, Counted, CountDown, Break, Continue, Return, Eval,
                    Assert, Throw, Block, RawStmt, Marked {}

    /** {@code T name = init;}, or {@code var name = init;} when {@code useVar}. */
    record Decl(Type type, String name, Expr init, boolean useVar) implements Stmt {
        Decl(Type type, String name, Expr init) {
            this(type, name, init, false);
        }
    }

    /** {@code target op value;} with {@code op} one of {@code = += -= *= /=}. */
    record Assign(Expr target, String op, Expr value) implements Stmt {}

    /** A chained assignment {@code a = b = value;} of locals of one type. */
    record Chain(List<Expr> targets, Expr value) implements Stmt {
        Chain {
            targets = List.copyOf(targets);
        }
    }

    /** {@code target++;} or {@code target--;} on an integer. */
    record Step(Expr target, String op) implements Stmt {}

    record If(Expr cond, Block then, Block otherwise) implements Stmt {
        If(Expr cond, Block then) {
            this(cond, then, null);
        }
    }

    /** {@code for (int var = from; cond; update) body}. */
    record For(String var, Expr from, Expr cond, Stmt update, Block body) implements Stmt {}

    /** {@code for (T var : array) body}. */
    record ForEach(Type elementType, String var, Expr array, Block body) implements Stmt {}

    /**
     * A while or do/while loop with its own counter, printed as
     * {@code int k = 0; while (cond) { k++; body }}: one node, so that shrinking can never remove
     * the increment and leave a loop that does not end. {@code k} stays visible after the loop.
     */
    record Counted(String counter, Expr cond, Block body, boolean doWhile) implements Stmt {}

    /**
     * A loop whose condition has a side effect: {@code int k = from; do { body } while (--k > 0);}
     * ({@code doWhile}) or {@code int k = from; while (k-- > 0) { body }}. {@code from} is at
     * least 1; inside the body, {@code k - 1} (do/while) or {@code k} (while) is an index below it.
     */
    record CountDown(String counter, Expr from, Block body, boolean doWhile) implements Stmt {}

    record Break() implements Stmt {}

    record Continue() implements Stmt {}

    record Return(Expr value) implements Stmt {}

    /** A call as a statement: a void helper writing into an array argument. */
    record Eval(Call call) implements Stmt {}

    record Assert(Expr cond) implements Stmt {}

    /** {@code throw new type("message");}, or {@code throw new type("message" + detail);} */
    record Throw(String type, String message, Expr detail) implements Stmt {
        Throw(String type, String message) {
            this(type, message, null);
        }
    }

    record Block(List<Stmt> stmts) implements Stmt {
        Block {
            stmts = List.copyOf(stmts);
        }

        static Block of(Stmt... stmts) {
            return new Block(List.of(stmts));
        }
    }

    /** Verbatim lines, for hostile inputs; may carry the {@code // expect-error} marker. */
    record RawStmt(String text) implements Stmt {}

    /** A statement whose first printed line carries the marker of an expected error. */
    record Marked(Stmt stmt) implements Stmt {}

    // ------------------------------------------------------------------------------------------
    // Declarations
    // ------------------------------------------------------------------------------------------

    /**
     * What a parameter holds, so that the harness can make inputs that the generated indexing
     * respects: {@code VEC_W} arrays all have length W; each row of {@code MATRIX_X} and
     * {@code MATRIX_M} has a length in [1, W]; {@code VEC_R} and {@code LABELS} have one entry per
     * row of {@code MATRIX_X}; {@code COUNT} is in [1, W]; labels are in [0, W).
     */
    enum Role {
        VEC_W, VEC_R, MATRIX_X, MATRIX_M, SCALAR, COUNT, SMALL_INT, LABELS, FLAG, LONG, OPAQUE
    }

    /** A parameter; {@code type} is null for a type outside the subset ({@code typeText} says it). */
    record Param(Type type, String typeText, String name, Role role) {
        Param(Type type, String name, Role role) {
            this(type, type.java, name, role);
        }
    }

    /**
     * A method. {@code grad}, {@code wrt} and {@code jit} say which annotations it carries
     * ({@code wrt} empty means the default: every differentiable parameter). {@code modifiers}
     * is printed as is ({@code "static"}, {@code "private static"}, {@code ""}); {@code returnText}
     * is the printed return type (the tree only models {@code double} and {@code void}).
     * {@code check} says whether the differential harness checks it. {@code throwsText} is the
     * printed {@code throws} clause's type, or empty; {@code aliasing} says what the harness may
     * expect of a call with arrays aliased by the caller: -1 not tried, 0 the method only reads
     * its arrays (accepted), 1 it writes into {@code x} (an {@code IllegalArgumentException}).
     * {@code hessian}: it also carries {@code @Hessian} with the same wrt (issue 15; a {@code double}
     * method with {@code @Grad}); a method that returns {@code double[]} carries {@code @Jacobian} and
     * {@code @Jvp} instead, and no {@code @Grad} (see {@link VectorMethods}).
     */
    record Method(
            String name,
            String modifiers,
            String typeParams,
            String returnText,
            List<Param> params,
            Block body,
            boolean grad,
            List<String> wrt,
            boolean jit,
            boolean check,
            boolean headerMarked,
            String throwsText,
            int aliasing,
            boolean hessian) {
        Method(String name, String modifiers, String typeParams, String returnText, List<Param> params, Block body,
                boolean grad, List<String> wrt, boolean jit, boolean check, boolean headerMarked) {
            this(name, modifiers, typeParams, returnText, params, body, grad, wrt, jit, check, headerMarked, "", -1);
        }

        Method(String name, String modifiers, String typeParams, String returnText, List<Param> params, Block body,
                boolean grad, List<String> wrt, boolean jit, boolean check, boolean headerMarked, String throwsText,
                int aliasing) {
            this(name, modifiers, typeParams, returnText, params, body, grad, wrt, jit, check, headerMarked, throwsText,
                    aliasing, false);
        }

        Method {
            params = List.copyOf(params);
            wrt = List.copyOf(wrt);
            Objects.requireNonNull(body);
        }

        boolean returnsDouble() {
            return returnText.equals("double");
        }

        Method withBody(Block b) {
            return new Method(name, modifiers, typeParams, returnText, params, b, grad, wrt, jit, check, headerMarked, throwsText,
                    aliasing, hessian);
        }

        Method withHessian(boolean on) {
            return new Method(name, modifiers, typeParams, returnText, params, body, grad, wrt, jit, check, headerMarked,
                    throwsText, aliasing, on);
        }

        /** A method of the {@code double[]} kind ({@link VectorMethods}): {@code @Jacobian} and {@code @Jvp}. */
        boolean returnsVector() {
            return returnText.equals("double[]");
        }

        /** The parameters the gradient record holds, in parameter order. */
        List<Param> wrtParams() {
            List<Param> out = new ArrayList<>();
            for (Param p : params) {
                if (wrt.isEmpty() ? p.type() != null && p.type().isDifferentiable() : wrt.contains(p.name())) {
                    out.add(p);
                }
            }
            return out;
        }

        /** The name of the {@code @Grad}-only copy that a {@code @Jit @Grad} method is compared with. */
        String refName() {
            return name + "Ref";
        }

        boolean hasRef() {
            return jit && grad && check;
        }
    }

    /**
     * A compilation unit: class {@code pkg.className} with {@code fields} (verbatim lines),
     * {@code methods}, and {@code extraTypes} (verbatim top-level types after the class). When
     * {@code probe}, the printer also writes the probe class {@code P...} for the oracle.
     */
    record Program(
            long seed,
            String pkg,
            String className,
            List<String> fields,
            List<Method> methods,
            List<String> extraTypes,
            boolean probe) {
        Program {
            fields = List.copyOf(fields);
            methods = List.copyOf(methods);
            extraTypes = List.copyOf(extraTypes);
        }

        String qualifiedName() {
            return pkg + "." + className;
        }

        /** The probe class: the same methods with their kinks and branches recorded. */
        String probeName() {
            return "P" + className;
        }

        Program withMethods(List<Method> ms) {
            return new Program(seed, pkg, className, fields, ms, extraTypes, probe);
        }

        Program withClassName(String name) {
            return new Program(seed, pkg, name, fields, methods, extraTypes, probe);
        }

        Method method(String name) {
            for (Method m : methods) {
                if (m.name().equals(name)) {
                    return m;
                }
            }
            return null;
        }
    }
}
