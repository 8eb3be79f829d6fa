package dev.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.RecordParam;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Records of parameters in generated code: their leaves read once at entry
 * ({@code double[][] p_w1 = p.w1();}), and the gradient record built from the leaves' gradients
 * ({@code new Mlp(p_w1_bar, ...)}), where a component that carries no derivative ({@code int},
 * {@code boolean}, {@code int[]}) is the parameter's own value (an {@code int[]} copied).
 */
final class RecordPrinter {
    private RecordPrinter() {}

    static void unpack(List<RecordParam> records, CodeBlock.Builder body) {
        for (RecordParam r : records) {
            unpack(r, body);
        }
    }

    private static void unpack(RecordParam r, CodeBlock.Builder body) {
        for (RecordParam.Component c : r.components()) {
            if (c.record() != null) {
                unpack(c.record(), body);
            } else {
                body.addStatement("$L $N = $L.$N()", c.type().java(), c.leaf(), r.access(), c.accessor());
            }
        }
    }

    /** {@code new R(...)}: each differentiable leaf's gradient taken from {@code gradients}, in order. */
    static CodeBlock pack(RecordParam r, Iterator<Expr> gradients, Function<Expr, CodeBlock> print) {
        List<CodeBlock> args = new ArrayList<>();
        for (RecordParam.Component c : r.components()) {
            if (c.record() != null) {
                args.add(pack(c.record(), gradients, print));
            } else if (c.type().isDifferentiable()) {
                args.add(print.apply(gradients.next()));
            } else if (c.type() == Type.INT_ARRAY) {
                args.add(CodeBlock.of("$N == null ? null : $N.clone()", c.leaf(), c.leaf()));
            } else {
                args.add(CodeBlock.of("$N", c.leaf()));
            }
        }
        return CodeBlock.of("new $T($L)", typeName(r), CodeBlock.join(args, ", "));
    }

    /**
     * {@code new R(...)} with the components of {@code r} as they are, but a copy of each leaf array in
     * {@code written} (a method that writes into them is called more than once); the leaves are
     * read at entry ({@link #unpack}).
     */
    static CodeBlock copy(RecordParam r, java.util.Set<String> written) {
        List<CodeBlock> args = new ArrayList<>();
        for (RecordParam.Component c : r.components()) {
            if (c.record() != null) {
                args.add(copy(c.record(), written));
            } else if (written.contains(c.leaf())) {
                args.add(CodeBlock.of("$T.$N($N)", ClassName.get("dev.jgrad.runtime", "Arrays2"),
                        c.type() == Type.INT_ARRAY ? "copyOf" : "deepCopy", c.leaf()));
            } else {
                args.add(CodeBlock.of("$N", c.leaf()));
            }
        }
        return CodeBlock.of("new $T($L)", typeName(r), CodeBlock.join(args, ", "));
    }

    /** The record type of {@code r}. */
    static ClassName typeName(RecordParam r) {
        return ClassName.get(r.packageName(), r.simpleNames().get(0),
                r.simpleNames().subList(1, r.simpleNames().size()).toArray(new String[0]));
    }
}
