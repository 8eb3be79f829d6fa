package dev.jgrad.tests.corpus;

/**
 * {@code static final} constants that corpus methods of other classes read ("constants of any
 * class" in DESIGN.md). No {@code @Grad} method here: the processor generates nothing for it.
 */
public final class Constants {
    private Constants() {}

    /** A double constant read from another class. */
    public static final double SCALE = 1.5;

    /** A negative double constant, used inside a denominator that stays positive. */
    public static final double OFFSET = -0.25;

    /** An int constant used as a loop bound (the time steps of {@link Models#dampedOscillator}). */
    public static final int STEPS = 25;

    /** A package-private constant computed at class initialisation: no compile-time constant. */
    static final double SQRT2 = Math.sqrt(2.0);
}
