package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.Aliases;
import dev.jgrad.processor.analysis.Counted;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
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
 * A {@code @Jit} rewrite, unroll-and-jam: a loop of independent iterations that holds an inner loop
 * ({@code for i: pred = b; for j: pred += w[j] * x[i][j]; ...}) runs {@value #LANES} iterations at a
 * time, and their inner loops as one: each {@code w[j]} is loaded once for four rows, and four
 * independent sums keep the floating-point units busy. Statements outside the inner loops are
 * repeated for each of the four, and four sums into the same place in a row are added first
 * ({@code w_bar[j] += (a + b) + (c + d)}). A remainder loop runs the last iterations as written.
 *
 * <p>It reorders work between iterations, so it applies only where that changes at most the order
 * of additions into sums, which {@code @Jit} allows ({@code @Grad} alone, which does not, takes the
 * form of {@link #inOrder}): the loop writes nothing declared outside it but
 * by {@code t += e}, reads such a {@code t} nowhere else, and adds into no input array. It also
 * reorders what can fail (a row shorter than the others): the remainder loop is the {@code finally}
 * of the jammed one, so that after a failure it runs the failing group again one iteration at a
 * time, and the first iteration to fail throws, as in the source.
 */
public final class Jam {
    /** Iterations run together. */
    static final int LANES = 4;

    private final Names names;
    /** Buffers declared before a loop that each iteration uses for itself (see JitGrad). */
    private final Set<String> scratch = new HashSet<>();
    /** How an adjoint's name ends ({@code w_bar} beside {@code w}). */
    private static final String ADJOINT = "_bar";

    /** The buffers' declarations, by name, and those of the lanes' own copies made while jamming. */
    private final Map<String, Stmt.Decl> scratchDecls = new HashMap<>();
    private final List<Stmt> laneBuffers = new ArrayList<>();
    /** Which names may reach the same array: a sum read back through another name is not a sum. */
    private final Aliases aliases;
    /** The ends of parallel loops' chunks: bounds of a chunk of the loop's range, never near {@code Integer.MIN_VALUE}. */
    private final Set<String> chunkEnds = new HashSet<>();
    /** The variables the method declares: an array it does not declare is an input (see writesOnlySums). */
    private final Set<String> declared = new HashSet<>();

    /**
     * The sums whose additions may be regrouped ({@code t += (a + b) + (c + d)}), or null for every sum
     * ({@code @Jit}); another sum gets its lanes' terms one at a time, in the source's order.
     */
    private final Set<String> regrouped;

    private Jam(Names names, Aliases aliases, Set<String> regrouped) {
        this.names = names;
        this.aliases = aliases;
        this.regrouped = regrouped;
    }

    /**
     * {@code body} with every loop that qualifies, at any depth, unrolled and jammed, then each row that
     * an iteration checks read into a local ({@link RowLocals}).
     */
    public static List<Stmt> apply(List<Stmt> body, Names names) {
        return apply(body, names, null);
    }

    /**
     * {@code body} jammed as by {@link #apply(List, Names)}, but with only the sums into {@code regrouped}
     * regrouped: the others, each iteration's term added in turn, end with the source's value bit for bit,
     * since each lane's inner sums keep the source's order and the lanes are the source's iterations in
     * turn. This is {@code @Grad} alone's form ({@link GradAlone}), where the adjoints may be regrouped.
     */
    static List<Stmt> inOrder(List<Stmt> body, Names names, Set<String> regrouped) {
        return apply(body, names, Set.copyOf(regrouped));
    }

    private static List<Stmt> apply(List<Stmt> body, Names names, Set<String> regrouped) {
        Jam jam = new Jam(names, Aliases.of(body), regrouped);
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Decl d) {
                jam.declared.add(d.name());
            }
        });
        return RowLocals.apply(jam.block(body), names);
    }

    private List<Stmt> block(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            out.add(stmt(s));
        }
        return out;
    }

    private Stmt stmt(Stmt s) {
        if (s instanceof Stmt.For f) {
            Stmt jammed = jam(f);
            return jammed != null ? jammed : new Stmt.For(f.src(), f.init(), f.cond(), f.update(), block(f.body()));
        }
        if (s instanceof Stmt.ParallelFor p) {
            chunkEnds.add(p.hi());
            scratch.clear();
            scratchDecls.clear();
            laneBuffers.clear();
            for (Stmt b : p.scratch()) {
                Stmt.Decl d = (Stmt.Decl) b;
                scratch.add(d.name());
                scratchDecls.put(d.name(), d);
            }
            List<Stmt> body = block(p.chunkBody());
            List<Stmt> buffers = new ArrayList<>(p.scratch());
            buffers.addAll(laneBuffers);
            scratch.clear();
            return p.withChunkBody(body).withScratch(buffers);
        }
        if (s instanceof Stmt.If i) {
            return new Stmt.If(i.src(), i.cond(), block(i.then()), block(i.otherwise()));
        }
        if (s instanceof Stmt.Block b) {
            return new Stmt.Block(b.src(), block(b.body()));
        }
        if (s instanceof Stmt.While w) {
            return new Stmt.While(w.src(), w.cond(), block(w.body()), w.testAfter());
        }
        return s;
    }

    private Stmt jam(Stmt.For loop) {
        Counted counted = Counted.of(loop);
        if (counted == null) {
            return null;
        }
        Set<String> locals = new HashSet<>();
        boolean[] ok = {true};
        Walk.statements(loop.body(), s -> {
            if (s instanceof Stmt.Decl d) {
                locals.add(d.name());
            }
            // a throw fails an iteration as a short row does: the remainder loop runs its group again in order
            ok[0] &= s instanceof Stmt.Decl || s instanceof Stmt.Assign || s instanceof Stmt.If
                    || s instanceof Stmt.Block || s instanceof Stmt.For || s instanceof Stmt.Comment
                    || s instanceof Stmt.Throw;
            // a call that writes a second result into a buffer (HelperSites): the lanes would share it
            Walk.expressions(s, e -> Walk.postOrder(e, x -> ok[0] &= !(x instanceof Expr.Prim p && p.rule().writes() >= 0)));
        });
        if (!ok[0] || !writesOnlySums(loop, locals, counted.index(), scratch, aliases, declared)) {
            return null;
        }
        Set<String> laneBound = new HashSet<>(locals);
        laneBound.add(counted.index());
        Set<String> shared = new HashSet<>();
        jammedIndices(loop.body(), laneBound, shared);
        if (shared.isEmpty() || regrouped != null && !keepsOrder(loop.body(), laneBound, locals)) {
            return null;
        }
        // one renaming per lane: its own locals, and i + c for the index
        Local i = new Local(Type.INT, counted.index());
        List<Map<String, Expr>> lanes = new ArrayList<>();
        for (int c = 0; c < LANES; c++) {
            Map<String, Expr> lane = new HashMap<>();
            if (c > 0) {
                for (String n : sorted(locals)) {
                    if (!shared.contains(n)) {
                        lane.put(n, new Local(typeOf(n, loop.body()), names.fresh(laneName(n, c))));
                    }
                }
                lane.put(i.name(), new Expr.Binary(Type.INT, BinaryOp.ADD, i, Expr.Lit.ofInt(c)));
            }
            lanes.add(lane);
        }
        // each lane keeps its own copy of the buffers the loop writes for each iteration's own use; a
        // buffer the loop only reads holds what an earlier loop left there, for all lanes alike
        Set<String> buffersUsed = new HashSet<>();
        Walk.statements(loop.body(), s -> {
            if (s instanceof Stmt.Assign a && scratch.contains(Walk.root(a.target()))) {
                buffersUsed.add(Walk.root(a.target()));
            }
        });
        if (indexesBuffer(loop.body(), buffersUsed, counted.index())) {
            // it writes a buffer by its own index, for a later loop to read: not a buffer of one iteration
            return null;
        }
        for (String buffer : sorted(buffersUsed)) {
            Stmt.Decl d = scratchDecls.get(buffer);
            for (int c = 1; c < LANES; c++) {
                Local copy = new Local(d.type(), names.fresh(buffer + c));
                lanes.get(c).put(buffer, copy);
                laneBuffers.add(new Stmt.Decl(null, d.type(), copy.name(), d.init()));
            }
        }
        List<Stmt> out = new ArrayList<>();
        out.add(new Stmt.Decl(null, Type.INT, i.name(), counted.from()));
        // to - 3 in long where the bound may be near Integer.MIN_VALUE (an int would wrap to a large bound)
        boolean safe = counted.to() instanceof Expr.Length || counted.to() instanceof Local l && chunkEnds.contains(l.name());
        Expr to = safe ? counted.to() : new Expr.Cast(Type.LONG, counted.to());
        Expr lastGroup = new Expr.Binary(to.type(), BinaryOp.SUB, to, Expr.Lit.ofInt(LANES - 1));
        Stmt.For jammed = new Stmt.For(loop.src(), List.of(), new Expr.Binary(Type.BOOLEAN, BinaryOp.LT, i, lastGroup),
                List.of(new Stmt.Assign(null, i, new Expr.Binary(Type.INT, BinaryOp.ADD, i, Expr.Lit.ofInt(LANES)))),
                jamList(loop.body(), lanes, laneBound));
        // i stays at the start of a group that fails: the remainder runs it again in the source's order
        out.add(new Stmt.TryFinally(List.of(jammed), List.of(
                new Stmt.Comment("the last iterations, one at a time"
                        + " (after a failure, from its group: the first to fail throws)"),
                new Stmt.For(null, List.of(), loop.cond(), loop.update(), loop.body()))));
        return new Stmt.Block(null, out);
    }

    /** Whether an element of one of {@code buffers} is named with {@code index} in {@code body}. */
    private static boolean indexesBuffer(List<Stmt> body, Set<String> buffers, String index) {
        boolean[] found = {false};
        Walk.statements(body, s -> Walk.expressions(s, e -> Walk.postOrder(e, x -> {
            if (x instanceof Expr.Index ix && buffers.contains(Walk.root(ix))) {
                Walk.locals(ix.index(), n -> found[0] |= n.equals(index));
            }
        })));
        return found[0];
    }

    /** The statements of {@code body} for every lane: loops that allow it jammed, the rest repeated. */
    private List<Stmt> jamList(List<Stmt> body, List<Map<String, Expr>> lanes, Set<String> laneBound) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.Comment) {
                out.add(s);
            } else if (s instanceof Stmt.For f && jammable(f, laneBound)) {
                out.add(new Stmt.For(f.src(), f.init(), f.cond(), f.update(),
                        jamList(f.body(), lanes, without(laneBound, Counted.of(f).index()))));
            } else if (s instanceof Stmt.Block b) {
                out.addAll(jamList(b.body(), lanes, laneBound));
            } else {
                for (Map<String, Expr> lane : lanes) {
                    out.add(Subst.stmt(s, lane));
                }
            }
        }
        return mergeSums(out);
    }

    /** An inner loop can serve all lanes at once if its range is the same for all of them. */
    private static boolean jammable(Stmt.For f, Set<String> laneBound) {
        Counted c = Counted.of(f);
        if (c == null) {
            return false;
        }
        boolean[] laneDependent = {false};
        Walk.locals(c.from(), n -> laneDependent[0] |= laneBound.contains(n));
        Walk.locals(c.to(), n -> laneDependent[0] |= laneBound.contains(n));
        return !laneDependent[0];
    }

    /**
     * The indices of the inner loops that will serve all lanes at once, at any depth: a loop inside a
     * jammed loop may use that loop's index in its range, since the lanes share it.
     */
    private static void jammedIndices(List<Stmt> body, Set<String> laneBound, Set<String> out) {
        for (Stmt s : body) {
            if (s instanceof Stmt.For f && jammable(f, laneBound)) {
                String index = Counted.of(f).index();
                out.add(index);
                jammedIndices(f.body(), without(laneBound, index), out);
            } else if (s instanceof Stmt.Block b) {
                jammedIndices(b.body(), laneBound, out);
            }
        }
    }

    /**
     * Whether no inner loop that serves all lanes adds into a sum that may not be regrouped: there, the
     * lanes' terms would alternate ({@code i}'s for {@code j}, then {@code i + 1}'s for {@code j}) where the
     * source adds all of {@code i}'s first.
     */
    private boolean keepsOrder(List<Stmt> body, Set<String> laneBound, Set<String> locals) {
        return addsInTurn(body, locals) && keepsOrderInLoops(body, laneBound, locals);
    }

    /**
     * Whether each sum that may not be regrouped is added to by one statement of the loop's body (at its
     * top level, blocks opened): the lanes run each statement in turn, so two ({@code s += a; s -= b;})
     * would add all of {@code a}'s terms before any of {@code b}'s, where the source alternates them.
     */
    private boolean addsInTurn(List<Stmt> body, Set<String> locals) {
        Set<String> seen = new HashSet<>();
        for (Stmt s : flat(body)) {
            Set<String> sums = new HashSet<>();
            Walk.statements(List.of(s), x -> {
                if (x instanceof Stmt.Assign a) {
                    String root = Walk.root(a.target());
                    if (!locals.contains(root) && !regrouped.contains(root)) {
                        sums.add(root);
                    }
                }
            });
            for (String sum : sums) {
                if (!seen.add(sum)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<Stmt> flat(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.Block b) {
                out.addAll(flat(b.body()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private boolean keepsOrderInLoops(List<Stmt> body, Set<String> laneBound, Set<String> locals) {
        for (Stmt s : body) {
            if (s instanceof Stmt.For f && jammable(f, laneBound)) {
                boolean[] ok = {true};
                Walk.statements(f.body(), x -> {
                    if (x instanceof Stmt.Assign a) {
                        String root = Walk.root(a.target());
                        ok[0] &= locals.contains(root) || regrouped.contains(root);
                    }
                });
                if (!ok[0]) {
                    return false;
                }
            } else if (s instanceof Stmt.Block b && !keepsOrderInLoops(b.body(), laneBound, locals)) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> without(Set<String> names, String name) {
        Set<String> out = new HashSet<>(names);
        out.remove(name);
        return out;
    }

    /**
     * Whether every write of the loop to something declared outside it is {@code t += e} (or
     * {@code -=}), with {@code t} read nowhere else in the loop, and no such {@code t} is an element of
     * an input: after an iteration fails, an input holds what the iterations before it added, which
     * lanes run together would not leave.
     */
    private static boolean writesOnlySums(Stmt.For loop, Set<String> locals, String index, Set<String> scratch,
            Aliases aliases, Set<String> declared) {
        Set<String> summed = new HashSet<>();
        List<Stmt.Assign> sums = new ArrayList<>();
        boolean[] ok = {true};
        Walk.statements(loop.body(), s -> {
            if (s instanceof Stmt.Assign a) {
                String root = Walk.root(a.target());
                boolean local = locals.contains(root);
                if (local && a.target() instanceof Local) {
                    return;
                }
                if (scratch.contains(root) && a.target() instanceof Expr.Index) {
                    return;
                }
                if (local || root == null || root.equals(index) || !isSum(a)
                        || a.target() instanceof Expr.Index && !declared.contains(root)) {
                    ok[0] = false;
                    return;
                }
                summed.add(root);
                sums.add(a);
            }
        });
        Set<String> named = new HashSet<>();
        Walk.statements(loop.body(), s -> Walk.expressions(s, e -> Walk.locals(e, named::add)));
        if (!ok[0] || !aliases.others(summed, named).isEmpty()) {
            return false;
        }
        Walk.statements(loop.body(), s -> {
            boolean isSum = sums.stream().anyMatch(x -> x == s);
            if (isSum) {
                Stmt.Assign a = (Stmt.Assign) s;
                Walk.locals(((Expr.Binary) a.value()).right(), n -> ok[0] &= !summed.contains(n));
                if (a.target() instanceof Expr.Index ix) {
                    Walk.locals(ix.index(), n -> ok[0] &= !summed.contains(n));
                }
            } else {
                Walk.expressions(s, e -> Walk.locals(e, n -> ok[0] &= !summed.contains(n)));
            }
        });
        return ok[0];
    }

    private static boolean isSum(Stmt.Assign a) {
        return a.target().type() == Type.DOUBLE && a.value() instanceof Expr.Binary b
                && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB) && b.left().equals(a.target());
    }

    /**
     * Runs of {@code t += e} into the same {@code t}, one per lane, as one {@code t += (e0 + e1) + (e2 + e3)},
     * where {@code t} may be regrouped.
     */
    private List<Stmt> mergeSums(List<Stmt> stmts) {
        List<Stmt> out = new ArrayList<>();
        int k = 0;
        while (k < stmts.size()) {
            Stmt s = stmts.get(k);
            int end = k + 1;
            if (s instanceof Stmt.Assign a && isSum(a) && ((Expr.Binary) a.value()).op() == BinaryOp.ADD
                    && (regrouped == null || regrouped.contains(Walk.root(a.target())))) {
                while (end < stmts.size() && stmts.get(end) instanceof Stmt.Assign b && isSum(b)
                        && ((Expr.Binary) b.value()).op() == BinaryOp.ADD && b.target().equals(a.target())
                        && !reads(((Expr.Binary) b.value()).right(), a.target())) {
                    end++;
                }
            }
            if (end - k < 2) {
                out.add(s);
                k++;
                continue;
            }
            List<Expr> terms = new ArrayList<>();
            for (int m = k; m < end; m++) {
                terms.add(((Expr.Binary) ((Stmt.Assign) stmts.get(m)).value()).right());
            }
            Stmt.Assign first = (Stmt.Assign) s;
            out.add(new Stmt.Assign(first.src(), first.target(), Exprs.add(first.target(), pairwise(terms))));
            k = end;
        }
        return out;
    }

    private static boolean reads(Expr e, Expr target) {
        String root = Walk.root(target);
        boolean[] hit = {false};
        Walk.locals(e, n -> hit[0] |= n.equals(root));
        return hit[0];
    }

    /** The name of lane {@code c}'s copy of {@code n}: {@code pred1}, and {@code pred1_bar} beside it. */
    private static String laneName(String n, int c) {
        return n.endsWith(ADJOINT) && n.length() > ADJOINT.length()
                ? n.substring(0, n.length() - ADJOINT.length()) + c + ADJOINT
                : n + c;
    }

    /** {@code (a + b) + (c + d)}: a balanced tree, so the additions do not wait on each other. */
    private static Expr pairwise(List<Expr> terms) {
        if (terms.size() == 1) {
            return terms.get(0);
        }
        int half = terms.size() / 2;
        return Exprs.add(pairwise(terms.subList(0, half)), pairwise(terms.subList(half, terms.size())));
    }

    private static Type typeOf(String name, List<Stmt> body) {
        Type[] t = {Type.DOUBLE};
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Decl d && d.name().equals(name)) {
                t[0] = d.type();
            }
        });
        return t[0];
    }

    private static List<String> sorted(Set<String> names) {
        List<String> out = new ArrayList<>(names);
        java.util.Collections.sort(out);
        return out;
    }
}
