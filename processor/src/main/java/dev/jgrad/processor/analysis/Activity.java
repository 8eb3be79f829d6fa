package dev.jgrad.processor.analysis;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Activity analysis (Fagan and Carle; Hascoët's "varied" and "useful"): a variable is active when
 * it depends on a {@code wrt} input (varied) and the result depends on it (useful). Only active
 * variables get adjoints. The analysis is flow-insensitive over the method's unique names, which is
 * safe (it may call a variable active that a flow-sensitive one would not) and enough for the subset.
 *
 * <p>Arrays are handled by alias class: {@code double[] row = m[i]} makes {@code row} and {@code m}
 * one class, since a write through one is a write to the other.
 */
public final class Activity {
    private final NamePartition classes = new NamePartition();
    private final Set<String> varied = new HashSet<>();
    private final Set<String> useful = new HashSet<>();
    private final List<Expr.Call> activeExternCalls = new ArrayList<>();

    private Activity() {}

    /** Runs the analysis of {@code method} with respect to the parameters in {@code wrt}. */
    public static Activity of(Method method, Set<String> wrt) {
        Activity a = new Activity();
        List<Stmt> all = new ArrayList<>();
        Walk.statements(method.body(), all::add);
        for (Stmt s : all) {
            a.unifyAliases(s);
        }
        for (String w : wrt) {
            a.varied.add(a.find(w));
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Stmt s : all) {
                changed |= a.propagateVaried(s);
            }
        }
        changed = true;
        while (changed) {
            changed = false;
            for (Stmt s : all) {
                changed |= a.propagateUseful(s);
            }
        }
        return a;
    }

    /** Whether the variable (scalar, or array by its alias class) carries a derivative. */
    public boolean isActive(String name) {
        String r = find(name);
        return varied.contains(r) && useful.contains(r);
    }

    /** The representative of the alias class of an array variable (the variable itself for scalars). */
    public String aliasOf(String name) {
        return find(name);
    }

    /** Whether {@code e} has a non-zero derivative with respect to the inputs, as far as the analysis knows. */
    public boolean isActive(Expr e) {
        boolean[] any = {false};
        flows(e, n -> any[0] |= isActive(n));
        return any[0];
    }

    /** Calls to methods jgrad cannot see into (not primitives) whose arguments are active: each is an error. */
    public List<Expr.Call> activeExternCalls() {
        return activeExternCalls;
    }

    // ---------------------------------------------------------------- alias classes

    private String find(String n) {
        return classes.find(n);
    }

    private void union(String a, String b) {
        classes.union(a, b);
    }

    private void unifyAliases(Stmt s) {
        Expr target = null;
        Expr value = null;
        if (s instanceof Stmt.Decl d && d.type().isArray()) {
            target = new Expr.Local(d.type(), d.name());
            value = d.init();
        } else if (s instanceof Stmt.Assign a && a.target().type().isArray()) {
            target = a.target();
            value = a.value();
        }
        if (target == null || value == null) {
            return;
        }
        String t = Walk.root(target);
        for (String r : arrayRoots(value)) {
            union(t, r);
        }
    }

    /**
     * The variables an array-valued expression (or an element of one) may alias: {@code m} for
     * {@code m[i]}, both {@code a} and {@code b} for {@code (c ? a : b)[i]}.
     */
    private static List<String> arrayRoots(Expr e) {
        List<String> out = new ArrayList<>();
        if (e instanceof Expr.Cond c) {
            out.addAll(arrayRoots(c.then()));
            out.addAll(arrayRoots(c.otherwise()));
        } else if (e instanceof Expr.Index i) {
            out.addAll(arrayRoots(i.array()));
        } else if (e instanceof Expr.Local l) {
            out.add(l.name());
        }
        return out;
    }

    // ---------------------------------------------------------------- data flow

    /**
     * The variables whose value flows differentiably into {@code e}: not through conditions,
     * indices, comparisons, casts to integers, piecewise-constant functions, or an argument of a
     * primitive whose rule says the result is constant in it (the sign of {@code copySign}).
     */
    static void flows(Expr e, Consumer<String> f) {
        if (e instanceof Expr.Local l) {
            if (l.type().isDifferentiable()) {
                f.accept(l.name());
            }
        } else if (e instanceof Expr.Index i) {
            if (i.type().isDifferentiable()) {
                arrayRoots(i).forEach(f);
            }
        } else if (e instanceof Expr.Unary u) {
            if (u.type() == Type.DOUBLE) {
                flows(u.operand(), f);
            }
        } else if (e instanceof Expr.Binary b) {
            if (b.type() == Type.DOUBLE) {
                flows(b.left(), f);
                flows(b.right(), f);
            }
        } else if (e instanceof Expr.Cond c) {
            flows(c.then(), f);
            flows(c.otherwise(), f);
        } else if (e instanceof Expr.Cast c) {
            if (c.type() == Type.DOUBLE) {
                flows(c.operand(), f);
            }
        } else if (e instanceof Expr.Prim p) {
            if (p.type() == Type.DOUBLE) {
                for (int k = 0; k < p.args().size(); k++) {
                    if (p.rule().differentiableIn(k)) {
                        flows(p.args().get(k), f);
                    }
                }
            }
        } else if (e instanceof Expr.ArrayLit a) {
            a.elements().forEach(x -> flows(x, f));
        }
    }

    /** The variable an assignment writes: the local, or the alias class of the array written. */
    private String written(Stmt s) {
        if (s instanceof Stmt.Decl d) {
            return d.init() == null ? null : find(d.name());
        }
        if (s instanceof Stmt.Assign a) {
            return find(Walk.root(a.target()));
        }
        return null;
    }

    private static Expr value(Stmt s) {
        if (s instanceof Stmt.Decl d) {
            return d.init();
        }
        if (s instanceof Stmt.Assign a) {
            return a.value();
        }
        if (s instanceof Stmt.Return r) {
            return r.value();
        }
        return null;
    }

    private boolean propagateVaried(Stmt s) {
        String target = written(s);
        Expr value = value(s);
        if (target == null || value == null || varied.contains(target)) {
            return false;
        }
        boolean[] any = {false};
        flows(value, n -> any[0] |= varied.contains(find(n)));
        if (any[0]) {
            varied.add(target);
            return true;
        }
        return false;
    }

    private boolean propagateUseful(Stmt s) {
        Expr value = value(s);
        if (value == null) {
            return false;
        }
        boolean seeds = s instanceof Stmt.Return || useful.contains(written(s));
        if (!seeds) {
            return false;
        }
        boolean[] changed = {false};
        flows(value, n -> changed[0] |= useful.add(find(n)));
        Walk.postOrder(value, e -> {
            // a boolean or integer result (Double.isNaN(x), a library's bucket(x)) carries no derivative
            if (e instanceof Expr.Call c && c.type().isDifferentiable()
                    && c.args().stream().anyMatch(a -> {
                        boolean[] v = {false};
                        flows(a, n -> v[0] |= varied.contains(find(n)));
                        return v[0];
                    })
                    && activeExternCalls.stream().noneMatch(known -> known == c)) {
                activeExternCalls.add(c);
            }
        });
        return changed[0];
    }
}
