package dev.jgrad.processor.ir;

/** Binary operators, with Java's precedence (higher binds tighter) for the printer. */
public enum BinaryOp {
    MUL("*", 12), DIV("/", 12), REM("%", 12),
    ADD("+", 11), SUB("-", 11),
    SHL("<<", 10), SHR(">>", 10), USHR(">>>", 10),
    LT("<", 9), GT(">", 9), LE("<=", 9), GE(">=", 9),
    EQ("==", 8), NE("!=", 8),
    AND("&", 7), XOR("^", 6), OR("|", 5),
    CAND("&&", 4), COR("||", 3);

    private final String java;
    private final int precedence;

    BinaryOp(String java, int precedence) {
        this.java = java;
        this.precedence = precedence;
    }

    public String java() {
        return java;
    }

    public int precedence() {
        return precedence;
    }

    public boolean isComparison() {
        return precedence == 9 || precedence == 8;
    }

    public boolean isLogical() {
        return this == CAND || this == COR;
    }
}
