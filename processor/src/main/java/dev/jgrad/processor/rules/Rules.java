package dev.jgrad.processor.rules;

import static dev.jgrad.processor.ir.Exprs.ONE;
import static dev.jgrad.processor.ir.Exprs.ZERO;
import static dev.jgrad.processor.ir.Exprs.add;
import static dev.jgrad.processor.ir.Exprs.compare;
import static dev.jgrad.processor.ir.Exprs.cond;
import static dev.jgrad.processor.ir.Exprs.div;
import static dev.jgrad.processor.ir.Exprs.lit;
import static dev.jgrad.processor.ir.Exprs.mul;
import static dev.jgrad.processor.ir.Exprs.neg;
import static dev.jgrad.processor.ir.Exprs.sub;
import static dev.jgrad.processor.rules.StaticMethod.staticMethod;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Rule;
import dev.jgrad.processor.ir.Rule.Partials;
import dev.jgrad.processor.ir.Rule.Reads;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;

/**
 * The derivative of every primitive, in one table: one entry per primitive, keyed by owner, name and
 * arity, as JAX's {@code defjvp} rules are. An entry gives the partial derivative of the result in
 * each argument, as an expression in the argument values and (where cheaper) the result value, and
 * which of those values each partial reads; the transform multiplies them by the adjoint and sums them
 * up. Adding a function is one line here. The front end resolves each call against this table once
 * ({@link #resolve}); the IR then carries the {@link Rule}.
 *
 * <p>Where a function is not differentiable (abs at 0, max at a tie), the partial is that of the
 * branch the function takes, as in JAX and PyTorch. Integer-valued functions (floor, round) have
 * derivative zero, as a cast to an integer has.
 */
public final class Rules {
    private static final String MATH = "java.lang.Math";
    private static final String STRICT_MATH = "java.lang.StrictMath";
    static final String OPS = "dev.jgrad.Ops";
    /** The runtime's faster formulations, for code generated under {@code @Jit} ({@link #underJit}). */
    private static final String JIT_MATH = "dev.jgrad.runtime.JitMath";

    /** Every static method of the classes whose functions are primitives, in the table or not. */
    private static final StaticMethod MATH_FUNCTION = staticMethod().onClass(MATH, STRICT_MATH);

    /**
     * A primitive: how a call is matched, its rule, and the class whose method of the same name computes
     * it under {@code @Jit} (null: the primitive's own), a faster formulation within {@code @Jit}'s tolerance.
     */
    private record Entry(StaticMethod matcher, Rule rule, String jitOwner) {}

    private static final List<Entry> TABLE = mathTable();

    /** The table's {@code @Jit} column: the rules computed by another class's method under {@code @Jit}. */
    private static final Map<Rule, String> UNDER_JIT = TABLE.stream().filter(e -> e.jitOwner() != null)
            .collect(Collectors.toMap(Entry::rule, Entry::jitOwner));

    /**
     * The table's array column under {@code @Jit}: the runtime class whose static method of the rule's name,
     * {@code f(double[] a, int n)}, replaces {@code a[0]} to {@code a[n - 1]} by {@code f} of them within the
     * {@code @Jit} column's ulps, in vector lanes where the JVM can ({@code Simd.tanh}); a loop that stores
     * {@code f(e)} into each element of an array stores {@code e} and calls it ({@code transform.Fission}).
     */
    private static final Map<Rule, String> ARRAYS_UNDER_JIT = Map.of(rule(MATH, "tanh", 1), RuntimeCalls.SIMD);

    /** The rules of {@code java.lang.Math}, by name and arity, for the formulas of this table. */
    private static final Map<String, Rule> MATH_RULES = TABLE.stream().map(Entry::rule)
            .filter(r -> r.owner().equals(MATH))
            .collect(Collectors.toMap(r -> r.name() + "/" + r.arity(), r -> r));

    /** Operators on doubles, by the operator: the same table mechanism. */
    private static final Map<BinaryOp, Rule> BINARY = Map.of(
            BinaryOp.ADD, operator("+", List.of(Reads.NOTHING, Reads.NOTHING), (a, r) -> List.of(ONE, ONE)),
            BinaryOp.SUB, operator("-", List.of(Reads.NOTHING, Reads.NOTHING), (a, r) -> List.of(ONE, lit(-1.0))),
            BinaryOp.MUL, operator("*", List.of(Reads.args(1), Reads.args(0)), (a, r) -> List.of(a.get(1), a.get(0))),
            // d(l/r)/dr = -(l/r)/r: reads the result instead of squaring r
            BinaryOp.DIV, operator("/", List.of(Reads.args(1), Reads.args(1).andResult()),
                    (a, r) -> List.of(div(ONE, a.get(1)), neg(div(r, a.get(1))))),
            // l % r = l - r*trunc(l/r); trunc(l/r) is rint((l - result)/r) exactly where it is differentiable
            BinaryOp.REM, operator("%", List.of(Reads.NOTHING, Reads.args(0, 1).andResult()),
                    (a, r) -> List.of(ONE, neg(math("rint", div(sub(a.get(0), r), a.get(1)))))));

    private Rules() {}

    /**
     * The rule of the method a call resolved to, or null if it is no primitive: the one place where a
     * call is matched against the table, by declaring class, name and number of parameters.
     */
    public static Rule resolve(ExecutableElement m) {
        for (Entry e : TABLE) {
            if (e.matcher().matches(m)) {
                return e.rule();
            }
        }
        return null;
    }

    /**
     * The class whose method of the same name and parameters code generated under {@code @Jit} calls for
     * {@code r}: the runtime's {@code JitMath} for {@code Math.tanh} (a few ulps, several times faster on
     * JDK 17), {@code Math.log1p} (1 ulp, a table where {@code Math}'s is fdlibm's code) and {@code Math.exp} (1 ulp,
     * a table that skips the intrinsic's checks of every range), else {@code r}'s own owner. Never for code without {@code @Jit}, whose value is the
     * source's bit for bit; {@code StrictMath} stays exact, as its user asked.
     */
    public static String ownerUnderJit(Rule r) {
        return UNDER_JIT.getOrDefault(r, r.owner());
    }

    /** Whether {@code r} is in the table's {@code @Jit} column: code generated under {@code @Jit} computes it by another class's method. */
    public static boolean fasterUnderJit(Rule r) {
        return UNDER_JIT.containsKey(r);
    }

    /**
     * The runtime class whose method {@code r.name()(double[] a, int n)} computes {@code r} in place over an
     * array's first {@code n} entries under {@code @Jit} ({@code Simd} for {@code Math.tanh}), or null: only
     * rules of the {@code @Jit} column, whose results are within its ulps anyway; {@code StrictMath} has none.
     */
    public static String arrayOwnerUnderJit(Rule r) {
        return ARRAYS_UNDER_JIT.get(r);
    }

    /** Whether {@code m} is a function of {@code Math} or {@code StrictMath}, whether the table has it or not. */
    public static boolean isMathFunction(ExecutableElement m) {
        return MATH_FUNCTION.matches(m);
    }

    /** The functions of {@code Math} in the table, by name, for the message that lists them. */
    public static String names() {
        return TABLE.stream().map(Entry::rule).filter(r -> r.owner().equals(MATH)).map(Rule::name).distinct()
                .collect(Collectors.joining(" "));
    }

    /** The rule of {@code owner.name} with {@code arity} parameters in the table: for the formulas of {@link OpsTable}. */
    static Rule rule(String owner, String name, int arity) {
        return TABLE.stream().map(Entry::rule)
                .filter(r -> r.owner().equals(owner) && r.name().equals(name) && r.arity() == arity)
                .findFirst().orElseThrow(() -> new IllegalStateException("no rule " + owner + "." + name));
    }

    /** Every rule of the table and every operator's, in the order of the table. */
    static List<Rule> all() {
        List<Rule> all = new ArrayList<>();
        TABLE.forEach(e -> all.add(e.rule()));
        Arrays.stream(BinaryOp.values()).map(BINARY::get).filter(Objects::nonNull).forEach(all::add);
        return all;
    }

    /** The rule of a binary operator on doubles, or null for comparisons and integer-only operators. */
    public static Rule binary(BinaryOp op) {
        return BINARY.get(op);
    }

    /**
     * Whether {@code r} is the rule of {@code Math.max} (1) or {@code Math.min} (-1) of two values, else 0:
     * {@code m = Math.max(m, e)} in a loop is a running max, a reduction to {@code @Jit}.
     */
    public static int extremum(Rule r) {
        if (r == null || r.arity() != 2 || !(r.owner().equals(MATH) || r.owner().equals(STRICT_MATH))) {
            return 0;
        }
        return r.name().equals("max") ? 1 : r.name().equals("min") ? -1 : 0;
    }

    /** {@code Math.max(a, b)}, for the transforms (the size of a buffer). */
    public static Expr max(Expr a, Expr b) {
        return new Expr.Prim(Type.promote(a.type(), b.type()), MATH_RULES.get("max/2"), List.of(a, b));
    }

    // ---------------------------------------------------------------- the table

    private static List<Entry> mathTable() {
        Table t = new Table();
        // a partial written with x (sin: cos x), or with the result r where cheaper (tan: 1 + r*r)
        t.unary("sin", x -> math("cos", x));
        t.unary("cos", x -> neg(math("sin", x)));
        t.ofResult("tan", r -> add(ONE, mul(r, r)));
        t.unary("asin", x -> div(ONE, math("sqrt", sub(ONE, mul(x, x)))));
        t.unary("acos", x -> neg(div(ONE, math("sqrt", sub(ONE, mul(x, x))))));
        t.unary("atan", x -> div(ONE, add(ONE, mul(x, x))));
        t.add("atan2", List.of(Reads.args(0, 1), Reads.args(0, 1)), (a, r) -> {
            Expr y = a.get(0);
            Expr x = a.get(1);
            Expr d = add(mul(x, x), mul(y, y));
            return List.of(div(x, d), neg(div(y, d)));
        });
        t.unary("sinh", x -> math("cosh", x));
        t.unary("cosh", x -> math("sinh", x));
        t.ofResult("tanh", r -> sub(ONE, mul(r, r)));
        t.underJit("tanh", JIT_MATH);
        t.ofResult("exp", r -> r);
        t.underJit("exp", JIT_MATH);
        t.ofResult("expm1", r -> add(r, ONE));
        t.unary("log", x -> div(ONE, x));
        t.unary("log1p", x -> div(ONE, add(ONE, x)));
        t.underJit("log1p", JIT_MATH);
        t.unary("log10", x -> div(ONE, mul(x, lit(Math.log(10)))));
        t.ofResult("sqrt", r -> div(lit(0.5), r));
        t.ofResult("cbrt", r -> div(ONE, mul(lit(3.0), mul(r, r))));
        // pow(a, b): b*a^(b-1) and r*log(a); zero where a formula would give 0*inf (JAX does the same).
        // b*a^(b-1) is 0*inf only at a = b = 0: at b = 0 alone it is 0, and its derivative in b, 1/a,
        // which a Hessian reads, is that of the formula (a guard on b == 0 alone would make it 0)
        t.add("pow", List.of(Reads.args(0, 1), Reads.args(0).andResult()), (a, r) -> {
            Expr x = a.get(0);
            Expr y = a.get(1);
            Expr bothZero = new Expr.Binary(Type.BOOLEAN, BinaryOp.CAND, compare(BinaryOp.EQ, y, ZERO), compare(BinaryOp.EQ, x, ZERO));
            return List.of(
                    cond(bothZero, ZERO, mul(y, math("pow", x, sub(y, ONE)))),
                    cond(compare(BinaryOp.EQ, x, ZERO), ZERO, mul(r, math("log", x))));
        });
        t.add("hypot", List.of(Reads.args(0).andResult(), Reads.args(1).andResult()), (a, r) -> List.of(
                cond(compare(BinaryOp.EQ, r, ZERO), ZERO, div(a.get(0), r)),
                cond(compare(BinaryOp.EQ, r, ZERO), ZERO, div(a.get(1), r))));
        // branch taken: Math.abs returns x unless x < 0, Math.max(a, b) is a when a >= b, Math.min(a, b) when a <= b
        t.unary("abs", x -> cond(compare(BinaryOp.LT, x, ZERO), lit(-1.0), ONE));
        t.add("max", List.of(Reads.args(0, 1), Reads.args(0, 1)), (a, r) -> {
            Expr first = compare(BinaryOp.GE, a.get(0), a.get(1));
            return List.of(cond(first, ONE, ZERO), cond(first, ZERO, ONE));
        });
        t.add("min", List.of(Reads.args(0, 1), Reads.args(0, 1)), (a, r) -> {
            Expr first = compare(BinaryOp.LE, a.get(0), a.get(1));
            return List.of(cond(first, ONE, ZERO), cond(first, ZERO, ONE));
        });
        t.linear("toRadians", Math.PI / 180);
        t.linear("toDegrees", 180 / Math.PI);
        // fma(a, b, c) = a*b + c, rounded once
        t.add("fma", List.of(Reads.args(1), Reads.args(0), Reads.NOTHING), (a, r) -> List.of(a.get(1), a.get(0), ONE));
        // copySign(m, s) = |m| with the sign of s: +-1 in m (the signs' product), constant in s
        t.add("copySign", Arrays.asList(Reads.args(0, 1), null), (a, r) -> Arrays.asList(
                mul(math("copySign", ONE, a.get(0)), math("copySign", ONE, a.get(1))), null));
        // the neighbouring double, x scaled by a power of two, the remainder x - y*rint(x/y)
        t.linear("nextUp", 1.0);
        t.linear("nextDown", 1.0);
        t.add("scalb", Arrays.asList(Reads.args(1), null), (a, r) -> Arrays.asList(math("scalb", ONE, a.get(1)), null));
        t.add("IEEEremainder", List.of(Reads.NOTHING, Reads.args(0, 1).andResult()),
                (a, r) -> List.of(ONE, neg(math("rint", div(sub(a.get(0), r), a.get(1))))));
        // integer-valued or piecewise constant: derivative zero, as that of a cast to long
        for (String f : List.of("floor", "ceil", "rint", "signum", "round", "ulp", "toIntExact")) {
            t.constant(f, 1);
        }
        for (String f : List.of("floorMod", "floorDiv", "addExact", "subtractExact", "multiplyExact")) {
            t.constant(f, 2);
        }
        opsScalars(t);
        return Collections.unmodifiableList(t.entries);
    }

    /**
     * The scalar functions of {@code dev.jgrad.Ops} (on a {@code double}; their array overloads are
     * {@link OpsTable}'s, lowered into loops that call these): partials as the Ops contract gives them.
     */
    private static void opsScalars(Table t) {
        Rule sigmoid = t.ops("sigmoid", Reads.RESULT, (x, r) -> mul(r, sub(ONE, r)));
        t.ops("softplus", Reads.args(0), (x, r) -> new Expr.Prim(Type.DOUBLE, sigmoid, List.of(x)));
        // the kink rule of Math.max(x, 0.0): a tie passes to x
        t.ops("relu", Reads.args(0), (x, r) -> cond(compare(BinaryOp.GE, x, ZERO), ONE, ZERO));
        double twoOverSqrtPi = 2 / Math.sqrt(Math.PI);
        t.ops("erf", Reads.args(0), (x, r) -> mul(lit(twoOverSqrtPi), math("exp", neg(mul(x, x)))));
        t.ops("erfc", Reads.args(0), (x, r) -> mul(lit(-twoOverSqrtPi), math("exp", neg(mul(x, x)))));
        t.ops("normCdf", Reads.args(0), (x, r) -> mul(lit(1 / Math.sqrt(2 * Math.PI)), math("exp", mul(lit(-0.5), mul(x, x)))));
        // the value, with no derivative (JAX's lax.stop_gradient)
        t.put(Rule.piecewiseConstant(OPS, "stopGradient", 1), "double");
    }

    /** A call of {@code Math.name} on doubles, for the formulas. */
    static Expr math(String name, Expr... args) {
        Rule rule = Objects.requireNonNull(MATH_RULES.get(name + "/" + args.length), name);
        return new Expr.Prim(Type.DOUBLE, rule, List.of(args));
    }

    private static Rule operator(String symbol, List<Reads> reads, Partials p) {
        return new Rule(null, symbol, reads, p);
    }

    /** The entries under construction: each function is a primitive of {@code Math} and of {@code StrictMath}. */
    private static final class Table {
        final List<Entry> entries = new ArrayList<>();
        private final Map<String, Rule> seen = new LinkedHashMap<>();

        void add(String name, List<Reads> reads, Partials p) {
            for (String owner : List.of(MATH, STRICT_MATH)) {
                put(new Rule(owner, name, reads, p));
            }
        }

        void constant(String name, int arity) {
            for (String owner : List.of(MATH, STRICT_MATH)) {
                put(Rule.piecewiseConstant(owner, name, arity));
            }
        }

        /** f(x): the partial written with x. */
        void unary(String name, UnaryOperator<Expr> d) {
            add(name, List.of(Reads.args(0)), (a, r) -> List.of(d.apply(a.get(0))));
        }

        /** f(x) = r: the partial written with r. */
        void ofResult(String name, UnaryOperator<Expr> d) {
            add(name, List.of(Reads.RESULT), (a, r) -> List.of(d.apply(r)));
        }

        /** f(x) = slope * x, near enough. */
        void linear(String name, double slope) {
            add(name, List.of(Reads.NOTHING), (a, r) -> List.of(lit(slope)));
        }

        /**
         * {@code Math.name} computed by {@code owner.name} under {@code @Jit}, with the same rule: the
         * derivative reads the value that method computed. {@code StrictMath.name} keeps its own.
         */
        void underJit(String name, String owner) {
            for (int k = 0; k < entries.size(); k++) {
                Entry e = entries.get(k);
                if (e.rule().owner().equals(MATH) && e.rule().name().equals(name)) {
                    entries.set(k, new Entry(e.matcher(), e.rule(), owner));
                }
            }
        }

        /** {@code Ops.name(double)}: its partial written with x or the result. */
        Rule ops(String name, Reads reads, java.util.function.BinaryOperator<Expr> d) {
            Rule rule = new Rule(OPS, name, List.of(reads), (a, r) -> List.of(d.apply(a.get(0), r)));
            put(rule, "double");
            return rule;
        }

        /** A rule, matched by owner, name and arity, or (for an owner with overloads) by its parameter types. */
        private void put(Rule rule, String... parameterTypes) {
            String key = rule.owner() + "." + rule.name() + "/" + rule.arity();
            if (seen.put(key, rule) != null) {
                throw new IllegalStateException("two rules for " + key);
            }
            StaticMethod m = staticMethod().onClass(rule.owner()).named(rule.name());
            entries.add(new Entry(parameterTypes.length > 0 ? m.withParameters(parameterTypes) : m.withArity(rule.arity()), rule, null));
        }
    }
}
