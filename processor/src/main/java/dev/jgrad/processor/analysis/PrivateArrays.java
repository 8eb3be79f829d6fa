package dev.jgrad.processor.analysis;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arrays private to the iterations of a top-level loop: a hidden layer {@code double[] h = new
 * double[hdim]} declared before {@code for (i ...)} and, in each iteration, first filled whole and
 * then read. Each iteration of the loop could then have an array of its own (or each chunk of a
 * parallel loop one buffer): what one iteration leaves in it, no other reads.
 *
 * <p>The proof, on the method's top-level statements, for {@code T a = new double[d0]} (or
 * {@code [d0][d1]}) followed by a counted loop {@code L}:
 * <ul>
 *   <li>the one write to {@code a} is {@code a[k] = e} ({@code a[k][j] = e}), the only statement of
 *       the innermost loop of a nest {@code for (k = 0; k < d0; k++)} ({@code for (j = 0; j < d1; j++)}
 *       inside it) that is a statement of {@code L}'s body itself, not inside a branch: every
 *       iteration of {@code L} writes every element, once;
 *   <li>the bounds are the declaration's dimensions ({@code a.length}, {@code a[k].length}, or the
 *       same expression, of constants, parameters and locals that are never reassigned, and of
 *       their lengths), so that the nest covers the array whatever their values;
 *   <li>every other mention of {@code a} (but its lengths) is an element read in a statement of
 *       {@code L}'s body after the nest: nothing reads an element before this iteration wrote it,
 *       nothing reads it after the loop, and no other name reaches it.
 * </ul>
 * An array read after its loop (its value is then the last iteration's) is not private.
 */
public final class PrivateArrays {
    /** A private array: its declaration, the loop whose iterations own it, and its one write. */
    public record Private(Stmt.Decl decl, Stmt.For loop, Stmt.For nest, Stmt.Assign fill) {}

    private final Map<String, Private> arrays = new LinkedHashMap<>();
    private final Set<Stmt> fills = Collections.newSetFromMap(new IdentityHashMap<>());

    private PrivateArrays() {}

    /** The private arrays of a method body whose parameters are {@code params}. */
    public static PrivateArrays of(List<Stmt> body, Set<String> params) {
        PrivateArrays p = new PrivateArrays();
        Map<String, Integer> assigned = new HashMap<>();
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Decl d && d.init() != null) {
                assigned.merge(d.name(), 1, Integer::sum);
            } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local v) {
                assigned.merge(v.name(), 1, Integer::sum);
            }
        });
        for (int k = 0; k < body.size(); k++) {
            if (body.get(k) instanceof Stmt.Decl d && d.init() instanceof Expr.NewArray n && rank(d.type()) > 0
                    && n.dims().size() == rank(d.type()) && n.dims().stream().allMatch(e -> fixed(e, params, assigned))) {
                Private found = p.find(d, n, body.subList(k + 1, body.size()));
                if (found != null) {
                    p.arrays.put(d.name(), found);
                    p.fills.add(found.fill());
                }
            }
        }
        return p;
    }

    /** The private array named {@code name}, or null. */
    public Private get(String name) {
        return arrays.get(name);
    }

    /** The names of the private arrays, in declaration order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(arrays.keySet());
    }

    /** Whether {@code s} is the fill of a private array. */
    public boolean isFill(Stmt s) {
        return fills.contains(s);
    }

    private Private find(Stmt.Decl d, Expr.NewArray n, List<Stmt> after) {
        String a = d.name();
        Stmt.For loop = null;
        for (Stmt s : after) {
            if (mentions(List.of(s), a)) {
                if (loop != null || !(s instanceof Stmt.For f) || Counted.of(f) == null) {
                    return null;
                }
                loop = f;
            }
        }
        if (loop == null || mentionsIn(loop.init(), a) || mentionsIn(loop.update(), a) || mentions(loop.cond(), a)) {
            return null;
        }
        List<Stmt> body = loop.body();
        int at = -1;
        for (int k = 0; k < body.size() && at < 0; k++) {
            if (mentions(List.of(body.get(k)), a)) {
                at = k;
            }
        }
        if (at < 0 || !(body.get(at) instanceof Stmt.For nest)) {
            return null;
        }
        Stmt.Assign fill = fill(nest, d, n);
        if (fill == null) {
            return null;
        }
        // after the nest: element reads only (a[i][j], its lengths), in any statement of the iteration
        for (Stmt s : body.subList(at + 1, body.size())) {
            boolean[] ok = {true};
            Walk.statements(List.of(s), x -> {
                if (x instanceof Stmt.Assign w && a.equals(Walk.root(w.target()))) {
                    ok[0] = false;
                }
                forEachExpr(x, e -> ok[0] &= onlyElementReads(e, a, rank(d.type())));
            });
            if (!ok[0]) {
                return null;
            }
        }
        return new Private(d, loop, nest, fill);
    }

    /**
     * The one statement {@code a[k] = e} ({@code a[k][j] = e}) of the nest, if the nest is nothing
     * but that write around loops that cover the declaration's dimensions.
     */
    private static Stmt.Assign fill(Stmt.For nest, Stmt.Decl d, Expr.NewArray n) {
        int rank = rank(d.type());
        Expr.Local array = new Expr.Local(d.type(), d.name());
        List<Stmt.For> loops = new ArrayList<>();
        Stmt.For f = nest;
        List<Expr> indices = new ArrayList<>();
        for (int level = 0; level < rank; level++) {
            Counted c = Counted.of(f);
            if (c == null || !(c.from() instanceof Expr.Lit zero) || !zero.text().equals("0")) {
                return null;
            }
            Expr.Local k = new Expr.Local(Type.INT, c.index());
            Expr row = level == 0 ? array : new Expr.Index(Type.DOUBLE_ARRAY, array, indices.get(0));
            if (!c.to().equals(n.dims().get(level)) && !c.to().equals(new Expr.Length(row))) {
                return null;
            }
            indices.add(k);
            loops.add(f);
            if (level < rank - 1) {
                // the next loop of the nest: all that is written with the array's name in this body
                Stmt.For next = null;
                for (Stmt s : f.body()) {
                    if (mentions(List.of(s), d.name())) {
                        if (next != null || !(s instanceof Stmt.For inner)) {
                            return null;
                        }
                        next = inner;
                    }
                }
                if (next == null) {
                    return null;
                }
                f = next;
            }
        }
        Expr target = array;
        for (Expr k : indices) {
            target = new Expr.Index(target == array && rank == 2 ? Type.DOUBLE_ARRAY : Type.DOUBLE, target, k);
        }
        Stmt.Assign write = null;
        for (Stmt s : f.body()) {
            if (!mentions(List.of(s), d.name())) {
                continue;
            }
            if (write != null || !(s instanceof Stmt.Assign w) || !w.target().equals(target)
                    || mentions(w.value(), d.name())) {
                return null;
            }
            write = w;
        }
        return write;
    }

    /** Whether {@code e} names {@code a} only in element reads {@code a[i]...} of full rank, or in lengths. */
    private static boolean onlyElementReads(Expr e, String a, int rank) {
        if (e instanceof Expr.Length l && a.equals(Walk.root(l.array()))) {
            return onlyElementReads(indicesOf(l.array()), a, rank);
        }
        if (e instanceof Expr.Index ix && a.equals(Walk.root(ix))) {
            return depth(ix) == rank && onlyElementReads(indicesOf(ix), a, rank);
        }
        if (e instanceof Expr.Local l) {
            return !l.name().equals(a);
        }
        boolean[] ok = {true};
        children(e, c -> ok[0] &= onlyElementReads(c, a, rank));
        return ok[0];
    }

    private static boolean onlyElementReads(List<Expr> indices, String a, int rank) {
        return indices.stream().allMatch(i -> onlyElementReads(i, a, rank));
    }

    private static List<Expr> indicesOf(Expr e) {
        List<Expr> out = new ArrayList<>();
        while (e instanceof Expr.Index ix) {
            out.add(ix.index());
            e = ix.array();
        }
        return out;
    }

    private static int depth(Expr e) {
        int d = 0;
        while (e instanceof Expr.Index ix) {
            d++;
            e = ix.array();
        }
        return d;
    }

    private static void children(Expr e, java.util.function.Consumer<Expr> f) {
        if (e instanceof Expr.Index i) {
            f.accept(i.array());
            f.accept(i.index());
        } else if (e instanceof Expr.Length l) {
            f.accept(l.array());
        } else if (e instanceof Expr.Unary u) {
            f.accept(u.operand());
        } else if (e instanceof Expr.Binary b) {
            f.accept(b.left());
            f.accept(b.right());
        } else if (e instanceof Expr.Cond c) {
            f.accept(c.cond());
            f.accept(c.then());
            f.accept(c.otherwise());
        } else if (e instanceof Expr.Cast c) {
            f.accept(c.operand());
        } else if (e instanceof Expr.Prim p) {
            p.args().forEach(f);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(f);
        } else if (e instanceof Expr.NewArray n) {
            n.dims().forEach(f);
        } else if (e instanceof Expr.ArrayLit l) {
            l.elements().forEach(f);
        }
    }

    /**
     * An expression whose value cannot change once the method has started: constants, parameters and
     * locals never reassigned, their lengths, and arithmetic of those (no element reads: rows of an
     * input can be replaced).
     */
    private static boolean fixed(Expr e, Set<String> params, Map<String, Integer> assigned) {
        if (e instanceof Expr.Lit || e instanceof Expr.Const) {
            return true;
        }
        if (e instanceof Expr.Local l) {
            int writes = assigned.getOrDefault(l.name(), 0);
            return params.contains(l.name()) ? writes == 0 : writes == 1;
        }
        if (e instanceof Expr.Length l) {
            return l.array() instanceof Expr.Local && fixed(l.array(), params, assigned);
        }
        if (e instanceof Expr.Binary b) {
            return fixed(b.left(), params, assigned) && fixed(b.right(), params, assigned);
        }
        return false;
    }

    private static void forEachExpr(Stmt s, java.util.function.Consumer<Expr> f) {
        Walk.expressions(s, f);
    }

    private static boolean mentions(List<Stmt> stmts, String a) {
        boolean[] hit = {false};
        Walk.statements(stmts, s -> forEachExpr(s, e -> hit[0] |= mentions(e, a)));
        Walk.statements(stmts, s -> hit[0] |= s instanceof Stmt.Decl d && d.name().equals(a));
        return hit[0];
    }

    private static boolean mentionsIn(List<Stmt> stmts, String a) {
        return mentions(stmts, a);
    }

    private static boolean mentions(Expr e, String a) {
        boolean[] hit = {false};
        Walk.locals(e, n -> hit[0] |= n.equals(a));
        return hit[0];
    }

    private static int rank(Type t) {
        return t == Type.DOUBLE_ARRAY ? 1 : t == Type.DOUBLE_MATRIX ? 2 : 0;
    }
}
