package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Exprs;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Walk;
import dev.jgrad.processor.rules.Throws;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Under {@code @Grad} alone ({@link GradAlone}), where the buffers of a one-pass gradient
 * ({@link LoopBuffers}, {@link RecurrenceTapes}) are allocated. Before the loops, as {@link JitGrad}
 * puts them, a size that may throw ({@code w1.length} of a null {@code w1}) would throw where the
 * source throws nothing (there are no samples) or throws another exception first. Such a buffer is
 * allocated instead right before the loop that fills it, the first time that loop is reached: there
 * the source evaluates the same bound, in the loop's header.
 */
final class LazyBuffers {
    private LazyBuffers() {}

    /** {@code body} with the buffers among {@code buffers} whose size may throw allocated where first filled. */
    static List<Stmt> apply(List<Stmt> body, Set<String> buffers) {
        Map<String, Stmt.Decl> lazy = new HashMap<>();
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            if (s instanceof Stmt.Decl d && buffers.contains(d.name()) && d.init() instanceof Expr.NewArray n
                    && Throws.mayThrow(n, x -> x == n)) {
                lazy.put(d.name(), d);
                out.add(new Stmt.Decl(d.src(), d.type(), d.name(), new Expr.Lit(d.type(), "null")));
            } else {
                out.add(s);
            }
        }
        if (lazy.isEmpty()) {
            return body;
        }
        Set<String> placed = new HashSet<>();
        List<Stmt> lazily = place(out, lazy, placed);
        // a buffer filled other than by a statement of a loop's body stays where it was
        return placed.equals(lazy.keySet()) ? lazily : body;
    }

    /** {@code stmts} with each loop that fills a lazy buffer preceded by its allocation, if not yet made. */
    private static List<Stmt> place(List<Stmt> stmts, Map<String, Stmt.Decl> lazy, Set<String> placed) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : stmts) {
            if (s instanceof Stmt.For f) {
                Set<String> filled = new java.util.LinkedHashSet<>();
                for (Stmt inner : f.body()) {
                    if (inner instanceof Stmt.Assign a && a.target() instanceof Expr.Index) {
                        filled.add(Walk.root(a.target()));
                    }
                }
                for (String name : filled) {
                    Stmt.Decl d = lazy.get(name);
                    if (d != null) {
                        placed.add(name);
                        Expr.Local buffer = new Expr.Local(d.type(), d.name());
                        out.add(new Stmt.If(null, Exprs.compare(BinaryOp.EQ, buffer, new Expr.Lit(d.type(), "null")),
                                List.of(new Stmt.Assign(null, buffer, d.init())), List.of()));
                    }
                }
                out.add(new Stmt.For(f.src(), f.init(), f.cond(), f.update(), place(f.body(), lazy, placed)));
            } else if (s instanceof Stmt.If i) {
                out.add(new Stmt.If(i.src(), i.cond(), place(i.then(), lazy, placed), place(i.otherwise(), lazy, placed)));
            } else if (s instanceof Stmt.Block b) {
                out.add(new Stmt.Block(b.src(), place(b.body(), lazy, placed)));
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
