package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The last step of the transform: each parallel loop of a finished method body learns which of its
 * captured variables are not effectively final (a lambda cannot capture them as they are, so the
 * call site copies them), judged on the whole body as it will be printed.
 */
public final class Captures {
    private Captures() {}

    /** {@code body} with every {@link Stmt.ParallelFor} knowing its reassigned captures; {@code params} are the method's. */
    public static List<Stmt> mark(List<Stmt> body, Set<String> params) {
        return mark(body, body, params);
    }

    private static List<Stmt> mark(List<Stmt> stmts, List<Stmt> method, Set<String> params) {
        List<Stmt> out = new ArrayList<>(stmts.size());
        for (Stmt s : stmts) {
            out.add(mark(s, method, params));
        }
        return out;
    }

    private static Stmt mark(Stmt s, List<Stmt> method, Set<String> params) {
        if (s instanceof Stmt.ParallelFor p) {
            Set<String> reassigned = new HashSet<>();
            for (Local c : p.captured()) {
                if (!effectivelyFinal(c.name(), method, params)) {
                    reassigned.add(c.name());
                }
            }
            return p.withReassigned(reassigned).withChunkBody(mark(p.chunkBody(), method, params));
        }
        if (s instanceof Stmt.Block b) {
            return new Stmt.Block(b.src(), mark(b.body(), method, params));
        }
        if (s instanceof Stmt.TryFinally t) {
            return new Stmt.TryFinally(mark(t.body(), method, params), mark(t.last(), method, params));
        }
        if (s instanceof Stmt.If i) {
            return new Stmt.If(i.src(), i.cond(), mark(i.then(), method, params), mark(i.otherwise(), method, params));
        }
        if (s instanceof Stmt.For f) {
            return new Stmt.For(f.src(), f.init(), f.cond(), f.update(), mark(f.body(), method, params));
        }
        if (s instanceof Stmt.While w) {
            return new Stmt.While(w.src(), w.cond(), mark(w.body(), method, params), w.testAfter());
        }
        if (s instanceof Stmt.Repeat r) {
            return new Stmt.Repeat(r.counter(), r.from(), mark(r.body(), method, params));
        }
        return s;
    }

    /** Whether a captured variable can be captured as it is: declared (or a parameter) once, never assigned. */
    static boolean effectivelyFinal(String name, List<Stmt> body, Set<String> params) {
        int[] count = {params.contains(name) ? 1 : 0};
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Decl d && d.name().equals(name)) {
                count[0] += d.init() == null ? 2 : 1;
            } else if (s instanceof Stmt.Assign a && a.target() instanceof Local v && v.name().equals(name)) {
                count[0]++;
            }
        });
        return count[0] == 1;
    }
}
