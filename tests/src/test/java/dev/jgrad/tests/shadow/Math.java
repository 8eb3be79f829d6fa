package dev.jgrad.tests.shadow;

/**
 * The user's own {@code Math}, beside the {@code @Grad} class: every method wrong on purpose. The
 * generated code must not call it where it means {@code java.lang.Math}.
 */
public final class Math {
    private Math() {}

    public static double exp(double x) {
        return 1 + x;
    }

    public static double sin(double x) {
        return x;
    }

    public static double cos(double x) {
        return 1;
    }

    public static double max(double a, double b) {
        return a + b;
    }

    public static double log(double x) {
        return x - 1;
    }
}
