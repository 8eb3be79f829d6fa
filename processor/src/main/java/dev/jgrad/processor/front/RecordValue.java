package dev.jgrad.processor.front;

import dev.jgrad.processor.ir.Expr;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/**
 * A record as the front reads a body: a parameter, a component of one, or a local or a helper's
 * parameter bound to one. Never an IR value: reading a component ({@code p.w1()}) gives its leaf, a
 * parameter of the IR ({@code p_w1}), or the nested record.
 *
 * @param components by component name, in declaration order: an {@link Expr.Local} (a leaf) or a
 *     {@code RecordValue}
 */
record RecordValue(TypeElement type, Map<String, Object> components) {
    /**
     * A local whose declaration was rejected (and reported), a record or a local of a type outside the
     * subset ({@code float f = ...}): what reads or assigns it is rejected without a word of its own, so
     * that one mistake gives one error.
     */
    static final RecordValue REJECTED = new RecordValue(null, Map.of());
}
