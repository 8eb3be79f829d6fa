package p;

import dev.jgrad.Grad;

/** A loop that overwrites y with a value computed from y: the reverse sweep needs every old y back. */
public final class Recurrence {
    @Grad
    static double iterate(double x, double y0, int steps) {
        double y = y0;
        for (int k = 0; k < steps; k++) {
            y = Math.sin(y) * x;
        }
        return y;
    }
}
