package dev.jgrad.processor;

import dev.jgrad.processor.emit.ClassWriter;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.transform.BranchForm;
import dev.jgrad.processor.transform.HelperAdjoint;
import dev.jgrad.processor.transform.NestedSites;
import dev.jgrad.processor.transform.QuotientChains;
import dev.jgrad.processor.transform.TangentFactors;
import dev.jgrad.processor.transform.TangentPartial;
import dev.jgrad.processor.transform.Tidy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.lang.model.element.ExecutableElement;

/**
 * A helper's value-and-partials methods ({@link HelperPullbacks}), made when a gradient first asks for
 * one set of active arguments: {@code normCdf_and_dx(x, xPartial)} for one, {@code
 * price_and_dspot_dvol_drate(spot, strike, expiry, vol, rate, isCall, partials)} for several. Each is the
 * helper's body, then one adjoint sweep for all the parameters asked for; it writes the partial in the
 * {@code j}-th of them into {@code partials[j]} and returns the value, bit for bit the helper's.
 */
final class ValueAndPartials {
    private final ExecutableElement helper;
    private final String base;
    private final List<String> paramNames;
    private final Supplier<Method> read;
    private final Function<String, String> fresh;
    private final Consumer<ClassWriter.HelperMethod> made;
    private final Map<List<Integer>, Optional<String>> names = new HashMap<>();

    /**
     * For {@code helper}, whose parameters are {@code paramNames}; {@code read} reads its body afresh,
     * {@code fresh} gives a method name of the generated class, {@code made} takes each method made.
     */
    ValueAndPartials(ExecutableElement helper, List<String> paramNames, Supplier<Method> read,
            Function<String, String> fresh, Consumer<ClassWriter.HelperMethod> made) {
        this.helper = helper;
        this.base = helper.getSimpleName().toString();
        this.paramNames = paramNames;
        this.read = read;
        this.fresh = fresh;
        this.made = made;
    }

    /** The method for the partials in the parameters {@code ks} (ascending), made once; null if it cannot be. */
    String method(List<Integer> ks) {
        Optional<String> known = names.get(ks);
        if (known == null) {
            known = Optional.ofNullable(make(ks));
            names.put(ks, known);
        }
        return known.orElse(null);
    }

    private String make(List<Integer> ks) {
        List<String> wrt = ks.stream().map(paramNames::get).toList();
        if (wrt.size() == 1) {
            // one active argument: forward mode, each tangent beside its value
            Method raw = read.get();
            TangentPartial.Result t = TangentPartial.of(raw, wrt.get(0));
            if (t != null) {
                String out = raw.names().fresh(wrt.get(0) + "Partial");
                List<Stmt> body = new ArrayList<>(TangentFactors.apply(Tidy.apply(t.body(), t.value(), List.of(t.partial()),
                        paramNames), t.value()));
                return made(raw, wrt, out, body, t.value(), List.of(TangentFactors.factored(t.partial())), "from one run, each"
                        + " derivative computed beside its value (forward mode)");
            }
        }
        Method ir = HelperAdjoint.prepared(read.get());
        if (ir == null) {
            return null;
        }
        String out = ir.names().fresh(wrt.size() == 1 ? wrt.get(0) + "Partial" : "partials");
        // the helpers it calls give their values and partials from one run too, through its buffer
        HelperAdjoint.Result d = HelperAdjoint.of(NestedSites.apply(ir, wrt, out, wrt.size()), wrt);
        if (d == null) {
            return null;
        }
        List<Stmt> body = new ArrayList<>(d.forward());
        body.addAll(d.adjoint());
        body = Tidy.apply(body, d.value(), d.partials(), paramNames);
        // the helper's last branch a branch again, each side's forward and adjoint in it
        body = BranchForm.apply(body, d.value(), d.partials(), paramNames);
        body = new ArrayList<>(QuotientChains.apply(HelperAdjoint.declaredAtFirstContribution(body), d.value()));
        return made(ir, wrt, out, body, d.value(), d.partials(), wrt.size() == 1 ? "from one run"
                : "from one run and one adjoint sweep");
    }

    /** The method with {@code body}, then the partials written into {@code out} and the value returned. */
    private String made(Method ir, List<String> wrt, String out, List<Stmt> body, Expr value, List<Expr> partials,
            String how) {
        body = new ArrayList<>(body);
        for (int j = 0; j < wrt.size(); j++) {
            body.add(new Stmt.Assign(null, new Expr.Index(Type.DOUBLE, new Expr.Local(Type.DOUBLE_ARRAY, out),
                    Expr.Lit.ofInt(j)), partials.get(j)));
        }
        body.add(new Stmt.Return(null, value));
        List<Method.Param> params = new ArrayList<>(ir.params());
        params.add(new Method.Param(out, Type.DOUBLE_ARRAY));
        StringBuilder name = new StringBuilder(base + "_and");
        wrt.forEach(p -> name.append("_d").append(p));
        String method = fresh.apply(name.toString());
        String what = wrt.size() == 1
                ? "its value, bit for bit, returned, and its partial derivative in {@code " + wrt.get(0)
                        + "} written into\n{@code " + out + "[0]}, " + how + ": for the gradients whose adjoint"
                        + " follows the call."
                : "its value, bit for bit, returned, and its partial derivatives in {@code "
                        + String.join("}, {@code ", wrt) + "}\nwritten into {@code " + out + "[0]} to {@code " + out
                        + "[" + (wrt.size() - 1) + "]}, " + how + ": for the gradients whose"
                        + " adjoint follows the call.";
        made.accept(new ClassWriter.HelperMethod(method, helper, params, body, ir.names().all(), what));
        return method;
    }
}
