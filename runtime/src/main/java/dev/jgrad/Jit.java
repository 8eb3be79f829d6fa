package dev.jgrad;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Generate a fast version of this static method, {@code p.CJit.f(...)}; with {@link Grad}, the
 * gradient {@code p.CGrad.f(...)} is optimised the same way.
 *
 * <p>The fast version may reassociate floating-point sums (several accumulators, as XLA does) and
 * run independent loop iterations in parallel with a fixed chunking, so its result is identical
 * from run to run whatever the number of threads. It may also compute a transcendental function by a
 * faster formulation accurate to a few ulps, as XLA does: {@code Math.tanh} (and {@code Ops.tanh})
 * by {@link dev.jgrad.runtime.JitMath#tanh}, at most 2 ulps from {@code StrictMath.tanh}, about three
 * times faster than {@code Math.tanh} on JDK 17 (on JDK 24+ on x86-64, {@code Math.tanh}'s intrinsic);
 * {@code StrictMath.tanh} keeps fdlibm's value. Nothing else may change the result.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Jit {
    /**
     * Whether large independent loops may run on several threads. The system property
     * {@code jgrad.parallel=false} turns threads off for every method at run time.
     */
    boolean parallel() default true;
}
