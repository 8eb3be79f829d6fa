package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.Counted;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import dev.jgrad.processor.rules.RuntimeCalls;
import dev.jgrad.processor.rules.Throws;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code @Jit} rewrite, after {@link Fission} and before {@link Dots}: a dense layer of the four rows that
 * {@link Jam} runs together, {@code for (int k = 0; k < m; k++) { double a = b[k]; ... for (int j = 0; j < d;
 * j++) { a += w[k][j] * x[i][j]; a1 += w[k][j] * x[i + 1][j]; ... } h[k] = a; h1[k] = a1; ... }}, runs in i-k-j
 * order: a loop stores the four starting values ({@code h[k] = b[k]; h1[k] = b[k]; ...}) and one call {@code
 * Simd.matVec4(w_panel, w, x[i], ..., h, ..., m, d)} adds the products, the entries {@code k} in vector lanes
 * (with {@code w} by columns, transposed once per run of the jammed loop into {@code w_panel}), under {@code
 * Simd.matVec4Pays(m, d)}; the loop as written otherwise (which {@link Dots} may then take). Each entry's
 * products are added in the source's order of {@code j}, as fused multiply-adds: no sums across lanes, as
 * {@code dot4} ends with. A sum that starts from zero and gets its bias after the products ({@code double a =
 * 0; for j: ...; h[k] = Math.tanh(a + b[k]);}, which {@link Fission} leaves as {@code double t = a + b[k]; h[k] =
 * t;}) starts from the bias instead: the same additions in another order, which {@code @Jit} allows.
 *
 * <p>Only inside a jammed group, whose {@code finally} runs the group again in the source's order after any
 * failure: the call reads and writes exactly what the loop reads and writes (and fails as it does when an
 * array is short or null), so the group fails exactly when it did. What must hold for the panel made at the
 * first call to serve the later ones: {@code w}, {@code m} and {@code d} are not assigned in the jammed loop
 * ({@code w} neither declared nor written there), and {@code m} and {@code d} cannot fail (a local, a literal,
 * a local array's length). What must hold for the order of the stores not to matter: {@code h} to {@code h3}
 * are distinct arrays the method allocates and reaches by one name only ({@link Fission#ownArrays}), which
 * the rows {@code x[i]} are not; the starting values read none of the sums or stores.
 */
public final class Layers {
    private static final String SIMD = RuntimeCalls.SIMD;
    private static final int LANES = Jam.LANES;

    private final Names names;
    private final Set<String> own;
    /** The locals that the jammed loop being rewritten declares or assigns; null outside one. */
    private Set<String> assigned;
    /** The arrays whose entries (or rows) the jammed loop being rewritten assigns. */
    private Set<String> written;
    /** The panels that the jammed loop being rewritten needs, declared before it. */
    private List<Stmt> panels;

    private Layers(Names names, Set<String> own) {
        this.names = names;
        this.own = own;
    }

    /** {@code body} with its dense layers of jammed groups as {@code Simd.matVec4} calls. */
    public static List<Stmt> apply(List<Stmt> body, Names names) {
        return new Layers(names, Fission.ownArrays(body)).block(body);
    }

    private List<Stmt> block(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            List<Stmt> layer = assigned != null && s instanceof Stmt.For f ? layer(f) : null;
            if (layer != null) {
                out.addAll(layer);
            } else if (s instanceof Stmt.TryFinally t) {
                // Jam's jammed loop and its remainder: a failure in the first runs the group again in the second
                Set<String> outerAssigned = assigned;
                Set<String> outerWritten = written;
                List<Stmt> outerPanels = panels;
                assigned = assigned(t.body(), false);
                written = assigned(t.body(), true);
                panels = new ArrayList<>();
                List<Stmt> jammed = block(t.body());
                out.addAll(panels);
                assigned = outerAssigned;
                written = outerWritten;
                panels = outerPanels;
                out.add(new Stmt.TryFinally(jammed, block(t.last())));
            } else {
                out.add(stmt(s));
            }
        }
        return out;
    }

    private Stmt stmt(Stmt s) {
        if (s instanceof Stmt.For f) {
            return new Stmt.For(f.src(), f.init(), f.cond(), f.update(), block(f.body()));
        }
        if (s instanceof Stmt.ParallelFor p) {
            return p.withChunkBody(block(p.chunkBody()));
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

    /** The locals that {@code body} declares or assigns, or ({@code entries}) the arrays whose entries it assigns. */
    private static Set<String> assigned(List<Stmt> body, boolean entries) {
        Set<String> out = new HashSet<>();
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Decl d && !entries) {
                out.add(d.name());
            } else if (s instanceof Stmt.Assign a && a.target() instanceof Local == !entries && Walk.root(a.target()) != null) {
                out.add(Walk.root(a.target()));
            }
        });
        return out;
    }

    /** One input of the layer: its sum {@code a}, starting value, row {@code x[i]} and array {@code h}. */
    private record Lane(Stmt.Decl sum, Expr start, Expr row, Local array) {}

    /** Where a sum ends: stored into {@code array}, as it is ({@code added} null) or plus {@code added}. */
    private record End(Local array, Expr added) {}

    /**
     * Where each sum ends, from the statements after the loop over {@code j}: stores {@code h[k] = a;}, {@code
     * h[k] = a + e;} (or {@code e + a}), or {@code double t = a + e;} then {@code h[k] = t;} (the bias added after
     * the products, {@code Math.tanh(a + b[k])} once {@link Fission} has split it); each sum in one store, into an
     * array the method owns. The names {@code t} go into {@code temps}. Null for any other statement.
     */
    private Map<String, End> ends(List<Stmt> rest, Set<String> sumNames, String k, Set<String> temps) {
        Map<String, Expr[]> plus = new HashMap<>();
        Map<String, End> out = new HashMap<>();
        for (Stmt s : rest) {
            if (s instanceof Stmt.Decl d && d.type() == Type.DOUBLE) {
                Expr[] split = plus(d.init(), sumNames);
                if (split == null || !temps.add(d.name())) {
                    return null;
                }
                plus.put(d.name(), split);
                continue;
            }
            if (!(s instanceof Stmt.Assign a) || !(a.target() instanceof Expr.Index ix) || !(ix.array() instanceof Local h)
                    || !(ix.index() instanceof Local i) || !i.name().equals(k) || !own.contains(h.name())) {
                return null;
            }
            Expr[] through = a.value() instanceof Local v ? plus.remove(v.name()) : plus(a.value(), sumNames);
            if (through == null && !(a.value() instanceof Local)) {
                return null;
            }
            String sum = through != null ? ((Local) through[0]).name() : ((Local) a.value()).name();
            if (!sumNames.contains(sum) || out.containsKey(sum)) {
                return null;
            }
            out.put(sum, new End(h, through != null ? through[1] : null));
        }
        return plus.isEmpty() && out.size() == sumNames.size() ? out : null;
    }

    /** The loop as the starting values' loop and one {@code matVec4} call, or null if it is not such a layer. */
    private List<Stmt> layer(Stmt.For f) {
        Counted c = Counted.of(f);
        List<Stmt> body = f.body().stream().filter(s -> !(s instanceof Stmt.Comment)).toList();
        if (c == null || !zero(c.from()) || body.size() != 2 * LANES + 1 && body.size() != 3 * LANES + 1
                || !(body.get(LANES) instanceof Stmt.For inner)) {
            return null;
        }
        Counted cj = Counted.of(inner);
        if (cj == null || !zero(cj.from()) || !fixed(c.to()) || !fixed(cj.to()) || mentions(cj.to(), c.index())) {
            return null;
        }
        List<Stmt.Decl> sums = new ArrayList<>();
        Set<String> sumNames = new HashSet<>();
        for (int k = 0; k < LANES; k++) {
            if (!(body.get(k) instanceof Stmt.Decl d) || d.type() != Type.DOUBLE || d.init() == null) {
                return null;
            }
            sums.add(d);
            sumNames.add(d.name());
        }
        List<Stmt> terms = inner.body().stream().filter(s -> !(s instanceof Stmt.Comment)).toList();
        if (sumNames.size() != LANES || terms.size() != LANES) {
            return null;
        }
        Set<String> temps = new HashSet<>();
        Map<String, End> ends = ends(body.subList(LANES + 1, body.size()), sumNames, c.index(), temps);
        if (ends == null) {
            return null;
        }
        Local w = null;
        List<Lane> lanes = new ArrayList<>();
        Set<String> arrays = new HashSet<>();
        for (int k = 0; k < LANES; k++) {
            Stmt.Decl sum = sums.get(k);
            Expr[] pair = term(terms, sum.name(), cj.index());
            End end = ends.get(sum.name());
            if (pair == null || !arrays.add(end.array().name()) || end.added() != null && !zero(sum.init())) {
                return null;
            }
            Local shared = sharedRow(pair[0], c.index());
            Expr row = pair[1];
            if (shared == null) {
                shared = sharedRow(pair[1], c.index());
                row = pair[0];
            }
            if (shared == null || w != null && !w.equals(shared) || !Dots.row(row, c.index()) || mentions(row, cj.index())) {
                return null;
            }
            w = shared;
            lanes.add(new Lane(sum, end.added() == null ? sum.init() : end.added(), row, end.array()));
        }
        Set<String> forbidden = new HashSet<>(sumNames);
        forbidden.addAll(temps);
        forbidden.addAll(arrays);
        forbidden.add(cj.index());
        for (Lane l : lanes) {
            Set<String> inRow = new HashSet<>();
            Walk.locals(l.row(), inRow::add);
            inRow.retainAll(forbidden);
            if (!inRow.isEmpty() || !startingValue(l.start(), forbidden)) {
                return null;
            }
        }
        if (assigned.contains(w.name()) || written.contains(w.name())) {
            return null;
        }
        return rewritten(f, c, cj, w, lanes);
    }

    private List<Stmt> rewritten(Stmt.For f, Counted c, Counted cj, Local w, List<Lane> lanes) {
        Local panel = new Local(Type.DOUBLE_MATRIX, names.fresh(w.name() + "_panel"));
        panels.add(new Stmt.Decl(null, Type.DOUBLE_MATRIX, panel.name(),
                new Expr.NewArray(Type.DOUBLE_MATRIX, List.of(Expr.Lit.ofInt(1)))));
        Local k = new Local(Type.INT, c.index());
        List<Stmt> starts = new ArrayList<>();
        List<Expr> args = new ArrayList<>(List.of(panel, w));
        for (Lane l : lanes) {
            starts.add(new Stmt.Assign(l.sum().src(), new Expr.Index(Type.DOUBLE, l.array(), k), l.start()));
            args.add(l.row());
        }
        lanes.forEach(l -> args.add(l.array()));
        args.add(c.to());
        args.add(cj.to());
        List<Stmt> then = List.of(new Stmt.For(f.src(), f.init(), f.cond(), f.update(), starts),
                new Stmt.Run(new Expr.Call(Type.VOID, SIMD, "matVec4", args)));
        Expr test = new Expr.Call(Type.BOOLEAN, SIMD, "matVec4Pays", List.of(c.to(), cj.to()));
        return List.of(new Stmt.Comment("the loop over " + c.index() + " as a layer of four rows in i-" + c.index()
                        + "-" + cj.index() + " order: the entries in vector lanes where Simd is faster (fused"
                        + " multiply-adds: @Jit)"),
                new Stmt.If(f.src(), test, then, List.of(f)));
    }

    /** The two factors of the loop's one term {@code sum += p * q}, each an entry {@code row[j]}; or null. */
    private static Expr[] term(List<Stmt> terms, String sum, String j) {
        Expr[] found = null;
        for (Stmt s : terms) {
            if (!(s instanceof Stmt.Assign a) || !(a.target() instanceof Local t)) {
                return null;
            }
            if (!t.name().equals(sum)) {
                continue;
            }
            if (found != null || !(a.value() instanceof Expr.Binary add) || add.op() != BinaryOp.ADD
                    || !add.left().equals(t) || !(add.right() instanceof Expr.Binary mul) || mul.op() != BinaryOp.MUL
                    || entry(mul.left(), j) == null || entry(mul.right(), j) == null) {
                return null;
            }
            found = new Expr[] {entry(mul.left(), j), entry(mul.right(), j)};
        }
        return found;
    }

    /** {@code row} of {@code row[j]}, a double entry; else null. */
    private static Expr entry(Expr e, String j) {
        return e instanceof Expr.Index ix && ix.type() == Type.DOUBLE && ix.index() instanceof Local l
                && l.name().equals(j) ? ix.array() : null;
    }

    /** {@code w} of the row {@code w[k]}, {@code w} a local matrix; else null. */
    private static Local sharedRow(Expr row, String k) {
        return row instanceof Expr.Index ix && ix.array() instanceof Local w && w.type() == Type.DOUBLE_MATRIX
                && ix.index() instanceof Local i && i.name().equals(k) ? w : null;
    }

    /** {@code {a, e}} for {@code a + e} or {@code e + a}, {@code a} one of the sums; else null. */
    private static Expr[] plus(Expr e, Set<String> sumNames) {
        if (!(e instanceof Expr.Binary b) || b.op() != BinaryOp.ADD) {
            return null;
        }
        return b.left() instanceof Local l && sumNames.contains(l.name()) ? new Expr[] {l, b.right()}
                : b.right() instanceof Local r && sumNames.contains(r.name()) ? new Expr[] {r, b.left()} : null;
    }

    /** A literal, a local or an entry {@code b[k]} of a local array, naming none of {@code forbidden}. */
    private static boolean startingValue(Expr e, Set<String> forbidden) {
        boolean simple = e instanceof Expr.Lit || e instanceof Local
                || e instanceof Expr.Index ix && ix.array() instanceof Local && ix.index() instanceof Local;
        boolean[] clear = {simple};
        Walk.locals(e, n -> clear[0] &= !forbidden.contains(n));
        return clear[0];
    }

    /** A bound evaluated again for the call: it cannot fail, and the jammed loop assigns nothing it reads. */
    private boolean fixed(Expr bound) {
        if (Throws.mayThrow(bound, x -> x instanceof Expr.Length l && l.array() instanceof Local)) {
            return false;
        }
        boolean[] ok = {true};
        Walk.locals(bound, n -> ok[0] &= !assigned.contains(n));
        return ok[0];
    }

    private static boolean mentions(Expr e, String name) {
        boolean[] hit = {false};
        Walk.locals(e, n -> hit[0] |= n.equals(name));
        return hit[0];
    }

    private static boolean zero(Expr e) {
        return e instanceof Expr.Lit l && (l.text().equals("0") || l.text().equals("0.0"));
    }
}
