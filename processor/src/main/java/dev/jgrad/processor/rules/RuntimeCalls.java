package dev.jgrad.processor.rules;

import dev.jgrad.processor.ir.Expr;
import java.util.Set;

/**
 * What the runtime calls that generated code makes do with their array arguments, for a transform
 * that asks what a value depends on and what a call may change ({@code transform.Lanes}).
 */
public final class RuntimeCalls {
    private static final String ARRAYS2 = "dev.jgrad.runtime.Arrays2";
    private static final String ALIASES = "dev.jgrad.runtime.Aliases";
    private static final Set<String> SHAPE_ONLY = Set.of("zerosLike", "flatLength");

    private RuntimeCalls() {}

    /** Whether {@code c} reads nothing of its arguments but their lengths ({@code Arrays2.zerosLike(w)}). */
    public static boolean readsOnlyShape(Expr.Call c) {
        return c.owner().equals(ARRAYS2) && SHAPE_ONLY.contains(c.name());
    }

    /** Whether {@code c} only checks its arguments and writes none ({@code Aliases.check}). */
    public static boolean writesNothing(Expr.Call c) {
        return c.owner().equals(ALIASES) || c.owner().equals(ARRAYS2) && c.name().equals("checkFlat");
    }
}
