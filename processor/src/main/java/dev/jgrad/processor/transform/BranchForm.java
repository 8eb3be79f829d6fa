package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.UnaryOp;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A helper's value-and-partials method with its last branch kept a branch: the helper's {@code if
 * (isCall) {...} else {...}} had become, in single-assignment form ({@link SingleAssignment}),
 * declarations chosen per value ({@code double normCdf = isCall ? CGrad.normCdf_and_dx(d1, partials) :
 * 0.0;}, {@code double price_4 = isCall ? price_2 : price_3;}), each a test of the condition, followed by
 * the adjoint's one {@code if (isCall) {...} else {...}}. Here each side's declarations move to the top
 * of that side of the adjoint's branch, unguarded, and a choice of versions becomes an assignment in
 * each side ({@code price_4 = spot * normCdf - ...;}, declared before the branch):
 *
 * <pre>
 * if (isCall) {
 *     double normCdf = CGrad.normCdf_and_dx(d1, partials);   // the call branch, forward
 *     double normCdf_d = partials[0];
 *     ...
 *     price_4 = spot * normCdf - strike * discount * normCdf_2;
 *     spot_bar += price_4_bar * normCdf;                      // and its adjoint
 *     ...
 * } else { ...the put branch, forward and adjoint... }
 * </pre>
 *
 * The condition is tested once per call, as the helper tests it; the statements that run are the
 * same, in the same order (those of the side not taken did not run before either: they were guarded),
 * so the value and every exception are the helper's. Done only where everything between the first
 * moved declaration and the branch is such a declaration, a read of the method's buffer right after a
 * call, a choice, a guard, or a literal, and where nothing outside a side reads what the side declares;
 * else the body is returned as it was.
 */
public final class BranchForm {
    private enum Side { BOTH, THEN, ELSE }

    private final Map<String, String> negations;
    private final Local cond;

    private BranchForm(Map<String, String> negations, Local cond) {
        this.negations = negations;
        this.cond = cond;
    }

    /**
     * {@code body} (a value-and-partials method's, tidied: {@link Tidy}) in branch form where it can
     * be; {@code value} and {@code partials} are read after it, {@code params} are the method's.
     */
    public static List<Stmt> apply(List<Stmt> body, Expr value, List<Expr> partials,
            java.util.Collection<String> params) {
        // the outputs, and what the value depends on: a first contribution to them keeps adding to zero
        Set<String> keep = new HashSet<>();
        Walk.locals(value, keep::add);
        partials.forEach(p -> Walk.locals(p, keep::add));
        Set<String> primal = new HashSet<>(params);
        Walk.locals(value, primal::add);
        keep.addAll(Tidy.ValueDeps.closure(body, primal));
        for (int k = body.size() - 1; k >= 0; k--) {
            if (body.get(k) instanceof Stmt.If i && i.cond() instanceof Local c && c.type() == Type.BOOLEAN) {
                List<Stmt> out = new BranchForm(negations(body), c).rewrite(body, k, keep);
                return out == null ? body : out;
            }
        }
        return body;
    }

    private List<Stmt> rewrite(List<Stmt> body, int k, Set<String> keep) {
        Stmt.If branch = (Stmt.If) body.get(k);
        int start = k;
        while (start > 0 && movable(body.get(start - 1))) {
            start--;
        }
        List<Stmt> before = new ArrayList<>(body.subList(0, start));
        List<Stmt> then = new ArrayList<>();
        List<Stmt> otherwise = new ArrayList<>();
        Side last = Side.BOTH;
        boolean moved = false;
        for (Stmt s : body.subList(start, k)) {
            Side side = sideOf(s);
            if (s instanceof Stmt.Decl d && d.init() instanceof Expr.Cond c && side != Side.BOTH) {
                (side == Side.THEN ? then : otherwise).add(new Stmt.Decl(d.src(), d.type(), d.name(), c.then()));
                last = side;
                moved = true;
            } else if (s instanceof Stmt.If check && side != Side.BOTH) {
                (side == Side.THEN ? then : otherwise).addAll(check.then());
                last = side;
            } else if (s instanceof Stmt.Decl d && d.init() instanceof Expr.Index && last != Side.BOTH) {
                // the partial a call just wrote into the buffer: read where the call ran
                (last == Side.THEN ? then : otherwise).add(s);
            } else if (s instanceof Stmt.Decl d && d.init() instanceof Expr.Cond c && isChoice(c)) {
                Side first = sideOf(c.cond());
                before.add(new Stmt.Decl(null, d.type(), d.name(), new Expr.Lit(d.type(), d.type().zero())));
                Local target = new Local(d.type(), d.name());
                then.add(new Stmt.Assign(null, target, first == Side.THEN ? c.then() : c.otherwise()));
                otherwise.add(new Stmt.Assign(null, target, first == Side.THEN ? c.otherwise() : c.then()));
            } else {
                before.add(s);
            }
        }
        if (!moved) {
            return null;
        }
        List<Stmt> after = body.subList(k + 1, body.size());
        Set<String> thenDeclared = declared(then);
        Set<String> elseDeclared = declared(otherwise);
        List<Stmt> thenAdjoint = branch.then();
        List<Stmt> elseAdjoint = branch.otherwise();
        if (reads(before, thenDeclared) || reads(before, elseDeclared) || reads(after, thenDeclared)
                || reads(after, elseDeclared) || reads(otherwise, thenDeclared) || reads(elseAdjoint, thenDeclared)
                || reads(then, elseDeclared) || reads(thenAdjoint, elseDeclared)) {
            return null;
        }
        List<Stmt> thenAll = chosenInPlace(then, thenAdjoint);
        List<Stmt> elseAll = chosenInPlace(otherwise, elseAdjoint);
        List<Stmt> rest = concat(before, thenAll, elseAll, thenAdjoint, elseAdjoint, after);
        // a guard that no statement reads any more
        before.removeIf(s -> s instanceof Stmt.Decl d && negations.containsKey(d.name())
                && Walk.reads(rest).stream().noneMatch(d.name()::equals));
        firstContributions(before, thenAdjoint, elseAdjoint, keep, thenAll, elseAll);
        List<Stmt> out = new ArrayList<>(before);
        out.add(new Stmt.If(branch.src(), branch.cond(), thenAll, elseAll));
        out.addAll(after);
        return out;
    }

    /** Whether {@code s} may be moved into a side, or past the side's statements (a literal, a guard, a choice). */
    private boolean movable(Stmt s) {
        if (s instanceof Stmt.Comment) {
            return true;
        }
        if (s instanceof Stmt.If i) {
            return sideOf(s) != Side.BOTH && i.otherwise().isEmpty()
                    && i.then().stream().allMatch(x -> x instanceof Stmt.Throw || x instanceof Stmt.Assert);
        }
        if (!(s instanceof Stmt.Decl d) || d.init() == null) {
            return false;
        }
        Expr init = d.init();
        return init instanceof Expr.Lit
                || init instanceof Expr.Index ix && ix.array() instanceof Local && ix.index() instanceof Expr.Lit
                || init instanceof Expr.Cond c && (sideOf(s) != Side.BOTH || isChoice(c))
                || d.type() == Type.BOOLEAN && negations.containsKey(d.name());
    }

    /** {@code g ? a : b} choosing between two versions of a variable. */
    private boolean isChoice(Expr.Cond c) {
        return sideOf(c.cond()) != Side.BOTH && c.then() instanceof Local && c.otherwise() instanceof Local;
    }

    /** The side a guarded declaration, a guarded check or a condition belongs to. */
    private Side sideOf(Stmt s) {
        if (s instanceof Stmt.Decl d && d.init() instanceof Expr.Cond c && c.otherwise() instanceof Expr.Lit z
                && (z.type() == Type.DOUBLE ? isZero(z) : z.text().equals(z.type().zero()))) {
            return sideOf(c.cond());
        }
        if (s instanceof Stmt.If i) {
            return sideOf(i.cond());
        }
        return Side.BOTH;
    }

    private Side sideOf(Expr c) {
        if (!(c instanceof Local l)) {
            return Side.BOTH;
        }
        String base = negations.getOrDefault(l.name(), l.name());
        String own = negations.getOrDefault(cond.name(), cond.name());
        if (!base.equals(own)) {
            return Side.BOTH;
        }
        boolean negated = negations.containsKey(l.name()) != negations.containsKey(cond.name());
        return negated ? Side.ELSE : Side.THEN;
    }

    /**
     * {@code side} with a declaration {@code double price_2 = e;} that only the next assignment {@code
     * price_4 = price_2;} reads written {@code price_4 = e;}.
     */
    private static List<Stmt> chosenInPlace(List<Stmt> side, List<Stmt> adjoint) {
        List<Stmt> out = new ArrayList<>(side);
        for (int j = out.size() - 1; j >= 0; j--) {
            if (!(out.get(j) instanceof Stmt.Assign a && a.value() instanceof Local v)) {
                continue;
            }
            for (int d = j - 1; d >= 0; d--) {
                if (out.get(d) instanceof Stmt.Decl decl && decl.name().equals(v.name())) {
                    List<Stmt> others = new ArrayList<>(out);
                    others.remove(j);
                    others.remove(d);
                    if (!reads(others, Set.of(v.name())) && !reads(adjoint, Set.of(v.name()))) {
                        out.set(d, new Stmt.Assign(null, a.target(), decl.init()));
                        out.remove(j);
                    }
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Each adjoint {@code double v = 0.0;} before the branch whose first mention on both sides is a
     * contribution {@code v += e;}, not in {@code keep}: assigned there, {@code v = e;} (adding to
     * zero changes only the sign of a zero, which an adjoint's consumers cannot see: {@link Tidy}).
     * The declaration stays, for the statements after the branch.
     */
    private static void firstContributions(List<Stmt> before, List<Stmt> thenAdjoint, List<Stmt> elseAdjoint,
            Set<String> keep, List<Stmt> thenAll, List<Stmt> elseAll) {
        List<Stmt> thenOut = new ArrayList<>(thenAdjoint);
        List<Stmt> elseOut = new ArrayList<>(elseAdjoint);
        for (Stmt s : before) {
            if (s instanceof Stmt.Decl d && d.type() == Type.DOUBLE && d.init() instanceof Expr.Lit lit
                    && isZero(lit) && !keep.contains(d.name()) && !reads(thenAll, Set.of(d.name()))
                    && !reads(elseAll, Set.of(d.name()))) {
                int t = firstMention(thenOut, d.name());
                int e = firstMention(elseOut, d.name());
                Expr a = t < 0 ? null : contribution(thenOut.get(t), d.name());
                Expr b = e < 0 ? null : contribution(elseOut.get(e), d.name());
                if (a != null && b != null) {
                    Local v = new Local(Type.DOUBLE, d.name());
                    thenOut.set(t, new Stmt.Assign(thenOut.get(t).src(), v, a));
                    elseOut.set(e, new Stmt.Assign(elseOut.get(e).src(), v, b));
                }
            }
        }
        thenAll.addAll(thenOut);
        elseAll.addAll(elseOut);
    }

    private static int firstMention(List<Stmt> body, String v) {
        for (int j = 0; j < body.size(); j++) {
            if (reads(List.of(body.get(j)), Set.of(v))) {
                return j;
            }
        }
        return -1;
    }

    /** {@code e} for {@code v += e;}, {@code -e} for {@code v -= e;}, {@code e} a double not reading {@code v}; else null. */
    private static Expr contribution(Stmt s, String v) {
        if (s instanceof Stmt.Assign a && a.target() instanceof Local t && t.name().equals(v)
                && a.value() instanceof Expr.Binary b && b.left().equals(t) && b.right().type() == Type.DOUBLE
                && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)) {
            Set<String> names = new HashSet<>();
            Walk.locals(b.right(), names::add);
            if (names.contains(v)) {
                return null;
            }
            return b.op() == BinaryOp.ADD ? b.right() : new Expr.Unary(Type.DOUBLE, UnaryOp.NEG, b.right());
        }
        return null;
    }

    private static boolean isZero(Expr.Lit lit) {
        try {
            return Double.parseDouble(lit.text()) == 0.0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Set<String> declared(List<Stmt> side) {
        Set<String> out = new HashSet<>();
        side.forEach(s -> {
            if (s instanceof Stmt.Decl d) {
                out.add(d.name());
            }
        });
        return out;
    }

    /** Whether a statement of {@code body}, nested ones included, reads or writes a local of {@code names}. */
    private static boolean reads(List<Stmt> body, Set<String> names) {
        if (names.isEmpty()) {
            return false;
        }
        boolean[] found = {false};
        Walk.statements(body, s -> Tidy.names(s, n -> found[0] |= names.contains(n)));
        return found[0];
    }

    @SafeVarargs
    private static List<Stmt> concat(List<Stmt>... lists) {
        List<Stmt> out = new ArrayList<>();
        for (List<Stmt> l : lists) {
            out.addAll(l);
        }
        return out;
    }

    /** The boolean locals declared as the negation of another, {@code boolean taken = !isCall;}, neither assigned. */
    private static Map<String, String> negations(List<Stmt> body) {
        Map<String, String> out = new HashMap<>();
        Set<String> assigned = new HashSet<>();
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Assign a && a.target() instanceof Local l) {
                assigned.add(l.name());
            }
            if (s instanceof Stmt.Decl d && d.type() == Type.BOOLEAN && d.init() instanceof Expr.Unary u
                    && u.op() == UnaryOp.NOT && u.operand() instanceof Local c) {
                out.put(d.name(), c.name());
            }
        });
        out.keySet().removeIf(t -> assigned.contains(t) || assigned.contains(out.get(t)));
        return out;
    }
}
