package dev.jgrad.processor.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A primitive of the rule table ({@code rules.Rules}): how a call to it is spelled, and the partial
 * derivative of its result in each argument, as JAX's {@code defjvp} rules give them. Every call to a
 * primitive carries its rule in the IR ({@link Expr.Prim}), and operators on doubles have theirs, so
 * later stages ask the rule (which values its partials read, the partials themselves, how it is
 * spelled) instead of comparing names. The formulas themselves are written in the table alone.
 *
 * <p>Rules are compared by identity: the table holds one per primitive.
 */
public final class Rule {
    /** The partials of one primitive, given its argument values and its result value. */
    @FunctionalInterface
    public interface Partials {
        /**
         * The partial in each argument, in argument order; null for an argument in which the result
         * is constant (the sign of {@code Math.copySign}).
         */
        List<Expr> of(List<Expr> args, Expr result);
    }

    /** The values the partial in one argument is written with: some of the arguments, and perhaps the result. */
    public record Reads(List<Integer> args, boolean result) {
        /** A partial that is a constant ({@code +}: 1). */
        public static final Reads NOTHING = new Reads(List.of(), false);
        /** A partial written with the result alone ({@code exp}: r). */
        public static final Reads RESULT = new Reads(List.of(), true);

        /** A partial written with these arguments. */
        public static Reads args(Integer... k) {
            return new Reads(List.of(k), false);
        }

        /** This, and the result too ({@code /}: the partial in the divisor is -r / b). */
        public Reads andResult() {
            return new Reads(args, true);
        }
    }

    private final String owner;
    private final String name;
    private final List<Reads> reads;
    private final Partials partials;
    /** Per set of arguments, a method of {@link #valueAndPartialOwner} giving the value and those partials at once, or null. */
    private final Function<List<Integer>, String> valueAndPartial;
    private final String valueAndPartialOwner;
    /** The argument, a {@code double[]}, into which a call writes its second result; -1 for none. */
    private final int writes;

    /**
     * A rule of {@code owner.name} (a binary class name and a method name; for an operator, null and its
     * symbol). {@code reads} has one entry per argument, null where the partial is zero; {@code partials}
     * is null for a function whose derivative is zero wherever it is defined (floor, round).
     */
    public Rule(String owner, String name, List<Reads> reads, Partials partials) {
        this.owner = owner;
        this.name = Objects.requireNonNull(name);
        this.reads = Collections.unmodifiableList(new ArrayList<>(reads));
        this.partials = partials;
        this.valueAndPartial = null;
        this.valueAndPartialOwner = null;
        this.writes = -1;
    }

    private Rule(Rule r, String owner, Function<List<Integer>, String> valueAndPartial, int writes) {
        this.owner = r.owner;
        this.name = r.name;
        this.reads = r.reads;
        this.partials = r.partials;
        this.valueAndPartialOwner = owner;
        this.valueAndPartial = valueAndPartial;
        this.writes = writes;
    }

    /**
     * This rule, where {@code owner.methods.apply(ks)(args..., double[] out)} (null for some {@code ks})
     * returns the primitive's value bit for bit and writes its partial in argument {@code ks.get(j)} into
     * {@code out[j]}: a gradient whose adjoint follows the call in the same iteration calls that instead
     * of the primitive and then its partials (a helper's derivative methods, which would run it again
     * for each). {@code methods} may make the method when first asked.
     */
    public Rule withValueAndPartials(String owner, Function<List<Integer>, String> methods) {
        return new Rule(this, owner, methods, writes);
    }

    /** This rule, whose calls write a second result into their {@code double[]} argument {@code k}. */
    public Rule writing(int k) {
        return new Rule(this, valueAndPartialOwner, valueAndPartial, k);
    }

    /** The method that gives the value and the partial in argument {@code k} at once, or null. */
    public String valueAndPartial(int k) {
        return valueAndPartials(List.of(k));
    }

    /** The method that gives the value and the partials in arguments {@code ks} (ascending) at once, or null. */
    public String valueAndPartials(List<Integer> ks) {
        return valueAndPartial == null || ks.isEmpty() || ks.get(ks.size() - 1) >= arity() ? null
                : valueAndPartial.apply(List.copyOf(ks));
    }

    /** The binary name of the class of the {@link #valueAndPartial} methods. */
    public String valueAndPartialOwner() {
        return valueAndPartialOwner;
    }

    /** The {@code double[]} argument into which a call writes a second result, or -1: such a call is not a pure function of its arguments. */
    public int writes() {
        return writes;
    }

    /** A rule of a function whose derivative is zero wherever it is defined (floor, signum, round). */
    public static Rule piecewiseConstant(String owner, String name, int arity) {
        return new Rule(owner, name, Arrays.asList(new Reads[arity]), null);
    }

    /** The binary name of the class the primitive is called on ({@code java.lang.Math}), or null for an operator. */
    public String owner() {
        return owner;
    }

    /** The method name, or the operator's symbol. */
    public String name() {
        return name;
    }

    public int arity() {
        return reads.size();
    }

    /** A function whose derivative is zero wherever it is defined (floor, signum, round). */
    public boolean isPiecewiseConstant() {
        return partials == null;
    }

    /** Whether the result may depend differentiably on argument {@code k}. */
    public boolean differentiableIn(int k) {
        return partials != null && reads.get(k) != null;
    }

    /** What the partial in argument {@code k} reads; only where {@link #differentiableIn}. */
    public Reads reads(int k) {
        return reads.get(k);
    }

    /** Whether some partial is written with the result ({@code tanh}: 1 - r * r). */
    public boolean readsResult() {
        return reads.stream().anyMatch(r -> r != null && r.result());
    }

    /** The partials at these argument values and this result value; not for a piecewise-constant rule. */
    public List<Expr> partials(List<Expr> args, Expr result) {
        return partials.of(args, result);
    }

    @Override
    public int hashCode() {
        return Objects.hash(owner, name, reads.size());
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public String toString() {
        return (owner == null ? "" : owner.substring(owner.lastIndexOf('.') + 1) + ".") + name + "/" + arity();
    }
}
