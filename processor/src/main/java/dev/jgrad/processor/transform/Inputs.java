package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The caller's arrays in a gradient whose method writes into them (guarantees 3 and 6 of the
 * contract). The forward sweep writes into the caller's own arrays, as the source does; the reverse
 * sweep restores, as it goes, what it reads, so that it ends with the values at entry. Around it:
 * <ul>
 *   <li>at entry, a check that each written array shares no storage with another array argument
 *       (the adjoints are kept per parameter, so aliasing would make the gradient silently wrong):
 *       {@code Aliases.check} throws {@link IllegalArgumentException} naming the parameters;
 *   <li>before the reverse sweep, the state the forward sweep left ({@code m_out}): the contents of
 *       a written vector; for a matrix, its row objects and the contents of each of them and of the
 *       rows it held at entry ({@code m_in}, kept only if the method replaces rows);
 *   <li>after the reverse sweep, that state given back: the caller's row objects stay where the
 *       source leaves them, and rows the method made shared stay shared.
 * </ul>
 */
final class Inputs {
    /** Statements for the top of the method, before and after the reverse sweep. */
    record Plan(List<Stmt> entry, List<Stmt> keep, List<Stmt> giveBack) {}

    private static final String ARRAYS2 = "dev.jgrad.runtime.Arrays2";
    private static final String ALIASES = "dev.jgrad.runtime.Aliases";

    private Inputs() {}

    /** The plan for the array parameters whose alias class is in {@code written}. */
    static Plan of(Method method, Activity activity, Set<String> written, Names names) {
        List<Stmt> checks = new ArrayList<>();
        List<Stmt> entry = new ArrayList<>();
        List<Stmt> keep = new ArrayList<>();
        List<Stmt> giveBack = new ArrayList<>();
        List<Method.Param> checked = new ArrayList<>();
        for (Method.Param p : method.params()) {
            if (!p.type().isArray() || !written.contains(activity.aliasOf(p.name()))) {
                continue;
            }
            Local param = new Local(p.type(), p.name());
            if (p.type().isDifferentiable()) {
                Stmt check = aliasCheck(method, p, checked);
                if (check != null) {
                    checks.add(check);
                }
                checked.add(p);
            }
            if (reassigned(method, p.name())) {
                // the caller's array, whatever the parameter refers to by the end
                Local caller = new Local(p.type(), names.fresh(p.name() + "_caller"));
                entry.add(new Stmt.Decl(null, p.type(), caller.name(), param));
                param = caller;
            }
            Local saved = new Local(p.type(), names.fresh(p.name() + "_out"));
            if (p.type() == Type.DOUBLE_MATRIX) {
                Expr entryRows = new Expr.Lit(Type.DOUBLE_MATRIX, "null");
                if (replacesRows(method, activity, p.name())) {
                    Local in = new Local(p.type(), names.fresh(p.name() + "_in"));
                    entry.add(new Stmt.Decl(null, p.type(), in.name(), call(p.type(), "rowsOf", param)));
                    entryRows = in;
                }
                keep.add(new Stmt.Decl(null, p.type(), saved.name(), call(p.type(), "saveRows", param, entryRows)));
                giveBack.add(new Stmt.Run(call(Type.VOID, "restoreRows", saved, param)));
            } else {
                keep.add(new Stmt.Decl(null, p.type(), saved.name(), call(p.type(), "copyOf", param)));
                giveBack.add(new Stmt.Run(call(Type.VOID, "copyInto", saved, param)));
            }
        }
        if (!checks.isEmpty()) {
            checks.add(0, new Stmt.Comment(method.name() + " writes into its arguments: they must share no storage"));
        }
        checks.addAll(entry);
        return new Plan(checks, keep, giveBack);
    }

    /**
     * {@code Aliases.check("f", "a", a, "b", b, ...)} (a record's leaf named as the body reads it,
     * {@code "p.w()"}): {@code a} (and its rows) against every other
     * {@code double} array but those already {@code checked} against it; null if that leaves nothing
     * to check.
     */
    static Stmt aliasCheck(Method method, Method.Param written, List<Method.Param> checked) {
        List<Expr> args = new ArrayList<>();
        args.add(string(method.name()));
        args.add(string(method.display(written.name())));
        args.add(new Local(written.type(), written.name()));
        for (Method.Param q : method.params()) {
            if (q != written && q.type().isArray() && q.type().isDifferentiable() && !checked.contains(q)) {
                args.add(string(method.display(q.name())));
                args.add(new Local(q.type(), q.name()));
            }
        }
        if (args.size() == 3 && written.type() != Type.DOUBLE_MATRIX) {
            return null;
        }
        return new Stmt.Run(new Expr.Call(Type.VOID, ALIASES, "check", args));
    }

    private static Expr string(String text) {
        return new Expr.Lit(Type.STRING, "\"" + text + "\"");
    }

    private static Expr.Call call(Type type, String name, Expr... args) {
        return new Expr.Call(type, ARRAYS2, name, List.of(args));
    }

    static boolean reassigned(Method method, String name) {
        boolean[] found = {false};
        Walk.statements(method.body(), s -> found[0] |= s instanceof Stmt.Assign a && a.target() instanceof Local v
                && v.name().equals(name));
        return found[0];
    }

    /** Whether the method may put another row into the matrix {@code name} ({@code m[0] = m[1]}, through an alias too). */
    private static boolean replacesRows(Method method, Activity activity, String name) {
        String cls = activity.aliasOf(name);
        boolean[] found = {false};
        Walk.statements(method.body(), s -> found[0] |= s instanceof Stmt.Assign a && a.target() instanceof Expr.Index
                && a.target().type() == Type.DOUBLE_ARRAY && Walk.root(a.target()) != null && activity.aliasOf(Walk.root(a.target())).equals(cls));
        return found[0];
    }
}
