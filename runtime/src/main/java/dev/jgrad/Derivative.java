package dev.jgrad;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * This static method is the partial derivative of another static method of the same class, as JAX's
 * {@code custom_jvp} gives one: a call to that function in a differentiated method is then a
 * primitive, whose body jgrad does not read, and whose adjoint calls the partials given.
 *
 * <pre>{@code
 * static double normCdf(double x) { ... any Java at all ... }
 *
 * @Derivative(of = "normCdf", wrt = "x")
 * static double normCdfDx(double x) { return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI); }
 * }</pre>
 *
 * <p>The method has the same parameters as the function {@link #of()} (which picks the overload),
 * and returns the partial in the parameter {@link #wrt()}: a {@code double}, for a {@code double}
 * parameter. Each {@code double} parameter of the function needs one such method (one method per
 * partial, so the annotation is not repeatable), unless every call passes it a constant. The function and its partials must have no side
 * effects: jgrad may call them more often than the source does. The annotation is kept in class
 * files, so a function and its partials may come from a jar.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Derivative {
    /** The name of the function, a static method of the same class with the same parameters. */
    String of();

    /** The name of the parameter of that function this method is the partial derivative in. */
    String wrt();
}
