package dev.jgrad.processor.ir;

import java.util.List;

/**
 * A method in IR form: the user's parameters, and a body in which every local has a name of its own
 * (sibling scopes that reuse a name get a suffix) and calls to user methods are inlined.
 */
public record Method(String name, List<Param> params, List<Stmt> body, Names names, Origins origins) {
    /** The JVM's limit on the parameters of one method, in slots ({@link Type#slots()}; {@code this} takes one). */
    public static final int PARAMETER_SLOTS = 255;

    public record Param(String name, Type type) {}

    public Param param(String name) {
        for (Param p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
