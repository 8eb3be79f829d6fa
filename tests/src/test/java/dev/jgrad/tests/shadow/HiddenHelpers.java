package dev.jgrad.tests.shadow;

import dev.jgrad.Grad;

/**
 * A static helper that hides its superclass's of the same signature (JLS 8.4.8.2): the call means this class's,
 * as javac resolves it, and was rejected as "overloaded" (a newcomer trial).
 */
class HiddenHelpers extends HiddenHelpersBase {
    static double scale(double x) {
        return x * 3;
    }

    @Grad
    static double f(double x) {
        return scale(x) * x + HiddenHelpers.scale(x * x);
    }

    /** The superclass's, by its name. */
    @Grad
    static double g(double x) {
        return HiddenHelpersBase.scale(x) * x;
    }
}

class HiddenHelpersBase {
    static double scale(double x) {
        return x * 2;
    }
}
