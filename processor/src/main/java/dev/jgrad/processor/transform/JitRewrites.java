package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Stmt;
import java.util.List;
import java.util.Set;

/**
 * The {@code @Jit} rewrites of a body, in their order, for the fast value and the fused gradient alike:
 * top-level loops of independent iterations in parallel chunks ({@link Parallelize}, {@code scratch}
 * naming the buffers each chunk allocates for itself), four iterations at a time ({@link Jam}, then
 * {@code RowLocals}), dot-product loops as calls of the runtime's {@code Simd} ({@link Dots}), and loops
 * that store {@code Math.tanh} into an array as a loop of its arguments and one {@code Simd.tanh} call
 * ({@link Fission}).
 */
public final class JitRewrites {
    private JitRewrites() {}

    /** {@code body} of {@code method}, rewritten. */
    public static List<Stmt> apply(List<Stmt> body, Method method, boolean threads, Set<String> scratch) {
        List<Stmt> dots = Dots.apply(Jam.apply(Parallelize.apply(body, method, threads, scratch), method.names()), method.names());
        return Fission.apply(dots, method.names());
    }
}
