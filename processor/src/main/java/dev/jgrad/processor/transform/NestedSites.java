package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Rule;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * In a helper's value-and-partials method ({@code price_and_dspot_dvol_drate}), a call of another
 * helper that has value-and-partials methods, {@code double normCdf = isCall ? normCdf(d1) : 0.0;}
 * (a helper's body in single-assignment form, {@link SingleAssignment}), becomes {@code double normCdf
 * = isCall ? CGrad.normCdf_and_dx(d1, partials) : 0.0; double normCdf_d = partials[0];}: one run of
 * the inner helper gives its value, bit for bit, and its partial, which the adjoint reads from the
 * local (under the same condition) instead of calling {@code normCdf_dx(d1)}, which runs it again.
 * The method's own output buffer serves as the scratch: its slots are written only at its end, after
 * every such read; and it allocates nothing.
 */
public final class NestedSites {
    private NestedSites() {}

    /**
     * {@code ir} (a prepared helper, {@link HelperAdjoint#prepared}) with such calls rewritten, for its
     * partials in {@code wrt}; {@code buffer} is the method's {@code double[]} of {@code slots} slots.
     */
    public static Method apply(Method ir, List<String> wrt, String buffer, int slots) {
        Activity activity = Activity.of(ir, new HashSet<>(wrt));
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : ir.body()) {
            if (s instanceof Stmt.Decl d && d.type() == Type.DOUBLE && d.init() != null) {
                List<Stmt> reads = new ArrayList<>();
                Expr init = d.init() instanceof Expr.Cond c && c.then() instanceof Expr.Prim p
                        && c.otherwise() instanceof Expr.Lit
                        ? site(p, d.name(), ir, activity, buffer, slots, reads) : null;
                Expr rewritten = init != null ? new Expr.Cond(Type.DOUBLE, ((Expr.Cond) d.init()).cond(), init,
                        ((Expr.Cond) d.init()).otherwise())
                        : d.init() instanceof Expr.Prim p ? site(p, d.name(), ir, activity, buffer, slots, reads) : null;
                if (rewritten != null) {
                    out.add(new Stmt.Decl(d.src(), d.type(), d.name(), rewritten));
                    out.addAll(reads);
                    continue;
                }
            }
            out.add(s);
        }
        return new Method(ir.name(), ir.params(), out, ir.names(), ir.origins(), ir.records());
    }

    /** The call of the inner helper's value-and-partials method, the reads of its partials into {@code reads}; or null. */
    private static Expr site(Expr.Prim p, String value, Method ir, Activity activity, String buffer, int slots,
            List<Stmt> reads) {
        Rule r = p.rule();
        if (p.type() != Type.DOUBLE || r.valueAndPartialOwner() == null) {
            return null;
        }
        List<Integer> active = new ArrayList<>();
        for (int k = 0; k < p.args().size(); k++) {
            Expr a = p.args().get(k);
            if (a.type() == Type.DOUBLE && r.differentiableIn(k) && activity.isActive(a)) {
                active.add(k);
            }
        }
        if (active.isEmpty() || active.size() > slots) {
            return null;
        }
        String method = r.valueAndPartials(active);
        if (method == null) {
            return null;
        }
        int n = p.args().size();
        Local[] locals = new Local[active.size()];
        for (int j = 0; j < locals.length; j++) {
            locals[j] = new Local(Type.DOUBLE, ir.names().fresh(value + "_d"));
            reads.add(new Stmt.Decl(null, Type.DOUBLE, locals[j].name(),
                    new Expr.Index(Type.DOUBLE, new Local(Type.DOUBLE_ARRAY, buffer), Expr.Lit.ofInt(j))));
        }
        Rule.Reads[] partialReads = new Rule.Reads[n + 1];
        active.forEach(k -> partialReads[k] = Rule.Reads.NOTHING);
        Rule call = new Rule(r.valueAndPartialOwner(), method, Arrays.asList(partialReads), (args, result) -> {
            Expr[] partials = new Expr[n + 1];
            for (int j = 0; j < active.size(); j++) {
                partials[active.get(j)] = locals[j];
            }
            return Arrays.asList(partials);
        }).writing(n);
        List<Expr> args = new ArrayList<>(p.args());
        args.add(new Local(Type.DOUBLE_ARRAY, buffer));
        return new Expr.Prim(Type.DOUBLE, call, args);
    }
}
