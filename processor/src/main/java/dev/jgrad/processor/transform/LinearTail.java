package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.LoopForm;
import dev.jgrad.processor.analysis.PrivateArrays;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Walk;
import dev.jgrad.processor.rules.Throws;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The shape a {@link JitGrad} gradient fuses in one pass: {@code pre; loops; tail}, where the tail
 * (the code after the top-level loops, {@code return sum / n}) is linear in the loops' sums, so that
 * its adjoint, and with it the adjoint of each iteration, is known before the loops run.
 * {@code known} are the variables whose values are known before the loops: the parameters and what
 * {@code pre} declares, but not the loops' sums; {@code filled} are the alias classes of the arrays the
 * loops write into, whose elements are not known before the loops either ({@code return c[0] * mu}
 * after a loop fills {@code c}), though their references and lengths are.
 */
record LinearTail(List<Stmt> pre, List<Stmt> loops, List<Stmt> tail, Set<String> known, Set<String> filled,
        UnaryOperator<String> aliasOf) {
    /**
     * The shape of a method body in {@link LoopForm}, or null when it has another one; then
     * {@code why} hears which statement gives it the other shape.
     */
    static LinearTail of(List<Stmt> top, Method method, LoopForm form, UnaryOperator<String> aliasOf,
            Consumer<GradientForm.Blocker> why) {
        int first = -1;
        int last = -1;
        for (int k = 0; k < top.size(); k++) {
            if (top.get(k) instanceof Stmt.For) {
                first = first < 0 ? k : first;
                last = k;
            }
        }
        if (first < 0) {
            why.accept(new GradientForm.Blocker("it has no loop", null));
            return null;
        }
        List<Stmt> pre = new ArrayList<>(top.subList(0, first));
        List<Stmt> loops = new ArrayList<>();
        List<Stmt> tail = top.subList(last + 1, top.size());
        for (Stmt s : tail) {
            // the tail's adjoint runs before the loops: it has only scalars to give adjoints to
            if (s instanceof Stmt.Decl d && d.type().isArray() || s instanceof Stmt.Assign a && a.target().type().isArray()) {
                why.accept(new GradientForm.Blocker("the code after its loops makes or writes an array", s.src()));
                return null;
            }
        }
        Set<String> known = new HashSet<>();
        method.params().forEach(p -> known.add(p.name()));
        Walk.statements(pre, s -> {
            if (s instanceof Stmt.Decl d) {
                known.add(d.name());
            }
        });
        // what the loops sum is not known before they run (double mean = sum / n reads sum)
        Set<String> sums = sumsOf(form, top.subList(first, last + 1));
        known.removeAll(sums);
        // nor what is assigned after the code before them: an inlined helper's result, declared before
        // its loop and assigned after it (double sumSq = 0.0; for (..) s += ..; sumSq = s;)
        Walk.statements(top.subList(first, top.size()), s -> {
            if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local l) {
                known.remove(l.name());
            }
        });
        Set<String> filled = new HashSet<>();
        Walk.statements(top.subList(first, last + 1), s -> {
            if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Index) {
                filled.add(aliasOf.apply(Walk.root(a.target())));
            }
        });
        // a declaration between two loops that reads none of their results (the next loop's
        // accumulator, double reg = 0) can run before the first loop: every name is assigned once
        // nor one that may throw after a loop that may throw: the loop's exception comes first
        boolean loopsThrow = false;
        for (Stmt s : top.subList(first, last + 1)) {
            boolean throwsAfter = loopsThrow && Throws.mayThrow(List.of(s));
            if (s instanceof Stmt.For) {
                loops.add(s);
                loopsThrow |= Throws.mayThrow(List.of(s));
            } else if (s instanceof Stmt.Decl d && known.containsAll(Walk.reads(List.of(d)))
                    && !readsElements(List.of(d), filled, aliasOf) && !throwsAfter) {
                pre.add(d);
                if (!sums.contains(d.name())) {
                    known.add(d.name());
                }
            } else if (s instanceof Stmt.Run r && r.call().args().stream().noneMatch(a -> a.type().isArray())
                    && known.containsAll(Walk.reads(List.of(r))) && !readsElements(List.of(s), filled, aliasOf) && !throwsAfter) {
                // a check on numbers (an Ops call's shapes), which writes nothing: as a declaration above
                pre.add(s);
            } else {
                boolean readsSums = s instanceof Stmt.Decl d && !known.containsAll(Walk.reads(List.of(d)));
                why.accept(new GradientForm.Blocker(readsSums || s instanceof Stmt.Decl && !throwsAfter
                        ? "a declaration between two loops reads what the loop before it sums"
                        : throwsAfter ? "a statement between two loops may throw, and so may the loop before it, whose"
                                + " exception comes first"
                        : "a statement between two loops that is not a declaration", s.src()));
                return null;
            }
        }
        // no loop may read what another loop sums
        for (Stmt l : loops) {
            Set<String> reads = Walk.reads(List.of(l));
            reads.removeAll(sumsOf(form, List.of(l)));
            reads.retainAll(sums);
            if (!reads.isEmpty()) {
                why.accept(new GradientForm.Blocker("this loop reads what an earlier loop sums ("
                        + String.join(", ", new java.util.TreeSet<>(reads)) + ")", l.src()));
                return null;
            }
        }
        return new LinearTail(List.copyOf(pre), List.copyOf(loops), List.copyOf(tail), Set.copyOf(known),
                Set.copyOf(filled), aliasOf);
    }

    /** Whether {@code adjoint} (the tail's) reads an element of an array the loops fill: known only after them. */
    boolean readsFilled(List<Stmt> adjoint) {
        return readsElements(adjoint, filled, aliasOf);
    }

    /**
     * Whether {@code stmts} read an element of an array of the alias classes {@code arrays}: an element
     * read, or the array passed whole to a call (a {@code @Derivative} partial reads all of it).
     */
    private static boolean readsElements(List<Stmt> stmts, Set<String> arrays, UnaryOperator<String> aliasOf) {
        boolean[] found = {false};
        Walk.statements(stmts, s -> Walk.expressions(s, e -> Walk.postOrder(e, x -> {
            if (x instanceof Expr.Index i && i.array() instanceof Expr.Local l) {
                found[0] |= arrays.contains(aliasOf.apply(l.name()));
            }
            List<Expr> args = x instanceof Expr.Call c ? c.args() : x instanceof Expr.Prim p ? p.args() : List.of();
            for (Expr a : args) {
                found[0] |= a instanceof Expr.Local l && l.type().isArray() && arrays.contains(aliasOf.apply(l.name()));
            }
        })));
        return found[0];
    }

    /** The tail's adjoint split for the one-pass form by {@link #split}. */
    record Split(List<Stmt> early, List<Stmt> late) {}

    /**
     * The tail's adjoint in two parts: {@code early}, which reads only what is known before the loops
     * and gives the adjoints of their sums (which the loops' adjoints read), and {@code late}, which
     * reads the loops' results and runs after them. In {@code exp(-r t) * sum / n} with {@code r}
     * active, {@code sum_bar = exp(-r t) / n} is early and {@code r_bar -= t * exp(-r t) * sum / n} late.
     * A statement is late if it reads what is not known before the loops or what a late statement
     * wrote, or writes what a late statement read (their order is kept). Null when a late statement
     * writes the adjoint of a variable not known before the loops (a sum's: the tail is not linear in
     * it), or the adjoint has a statement other than declarations and assignments of locals.
     * {@code variables} are the method's, {@code barOf} names their adjoints.
     */
    Split split(List<Stmt> adjoint, Set<String> variables, UnaryOperator<String> barOf) {
        List<Stmt> early = new ArrayList<>();
        List<Stmt> late = new ArrayList<>();
        List<Stmt> comments = new ArrayList<>();
        Set<String> lateWrites = new HashSet<>();
        Set<String> lateReads = new HashSet<>();
        // arrays the code before the loops or the first loop's header reads from, unconditionally: if
        // one is null, that throws first, so its length in the adjoint cannot change which exception
        Set<String> dereferenced = new HashSet<>();
        List<Expr> first = new ArrayList<>();
        for (Stmt s : pre) {
            if (s instanceof Stmt.Decl || s instanceof Stmt.Assign || s instanceof Stmt.Run) {
                Walk.expressions(s, first::add);
            }
        }
        if (loops.get(0) instanceof Stmt.For f) {
            f.init().forEach(i -> Walk.expressions(i, first::add));
            if (f.cond() != null) {
                first.add(f.cond());
            }
        }
        for (Expr e : first) {
            if (!conditional(e)) {
                Walk.postOrder(e, x -> {
                    Expr array = x instanceof Expr.Index i ? i.array() : x instanceof Expr.Length n ? n.array() : null;
                    if (array instanceof Expr.Local l) {
                        dereferenced.add(l.name());
                    }
                });
            }
        }
        for (Stmt s : adjoint) {
            if (s instanceof Stmt.Comment) {
                comments.add(s);
                continue;
            }
            String target;
            Expr value;
            if (s instanceof Stmt.Decl d && d.init() != null) {
                target = d.name();
                value = d.init();
            } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Local l) {
                target = l.name();
                value = a.value();
            } else {
                return null;
            }
            Set<String> reads = new HashSet<>();
            Walk.locals(value, reads::add);
            // what may throw waits for the loops, whose exceptions come first
            boolean isLate = !knownBeforeLoops(reads, variables) || readsFilled(List.of(s))
                    || Throws.mayThrow(value, x -> x instanceof Expr.Length n && n.array() instanceof Expr.Local l
                            && dereferenced.contains(l.name()))
                    || reads.stream().anyMatch(lateWrites::contains) || lateReads.contains(target);
            List<Stmt> part = isLate ? late : early;
            part.addAll(comments);
            comments.clear();
            part.add(s);
            if (isLate) {
                lateWrites.add(target);
                lateReads.addAll(reads);
            }
        }
        early.addAll(comments);
        for (String v : variables) {
            if (!known.contains(v) && barOf.apply(v) != null && lateWrites.contains(barOf.apply(v))) {
                return null;
            }
        }
        return new Split(early, late);
    }

    /** Whether some part of {@code e} is evaluated only under a condition ({@code ?:}, {@code &&}, {@code ||}). */
    private static boolean conditional(Expr e) {
        boolean[] found = {false};
        Walk.postOrder(e, x -> found[0] |= x instanceof Expr.Cond || x instanceof Expr.Binary b && b.op().isLogical());
        return found[0];
    }

    /**
     * Whether the tail's adjoint, which reads {@code adjointReads} (of which {@code variables} are the
     * method's), reads only values known before the loops run.
     */
    boolean knownBeforeLoops(Set<String> adjointReads, Set<String> variables) {
        Set<String> unknown = new HashSet<>(adjointReads);
        unknown.retainAll(variables);
        unknown.removeAll(known);
        return unknown.isEmpty();
    }

    /** The accumulators of the loops in {@code stmts}, at any depth. */
    private static Set<String> sumsOf(LoopForm form, List<Stmt> stmts) {
        Set<String> out = new HashSet<>();
        Walk.statements(stmts, s -> {
            if (s instanceof Stmt.For f) {
                out.addAll(form.accumulatorsOf(f));
            }
        });
        return out;
    }

    /**
     * Whether a loop fills an active array or finds an active max: its adjoint runs after the later
     * loops. An array that each iteration fills for itself (declared in the loop, or private to its
     * iterations) has its adjoint complete within the iteration.
     */
    static boolean defers(Stmt.For f, LoopForm form, java.util.function.Predicate<String> isActive) {
        Set<String> own = new HashSet<>();
        Walk.statements(f.body(), s -> {
            if (s instanceof Stmt.Decl d) {
                own.add(d.name());
            }
        });
        boolean[] found = {false};
        Walk.statements(List.of(f), s -> {
            if (s instanceof Stmt.Assign a && isActive.test(Walk.root(a.target()))) {
                String root = Walk.root(a.target());
                PrivateArrays.Private p = form.privates().get(root);
                boolean ownFill = own.contains(root) || p != null && p.loop() == f;
                found[0] |= form.isFill(s) && !ownFill || form.isExtremum(s);
            }
        });
        return found[0];
    }
}
