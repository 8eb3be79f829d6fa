package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.Method;
import java.util.List;

/**
 * The gradient of a method under {@code @Grad} alone, when {@link FusedGradient} gives it in one pass: each
 * iteration's adjoint right after that iteration, no tape. It runs on the calling thread, no chunks, no
 * sum split into several; iterations that share an inner loop run four at a time ({@link Jam#inOrder}),
 * each one's own sums in the source's order and the loop's sums taking their terms one iteration after
 * another, so its value is the source's bit for bit (only the adjoints' sums are regrouped). Each iteration's adjoint reads only what that iteration read, and what runs before or between
 * the loops cannot throw where a loop may ({@link LinearTail}), so what it throws is the source's.
 * A method whose tape-free gradient takes two passes keeps the tape: the second pass recomputes each
 * iteration's locals, reading the data again as the taped reverse sweep does.
 */
public final class GradAlone {
    private GradAlone() {}

    /** The one-pass gradient, or (gradient null) why the method keeps the taped one. */
    public static FusedGradient.Outcome of(Method source, List<String> wrt) {
        FusedGradient.Outcome o = FusedGradient.of(source, wrt, false, false);
        if (o.gradient() != null && o.notOnePass() == null) {
            return o;
        }
        GradientForm.Blocker why = o.notOnePass() != null ? o.notOnePass()
                : new GradientForm.Blocker("its tape-free gradient takes two passes", null);
        return o.reason() != null ? o : new FusedGradient.Outcome(null, why.reason(), why.at());
    }
}
