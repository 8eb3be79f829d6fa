package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Rule;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * In an iteration whose adjoint runs right after its forward ({@link JitGrad}'s fused loops), a call
 * {@code v = normCdf(d1)} of a helper that has a value-and-partial method ({@link Rule#valueAndPartial})
 * becomes {@code v = CGrad.normCdf_and_dx(d1, v_d)}: the same value, bit for bit, and the partial in
 * the one active argument written into {@code v_d[0]}, which the adjoint reads instead of calling
 * {@code normCdf_dx(d1)} (which runs the helper again). A call with several active arguments,
 * {@code price(spot, strike, expiry, vol, rate, isCall)}, calls {@code price_and_dspot_dvol_drate(...,
 * price_d)} likewise, with one slot per active argument. Each call site has its own buffer,
 * allocated once before the loop (once per chunk of a parallel loop, which the buffers are scratch
 * to; a loop with such a call is not jammed, as its lanes would share the buffer).
 *
 * <p>Only calls that run at most once per iteration are rewritten: those of the iteration itself or
 * of its branches, not of its inner loops (whose reverse recomputes their bodies); likewise the calls
 * of straight-line code outside loops, which runs once and whose reverse reads its values in place.
 */
final class HelperSites {
    private final Names names;
    private final Activity activity;
    private final List<Stmt> pending = new ArrayList<>();
    private final Set<String> scratch = new HashSet<>();
    private final Predicate<Stmt> special;

    /** {@code special}: statements the transform finds by identity (a running max's first value), left as they are. */
    HelperSites(Names names, Activity activity, Predicate<Stmt> special) {
        this.names = names;
        this.activity = activity;
        this.special = special;
    }

    /**
     * {@code body} with its helper calls that run once per iteration rewritten; the declarations of
     * their buffers go to {@code decls}, to run before the loop (or the straight-line code).
     */
    List<Stmt> rewrite(List<Stmt> body, List<Stmt> decls) {
        List<Stmt> out = rewrite(body);
        decls.addAll(pending);
        pending.clear();
        return out;
    }

    private List<Stmt> rewrite(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            if (special.test(s)) {
                out.add(s);
            } else if (s instanceof Stmt.Assign a && a.target() instanceof Local v && a.value() instanceof Expr.Prim p) {
                Expr site = site(v, p);
                out.add(site == null ? s : new Stmt.Assign(a.src(), a.target(), site));
            } else if (s instanceof Stmt.Decl d && d.init() instanceof Expr.Prim p) {
                Expr site = site(new Local(d.type(), d.name()), p);
                out.add(site == null ? s : new Stmt.Decl(d.src(), d.type(), d.name(), site));
            } else if (s instanceof Stmt.If i) {
                out.add(new Stmt.If(i.src(), i.cond(), rewrite(i.then()), rewrite(i.otherwise())));
            } else if (s instanceof Stmt.Block b) {
                out.add(new Stmt.Block(b.src(), rewrite(b.body())));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** Every buffer: each chunk of a parallel loop allocates its own. */
    Set<String> scratch() {
        return scratch;
    }

    /** The call of the value-and-partials method for {@code v = p}, or null if it has none or no active argument. */
    private Expr site(Local v, Expr.Prim p) {
        Rule r = p.rule();
        if (v.type() != Type.DOUBLE || r.valueAndPartialOwner() == null) {
            return null;
        }
        List<Integer> active = new ArrayList<>();
        for (int k = 0; k < p.args().size(); k++) {
            Expr a = p.args().get(k);
            if (a.type() == Type.DOUBLE && r.differentiableIn(k) && activity.isActive(a)) {
                active.add(k);
            }
        }
        String method = active.isEmpty() ? null : r.valueAndPartials(active);
        if (method == null) {
            return null;
        }
        int n = p.args().size();
        Local buffer = new Local(Type.DOUBLE_ARRAY, names.fresh(v.name() + "_d"));
        pending.add(new Stmt.Decl(null, Type.DOUBLE_ARRAY, buffer.name(),
                new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(Expr.Lit.ofInt(active.size())))));
        scratch.add(buffer.name());
        Rule.Reads[] reads = new Rule.Reads[n + 1];
        active.forEach(k -> reads[k] = Rule.Reads.args(n));
        Rule call = new Rule(r.valueAndPartialOwner(), method, Arrays.asList(reads), (args, result) -> {
            Expr[] partials = new Expr[n + 1];
            for (int j = 0; j < active.size(); j++) {
                partials[active.get(j)] = new Expr.Index(Type.DOUBLE, args.get(n), Expr.Lit.ofInt(j));
            }
            return Arrays.asList(partials);
        }).writing(n);
        List<Expr> args = new ArrayList<>(p.args());
        args.add(buffer);
        return new Expr.Prim(Type.DOUBLE, call, args);
    }
}
