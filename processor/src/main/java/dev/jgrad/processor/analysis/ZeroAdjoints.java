package dev.jgrad.processor.analysis;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.UnaryOp;
import dev.jgrad.processor.ir.Walk;
import dev.jgrad.processor.rules.Rules;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The definitions of {@code double} locals whose value the path taken may not carry into the result:
 * {@code double e = Math.exp(x);} before {@code if (x > 30) return x;}, {@code double inv = 1 / r;}
 * before {@code if (i == j) continue;}, an {@code ez} read in one arm of a {@code ?:}. On such a path
 * the local's adjoint is zero, and passing it on multiplies zero by the definition's partials, which
 * may be infinite or NaN just there ({@code Math.exp(800)}, {@code 1 / r} at {@code r = 0}, a NaN that
 * means a missing value): {@code 0 * inf} is NaN where the branch taken has a finite derivative. The
 * reverse of such a definition passes its adjoint on only when it is not zero ({@code if (e_bar != 0.0)}),
 * as JAX and PyTorch, which never propagate into a value the result does not use.
 *
 * <p>A definition is carried for sure when a statement after it, reached on every path that does not
 * throw, reads it where a derivative flows (not in a condition, an index, a cast to an integer, a
 * piecewise constant function or one side of a max or min, and in both arms of a {@code ?:}), and that
 * statement is itself a return, a definition carried for sure or an array element (arrays are filled to be
 * read: an element that nothing reads is not looked for). Anything else is unsure: a read inside
 * a loop that may run no time, a {@code return}, {@code break} or {@code continue} in between, the value
 * overwritten first. Pure: it reads the IR and changes nothing.
 */
public final class ZeroAdjoints {
    /** Where the scan of the statements after a definition ended. */
    private enum Scan { CARRIED, LOST, ON }

    /** Each statement's block and index, and the block's owner (null for the method's body). */
    private record Place(List<Stmt> block, int index, Stmt owner) {}

    private final Map<Stmt, Place> places = new IdentityHashMap<>();
    private final Map<Stmt, Boolean> carried = new IdentityHashMap<>();

    private ZeroAdjoints(List<Stmt> body) {
        index(body, null);
    }

    /** The definitions of {@code body} (by identity) whose adjoint may be zero because the path taken does not use them. */
    public static Set<Stmt> unsure(List<Stmt> body) {
        ZeroAdjoints z = new ZeroAdjoints(body);
        Set<Stmt> out = Collections.newSetFromMap(new IdentityHashMap<>());
        Walk.statements(body, s -> {
            String v = defined(s);
            if (v != null && !z.carried(s, v)) {
                out.add(s);
            }
        });
        return out;
    }

    private void index(List<Stmt> block, Stmt owner) {
        for (int k = 0; k < block.size(); k++) {
            Stmt s = block.get(k);
            places.put(s, new Place(block, k, owner));
            if (s instanceof Stmt.If i) {
                index(i.then(), s);
                index(i.otherwise(), s);
            } else if (s instanceof Stmt.Block b) {
                index(b.body(), s);
            } else if (s instanceof Stmt.For f) {
                index(f.body(), s);
            } else if (s instanceof Stmt.While w) {
                index(w.body(), s);
            }
        }
    }

    /** The {@code double} local that {@code s} defines, or null. */
    private static String defined(Stmt s) {
        if (s instanceof Stmt.Decl d && d.type() == Type.DOUBLE && d.init() != null) {
            return d.name();
        }
        if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local v && v.type() == Type.DOUBLE) {
            return v.name();
        }
        return null;
    }

    /** Whether the value that {@code def} gives {@code v} reaches the result on every path that does not throw. */
    private boolean carried(Stmt def, String v) {
        Boolean known = carried.get(def);
        if (known != null) {
            return known;
        }
        // a cycle (a sum carried to itself by the next iteration) is settled by the loop's exit
        carried.put(def, true);
        boolean result = after(def, v);
        carried.put(def, result);
        return result;
    }

    /** Follows the statements after {@code s}, out of the blocks that hold it, until {@code v} is carried or lost. */
    private boolean after(Stmt s, String v) {
        Place p = places.get(s);
        while (p != null) {
            Scan scan = scan(p.block().subList(p.index() + 1, p.block().size()), v);
            if (scan != Scan.ON) {
                return scan == Scan.CARRIED;
            }
            Stmt owner = p.owner();
            if (owner == null) {
                return false;
            }
            if (owner instanceof Stmt.For || owner instanceof Stmt.While) {
                List<Stmt> body = owner instanceof Stmt.For f ? f.body() : ((Stmt.While) owner).body();
                // declared in the loop, it ends with the iteration; else a later iteration may overwrite it unread
                if (declaresOrOverwrites(body, v)) {
                    return false;
                }
            } else if (!(owner instanceof Stmt.If || owner instanceof Stmt.Block)) {
                return false;
            }
            p = places.get(owner);
        }
        return false;
    }

    /** Whether {@code body} declares {@code v} or assigns it a value that does not read it ({@code v = e}, not {@code v += e}). */
    private static boolean declaresOrOverwrites(List<Stmt> body, String v) {
        boolean[] hit = {false};
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Decl d && d.name().equals(v)) {
                hit[0] = true;
            } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local t && t.name().equals(v)
                    && !surely(a.value(), v)) {
                hit[0] = true;
            }
        });
        return hit[0];
    }

    private Scan scan(List<Stmt> stmts, String v) {
        for (Stmt s : stmts) {
            Scan scan = scan(s, v);
            if (scan != Scan.ON) {
                return scan;
            }
        }
        return Scan.ON;
    }

    private Scan scan(Stmt s, String v) {
        if (s instanceof Stmt.Return r) {
            return r.value() != null && surely(r.value(), v) ? Scan.CARRIED : Scan.LOST;
        }
        if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
            return Scan.LOST;
        }
        String defines = defined(s);
        if (defines != null) {
            Expr value = s instanceof Stmt.Decl d ? d.init() : ((Stmt.Assign) s).value();
            if (surely(value, v)) {
                return carried(s, defines) ? Scan.CARRIED : Scan.LOST;
            }
            return defines.equals(v) ? Scan.LOST : Scan.ON;
        }
        if (s instanceof Stmt.Assign a) {
            // an element (h[k] = Math.tanh(a)): counted as read, as arrays are filled to be read
            return surely(a.value(), v) ? Scan.CARRIED : Scan.ON;
        }
        if (s instanceof Stmt.Block b) {
            return scan(b.body(), v);
        }
        if (s instanceof Stmt.If i) {
            Scan then = scan(i.then(), v);
            Scan otherwise = scan(i.otherwise(), v);
            if (then == Scan.CARRIED && otherwise == Scan.CARRIED) {
                return Scan.CARRIED;
            }
            return then == Scan.LOST || otherwise == Scan.LOST ? Scan.LOST : Scan.ON;
        }
        if (s instanceof Stmt.For || s instanceof Stmt.While) {
            // it may run no time: its reads do not count, but a sum into v ({@code v += e}) carries v past it
            boolean[] lost = {false};
            Walk.statements(List.of(s), x -> lost[0] |= x instanceof Stmt.Return
                    || x instanceof Stmt.Decl d && d.name().equals(v)
                    || x instanceof Stmt.Assign a && a.target() instanceof Expr.Local t && t.name().equals(v)
                            && !surely(a.value(), v));
            return lost[0] ? Scan.LOST : Scan.ON;
        }
        if (s instanceof Stmt.Decl || s instanceof Stmt.Comment || s instanceof Stmt.Throw || s instanceof Stmt.Assert) {
            return Scan.ON;
        }
        return Scan.LOST;
    }

    /** Whether evaluating {@code e} surely reads {@code v} where a derivative flows. */
    private static boolean surely(Expr e, String v) {
        if (e instanceof Expr.Local l) {
            return l.type() == Type.DOUBLE && l.name().equals(v);
        }
        if (e instanceof Expr.Binary b) {
            return switch (b.op()) {
                case ADD, SUB, MUL, DIV -> b.type() == Type.DOUBLE && (surely(b.left(), v) || surely(b.right(), v));
                default -> false;
            };
        }
        if (e instanceof Expr.Unary u) {
            return u.op() == UnaryOp.NEG && surely(u.operand(), v);
        }
        if (e instanceof Expr.Cond c) {
            return surely(c.then(), v) && surely(c.otherwise(), v);
        }
        if (e instanceof Expr.Cast c) {
            return c.type() == Type.DOUBLE && surely(c.operand(), v);
        }
        if (e instanceof Expr.Prim p) {
            if (p.rule().isPiecewiseConstant() || Rules.extremum(p.rule()) != 0 || p.type() != Type.DOUBLE) {
                return false;
            }
            return p.args().stream().anyMatch(a -> surely(a, v));
        }
        if (e instanceof Expr.Call c) {
            return c.type() == Type.DOUBLE && c.args().stream().anyMatch(a -> surely(a, v));
        }
        return false;
    }
}
