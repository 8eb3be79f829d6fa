package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import dev.jgrad.processor.rules.Throws;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fewer one-use temporaries in generated code, where that computes the same doubles (part of {@link Tidy}):
 * <ul>
 * <li>a temporary the transform declared, {@code double d_3 = d_2 * x;}, read once, by a later statement
 * of the same block, {@code x_bar += d_3 * -0.5;}, is folded into that read: {@code x_bar += d_2 * x *
 * -0.5;}. Its expression is a small tree of locals, literals and arithmetic that cannot throw; no
 * statement between writes a local it reads, and none is one whose writes are not plain assignments
 * (a parallel loop, a call for its effect). The tree is kept as it was ({@code a * (b * c)} stays
 * parenthesised), and Java evaluates every double operation the same wherever it stands, so each
 * value is the same bit for bit;</li>
 * <li>two branches in a row on the same boolean local, {@code if (taken) {...} if (taken) {...}},
 * which neither writes, are one, and so are two on a local and its negation, never assigned: the same
 * statements run in the same order;</li>
 * <li>an adjoint's zero declaration that one branch alone mentions moves into it, and a copy {@code
 * double price_bar = total_bar;} of a local never assigned again is read as the original.</li>
 * </ul>
 */
final class Temporaries {
    /** The most operators a folded expression may hold, so that the line it lands in stays readable. */
    private static final int OPERATORS = 3;

    /** What {@link #reads} counts for a local read after the body: more than any count of reads in it. */
    private static final int READ_AFTER = 1 << 20;

    private final Map<String, Integer> reads = new HashMap<>();
    private final Set<String> assigned = new HashSet<>();
    private final Set<String> captured = new HashSet<>();
    private Map<String, String> negations = Map.of();

    private Temporaries() {}

    /** {@code body}, whose locals in {@code readAfter} are read after it, with its temporaries folded. */
    static List<Stmt> apply(List<Stmt> body, Set<String> readAfter) {
        Temporaries t = new Temporaries();
        Walk.statements(body, s -> {
            Walk.expressions(s, e -> Walk.locals(e, t::read));
            if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local l) {
                t.assigned.add(l.name());
            }
            if (s instanceof Stmt.ParallelFor p) {
                Walk.locals(p.from(), t::read);
                Walk.locals(p.to(), t::read);
                for (List<Expr.Local> ls : List.of(p.captured(), p.scalars(), p.vectors(), p.matrices())) {
                    ls.forEach(l -> {
                        t.read(l.name());
                        t.captured.add(l.name());
                    });
                }
            } else if (!(s instanceof Stmt.Decl || s instanceof Stmt.Assign || s instanceof Stmt.If
                    || s instanceof Stmt.Block || s instanceof Stmt.Comment || s instanceof Stmt.Return)) {
                // a loop's init and update, a call for its effect: whatever they name is neither copied nor folded
                Tidy.names(s, n -> t.captured.add(n));
            }
        });
        readAfter.forEach(n -> t.reads.merge(n, READ_AFTER, Integer::sum));
        t.negations = negations(body);
        return t.block(body);
    }

    /**
     * {@code body} with its branches in a row on one condition made one, and each declaration {@code
     * double v = 0.0;} of the transform's that only one
     * branch of a later branch statement of its block mentions moved to the top of that branch, where
     * {@link Tidy} can declare it with its first contribution: untaken, the branch never reads it.
     */
    static List<Stmt> sink(List<Stmt> body, Set<String> readAfter) {
        return sink(body, readAfter, negations(body));
    }

    private static List<Stmt> sink(List<Stmt> body, Set<String> readAfter, Map<String, String> negations) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            out.add(within(s, b -> sink(b, readAfter, negations)));
        }
        out = merged(out, negations);
        for (int k = 0; k < out.size(); k++) {
            if (!(out.get(k) instanceof Stmt.Decl d && d.src() == null && d.init() instanceof Expr.Lit
                    && !readAfter.contains(d.name()))) {
                continue;
            }
            int at = -1;
            for (int j = k + 1; j < out.size() && at != -2; j++) {
                if (mentions(List.of(out.get(j)), d.name())) {
                    at = at == -1 && out.get(j) instanceof Stmt.If ? j : -2;
                }
            }
            if (at < 0) {
                continue;
            }
            Stmt.If i = (Stmt.If) out.get(at);
            boolean inThen = mentions(i.then(), d.name());
            boolean inElse = mentions(i.otherwise(), d.name());
            boolean inCond = readsDirectly(i, d.name());
            if (inCond || inThen == inElse) {
                continue;
            }
            List<Stmt> branch = new ArrayList<>(inThen ? i.then() : i.otherwise());
            branch.add(0, d);
            out.set(at, inThen ? new Stmt.If(i.src(), i.cond(), branch, i.otherwise())
                    : new Stmt.If(i.src(), i.cond(), i.then(), branch));
            out.remove(k);
            k--;
        }
        return out;
    }

    /**
     * {@code body} (a helper's value-and-partials method) with each {@code double v = 0.0;} whose next
     * mention, later in its block, is {@code v += e;} declared there as {@code double v = 0.0 + e;}: the same
     * addition (so a {@code -0.0} stays {@code +0.0}, unlike {@link Tidy}'s {@code double v = e;}), one
     * store and one load fewer, which keeps such a method under HotSpot's inlining size for hot callees.
     */
    static List<Stmt> declaredAtFirstContribution(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>(body);
        for (int k = 0; k < out.size(); k++) {
            if (!(out.get(k) instanceof Stmt.Decl d && d.type() == Type.DOUBLE && d.init() instanceof Expr.Lit zero
                    && isZero(zero))) {
                continue;
            }
            for (int j = k + 1; j < out.size(); j++) {
                if (!mentions(List.of(out.get(j)), d.name())) {
                    continue;
                }
                if (out.get(j) instanceof Stmt.Assign a && a.target() instanceof Expr.Local t && t.name().equals(d.name())
                        && a.value() instanceof Expr.Binary b && b.left().equals(t) && b.type() == Type.DOUBLE
                        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB) && !mentionsExpr(b.right(), d.name())) {
                    out.set(j, new Stmt.Decl(d.src(), d.type(), d.name(), new Expr.Binary(Type.DOUBLE, b.op(), zero, b.right())));
                    out.remove(k);
                    k--;
                }
                break;
            }
        }
        return out;
    }

    /** Whether a statement of {@code body}, or one nested in them, mentions the local {@code name}. */
    private static boolean mentions(List<Stmt> body, String name) {
        boolean[] found = {false};
        java.util.function.Consumer<String> check = n -> found[0] |= n.equals(name);
        Walk.statements(body, s -> {
            Walk.expressions(s, e -> Walk.locals(e, check));
            Tidy.names(s, check);
            if (s instanceof Stmt.ParallelFor p) {
                for (List<Expr.Local> ls : List.of(p.captured(), p.scalars(), p.vectors(), p.matrices())) {
                    ls.forEach(l -> check.accept(l.name()));
                }
            }
        });
        return found[0];
    }

    /** {@code s} with {@code f} applied to the blocks nested in it. */
    private static Stmt within(Stmt s, java.util.function.UnaryOperator<List<Stmt>> f) {
        if (s instanceof Stmt.If i) {
            return new Stmt.If(i.src(), i.cond(), f.apply(i.then()), f.apply(i.otherwise()));
        }
        if (s instanceof Stmt.Block b) {
            return new Stmt.Block(b.src(), f.apply(b.body()));
        }
        if (s instanceof Stmt.For fo) {
            return new Stmt.For(fo.src(), fo.init(), fo.cond(), fo.update(), f.apply(fo.body()));
        }
        if (s instanceof Stmt.While w) {
            return new Stmt.While(w.src(), w.cond(), f.apply(w.body()), w.testAfter());
        }
        if (s instanceof Stmt.ParallelFor p) {
            return p.withChunkBody(f.apply(p.chunkBody()));
        }
        return s;
    }

    private void read(String name) {
        reads.merge(name, 1, Integer::sum);
    }

    private List<Stmt> block(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            out.add(within(s, this::block));
        }
        for (int k = 0; k < out.size(); k++) {
            if (out.get(k) instanceof Stmt.Decl d && copy(d, out, k)) {
                out.remove(k);
                k--;
            } else if (out.get(k) instanceof Stmt.Decl d && (foldable(d) || accumulated(d, out, k))) {
                int use = useOf(d, out, k);
                if (use > k) {
                    out.set(use, substitute(out.get(use), d.name(), d.init()));
                    out.remove(k);
                    k--;
                }
            } else if (out.get(k) instanceof Stmt.Decl d && k + 1 < out.size() && out.get(k + 1) instanceof Stmt.If i) {
                Expr chosen = chosen(d, i);
                if (chosen != null) {
                    out.set(k, new Stmt.Decl(d.src(), d.type(), d.name(), chosen));
                    out.remove(k + 1);
                }
            }
        }
        return merged(out, negations);
    }

    /**
     * Whether {@code d}, {@code double price = CGrad.price_and_dspot(..., price_d);} of the transform's, is
     * read once, by the next statement, {@code total += price;}: the call (or any expression), folded
     * there, runs after the read of {@code total}, which it cannot assign, and throws before the store
     * as it did.
     */
    private boolean accumulated(Stmt.Decl d, List<Stmt> out, int k) {
        return d.src() == null && d.type() == Type.DOUBLE && d.init() != null && d.init().type() == Type.DOUBLE
                && !(d.init() instanceof Expr.Lit) && !(d.init() instanceof Expr.Local) && reads.getOrDefault(d.name(), 0) == 1 && !captured.contains(d.name()) && k + 1 < out.size()
                && out.get(k + 1) instanceof Stmt.Assign a && a.target() instanceof Expr.Local t
                && !t.name().equals(d.name()) && a.value() instanceof Expr.Binary b && b.left().equals(t)
                && b.right() instanceof Expr.Local r && r.name().equals(d.name())
                && b.op() != BinaryOp.CAND && b.op() != BinaryOp.COR;
    }

    /**
     * For {@code double v = 0.0;} followed by {@code if (c) { v += -1.0; } else { v += 1.0; }} (an
     * adjoint's only contributions, non-zero literals): {@code c ? -1.0 : 1.0}, the same values
     * ({@code 0.0 + a} is {@code a} for every non-zero {@code a}); else null.
     */
    private static Expr chosen(Stmt.Decl d, Stmt.If i) {
        if (d.src() != null || d.type() != Type.DOUBLE || !(d.init() instanceof Expr.Lit zero) || !isZero(zero)
                || mentionsExpr(i.cond(), d.name()) || Throws.mayThrow(i.cond())) {
            return null;
        }
        Expr then = contribution(i.then(), d.name());
        Expr otherwise = contribution(i.otherwise(), d.name());
        return then == null || otherwise == null ? null : new Expr.Cond(Type.DOUBLE, i.cond(), then, otherwise);
    }

    /** {@code a} for a branch that is {@code v += a;} ({@code -a} for {@code v -= a;}), a non-zero double literal; else null. */
    private static Expr contribution(List<Stmt> branch, String v) {
        if (branch.size() != 1 || !(branch.get(0) instanceof Stmt.Assign a) || !(a.target() instanceof Expr.Local t)
                || !t.name().equals(v) || !(a.value() instanceof Expr.Binary b) || !b.left().equals(t)
                || !(b.right() instanceof Expr.Lit lit) || lit.type() != Type.DOUBLE || isZero(lit)) {
            return null;
        }
        double x = Double.parseDouble(lit.text());
        return b.op() == BinaryOp.ADD ? lit : b.op() == BinaryOp.SUB ? Expr.Lit.ofDouble(-x) : null;
    }

    private static boolean isZero(Expr.Lit lit) {
        try {
            return Double.parseDouble(lit.text()) == 0.0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean mentionsExpr(Expr e, String name) {
        boolean[] found = {false};
        Walk.locals(e, n -> found[0] |= n.equals(name));
        return found[0];
    }

    /**
     * Whether {@code d}, {@code double v = u;} of the transform's, copies a local that no statement
     * assigns, and nothing assigns {@code v}: then its reads, all in the statements after it in
     * {@code out}, read {@code u} instead (the same value), and it can go.
     */
    private boolean copy(Stmt.Decl d, List<Stmt> out, int k) {
        if (d.src() != null || d.type() != Type.DOUBLE || !(d.init() instanceof Expr.Local u) || u.type() != Type.DOUBLE
                || reads.getOrDefault(d.name(), 0) >= READ_AFTER || assigned.contains(d.name())
                || assigned.contains(u.name()) || captured.contains(d.name()) || captured.contains(u.name())) {
            return false;
        }
        List<Stmt> rest = out.subList(k + 1, out.size());
        List<Stmt> renamed = new ArrayList<>();
        for (Stmt s : rest) {
            Stmt r = rename(s, d.name(), u);
            if (r == null) {
                return false;
            }
            renamed.add(r);
        }
        for (int j = 0; j < renamed.size(); j++) {
            rest.set(j, renamed.get(j));
        }
        return true;
    }

    /** {@code s} with the local {@code name} read as {@code by}; null if {@code s} has a statement this does not rewrite. */
    private static Stmt rename(Stmt s, String name, Expr by) {
        if (!mentions(List.of(s), name)) {
            return s;
        }
        if (s instanceof Stmt.Decl d) {
            return new Stmt.Decl(d.src(), d.type(), d.name(), Subst.local(d.init(), name, by));
        }
        if (s instanceof Stmt.Assign a) {
            return new Stmt.Assign(a.src(), Subst.local(a.target(), name, by), Subst.local(a.value(), name, by));
        }
        if (s instanceof Stmt.Return r) {
            return new Stmt.Return(r.src(), Subst.local(r.value(), name, by));
        }
        if (s instanceof Stmt.If i) {
            List<Stmt> then = renameAll(i.then(), name, by);
            List<Stmt> otherwise = renameAll(i.otherwise(), name, by);
            return then == null || otherwise == null ? null
                    : new Stmt.If(i.src(), Subst.local(i.cond(), name, by), then, otherwise);
        }
        if (s instanceof Stmt.Block b) {
            List<Stmt> body = renameAll(b.body(), name, by);
            return body == null ? null : new Stmt.Block(b.src(), body);
        }
        return null;
    }

    private static List<Stmt> renameAll(List<Stmt> body, String name, Expr by) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            Stmt r = rename(s, name, by);
            if (r == null) {
                return null;
            }
            out.add(r);
        }
        return out;
    }

    /** A double temporary of the transform's, read once, whose value is a small tree that cannot throw. */
    private boolean foldable(Stmt.Decl d) {
        // a literal stays: an adjoint's seed, double s_bar = 1.0, says what it is
        if (d.src() != null || d.type() != Type.DOUBLE || d.init() == null || d.init().type() != Type.DOUBLE
                || d.init() instanceof Expr.Lit
                || reads.getOrDefault(d.name(), 0) != 1 || captured.contains(d.name()) || Throws.mayThrow(d.init())) {
            return false;
        }
        int[] operators = {0};
        boolean[] plain = {true};
        Walk.postOrder(d.init(), x -> {
            if (x instanceof Expr.Binary || x instanceof Expr.Unary || x instanceof Expr.Cond) {
                operators[0]++;
            }
            plain[0] &= x instanceof Expr.Local || x instanceof Expr.Lit || x instanceof Expr.Const
                    || x instanceof Expr.Binary b && b.op() != BinaryOp.CAND && b.op() != BinaryOp.COR
                    || x instanceof Expr.Unary || x instanceof Expr.Cast;
        });
        return plain[0] && operators[0] <= OPERATORS;
    }

    /**
     * The index of the statement after {@code k} that reads {@code d}'s local directly (not in a nested
     * statement or a loop's condition), if nothing between writes what {@code d} reads; else -1.
     */
    private static int useOf(Stmt.Decl d, List<Stmt> out, int k) {
        Set<String> inputs = new HashSet<>();
        Walk.locals(d.init(), inputs::add);
        for (int j = k + 1; j < out.size(); j++) {
            Stmt s = out.get(j);
            boolean direct = s instanceof Stmt.Decl || s instanceof Stmt.Assign || s instanceof Stmt.Return
                    || s instanceof Stmt.If;
            if (direct && readsDirectly(s, d.name())) {
                return j;
            }
            if (!(s instanceof Stmt.Decl || s instanceof Stmt.Assign || s instanceof Stmt.If
                    || s instanceof Stmt.Block || s instanceof Stmt.Comment) || writesAny(s, inputs)) {
                return -1;
            }
            boolean[] nestedRead = {false};
            Walk.statements(List.of(s), x -> Walk.expressions(x, e -> Walk.locals(e, n -> nestedRead[0] |= n.equals(d.name()))));
            if (nestedRead[0]) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean readsDirectly(Stmt s, String name) {
        boolean[] found = {false};
        Walk.expressions(s, e -> Walk.locals(e, n -> found[0] |= n.equals(name)));
        return found[0];
    }

    /** Whether {@code s}, or a statement nested in it, assigns a local of {@code names}, or runs something other than assignments. */
    private static boolean writesAny(Stmt s, Set<String> names) {
        boolean[] writes = {false};
        Walk.statements(List.of(s), x -> {
            if (x instanceof Stmt.Assign a && a.target() instanceof Expr.Local l && names.contains(l.name())
                    || !(x instanceof Stmt.Decl || x instanceof Stmt.Assign || x instanceof Stmt.If
                    || x instanceof Stmt.Block || x instanceof Stmt.Comment)) {
                writes[0] = true;
            }
        });
        return writes[0];
    }

    private static Stmt substitute(Stmt s, String name, Expr by) {
        if (s instanceof Stmt.Decl d) {
            return new Stmt.Decl(d.src(), d.type(), d.name(), Subst.local(d.init(), name, by));
        }
        if (s instanceof Stmt.Assign a) {
            return new Stmt.Assign(a.src(), Subst.local(a.target(), name, by), Subst.local(a.value(), name, by));
        }
        if (s instanceof Stmt.Return r) {
            return new Stmt.Return(r.src(), Subst.local(r.value(), name, by));
        }
        Stmt.If i = (Stmt.If) s;
        return new Stmt.If(i.src(), Subst.local(i.cond(), name, by), i.then(), i.otherwise());
    }

    /** {@code body} with each run of branches on one boolean local that they do not write made one branch. */
    private static List<Stmt> merged(List<Stmt> body, Map<String, String> negations) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.If i && i.cond() instanceof Expr.Local c && !out.isEmpty()
                    && out.get(out.size() - 1) instanceof Stmt.If prev && prev.cond() instanceof Expr.Local p
                    && noClash(prev, i) && !leaves(prev)) {
                boolean same = p.equals(c) && !writesAny(prev, Set.of(c.name())) && !writesAny(i, Set.of(c.name()));
                boolean negated = c.name().equals(negations.get(p.name())) || p.name().equals(negations.get(c.name()));
                if (same || negated) {
                    List<Stmt> then = new ArrayList<>(prev.then());
                    then.addAll(same ? i.then() : i.otherwise());
                    List<Stmt> otherwise = new ArrayList<>(prev.otherwise());
                    otherwise.addAll(same ? i.otherwise() : i.then());
                    out.set(out.size() - 1, new Stmt.If(prev.src(), p, then, otherwise));
                    continue;
                }
            }
            out.add(s);
        }
        return out;
    }

    /**
     * The boolean locals declared as the negation of another, {@code boolean taken = !isCall;} (a
     * guard of {@link SingleAssignment}), neither ever assigned: {@code if (isCall) a; if (taken) b;}
     * is {@code if (isCall) a; else b;}.
     */
    private static Map<String, String> negations(List<Stmt> body) {
        Map<String, String> out = new HashMap<>();
        Set<String> assigned = new HashSet<>();
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local l) {
                assigned.add(l.name());
            }
            if (s instanceof Stmt.Decl d && d.type() == Type.BOOLEAN && d.init() instanceof Expr.Unary u
                    && u.op() == dev.jgrad.processor.ir.UnaryOp.NOT && u.operand() instanceof Expr.Local c) {
                out.put(d.name(), c.name());
            }
        });
        out.keySet().removeIf(t -> assigned.contains(t) || assigned.contains(out.get(t)));
        return out;
    }

    /** Whether {@code s} may leave its block (a return, break, continue or throw): what follows it there would be unreachable. */
    private static boolean leaves(Stmt s) {
        boolean[] leaves = {false};
        Walk.statements(List.of(s), x -> leaves[0] |= x instanceof Stmt.Return || x instanceof Stmt.Break
                || x instanceof Stmt.Continue || x instanceof Stmt.Throw);
        return leaves[0];
    }

    /** Whether the two branches declare no local of the same name (they would share a scope). */
    private static boolean noClash(Stmt.If a, Stmt.If b) {
        Set<String> declared = new HashSet<>();
        a.then().forEach(s -> declared.add(s instanceof Stmt.Decl d ? d.name() : ""));
        a.otherwise().forEach(s -> declared.add(s instanceof Stmt.Decl d ? d.name() : ""));
        declared.remove("");
        boolean[] clash = {false};
        b.then().forEach(s -> clash[0] |= s instanceof Stmt.Decl d && declared.contains(d.name()));
        b.otherwise().forEach(s -> clash[0] |= s instanceof Stmt.Decl d && declared.contains(d.name()));
        return !clash[0];
    }
}
