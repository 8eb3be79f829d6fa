package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.LoopForm;
import dev.jgrad.processor.analysis.Recurrence;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Exprs;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The backward slices of a {@link JitGrad} gradient: the statements of a loop body that compute what
 * its adjoint reads, recomputed in the reverse of each iteration, without the sums into accumulators
 * declared outside the body (those already hold their totals).
 */
final class Slice {
    private final LoopForm form;
    private final Map<String, String> bars;
    private final RecurrenceTapes tapes;
    /** What the forward sweep writes for a declaration or assignment (an active array with its adjoint). */
    private final UnaryOperator<List<Stmt>> forward;
    /** The running maxima of the loop being sliced: they hold their final values already. */
    private final List<String> ownMaxima;

    Slice(LoopForm form, Map<String, String> bars, RecurrenceTapes tapes, UnaryOperator<List<Stmt>> forward,
            List<String> ownMaxima) {
        this.form = form;
        this.bars = bars;
        this.tapes = tapes;
        this.forward = forward;
        this.ownMaxima = ownMaxima;
    }

    List<Stmt> of(List<Stmt> body, Set<String> wanted) {
        List<Stmt> kept = new ArrayList<>();
        for (int k = body.size() - 1; k >= 0; k--) {
            Stmt s = body.get(k);
            Stmt keep = sliceOne(s, wanted);
            if (keep != null) {
                // an active array comes with its adjoint (forward writes both)
                List<Stmt> both = keep instanceof Stmt.Decl || keep instanceof Stmt.Assign ? forward.apply(List.of(keep)) : List.of(keep);
                kept.addAll(0, both);
                Walk.statements(List.of(keep), x -> Walk.expressions(x, e -> Walk.locals(e, wanted::add)));
            }
        }
        return kept;
    }

    private Stmt sliceOne(Stmt s, Set<String> wanted) {
        if (s instanceof Stmt.Decl d) {
            if (!wanted.contains(d.name()) && !(bars.containsKey(d.name()) && wanted.contains(bars.get(d.name())))) {
                return null;
            }
            return d;
        }
        if (s instanceof Stmt.Assign a && form.isFill(s)) {
            // an array of the body, filled again for the iteration that reads it
            return wanted.contains(Walk.root(a.target())) ? s : null;
        }
        if (s instanceof Stmt.Assign a && a.target() instanceof Local v) {
            if (form.isExtremum(s) && ownMaxima.contains(v.name())) {
                return null;
            }
            boolean barWanted = bars.containsKey(v.name()) && wanted.contains(bars.get(v.name()));
            return wanted.contains(v.name()) || v.type().isArray() && barWanted ? s : null;
        }
        if (s instanceof Stmt.If i) {
            List<Stmt> then = of(i.then(), wanted);
            List<Stmt> otherwise = of(i.otherwise(), wanted);
            return then.isEmpty() && otherwise.isEmpty() ? null : new Stmt.If(i.src(), i.cond(), then, otherwise);
        }
        if (s instanceof Stmt.Block b) {
            List<Stmt> inner = of(b.body(), wanted);
            return inner.isEmpty() ? null : new Stmt.Block(null, inner);
        }
        if (s instanceof Stmt.For f && form.recurrence(f) != null) {
            // recomputed whole if its carried values, its sums or its tape are wanted, writing its tape again
            Recurrence r = form.recurrence(f);
            if (r.carried().keySet().stream().noneMatch(wanted::contains) && !tapes.mentioned(r, wanted)
                    && form.accumulatorsOf(f).stream().noneMatch(wanted::contains)) {
                return null;
            }
            wanted.addAll(r.carried().keySet());
            wanted.addAll(tapes.kept(r));
            List<Stmt> inner = of(f.body(), wanted);
            return new Stmt.For(f.src(), f.init(), f.cond(), f.update(), tapes.taped(r) ? tapes.saving(r, inner) : inner);
        }
        if (s instanceof Stmt.For f) {
            // the loop recomputes the sums it owns that are wanted; sums into wanted-less outer accumulators go
            List<String> own = new ArrayList<>(form.accumulatorsOf(f));
            Walk.statements(f.body(), x -> {
                if (form.isFill(x)) {
                    own.add(Walk.root(((Stmt.Assign) x).target()));
                }
            });
            if (own.stream().noneMatch(wanted::contains)) {
                return null;
            }
            List<Stmt> inner = of(f.body(), wanted);
            return new Stmt.For(f.src(), f.init(), f.cond(), f.update(), inner);
        }
        return null;
    }

    /** {@code stmts} without the declarations that neither they nor {@code after} read. */
    static List<Stmt> withoutDeadLocals(List<Stmt> stmts, List<Stmt> after) {
        List<Stmt> out = new ArrayList<>(stmts);
        Set<String> read = Walk.reads(after);
        for (int k = out.size() - 1; k >= 0; k--) {
            if (out.get(k) instanceof Stmt.Decl d && !read.contains(d.name())) {
                out.remove(k);
            } else {
                read.addAll(Walk.reads(List.of(out.get(k))));
            }
        }
        return out;
    }

    /** The adjoints of a loop body's own scalar locals ({@code bars} names them), fresh in each iteration. */
    static List<Stmt> localAdjoints(List<Stmt> body, Map<String, String> bars) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.Decl d && d.type() == Type.DOUBLE && bars.containsKey(d.name())) {
                out.add(new Stmt.Decl(null, Type.DOUBLE, bars.get(d.name()), Exprs.ZERO));
            } else if (s instanceof Stmt.If i) {
                out.addAll(localAdjoints(i.then(), bars));
                out.addAll(localAdjoints(i.otherwise(), bars));
            } else if (s instanceof Stmt.Block b) {
                out.addAll(localAdjoints(b.body(), bars));
            }
        }
        return out;
    }
}
