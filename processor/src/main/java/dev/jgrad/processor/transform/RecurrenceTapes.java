package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.Counted;
import dev.jgrad.processor.analysis.Recurrence;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.rules.Rules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tapes of the {@link Recurrence}s of a {@link JitGrad} gradient: for each carried variable, a
 * buffer as long as its loop, allocated once before the top-level loop around it (one per chunk of a
 * parallel loop), into which the forward iterations write the variable's value at their start and
 * from which the reverse iterations, run backwards, restore it.
 */
final class RecurrenceTapes {
    private final Names names;
    /** Each recurrence's buffers, one per carried variable (in the order of its carries), then one per kept value. */
    private final Map<Stmt.For, List<Local>> tapes = new IdentityHashMap<>();
    /** The values of each recurrence's iterations kept besides the carried ones, in its body's order. */
    private final Map<Stmt.For, List<String>> kept = new IdentityHashMap<>();
    /** Buffers made since the last top-level loop was written: declared before the next one. */
    private final List<Stmt> pending = new ArrayList<>();
    private final Set<String> scratch = new HashSet<>();

    RecurrenceTapes(Names names) {
        this.names = names;
    }

    /** Decides what the recurrence's tape keeps besides its carried variables, once. */
    private void keep(Recurrence r, List<String> values) {
        kept.putIfAbsent(r.loop(), List.copyOf(values));
    }

    /**
     * Decides what the tape keeps besides the carried values, once: the locals of an iteration that
     * cost a call to recompute ({@code double exp = Math.exp(...)}) and that its adjoint reads
     * ({@code read}). The iteration's other statements, which its reverse recomputes.
     */
    List<Stmt> keepCalls(Recurrence r, Set<String> read) {
        List<String> values = new ArrayList<>();
        for (Stmt x : r.iteration()) {
            if (x instanceof Stmt.Decl d && d.type() == Type.DOUBLE && d.init() instanceof Expr.Prim && read.contains(d.name())) {
                values.add(d.name());
            }
        }
        keep(r, values);
        List<Stmt> own = new ArrayList<>(r.iteration());
        own.removeIf(x -> x instanceof Stmt.Decl d && kept(r).contains(d.name()));
        return own;
    }

    /** Whether the recurrence has a tape (its reverse reads one). */
    boolean taped(Recurrence r) {
        return kept.containsKey(r.loop());
    }

    /**
     * The statements of an iteration ({@code body}, the loop's or a slice of it that declares the
     * kept values) writing the tape: the carried values first, {@code s_tape[t] = s;}, and each kept
     * value where it is declared.
     */
    List<Stmt> saving(Recurrence r, List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        List<Local> buffers = tapes(r);
        int k = 0;
        for (String v : r.carried().keySet()) {
            out.add(new Stmt.Assign(null, slot(r, buffers.get(k++)), new Local(Type.DOUBLE, v)));
        }
        List<String> values = kept.get(r.loop());
        for (Stmt s : body) {
            out.add(s);
            if (s instanceof Stmt.Decl d && values.contains(d.name())) {
                out.add(new Stmt.Assign(null, slot(r, buffers.get(r.carried().size() + values.indexOf(d.name()))),
                        new Local(Type.DOUBLE, d.name())));
            }
        }
        return out;
    }

    /** {@code s = s_tape[t]; double exp = exp_tape[t];}: the carried variables as the iteration found them, and its kept values. */
    List<Stmt> restores(Recurrence r) {
        List<Stmt> out = new ArrayList<>();
        List<Local> buffers = tapes(r);
        int k = 0;
        for (String v : r.carried().keySet()) {
            out.add(new Stmt.Assign(null, new Local(Type.DOUBLE, v), slot(r, buffers.get(k++))));
        }
        for (String v : kept.get(r.loop())) {
            out.add(new Stmt.Decl(null, Type.DOUBLE, v, slot(r, buffers.get(k++))));
        }
        return out;
    }

    /** The kept values of the recurrence. */
    List<String> kept(Recurrence r) {
        return kept.getOrDefault(r.loop(), List.of());
    }

    /** Whether {@code names} includes one of the recurrence's buffers. */
    boolean mentioned(Recurrence r, Set<String> names) {
        return tapes.containsKey(r.loop()) && tapes.get(r.loop()).stream().anyMatch(b -> names.contains(b.name()));
    }

    /** The buffers made since the last call, to declare before the top-level loop being written. */
    List<Stmt> take() {
        List<Stmt> out = List.copyOf(pending);
        pending.clear();
        return out;
    }

    /** Every buffer: each chunk of a parallel loop allocates its own. */
    Set<String> scratch() {
        return scratch;
    }

    /** {@code for (int t = to; t > from;) { t--; body }}: the loop's iterations, last first. */
    static Stmt.For backwards(Stmt.For f, List<Stmt> body) {
        Counted c = Counted.of(f);
        Local t = new Local(Type.INT, c.index());
        List<Stmt> back = new ArrayList<>();
        back.add(new Stmt.Assign(null, t, new Expr.Binary(Type.INT, BinaryOp.SUB, t, Expr.Lit.ofInt(1))));
        back.addAll(body);
        return new Stmt.For(null, List.of(new Stmt.Decl(null, Type.INT, t.name(), c.to())),
                new Expr.Binary(Type.BOOLEAN, BinaryOp.GT, t, c.from()), List.of(), back);
    }

    private List<Local> tapes(Recurrence r) {
        return tapes.computeIfAbsent(r.loop(), f -> {
            Counted c = Counted.of(f);
            // as long as the loop runs (an empty loop has an empty tape)
            Expr steps = isZero(c.from()) ? c.to() : new Expr.Binary(Type.INT, BinaryOp.SUB, c.to(), c.from());
            Expr size = steps instanceof Expr.Length ? steps : Rules.max(Expr.Lit.ofInt(0), steps);
            List<Local> out = new ArrayList<>();
            List<String> all = new ArrayList<>(r.carried().keySet());
            all.addAll(kept.get(f));
            for (String v : all) {
                Local buffer = new Local(Type.DOUBLE_ARRAY, names.fresh(v + "_tape"));
                pending.add(new Stmt.Decl(null, Type.DOUBLE_ARRAY, buffer.name(),
                        new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(size))));
                scratch.add(buffer.name());
                out.add(buffer);
            }
            return out;
        });
    }

    private static Expr slot(Recurrence r, Local buffer) {
        Counted c = Counted.of(r.loop());
        Local t = new Local(Type.INT, c.index());
        Expr index = isZero(c.from()) ? t : new Expr.Binary(Type.INT, BinaryOp.SUB, t, c.from());
        return new Expr.Index(Type.DOUBLE, buffer, index);
    }

    private static boolean isZero(Expr e) {
        return e instanceof Expr.Lit l && l.text().equals("0");
    }
}
