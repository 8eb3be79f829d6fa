package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.LoopForm;
import dev.jgrad.processor.ir.Flow;
import dev.jgrad.processor.ir.Gradient;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Src;
import dev.jgrad.processor.ir.Stmt;
import java.util.List;
import java.util.Set;

/**
 * The tape-free gradient of a method, from start to end: the method in single assignment
 * ({@link JitRewrites#singleAssignment}), its {@link LoopForm} checked, the gradient built by
 * {@link JitGrad} (with the activity of the rewritten method), then the {@code @Jit} rewrites with
 * each chunk's own buffers ({@link JitRewrites}), or, for {@code @Grad} alone, the buffers allocated
 * where their loops first run ({@link LazyBuffers}).
 */
public final class FusedGradient {
    private FusedGradient() {}

    /**
     * The tape-free gradient, or (gradient null) why none and at which source statement (or null);
     * {@code notOnePass} says why a tape-free gradient takes two passes (null for one pass).
     */
    public record Outcome(Gradient gradient, String reason, Src at, GradientForm.Blocker notOnePass) {
        public Outcome(Gradient gradient, String reason, Src at) {
            this(gradient, reason, at, null);
        }
    }

    /** The tape-free gradient, or why the method gets the taped one. */
    public static Outcome of(Method source, List<String> wrt, boolean threads) {
        return of(source, wrt, threads, true);
    }

    /** As {@link #of(Method, List, boolean)}; unless {@code jitted}, as it is, only in one pass ({@link GradAlone}). */
    static Outcome of(Method source, List<String> wrt, boolean threads, boolean jitted) {
        Method method = JitRewrites.singleAssignment(source);
        LoopForm form = LoopForm.of(method);
        List<Stmt> body = method.body();
        boolean reachesReturn = !body.isEmpty() && body.get(body.size() - 1) instanceof Stmt.Return
                && Flow.canComplete(body.subList(0, body.size() - 1));
        if (form.reason() != null) {
            return new Outcome(null, form.reason(), form.at());
        }
        if (!reachesReturn) {
            Src last = body.isEmpty() ? null : body.get(body.size() - 1).src();
            return new Outcome(null, "its last statement is not a return that every path reaches", last);
        }
        JitGrad jit = JitGrad.of(method, wrt, form);
        Gradient g = jit.run(wrt, !jitted);
        // each chunk of a parallel loop has its own loop buffers, private arrays and their adjoints
        Set<String> scratch = jit.scratch();
        if (!jitted) {
            return new Outcome(g == null ? null : new Gradient(Jam.inOrder(LazyBuffers.apply(g.body(), scratch),
                    method.names(), jit.adjointNames()), g.value(), g.components(), null), null, null, jit.notOnePass());
        }
        for (String a : form.privates().names()) {
            scratch.add(a);
            if (jit.adjointName(a) != null) {
                scratch.add(jit.adjointName(a));
            }
        }
        return new Outcome(new Gradient(JitRewrites.apply(g.body(), method, threads, scratch), g.value(), g.components(), null),
                null, null, jit.notOnePass());
    }
}
