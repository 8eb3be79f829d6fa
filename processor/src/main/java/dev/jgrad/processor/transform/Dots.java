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
 * A {@code @Jit} rewrite, the last of the loop rewrites: an innermost loop that is a dot product,
 * {@code for (int j = 0; j < n; j++) s += a[j] * b[j];} with {@code a} and {@code b} rows that the loop
 * does not change ({@code w}, {@code x[i]}, {@code w1[k]}), becomes
 * {@code if (Simd.dotPays(n)) s += Simd.dot(a, b, n); else <the loop>}, and the four dot products of a
 * loop that {@link Jam} runs four rows at a time against one shared row ({@code a += w1[k][j] * x[i][j];
 * a1 += w1[k][j] * x[i + 1][j]; ...}) one {@code Simd.dot4} call under {@code Simd.dot4Pays(n)}. The
 * runtime adds the products in vector lanes when the JVM has the Vector API, else in several sums (Java's
 * strict order keeps the JIT from doing either with the loop as written), and says, from its kernel and
 * {@code n}, whether that is faster than the loop: short rows, and the four sums of a jammed loop without
 * the Vector API, keep the loop. It changes only the order of the additions, which {@code @Jit} allows;
 * the gradient without {@code @Jit} never sees it.
 *
 * <p>What can fail stays as in the loop. The test evaluates {@code n} first, as the loop does, and is false
 * for {@code n <= 0}, so the rows ({@code x[i]}) are computed only if the loop runs; the runtime, when
 * {@code n} is larger than a row, runs the loop in order to its exception. The loop computes {@code a} and
 * reads {@code a[0]} before it computes {@code b}: outside a jammed group the call needs a {@code b} that
 * cannot throw (else an empty {@code a} and a failing {@code b} would throw the other exception), or
 * {@code n} to be {@code a.length} ({@code a[0]} exists); inside one, any failure makes the jammed loop's
 * {@code finally} run the group again in the source's order (see {@link Jam}), so only whether the group
 * fails must be kept.
 */
public final class Dots {
    private static final String SIMD = RuntimeCalls.SIMD;
    private static final int LANES = 4;

    private final Names names;
    /** The buffer of the four sums of {@code dot4} in the method or chunk being rewritten; null until needed. */
    private Local buffer;

    private Dots(Names names) {
        this.names = names;
    }

    /** {@code body} with its dot-product loops as calls; a buffer for {@code dot4} declared where needed. */
    public static List<Stmt> apply(List<Stmt> body, Names names) {
        Dots d = new Dots(names);
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            List<Stmt> r = d.block(List.of(s), false);
            if (d.buffer != null && !d.declared(out)) {
                out.add(decl(d.buffer));
            }
            out.addAll(r);
        }
        return out;
    }

    private boolean declared(List<Stmt> out) {
        return out.stream().anyMatch(s -> s instanceof Stmt.Decl x && x.name().equals(buffer.name()));
    }

    private static Stmt decl(Local buffer) {
        return new Stmt.Decl(null, Type.DOUBLE_ARRAY, buffer.name(),
                new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(Expr.Lit.ofInt(LANES))));
    }

    private List<Stmt> block(List<Stmt> body, boolean grouped) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            List<Stmt> dot = s instanceof Stmt.For f ? dots(f, grouped) : null;
            if (dot != null) {
                out.addAll(dot);
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
            Local outer = buffer;
            buffer = null;
            List<Stmt> body = block(p.chunkBody(), grouped);
            List<Stmt> scratch = new ArrayList<>(p.scratch());
            if (buffer != null) {
                scratch.add(decl(buffer));
            }
            buffer = outer;
            return p.withChunkBody(body).withScratch(scratch);
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

    /** One sum of the loop: {@code target += row · other} (or {@code -=}). */
    private record Term(Stmt.Assign stmt, Local target, BinaryOp op, Expr row, Expr other) {}

    /** The loop as calls, or null if it is not a loop of dot products that the runtime can take. */
    private List<Stmt> dots(Stmt.For f, boolean grouped) {
        Counted c = Counted.of(f);
        if (c == null || !(c.from() instanceof Expr.Lit zero) || !zero.text().equals("0")) {
            return null;
        }
        List<Term> terms = new ArrayList<>();
        for (Stmt s : f.body()) {
            if (s instanceof Stmt.Comment) {
                continue;
            }
            Term t = s instanceof Stmt.Assign a ? term(a, c.index()) : null;
            if (t == null) {
                return null;
            }
            terms.add(t);
        }
        Set<String> targets = new HashSet<>();
        terms.forEach(t -> targets.add(t.target().name()));
        if (terms.isEmpty() || targets.size() != terms.size() || mentions(terms, targets)) {
            return null;
        }
        if (terms.size() == 1) {
            Term t = terms.get(0);
            // the loop reads a[0] before it computes b: moot when a is a local and n its length (n > 0)
            if (!grouped && Throws.mayThrow(t.other())
                    && !(t.row() instanceof Local && c.to().equals(new Expr.Length(t.row())))) {
                return null;
            }
            Expr call = new Expr.Call(Type.DOUBLE, SIMD, "dot", List.of(t.row(), t.other(), c.to()));
            return chosen(f, c, "dotPays", "a dot product",
                    List.of(new Stmt.Assign(t.stmt().src(), t.target(), new Expr.Binary(Type.DOUBLE, t.op(), t.target(), call))));
        }
        if (terms.size() != LANES || !grouped) {
            return null;
        }
        Expr shared = shared(terms);
        if (shared == null) {
            return null;
        }
        if (buffer == null) {
            buffer = new Local(Type.DOUBLE_ARRAY, names.fresh("dots"));
        }
        List<Expr> args = new ArrayList<>();
        args.add(buffer);
        args.add(shared);
        for (Term t : terms) {
            args.add(t.row().equals(shared) ? t.other() : t.row());
        }
        args.add(c.to());
        List<Stmt> body = new ArrayList<>();
        body.add(new Stmt.Run(new Expr.Call(Type.VOID, SIMD, "dot4", args)));
        for (int k = 0; k < LANES; k++) {
            Term t = terms.get(k);
            Expr sum = new Expr.Index(Type.DOUBLE, buffer, Expr.Lit.ofInt(k));
            body.add(new Stmt.Assign(t.stmt().src(), t.target(), new Expr.Binary(Type.DOUBLE, t.op(), t.target(), sum)));
        }
        return chosen(f, c, "dot4Pays", "four dot products", body);
    }

    /**
     * {@code if (Simd.pays(n)) body else loop}, after a comment: the runtime says whether its kernel is
     * faster than the loop for {@code n} entries (never for {@code n <= 0}, so that the rows are computed
     * only if the loop runs, and {@code n} first, as the loop does).
     */
    private static List<Stmt> chosen(Stmt.For loop, Counted c, String pays, String what, List<Stmt> body) {
        Expr test = new Expr.Call(Type.BOOLEAN, SIMD, pays, List.of(c.to()));
        return List.of(new Stmt.Comment("the loop over " + c.index() + " as " + what
                        + " where Simd is faster (its additions in any order: @Jit)"),
                new Stmt.If(loop.src(), test, body, List.of(loop)));
    }

    /** {@code t += r[j] * o[j]} or {@code t -= ...}, {@code t} a double local, {@code r} and {@code o} rows. */
    private static Term term(Stmt.Assign a, String index) {
        if (!(a.target() instanceof Local t) || t.type() != Type.DOUBLE || !(a.value() instanceof Expr.Binary sum)
                || sum.op() != BinaryOp.ADD && sum.op() != BinaryOp.SUB || !sum.left().equals(t)
                || !(sum.right() instanceof Expr.Binary p) || p.op() != BinaryOp.MUL) {
            return null;
        }
        Expr r = entryRow(p.left(), index);
        Expr o = entryRow(p.right(), index);
        return r == null || o == null ? null : new Term(a, t, sum.op(), r, o);
    }

    /** {@code row} for {@code row[index]}, when {@code row} is a row the runtime can take; else null. */
    private static Expr entryRow(Expr e, String index) {
        if (e instanceof Expr.Index ix && ix.type() == Type.DOUBLE && ix.index() instanceof Local j
                && j.name().equals(index) && row(ix.array(), index)) {
            return ix.array();
        }
        return null;
    }

    /** {@code w} or {@code m[e]}, {@code e} an int expression of locals and literals not naming {@code index}. */
    static boolean row(Expr e, String index) {
        if (e instanceof Local l) {
            return l.type() == Type.DOUBLE_ARRAY && !l.name().equals(index);
        }
        return e instanceof Expr.Index ix && ix.type() == Type.DOUBLE_ARRAY && ix.array() instanceof Local m
                && m.type() == Type.DOUBLE_MATRIX && intOf(ix.index(), index);
    }

    private static boolean intOf(Expr e, String index) {
        if (e instanceof Local l) {
            return l.type() == Type.INT && !l.name().equals(index);
        }
        if (e instanceof Expr.Lit l) {
            return l.type() == Type.INT;
        }
        return e instanceof Expr.Binary b && b.type() == Type.INT
                && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB || b.op() == BinaryOp.MUL)
                && intOf(b.left(), index) && intOf(b.right(), index);
    }

    /** Whether a row of one term names a sum of the loop (it would not be the same row at each step). */
    private static boolean mentions(List<Term> terms, Set<String> targets) {
        boolean[] found = {false};
        for (Term t : terms) {
            Walk.locals(t.row(), n -> found[0] |= targets.contains(n));
            Walk.locals(t.other(), n -> found[0] |= targets.contains(n));
        }
        return found[0];
    }

    /** The row that every term multiplies by (the shared weights), or null. */
    private static Expr shared(List<Term> terms) {
        for (Expr candidate : List.of(terms.get(0).row(), terms.get(0).other())) {
            if (terms.stream().allMatch(t -> t.row().equals(candidate) || t.other().equals(candidate))) {
                return candidate;
            }
        }
        return null;
    }
}
