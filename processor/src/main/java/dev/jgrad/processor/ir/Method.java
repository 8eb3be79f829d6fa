package dev.jgrad.processor.ir;

import java.util.List;

/**
 * A method in IR form: the user's parameters, and a body in which every local has a name of its own
 * (sibling scopes that reuse a name get a suffix) and calls to user methods are inlined. A record
 * parameter is not among {@code params}: its leaves are, and {@code records} says how they are read
 * from it at entry and how a gradient record is built from theirs.
 */
public record Method(String name, List<Param> params, List<Stmt> body, Names names, Origins origins,
        List<RecordParam> records) {
    public Method(String name, List<Param> params, List<Stmt> body, Names names, Origins origins) {
        this(name, params, body, names, origins, List.of());
    }

    /** The JVM's limit on the parameters of one method, in slots ({@link Type#slots()}; {@code this} takes one). */
    public static final int PARAMETER_SLOTS = 255;

    public record Param(String name, Type type) {}

    /**
     * How the user knows a parameter of the IR: its own name, or for a record's leaf the accessor
     * chain that reads it ({@code p.w1()}).
     */
    public String display(String param) {
        for (RecordParam r : records) {
            String found = display(r, param);
            if (found != null) {
                return found;
            }
        }
        return param;
    }

    private static String display(RecordParam r, String leaf) {
        for (RecordParam.Component c : r.components()) {
            if (c.record() != null) {
                String found = display(c.record(), leaf);
                if (found != null) {
                    return found;
                }
            } else if (c.leaf().equals(leaf)) {
                return r.access() + "." + c.accessor() + "()";
            }
        }
        return null;
    }

    public Param param(String name) {
        for (Param p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
