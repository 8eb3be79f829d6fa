package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scalar local assigned again in the statement list that declares it becomes a new version there:
 * {@code norm = Math.sqrt(norm);} after the loop that sums {@code norm} reads {@code double norm_2 =
 * Math.sqrt(norm);}, and what follows reads {@code norm_2}; likewise {@code avg /= n;} and {@code d = d *
 * d;}. Each local is then assigned once per iteration, the form {@code @Jit @Grad}'s tape-free gradient
 * needs ({@code LoopForm}); the operations and their order are the source's, so values are the same bit
 * for bit.
 *
 * <p>An {@code if} of that list whose branches are plain declarations and assignments, each assigning a
 * local at most once, makes a version too: {@code out = z; if (z < 0) out = 0.01 * z;} reads {@code
 * double out_2; if (z < 0) out_2 = 0.01 * z; else out_2 = out;} (a leaky unit, a clip, a helper's
 * parameter assigned again on some paths).
 *
 * <p>Only an assignment that is a statement of the declaring list itself, or of such an {@code if}, is
 * renamed, and only when no statement after it writes the local inside another branch or a loop (that
 * write would still name the old version); arrays keep their names (an element write names the array).
 * A body holding a statement this does not know is returned unchanged.
 */
public final class Versions {
    private final Names names;
    /** The scalar locals given a value once, where declared, and never assigned: a copy of one may read it instead. */
    private final Set<String> constant = new HashSet<>();
    private boolean unknown;

    private Versions(Names names) {
        this.names = names;
    }

    /** {@code body} with its reassigned scalar locals versioned. */
    public static List<Stmt> apply(List<Stmt> body, Names names) {
        Versions v = new Versions(names);
        Set<String> assigned = new HashSet<>();
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Decl d && isScalar(d.type()) && d.init() != null && !v.constant.add(d.name())) {
                assigned.add(d.name());
            } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local l) {
                assigned.add(l.name());
            }
        });
        v.constant.removeAll(assigned);
        List<Stmt> out = v.list(body, Map.of());
        return v.unknown ? body : out;
    }

    private List<Stmt> list(List<Stmt> in, Map<String, Expr> outer) {
        Map<String, Expr> by = new HashMap<>(outer);
        Map<String, Type> declared = new HashMap<>();
        Set<String> valued = new HashSet<>();
        List<Stmt> out = new ArrayList<>();
        for (int k = 0; k < in.size(); k++) {
            Stmt s = in.get(k);
            List<Stmt> rest = in.subList(k + 1, in.size());
            if (s instanceof Stmt.Decl d) {
                out.add(new Stmt.Decl(d.src(), d.type(), d.name(), d.init() == null ? null : Subst.locals(d.init(), by)));
                if (isScalar(d.type())) {
                    declared.put(d.name(), d.type());
                    if (d.init() != null) {
                        valued.add(d.name());
                    }
                }
                continue;
            }
            if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local v && declared.containsKey(v.name())
                    && !writtenInside(rest, v.name())) {
                Expr value = Subst.locals(a.value(), by);
                if (value instanceof Expr.Local w && constant.contains(w.name()) && w.type() == v.type()) {
                    // v = w, w never assigned again: what follows reads w, with no copy (h_k = tanh;)
                    by.put(v.name(), w);
                    valued.add(v.name());
                    continue;
                }
                String version = names.fresh(v.name());
                out.add(new Stmt.Decl(a.src(), declared.get(v.name()), version, Subst.locals(a.value(), by)));
                by.put(v.name(), new Expr.Local(v.type(), version));
                valued.add(v.name());
                continue;
            }
            if (s instanceof Stmt.If i && branches(i, declared, valued, rest, by, out)) {
                continue;
            }
            out.add(stmt(s, by));
        }
        return out;
    }

    /**
     * {@code if (c) v = e;} (or {@code else v = f;}) of a local {@code v} that has a value already, in
     * branches of plain declarations and assignments: a new version {@code v_2} declared before the
     * {@code if} and assigned once on each path, {@code v_2 = v} where the source leaves {@code v} as it
     * is. What follows reads {@code v_2}. False, and nothing added to {@code out}, for any other
     * {@code if}.
     */
    private boolean branches(Stmt.If i, Map<String, Type> declared, Set<String> valued, List<Stmt> rest,
            Map<String, Expr> by, List<Stmt> out) {
        Set<String> written = new LinkedHashSet<>();
        if (!plainBranches(i)) {
            return false;
        }
        for (List<Stmt> branch : List.of(i.then(), i.otherwise())) {
            for (Stmt s : branch) {
                if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local v && valued.contains(v.name())) {
                    written.add(v.name());
                }
            }
        }
        if (written.isEmpty() || written.stream().anyMatch(v -> writtenInside(rest, v))) {
            return false;
        }
        Map<String, Expr.Local> versions = new HashMap<>();
        for (String v : written) {
            Expr.Local version = new Expr.Local(declared.get(v), names.fresh(v));
            versions.put(v, version);
            out.add(new Stmt.Decl(null, version.type(), version.name(), null));
        }
        out.add(new Stmt.If(i.src(), Subst.locals(i.cond(), by), branch(i.then(), versions, by),
                branch(i.otherwise(), versions, by)));
        by.putAll(versions);
        return true;
    }

    /** One branch of {@link #branches}: each versioned local assigned once, its old value where the source keeps it. */
    private static List<Stmt> branch(List<Stmt> in, Map<String, Expr.Local> versions, Map<String, Expr> outer) {
        Map<String, Expr> by = new HashMap<>(outer);
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : in) {
            if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local v && versions.containsKey(v.name())) {
                out.add(new Stmt.Assign(a.src(), versions.get(v.name()), Subst.locals(a.value(), by)));
                by.put(v.name(), versions.get(v.name()));
            } else if (s instanceof Stmt.Assign a) {
                out.add(new Stmt.Assign(a.src(), Subst.locals(a.target(), by), Subst.locals(a.value(), by)));
            } else if (s instanceof Stmt.Decl d) {
                out.add(new Stmt.Decl(d.src(), d.type(), d.name(), d.init() == null ? null : Subst.locals(d.init(), by)));
            } else {
                out.add(s);
            }
        }
        versions.forEach((v, version) -> {
            if (by.get(v) != version) {
                out.add(new Stmt.Assign(null, version, outer.getOrDefault(v, new Expr.Local(version.type(), v))));
            }
        });
        return out;
    }

    private Stmt stmt(Stmt s, Map<String, Expr> by) {
        if (s instanceof Stmt.Assign a) {
            return new Stmt.Assign(a.src(), Subst.locals(a.target(), by), Subst.locals(a.value(), by));
        }
        if (s instanceof Stmt.If i) {
            return new Stmt.If(i.src(), Subst.locals(i.cond(), by), list(i.then(), by), list(i.otherwise(), by));
        }
        if (s instanceof Stmt.Block b) {
            return new Stmt.Block(b.src(), list(b.body(), by));
        }
        if (s instanceof Stmt.For f) {
            // the index and its bound: init, condition and update read the enclosing versions
            return new Stmt.For(f.src(), list(f.init(), by), f.cond() == null ? null : Subst.locals(f.cond(), by),
                    list(f.update(), by), list(f.body(), by));
        }
        if (s instanceof Stmt.While w) {
            return new Stmt.While(w.src(), Subst.locals(w.cond(), by), list(w.body(), by), w.testAfter());
        }
        if (s instanceof Stmt.Return r) {
            return new Stmt.Return(r.src(), r.value() == null ? null : Subst.locals(r.value(), by));
        }
        if (s instanceof Stmt.Throw t) {
            return new Stmt.Throw(t.src(), t.exception(), t.args().stream().map(e -> Subst.locals(e, by)).toList());
        }
        if (s instanceof Stmt.Assert a) {
            return new Stmt.Assert(a.src(), Subst.locals(a.cond(), by), a.message() == null ? null : Subst.locals(a.message(), by));
        }
        if (s instanceof Stmt.Run r) {
            return new Stmt.Run((Expr.Call) Subst.locals(r.call(), by));
        }
        if (s instanceof Stmt.Break || s instanceof Stmt.Continue || s instanceof Stmt.Comment) {
            return s;
        }
        unknown = true;
        return s;
    }

    /** Branches of declarations and assignments only, each local assigned at most once in each. */
    private static boolean plainBranches(Stmt.If i) {
        for (List<Stmt> branch : List.of(i.then(), i.otherwise())) {
            Set<String> once = new HashSet<>();
            for (Stmt s : branch) {
                if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local v && !once.add(v.name())) {
                    return false;
                }
                if (!(s instanceof Stmt.Decl || s instanceof Stmt.Assign || s instanceof Stmt.Comment)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether a statement of {@code stmts} nested in a branch, block or loop assigns {@code name}; an
     * {@code if} of plain branches does not count (its writes become a version of their own).
     */
    private static boolean writtenInside(List<Stmt> stmts, String name) {
        boolean[] found = {false};
        for (Stmt s : stmts) {
            if (s instanceof Stmt.Assign || s instanceof Stmt.Decl || s instanceof Stmt.If i && plainBranches(i)) {
                continue;
            }
            Walk.statements(List.of(s), x -> {
                if (x instanceof Stmt.Assign a && a.target() instanceof Expr.Local l && l.name().equals(name)) {
                    found[0] = true;
                }
            });
        }
        return found[0];
    }

    private static boolean isScalar(Type t) {
        return t == Type.DOUBLE || t == Type.INT || t == Type.LONG || t == Type.BOOLEAN;
    }
}
