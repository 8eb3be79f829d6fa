package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.UnaryOp;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last pass over a gradient, so that it reads as an adjoint written by hand, without changing
 * what it computes:
 * <ul>
 * <li>a zeroing {@code v = 0.0;} that nothing reads before the next write of {@code v} goes;</li>
 * <li>an adjoint declared {@code double v_bar = 0.0;} whose next mention is its first contribution
 * {@code v_bar += e;} in the same block is declared with it, {@code double v_bar = e;}, and a
 * zeroing {@code v_bar = 0.0;} followed by {@code v_bar += e;} is {@code v_bar = e;};</li>
 * <li>a declaration {@code double v = 0.0;} that nothing mentions goes;</li>
 * <li>{@code s * (c ? -1.0 : 1.0)} (the partial of {@code abs}) is {@code c ? -s : s};</li>
 * <li>a temporary read once is folded into its read, and branches in a row on one condition are one
 * ({@link Temporaries}).</li>
 * </ul>
 * The second rewrite drops the addition of {@code +0.0}, which changes {@code e} only when {@code e}
 * is {@code -0.0}: it is done only for variables that neither the value nor the parameters (arrays
 * the method may write into) depend on, that is adjoints, and that are not components of the gradient. Adjoints combine linearly (sums, and products with
 * values of the forward sweep), so such a variable can differ only by the sign of a zero, and so can
 * what it flows into; the components start at {@code +0.0} and only ever add, and {@code +0.0}
 * plus a zero of either sign is {@code +0.0}: the gradient is the same bit for bit. (A product by
 * {@code (c ? 1.0 : 0.0)}, the partial of {@code max}, stays: {@code a += s * 0.0} is not a no-op
 * when {@code s} is infinite or NaN.)
 */
public final class Tidy {
    private static final Expr.Lit ZERO = Expr.Lit.ofDouble(0.0);
    private static final Expr.Lit ONE = Expr.Lit.ofDouble(1.0);
    private static final Expr.Lit MINUS_ONE = Expr.Lit.ofDouble(-1.0);

    private final Set<String> all = new HashSet<>();
    private final Set<String> keep;
    private final Set<String> value;
    /**
     * What is live at each loop's test (or top), by the loop and what is live after it: removing dead
     * zeroings asks it of each loop again for every round of each enclosing loop's fixed point.
     */
    private final Map<Stmt, Map<Set<String>, Set<String>>> atTests = new java.util.IdentityHashMap<>();

    private Tidy(List<Stmt> body, Set<String> keep, Set<String> primal) {
        Walk.statements(body, s -> names(s, all::add));
        this.keep = keep;
        this.value = ValueDeps.closure(body, primal);
    }

    /**
     * The gradient body {@code body}, tidied; {@code value} is what the method returns as its value
     * and {@code components} the gradient's components, read after the body; {@code params} are the
     * method's parameters, whose arrays the caller sees as the body leaves them.
     */
    public static List<Stmt> apply(List<Stmt> body, Expr value, List<Expr> components,
            java.util.Collection<String> params) {
        Set<String> outputs = new HashSet<>();
        Walk.locals(value, outputs::add);
        components.forEach(c -> Walk.locals(c, outputs::add));
        Set<String> primal = new HashSet<>(params);
        Walk.locals(value, primal::add);
        List<Stmt> sunk = Temporaries.sink(body, outputs);
        Tidy t = new Tidy(sunk, outputs, primal);
        return Temporaries.apply(t.fold(t.block(sunk, outputs)), outputs);
    }

    // ---------------------------------------------------------------- dead zeroing, by liveness

    /** {@code body} without its dead zeroings, given what is live after it. */
    private List<Stmt> block(List<Stmt> body, Set<String> after) {
        List<Stmt> out = new ArrayList<>();
        Set<String> live = new HashSet<>(after);
        for (int k = body.size() - 1; k >= 0; k--) {
            Stmt s = body.get(k);
            if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local v && v.type() == Type.DOUBLE
                    && a.value().equals(ZERO) && !live.contains(v.name())) {
                continue;
            }
            out.add(0, rewrite(s, live));
            live = in(s, live);
        }
        return out;
    }

    private Stmt rewrite(Stmt s, Set<String> after) {
        if (s instanceof Stmt.If i) {
            return new Stmt.If(i.src(), i.cond(), block(i.then(), after), block(i.otherwise(), after));
        } else if (s instanceof Stmt.Block b) {
            return new Stmt.Block(b.src(), block(b.body(), after));
        } else if (s instanceof Stmt.For f) {
            Set<String> atTest = forTest(f, after);
            return new Stmt.For(f.src(), f.init(), f.cond(), f.update(), block(f.body(), seq(f.update(), atTest)));
        } else if (s instanceof Stmt.While w) {
            return new Stmt.While(w.src(), w.cond(), block(w.body(), whileTest(w, after)), w.testAfter());
        } else if (s instanceof Stmt.Repeat r) {
            return new Stmt.Repeat(r.counter(), r.from(), block(r.body(), repeatTop(r, after)));
        } else if (s instanceof Stmt.ParallelFor p) {
            Set<String> sums = new HashSet<>();
            p.scalars().forEach(v -> sums.add(v.name()));
            return p.withChunkBody(block(p.chunkBody(), sums));
        }
        // a try's body may leave at any statement for its finally: left as it is
        return s;
    }

    /** What is live before {@code body}, given what is live after it. */
    private Set<String> seq(List<Stmt> body, Set<String> after) {
        Set<String> live = after;
        for (int k = body.size() - 1; k >= 0; k--) {
            live = in(body.get(k), live);
        }
        return live;
    }

    private Set<String> in(Stmt s, Set<String> after) {
        Set<String> live = new HashSet<>(after);
        if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local v) {
            live.remove(v.name());
            Walk.locals(a.value(), live::add);
        } else if (s instanceof Stmt.Decl d) {
            live.remove(d.name());
            Walk.locals(d.init(), live::add);
        } else if (s instanceof Stmt.If i) {
            live = seq(i.then(), after);
            live.addAll(seq(i.otherwise(), after));
            Walk.locals(i.cond(), live::add);
        } else if (s instanceof Stmt.Block b) {
            live = new HashSet<>(seq(b.body(), after));
        } else if (s instanceof Stmt.For f) {
            live = new HashSet<>(seq(f.init(), forTest(f, after)));
        } else if (s instanceof Stmt.While w) {
            Set<String> atTest = whileTest(w, after);
            live = new HashSet<>(w.testAfter() ? seq(w.body(), atTest) : atTest);
        } else if (s instanceof Stmt.Repeat r) {
            live = new HashSet<>(repeatTop(r, after));
            Walk.locals(r.from(), live::add);
        } else if (s instanceof Stmt.TryFinally t) {
            Set<String> last = seq(t.last(), after);
            live = new HashSet<>(seq(t.body(), last));
            live.addAll(last);
        } else if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
            live = new HashSet<>(all);
        } else {
            names(s, live::add);
        }
        return live;
    }

    /** {@code test} of loop {@code s} and {@code after}, computed once (the sets it returns are not changed). */
    private Set<String> memo(Stmt s, Set<String> after, java.util.function.Supplier<Set<String>> test) {
        Map<Set<String>, Set<String>> known = atTests.computeIfAbsent(s, k -> new HashMap<>());
        Set<String> out = known.get(after);
        if (out == null) {
            out = test.get();
            known.put(Set.copyOf(after), out);
        }
        return out;
    }

    private Set<String> forTest(Stmt.For f, Set<String> after) {
        return memo(f, after, () -> forTestOnce(f, after));
    }

    private Set<String> forTestOnce(Stmt.For f, Set<String> after) {
        List<Stmt> round = new ArrayList<>(f.body());
        round.addAll(f.update());
        Set<String> atTest = new HashSet<>(after);
        Walk.locals(f.cond(), atTest::add);
        while (true) {
            Set<String> next = new HashSet<>(seq(round, atTest));
            next.addAll(atTest);
            if (next.equals(atTest)) {
                return atTest;
            }
            atTest = next;
        }
    }

    private Set<String> whileTest(Stmt.While w, Set<String> after) {
        return memo(w, after, () -> whileTestOnce(w, after));
    }

    private Set<String> whileTestOnce(Stmt.While w, Set<String> after) {
        Set<String> atTest = new HashSet<>(after);
        Walk.locals(w.cond(), atTest::add);
        while (true) {
            Set<String> next = new HashSet<>(seq(w.body(), atTest));
            next.addAll(atTest);
            if (next.equals(atTest)) {
                return atTest;
            }
            atTest = next;
        }
    }

    /** What is live at the top of each round of a {@code Repeat}, and so after its body. */
    private Set<String> repeatTop(Stmt.Repeat r, Set<String> after) {
        return memo(r, after, () -> repeatTopOnce(r, after));
    }

    private Set<String> repeatTopOnce(Stmt.Repeat r, Set<String> after) {
        Set<String> top = new HashSet<>(after);
        while (true) {
            Set<String> next = new HashSet<>(seq(r.body(), top));
            next.addAll(top);
            if (next.equals(top)) {
                return top;
            }
            top = next;
        }
    }

    /** Every name that {@code s} itself reads or writes (not those of nested statements). */
    static void names(Stmt s, java.util.function.Consumer<String> f) {
        Walk.expressions(s, e -> Walk.locals(e, f));
        if (s instanceof Stmt.Decl d) {
            f.accept(d.name());
        } else if (s instanceof Stmt.Run r) {
            Walk.locals(r.call(), f);
        } else if (s instanceof Stmt.Repeat r) {
            f.accept(r.counter());
        } else if (s instanceof Stmt.ParallelFor p) {
            Walk.locals(p.from(), f);
            Walk.locals(p.to(), f);
            p.captured().forEach(v -> f.accept(v.name()));
            p.scalars().forEach(v -> f.accept(v.name()));
            p.vectors().forEach(v -> f.accept(v.name()));
            p.matrices().forEach(v -> f.accept(v.name()));
        }
    }

    // ---------------------------------------------------------------- declared with the first contribution

    private List<Stmt> fold(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            out.add(foldInside(s));
        }
        for (int k = 0; k < out.size(); k++) {
            if (out.get(k) instanceof Stmt.Assign a && a.target() instanceof Expr.Local v && v.type() == Type.DOUBLE
                    && ZERO.equals(a.value()) && !keep.contains(v.name()) && !value.contains(v.name())) {
                int next = k + 1;
                while (next < out.size() && !mentions(out.get(next), v.name())) {
                    next++;
                }
                Expr first = next == out.size() ? null : first(out.get(next), v.name());
                if (first != null) {
                    out.set(next, new Stmt.Assign(a.src(), v, first));
                    out.remove(k--);
                }
                continue;
            }
            // a declaration without a value is written with the type's zero (see Printer)
            if (!(out.get(k) instanceof Stmt.Decl d) || d.type() != Type.DOUBLE
                    || d.init() != null && !ZERO.equals(d.init()) || keep.contains(d.name())) {
                continue;
            }
            int next = k + 1;
            while (next < out.size() && !mentions(out.get(next), d.name())) {
                next++;
            }
            if (next == out.size()) {
                out.remove(k--);
            } else if (!value.contains(d.name())) {
                Expr first = first(out.get(next), d.name());
                if (first != null) {
                    out.set(next, new Stmt.Decl(d.src(), Type.DOUBLE, d.name(), first));
                    out.remove(k--);
                }
            }
        }
        return out;
    }

    private Stmt foldInside(Stmt s) {
        if (s instanceof Stmt.If i) {
            return new Stmt.If(i.src(), i.cond(), fold(i.then()), fold(i.otherwise()));
        } else if (s instanceof Stmt.Block b) {
            return new Stmt.Block(b.src(), fold(b.body()));
        } else if (s instanceof Stmt.For f) {
            return new Stmt.For(f.src(), f.init(), f.cond(), f.update(), fold(f.body()));
        } else if (s instanceof Stmt.While w) {
            return new Stmt.While(w.src(), w.cond(), fold(w.body()), w.testAfter());
        } else if (s instanceof Stmt.Repeat r) {
            return new Stmt.Repeat(r.counter(), r.from(), fold(r.body()));
        } else if (s instanceof Stmt.TryFinally t) {
            return new Stmt.TryFinally(fold(t.body()), fold(t.last()));
        } else if (s instanceof Stmt.ParallelFor p) {
            return p.withChunkBody(fold(p.chunkBody()));
        } else if (s instanceof Stmt.Assign a) {
            return new Stmt.Assign(a.src(), a.target(), signs(a.value()));
        } else if (s instanceof Stmt.Decl d && d.init() != null) {
            return new Stmt.Decl(d.src(), d.type(), d.name(), signs(d.init()));
        }
        return s;
    }

    // ---------------------------------------------------------------- a sign chosen, not multiplied

    /**
     * {@code e} with each {@code s * (c ? -1.0 : 1.0)} (the partial of {@code Math.abs}) written
     * {@code c ? -s : s}: a product by one or minus one is exact, so they are the same number.
     */
    static Expr signs(Expr e) {
        if (e instanceof Expr.Binary b) {
            Expr left = signs(b.left());
            Expr right = signs(b.right());
            if (b.op() == BinaryOp.MUL && b.type() == Type.DOUBLE) {
                Expr chosen = sign(left, right);
                if (chosen == null) {
                    chosen = sign(right, left);
                }
                if (chosen != null) {
                    return chosen;
                }
            }
            return new Expr.Binary(b.type(), b.op(), left, right);
        } else if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.type(), u.op(), signs(u.operand()));
        } else if (e instanceof Expr.Cond c) {
            return new Expr.Cond(c.type(), c.cond(), signs(c.then()), signs(c.otherwise()));
        } else if (e instanceof Expr.Cast c) {
            return new Expr.Cast(c.type(), signs(c.operand()));
        }
        return e;
    }

    /** {@code c ? -s : s} for {@code s * (c ? -1.0 : 1.0)} (or {@code c ? 1.0 : -1.0}), else null. */
    private static Expr sign(Expr s, Expr factor) {
        if (!(factor instanceof Expr.Cond c) || s.type() != Type.DOUBLE) {
            return null;
        }
        Expr minus = new Expr.Unary(Type.DOUBLE, UnaryOp.NEG, s);
        if (c.then().equals(MINUS_ONE) && c.otherwise().equals(ONE)) {
            return new Expr.Cond(Type.DOUBLE, c.cond(), minus, s);
        }
        if (c.then().equals(ONE) && c.otherwise().equals(MINUS_ONE)) {
            return new Expr.Cond(Type.DOUBLE, c.cond(), s, minus);
        }
        return null;
    }

    /** The first contribution to {@code v} if {@code s} is {@code v += e} or {@code v -= e} (e not reading v). */
    private static Expr first(Stmt s, String v) {
        if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local t && t.name().equals(v)
                && a.value() instanceof Expr.Binary b && b.left().equals(t)
                && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)) {
            Set<String> reads = new HashSet<>();
            Walk.locals(b.right(), reads::add);
            // an int e would be negated as an int (-MIN_VALUE), not as the double 0.0 - e
            if (reads.contains(v) || b.right().type() != Type.DOUBLE) {
                return null;
            }
            return b.op() == BinaryOp.ADD ? b.right() : new Expr.Unary(Type.DOUBLE, UnaryOp.NEG, b.right());
        }
        return null;
    }

    private static boolean mentions(Stmt s, String v) {
        boolean[] seen = {false};
        Walk.statements(List.of(s), x -> names(x, n -> seen[0] |= n.equals(v)));
        return seen[0];
    }

    /** The variables that the value depends on, through any statement of the body, flow-insensitively. */
    static final class ValueDeps {
        private static final String TAPE = "";
        private final Map<String, Set<String>> from = new HashMap<>();

        static Set<String> closure(List<Stmt> body, Set<String> roots) {
            ValueDeps d = new ValueDeps();
            d.edges(body, Set.of());
            Set<String> seen = new HashSet<>(roots);
            List<String> work = new ArrayList<>(roots);
            while (!work.isEmpty()) {
                for (String n : d.from.getOrDefault(work.remove(work.size() - 1), Set.of())) {
                    if (seen.add(n)) {
                        work.add(n);
                    }
                }
            }
            return seen;
        }

        private void edges(List<Stmt> body, Set<String> control) {
            for (Stmt s : body) {
                Set<String> reads = new HashSet<>(control);
                if (s instanceof Stmt.Decl d) {
                    reads(d.init(), reads);
                    edge(d.name(), reads, d.init());
                } else if (s instanceof Stmt.Assign a) {
                    reads(a.target(), reads);
                    reads(a.value(), reads);
                    edge(Walk.root(a.target()), reads, a.target() instanceof Expr.Local ? a.value() : null);
                } else if (s instanceof Stmt.Push p) {
                    reads(p.value(), reads);
                    edge(TAPE, reads, null);
                } else if (s instanceof Stmt.Run r) {
                    reads(r.call(), reads);
                    for (String n : reads) {
                        edge(n, reads, null);
                    }
                } else {
                    Set<String> inner = new HashSet<>(control);
                    Walk.expressions(s, e -> reads(e, inner));
                    if (s instanceof Stmt.ParallelFor p) {
                        // the chunks' variables are the method's, by name: only the bounds control them
                        reads(p.from(), inner);
                        reads(p.to(), inner);
                    }
                    List<List<Stmt>> nested = new ArrayList<>();
                    if (s instanceof Stmt.If i) {
                        nested.add(i.then());
                        nested.add(i.otherwise());
                    } else if (s instanceof Stmt.For f) {
                        nested.add(f.init());
                        nested.add(f.update());
                        nested.add(f.body());
                    } else if (s instanceof Stmt.While w) {
                        nested.add(w.body());
                    } else if (s instanceof Stmt.Block b) {
                        nested.add(b.body());
                    } else if (s instanceof Stmt.Repeat r) {
                        nested.add(r.body());
                    } else if (s instanceof Stmt.TryFinally t) {
                        nested.add(t.body());
                        nested.add(t.last());
                    } else if (s instanceof Stmt.ParallelFor p) {
                        nested.add(p.scratch());
                        nested.add(p.chunkBody());
                    }
                    nested.forEach(list -> edges(list, inner));
                }
            }
        }

        private static void reads(Expr e, Set<String> into) {
            if (e == null) {
                return;
            }
            Walk.postOrder(e, x -> {
                if (x instanceof Expr.Local l) {
                    into.add(l.name());
                } else if (x instanceof Expr.Pop) {
                    into.add(TAPE);
                }
            });
        }

        /**
         * {@code target} depends on {@code reads}; if {@code stored}, the value stored into the
         * variable {@code target}, is an array, the arrays it may be go the other way round too
         * (they are aliases: a write through one is a write into the other).
         */
        private void edge(String target, Set<String> reads, Expr stored) {
            if (target == null) {
                return;
            }
            from.computeIfAbsent(target, k -> new HashSet<>()).addAll(reads);
            for (String alias : aliases(stored, new HashSet<>())) {
                from.computeIfAbsent(alias, k -> new HashSet<>()).add(target);
            }
        }

        /**
         * The arrays that {@code e} may evaluate to (itself, a branch, a row of a matrix); a call
         * makes a new array (the runtime's {@code zerosLike}, {@code copyOf}), as the transform
         * assumes too.
         */
        private static Set<String> aliases(Expr e, Set<String> into) {
            if (e == null || !e.type().isArray()) {
                return into;
            }
            if (e instanceof Expr.Local l) {
                into.add(l.name());
            } else if (e instanceof Expr.Cond c) {
                aliases(c.then(), into);
                aliases(c.otherwise(), into);
            } else if (e instanceof Expr.Index i) {
                String root = Walk.root(i);
                if (root != null) {
                    into.add(root);
                }
            }
            return into;
        }
    }
}
