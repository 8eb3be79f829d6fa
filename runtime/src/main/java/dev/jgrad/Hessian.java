package dev.jgrad;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Second derivatives of this static method, at compile time.
 *
 * <p>For {@code static double f(T1 a1, ..., Tn an)} of class {@code p.C}, the jgrad processor writes
 * {@code p.CHessian.f(a1, ..., an)}, returning {@code FHessian(double value, double[] gradient,
 * double[][] hessian)}, and {@code p.CHessian.fHvp(a1, ..., an, double[] v)}, returning
 * {@code FHvp(double value, double[] gradient, double[] hvp)}. The gradient, the Hessian and
 * {@code v} are over the {@link #wrt()} parameters flattened in parameter order: a {@code double} is
 * one entry, a {@code double[]} its entries, a {@code double[][]} its rows one after the other.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Hessian {
    /**
     * The parameters to differentiate with respect to, by name. Empty (the default) means every
     * {@code double}, {@code double[]} and {@code double[][]} parameter.
     */
    String[] wrt() default {};
}
