package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import java.util.List;
import java.util.Set;

/**
 * The {@code @Jit} rewrites of a body, in their order, for the fast value and the fused gradient alike:
 * top-level loops of independent iterations in parallel chunks ({@link Parallelize}, {@code scratch}
 * naming the buffers each chunk allocates for itself), four iterations at a time ({@link Jam}, then
 * {@code RowLocals}), loops that store {@code Math.tanh} into an array as a loop of its arguments and one
 * {@code Simd.tanh} call ({@link Fission}), the dense layers of jammed groups in i-k-j order ({@link Layers}),
 * and dot-product loops as calls of the runtime's {@code Simd} ({@link Dots}).
 */
public final class JitRewrites {
    private JitRewrites() {}

    /**
     * {@code source} in the form the fused gradient reads: calls' results named ({@link NamedResults}),
     * elements built up in steps kept in scalars ({@link ElementLocals}), locals assigned again made new
     * versions ({@link Versions}), blocks flattened, and recurrences marked ({@link Recurrences}); the
     * operations and their order are the source's.
     */
    static Method singleAssignment(Method source) {
        Names names = source.names();
        List<Stmt> body = scalars(NamedResults.apply(source.body(), names), names);
        return new Method(source.name(), source.params(), Recurrences.apply(Scopes.flatten(body), names), names,
                source.origins(), source.records());
    }

    /**
     * {@code body} with elements built up in steps kept in scalars ({@link ElementLocals}) and locals
     * assigned again made new versions ({@link Versions}): each assigned once, for the fused loops.
     */
    public static List<Stmt> scalars(List<Stmt> body, Names names) {
        return Versions.apply(ElementLocals.apply(body, names), names);
    }

    /** {@code body} of {@code method}, rewritten. */
    public static List<Stmt> apply(List<Stmt> body, Method method, boolean threads, Set<String> scratch) {
        List<Stmt> jammed = Jam.apply(Parallelize.apply(body, method, threads, scratch), method.names());
        List<Stmt> split = Fission.apply(jammed, method.names());
        return Dots.apply(Layers.apply(split, method.names()), method.names());
    }
}
