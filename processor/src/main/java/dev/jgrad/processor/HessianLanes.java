package dev.jgrad.processor;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Gradient;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.rules.RuntimeCalls;
import dev.jgrad.processor.transform.Lanes;
import java.util.ArrayList;
import java.util.List;

/**
 * The full Hessian in one run: the code of {@code fHvp} for the {@code n} unit vectors at once
 * ({@link Lanes}). The forward sweep's values, the calls ({@code Math.exp}, ...) and the partials are
 * computed once, the tangents and the adjoints of the values once per direction, in loops over the
 * directions; column {@code k} is exactly {@code fHvp} of {@code e_k}. Then symmetrised, as before.
 */
final class HessianLanes {
    private static final String ARRAYS2 = "dev.jgrad.runtime.Arrays2";

    private HessianLanes() {}

    /**
     * The body of {@code CHessian.f}, or null where the code cannot run in lanes (then {@code n} runs of
     * {@code fHvp}): the lanes of each array entry side by side where the code allows it, else one array per lane.
     */
    static Gradient of(Method ir, HessianPipeline.Hvp hvp, Expr size, Local v) {
        Names trial = ir.names().copy();
        Gradient g = of(ir, hvp, size, v, trial, true);
        if (g != null) {
            trial.all().stream().filter(x -> !ir.names().all().contains(x)).toList().forEach(ir.names()::param);
            return g;
        }
        return of(ir, hvp, size, v, ir.names(), false);
    }

    private static Gradient of(Method ir, HessianPipeline.Hvp hvp, Expr size, Local v, Names names, boolean side) {
        Local n = new Local(Type.INT, names.fresh("n"));
        Local lanes = new Local(Type.INT, names.fresh("lanes"));
        List<Stmt> code = new ArrayList<>(hvp.unflatten());
        code.addAll(hvp.body());
        Lanes l;
        List<Stmt> rewritten;
        Local hessian = new Local(Type.DOUBLE_MATRIX, names.fresh("hessian"));
        List<Stmt> rows;
        try {
            l = Lanes.of(code, ir.params(), v, names, lanes, side);
            if (l.isLane(hvp.value()) || hvp.gradient().stream().anyMatch(l::isLane)) {
                return null;
            }
            List<Expr> kept = new ArrayList<>(hvp.hvp());
            kept.add(hvp.value());
            kept.addAll(hvp.gradient());
            rewritten = l.rewrite(code, kept);
            if (side) {
                // row k of the Hessian: lane k of each entry of the hvp, entry j in column j
                Local column = new Local(Type.INT, names.fresh("column"));
                List<Stmt> fill = new ArrayList<>(List.of(new Stmt.Decl(null, Type.INT, column.name(), Expr.Lit.ofInt(0))));
                for (Expr e : hvp.hvp()) {
                    fill.add(new Stmt.Assign(null, column, new Expr.Call(Type.INT, RuntimeCalls.LANE_ARRAYS, "columns",
                            List.of(hessian, column, l.sideBySide(e)))));
                }
                rows = fill;
            } else {
                Local k = l.index();
                List<Expr> row = hvp.hvp().stream().map(e -> l.at(e, k)).toList();
                rows = List.of(upTo(k, n, new Stmt.Assign(null, new Expr.Index(Type.DOUBLE_ARRAY, hessian, k), Flat.flatten(row))));
            }
        } catch (Lanes.Unsupported e) {
            return null;
        }
        Local k = l.index();
        List<Stmt> out = new ArrayList<>();
        // the directions: v[k] is the unit vector e_k (one lane of zero length when there is no entry); side
        // by side, v[j][k] is entry j of e_k: the same matrix
        out.add(new Stmt.Decl(null, Type.INT, n.name(), size));
        out.add(new Stmt.Decl(null, Type.INT, lanes.name(), new Expr.Cond(Type.INT,
                new Expr.Binary(Type.BOOLEAN, BinaryOp.GT, n, Expr.Lit.ofInt(0)), n, Expr.Lit.ofInt(1))));
        out.add(new Stmt.Decl(null, Type.DOUBLE_MATRIX, v.name(),
                new Expr.NewArray(Type.DOUBLE_MATRIX, side ? List.of(n, lanes) : List.of(lanes, n))));
        out.add(upTo(k, n, new Stmt.Assign(null, new Expr.Index(Type.DOUBLE, new Expr.Index(Type.DOUBLE_ARRAY,
                new Local(Type.DOUBLE_MATRIX, v.name()), k), k), Expr.Lit.ofDouble(1.0))));
        out.addAll(l.containers());
        out.addAll(rewritten);
        out.add(new Stmt.Decl(null, Type.DOUBLE_MATRIX, hessian.name(),
                new Expr.NewArray(Type.DOUBLE_MATRIX, side ? List.of(n, n) : List.of(n))));
        out.addAll(rows);
        return new Gradient(out, hvp.value(), List.of(Flat.flatten(hvp.gradient()),
                new Expr.Call(Type.DOUBLE_MATRIX, ARRAYS2, "symmetrize", List.of(hessian))), hvp.tape());
    }

    /** {@code for (int k = 0; k < n; k++) body}. */
    private static Stmt upTo(Local k, Local n, Stmt body) {
        return new Stmt.For(null, List.of(new Stmt.Decl(null, Type.INT, k.name(), Expr.Lit.ofInt(0))),
                new Expr.Binary(Type.BOOLEAN, BinaryOp.LT, k, n),
                List.of(new Stmt.Assign(null, k, new Expr.Binary(Type.INT, BinaryOp.ADD, k, Expr.Lit.ofInt(1)))),
                List.of(body));
    }
}
