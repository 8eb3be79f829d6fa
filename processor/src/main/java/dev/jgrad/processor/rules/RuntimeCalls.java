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
    /** The runtime class of the lanes of arrays stored side by side ({@code transform.Lanes}). */
    public static final String LANE_ARRAYS = "dev.jgrad.runtime.LaneArrays";
    /** The runtime class of the dot products of {@code @Jit} loops ({@code transform.Dots}). */
    public static final String SIMD = "dev.jgrad.runtime.Simd";

    private RuntimeCalls() {}

    /** Whether {@code c} reads nothing of its arguments but their lengths ({@code Arrays2.zerosLike(w)}). */
    public static boolean readsOnlyShape(Expr.Call c) {
        return c.owner().equals(ARRAYS2) && SHAPE_ONLY.contains(c.name());
    }

    /** Whether {@code c} only checks its arguments and writes none ({@code Aliases.check}). */
    public static boolean writesNothing(Expr.Call c) {
        return c.owner().equals(ALIASES) || c.owner().equals(ARRAYS2) && c.name().equals("checkFlat");
    }

    /**
     * The {@link #LANE_ARRAYS} method that makes, from the lanes of {@code c}'s array arguments stored side
     * by side, the lanes of its array result ({@code Arrays2.take}: {@code LaneArrays.take}; {@code
     * Arrays2.zerosLike(w)}: {@code LaneArrays.zerosLike(w, lanes)}, see {@link #takesLanes}); null if none.
     */
    public static String sideBySide(Expr.Call c) {
        return c.owner().equals(ARRAYS2) && (c.name().equals("take") || c.name().equals("zerosLike")) ? c.name() : null;
    }

    /** Whether the {@link #sideBySide} twin of {@code c} takes the number of lanes as its last argument. */
    public static boolean takesLanes(Expr.Call c) {
        return c.name().equals("zerosLike");
    }

    /**
     * The {@link #LANE_ARRAYS} method that gives, from lanes stored side by side, what the shape-only call
     * {@code c} gives for one lane ({@code zerosLike}: {@code zerosLikeLane}, {@code flatLength}: itself).
     */
    public static String laneShape(Expr.Call c) {
        return c.name().equals("zerosLike") ? "zerosLikeLane" : c.name();
    }
}
