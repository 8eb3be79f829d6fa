package dev.jgrad.tests.shadow;

/** The user's own {@code IllegalArgumentException}: the generated shape checks must throw java.lang's. */
public class IllegalArgumentException extends RuntimeException {
    public IllegalArgumentException(java.lang.String s) {
        super("the user's: " + s);
    }
}
