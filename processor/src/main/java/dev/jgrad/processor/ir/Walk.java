package dev.jgrad.processor.ir;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Generic traversals of the IR. */
public final class Walk {
    private Walk() {}

    /** Every sub-expression of {@code e}, {@code e} included, children before parents. */
    public static void postOrder(Expr e, Consumer<Expr> f) {
        if (e instanceof Expr.Index i) {
            postOrder(i.array(), f);
            postOrder(i.index(), f);
        } else if (e instanceof Expr.Length l) {
            postOrder(l.array(), f);
        } else if (e instanceof Expr.Unary u) {
            postOrder(u.operand(), f);
        } else if (e instanceof Expr.Binary b) {
            postOrder(b.left(), f);
            postOrder(b.right(), f);
        } else if (e instanceof Expr.Cond c) {
            postOrder(c.cond(), f);
            postOrder(c.then(), f);
            postOrder(c.otherwise(), f);
        } else if (e instanceof Expr.Cast c) {
            postOrder(c.operand(), f);
        } else if (e instanceof Expr.Prim p) {
            p.args().forEach(a -> postOrder(a, f));
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> postOrder(a, f));
        } else if (e instanceof Expr.NewArray n) {
            n.dims().forEach(d -> postOrder(d, f));
        } else if (e instanceof Expr.ArrayLit a) {
            a.elements().forEach(x -> postOrder(x, f));
        }
        f.accept(e);
    }

    /** The names of the locals that {@code e} reads. */
    public static void locals(Expr e, Consumer<String> f) {
        if (e != null) {
            postOrder(e, x -> {
                if (x instanceof Expr.Local l) {
                    f.accept(l.name());
                }
            });
        }
    }

    /**
     * The names of the locals that {@code stmts} read, nested statements and loop headers included;
     * an assignment's target counts as read.
     */
    public static Set<String> reads(List<Stmt> stmts) {
        Set<String> out = new HashSet<>();
        statements(stmts, s -> {
            expressions(s, e -> locals(e, out::add));
            if (s instanceof Stmt.For f) {
                f.init().forEach(i -> expressions(i, e -> locals(e, out::add)));
            }
        });
        return out;
    }

    /** Every statement in {@code body}, nested ones included, parents before children. */
    public static void statements(List<Stmt> body, Consumer<Stmt> f) {
        for (Stmt s : body) {
            f.accept(s);
            if (s instanceof Stmt.If i) {
                statements(i.then(), f);
                statements(i.otherwise(), f);
            } else if (s instanceof Stmt.While w) {
                statements(w.body(), f);
            } else if (s instanceof Stmt.For fo) {
                statements(fo.init(), f);
                statements(fo.update(), f);
                statements(fo.body(), f);
            } else if (s instanceof Stmt.Block b) {
                statements(b.body(), f);
            } else if (s instanceof Stmt.Repeat r) {
                statements(r.body(), f);
            } else if (s instanceof Stmt.TryFinally t) {
                statements(t.body(), f);
                statements(t.last(), f);
            } else if (s instanceof Stmt.ParallelFor p) {
                statements(p.scratch(), f);
                statements(p.chunkBody(), f);
            }
        }
    }

    /** The expressions a statement evaluates directly (not those of nested statements). */
    public static void expressions(Stmt s, Consumer<Expr> f) {
        if (s instanceof Stmt.Decl d) {
            if (d.init() != null) {
                f.accept(d.init());
            }
        } else if (s instanceof Stmt.Assign a) {
            f.accept(a.target());
            f.accept(a.value());
        } else if (s instanceof Stmt.If i) {
            f.accept(i.cond());
        } else if (s instanceof Stmt.While w) {
            f.accept(w.cond());
        } else if (s instanceof Stmt.For fo) {
            if (fo.cond() != null) {
                f.accept(fo.cond());
            }
        } else if (s instanceof Stmt.Return r) {
            if (r.value() != null) {
                f.accept(r.value());
            }
        } else if (s instanceof Stmt.Throw t) {
            t.args().forEach(f);
        } else if (s instanceof Stmt.Assert a) {
            f.accept(a.cond());
            if (a.message() != null) {
                f.accept(a.message());
            }
        } else if (s instanceof Stmt.Push p) {
            f.accept(p.value());
        } else if (s instanceof Stmt.Run r) {
            f.accept(r.call());
        } else if (s instanceof Stmt.Repeat r) {
            f.accept(r.from());
        }
    }

    /** The local at the root of an array expression ({@code m} for {@code m[i]}), or null. */
    public static String root(Expr e) {
        if (e instanceof Expr.Local l) {
            return l.name();
        }
        if (e instanceof Expr.Index i) {
            return root(i.array());
        }
        return null;
    }
}
