package p;

import dev.jgrad.runtime.Tape;
import javax.annotation.processing.Generated;

/**
 * Gradients of the {@code @Grad} methods of {@link Recurrence}, written by jgrad at compile time.
 */
@Generated("dev.jgrad.processor.JgradProcessor")
public final class RecurrenceGrad {
    private RecurrenceGrad() {
    }

    /**
     * Value and gradient of {@link Recurrence#iterate(double, double, int)} with respect to x, y0.
     */
    public static IterateGradient iterate(double x, double y0, int steps) {
        Tape tape = Tape.acquire();
        double x_bar = 0.0;
        double y0_bar = 0.0;
        double y = y0;
        for (int k = 0; k < steps; k++) {
            tape.pushDouble(y);
            y = Math.sin(y) * x;
        }
        double value = y;
        // reverse sweep
        // grad of: return y
        double y_bar = 1.0;
        for (int k = steps; k > 0;) {
            k--;
            // grad of: y = Math.sin(y) * x
            y = tape.popDouble();
            double y_adj = y_bar;
            double sin_y = Math.sin(y);
            y_bar = y_adj * x * Math.cos(y);
            x_bar += y_adj * sin_y;
        }
        // grad of: double y = y0
        y0_bar += y_bar;
        Tape.release(tape);
        return new IterateGradient(value, x_bar, y0_bar);
    }

    /**
     * The value of
     * {@link Recurrence#iterate(double, double, int)}
     * and its partial derivatives: one component per wrt parameter, with the parameter's name and type.
     */
    public record IterateGradient(double value, double x, double y0) {
    }
}
