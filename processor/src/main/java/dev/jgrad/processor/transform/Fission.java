package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.Aliases;
import dev.jgrad.processor.analysis.Counted;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import dev.jgrad.processor.rules.Library;
import dev.jgrad.processor.rules.Rules;
import dev.jgrad.processor.rules.RuntimeCalls;
import dev.jgrad.processor.rules.Throws;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code @Jit} rewrite, after {@link Jam} and before {@link Layers} and {@link Dots} (loop fission): a counted loop
 * {@code for (int k = 0; k < n; k++)} that stores {@code Math.tanh(e)} into {@code h[k]} (a hidden layer)
 * stores {@code e} there instead and is followed by one call {@code Simd.tanh(h, n)}, which replaces the
 * {@code n} entries by their {@code tanh} in vector lanes when the JVM has the Vector API (the rule table's
 * array column, {@link Rules#arrayOwnerUnderJit}: within the ulps of {@code JitMath.tanh}, which {@code @Jit}
 * computes anyway). Statements after the stores that read the value ({@code tanh_saved[k] = tanh;}, the
 * gradient's buffer of it) run in a second loop over {@code k} that reads it back from {@code h[k]}.
 *
 * <p>It changes when the {@code tanh} are computed, never what the loop reads or in which order it fails:
 * <ul>
 * <li>{@code h} is an array the method allocates ({@code new double[...]}), never reassigned, reached by no
 *     other name (nothing outside the method sees the arguments stored in it), and the loop mentions it
 *     nowhere but in its store {@code h[k] = ...}, so no iteration reads an entry before its {@code tanh};
 * <li>the value {@code t} of {@code double t = Math.tanh(e);} is read before the store by nothing, after it
 *     only by stores {@code b[k] = t;} into other such arrays that the loop mentions nowhere else; those may
 *     fail (a short {@code b}) and so move to the second loop only inside a group of iterations that
 *     {@link Jam} runs together, where only whether the group fails counts (its {@code finally} runs the
 *     group again in the source's order); elsewhere the loop must have none;
 * <li>{@code tanh} cannot fail, and the call comes after the loop: for {@code n <= 0} it does nothing, and
 *     the loop has stored every entry it replaces.
 * </ul>
 * Code that prints keeps {@code Math.tanh} (see {@code JitForms}), so a body that prints is left as it is.
 */
public final class Fission {
    private final Names names;
    /** The arrays the body allocates and reaches by one name only, never reassigned. */
    private final Set<String> own;

    private Fission(Names names, Set<String> own) {
        this.names = names;
        this.own = own;
    }

    /** {@code body} with its loops of {@code tanh} stores split. */
    public static List<Stmt> apply(List<Stmt> body, Names names) {
        boolean[] prints = {false};
        Walk.statements(body, s -> prints[0] |= s instanceof Stmt.Run r && Library.prints(r.call()));
        return prints[0] ? body : new Fission(names, ownArrays(body)).block(body, false);
    }

    /** The arrays declared with {@code new double[...]} only, never assigned, that no other name may reach. */
    static Set<String> ownArrays(List<Stmt> body) {
        Set<String> made = new HashSet<>();
        Set<String> not = new HashSet<>();
        Set<String> all = new HashSet<>();
        Walk.statements(body, s -> {
            Walk.expressions(s, e -> Walk.locals(e, all::add));
            if (s instanceof Stmt.Decl d) {
                all.add(d.name());
                if (d.type() == Type.DOUBLE_ARRAY && d.init() instanceof Expr.NewArray) {
                    made.add(d.name());
                } else {
                    not.add(d.name());
                }
            } else if (s instanceof Stmt.Assign a && a.target() instanceof Local l) {
                not.add(l.name());
            } else if (s instanceof Stmt.Run r && !r.call().owner().equals(RuntimeCalls.SIMD)) {
                // a runtime call other than Simd's may keep or return the array
                Walk.locals(r.call(), not::add);
            }
        });
        // an array handed to a call in an expression (not Simd's) may be kept or returned by it
        Walk.statements(body, s -> Walk.expressions(s, e -> Walk.postOrder(e, x -> {
            if (x instanceof Expr.Call c && !c.owner().equals(RuntimeCalls.SIMD)) {
                c.args().forEach(a -> {
                    if (a instanceof Local l) {
                        not.add(l.name());
                    }
                });
            }
        })));
        made.removeAll(not);
        Aliases aliases = Aliases.of(body);
        Set<String> own = new HashSet<>();
        for (String a : made) {
            if (aliases.others(Set.of(a), all).isEmpty()) {
                own.add(a);
            }
        }
        return own;
    }

    private List<Stmt> block(List<Stmt> body, boolean grouped) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            List<Stmt> split = s instanceof Stmt.For f ? split(f, grouped) : null;
            if (split != null) {
                out.addAll(split);
            } else {
                out.add(stmt(s, grouped));
            }
        }
        return out;
    }

    private Stmt stmt(Stmt s, boolean grouped) {
        if (s instanceof Stmt.For f) {
            return new Stmt.For(f.src(), f.init(), f.cond(), f.update(), block(f.body(), grouped));
        }
        if (s instanceof Stmt.ParallelFor p) {
            return p.withChunkBody(block(p.chunkBody(), grouped));
        }
        if (s instanceof Stmt.TryFinally t) {
            // Jam's jammed loop and its remainder: a failure in the first runs the group again in the second
            return new Stmt.TryFinally(block(t.body(), true), block(t.last(), grouped));
        }
        if (s instanceof Stmt.If i) {
            return new Stmt.If(i.src(), i.cond(), block(i.then(), grouped), block(i.otherwise(), grouped));
        }
        if (s instanceof Stmt.Block b) {
            return new Stmt.Block(b.src(), block(b.body(), grouped));
        }
        if (s instanceof Stmt.While w) {
            return new Stmt.While(w.src(), w.cond(), block(w.body(), grouped), w.testAfter());
        }
        return s;
    }

    /**
     * One store of a {@code tanh} into {@code array[k]}, at statement {@code at}: {@code array[k] = Math.tanh(e)},
     * or {@code array[k] = value} with {@code double value = Math.tanh(e);} at {@code declAt} (else -1).
     */
    private record Store(int at, int declAt, Local array, Local value, Expr.Prim call) {}

    /** The loop as a loop of stored arguments, the array calls and the loop of what reads the values; or null. */
    private List<Stmt> split(Stmt.For f, boolean grouped) {
        Counted c = Counted.of(f);
        // the bound is evaluated again for the call: it must not fail there (a local's length did not in the loop)
        if (c == null || !(c.from() instanceof Expr.Lit zero) || !zero.text().equals("0")
                || Throws.mayThrow(c.to(), x -> x instanceof Expr.Length l && l.array() instanceof Local)) {
            return null;
        }
        List<Stmt> body = helpersFolded(f.body());
        Map<String, Integer> decls = new HashMap<>();
        Map<String, Store> stores = new LinkedHashMap<>();
        Map<String, Store> byValue = new LinkedHashMap<>();
        Map<Integer, Store> byStatement = new HashMap<>();
        for (int i = 0; i < body.size(); i++) {
            Stmt s = body.get(i);
            if (s instanceof Stmt.Decl d && d.type() == Type.DOUBLE && kernel(d.init()) != null) {
                decls.put(d.name(), i);
            }
            Local array = store(s, c.index());
            if (array == null) {
                continue;
            }
            Expr value = ((Stmt.Assign) s).value();
            Store st = null;
            if (kernel(value) != null) {
                st = new Store(i, -1, array, null, kernel(value));
            } else if (value instanceof Local v && decls.containsKey(v.name()) && !byValue.containsKey(v.name())) {
                int at = decls.get(v.name());
                st = new Store(i, at, array, v, kernel(((Stmt.Decl) body.get(at)).init()));
                byValue.put(v.name(), st);
                byStatement.put(at, st);
            }
            if (st != null) {
                if (stores.containsKey(array.name())) {
                    return null;
                }
                stores.put(array.name(), st);
                byStatement.put(i, st);
            }
        }
        if (stores.isEmpty()) {
            return null;
        }
        int last = stores.values().stream().mapToInt(Store::at).max().orElseThrow();
        List<Stmt> first = new ArrayList<>();
        List<Stmt> after = new ArrayList<>();
        Set<String> writtenAfter = new HashSet<>();
        Set<String> readAfter = new LinkedHashSet<>();
        for (int i = 0; i < body.size(); i++) {
            Stmt s = body.get(i);
            Store st = byStatement.get(i);
            if (st != null) {
                // what tanh is applied to reads none of the arrays filled
                if (!disjoint(mentions(st.call()), stores.keySet())) {
                    return null;
                }
                Stmt r = i == st.at() ? storeOf(st, body) : declOf(st, body);
                if (r != null) {
                    first.add(r);
                }
                continue;
            }
            Set<String> mentioned = mentions(s);
            if (!disjoint(mentioned, stores.keySet())) {
                return null; // the loop reads an array it fills: that entry's tanh would not be there yet
            }
            Set<String> values = new HashSet<>(mentioned);
            values.retainAll(byValue.keySet());
            if (values.isEmpty()) {
                first.add(s);
                continue;
            }
            // a later store of the value into another array the method owns: into the second loop, in a
            // jammed group only (a short array fails there as in the loop, which is all a group needs)
            Local b = store(s, c.index());
            if (i < last || b == null || !grouped || stores.containsKey(b.name())
                    || !(((Stmt.Assign) s).value() instanceof Local v) || !byValue.containsKey(v.name())) {
                return null;
            }
            writtenAfter.add(b.name());
            readAfter.add(v.name());
            after.add(s);
        }
        for (Stmt s : first) {
            if (!disjoint(mentions(s), writtenAfter)) {
                return null;
            }
        }
        List<Stmt> out = new ArrayList<>();
        out.add(new Stmt.Comment("the loop over " + c.index() + " stores what tanh is applied to; Simd.tanh takes "
                + "each array at once, in vector lanes where it can (@Jit)"));
        out.add(new Stmt.For(f.src(), f.init(), f.cond(), f.update(), first));
        for (Store st : stores.values()) {
            out.add(new Stmt.Run(new Expr.Call(Type.VOID, Rules.arrayOwnerUnderJit(st.call().rule()),
                    st.call().rule().name(), List.of(st.array(), c.to()))));
        }
        if (!after.isEmpty()) {
            List<Stmt> again = new ArrayList<>();
            for (String v : readAfter) {
                Store st = byValue.get(v);
                again.add(new Stmt.Decl(null, Type.DOUBLE, v,
                        new Expr.Index(Type.DOUBLE, st.array(), new Local(Type.INT, c.index()))));
            }
            again.addAll(after);
            out.add(new Stmt.For(null, f.init(), f.cond(), f.update(), again));
        }
        return out;
    }

    /**
     * The loop's statements with a helper's result inlined as {@code double v; { // inlined: act(a)
     * v = Math.tanh(a); }} written {@code // inlined: act(a)} then {@code double v = Math.tanh(a);}: the same
     * value, assigned once (the block declares nothing, and nothing reads {@code v} before it).
     */
    private static List<Stmt> helpersFolded(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            Stmt s = body.get(i);
            if (s instanceof Stmt.Decl d && d.type() == Type.DOUBLE && (d.init() == null || d.init() instanceof Expr.Lit)
                    && i + 1 < body.size() && body.get(i + 1) instanceof Stmt.Block b) {
                List<Stmt> rest = b.body().stream().filter(x -> !(x instanceof Stmt.Comment)).toList();
                if (rest.size() == 1 && rest.get(0) instanceof Stmt.Assign a && a.target() instanceof Local v
                        && v.name().equals(d.name()) && kernel(a.value()) != null
                        && !mentions(a.value()).contains(d.name())) {
                    b.body().stream().filter(x -> x instanceof Stmt.Comment).forEach(out::add);
                    out.add(new Stmt.Decl(d.src(), Type.DOUBLE, d.name(), a.value()));
                    i++;
                    continue;
                }
            }
            out.add(s);
        }
        return out;
    }

    /** The store of what tanh is applied to: {@code h[k] = e}, or {@code h[k] = v} where {@code v} keeps it. */
    private Stmt storeOf(Store st, List<Stmt> body) {
        Stmt.Assign a = (Stmt.Assign) body.get(st.at());
        if (st.value() == null) {
            return new Stmt.Assign(a.src(), a.target(), st.call().args().get(0));
        }
        Expr arg = st.call().args().get(0);
        return new Stmt.Assign(a.src(), a.target(), movable(st, body) ? arg : new Local(Type.DOUBLE, argName(st)));
    }

    /** The declaration of the value, gone when its argument moves to the store, else keeping the argument. */
    private Stmt declOf(Store st, List<Stmt> body) {
        if (movable(st, body)) {
            return null;
        }
        Stmt.Decl d = (Stmt.Decl) body.get(st.declAt());
        return new Stmt.Decl(d.src(), Type.DOUBLE, argName(st), st.call().args().get(0));
    }

    private final Map<Store, String> argNames = new HashMap<>();

    /** A local of its own for the argument of the value's tanh: {@code tanh_arg}. */
    private String argName(Store st) {
        return argNames.computeIfAbsent(st, x -> names.fresh(x.value().name() + "_arg"));
    }

    /**
     * Whether the argument of the value's tanh may be computed at the store instead of the declaration:
     * it cannot fail, and nothing between the two writes a local it reads.
     */
    private static boolean movable(Store st, List<Stmt> body) {
        Expr arg = st.call().args().get(0);
        if (Throws.mayThrow(arg)) {
            return false;
        }
        Set<String> reads = mentions(arg);
        for (int i = st.declAt() + 1; i < st.at(); i++) {
            boolean[] writes = {false};
            Walk.statements(List.of(body.get(i)), s -> {
                if (s instanceof Stmt.Assign a && a.target() instanceof Local l && reads.contains(l.name())
                        || s instanceof Stmt.Decl d && reads.contains(d.name())) {
                    writes[0] = true;
                }
            });
            if (writes[0]) {
                return false;
            }
        }
        return true;
    }

    /** {@code array} of {@code array[index] = ...} for an array the method owns, or null. */
    private Local store(Stmt s, String index) {
        if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Index ix && ix.array() instanceof Local array
                && ix.index() instanceof Local k && k.name().equals(index) && own.contains(array.name())) {
            return array;
        }
        return null;
    }

    /** {@code Math.tanh(e)} when the rule table has an array form of it under {@code @Jit}, else null. */
    private static Expr.Prim kernel(Expr e) {
        return e instanceof Expr.Prim p && p.args().size() == 1 && Rules.arrayOwnerUnderJit(p.rule()) != null ? p : null;
    }

    private static Set<String> mentions(Expr e) {
        Set<String> out = new HashSet<>();
        Walk.locals(e, out::add);
        return out;
    }

    /** Every local {@code s} mentions, nested statements and loop headers included. */
    private static Set<String> mentions(Stmt s) {
        Set<String> out = Walk.reads(List.of(s));
        Walk.statements(List.of(s), x -> {
            if (x instanceof Stmt.Decl d) {
                out.add(d.name());
            }
        });
        return out;
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return false;
            }
        }
        return true;
    }
}
