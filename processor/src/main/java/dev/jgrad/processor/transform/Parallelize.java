package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.Aliases;
import dev.jgrad.processor.analysis.Counted;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code @Jit} rewrite: a top-level counted loop whose iterations only add into variables declared
 * outside it ({@code sum += r * r}, {@code w_bar[j] += g * x[i][j]}) becomes a {@link Stmt.ParallelFor}:
 * chunks with sums of their own, added up in a fixed order (see {@code dev.jgrad.runtime.Parallel}).
 */
public final class Parallelize {
    private final Names names;
    private final String method;
    private final boolean threads;
    private final Map<String, Type> types = new HashMap<>();
    /** Parameters in declaration order: a chunk method takes them in the same order. */
    private final List<String> order = new ArrayList<>();
    private final Set<String> scratch = new HashSet<>();
    private final Map<String, Stmt> scratchDecls = new HashMap<>();
    private final List<Stmt> scratchOrder = new ArrayList<>();
    private Aliases aliases;
    private int chunks;

    private Parallelize(Method m, boolean threads) {
        this.names = m.names();
        this.method = m.name();
        this.threads = threads;
    }

    /** {@code body} (of method {@code m}) with each eligible top-level loop made parallel. */
    public static List<Stmt> apply(List<Stmt> body, Method m, boolean threads) {
        return apply(body, m, threads, Set.of());
    }

    /**
     * As {@link #apply(List, Method, boolean)}, where {@code scratch} names buffers declared before a
     * loop that its iterations only use for themselves: each chunk gets its own.
     */
    public static List<Stmt> apply(List<Stmt> body, Method m, boolean threads, Set<String> scratch) {
        Parallelize p = new Parallelize(m, threads);
        p.scratch.addAll(scratch);
        p.aliases = Aliases.of(body);
        for (Method.Param param : m.params()) {
            p.types.put(param.name(), param.type());
            p.order.add(param.name());
        }
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Decl d) {
                p.types.put(d.name(), d.type());
            }
        });
        for (Stmt s : body) {
            if (s instanceof Stmt.Decl d && p.scratch.contains(d.name())) {
                p.scratchDecls.put(d.name(), d);
                p.scratchOrder.add(d);
            }
        }
        List<Stmt> out = new ArrayList<>();
        Set<Stmt> moved = new HashSet<>();
        for (Stmt s : body) {
            Stmt parallel = s instanceof Stmt.For f ? p.parallel(f) : null;
            out.add(parallel != null ? parallel : s);
            if (parallel instanceof Stmt.ParallelFor pf) {
                moved.addAll(pf.scratch());
            }
        }
        // the chunks allocate the loops' buffers themselves, unless a loop that stays as it is uses one too
        Set<String> stillUsed = new HashSet<>();
        for (Stmt s : out) {
            if (!(s instanceof Stmt.ParallelFor) && !moved.contains(s)) {
                Walk.statements(List.of(s), x -> Walk.expressions(x, e -> Walk.locals(e, stillUsed::add)));
            }
        }
        // a source's allocation that may throw (new double[hdim], new double[w.length]) stays where the
        // source makes it, so that it throws there whether the loop runs or not
        List<Stmt> kept = new ArrayList<>();
        for (Stmt s : out) {
            boolean mayThrow = s instanceof Stmt.Decl d && d.src() != null && d.init() != null
                    && dev.jgrad.processor.rules.Throws.mayThrow(d.init());
            if (moved.contains(s) && !stillUsed.contains(((Stmt.Decl) s).name()) && !mayThrow) {
                continue;
            }
            if (moved.contains(s) && mayThrow && !stillUsed.contains(((Stmt.Decl) s).name())) {
                kept.add(new Stmt.Comment("the source's allocation, where it may throw; each chunk has a buffer of its own"));
            }
            kept.add(s);
        }
        return kept;
    }

    private Stmt parallel(Stmt.For f) {
        Counted counted = Counted.of(f);
        boolean[] nested = {false};
        Walk.statements(f.body(), s -> nested[0] |= s instanceof Stmt.For || s instanceof Stmt.While);
        boolean[] effects = {false};
        Walk.statements(f.body(), s -> effects[0] |= s instanceof Stmt.Run);
        if (counted == null || !nested[0] || effects[0]) {
            // (a loop with an effect, printing, runs in order: its lines must come out as the source prints them)
            // a loop without an inner loop does too little per iteration to pay for chunks
            return null;
        }
        Set<String> inside = new HashSet<>();
        inside.add(counted.index());
        Set<String> freshArrays = new HashSet<>();
        Walk.statements(f.body(), s -> {
            if (s instanceof Stmt.Decl d) {
                inside.add(d.name());
                if (d.init() instanceof Expr.NewArray || d.init() instanceof Expr.ArrayLit) {
                    freshArrays.add(d.name());
                }
            }
        });
        Set<String> ownRows = rowsOfTheIndex(f, counted.index(), inside);
        Set<String> scalars = new LinkedHashSet<>();
        Set<String> arrays = new LinkedHashSet<>();
        List<Stmt.Assign> sums = new ArrayList<>();
        boolean[] ok = {true};
        Walk.statements(f.body(), s -> {
            if (!(s instanceof Stmt.Assign a)) {
                return;
            }
            String root = Walk.root(a.target());
            if (inside.contains(root) && (a.target() instanceof Local || freshArrays.contains(root))) {
                return;
            }
            if (scratch.contains(root) && a.target() instanceof Expr.Index) {
                return;
            }
            if (ownRows.contains(root)) {
                // each iteration has a row of its own (a filled array's adjoint): the chunks write it in place
                return;
            }
            if (!isSum(a) || inside.contains(root)) {
                ok[0] = false;
                return;
            }
            sums.add(a);
            (a.target() instanceof Local ? scalars : arrays).add(root);
        });
        if (!ok[0] || sums.isEmpty()) {
            return null;
        }
        // what the chunks add into, they may read only where they add to it
        Set<String> written = new HashSet<>(scalars);
        written.addAll(arrays);
        Walk.statements(f.body(), s -> {
            boolean sum = sums.stream().anyMatch(x -> x == s);
            Walk.expressions(s, e -> {
                if (sum) {
                    Expr.Binary b = (Expr.Binary) ((Stmt.Assign) s).value();
                    Walk.locals(b.right(), n -> ok[0] &= !written.contains(n));
                    Walk.locals(((Stmt.Assign) s).target() instanceof Expr.Index i ? i.index() : null,
                            n -> ok[0] &= !written.contains(n));
                } else {
                    Walk.locals(e, n -> ok[0] &= !written.contains(n));
                }
            });
        });
        Walk.locals(counted.to(), n -> ok[0] &= !written.contains(n));
        // nor through another name for the same array (double[] acc = out; a row of a matrix)
        Set<String> named = new HashSet<>();
        Walk.statements(List.of(f), s -> Walk.expressions(s, e -> Walk.locals(e, named::add)));
        if (!ok[0] || !aliases.others(written, named).isEmpty() || !aliases.others(ownRows, named).isEmpty()) {
            return null;
        }
        Set<String> free = new LinkedHashSet<>();
        Walk.statements(List.of(f), s -> {
            Walk.expressions(s, e -> Walk.locals(e, free::add));
            if (s instanceof Stmt.For inner) {
                inner.init().forEach(i -> Walk.expressions(i, e -> Walk.locals(e, free::add)));
            }
        });
        free.removeAll(inside);
        free.removeAll(written);
        // the buffers the loop uses, and those their sizes read (new double[h.length]), in the body's order
        List<Stmt> buffers = new ArrayList<>();
        Set<String> bufferNames = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String n : new ArrayList<>(free)) {
                if (scratchDecls.containsKey(n) && bufferNames.add(n)) {
                    Stmt d = scratchDecls.get(n);
                    buffers.add(d);
                    Walk.expressions(d, e -> Walk.locals(e, free::add));
                    grew = true;
                }
            }
        }
        free.removeAll(bufferNames);
        buffers.sort(java.util.Comparator.comparingInt(scratchOrder::indexOf));
        List<Local> captured = new ArrayList<>();
        List<String> ordered = new ArrayList<>(order);
        ordered.retainAll(free);
        free.removeAll(ordered);
        ordered.addAll(free);
        for (String n : ordered) {
            if (!types.containsKey(n)) {
                return null;
            }
            captured.add(new Local(types.get(n), n));
        }
        // the chunk method takes the sums, its range and every captured variable: within the JVM's slots
        int slots = 3 + captured.stream().mapToInt(c -> c.type().slots()).sum();
        if (slots > Method.PARAMETER_SLOTS) {
            return null;
        }
        List<Local> vectors = new ArrayList<>();
        List<Local> matrices = new ArrayList<>();
        for (String a : arrays) {
            Type t = types.get(a);
            if (t == Type.DOUBLE_ARRAY) {
                vectors.add(new Local(t, a));
            } else if (t == Type.DOUBLE_MATRIX) {
                matrices.add(new Local(t, a));
            } else {
                return null;
            }
        }
        List<Local> scalarLocals = new ArrayList<>();
        scalars.forEach(n -> scalarLocals.add(new Local(Type.DOUBLE, n)));
        String chunk = names.fresh(method + "Chunk" + (chunks++ == 0 ? "" : Integer.toString(chunks)));
        String sumsName = names.fresh("sums");
        String lo = names.fresh("from");
        String hi = names.fresh("to");
        Local index = new Local(Type.INT, counted.index());
        Stmt.For range = new Stmt.For(f.src(), List.of(new Stmt.Decl(null, Type.INT, index.name(), new Local(Type.INT, lo))),
                new Expr.Binary(Type.BOOLEAN, BinaryOp.LT, index, new Local(Type.INT, hi)), f.update(), f.body());
        return new Stmt.ParallelFor(f.src(), counted.from(), counted.to(), chunk, sumsName, lo, hi, captured,
                scalarLocals, vectors, matrices, buffers, List.of(range), threads, names);
    }

    /**
     * The arrays declared by the method outside the loop that the loop names only as {@code t[i]...},
     * {@code i} its index: no two iterations touch the same element, whichever chunk runs them.
     */
    private Set<String> rowsOfTheIndex(Stmt.For f, String index, Set<String> inside) {
        Map<String, int[]> uses = new HashMap<>();
        Local i = new Local(Type.INT, index);
        java.util.function.Consumer<Expr> count = e -> Walk.postOrder(e, x -> {
            if (x instanceof Local l) {
                uses.computeIfAbsent(l.name(), n -> new int[2])[0]++;
            } else if (x instanceof Expr.Index ix && ix.array() instanceof Local l && ix.index().equals(i)) {
                uses.computeIfAbsent(l.name(), n -> new int[2])[1]++;
            }
        });
        Walk.statements(List.of(f), s -> {
            Walk.expressions(s, count);
            if (s instanceof Stmt.For inner) {
                inner.init().forEach(d -> Walk.expressions(d, count));
            }
        });
        Set<String> out = new HashSet<>();
        uses.forEach((n, u) -> {
            Type t = types.get(n);
            if (u[0] > 0 && u[0] == u[1] && !inside.contains(n) && !order.contains(n)
                    && (t == Type.DOUBLE_ARRAY || t == Type.DOUBLE_MATRIX)) {
                out.add(n);
            }
        });
        return out;
    }

    /** {@code t = t + e} or {@code t = t - e} on a double, t a local or an array element. */
    private static boolean isSum(Stmt.Assign a) {
        return a.target().type() == Type.DOUBLE && a.value() instanceof Expr.Binary b
                && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB) && b.left().equals(a.target());
    }
}
