package dev.jgrad;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Differentiate this static method in forward (tangent) mode at compile time: a Jacobian-vector
 * product in one pass, with no tape.
 *
 * <p>For {@code static double f(T1 a1, ..., Tn an)} of class {@code p.C}, the jgrad processor writes
 * {@code p.CJvp.f(a1, ..., an, d1, ..., dk)}: {@code d1..dk} are the tangents (directions) of the
 * {@link #wrt()} parameters, in parameter order, of the same types, named {@code <param>Dot}. It
 * returns a record {@code FJvp(double value, double tangent)}: the method's value (bit for bit the
 * source's) and its directional derivative {@code sum_k <df/da_k, d_k>}. A method that returns
 * {@code double[]} gets {@code FJvp(double[] value, double[] tangent)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Jvp {
    /**
     * The parameters that carry a tangent, by name. Empty (the default) means every {@code double},
     * {@code double[]} and {@code double[][]} parameter.
     */
    String[] wrt() default {};
}
