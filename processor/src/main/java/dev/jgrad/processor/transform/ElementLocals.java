package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.Counted;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Exprs;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An element of a local array that one iteration builds up in steps becomes a scalar local for those
 * steps, written into the array once, at the end: the hidden layer written as
 * {@code h[k] = b1[k]; for (j) h[k] += w1[k][j] * x[i][j]; h[k] = Math.tanh(h[k]);} reads
 * {@code double h_k = b1[k]; for (j) h_k += ...; h_k = Math.tanh(h_k); h[k] = h_k;}, the form whose
 * sum and single element write {@code @Jit @Grad}'s tape-free gradient takes (it fell back to the tape
 * on "it writes an array element"). The operations and their order are the source's, so values are the
 * same bit for bit.
 *
 * <p>Only where nothing can tell the difference: the array is a local made by {@code new double[n]},
 * named only to index it or take its length (never passed, aliased or assigned again), {@code n} a
 * variable never assigned again or such a variable's {@code .length}; the loop is counted from 0 to
 * {@code n} (or to the array's length), so each access is in bounds and cannot throw; every
 * access in the loop's body is at the loop's own index; and nothing leaves the body early ({@code
 * return}, or a {@code break} or {@code continue} of this loop), which would skip the final write.
 *
 * <p>A later pass that updates such an array in place, a loop of the same kind whose body writes
 * {@code z[k]} once, unconditionally, and reads only {@code z[k]} before that ({@code for (k) z[k] =
 * Math.tanh(z[k]);}), writes a new array {@code z_2} instead, which the statements after it read: each
 * array is then written once per element, as the fused gradient needs (the pass fell back to the tape
 * on "it writes an array element"). The values are the same. The array must be declared in the block
 * that holds the pass, so that every later statement that names it is in that block, and renamed.
 */
public final class ElementLocals {
    private final Names names;
    private final Map<String, Expr> sizes = new HashMap<>();
    /** The source's name of each array made for an in-place pass. */
    private final Map<String, String> bases = new HashMap<>();

    private ElementLocals(Names names) {
        this.names = names;
    }

    /** {@code body} with the elements built up in steps kept in scalar locals. */
    public static List<Stmt> apply(List<Stmt> body, Names names) {
        ElementLocals e = new ElementLocals(names);
        e.candidates(body);
        return e.sizes.isEmpty() ? body : e.list(body, Set.of());
    }

    /** The local arrays of {@code new double[n]} named only in element reads, writes and lengths, with their {@code n}. */
    private void candidates(List<Stmt> body) {
        Map<String, Integer> declared = new HashMap<>();
        Set<String> assigned = new HashSet<>();
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Decl d) {
                declared.merge(d.name(), 1, Integer::sum);
                if (d.type() == Type.DOUBLE_ARRAY && d.init() instanceof Expr.NewArray n && n.dims().size() == 1
                        && (n.dims().get(0) instanceof Expr.Local
                                || n.dims().get(0) instanceof Expr.Length l && l.array() instanceof Expr.Local)) {
                    sizes.put(d.name(), n.dims().get(0));
                }
            } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local l) {
                assigned.add(l.name());
            }
        });
        Set<String> bare = new HashSet<>();
        Walk.statements(body, s -> Walk.expressions(s, e -> bareMentions(e, bare)));
        sizes.keySet().removeIf(a -> bare.contains(a) || assigned.contains(a) || declared.get(a) != 1);
        // the size must be the same value wherever a loop compares with it: an int, or the length of an
        // array, held by a parameter or a local never assigned again (not m[0].length: m[0] may change)
        sizes.values().removeIf(n -> {
            Set<String> read = new HashSet<>();
            Walk.locals(n, read::add);
            return read.stream().anyMatch(v -> assigned.contains(v) || declared.getOrDefault(v, 0) > 1);
        });
    }

    /** Adds the arrays {@code e} names other than as {@code a[..]} or {@code a.length}. */
    private static void bareMentions(Expr e, Set<String> bare) {
        Map<String, Integer> all = new HashMap<>();
        Map<String, Integer> indexed = new HashMap<>();
        Walk.postOrder(e, x -> {
            if (x instanceof Expr.Local l) {
                all.merge(l.name(), 1, Integer::sum);
            }
            Expr array = x instanceof Expr.Index i ? i.array() : x instanceof Expr.Length n ? n.array() : null;
            if (array instanceof Expr.Local l) {
                indexed.merge(l.name(), 1, Integer::sum);
            }
        });
        all.forEach((name, n) -> {
            if (n > indexed.getOrDefault(name, 0)) {
                bare.add(name);
            }
        });
    }

    /**
     * The statements of a list, {@code outer} the candidate arrays declared before it (in scope); an
     * array declared in it is all zeros until a statement names it, so a loop that first names it
     * starts each element from 0.0 ({@code fresh}).
     */
    private List<Stmt> list(List<Stmt> in, Set<String> outer) {
        List<Stmt> out = new ArrayList<>();
        Set<String> scope = new HashSet<>(outer);
        Set<String> fresh = new HashSet<>();
        Set<String> here = new java.util.TreeSet<>();
        List<Stmt> rest = new ArrayList<>(in);
        for (int k = 0; k < rest.size(); k++) {
            Stmt s = rest.get(k);
            Stmt r = stmt(s, scope, fresh);
            if (r instanceof Stmt.For f && Subst.canMap(rest.subList(k + 1, rest.size()))) {
                for (String a : List.copyOf(here)) {
                    if (!fresh.contains(a) && overwrites(f, a)) {
                        // the loop writes every element of 'a' once, reading at most the element's old value
                        // first: its writes go to a new array, which later statements read instead
                        String next = names.fresh(bases.getOrDefault(a, a));
                        bases.put(next, bases.getOrDefault(a, a));
                        out.add(new Stmt.Decl(null, Type.DOUBLE_ARRAY, next,
                                new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(sizes.get(a)))));
                        Expr.Local from = new Expr.Local(Type.DOUBLE_ARRAY, a);
                        Expr.Local to = new Expr.Local(Type.DOUBLE_ARRAY, next);
                        f = renameWrite(f, from, to);
                        for (int j = k + 1; j < rest.size(); j++) {
                            rest.set(j, Subst.mapStmt(rest.get(j), e -> e.equals(from) ? to : null));
                        }
                        sizes.put(next, sizes.get(a));
                        here.add(next);
                        scope.add(next);
                    }
                }
                r = f;
            }
            out.add(r);
            if (s instanceof Stmt.Decl d && sizes.containsKey(d.name())) {
                scope.add(d.name());
                here.add(d.name());
                fresh.add(d.name());
            } else {
                Walk.statements(List.of(s), x -> Walk.expressions(x, e -> Walk.locals(e, fresh::remove)));
            }
        }
        return out;
    }

    /**
     * The element {@code a[index]} of a loop {@code f} that is a full pass over {@code a}: counted from 0
     * to {@code a}'s size or length, and leaving {@code body} (its body) only at the end; else null.
     */
    private Expr.Index passElement(Stmt.For f, List<Stmt> body, String a) {
        Counted c = Counted.of(f);
        Expr.Local array = new Expr.Local(Type.DOUBLE_ARRAY, a);
        if (c == null || !(c.from() instanceof Expr.Lit zero) || !zero.text().equals("0") || !leavesOnlyAtTheEnd(body)
                || !(c.to().equals(sizes.get(a)) || c.to().equals(new Expr.Length(array)))) {
            return null;
        }
        return new Expr.Index(Type.DOUBLE, array, new Expr.Local(Type.INT, c.index()));
    }

    /**
     * Whether {@code f} is a full pass over {@code a} ({@link #passElement}) whose body has one top-level
     * statement writing {@code a[index]} and otherwise reads only {@code a[index]}, in or before that
     * statement.
     */
    private boolean overwrites(Stmt.For f, String a) {
        Expr.Index element = passElement(f, f.body(), a);
        if (element == null) {
            return false;
        }
        int writes = 0;
        for (Stmt s : f.body()) {
            int[] at = {0, 0};
            Walk.statements(List.of(s), x -> Walk.expressions(x, e -> count(e, a, element, at)));
            boolean[] nested = {false};
            Walk.statements(List.of(s), x -> nested[0] |= x != s && x instanceof Stmt.Assign w && w.target().equals(element));
            if (at[1] > 0 || writes > 0 && at[0] > 0 || nested[0]) {
                return false;
            }
            writes += s instanceof Stmt.Assign w && w.target().equals(element) ? 1 : 0;
        }
        return writes == 1;
    }

    /** {@code f} with its one top-level write of an element of {@code from} made into {@code to}. */
    private static Stmt.For renameWrite(Stmt.For f, Expr.Local from, Expr.Local to) {
        List<Stmt> body = new ArrayList<>();
        for (Stmt s : f.body()) {
            if (s instanceof Stmt.Assign w && w.target() instanceof Expr.Index i && i.array().equals(from)) {
                s = new Stmt.Assign(w.src(), new Expr.Index(i.type(), to, i.index()), w.value());
            }
            body.add(s);
        }
        return new Stmt.For(f.src(), f.init(), f.cond(), f.update(), body);
    }

    private Stmt stmt(Stmt s, Set<String> scope, Set<String> fresh) {
        if (s instanceof Stmt.If i) {
            return new Stmt.If(i.src(), i.cond(), list(i.then(), scope), list(i.otherwise(), scope));
        }
        if (s instanceof Stmt.Block b) {
            return new Stmt.Block(b.src(), list(b.body(), scope));
        }
        if (s instanceof Stmt.While w) {
            return new Stmt.While(w.src(), w.cond(), list(w.body(), scope), w.testAfter());
        }
        if (s instanceof Stmt.For f) {
            List<Stmt> body = list(f.body(), scope);
            for (String a : scope) {
                Expr.Index element = passElement(f, body, a);
                if (element != null) {
                    body = inLocal(body, element, fresh.contains(a));
                }
            }
            return new Stmt.For(f.src(), f.init(), f.cond(), f.update(), body);
        }
        return s;
    }

    /**
     * {@code body} with {@code element} kept in a scalar from its first access to its last (starting
     * from 0.0 if {@code zero}: no earlier statement wrote the array, and no other iteration writes this
     * element); unchanged if the array is accessed at another index.
     */
    private List<Stmt> inLocal(List<Stmt> body, Expr.Index element, boolean zero) {
        String array = ((Expr.Local) element.array()).name();
        int first = -1;
        int last = -1;
        for (int k = 0; k < body.size(); k++) {
            int[] at = {0, 0};
            Walk.statements(List.of(body.get(k)), s -> Walk.expressions(s, e -> count(e, array, element, at)));
            if (at[1] > 0) {
                return body;
            }
            if (at[0] > 0) {
                first = first < 0 ? k : first;
                last = k;
            }
        }
        if (first < 0 || first == last && body.get(first) instanceof Stmt.Assign
                || !Subst.canMap(body.subList(first, last + 1))) {
            return body;
        }
        Expr.Local scalar = new Expr.Local(Type.DOUBLE, names.fresh(array + "_" + ((Expr.Local) element.index()).name()));
        List<Stmt> out = new ArrayList<>(body.subList(0, first));
        List<Stmt> run = body.subList(first, last + 1);
        if (run.get(0) instanceof Stmt.Assign a && a.target().equals(element) && !mentions(a.value(), element)) {
            out.add(new Stmt.Decl(a.src(), Type.DOUBLE, scalar.name(), a.value()));
            run = run.subList(1, run.size());
        } else {
            out.add(new Stmt.Decl(null, Type.DOUBLE, scalar.name(), zero ? Exprs.ZERO : element));
        }
        for (Stmt s : run) {
            out.add(Subst.mapStmt(s, e -> e.equals(element) ? scalar : null));
        }
        out.add(new Stmt.Assign(null, element, scalar));
        out.addAll(body.subList(last + 1, body.size()));
        return out;
    }

    /** Counts in {@code at[0]} the accesses {@code a[index]} of {@code e}, in {@code at[1]} those at another index. */
    private static void count(Expr e, String array, Expr.Index element, int[] at) {
        Walk.postOrder(e, x -> {
            if (x instanceof Expr.Index i && i.array() instanceof Expr.Local l && l.name().equals(array)) {
                at[i.equals(element) ? 0 : 1]++;
            }
        });
    }

    private static boolean mentions(Expr e, Expr element) {
        boolean[] found = {false};
        Walk.postOrder(e, x -> found[0] |= x.equals(element));
        return found[0];
    }

    /** No {@code return} in {@code body}, and no {@code break} or {@code continue} outside its inner loops. */
    private static boolean leavesOnlyAtTheEnd(List<Stmt> body) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Return || s instanceof Stmt.Break || s instanceof Stmt.Continue) {
                return false;
            }
            if (s instanceof Stmt.If i && !(leavesOnlyAtTheEnd(i.then()) && leavesOnlyAtTheEnd(i.otherwise()))
                    || s instanceof Stmt.Block b && !leavesOnlyAtTheEnd(b.body())) {
                return false;
            }
            boolean[] returns = {false};
            if (s instanceof Stmt.For || s instanceof Stmt.While) {
                Walk.statements(List.of(s), x -> returns[0] |= x instanceof Stmt.Return);
            }
            if (returns[0]) {
                return false;
            }
        }
        return true;
    }
}
