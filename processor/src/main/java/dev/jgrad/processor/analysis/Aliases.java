package dev.jgrad.processor.analysis;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Walk;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which array variables of a method body may reach the same array: {@code double[] acc = out}, a
 * row {@code double[] r = m[i]} (it reaches into {@code m}), {@code m[i] = r}, {@code t = c ? a : b}.
 * A flow-insensitive may-alias partition (union-find over variable names): two names in different
 * classes never reach the same array through the body's own assignments. Arrays passed by the
 * caller are not related here, and a call's result is a new array (front inlines the user's
 * helpers; the calls left in the IR allocate what they return).
 *
 * <p>The {@code @Jit} independence checks ask it before they treat two names as two arrays: a loop
 * that sums into {@code out[j]} and reads {@code acc[j]} reads its own partial sums.
 */
public final class Aliases {
    private final NamePartition classes = new NamePartition();

    private Aliases() {}

    /** The alias classes of the array variables of {@code body}, nested statements included. */
    public static Aliases of(List<Stmt> body) {
        Aliases a = new Aliases();
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Decl d && d.type().isArray() && d.init() != null) {
                a.bind(d.name(), d.init());
            } else if (s instanceof Stmt.Assign as && as.target().type().isArray()) {
                String root = Walk.root(as.target());
                if (root != null) {
                    a.bind(root, as.value());
                }
            }
        });
        return a;
    }

    /** Whether {@code a} and {@code b} may name the same array (or arrays sharing rows). */
    public boolean same(String a, String b) {
        return find(a).equals(find(b));
    }

    /** The names among {@code candidates} that may reach the same array as one of {@code names}, those excepted. */
    public Set<String> others(Set<String> names, Set<String> candidates) {
        Set<String> out = new HashSet<>();
        for (String c : candidates) {
            if (names.contains(c)) {
                continue;
            }
            for (String n : names) {
                if (same(n, c)) {
                    out.add(c);
                    break;
                }
            }
        }
        return out;
    }

    /** {@code name} may now reach every array that {@code value} may evaluate to. */
    private void bind(String name, Expr value) {
        for (String r : arrayRoots(value, new HashSet<>())) {
            union(name, r);
        }
    }

    /** The variables whose arrays (or rows) an array-valued expression may evaluate to. */
    private static Set<String> arrayRoots(Expr e, Set<String> out) {
        if (e instanceof Expr.Local || e instanceof Expr.Index) {
            String root = Walk.root(e);
            if (root != null) {
                out.add(root);
            } else {
                Walk.locals(e, out::add);
            }
        } else if (e instanceof Expr.Cond c) {
            arrayRoots(c.then(), out);
            arrayRoots(c.otherwise(), out);
        } else if (e instanceof Expr.Cast c) {
            arrayRoots(c.operand(), out);
        }
        // a new array, a literal, or a call: front inlines the user's helpers, so what calls are left
        // (Arrays2.zerosLike, copyOf) allocate the array they return
        return out;
    }

    private String find(String n) {
        return classes.find(n);
    }

    private void union(String a, String b) {
        classes.union(a, b);
    }
}
