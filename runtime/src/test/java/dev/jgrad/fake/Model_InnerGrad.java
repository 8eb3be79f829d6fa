package dev.jgrad.fake;

/** Stands for the class jgrad generates from the nested class {@code Model.Inner}. */
public final class Model_InnerGrad {
    private Model_InnerGrad() {}

    public record SquareGradient(double value, double t) {}

    public static SquareGradient square(double t) {
        return new SquareGradient(t * t, 2 * t);
    }
}
