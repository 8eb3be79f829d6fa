package dev.jgrad.processor.rules;

import static dev.jgrad.processor.ir.Exprs.ONE;
import static dev.jgrad.processor.ir.Exprs.ZERO;
import static dev.jgrad.processor.ir.Exprs.add;
import static dev.jgrad.processor.ir.Exprs.compare;
import static dev.jgrad.processor.ir.Exprs.cond;
import static dev.jgrad.processor.ir.Exprs.div;
import static dev.jgrad.processor.ir.Exprs.lit;
import static dev.jgrad.processor.ir.Exprs.math;
import static dev.jgrad.processor.ir.Exprs.mul;
import static dev.jgrad.processor.ir.Exprs.neg;
import static dev.jgrad.processor.ir.Exprs.sub;

import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The derivative of every primitive, in one table: one entry per primitive, as JAX's
 * {@code defjvp} rules are. An entry gives the partial derivative of the result with respect to each
 * argument, as an expression in the argument values and (where cheaper) the result value; the
 * transform multiplies them by the adjoint and sums them up. Adding a function is one line here.
 *
 * <p>Where a function is not differentiable (abs at 0, max at a tie), the partial is that of the
 * branch the function takes, as in JAX and PyTorch.
 */
public final class Rules {
    /** The partials of one primitive, given its argument values and its result value. */
    @FunctionalInterface
    public interface Partials {
        List<Expr> of(List<Expr> args, Expr result);
    }

    /**
     * One primitive: what values its partials read (so that the transform recomputes only those)
     * and the partials themselves.
     */
    public record Rule(String name, int arity, boolean readsArgs, boolean readsResult, Partials partials) {
        /** A function whose derivative is zero wherever it is defined (floor, signum). */
        public boolean isPiecewiseConstant() {
            return partials == null;
        }
    }

    private static final Map<String, Rule> MATH = buildMathTable();

    /** Operators on doubles, by the operator: the same table mechanism. */
    private static final Map<BinaryOp, Rule> BINARY = Map.of(
            BinaryOp.ADD, linear("+", 2, (a, r) -> List.of(ONE, ONE)),
            BinaryOp.SUB, linear("-", 2, (a, r) -> List.of(ONE, lit(-1.0))),
            BinaryOp.MUL, new Rule("*", 2, true, false, (a, r) -> List.of(a.get(1), a.get(0))),
            // d(l/r)/dr = -(l/r)/r: reads the result instead of squaring r
            BinaryOp.DIV, new Rule("/", 2, true, true, (a, r) -> List.of(div(ONE, a.get(1)), neg(div(r, a.get(1))))),
            // l % r = l - r*trunc(l/r); trunc(l/r) is rint((l - result)/r) exactly where it is differentiable
            BinaryOp.REM, new Rule("%", 2, true, true,
                    (a, r) -> List.of(ONE, neg(math("rint", div(sub(a.get(0), r), a.get(1)))))));

    private Rules() {}

    /** The rule of {@code Math.name} (or {@code StrictMath.name}) with that many arguments, or null. */
    public static Rule ofMath(String name, int arity) {
        Rule rule = MATH.get(name);
        return rule != null && rule.arity() == arity ? rule : null;
    }

    /** The rule of a binary operator on doubles, or null for comparisons and integer-only operators. */
    public static Rule binary(BinaryOp op) {
        return BINARY.get(op);
    }


    private static Map<String, Rule> buildMathTable() {
        Map<String, Rule> t = new LinkedHashMap<>();
        // f(x): partial in terms of x
        unary(t, "sin", x -> math("cos", x));
        unary(t, "cos", x -> neg(math("sin", x)));
        unary(t, "asin", x -> div(ONE, math("sqrt", sub(ONE, mul(x, x)))));
        unary(t, "acos", x -> neg(div(ONE, math("sqrt", sub(ONE, mul(x, x))))));
        unary(t, "atan", x -> div(ONE, add(ONE, mul(x, x))));
        unary(t, "sinh", x -> math("cosh", x));
        unary(t, "cosh", x -> math("sinh", x));
        unary(t, "log", x -> div(ONE, x));
        unary(t, "log1p", x -> div(ONE, add(ONE, x)));
        unary(t, "log10", x -> div(ONE, mul(x, lit(Math.log(10)))));
        // branch taken: Math.abs returns x unless x < 0
        unary(t, "abs", x -> cond(compare(BinaryOp.LT, x, ZERO), lit(-1.0), ONE));
        t.put("toRadians", linear("toRadians", 1, (a, r) -> List.of(lit(Math.PI / 180))));
        t.put("toDegrees", linear("toDegrees", 1, (a, r) -> List.of(lit(180 / Math.PI))));
        // f(x) = r: partial in terms of r
        ofResult(t, "exp", r -> r);
        ofResult(t, "expm1", r -> add(r, ONE));
        ofResult(t, "tan", r -> add(ONE, mul(r, r)));
        ofResult(t, "tanh", r -> sub(ONE, mul(r, r)));
        ofResult(t, "sqrt", r -> div(lit(0.5), r));
        ofResult(t, "cbrt", r -> div(ONE, mul(lit(3.0), mul(r, r))));
        // two arguments
        t.put("atan2", new Rule("atan2", 2, true, false, (a, r) -> {
            Expr y = a.get(0);
            Expr x = a.get(1);
            Expr d = add(mul(x, x), mul(y, y));
            return List.of(div(x, d), neg(div(y, d)));
        }));
        // pow(a, b): b*a^(b-1) and r*log(a); zero where a formula would give 0*inf (JAX does the same)
        t.put("pow", new Rule("pow", 2, true, true, (a, r) -> {
            Expr x = a.get(0);
            Expr y = a.get(1);
            return List.of(
                    cond(compare(BinaryOp.EQ, y, ZERO), ZERO, mul(y, math("pow", x, sub(y, ONE)))),
                    cond(compare(BinaryOp.EQ, x, ZERO), ZERO, mul(r, math("log", x))));
        }));
        t.put("hypot", new Rule("hypot", 2, true, true, (a, r) -> List.of(
                cond(compare(BinaryOp.EQ, r, ZERO), ZERO, div(a.get(0), r)),
                cond(compare(BinaryOp.EQ, r, ZERO), ZERO, div(a.get(1), r)))));
        // branch taken: Math.max(a, b) is a when a >= b, Math.min(a, b) is a when a <= b
        t.put("max", new Rule("max", 2, true, false, (a, r) -> {
            Expr first = compare(BinaryOp.GE, a.get(0), a.get(1));
            return List.of(cond(first, ONE, ZERO), cond(first, ZERO, ONE));
        }));
        t.put("min", new Rule("min", 2, true, false, (a, r) -> {
            Expr first = compare(BinaryOp.LE, a.get(0), a.get(1));
            return List.of(cond(first, ONE, ZERO), cond(first, ZERO, ONE));
        }));
        for (String f : Arrays.asList("floor", "ceil", "rint", "signum")) {
            t.put(f, new Rule(f, 1, false, false, null));
        }
        return java.util.Collections.unmodifiableMap(t);
    }

    private static void unary(Map<String, Rule> t, String name, java.util.function.UnaryOperator<Expr> d) {
        t.put(name, new Rule(name, 1, true, false, (a, r) -> List.of(d.apply(a.get(0)))));
    }

    private static void ofResult(Map<String, Rule> t, String name, java.util.function.UnaryOperator<Expr> d) {
        t.put(name, new Rule(name, 1, false, true, (a, r) -> List.of(d.apply(r))));
    }

    private static Rule linear(String name, int arity, Partials p) {
        return new Rule(name, arity, false, false, p);
    }
}
