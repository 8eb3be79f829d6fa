package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.Counted;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import dev.jgrad.processor.rules.Rules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loop buffers of a fused {@link JitGrad} gradient: where recomputing an inner loop's locals in
 * the adjoint of a fused iteration would cost a loop of its own, the forward iteration stores them
 * and the adjoint reads them back.
 */
final class LoopBuffers {
    /** The top-level loop being fused, while its body's adjoint is written. */
    private Stmt.For fusedLoop;
    /** How many loops inside the fused loop enclose the statement whose adjoint is being written. */
    private int loopsInside;
    /** Buffers for the loop being fused, declared before it. */
    private final List<Stmt> buffers = new ArrayList<>();
    /** All buffers: every chunk of a parallel loop needs its own. */
    private final Set<String> scratch = new HashSet<>();
    /** What each inner loop's forward iteration writes into its buffers. */
    private final Map<Stmt.For, List<Stmt>> saves = new IdentityHashMap<>();

    /** Starts writing the adjoint of the fused top-level loop {@code f}. */
    void startFused(Stmt.For f) {
        fusedLoop = f;
        buffers.clear();
    }

    /** Ends the adjoint of the fused loop: the buffers it needs, to declare before it. */
    List<Stmt> endFused() {
        fusedLoop = null;
        buffers.forEach(b -> scratch.add(((Stmt.Decl) b).name()));
        return List.copyOf(buffers);
    }

    /** The adjoint being written enters a loop inside the fused one. */
    void enterLoop() {
        loopsInside++;
    }

    void leaveLoop() {
        loopsInside--;
    }

    /** Every buffer of the method: each chunk of a parallel loop allocates its own. */
    Set<String> scratch() {
        return scratch;
    }

    /** What the forward iteration of {@code f} writes into its buffers, or null if {@code f} stores nothing. */
    List<Stmt> savesOf(Stmt.For f) {
        return saves.get(f);
    }

    boolean containsSaved(Stmt.For f) {
        boolean[] found = {false};
        Walk.statements(f.body(), x -> found[0] |= x instanceof Stmt.For inner && saves.containsKey(inner));
        return found[0];
    }

    /**
     * Inside a fused loop, an inner loop whose locals cost a loop of their own to recompute (a dot
     * product per hidden unit) keeps them instead: the forward iteration writes them into a buffer
     * as long as the inner loop, allocated once before the fused loop, and the adjoint reads them
     * back. Null when recomputing is cheap or the buffer cannot be sized up front, and when another
     * loop inside the fused one encloses {@code f}: the buffer, indexed by {@code f}'s index alone,
     * would hold only that loop's last iteration (every class reading the last class's hidden units).
     */
    List<Stmt> stored(Stmt.For f, List<Stmt> recompute, List<Stmt> adjoint, Names names) {
        if (fusedLoop == null || loopsInside > 0 || recompute.stream().noneMatch(x -> x instanceof Stmt.For)) {
            return null;
        }
        Counted counted = Counted.of(f);
        if (counted == null) {
            return null;
        }
        Set<String> inner = new HashSet<>();
        Walk.statements(List.of(fusedLoop), x -> {
            if (x instanceof Stmt.Decl d) {
                inner.add(d.name());
            }
        });
        Set<String> bounds = new HashSet<>();
        Walk.locals(counted.from(), bounds::add);
        Walk.locals(counted.to(), bounds::add);
        bounds.retainAll(inner);
        if (!bounds.isEmpty()) {
            return null;
        }
        List<Stmt> loads = new ArrayList<>();
        List<Stmt> save = new ArrayList<>();
        Local k = new Local(Type.INT, counted.index());
        Expr slot = counted.from() instanceof Expr.Lit l && l.text().equals("0") ? k
                : new Expr.Binary(Type.INT, BinaryOp.SUB, k, counted.from());
        Set<String> read = Walk.reads(adjoint);
        for (Stmt x : recompute) {
            if (!(x instanceof Stmt.Decl d) || !read.contains(d.name())) {
                if (x instanceof Stmt.Decl || x instanceof Stmt.Assign || x instanceof Stmt.For) {
                    continue;
                }
                return null;
            }
            if (d.type() != Type.DOUBLE) {
                return null;
            }
            Local buffer = new Local(Type.DOUBLE_ARRAY, names.fresh(d.name() + "_saved"));
            Expr size = counted.from() instanceof Expr.Lit l && l.text().equals("0") && counted.to() instanceof Expr.Length
                    ? counted.to()
                    : Rules.max(Expr.Lit.ofInt(0), new Expr.Binary(Type.INT, BinaryOp.SUB, counted.to(), counted.from()));
            buffers.add(new Stmt.Decl(null, Type.DOUBLE_ARRAY, buffer.name(), new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(size))));
            save.add(new Stmt.Assign(null, new Expr.Index(Type.DOUBLE, buffer, slot), new Local(Type.DOUBLE, d.name())));
            loads.add(new Stmt.Decl(null, Type.DOUBLE, d.name(), new Expr.Index(Type.DOUBLE, buffer, slot)));
        }
        if (loads.isEmpty()) {
            return null;
        }
        saves.put(f, save);
        return loads;
    }
}
