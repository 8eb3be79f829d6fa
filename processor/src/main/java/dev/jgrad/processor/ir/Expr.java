package dev.jgrad.processor.ir;

import java.util.List;

/**
 * Expressions of the IR. Every expression is free of side effects: assignments and increments are
 * statements, and calls to other methods of the user are inlined before the transform.
 */
public sealed interface Expr {
    Type type();

    /** A literal, kept as the source spelled it so that the value is the same bit for bit. */
    record Lit(Type type, String text) implements Expr {
        public static Lit ofDouble(double v) {
            return new Lit(Type.DOUBLE, Double.toString(v));
        }

        public static Lit ofInt(int v) {
            return new Lit(Type.INT, Integer.toString(v));
        }

        public static final Lit TRUE = new Lit(Type.BOOLEAN, "true");
        public static final Lit FALSE = new Lit(Type.BOOLEAN, "false");
    }

    /** A local variable or parameter. */
    record Local(Type type, String name) implements Expr {}

    /** A {@code static final} constant of a class, or {@code Math.PI}: {@code owner} is a binary name. */
    record Const(Type type, String owner, String name) implements Expr {}

    /** {@code array[index]}. */
    record Index(Type type, Expr array, Expr index) implements Expr {}

    /** {@code array.length}. */
    record Length(Expr array) implements Expr {
        @Override
        public Type type() {
            return Type.INT;
        }
    }

    record Unary(Type type, UnaryOp op, Expr operand) implements Expr {}

    record Binary(Type type, BinaryOp op, Expr left, Expr right) implements Expr {}

    /** {@code cond ? then : otherwise}. */
    record Cond(Type type, Expr cond, Expr then, Expr otherwise) implements Expr {}

    record Cast(Type type, Expr operand) implements Expr {}

    /**
     * A call to a primitive of the rule table ({@code Math.sin}, {@code StrictMath.floor}), resolved
     * once by the front end: the rule says how it is spelled and what its derivative is.
     */
    record Prim(Type type, Rule rule, List<Expr> args) implements Expr {}

    /**
     * A call to any other static method: one of another class whose arguments must turn out inactive
     * ({@code Other.scale(n)}), or one of the runtime that the transform writes; {@code owner} is a
     * binary class name. Printing is a call through a static field of {@code owner}, named with it:
     * {@code System.out.println(x)} has owner {@code java.lang.System} and name {@code out.println}.
     */
    record Call(Type type, String owner, String name, List<Expr> args) implements Expr {}

    /** {@code new double[d0][d1]...}; dimensions left out are null rows ({@code new double[n][]}). */
    record NewArray(Type type, List<Expr> dims) implements Expr {}

    /** {@code new double[] {e0, e1, ...}}. */
    record ArrayLit(Type type, List<Expr> elements) implements Expr {}

    /** A value read back from the tape in the reverse sweep. */
    record Pop(Type type) implements Expr {}
}
