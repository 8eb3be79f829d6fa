package p;

import dev.jgrad.runtime.Arrays2;
import dev.jgrad.runtime.Tape;
import javax.annotation.processing.Generated;

/**
 * Gradients of the {@code @Grad} methods of {@link Order}, written by jgrad at compile time.
 */
@Generated("dev.jgrad.processor.JgradProcessor")
public final class OrderGrad {
    private OrderGrad() {
    }

    /**
     * Value and gradient of {@link Order#f(double[], double)} with respect to x.
     */
    public static FGradient f(double[] x, double t) {
        Tape tape = Tape.acquire();
        double[] x_bar = Arrays2.zerosLike(x);
        double[] a_bar = null;
        double v_bar = 0.0;
        double v_2_bar = 0.0;
        double[] array_bar = null;
        double v = 0.0;
        double saved = 0.0;
        double saved_2 = 0.0;
        double saved_3 = 0.0;
        double[] a = new double[x.length];
        a_bar = new double[x.length];
        double stored = x[0];
        saved = a[0];
        a[0] = stored;
        double stored_2 = x[1];
        saved_2 = a[1];
        a[1] = stored_2;
        double aBefore = a[0];
        double scale = 0.0;
        {
            // inlined: scale(a, t)
            saved_3 = a[0];
            a[0] *= t;
            scale = a[0];
        }
        double aBefore_2 = a[1];
        double square = 0.0;
        {
            // inlined: square(a[0])
            v = a[0];
            square = v * v;
        }
        double r = aBefore * scale + aBefore_2 * square;
        double s = 0;
        for (int vIndex = 0; vIndex < x.length; vIndex++) {
            double v_2 = x[vIndex];
            if (v_2 > 0 && v_2 < t) {
                s += v_2;
                tape.pushBoolean(true);
            } else {
                tape.pushBoolean(false);
            }
        }
        double c = 0.0;
        double d = 0.0;
        double[] array = t > 0 ? a : x;
        array_bar = t > 0 ? a_bar : x_bar;
        d = array[1] * s;
        c = d;
        double value = r + c * d;
        double[] x_out = Arrays2.copyOf(x);
        // reverse sweep
        // grad of: return r + c * d
        double r_bar = 1.0;
        double d_bar = c;
        // grad of: c = d = (t > 0 ? a : x)[1] * s
        d_bar += d;
        // grad of: d = (t > 0 ? a : x)[1] * s
        array_bar[1] += d_bar * s;
        double s_bar = d_bar * array[1];
        for (int vIndex = x.length; vIndex > 0;) {
            vIndex--;
            if (tape.popBoolean()) {
                // grad of: s += v
                v_2_bar += s_bar;
            }
            if (v_2_bar != 0.0) {
                x_bar[vIndex] += v_2_bar;
            }
            v_2_bar = 0.0;
        }
        // grad of: double r = a[0] * scale(a, t) + a[1] * square(a[0])
        double scale_bar = r_bar * aBefore;
        double square_bar = r_bar * aBefore_2;
        {
            // grad of: return v * v
            v_bar += square_bar * 2.0 * v;
            a_bar[0] += v_bar;
        }
        a_bar[1] += r_bar * square;
        {
            // grad of: return a[0]
            a_bar[0] += scale_bar;
            // grad of: a[0] *= t
            a[0] = saved_3;
            double a_adj = a_bar[0];
            a_bar[0] = 0.0;
            a_bar[0] += a_adj * t;
        }
        a_bar[0] += r_bar * scale;
        // grad of: a[1] = x[1]
        a[1] = saved_2;
        double a_adj_2 = a_bar[1];
        a_bar[1] = 0.0;
        x_bar[1] += a_adj_2;
        // grad of: a[0] = x[0]
        a[0] = saved;
        double a_adj_3 = a_bar[0];
        a_bar[0] = 0.0;
        x_bar[0] += a_adj_3;
        Arrays2.copyInto(x_out, x);
        Tape.release(tape);
        return new FGradient(value, x_bar);
    }

    /**
     * The value of
     * {@link Order#f(double[], double)}
     * and its partial derivatives: one component per wrt parameter, with the parameter's name and type.
     */
    public record FGradient(double value, double[] x) {
    }
}
