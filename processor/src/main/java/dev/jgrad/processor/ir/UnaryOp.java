package dev.jgrad.processor.ir;

public enum UnaryOp {
    NEG("-"), PLUS("+"), NOT("!"), COMPLEMENT("~");

    private final String java;

    UnaryOp(String java) {
        this.java = java;
    }

    public String java() {
        return java;
    }
}
