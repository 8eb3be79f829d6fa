package dev.jgrad.tests.shadow;

/** The user's own {@code Double}: constants that are not java.lang's. */
public final class Double {
    private Double() {}

    public static final double NEGATIVE_INFINITY = 0.0;
    public static final double POSITIVE_INFINITY = 0.0;
    public static final double NaN = 0.0;
}
