package dev.jgrad.processor.front;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Lit;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Exprs;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lowers {@code break}, {@code continue} and early {@code return} to boolean flags, so that the only
 * control flow left is {@code if} and loops whose every iteration runs its body to the end. The reverse
 * sweep then replays branches and trip counts alone, with no jump to undo (the structured form that
 * Giering and Kaminski's recipes assume).
 *
 * <p>A jump sets its flag; the statements after it in its block run under {@code if (!flag)}; a
 * loop's condition tests the flags that leave it. A {@code for} update runs after a {@code continue};
 * so does a do/while's test when its condition inlines statements, which the reader makes the update of
 * a {@code for (;;)} (a {@code break} in an update is lowered here too). A method whose only return
 * is its last statement keeps it; returns that {@link TailReturns} can move to the end of their paths
 * become assignments of the result with no flag.
 */
final class Structure {
    private enum Mode { KEEP_RETURN, ASSIGN_RESULT }

    private static final class Loop {
        Local broke;
        Local skip;
    }

    private record Out(List<Stmt> stmts, Set<Local> flags) {}

    private final Names names;
    private final Mode mode;
    private final Local result;
    private final Deque<Loop> loops = new ArrayDeque<>();
    private Local done;

    private Structure(Names names, Mode mode, Local result) {
        this.names = names;
        this.mode = mode;
        this.result = result;
    }

    /** The body of a top-level method returning {@code returns}: returns are lowered unless the only one is the last statement. */
    static List<Stmt> method(List<Stmt> body, Names names, Type returns) {
        if (onlyReturnIsLast(body)) {
            return new Structure(names, Mode.KEEP_RETURN, null).run(body);
        }
        Local value = new Local(returns, names.fresh("value"));
        List<Stmt> out = new ArrayList<>();
        out.add(new Stmt.Decl(null, returns, value.name(),
                returns == Type.DOUBLE ? Exprs.ZERO : new Lit(returns, returns.zero())));
        out.addAll(new Structure(names, Mode.ASSIGN_RESULT, value).run(body));
        out.add(new Stmt.Return(null, value));
        return out;
    }

    /** The body of an inlined method: returns assign {@code result} (null for a void method). */
    static List<Stmt> inlined(List<Stmt> body, Names names, Local result) {
        return new Structure(names, Mode.ASSIGN_RESULT, result).run(body);
    }

    private List<Stmt> run(List<Stmt> body) {
        if (mode == Mode.ASSIGN_RESULT && onlyReturnIsLast(body)) {
            // the common helper: one return at the end needs no flag
            List<Stmt> head = body.subList(0, body.size() - 1);
            Stmt.Return last = (Stmt.Return) body.get(body.size() - 1);
            List<Stmt> out = new ArrayList<>(list(head).stmts());
            if (result != null && last.value() != null) {
                out.add(new Stmt.Assign(last.src(), result, last.value()));
            }
            return out;
        }
        if (mode == Mode.ASSIGN_RESULT) {
            List<Stmt> tailed = TailReturns.assigning(body, result);
            if (tailed != null) {
                // every return ends its path: an assignment of the result, and no flag
                body = tailed;
            }
        }
        Out out = list(body);
        if (done == null) {
            return out.stmts();
        }
        List<Stmt> withFlag = new ArrayList<>();
        withFlag.add(new Stmt.Decl(null, Type.BOOLEAN, done.name(), Lit.FALSE));
        withFlag.addAll(out.stmts());
        return withFlag;
    }

    private static boolean onlyReturnIsLast(List<Stmt> body) {
        return !body.isEmpty() && body.get(body.size() - 1) instanceof Stmt.Return && countReturns(body) == 1;
    }

    private static int countReturns(List<Stmt> stmts) {
        int n = 0;
        for (Stmt s : stmts) {
            if (s instanceof Stmt.Return) {
                n++;
            } else if (s instanceof Stmt.If i) {
                n += countReturns(i.then()) + countReturns(i.otherwise());
            } else if (s instanceof Stmt.Block b) {
                n += countReturns(b.body());
            } else if (s instanceof Stmt.While w) {
                n += countReturns(w.body());
            } else if (s instanceof Stmt.For f) {
                n += countReturns(f.body());
            }
        }
        return n;
    }

    private Out list(List<Stmt> in) {
        List<Stmt> out = new ArrayList<>();
        Set<Local> flags = new LinkedHashSet<>();
        for (int i = 0; i < in.size(); i++) {
            Out o = stmt(in.get(i));
            out.addAll(o.stmts());
            flags.addAll(o.flags());
            if (!o.flags().isEmpty() && i + 1 < in.size()) {
                Out rest = list(in.subList(i + 1, in.size()));
                if (!rest.stmts().isEmpty()) {
                    out.add(new Stmt.If(null, Exprs.not(any(o.flags())), rest.stmts(), List.of()));
                }
                flags.addAll(rest.flags());
                break;
            }
        }
        return new Out(out, flags);
    }

    private Out stmt(Stmt s) {
        if (s instanceof Stmt.Break) {
            Loop loop = loops.peek();
            if (loop.broke == null) {
                loop.broke = new Local(Type.BOOLEAN, names.fresh("broke"));
            }
            return set(loop.broke);
        }
        if (s instanceof Stmt.Continue) {
            Loop loop = loops.peek();
            if (loop.skip == null) {
                loop.skip = new Local(Type.BOOLEAN, names.fresh("skip"));
            }
            return set(loop.skip);
        }
        if (s instanceof Stmt.Return r) {
            if (mode == Mode.KEEP_RETURN) {
                return new Out(List.of(r), Set.of());
            }
            if (done == null) {
                done = new Local(Type.BOOLEAN, names.fresh("done"));
            }
            List<Stmt> out = new ArrayList<>();
            if (result != null && r.value() != null) {
                out.add(new Stmt.Assign(r.src(), result, r.value()));
            }
            out.add(new Stmt.Assign(null, done, Lit.TRUE));
            return new Out(out, Set.of(done));
        }
        if (s instanceof Stmt.If i) {
            Out then = list(i.then());
            Out otherwise = list(i.otherwise());
            Set<Local> flags = new LinkedHashSet<>(then.flags());
            flags.addAll(otherwise.flags());
            return new Out(List.of(new Stmt.If(i.src(), i.cond(), then.stmts(), otherwise.stmts())), flags);
        }
        if (s instanceof Stmt.Block b) {
            Out body = list(b.body());
            return new Out(List.of(new Stmt.Block(b.src(), body.stmts())), body.flags());
        }
        if (s instanceof Stmt.While w) {
            return loop(w.src(), List.of(), w.cond(), List.of(), w.body(), w.testAfter(), false);
        }
        if (s instanceof Stmt.For f) {
            return loop(f.src(), f.init(), f.cond(), f.update(), f.body(), false, true);
        }
        return new Out(List.of(s), Set.of());
    }

    private static Out set(Local flag) {
        return new Out(List.of(new Stmt.Assign(null, flag, Lit.TRUE)), Set.of(flag));
    }

    private Out loop(dev.jgrad.processor.ir.Src src, List<Stmt> init, Expr cond, List<Stmt> update,
            List<Stmt> body, boolean testAfter, boolean isFor) {
        List<Stmt> tailed = TailReturns.continuing(body);
        if (tailed != null) {
            // each continue ends its path: the rest of the body is its if's else, and no flag
            body = tailed;
        }
        Loop loop = new Loop();
        loops.push(loop);
        Out b;
        boolean bodyBreaks;
        try {
            b = list(body);
            bodyBreaks = loop.broke != null;
            // the update may hold a do/while's test, which leaves the loop by break (see Statements.loop)
            update = list(update).stmts();
        } finally {
            loops.pop();
        }
        Set<Local> exits = new LinkedHashSet<>();
        if (loop.broke != null) {
            exits.add(loop.broke);
        }
        boolean returns = done != null && b.flags().contains(done);
        if (returns) {
            exits.add(done);
        }
        List<Stmt> newBody = new ArrayList<>();
        if (loop.skip != null) {
            newBody.add(new Stmt.Assign(null, loop.skip, Lit.FALSE));
        }
        newBody.addAll(b.stmts());
        Set<Local> flagsOut = returns ? Set.of(done) : Set.of();
        if (exits.isEmpty() && loop.skip == null) {
            Stmt same = isFor ? new Stmt.For(src, init, cond, update, newBody) : new Stmt.While(src, cond, newBody, testAfter);
            return new Out(List.of(same), flagsOut);
        }
        List<Stmt> out = new ArrayList<>(init);
        if (loop.broke != null) {
            out.add(new Stmt.Decl(null, Type.BOOLEAN, loop.broke.name(), Lit.FALSE));
        }
        if (loop.skip != null) {
            out.add(new Stmt.Decl(null, Type.BOOLEAN, loop.skip.name(), Lit.FALSE));
        }
        Expr stay = exits.isEmpty() ? null : Exprs.not(any(exits));
        Expr newCond = stay == null ? cond : cond == null ? stay : new Expr.Binary(Type.BOOLEAN, BinaryOp.CAND, stay, cond);
        if (newCond == null) {
            newCond = Lit.TRUE;
        }
        if (!update.isEmpty()) {
            // a for update (or a do/while's test) runs after a continue, not after a break or a return
            boolean bodyLeaves = bodyBreaks || returns;
            if (bodyLeaves) {
                newBody.add(new Stmt.If(null, stay, update, List.of()));
            } else {
                newBody.addAll(update);
            }
        }
        out.add(new Stmt.While(src, newCond, newBody, testAfter));
        return new Out(List.of(new Stmt.Block(null, out)), flagsOut);
    }

    private static Expr any(Set<Local> flags) {
        Expr e = null;
        for (Local f : flags) {
            e = e == null ? f : new Expr.Binary(Type.BOOLEAN, BinaryOp.COR, e, f);
        }
        return e;
    }
}
