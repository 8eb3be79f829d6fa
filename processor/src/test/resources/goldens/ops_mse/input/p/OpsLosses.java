package p;

import static dev.jgrad.Ops.*;

import dev.jgrad.Grad;

/** The seed's loss in its Ops form (jnp.mean((jnp.dot(x, w) + b - y) ** 2)), under @Grad alone. */
public final class OpsLosses {
    @Grad(wrt = {"w", "b"})
    static double mse(double[] w, double b, double[][] x, double[] y) {
        return mean(square(sub(add(matvec(x, w), b), y)));
    }
}
