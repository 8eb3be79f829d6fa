package p;

import dev.jgrad.runtime.Arrays2;
import dev.jgrad.runtime.Tape;
import javax.annotation.processing.Generated;

/**
 * Gradients of the {@code @Grad} methods of {@link Search}, written by jgrad at compile time.
 */
@Generated("dev.jgrad.processor.JgradProcessor")
public final class SearchGrad {
    private SearchGrad() {
    }

    /**
     * Value and gradient of {@link Search#firstLarge(double[], double)} with respect to w.
     */
    public static FirstLargeGradient firstLarge(double[] w, double threshold) {
        Tape tape = Tape.acquire();
        double[] w_bar = Arrays2.zerosLike(w);
        double acc_bar = 0.0;
        int i = 0;
        int trips_saved = 0;
        boolean branch = false;
        double value = 0.0;
        boolean done = false;
        double acc = 1;
        {
            i = 0;
            boolean broke = false;
            int trips = 0;
            while (!(broke || done) && i < w.length) {
                if (!(w[i] < 0)) {
                    if (w[i] > threshold) {
                        value = acc * w[i];
                        done = true;
                        tape.pushBoolean(true);
                    } else {
                        tape.pushBoolean(false);
                    }
                    if (!done) {
                        tape.pushDouble(acc);
                        acc = acc * w[i] + 1;
                        if (acc > 1e6) {
                            broke = true;
                        }
                        tape.pushBoolean(true);
                    } else {
                        tape.pushBoolean(false);
                    }
                    tape.pushBoolean(true);
                } else {
                    tape.pushBoolean(false);
                }
                if (!(broke || done)) {
                    i++;
                    tape.pushBoolean(true);
                } else {
                    tape.pushBoolean(false);
                }
                trips++;
            }
            trips_saved = trips;
        }
        if (!done) {
            value = acc;
            done = true;
            branch = true;
        } else {
            branch = false;
        }
        // reverse sweep
        double value_bar = 1.0;
        if (branch) {
            // grad of: return acc
            acc_bar += value_bar;
            value_bar = 0.0;
        }
        {
            for (int trip = trips_saved; trip > 0; trip--) {
                if (tape.popBoolean()) {
                    i--;
                }
                if (tape.popBoolean()) {
                    if (tape.popBoolean()) {
                        // grad of: acc = acc * w[i] + 1
                        acc = tape.popDouble();
                        double acc_adj = acc_bar;
                        acc_bar = 0.0;
                        if (acc_adj != 0.0) {
                            acc_bar += acc_adj * w[i];
                            w_bar[i] += acc_adj * acc;
                        }
                    }
                    if (tape.popBoolean()) {
                        // grad of: return acc * w[i]
                        if (value_bar != 0.0) {
                            acc_bar += value_bar * w[i];
                            w_bar[i] += value_bar * acc;
                        }
                        value_bar = 0.0;
                    }
                }
            }
        }
        Tape.release(tape);
        return new FirstLargeGradient(value, w_bar);
    }

    /**
     * The value of
     * {@link Search#firstLarge(double[], double)}
     * and its partial derivatives: one component per wrt parameter, with the parameter's name and type.
     */
    public record FirstLargeGradient(double value, double[] w) {
    }
}
