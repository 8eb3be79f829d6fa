package dev.jgrad.processor.ir;

/** The types of the differentiable subset, plus strings for exception messages and void for statements. */
public enum Type {
    DOUBLE("double"),
    INT("int"),
    LONG("long"),
    BOOLEAN("boolean"),
    DOUBLE_ARRAY("double[]"),
    DOUBLE_MATRIX("double[][]"),
    /** Only the lanes of a {@code double[][]} in a full Hessian ({@code transform.Lanes}): one matrix per direction. */
    DOUBLE_CUBE("double[][][]"),
    INT_ARRAY("int[]"),
    /** Flags, masks: never active, as {@code int[]}. */
    BOOLEAN_ARRAY("boolean[]"),
    STRING("String"),
    VOID("void");

    private final String java;

    Type(String java) {
        this.java = java;
    }

    /** The type as written in Java source. */
    public String java() {
        return java;
    }

    public boolean isArray() {
        return this == DOUBLE_ARRAY || this == DOUBLE_MATRIX || this == DOUBLE_CUBE || this == INT_ARRAY
                || this == BOOLEAN_ARRAY;
    }

    public boolean isNumeric() {
        return this == DOUBLE || this == INT || this == LONG;
    }

    public boolean isIntegral() {
        return this == INT || this == LONG;
    }

    /** The local variable slots a value of this type takes in the JVM: two for double and long. */
    public int slots() {
        return this == DOUBLE || this == LONG ? 2 : 1;
    }

    /** Whether values of this type can carry a derivative: double and arrays of double. */
    public boolean isDifferentiable() {
        return this == DOUBLE || this == DOUBLE_ARRAY || this == DOUBLE_MATRIX;
    }

    /** The type of {@code a[i]} for an array {@code a} of this type. */
    public Type element() {
        switch (this) {
            case DOUBLE_ARRAY: return DOUBLE;
            case DOUBLE_MATRIX: return DOUBLE_ARRAY;
            case DOUBLE_CUBE: return DOUBLE_MATRIX;
            case INT_ARRAY: return INT;
            case BOOLEAN_ARRAY: return BOOLEAN;
            default: throw new IllegalStateException("not an array: " + this);
        }
    }

    /** Binary numeric promotion (JLS 5.6.2) within the subset. */
    public static Type promote(Type a, Type b) {
        if (a == DOUBLE || b == DOUBLE) {
            return DOUBLE;
        }
        if (a == LONG || b == LONG) {
            return LONG;
        }
        return INT;
    }

    /** The value a hoisted variable of this type starts with. */
    public String zero() {
        switch (this) {
            case DOUBLE: return "0.0";
            case INT: return "0";
            case LONG: return "0L";
            case BOOLEAN: return "false";
            default: return "null";
        }
    }
}
