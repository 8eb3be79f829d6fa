package dev.jgrad.processor.ir;

import java.util.List;

/**
 * Statements of the IR. {@code src} is the source statement a node came from (for the
 * {@code // grad of:} comments and for diagnostics), or null for statements the processor made.
 */
public sealed interface Stmt {
    Src src();

    /** {@code type name = init;}; {@code init} null declares without a value. */
    record Decl(Src src, Type type, String name, Expr init) implements Stmt {}

    /** {@code target = value;} where target is a {@link Expr.Local} or an {@link Expr.Index}. */
    record Assign(Src src, Expr target, Expr value) implements Stmt {}

    record If(Src src, Expr cond, List<Stmt> then, List<Stmt> otherwise) implements Stmt {}

    /** {@code while (cond) body}, or with {@code test-after} set, {@code do body while (cond)}. */
    record While(Src src, Expr cond, List<Stmt> body, boolean testAfter) implements Stmt {}

    /**
     * {@code for (init; cond; update) body}; cond null means true. Until {@code Structure} lowers the
     * jumps, the update of a {@code for (;;)} may be a do/while's test ({@code pre; if (!cond) break;}).
     */
    record For(Src src, List<Stmt> init, Expr cond, List<Stmt> update, List<Stmt> body) implements Stmt {}

    record Break(Src src) implements Stmt {}

    record Continue(Src src) implements Stmt {}

    /** {@code return value;}, gone after {@code Structure} but for the last statement. */
    record Return(Src src, Expr value) implements Stmt {}

    /** {@code throw new exception(args);}: copied, never differentiated. */
    record Throw(Src src, String exception, List<Expr> args) implements Stmt {}

    /** {@code assert cond : message;}: copied, never differentiated. */
    record Assert(Src src, Expr cond, Expr message) implements Stmt {}

    /** A nested block, kept so that the output keeps the user's structure. */
    record Block(Src src, List<Stmt> body) implements Stmt {}

    // ---- statements that only the transform makes ----

    /** {@code tape.pushX(value);}. */
    record Push(Expr value) implements Stmt {
        @Override
        public Src src() {
            return null;
        }
    }

    /**
     * A loop of independent iterations run in chunks, on several threads when it is long. The loop
     * goes into a method of its own, {@code chunk}: {@code chunkBody} runs iterations {@code [lo, hi)},
     * adding into {@code sums}, and reads the {@code captured} variables; the
     * chunks' sums into {@code scalars} (by {@code +=}) and into the arrays {@code vectors} and
     * {@code matrices} (element by element) are added up in chunk order. Each chunk allocates its own
     * {@code scratch} buffers. {@code reassigned} are the captured variables that are not effectively
     * final in the finished method (a lambda cannot capture them as they are: the call site copies
     * them); null until the transform has finished the method ({@code Captures}).
     */
    record ParallelFor(Src src, Expr from, Expr to, String chunk, String sums, String lo, String hi,
            List<Expr.Local> captured, List<Expr.Local> scalars, List<Expr.Local> vectors, List<Expr.Local> matrices,
            List<Stmt> scratch, List<Stmt> chunkBody, boolean threads, Names names, java.util.Set<String> reassigned)
            implements Stmt {
        /** A loop whose captures are not yet judged. */
        public ParallelFor(Src src, Expr from, Expr to, String chunk, String sums, String lo, String hi,
                List<Expr.Local> captured, List<Expr.Local> scalars, List<Expr.Local> vectors,
                List<Expr.Local> matrices, List<Stmt> scratch, List<Stmt> chunkBody, boolean threads, Names names) {
            this(src, from, to, chunk, sums, lo, hi, captured, scalars, vectors, matrices, scratch, chunkBody, threads,
                    names, null);
        }

        /** The same loop with other buffers for each chunk. */
        public ParallelFor withScratch(List<Stmt> buffers) {
            return new ParallelFor(src, from, to, chunk, sums, lo, hi, captured, scalars, vectors, matrices, buffers,
                    chunkBody, threads, names, reassigned);
        }

        /** The same loop with another chunk body (a rewrite of the loop the chunks run). */
        public ParallelFor withChunkBody(List<Stmt> body) {
            return new ParallelFor(src, from, to, chunk, sums, lo, hi, captured, scalars, vectors, matrices, scratch,
                    body, threads, names, reassigned);
        }

        /** The same loop with its not effectively final captures judged. */
        public ParallelFor withReassigned(java.util.Set<String> notFinal) {
            return new ParallelFor(src, from, to, chunk, sums, lo, hi, captured, scalars, vectors, matrices, scratch,
                    chunkBody, threads, names, java.util.Set.copyOf(notFinal));
        }
    }

    /** A call for its effect, {@code Arrays2.copyInto(a, b);}: only runtime helpers. */
    record Run(Expr.Call call) implements Stmt {
        @Override
        public Src src() {
            return null;
        }
    }

    /** A line comment, e.g. {@code // grad of: sum += r * r;}. */
    record Comment(String text) implements Stmt {
        @Override
        public Src src() {
            return null;
        }
    }

    /**
     * {@code try { body } finally { last }}: {@code last} runs whether {@code body} completes or
     * throws, and an exception it throws replaces {@code body}'s (see {@code Jam}).
     */
    record TryFinally(List<Stmt> body, List<Stmt> last) implements Stmt {
        @Override
        public Src src() {
            return null;
        }
    }

    /** {@code for (int counter = from; counter > 0; counter--) body}: replays a loop in reverse. */
    record Repeat(String counter, Expr from, List<Stmt> body) implements Stmt {
        @Override
        public Src src() {
            return null;
        }
    }
}
