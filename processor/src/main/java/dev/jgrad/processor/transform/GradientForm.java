package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Src;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.List;

/**
 * The form a gradient got and what kept it from a better one, as the transforms decided them: the
 * facts behind {@code -Ajgrad.report}. Nothing here is re-derived from the generated code's text.
 *
 * @param kind one pass ({@link JitGrad}'s fused form), two passes without a tape, or taped ({@link Reverse})
 * @param whyNotBetter why not the next better form, at which source statement; null for one pass
 * @param tape what the forward sweep pushes, statement by statement ({@link ForwardSweep}); empty unless taped
 */
public record GradientForm(Kind kind, Blocker whyNotBetter, List<Saved> tape) {
    public enum Kind {
        ONE_PASS, TWO_PASS, TAPED
    }

    /** Why a form was out of reach, and the statement that put it there (null when none does). */
    public record Blocker(String reason, Src at) {}

    /** What a pushed value is, for the reverse sweep. */
    public enum What {
        /** the value a statement overwrites, restored before its adjoint runs */
        OLD_VALUE,
        /** the adjoint of an array that a statement replaces */
        OLD_ADJOINT,
        /** which branch of an {@code if} ran */
        BRANCH,
        /** how many times a loop ran */
        TRIP_COUNT
    }

    /**
     * One value that the forward sweep pushes each time it runs {@code statement} (a loop's trip count:
     * each time the loop ends; an if's decision: each time the if runs), inside {@code loops}
     * (outermost first), only when the branch it is in runs if {@code conditional}. {@code value} is what
     * is pushed.
     */
    public record Saved(Src statement, List<Src> loops, What what, Expr value, boolean conditional) {
        /** Bytes on the tape: booleans go on the int stack, arrays by reference (the array itself stays alive). */
        public int bytes() {
            return switch (value.type()) {
                case INT, BOOLEAN -> 4;
                default -> 8;
            };
        }
    }

    /** The loops of {@code body} that run in chunks ({@link Parallelize}), in order. */
    public static List<Stmt.ParallelFor> parallelLoops(List<Stmt> body) {
        List<Stmt.ParallelFor> out = new ArrayList<>();
        Walk.statements(body, s -> {
            if (s instanceof Stmt.ParallelFor p) {
                out.add(p);
            }
        });
        return out;
    }

    static Saved saved(Src statement, List<Src> loops, What what, Expr value, boolean conditional) {
        return new Saved(statement, java.util.Collections.unmodifiableList(new ArrayList<>(loops)), what, value,
                conditional);
    }
}
