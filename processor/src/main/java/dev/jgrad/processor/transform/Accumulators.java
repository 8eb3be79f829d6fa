package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.LoopForm;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Exprs;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code @Jit} rewrite: a loop that only sums, {@code for (int j = a; j < b; j++) acc += e(j);},
 * sums into four accumulators, four iterations at a time. Strict Java order makes each addition wait
 * for the one before; four independent chains let the processor overlap them (as XLA reassociates
 * reductions). The result may differ from the source in the last bits, which {@code @Jit} allows.
 */
public final class Accumulators {
    /** How many partial sums a reduction keeps. */
    static final int WAYS = 4;

    private final Names names;

    private Accumulators(Names names) {
        this.names = names;
    }

    /** {@code body} with every summing loop, at any depth, split over {@value #WAYS} accumulators. */
    public static List<Stmt> split(List<Stmt> body, Names names) {
        return new Accumulators(names).block(body);
    }

    private List<Stmt> block(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            out.add(stmt(s));
        }
        return out;
    }

    private Stmt stmt(Stmt s) {
        if (s instanceof Stmt.If i) {
            return new Stmt.If(i.src(), i.cond(), block(i.then()), block(i.otherwise()));
        }
        if (s instanceof Stmt.Block b) {
            return new Stmt.Block(b.src(), block(b.body()));
        }
        if (s instanceof Stmt.While w) {
            return new Stmt.While(w.src(), w.cond(), block(w.body()), w.testAfter());
        }
        if (s instanceof Stmt.For f) {
            Stmt split = splitSum(f);
            return split != null ? split : new Stmt.For(f.src(), f.init(), f.cond(), f.update(), block(f.body()));
        }
        return s;
    }

    private Stmt splitSum(Stmt.For f) {
        LoopForm.Counted loop = LoopForm.counted(f);
        if (loop == null || f.body().size() != 1 || !(f.body().get(0) instanceof Stmt.Assign a)
                || !(a.target() instanceof Local acc) || acc.type() != Type.DOUBLE
                || !(a.value() instanceof Expr.Binary sum) || sum.op() != BinaryOp.ADD || !sum.left().equals(acc)) {
            return null;
        }
        Expr term = sum.right();
        boolean[] readsAcc = {false};
        Walk.locals(term, n -> readsAcc[0] |= n.equals(acc.name()));
        boolean[] readsBound = {false};
        Walk.locals(loop.to(), n -> readsBound[0] |= n.equals(acc.name()));
        if (readsAcc[0] || readsBound[0]) {
            return null;
        }
        Local j = new Local(Type.INT, loop.index());
        List<Local> partial = new ArrayList<>();
        partial.add(acc);
        List<Stmt> out = new ArrayList<>();
        for (int k = 1; k < WAYS; k++) {
            Local p = new Local(Type.DOUBLE, names.fresh(acc.name() + k));
            partial.add(p);
            out.add(new Stmt.Decl(null, Type.DOUBLE, p.name(), Exprs.ZERO));
        }
        out.add(new Stmt.Decl(null, Type.INT, j.name(), loop.from()));
        List<Stmt> unrolled = new ArrayList<>();
        for (int k = 0; k < WAYS; k++) {
            Expr shifted = k == 0 ? j : new Expr.Binary(Type.INT, BinaryOp.ADD, j, Expr.Lit.ofInt(k));
            Local p = partial.get(k);
            unrolled.add(new Stmt.Assign(a.src(), p, Exprs.add(p, Subst.local(term, j.name(), shifted))));
        }
        Expr lastStart = new Expr.Binary(Type.INT, BinaryOp.SUB, loop.to(), Expr.Lit.ofInt(WAYS - 1));
        out.add(new Stmt.For(f.src(), List.of(), new Expr.Binary(Type.BOOLEAN, BinaryOp.LT, j, lastStart),
                List.of(new Stmt.Assign(null, j, new Expr.Binary(Type.INT, BinaryOp.ADD, j, Expr.Lit.ofInt(WAYS)))),
                unrolled));
        out.add(new Stmt.For(null, List.of(), f.cond(), f.update(), f.body()));
        Expr rest = partial.get(1);
        for (int k = 2; k < WAYS; k++) {
            rest = Exprs.add(rest, partial.get(k));
        }
        out.add(new Stmt.Assign(null, acc, Exprs.add(acc, rest)));
        return new Stmt.Block(null, out);
    }
}
