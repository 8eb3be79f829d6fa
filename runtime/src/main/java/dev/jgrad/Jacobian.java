package dev.jgrad;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Jacobian of this static method, which returns {@code double[]}, at compile time.
 *
 * <p>For {@code static double[] f(T1 a1, ..., Tn an)} of class {@code p.C}, the jgrad processor
 * writes {@code p.CJacobian.f(a1, ..., an)}, returning {@code FJacobian(double[] value, double[][]
 * jacobian)}: {@code jacobian[i][k]} is the derivative of {@code value[i]} in entry {@code k} of the
 * {@link #wrt()} parameters flattened in parameter order (a {@code double} is one entry, a
 * {@code double[]} its entries, a {@code double[][]} its rows one after the other). It runs forward
 * mode (one pass per input entry) or reverse mode (one pass per output), whichever takes fewer passes
 * for the shapes at run time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Jacobian {
    /**
     * The parameters to differentiate with respect to, by name. Empty (the default) means every
     * {@code double}, {@code double[]} and {@code double[][]} parameter.
     */
    String[] wrt() default {};
}
