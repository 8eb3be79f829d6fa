package p;

import static dev.jgrad.Ops.*;

import dev.jgrad.Grad;
import dev.jgrad.Jit;

/** The seed's loss in its Ops form, with both annotations: one fused, tape-free, parallel pass. */
public final class OpsLosses {
    @Jit @Grad(wrt = {"w", "b"})
    static double mse(double[] w, double b, double[][] x, double[] y) {
        return mean(square(sub(add(matvec(x, w), b), y)));
    }
}
