package dev.jgrad.tests.fuzz;

import dev.jgrad.tests.fuzz.Ast.Param;
import dev.jgrad.tests.fuzz.InProcessCompiler.Diag;
import java.util.List;

/**
 * One way a generated program showed jgrad wrong. {@code method} is null for what concerns the
 * whole class (a crash of the processor, generated code that does not compile); {@code args} and
 * {@code params} are the inputs of a run-time failure, for the reproducer.
 */
record Failure(Kind kind, String method, String detail, List<Diag> diags, List<Param> params, Object[] args) {

    enum Kind {
        /** An exception escaped the processor (or javac), or javac did not finish. */
        PROCESSOR_CRASH,
        /** The processor reported {@code [JgradInternal]} or printed a stack trace. */
        PROCESSOR_INTERNAL,
        /** The processor rejected with a [Jgrad...] error a method that is inside the subset. */
        REJECTED,
        /** A file the processor generated does not compile. */
        GENERATED_DOES_NOT_COMPILE,
        /** javac rejects the generated program itself: a bug of the generator, not of jgrad. */
        INVALID_SOURCE,
        /** The class or method the contract promises is not there. */
        MISSING_GENERATED,
        /** The gradient record does not have the contract's components. */
        RECORD_SHAPE,
        /** The source method threw, and not on purpose: a bug of the generator (or of its inputs), not of jgrad. */
        SOURCE_THREW,
        /** The probe copy disagrees with the source: a bug of the printer, not of jgrad. */
        PROBE_MISMATCH,
        GRAD_THREW,
        VALUE_MISMATCH,
        GRAD_SHAPE,
        GRAD_FD_MISMATCH,
        GRAD_DIRECTIONAL_MISMATCH,
        /** The inputs after the call (values, or which row object is where) are not as the source leaves them. */
        INPUT_MODIFIED,
        /** The source threw (on purpose); the generated method threw another exception, or none. */
        EXCEPTION_MISMATCH,
        /**
         * Arrays aliased by the caller (README "Aliasing"): the gradient of a method that writes into
         * them did not throw the {@code IllegalArgumentException} naming them, or wrote first; that of a
         * method that only reads them threw, or gave another value or gradient.
         */
        ALIASING,
        NONDETERMINISTIC,
        JIT_THREW,
        JIT_VALUE_MISMATCH,
        JIT_GRAD_MISMATCH,
        /** The {@code @Jvp} of a {@code @Grad} method: its value, or its tangent against {@code <gradient, u>}. */
        JVP_MISMATCH,
        /** {@code @Hessian} ({@link HessianCheck}): {@code f} or {@code fHvp} threw where the source did not. */
        HESSIAN_THREW,
        /** {@code @Hessian}: the value, the gradient, the symmetry, or {@code fHvp} against {@code hessian . v}. */
        HESSIAN_MISMATCH,
        /** {@code @Hessian}: a column against central differences of the {@code @Grad} gradient. */
        HESSIAN_FD_MISMATCH,
        /** A {@code double[]} method ({@link VectorCheck}): its {@code @Jacobian}, {@code @Jvp} or {@code @Jit} threw. */
        JACOBIAN_THREW,
        /**
         * A {@code double[]} method: a value, a row against {@code @Grad} of its scalar wrapper, the two
         * modes, {@code @Jvp}'s tangent against {@code J d}, or {@code J u} against finite differences.
         */
        JACOBIAN_MISMATCH,
        /** A check did not finish in time: generated code that loops. */
        TIMEOUT,
        /** The harness itself threw: a bug of the fuzzer. */
        HARNESS_ERROR
    }

    Failure {
        diags = diags == null ? List.of() : List.copyOf(diags);
        params = params == null ? List.of() : List.copyOf(params);
    }

    static Failure compile(Kind kind, String detail, List<Diag> diags) {
        return new Failure(kind, null, detail, diags, null, null);
    }

    static Failure at(Kind kind, String method, String detail, List<Param> params, Object[] args) {
        return new Failure(kind, method, detail, null, params, args == null ? null : Inputs.copy(args));
    }

    /**
     * What must stay the same while shrinking: the kind, the method, and for a rejection the
     * error id. The details (which index, which values) may change.
     */
    String signature() {
        String s = kind + (method == null ? "" : " in " + method);
        if (kind == Kind.REJECTED) {
            s += " " + jgradIds();
        }
        return s;
    }

    /** The [Jgrad...] ids among the errors, sorted, e.g. {@code JgradCall}. */
    List<String> jgradIds() {
        return diags.stream().filter(Diag::isError).map(Diag::message).filter(m -> m.startsWith("[Jgrad"))
                .map(m -> m.substring(1, m.indexOf(']'))).distinct().sorted().toList();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(signature()).append(": ").append(detail);
        for (Diag d : diags.stream().limit(8).toList()) {
            s.append("\n    ").append(d);
        }
        return s.toString();
    }
}
