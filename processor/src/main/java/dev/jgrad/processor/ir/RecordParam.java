package dev.jgrad.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A record parameter of the user's method (JAX's pytree of parameters), or a record component of
 * one, which the IR sees as its leaves: each {@code double}, array, {@code int} or {@code boolean}
 * component is a parameter of the IR of its own ({@code p_w1}), read once at entry
 * ({@code double[][] p_w1 = p.w1();}), and the gradient of a wrt record is a new record of the same
 * type built from the leaves' gradients. The emitter prints both; nothing else needs records.
 *
 * @param access the Java text that reads this record in the generated method: the parameter's
 *     name ({@code p}), or the accessor chain of a nested record ({@code p.inner()})
 * @param packageName the record type's package
 * @param simpleNames the record type's simple name, after those of the classes it is nested in
 * @param components in declaration order, which is the canonical constructor's
 */
public record RecordParam(String access, String packageName, List<String> simpleNames, List<Component> components) {
    /**
     * A component: a leaf ({@code leaf} is its parameter of the IR, {@code type} its type), or a
     * record of its own ({@code record}, and {@code leaf} and {@code type} null).
     */
    public record Component(String accessor, Type type, String leaf, RecordParam record) {}

    /** The leaves, depth first in declaration order. */
    public List<Component> leaves() {
        List<Component> out = new ArrayList<>();
        for (Component c : components) {
            if (c.record() != null) {
                out.addAll(c.record().leaves());
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /** The top-level parameter's name: {@code p} for {@code p} and {@code p.inner()}. */
    public String param() {
        int dot = access.indexOf('.');
        return dot < 0 ? access : access.substring(0, dot);
    }
}
