package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.rules.RuntimeCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The layout of {@link Lanes} where the lanes of an array are stored side by side: entry {@code w[j]} of a
 * lane array {@code w} holds its lanes in {@code w[j][lane]} (a {@code double[][]} for a {@code double[]}),
 * so that a loop over the lanes reads and writes contiguous memory. An array-valued expression of the
 * lanes (a variable, a row, {@code c ? a : b}) is then one expression of the containers, evaluated once:
 * an alias {@code row = m[i]} of a lane array is the alias {@code row = m[i]} of the containers. What
 * cannot be written so (one lane's whole array passed to a call) is {@link
 * Lanes.Unsupported}, and the caller keeps one array per lane.
 */
final class SideBySide {
    private final Predicate<String> lane;
    private final Local lanes;
    private final UnaryOperator<Expr> free;

    SideBySide(Predicate<String> lane, Local lanes, UnaryOperator<Expr> free) {
        this.lane = lane;
        this.lanes = lanes;
        this.free = free;
    }

    /** Whether {@code e} is an array whose lanes are stored side by side (a lane array, a row of one). */
    boolean isLaneArray(Expr e) {
        String root = e.type().isArray() ? rootOf(e) : null;
        return root != null && lane.test(root);
    }

    /** The entry {@code e} (a {@code double} of a lane array) in lane {@code at}: {@code w[j][at]}. */
    Expr entry(Expr.Index e, Expr at) {
        return new Expr.Index(Type.DOUBLE, container(e), at);
    }

    /** The containers of the lane array expression {@code e}: the same expression, one dimension more. */
    Expr container(Expr e) {
        if (e instanceof Local l) {
            return new Local(Lanes.container(l.type()), l.name());
        }
        if (e instanceof Expr.Index x) {
            return new Expr.Index(Lanes.container(x.type()), container(x.array()), free.apply(x.index()));
        }
        if (e instanceof Expr.Cond c) {
            return new Expr.Cond(Lanes.container(c.type()), free.apply(c.cond()), container(c.then()),
                    container(c.otherwise()));
        }
        throw new Lanes.Unsupported("an array of the directions that is not a variable or a row of one: " + e);
    }

    /** The lanes of the value {@code e} of a lane array target, made once (a reference off the tape: all lanes). */
    Expr arrayValue(Expr e) {
        if (e instanceof Expr.Lit l && l.text().equals("null")) {
            return new Expr.Lit(Lanes.container(l.type()), l.text());
        }
        if (e instanceof Expr.Pop p) {
            return new Expr.Pop(Lanes.container(p.type()));
        }
        if (e instanceof Expr.NewArray n) {
            List<Expr> dims = new ArrayList<>(n.dims().stream().map(free).toList());
            if (dims.size() == depth(n.type())) {
                dims.add(lanes);
            }
            return new Expr.NewArray(Lanes.container(n.type()), dims);
        }
        if (e instanceof Expr.Call c && RuntimeCalls.sideBySide(c) != null) {
            List<Expr> args = new ArrayList<>();
            for (int i = 0; i < c.args().size(); i++) {
                Expr a = c.args().get(i);
                boolean laneArg = isLaneArray(a);
                if (laneArg != (i == 0 && !RuntimeCalls.takesLanes(c))) {
                    throw new Lanes.Unsupported("a call makes the directions' arrays from others: " + c);
                }
                args.add(laneArg ? container(a) : free.apply(a));
            }
            if (RuntimeCalls.takesLanes(c)) {
                args.add(lanes);
            }
            return new Expr.Call(Lanes.container(c.type()), RuntimeCalls.LANE_ARRAYS, RuntimeCalls.sideBySide(c), args);
        }
        return container(e);
    }

    /** The shape-only call {@code c} (of a lane array) for one lane: {@code LaneArrays.zerosLikeLane(w)}. */
    Expr shape(Expr.Call c) {
        List<Expr> args = c.args().stream().map(a -> isLaneArray(a) ? container(a) : free.apply(a)).toList();
        return new Expr.Call(c.type(), RuntimeCalls.LANE_ARRAYS, RuntimeCalls.laneShape(c), args);
    }

    private static int depth(Type t) {
        return t == Type.DOUBLE_CUBE ? 3 : t == Type.DOUBLE_MATRIX ? 2 : 1;
    }

    private static String rootOf(Expr e) {
        if (e instanceof Expr.Cond c) {
            String a = rootOf(c.then());
            return a != null ? a : rootOf(c.otherwise());
        }
        return dev.jgrad.processor.ir.Walk.root(e);
    }
}
