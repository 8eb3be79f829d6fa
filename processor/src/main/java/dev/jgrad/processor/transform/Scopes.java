package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Flattens the scopes of a body for the tape-free gradient, whose reverse sweep reads a level's
 * locals from outside the block or branch that declared them: nested blocks are spliced into their
 * list, and a local declared in a branch is declared (without a value) at the start of its level,
 * the method or the loop body it is in, and assigned where it was declared. Every local has a name
 * of its own, so nothing clashes.
 */
final class Scopes {
    private Scopes() {}

    static List<Stmt> flatten(List<Stmt> level) {
        List<Stmt> decls = new ArrayList<>();
        List<Stmt> body = list(level, decls, true);
        List<Stmt> out = new ArrayList<>(decls);
        out.addAll(body);
        return out;
    }

    /** {@code stmts} with blocks spliced in; declarations below the level itself go to {@code decls}. */
    private static List<Stmt> list(List<Stmt> stmts, List<Stmt> decls, boolean atLevel) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : stmts) {
            if (s instanceof Stmt.Block b) {
                out.addAll(list(b.body(), decls, atLevel));
            } else if (s instanceof Stmt.Decl d && !atLevel) {
                decls.add(new Stmt.Decl(null, d.type(), d.name(), null));
                if (d.init() != null) {
                    out.add(new Stmt.Assign(d.src(), new Expr.Local(d.type(), d.name()), d.init()));
                }
            } else if (s instanceof Stmt.If i) {
                out.add(new Stmt.If(i.src(), i.cond(), list(i.then(), decls, false), list(i.otherwise(), decls, false)));
            } else if (s instanceof Stmt.For f) {
                out.add(new Stmt.For(f.src(), f.init(), f.cond(), f.update(), flatten(f.body())));
            } else if (s instanceof Stmt.While w) {
                out.add(new Stmt.While(w.src(), w.cond(), flatten(w.body()), w.testAfter()));
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
