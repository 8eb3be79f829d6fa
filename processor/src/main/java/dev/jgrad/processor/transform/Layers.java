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
import java.util.HashSet;
import java.util.List;
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
 * {@code dot4} ends with.
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
    /** What the jammed loop being rewritten declares or assigns; null outside one. */
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
            List<Stmt> layer = written != null && s instanceof Stmt.For f ? layer(f) : null;
            if (layer != null) {
                out.addAll(layer);
            } else if (s instanceof Stmt.TryFinally t) {
                // Jam's jammed loop and its remainder: a failure in the first runs the group again in the second
                Set<String> outerWritten = written;
                List<Stmt> outerPanels = panels;
                written = assigned(t.body());
                panels = new ArrayList<>();
                List<Stmt> jammed = block(t.body());
                out.addAll(panels);
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

    /** The names that {@code body} declares or assigns (a local, or an element of the array it names). */
    private static Set<String> assigned(List<Stmt> body) {
        Set<String> out = new HashSet<>();
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Decl d) {
                out.add(d.name());
            } else if (s instanceof Stmt.Assign a && Walk.root(a.target()) != null) {
                out.add(Walk.root(a.target()));
            }
        });
        return out;
    }

    /** One input of the layer: its sum {@code a}, starting value, row {@code x[i]} and array {@code h}. */
    private record Lane(Stmt.Decl sum, Expr row, Local array) {}

    /** The loop as the starting values' loop and one {@code matVec4} call, or null if it is not such a layer. */
    private List<Stmt> layer(Stmt.For f) {
        Counted c = Counted.of(f);
        List<Stmt> body = f.body().stream().filter(s -> !(s instanceof Stmt.Comment)).toList();
        if (c == null || !zero(c.from()) || body.size() != 2 * LANES + 1 || !(body.get(LANES) instanceof Stmt.For inner)) {
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
        Local w = null;
        List<Lane> lanes = new ArrayList<>();
        Set<String> arrays = new HashSet<>();
        for (int k = 0; k < LANES; k++) {
            Stmt.Decl sum = sums.get(k);
            Expr[] pair = term(terms, sum.name(), cj.index());
            Local h = store(body.subList(LANES + 1, body.size()), sum.name(), c.index());
            if (pair == null || h == null || !arrays.add(h.name())) {
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
            lanes.add(new Lane(sum, row, h));
        }
        Set<String> forbidden = new HashSet<>(sumNames);
        forbidden.addAll(arrays);
        forbidden.add(cj.index());
        for (Lane l : lanes) {
            Set<String> inRow = new HashSet<>();
            Walk.locals(l.row(), inRow::add);
            inRow.retainAll(forbidden);
            if (!inRow.isEmpty() || !startingValue(l.sum().init(), forbidden)) {
                return null;
            }
        }
        if (written.contains(w.name())) {
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
            starts.add(new Stmt.Assign(l.sum().src(), new Expr.Index(Type.DOUBLE, l.array(), k), l.sum().init()));
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

    /** {@code array} of the statement {@code array[k] = sum} among {@code stores}, an array the method owns; else null. */
    private Local store(List<Stmt> stores, String sum, String k) {
        Local found = null;
        for (Stmt s : stores) {
            if (!(s instanceof Stmt.Assign a) || !(a.target() instanceof Expr.Index ix) || !(ix.array() instanceof Local h)
                    || !(ix.index() instanceof Local i) || !i.name().equals(k) || !own.contains(h.name())) {
                return null;
            }
            if (a.value() instanceof Local v && v.name().equals(sum)) {
                if (found != null) {
                    return null;
                }
                found = h;
            }
        }
        return found;
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
        Walk.locals(bound, n -> ok[0] &= !written.contains(n));
        return ok[0];
    }

    private static boolean mentions(Expr e, String name) {
        boolean[] hit = {false};
        Walk.locals(e, n -> hit[0] |= n.equals(name));
        return hit[0];
    }

    private static boolean zero(Expr e) {
        return e instanceof Expr.Lit l && l.text().equals("0");
    }
}
