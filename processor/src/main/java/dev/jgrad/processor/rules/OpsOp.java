package dev.jgrad.processor.rules;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Type;
import java.util.List;

/**
 * One method of {@code dev.jgrad.Ops} that jgrad differentiates: what it computes, as the front end
 * needs to lower a call of it into loops (the Ops contract, {@code ops-spec.md}). Nothing here builds
 * loops; an op is a kind, its parameter and result types and, for an element-wise op, the scalar
 * formula of one element. Its derivative is not given: the loops it is lowered into are
 * differentiated by the rules of {@link Rules} (as JAX's {@code jnp} functions are compositions of
 * {@code lax} primitives).
 */
public record OpsOp(String name, Kind kind, List<Type> params, Type result, Formula formula) {
    /** How an op is lowered. */
    public enum Kind {
        /**
         * Element by element, with numpy broadcasting of scalars and of a vector over a matrix's rows:
         * {@code add}, {@code exp}, {@code pow}, {@code stopGradient}; the element is {@link #formula}
         * of the operands' elements.
         */
        ELEMENTWISE,
        /** Every element the {@link #formula} of the double arguments; the int arguments are the shape: {@code zeros ones full}. */
        FILL,
        /** {@code s = 0.0; s += x} over every entry, row-major. */
        SUM,
        /** {@link #SUM} over the number of entries. */
        MEAN,
        /** The first entry, then {@code Math.max} with every entry; an empty array is an error. */
        MAX,
        /** As {@link #MAX}, with {@code Math.min}. */
        MIN,
        /** {@code s += a[i] * b[i]}. */
        DOT,
        /** {@code Math.sqrt} of {@code s += x[i] * x[i]}. */
        NORM2,
        /** {@code c + log(sum(exp(x - c)))}, c the max when finite; on a matrix, one per row. */
        LOG_SUM_EXP,
        /** One sum per row. */
        ROW_SUMS,
        /** One sum per column, summed row by row. */
        COL_SUMS,
        /** {@code exp(x - max) / sum}; on a matrix, per row. */
        SOFTMAX,
        /** {@code (x - max) - log(sum(exp(x - max)))}. */
        LOG_SOFTMAX,
        /** Running sums. */
        CUMSUM,
        /** {@code r[i] = sum_j a[i][j] * x[j]}. */
        MATVEC,
        /** {@code r[j] += x[i] * a[i][j]}, row by row. */
        VECMAT,
        /** {@code c[i][j] = sum_k a[i][k] * b[k][j]}. */
        MATMUL,
        /** {@code t[j][i] = a[i][j]}. */
        TRANSPOSE,
        /** {@code r[i][j] = x[i] * y[j]}. */
        OUTER
    }

    /** The scalar formula of an element-wise op, in its operands' elements (in parameter order). */
    @FunctionalInterface
    public interface Formula {
        Expr of(List<Expr> operands);
    }

    /** {@code name} followed by its parameter types, as in a message: {@code add(double[], double)}. */
    public String signature() {
        return name + params.stream().map(Type::java).collect(java.util.stream.Collectors.joining(", ", "(", ")"));
    }
}
