package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code @Jit} rewrite, after {@link Jam}: a row that an iteration checks before it reads it,
 * {@code if (x[i + 1].length != xCols) throw ...} (a lowered Ops call checks each row of a matrix
 * where its loop first reads it), is read once into a local there, and the rest of the iteration
 * reads the row through the local:
 * <pre>{@code
 * double[] xRow1 = x[i + 1];
 * if (xRow1.length != xCols) throw ...;
 * ... matvec1 += xRow1[j] * w[j]; ... w_bar[j] += ... + matvec1_bar * xRow1[j] ...
 * }</pre>
 * as a person writes a loop over rows. The same row is read, at the same point, with the same
 * exceptions (a null row throws at {@code .length} as before); only the repeated {@code x[i + 1]}
 * of the inner loops goes. C2 compiled the check followed by {@code x[i + 1][j]} reads into a
 * slower loop than either alone: W1's four-sample chunk at 1,000 x 10 took 1.17 times the loop
 * form's, 1.02 times with the row in a local.
 *
 * <p>Only where nothing after the check in the same list can change what {@code x[e]} is (see
 * {@link #unchangedAfter}): then every later {@code x[e]} is the row the local holds.
 */
public final class RowLocals {
    private final Names names;
    /** The local of each (matrix, suffix), reused in sibling scopes (the jammed loop and its remainder). */
    private final Map<String, String> byBase = new HashMap<>();
    /** The locals this rewrite declared in the lists enclosing the one being rewritten. */
    private final Set<String> inScope = new HashSet<>();

    private RowLocals(Names names) {
        this.names = names;
    }

    /** {@code body} with every checked row read into a local where it is checked. */
    public static List<Stmt> apply(List<Stmt> body, Names names) {
        return new RowLocals(names).list(body);
    }

    private List<Stmt> list(List<Stmt> stmts) {
        List<Stmt> out = new ArrayList<>();
        List<String> declared = new ArrayList<>();
        List<Stmt> rest = new ArrayList<>(stmts);
        while (!rest.isEmpty()) {
            Stmt s = rest.remove(0);
            Expr.Index row = checkedRow(s);
            if (row != null && unchangedAfter(row, rest)) {
                Stmt.If check = (Stmt.If) s;
                Expr.Local local = new Expr.Local(Type.DOUBLE_ARRAY, name(row));
                declared.add(local.name());
                inScope.add(local.name());
                out.add(new Stmt.Decl(check.src(), Type.DOUBLE_ARRAY, local.name(), row));
                out.add(new Stmt.If(check.src(), replace(check.cond(), row, local), check.then(), check.otherwise()));
                rest.replaceAll(r -> stmt(r, row, local));
                continue;
            }
            out.add(nested(s));
        }
        inScope.removeAll(declared);
        return out;
    }

    /** {@code x[e]} of {@code if (x[e].length != n) { throw ... }} with {@code x} a variable, else null. */
    private static Expr.Index checkedRow(Stmt s) {
        if (s instanceof Stmt.If i && i.otherwise().isEmpty() && i.then().size() == 1 && i.then().get(0) instanceof Stmt.Throw
                && i.cond() instanceof Expr.Binary b && b.op() == BinaryOp.NE && b.left() instanceof Expr.Length l
                && l.array() instanceof Expr.Index row && row.array() instanceof Expr.Local
                && row.type().equals(Type.DOUBLE_ARRAY) && pure(row.index())) {
            return row;
        }
        return null;
    }

    /** An index that reads only locals and literals (the sample index, {@code i + 3}). */
    private static boolean pure(Expr e) {
        boolean[] ok = {true};
        Walk.postOrder(e, x -> ok[0] &= x instanceof Expr.Local || x instanceof Expr.Lit || x instanceof Expr.Binary);
        return ok[0];
    }

    /**
     * Nothing in {@code rest} can change what {@code x[e]} is: no assignment to {@code x} or to a variable
     * of {@code e}, no row stored into any matrix (another name may hold {@code x}), no call that is
     * kept as a call (it may store rows) but in what a {@code throw} evaluates, and no parallel loop.
     */
    private static boolean unchangedAfter(Expr.Index row, List<Stmt> rest) {
        Set<String> read = new HashSet<>();
        Walk.locals(row, read::add);
        boolean[] ok = {true};
        Walk.statements(rest, s -> {
            if (s instanceof Stmt.Assign a) {
                ok[0] &= !read.contains(Walk.root(a.target()))
                        && !(a.target() instanceof Expr.Index i && i.type().equals(Type.DOUBLE_ARRAY));
            } else if (s instanceof Stmt.Decl d) {
                ok[0] &= !read.contains(d.name());
            } else if (s instanceof Stmt.ParallelFor) {
                ok[0] = false;
            }
            if (!(s instanceof Stmt.Throw)) {
                Walk.expressions(s, e -> Walk.postOrder(e, x -> ok[0] &= !(x instanceof Expr.Call)));
            }
        });
        return ok[0];
    }

    /** {@code x}'s row local for index {@code i + k}: {@code xRow} + k, the lanes' suffix. */
    private String name(Expr.Index row) {
        String suffix = row.index() instanceof Expr.Binary b && b.op() == BinaryOp.ADD && b.right() instanceof Expr.Lit k
                ? k.text() : "";
        String base = ((Expr.Local) row.array()).name() + "Row" + suffix;
        String name = byBase.get(base);
        if (name == null || inScope.contains(name)) {
            name = names.fresh(base);
            byBase.putIfAbsent(base, name);
        }
        return name;
    }

    /** A statement whose nested lists are rewritten in turn. */
    private Stmt nested(Stmt s) {
        if (s instanceof Stmt.If i) {
            return new Stmt.If(i.src(), i.cond(), list(i.then()), list(i.otherwise()));
        }
        if (s instanceof Stmt.While w) {
            return new Stmt.While(w.src(), w.cond(), list(w.body()), w.testAfter());
        }
        if (s instanceof Stmt.For f) {
            return new Stmt.For(f.src(), f.init(), f.cond(), f.update(), list(f.body()));
        }
        if (s instanceof Stmt.Block b) {
            return new Stmt.Block(b.src(), list(b.body()));
        }
        if (s instanceof Stmt.TryFinally t) {
            return new Stmt.TryFinally(list(t.body()), list(t.last()));
        }
        if (s instanceof Stmt.Repeat r) {
            return new Stmt.Repeat(r.counter(), r.from(), list(r.body()));
        }
        if (s instanceof Stmt.ParallelFor p) {
            return p.withChunkBody(list(p.chunkBody()));
        }
        return s;
    }

    /** {@code s} reading {@code row} through {@code local} (no parallel loop is in it). */
    private static Stmt stmt(Stmt s, Expr row, Expr.Local local) {
        if (s instanceof Stmt.Decl d) {
            return new Stmt.Decl(d.src(), d.type(), d.name(), d.init() == null ? null : replace(d.init(), row, local));
        }
        if (s instanceof Stmt.Assign a) {
            return new Stmt.Assign(a.src(), replace(a.target(), row, local), replace(a.value(), row, local));
        }
        if (s instanceof Stmt.If i) {
            return new Stmt.If(i.src(), replace(i.cond(), row, local), stmts(i.then(), row, local),
                    stmts(i.otherwise(), row, local));
        }
        if (s instanceof Stmt.While w) {
            return new Stmt.While(w.src(), replace(w.cond(), row, local), stmts(w.body(), row, local), w.testAfter());
        }
        if (s instanceof Stmt.For f) {
            return new Stmt.For(f.src(), stmts(f.init(), row, local), f.cond() == null ? null : replace(f.cond(), row, local),
                    stmts(f.update(), row, local), stmts(f.body(), row, local));
        }
        if (s instanceof Stmt.Block b) {
            return new Stmt.Block(b.src(), stmts(b.body(), row, local));
        }
        if (s instanceof Stmt.Return r) {
            return new Stmt.Return(r.src(), r.value() == null ? null : replace(r.value(), row, local));
        }
        if (s instanceof Stmt.Throw t) {
            return new Stmt.Throw(t.src(), t.exception(), t.args().stream().map(e -> replace(e, row, local)).toList());
        }
        if (s instanceof Stmt.Assert a) {
            return new Stmt.Assert(a.src(), replace(a.cond(), row, local),
                    a.message() == null ? null : replace(a.message(), row, local));
        }
        if (s instanceof Stmt.Push p) {
            return new Stmt.Push(replace(p.value(), row, local));
        }
        if (s instanceof Stmt.Run r) {
            return new Stmt.Run((Expr.Call) replace(r.call(), row, local));
        }
        if (s instanceof Stmt.TryFinally t) {
            return new Stmt.TryFinally(stmts(t.body(), row, local), stmts(t.last(), row, local));
        }
        if (s instanceof Stmt.Repeat r) {
            return new Stmt.Repeat(r.counter(), replace(r.from(), row, local), stmts(r.body(), row, local));
        }
        return s;
    }

    private static List<Stmt> stmts(List<Stmt> stmts, Expr row, Expr.Local local) {
        return stmts.stream().map(s -> stmt(s, row, local)).toList();
    }

    private static Expr replace(Expr e, Expr row, Expr.Local local) {
        return e.equals(row) ? local : Children.rebuild(e, x -> replace(x, row, local));
    }
}
