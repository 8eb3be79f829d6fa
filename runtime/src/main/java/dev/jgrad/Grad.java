package dev.jgrad;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Differentiate this static method in reverse mode at compile time.
 *
 * <p>For a method {@code static double f(...)} of class {@code p.C}, the jgrad processor writes
 * {@code p.CGrad.f(...)}, which returns a record {@code FGradient(double value, ...)} holding the
 * method's value and its gradient with respect to the parameters named in {@link #wrt()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Grad {
    /**
     * The parameters to differentiate with respect to, by name. Empty (the default) means every
     * {@code double}, {@code double[]} and {@code double[][]} parameter.
     */
    String[] wrt() default {};
}
