package dev.jgrad.processor.analysis;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Src;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loop classification for {@code @Jit}: whether a method is made of counted loops whose iterations
 * are independent but for sum reductions (Hascoët, Fidanova and Held's "independent computations";
 * Tapenade's II-loops), around code in which every variable is assigned once.
 *
 * <p>In that form the reverse sweep needs no tape: nothing is overwritten, so every value the
 * reverse sweep reads is either still there or is recomputed from an iteration's inputs, and the
 * adjoint of each iteration can run in any order, or inside the forward loop itself.
 *
 * <p>The conditions, checked on the whole method:
 * <ul>
 *   <li>every loop is {@code for (int i = a; i < b; i++)}, {@code b} an int, with {@code i} not
 *       written in the body;
 *   <li>no array element is written;
 *   <li>every variable is assigned at most once on any path (a parameter never), except
 *   <li>accumulators: a variable declared outside a loop and written inside it only as
 *       {@code acc += e} or {@code acc -= e}, or only as {@code m = Math.max(m, e)} (or
 *       {@code Math.min}: a running extremum), and read nowhere before the loop ends;
 *   <li>fresh arrays filled by a loop nest: an array declared {@code new double[n][k]} (an Ops
 *       result) whose one write is {@code t[i][j] = e}, indexed by the counters of the loops around
 *       it from its declaration inward, and which that nest reads nowhere else: each element is
 *       written once, by an iteration of its own, and the array is read only once it is full;
 *   <li>arrays private to the iterations of a top-level loop ({@link PrivateArrays}): declared before
 *       it, filled whole in each iteration in that way, and read only after, in the same iteration.
 * </ul>
 */
public final class LoopForm {
    private final Set<Stmt> reductions = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Stmt> extrema = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Fresh arrays ({@code new double[n][k]}) by name, and the outermost loop of the nest that fills each. */
    private final Map<String, Stmt.Decl> freshArrays = new HashMap<>();
    private final Map<String, Stmt.For> fillNest = new HashMap<>();
    private final Set<Stmt> fills = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, Stmt.For> accumulatorLoop = new HashMap<>();
    private final Map<String, Integer> depth = new HashMap<>();
    /** The loops around the statement being read, outermost first. */
    private final List<Stmt.For> loops = new ArrayList<>();
    /** Every assignment of each variable (declarations with a value included), in source order. */
    private final Map<String, List<Stmt>> assignments = new HashMap<>();
    private final Map<String, Stmt.Decl> decls = new HashMap<>();
    private final Map<String, Stmt.Decl> extremumDecls = new HashMap<>();
    private String reason;
    private Src at;
    private PrivateArrays privates;
    /** The inner loops that carry values between their iterations ({@link Recurrence}), and their carries. */
    private final Map<Stmt.For, Recurrence> recurrences = new IdentityHashMap<>();
    private final Set<Stmt> carries = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The statements being counted, innermost first. */
    private final java.util.Deque<Stmt> enclosing = new java.util.ArrayDeque<>();

    private LoopForm() {}

    /** The method's loop form, or a form whose {@link #reason()} says why it is not one. */
    public static LoopForm of(Method method) {
        LoopForm f = new LoopForm();
        Set<String> names = new HashSet<>();
        for (Method.Param p : method.params()) {
            f.depth.put(p.name(), 0);
            names.add(p.name());
        }
        f.privates = PrivateArrays.of(method.body(), names);
        Map<String, Integer> counts = f.block(method.body(), true);
        for (Method.Param p : method.params()) {
            if (counts.getOrDefault(p.name(), 0) > 0) {
                f.fail("parameter '" + p.name() + "' is assigned", f.assignment(p.name(), 0));
            }
        }
        for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(counts).entrySet()) {
            if (e.getValue() > 1) {
                f.fail("'" + e.getKey() + "' is assigned more than once", f.assignment(e.getKey(), 1));
            }
        }
        if (f.reason == null) {
            f.checkFillReads(Aliases.of(method.body()));
        }
        if (f.reason == null) {
            Set<String> params = new HashSet<>();
            method.params().forEach(p -> params.add(p.name()));
            f.checkAccumulatorReads(method.body(), params);
        }
        return f;
    }

    /** Null when the method has the form; else why not, for the generated javadoc. */
    public String reason() {
        return reason;
    }

    /** The source statement that {@link #reason()} is about, or null when it has none. */
    public Src at() {
        return at;
    }

    /** Whether {@code s} is {@code acc += e} for an accumulator of an enclosing loop. */
    public boolean isReduction(Stmt s) {
        return reductions.contains(s);
    }

    /** Whether {@code s} is {@code m = Math.max(m, e)} (or min) for a running extremum of an enclosing loop. */
    public boolean isExtremum(Stmt s) {
        return extrema.contains(s);
    }

    /** Whether {@code s} is the one write {@code t[i][j] = e} of a fresh array filled by its loop nest. */
    public boolean isFill(Stmt s) {
        return fills.contains(s);
    }

    /** The arrays private to the iterations of a top-level loop, filled as fills are. */
    public PrivateArrays privates() {
        return privates;
    }

    /** The recurrence {@code f} is (an inner loop that carries values between its iterations), or null. */
    public Recurrence recurrence(Stmt.For f) {
        return recurrences.get(f);
    }

    /** Whether {@code s} is a carry {@code s = s_2} at the end of a recurrence's body. */
    public boolean isCarry(Stmt s) {
        return carries.contains(s);
    }

    /** The declaration of a running extremum's variable ({@code double m = first}), or null. */
    public Stmt.Decl extremumDecl(String name) {
        return extremumDecls.get(name);
    }


    /** The accumulators of a loop (declared outside it, summed into inside it). */
    public List<String> accumulatorsOf(Stmt.For loop) {
        List<String> out = new ArrayList<>();
        accumulatorLoop.forEach((acc, l) -> {
            if (l == loop) {
                out.add(acc);
            }
        });
        Collections.sort(out);
        return out;
    }

    /** The loop depth at which a variable is declared: 0 for parameters and top-level locals. */
    public int depthOf(String name) {
        return depth.getOrDefault(name, 0);
    }


    // ---------------------------------------------------------------- assignment counts

    /** Counts assignments per variable along the worst path through {@code body}. */
    private Map<String, Integer> block(List<Stmt> body, boolean topLevel) {
        Map<String, Integer> counts = new HashMap<>();
        for (int k = 0; k < body.size(); k++) {
            Stmt s = body.get(k);
            if (s instanceof Stmt.Return && !(topLevel && k == body.size() - 1)) {
                fail("it returns early", s);
            }
            enclosing.push(s);
            try {
                add(counts, stmt(s));
            } finally {
                enclosing.pop();
            }
        }
        return counts;
    }

    private Map<String, Integer> stmt(Stmt s) {
        Map<String, Integer> counts = new HashMap<>();
        if (s instanceof Stmt.Decl d) {
            depth.put(d.name(), loops.size());
            decls.put(d.name(), d);
            if (d.init() instanceof Expr.NewArray n && n.dims().stream().allMatch(java.util.Objects::nonNull)
                    && dims(d.type()) > 0 && n.dims().size() == dims(d.type())) {
                freshArrays.put(d.name(), d);
            }
            if (d.init() != null) {
                counts.put(d.name(), 1);
                assignments.computeIfAbsent(d.name(), n -> new ArrayList<>()).add(s);
            }
        } else if (s instanceof Stmt.Assign a) {
            if (!(a.target() instanceof Expr.Local v)) {
                if (!isFillWrite(a)) {
                    fail("it writes an array element", s);
                }
                return counts;
            }
            if (carries.contains(s)) {
                // the recurrence's reverse restores its value at the start of each iteration
                return counts;
            }
            assignments.computeIfAbsent(v.name(), n -> new ArrayList<>()).add(s);
            int declared = depth.getOrDefault(v.name(), 0);
            if (declared < loops.size()) {
                Stmt.For loop = loops.get(declared);
                boolean extremum = isExtremum(v, a.value());
                if (extremum) {
                    // one update per iteration: the first entry attaining the max is then well defined
                    if (accumulatorLoop.containsKey(v.name())) {
                        fail("'" + v.name() + "' is updated twice as a running max or sum", s);
                    } else if (decls.get(v.name()) == null || decls.get(v.name()).init() == null) {
                        fail("running max '" + v.name() + "' has no first value where it is declared", s);
                    } else {
                        accumulatorLoop.put(v.name(), loop);
                        extrema.add(s);
                        extremumDecls.put(v.name(), decls.get(v.name()));
                    }
                } else if (!isIncrement(v, a.value())) {
                    fail("'" + v.name() + "' is overwritten in a loop", s);
                } else if (extremumDecls.containsKey(v.name())) {
                    fail("'" + v.name() + "' is updated twice as a running max or sum", s);
                } else if (accumulatorLoop.containsKey(v.name()) && accumulatorLoop.get(v.name()) != loop) {
                    fail("'" + v.name() + "' sums over two loops", s);
                } else {
                    accumulatorLoop.put(v.name(), loop);
                    reductions.add(s);
                }
            } else {
                counts.put(v.name(), 1);
            }
        } else if (s instanceof Stmt.If i) {
            Map<String, Integer> then = block(i.then(), false);
            Map<String, Integer> otherwise = block(i.otherwise(), false);
            counts.putAll(then);
            otherwise.forEach((n, c) -> counts.merge(n, c, Math::max));
        } else if (s instanceof Stmt.Block b) {
            counts.putAll(block(b.body(), false));
        } else if (s instanceof Stmt.For f) {
            Counted c = Counted.of(f);
            if (c == null) {
                fail("a loop is not of the form for (int i = a; i < b; i++) with its index and bound unchanged in the body", s);
                return counts;
            }
            recurrence(f, c);
            depth.put(c.index(), loops.size() + 1);
            loops.add(f);
            Map<String, Integer> body = block(f.body(), false);
            loops.remove(loops.size() - 1);
            // a loop runs its body many times: any assignment in it that is not a reduction is one too many
            body.forEach((n, k) -> {
                if (depth.getOrDefault(n, 0) <= loops.size()) {
                    counts.put(n, k + 1);
                } else if (k > 1) {
                    // a local of the body, assigned more than once in one iteration
                    fail("'" + n + "' is assigned more than once", assignment(n, 1));
                }
            });
        } else if (s instanceof Stmt.While) {
            fail("it has a while loop", s);
        } else if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
            fail("it breaks out of a loop", s);
        }
        return counts;
    }

    /**
     * Registers {@code f} if it is a recurrence inside an iteration of an enclosing loop, carrying
     * variables of the body it is in, with bounds known when the method's loops start (its buffer is
     * allocated once, before them).
     */
    private void recurrence(Stmt.For f, Counted c) {
        int here = loops.size();
        if (here == 0) {
            return;
        }
        boolean[] fixed = {true};
        Walk.locals(c.from(), n -> fixed[0] &= depth.getOrDefault(n, 0) == 0);
        Walk.locals(c.to(), n -> fixed[0] &= depth.getOrDefault(n, 0) == 0);
        Recurrence r = fixed[0] ? Recurrence.of(f, v -> decls.containsKey(v) && depth.getOrDefault(v, -1) == here) : null;
        if (r != null) {
            recurrences.put(f, r);
            carries.addAll(r.carries());
        }
    }

    private static int dims(dev.jgrad.processor.ir.Type t) {
        return t == dev.jgrad.processor.ir.Type.DOUBLE_ARRAY ? 1 : t == dev.jgrad.processor.ir.Type.DOUBLE_MATRIX ? 2 : 0;
    }

    private static String target(Stmt s) {
        return ((Expr.Local) ((Stmt.Assign) s).target()).name();
    }

    /** {@code m = Math.max(m, e)} or {@code Math.min}, on doubles, {@code e} not reading {@code m}. */
    private static boolean isExtremum(Expr.Local v, Expr value) {
        if (v.type() != dev.jgrad.processor.ir.Type.DOUBLE || !(value instanceof Expr.Prim p)
                || dev.jgrad.processor.rules.Rules.extremum(p.rule()) == 0 || !p.args().get(0).equals(v)
                || p.args().get(1).type() != v.type()) {
            return false;
        }
        boolean[] self = {false};
        Walk.locals(p.args().get(1), n -> self[0] |= n.equals(v.name()));
        return !self[0];
    }

    /**
     * {@code t[i][j] = e}: {@code t} a fresh array declared at depth d, written once, at depth d + its
     * dimensions, indexed by the counters of the loops from depth d inward, in order.
     */
    private boolean isFillWrite(Stmt.Assign a) {
        String root = Walk.root(a.target());
        if (privates.isFill(a)) {
            // filled whole by each iteration of its loop, read only after (PrivateArrays)
            fillNest.put(root, privates.get(root).nest());
            fills.add(a);
            return true;
        }
        Stmt.Decl d = root == null ? null : freshArrays.get(root);
        if (d == null || fillNest.containsKey(root) || a.target().type() != dev.jgrad.processor.ir.Type.DOUBLE) {
            return false;
        }
        int from = depth.getOrDefault(root, 0);
        int dims = dims(d.type());
        if (loops.size() != from + dims) {
            return false;
        }
        Expr e = a.target();
        for (int k = dims - 1; k >= 0; k--) {
            Counted c = Counted.of(loops.get(from + k));
            if (!(e instanceof Expr.Index ix) || c == null || !(ix.index() instanceof Expr.Local i)
                    || !i.name().equals(c.index())) {
                return false;
            }
            e = ix.array();
        }
        fillNest.put(root, loops.get(from));
        fills.add(a);
        return true;
    }

    /** A filled array is read nowhere in the nest that fills it (its elements are not all there yet). */
    private void checkFillReads(Aliases aliases) {
        fillNest.forEach((t, nest) -> {
            // nor under another name (double[][] h = t; a row of it)
            Set<String> named = new HashSet<>();
            Walk.statements(List.of(nest), s -> Walk.expressions(s, e -> Walk.locals(e, named::add)));
            if (!aliases.others(Set.of(t), named).isEmpty()) {
                fail("'" + t + "' is read under another name in the loop that fills it", nest);
            }
            int[] uses = {0};
            // its lengths are known from the start: t.length and t[i].length are no reads of its elements
            Walk.statements(List.of(nest), s -> Walk.expressions(s, e -> Walk.postOrder(e, x -> {
                if (x instanceof Expr.Local l && l.name().equals(t)) {
                    uses[0]++;
                } else if (x instanceof Expr.Length n && t.equals(Walk.root(n.array()))) {
                    uses[0]--;
                }
            })));
            if (uses[0] != 1) {
                fail("'" + t + "' is read in the loop that fills it", nest);
            }
        });
    }

    private static boolean isIncrement(Expr.Local v, Expr value) {
        if (!(value instanceof Expr.Binary b) || (b.op() != BinaryOp.ADD && b.op() != BinaryOp.SUB)
                || !b.left().equals(v) || b.type() != v.type()) {
            return false;
        }
        boolean[] self = {false};
        Walk.locals(b.right(), n -> self[0] |= n.equals(v.name()));
        return !self[0];
    }

    private static void add(Map<String, Integer> into, Map<String, Integer> more) {
        more.forEach((n, c) -> into.merge(n, c, Integer::sum));
    }

    private void fail(String why, Stmt where) {
        if (reason == null) {
            reason = why;
            at = where == null ? null : where.src();
            // a statement jgrad made (an Ops call's loops) is placed at the nearest enclosing one from the source
            for (java.util.Iterator<Stmt> outer = enclosing.iterator(); at == null && outer.hasNext();) {
                at = outer.next().src();
            }
        }
    }

    /** The {@code k}-th assignment of {@code name} seen, or the last one if there are fewer. */
    private Stmt assignment(String name, int k) {
        List<Stmt> all = assignments.getOrDefault(name, List.of());
        return all.isEmpty() ? null : all.get(Math.min(k, all.size() - 1));
    }

    // ---------------------------------------------------------------- accumulator reads

    /**
     * An accumulator may be read only once its loop is over: before, it holds a partial sum. It is
     * open from its declaration, or from the start for a parameter used as one.
     */
    private void checkAccumulatorReads(List<Stmt> body, Set<String> params) {
        Set<String> open = new HashSet<>();
        for (String p : params) {
            if (accumulatorLoop.containsKey(p)) {
                open.add(p);
            }
        }
        readsIn(body, open);
    }

    private void readsIn(List<Stmt> body, Set<String> open) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Decl d && accumulatorLoop.containsKey(d.name())) {
                open.add(d.name());
                checkReads(s, open);
                continue;
            }
            if (reductions.contains(s) || extrema.contains(s)) {
                Expr v = ((Stmt.Assign) s).value();
                readsOpen(v instanceof Expr.Binary b ? b.right() : ((Expr.Prim) v).args().get(1), open, s);
                continue;
            }
            checkReads(s, open);
            if (s instanceof Stmt.If i) {
                readsIn(i.then(), open);
                readsIn(i.otherwise(), open);
            } else if (s instanceof Stmt.Block b) {
                readsIn(b.body(), open);
            } else if (s instanceof Stmt.For f) {
                readsIn(f.body(), open);
                accumulatorsOf(f).forEach(open::remove);
            }
        }
    }

    private void checkReads(Stmt s, Set<String> open) {
        if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local) {
            // a local's assignment writes it (an accumulator's declaration hoisted out of a branch
            // leaves its first value here): only the value is read
            readsOpen(a.value(), open, s);
            return;
        }
        Walk.expressions(s, e -> readsOpen(e, open, s));
        if (s instanceof Stmt.For f) {
            f.init().forEach(i -> checkReads(i, open));
        }
    }

    /** Fails at {@code s} if {@code e} reads an accumulator whose loop has not ended. */
    private void readsOpen(Expr e, Set<String> open, Stmt s) {
        Walk.locals(e, n -> {
            if (open.contains(n)) {
                fail("accumulator '" + n + "' is read before its loop ends", s);
            }
        });
    }
}
