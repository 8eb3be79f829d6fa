package dev.jgrad.tests.corpus;

import dev.jgrad.tests.params.Data;
import dev.jgrad.tests.params.Deep;
import dev.jgrad.tests.params.Gauss;
import dev.jgrad.tests.params.Scaled;
import dev.jgrad.tests.params.Layer;
import dev.jgrad.tests.params.Mlp;
import dev.jgrad.tests.params.Tagged;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The registry of the corpus: every {@code @Grad} method of this package, each with a function
 * that draws well-conditioned arguments for it from a seeded {@link Random}. Every gradient test
 * runs over {@link #CASES} (as Tangent's {@code functions.py} is shared by its tests).
 *
 * <p>Adding a method is one line in {@link #CASES}: the class, the method name, and the
 * arguments in parameter order, boxed ({@code double} as {@code Double}, {@code int} as
 * {@code Integer}, {@code long} as {@code Long}, {@code boolean} as {@code Boolean}, arrays as
 * they are). The arguments must keep the method smooth within a finite-difference step
 * ({@code 1e-3 * max(1, |x|)}) of them: inside every function's domain and at least
 * {@link #MARGIN} away from every kink, jump and branch threshold. The helpers below do that
 * ({@link #away}, {@link #offGrid}, {@link #spread}), and the few cases whose thresholds depend on
 * several arguments have a generator method of their own, by rejection.
 *
 * <p>{@code CorpusGradientTest} checks that every {@code @Grad} method of the classes named here
 * is registered, so a method cannot be added to the corpus and forgotten here.
 */
public final class Corpus {
    private Corpus() {}

    /** How far, at least, arguments stay from kinks and thresholds: far beyond any step. */
    public static final double MARGIN = 0.1;

    /** One corpus method and how to draw arguments for it. */
    public record Case(Class<?> owner, String method, Function<Random, Object[]> inputs) {
        /** {@code Class.method} ({@code Outer.Nested.method} for a nested class), as tests print it. */
        public String name() {
            return nameOf(owner, method);
        }

        /** The arguments for one seed: the same seed always gives the same arguments. */
        public Object[] arguments(long seed) {
            return inputs.apply(new Random(seed));
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** Every case, grouped by class in the order of the source. */
    public static final List<Case> CASES = List.of(
            // Basics: arithmetic, types, operators, constants
            method(Basics.class, "poly", r -> args(u(r, -2, 2))),
            method(Basics.class, "quotient", r -> args(u(r, -2, 2), pm(r, 0.5, 2))),
            method(Basics.class, "unary", r -> args(u(r, -2, 2), u(r, -2, 2))),
            method(Basics.class, "reassign", r -> args(u(r, -2, 2))),
            method(Basics.class, "compound", r -> args(u(r, -2, 2), u(r, -2, 2))),
            method(Basics.class, "mixedTypes", r -> args(u(r, -2, 2), i(r, 3, 9), (long) i(r, 1, 5))),
            method(Basics.class, "casts", r -> args(offGrid(r, -3, 3, 10))),
            method(Basics.class, "varLocals", r -> args(u(r, -2, 2), vec(r, 5, -1, 1))),
            method(Basics.class, "logic", Corpus::logicInputs),
            method(Basics.class, "ternary", Corpus::ternaryInputs),
            method(Basics.class, "constants", r -> args(u(r, -2, 2))),
            method(Basics.class, "incDec", r -> args(u(r, -1.5, 1.5), i(r, 1, 7))),
            method(Basics.Nested.class, "scaled", r -> args(u(r, -2, 2), u(r, -2, 2))),

            // MathFunctions: every Math and StrictMath function
            method(MathFunctions.class, "trig", r -> args(u(r, -2.5, 2.5))),
            method(MathFunctions.class, "inverseTrig", r -> args(pm(r, 0.1, 0.8), u(r, 0.2, 2))),
            method(MathFunctions.class, "hyperbolic", r -> args(u(r, -2, 2))),
            method(MathFunctions.class, "expLog", r -> args(u(r, -2, 2), u(r, 0.3, 3))),
            method(MathFunctions.class, "roots", r -> args(u(r, 0.2, 3), pm(r, 0.2, 2))),
            method(MathFunctions.class, "powers", r -> args(u(r, 0.5, 2), u(r, -1.5, 1.5), pm(r, 0.2, 2), i(r, 0, 4))),
            method(MathFunctions.class, "nonSmooth", Corpus::nonSmoothInputs),
            method(MathFunctions.class, "strictSmooth", r -> args(pm(r, 0.2, 0.8), u(r, 0.5, 2))),
            method(MathFunctions.class, "strictNonSmooth", Corpus::nonSmoothInputs),
            method(MathFunctions.class, "composed", r -> args(u(r, -2, 2))),

            // Loops
            method(Loops.class, "sumOfSquares", r -> args(vec(r, 6, -2, 2))),
            method(Loops.class, "enhancedFor", r -> args(vec(r, 7, -2, 2))),
            method(Loops.class, "enhancedForRows", r -> args(ragged(r, 5, 0, 5, -2, 2))),
            method(Loops.class, "newtonSqrt", r -> args(u(r, 0.5, 4))),
            method(Loops.class, "doWhile", r -> args(u(r, -1.5, 1.5), i(r, 0, 6))),
            method(Loops.class, "breakContinue", Corpus::breakContinueInputs),
            method(Loops.class, "earlyReturn", Corpus::earlyReturnInputs),
            method(Loops.class, "nestedLoops", r -> args(mat(r, 5, 3, -1, 1), vec(r, 3, -1, 1))),
            method(Loops.class, "overwrittenInLoop", r -> args(u(r, -1, 1), vec(r, 12, -1.5, 1.5))),
            method(Loops.class, "recurrence", r -> args(vec(r, 7, -1, 1))),
            method(Loops.class, "strides", r -> args(vec(r, 9, -1, 1))),
            method(Loops.class, "infiniteLoops", r -> args(u(r, -2, 2))),
            method(Loops.class, "smoothing", r -> args(vec(r, 6, -2, 2))),
            method(Loops.class, "longCounter", r -> args(vec(r, 6, -1.5, 1.5))),
            method(Loops.class, "incrementsInExpressions", r -> args(vec(r, 6, -1.5, 1.5))),

            // ControlFlow
            method(ControlFlow.class, "piecewise", r -> args(away(r, -3, 3, -1, 0, 1))),
            method(ControlFlow.class, "huber", Corpus::huberInputs),
            method(ControlFlow.class, "nestedIf", Corpus::nestedIfInputs),
            method(ControlFlow.class, "checkedVariance", r -> args(vec(r, 6, -2, 2), u(r, 0.1, 2))),
            method(ControlFlow.class, "earlyReturnTop", r -> args(away(r, -2, 3, 1.5), away(r, -2, 2, 0))),
            method(ControlFlow.class, "branchInLoop", r -> args(awayVec(r, 8, -2.5, 2.5, 0, -1))),
            method(ControlFlow.class, "modes", r -> args(u(r, -2, 2), i(r, 0, 2))),
            method(ControlFlow.class, "flagFromLoop", r -> args(awayVec(r, 6, -2, 2, 1.5))),

            // Arrays1
            method(Arrays1.class, "localArray", r -> args(vec(r, 6, -2, 2))),
            method(Arrays1.class, "initialisers", r -> args(u(r, -2, 2), u(r, -2, 2))),
            method(Arrays1.class, "matrixLocal", r -> args(vec(r, 4, -1, 1), vec(r, 3, -1, 1))),
            method(Arrays1.class, "compoundElements", r -> args(vec(r, 6, -1.5, 1.5))),
            method(Arrays1.class, "raggedRows", r -> args(ragged(r, 4, 0, 5, -1.5, 1.5), vec(r, 4, -1, 1))),
            method(Arrays1.class, "gather", r -> args(vec(r, 5, -1.5, 1.5), labels(r, 12, 5))),
            method(Arrays1.class, "scatter", r -> args(vec(r, 10, -2, 2), labels(r, 10, 4), 4)),
            method(Arrays1.class, "heatSteps", r -> args(vec(r, 8, -1, 1), u(r, 0.05, 0.3))),
            method(Arrays1.class, "inPlaceParam", r -> args(vec(r, 6, -1.5, 1.5))),
            method(Arrays1.class, "gram", r -> args(mat(r, 4, 3, -1, 1))),

            // Calls
            method(Calls.class, "scalarHelpers", r -> args(u(r, -2, 2), u(r, -2, 2))),
            method(Calls.class, "arrayHelper", r -> args(vec(r, 5, -1, 1), vec(r, 5, -1, 1))),
            method(Calls.class, "voidHelpers", r -> args(mat(r, 4, 3, -1, 1), vec(r, 3, -1, 1))),
            method(Calls.class, "crossClass", r -> args(u(r, -2, 2), vec(r, 4, -2, 2))),
            method(Calls.class, "helperInLoop", r -> args(vec(r, 6, -1.5, 1.5))),
            method(Calls.class, "helperWithReturns", r -> args(awayVec(r, 7, -2, 3, 0, 1))),
            method(Calls.class, "intHelper", r -> args(spread(r, 5, -2, 2))),
            method(Calls.class, "arrayReturningHelper", r -> args(vec(r, 5, -2, 2), i(r, 0, 4))),
            method(Calls.class, "gradCallsGrad", r -> args(u(r, -2, 2), u(r, -2, 2))),
            method(Calls.class, "rowsThroughHelpers", r -> args(mat(r, 3, 4, -1, 1))),

            // Resolution: calls resolved by class, name and arity; the Math functions beyond the elementary ones
            method(Resolution.class, "shadowedNames", r -> args(u(r, -2, 2))),
            method(Resolution.Lookalike.class, "sin", r -> args(u(r, -2, 2))),
            method(Resolution.class, "fma", r -> args(u(r, -2, 2), u(r, -2, 2))),
            method(Resolution.class, "signs", r -> args(pm(r, 0.2, 2), pm(r, 0.2, 2))),
            method(Resolution.class, "neighbours", r -> args(pm(r, 0.3, 2), i(r, -3, 3))),
            method(Resolution.class, "remainders", r -> {
                double y = u(r, 0.8, 1.5);
                return args(y * offGrid(r, -2, 2, 2), y); // x / y at least 0.15 from the ties of rint
            }),
            method(Resolution.class, "rounding", r -> args(offGrid(r, -3, 3, 2), offGrid(r, -3, 3, 2))),
            method(Resolution.class, "sameArguments", r -> args(u(r, 0.2, 2))),

            // JitShapes: what @Jit fusion must get right or leave alone
            method(JitShapes.class, "variance", r -> args(vec(r, 9, -2, 2))),
            method(JitShapes.class, "standardizedLoss", r -> args(vec(r, 8, -2, 2), vec(r, 8, -1, 1))),
            method(JitShapes.class, "runningTotal", r -> args(vec(r, 7, -1, 1), u(r, -1, 1))),
            method(JitShapes.class, "paramReadBeforeItsSum", r -> args(vec(r, 6, -1, 1), u(r, -1, 1))),
            method(JitShapes.class, "paramAccumulator", r -> args(vec(r, 6, -2, 2), u(r, -1, 1))),
            method(JitShapes.class, "stridedPairs", r -> args(vec(r, 10, -2, 2), i(r, 0, 2))),
            method(JitShapes.class, "shrinkingBound", r -> args(vec(r, 8, -2, 2), i(r, 4, 8))),
            method(JitShapes.class, "hiddenSoftmax", r -> args(mat(r, 3, 2, -1, 1), mat(r, 3, 3, -0.5, 0.5),
                    mat(r, 3, 3, -1, 1), vec(r, 3, -0.5, 0.5), mat(r, 6, 2, -2, 2), labels(r, 6, 3))),
            method(JitShapes.class, "aliasedColumnSums", r -> args(vec(r, 3, -1, 1), (Object) mat(r, 5, 3, -1, 1))),
            method(JitShapes.class, "aliasedRow", r -> args(vec(r, 3, -1, 1), (Object) mat(r, 6, 3, -1, 1))),
            method(JitShapes.class, "filledTableReadAfter", r -> args(vec(r, 3, -1, 1), i(r, 1, 3))),
            method(JitShapes.class, "discountedMean", r -> args(vec(r, 5, -1, 1), u(r, -1, 1), u(r, 0.5, 2))),

            // MethodShapes
            method(MethodShapes.class, "sumSquares", r -> args(vec(r, 4, -2, 2))),
            method(MethodShapes.class, "callsVarargs", r -> args(u(r, -2, 2), vec(r, 3, -2, 2))),
            method(MethodShapes.class, "locked", r -> args(u(r, -2, 2), vec(r, 2, -2, 2))),
            method(MethodShapes.Nested.class, "scaled", r -> args(u(r, -2, 2), (Object) mat(r, 3, 2, -1, 1))),

            // InputsAndNames
            method(InputsAndNames.class, "scaleRows", r -> args(mat(r, 3, 4, -1.5, 1.5), u(r, 0.5, 1.5))),
            method(InputsAndNames.class, "shareRows", r -> args(mat(r, 3, 4, -1, 1), u(r, 0.5, 1.5))),
            method(InputsAndNames.class, "vectorAsRow", r -> args(mat(r, 4, 3, -1, 1), vec(r, 3, -1, 1))),
            method(InputsAndNames.class, "writeThroughAlias", r -> args(vec(r, 5, -1, 1), vec(r, 5, -1, 1))),
            method(InputsAndNames.class, "shadowingNames", r -> args(u(r, -1, 1), vec(r, 4, -1, 1))),

            // Semantics
            method(Semantics.class, "rightOperand", r -> args(vec(r, 4, -1, 1), u(r, -1, 1))),
            method(Semantics.class, "laterArgument", r -> args(vec(r, 4, -1, 1), u(r, -1, 1))),
            method(Semantics.class, "compoundRight", r -> args(vec(r, 4, -1, 1), u(r, -1, 1))),
            method(Semantics.class, "indexAfterArray", r -> args(vec(r, 4, -1, 1), vec(r, 4, -1, 1))),
            method(Semantics.class, "inLoopAndBranch", r -> args(vec(r, 5, -1, 1), away(r, -1, 1, 0))),
            method(Semantics.class, "forEachReassigned", r -> args(vec(r, 5, -1, 1), vec(r, 3, -1, 1))),
            method(Semantics.class, "arrayExpressions", r -> args(vec(r, 4, -1, 1), vec(r, 4, -1, 1), away(r, -1, 1, 0))),
            method(Semantics.class, "writeThroughConditional", r -> args(vec(r, 4, -1, 1), away(r, -1, 1, 0))),
            method(Semantics.class, "chained", r -> args(u(r, -1, 1), u(r, -1, 1))),
            method(Semantics.class, "inputWrittenByHelper", r -> args(vec(r, 4, -1, 1), u(r, -1, 1))),
            method(Semantics.class, "conditionalRows", r -> args(mat(r, 3, 4, -1, 1), vec(r, 4, -1, 1), away(r, -1, 1, 0))),
            method(Semantics.class, "reassignedFromItself", r -> args(vec(r, 2, -1, 1), u(r, -1, 1))),
            method(Semantics.class, "rebuiltArrays", r -> args(vec(r, 2, -1, 1), u(r, -1, 1), u(r, -1, 1))),
            method(Semantics.class, "clones", r -> args(vec(r, 4, -1, 1), away(r, -1, 1, 0))),
            method(Semantics.class, "aliasedIncrements", r -> args(vec(r, 2, -1, 1), mat(r, 2, 2, -1, 1), u(r, -1, 1))),
            method(Semantics.class, "rowReplaced", r -> args(vec(r, 2, -1, 1), u(r, -1, 1))),
            method(Semantics.class, "arrayAfterLoops", r -> args(vec(r, 4, -1, 1), u(r, -1, 1))),
            method(Semantics.class, "computedConstant", r -> args(u(r, -1, 1))),
            method(Semantics.Inner.class, "enclosingHelpers", r -> args(vec(r, 3, -1, 1), u(r, -1, 1))),

            // LoopShapes
            method(LoopShapes.class, "doWhilePreDecrement", r -> args(u(r, -1.5, 1.5), i(r, 0, 8))),
            method(LoopShapes.class, "doWhilePostDecrement", r -> args(vec(r, 6, -1.5, 1.5))),
            method(LoopShapes.class, "doWhileHelperCondition", r -> args(u(r, -1, 1), vec(r, 6, -1, 1))),
            method(LoopShapes.class, "doWhileHelperBreak", r -> args(u(r, -1.5, 1.5))),
            method(LoopShapes.class, "whileHelperCondition", r -> args(vec(r, 7, -1.5, 1.5))),
            method(LoopShapes.class, "forUpdatesAndContinue", r -> args(vec(r, 7, -1.5, 1.5))),
            method(LoopShapes.class, "doWhileConditionalHelper", r -> args(vec(r, 6, -1.5, 1.5), i(r, 0, 5))),
            method(LoopShapes.class, "doWhileReturn", r -> args(vec(r, 6, 0.5, 1.5))),
            method(LoopShapes.class, "nestedDoWhile", r -> args(vec(r, 5, -1.5, 1.5))),
            method(LoopShapes.class, "doWhileInHelper", r -> args(vec(r, 5, -1.5, 1.5))),
            method(LoopShapes.class, "doubleBound", r -> args(u(r, -1.5, 1.5), offGrid(r, 0.5, 6.5, 1))),
            method(LoopShapes.class, "activeDoubleBound", r -> args(offGrid(r, 0.4, 2, 6))),
            method(LoopShapes.class, "longBounds", r -> args(vec(r, 5, -1.5, 1.5), (long) i(r, 0, 9))),
            method(LoopShapes.class, "boundChangedInBody", r -> args(vec(r, 6, -1, 1), i(r, 0, 6))),
            method(LoopShapes.class, "stepsAndDownward", r -> args(vec(r, 8, -1.5, 1.5), offGrid(r, 0.5, 7.5, 1))),
            method(LoopShapes.class, "otherLoopBounds", r -> args(vec(r, 5, -1.5, 1.5), (long) i(r, 0, 7))),

            // Models
            method(Models.class, "mse", r -> args(vec(r, 3, -1, 1), u(r, -1, 1), mat(r, 12, 3, -2, 2), vec(r, 12, -2, 2))),
            method(Models.class, "ridge", r -> args(vec(r, 3, -1, 1), mat(r, 10, 3, -2, 2), vec(r, 10, -2, 2), u(r, 0.05, 1))),
            method(Models.class, "logistic", r -> args(vec(r, 3, -1, 1), u(r, -0.5, 0.5), mat(r, 10, 3, -2, 2), labels(r, 10, 2))),
            method(Models.class, "softmaxCrossEntropy", r -> args(mat(r, 4, 3, -1, 1), vec(r, 4, -0.5, 0.5), mat(r, 8, 3, -2, 2), labels(r, 8, 4))),
            method(Models.class, "mlp", r -> args(mat(r, 5, 3, -1, 1), vec(r, 5, -0.5, 0.5), vec(r, 5, -1, 1), u(r, -0.5, 0.5), mat(r, 8, 3, -2, 2), vec(r, 8, -1, 1))),
            method(Models.class, "rosenbrock", r -> args(vec(r, 5, -1.5, 1.5))),
            method(Models.class, "blackScholesCall", Corpus::blackScholesInputs),
            method(Models.class, "dampedOscillator", r -> args(u(r, 1, 4), u(r, 0.1, 0.5), u(r, -1, 1), u(r, -1, 1))),
            method(Models.class, "gaussianNll", r -> args(u(r, -1, 1), u(r, -0.5, 0.5), vec(r, 10, -2, 2))),
            method(Models.class, "polyFit", r -> args(vec(r, 4, -1, 1), vec(r, 10, -1.5, 1.5), vec(r, 10, -2, 2))),
            method(Models.class, "presentValue", r -> args(u(r, 0.01, 0.1), vec(r, 10, 50, 150))),

            // Tables: constant tables and other classes' helpers (issue 12, section 4)
            method(Tables.class, "horner", r -> args(u(r, -1.5, 1.5))),
            method(Tables.class, "mixed", r -> args(vec(r, 3, -1, 1))),
            method(Tables.class, "weightedNorm", r -> args(vec(r, 7, -1, 1))),
            method(Tables.class, "otherClassHelpers", r -> args(u(r, -1, 1), vec(r, 6, -1, 1))),
            method(Tables.class, "tableCopy", r -> args(vec(r, 4, -1.5, 1.5))),

            // Records: records of parameters (issue 12, section 3)
            method(Records.class, "mlp", r -> args(mlpParams(r, 5, 3), mat(r, 8, 3, -2, 2), vec(r, 8, -1, 1))),
            method(Records.class, "deep", r -> args(new Deep(layer(r, 4, 3), layer(r, 2, 4),
                    new Deep.Scale(u(r, 0.5, 1.5))), vec(r, 3, -1, 1))),
            method(Records.class, "throughHelper", r -> args(mlpParams(r, 4, 2), mat(r, 6, 2, -2, 2), vec(r, 6, -1, 1))),
            method(Records.class, "tagged", r -> args(new Tagged(vec(r, 3, -1, 1), i(r, 1, 4), r.nextBoolean(),
                    labels(r, 6, 3), u(r, -0.5, 0.5)), vec(r, 6, -1, 1))),
            method(Records.class, "gaussianNll", r -> args(new Gauss(u(r, -0.5, 0.5), u(r, -0.5, 0.5)),
                    new Data(mat(r, 7, 2, -1, 1), vec(r, 7, -2, 2)))),
            method(Records.class, "scaledInPlace", r -> args(layer(r, 4, 2), u(r, 0.5, 1.5))),

            // OpsOps: every dev.jgrad.Ops op and broadcasting case, lowered into loops
            method(OpsOps.class, "creation", r -> args(vec(r, 5, -2, 2), u(r, -2, 2))),
            method(OpsOps.class, "creationMatrix", r -> args(mat(r, 4, 3, -2, 2), u(r, -2, 2))),
            method(OpsOps.class, "vectorVector", r -> args(vec(r, 5, -2, 2), vec(r, 5, 0.5, 2), vec(r, 5, -1, 1))),
            method(OpsOps.class, "vectorScalar", r -> args(vec(r, 5, -2, 2), u(r, 0.5, 2), vec(r, 5, -1, 1))),
            method(OpsOps.class, "scalarVector", r -> args(u(r, -2, 2), vec(r, 5, 0.5, 2), vec(r, 5, -1, 1))),
            method(OpsOps.class, "matrixMatrix", r -> args(mat(r, 4, 3, -2, 2), mat(r, 4, 3, 0.5, 2), mat(r, 4, 3, -1, 1))),
            method(OpsOps.class, "matrixVector", r -> args(mat(r, 4, 3, -2, 2), vec(r, 3, 0.5, 2), mat(r, 4, 3, -1, 1))),
            method(OpsOps.class, "vectorMatrix", r -> args(vec(r, 3, -2, 2), mat(r, 4, 3, 0.5, 2), mat(r, 4, 3, -1, 1))),
            method(OpsOps.class, "matrixScalar", r -> args(mat(r, 4, 3, -2, 2), u(r, 0.5, 2), mat(r, 4, 3, -1, 1))),
            method(OpsOps.class, "scalarMatrix", r -> args(u(r, -2, 2), mat(r, 4, 3, 0.5, 2), mat(r, 4, 3, -1, 1))),
            method(OpsOps.class, "power", r -> args(vec(r, 5, 0.5, 2), mat(r, 3, 2, 0.5, 2), u(r, 0.5, 2.5), vec(r, 5, -1, 1))),
            method(OpsOps.class, "negate", r -> args(vec(r, 5, -2, 2), vec(r, 5, -1, 1))),
            method(OpsOps.class, "absolute", r -> args(awayVec(r, 5, -2, 2, 0), vec(r, 5, -1, 1))),
            method(OpsOps.class, "squared", r -> args(vec(r, 5, -2, 2), vec(r, 5, -1, 1))),
            method(OpsOps.class, "roots", r -> args(vec(r, 5, 0.3, 3), vec(r, 5, -1, 1))),
            method(OpsOps.class, "exponential", r -> args(vec(r, 5, -2, 2), vec(r, 5, -1, 1))),
            method(OpsOps.class, "logarithm", r -> args(vec(r, 5, 0.3, 3), vec(r, 5, -1, 1))),
            method(OpsOps.class, "logOnePlus", r -> args(vec(r, 5, -0.5, 2), vec(r, 5, -1, 1))),
            method(OpsOps.class, "hyperbolicTangent", r -> args(vec(r, 5, -2, 2), vec(r, 5, -1, 1))),
            method(OpsOps.class, "sigmoids", r -> args(vec(r, 5, -3, 3), vec(r, 5, -1, 1))),
            method(OpsOps.class, "relus", r -> args(awayVec(r, 5, -2, 2, 0), vec(r, 5, -1, 1))),
            method(OpsOps.class, "softpluses", r -> args(vec(r, 5, -3, 3), vec(r, 5, -1, 1))),
            method(OpsOps.class, "unaryMatrix", r -> args(mat(r, 3, 3, 0.5, 2), (Object) mat(r, 3, 3, -1, 1))),
            method(OpsOps.class, "scalars", r -> args(away(r, -2, 2, 0), u(r, -2, 2))),
            method(OpsOps.class, "stopped", r -> args(u(r, -2, 2), vec(r, 4, -1, 1), mat(r, 3, 2, -1, 1))),
            method(OpsOps.class, "sums", r -> args(vec(r, 5, -2, 2), (Object) mat(r, 3, 4, -2, 2))),
            method(OpsOps.class, "extremaVector", r -> args(spread(r, 6, -2, 2))),
            method(OpsOps.class, "extremaMatrix", r -> args((Object) OpsInputs.spreadMat(r, 3, 4, -2, 2))),
            method(OpsOps.class, "dotAndNorm", r -> args(vec(r, 5, -2, 2), vec(r, 5, -2, 2))),
            method(OpsOps.class, "logSumExps", r -> args(vec(r, 5, -2, 2), mat(r, 4, 3, -2, 2), vec(r, 4, -1, 1))),
            method(OpsOps.class, "rowAndColumnSums", r -> args(mat(r, 4, 3, -2, 2), vec(r, 4, -1, 1), vec(r, 3, -1, 1))),
            method(OpsOps.class, "softmaxVector", r -> args(vec(r, 5, -2, 2), vec(r, 5, -1, 1))),
            method(OpsOps.class, "logSoftmaxVector", r -> args(vec(r, 5, -2, 2), vec(r, 5, -1, 1))),
            method(OpsOps.class, "softmaxRows", r -> args(mat(r, 3, 4, -2, 2), (Object) mat(r, 3, 4, -1, 1))),
            method(OpsOps.class, "runningSums", r -> args(vec(r, 5, -2, 2), vec(r, 5, -1, 1))),
            method(OpsOps.class, "matrixTimesVector", r -> args(mat(r, 4, 3, -2, 2), vec(r, 3, -2, 2), vec(r, 4, -1, 1))),
            method(OpsOps.class, "vectorTimesMatrix", r -> args(vec(r, 4, -2, 2), mat(r, 4, 3, -2, 2), vec(r, 3, -1, 1))),
            method(OpsOps.class, "matrixProduct", r -> args(mat(r, 4, 3, -2, 2), mat(r, 3, 2, -2, 2), mat(r, 4, 2, -1, 1))),
            method(OpsOps.class, "transposed", r -> args(mat(r, 4, 3, -2, 2), (Object) mat(r, 4, 3, -1, 1))),
            method(OpsOps.class, "outerProduct", r -> args(vec(r, 4, -2, 2), vec(r, 3, -2, 2), mat(r, 4, 3, -1, 1))),
            method(OpsOps.class, "withMath", r -> args(spread(r, 4, -1, 1), away(r, 0.2, 2, 1.0))),
            method(OpsOps.class, "nestedOperands", OpsInputs::nestedOperands),
            method(OpsOps.class, "resultsInLocals", r -> args(vec(r, 3, -1, 1), (Object) mat(r, 4, 3, -1, 1))),

            // OpsLosses: the models written with Ops, each also mixed with a hand-written loop
            method(OpsLosses.class, "mse", r -> args(vec(r, 3, -1, 1), u(r, -1, 1), mat(r, 12, 3, -2, 2), vec(r, 12, -2, 2))),
            method(OpsLosses.class, "mseMixed", r -> args(vec(r, 3, -1, 1), u(r, -1, 1), mat(r, 12, 3, -2, 2), vec(r, 12, -2, 2))),
            method(OpsLosses.class, "ridge", r -> args(vec(r, 3, -1, 1), mat(r, 10, 3, -2, 2), vec(r, 10, -2, 2), u(r, 0.05, 1))),
            method(OpsLosses.class, "ridgeMixed", r -> args(vec(r, 3, -1, 1), mat(r, 10, 3, -2, 2), vec(r, 10, -2, 2), u(r, 0.05, 1))),
            method(OpsLosses.class, "logistic", r -> args(vec(r, 3, -1, 1), u(r, -0.5, 0.5), mat(r, 10, 3, -2, 2), OpsInputs.binary(r, 10))),
            method(OpsLosses.class, "logisticMixed", r -> args(vec(r, 3, -1, 1), u(r, -0.5, 0.5), mat(r, 10, 3, -2, 2), labels(r, 10, 2))),
            method(OpsLosses.class, "softmaxCrossEntropy", r -> args(mat(r, 4, 3, -1, 1), vec(r, 4, -0.5, 0.5), mat(r, 8, 3, -2, 2), OpsInputs.oneHot(r, 8, 4))),
            method(OpsLosses.class, "softmaxCrossEntropyMixed", r -> args(mat(r, 4, 3, -1, 1), vec(r, 4, -0.5, 0.5), mat(r, 8, 3, -2, 2), labels(r, 8, 4))),
            method(OpsLosses.class, "twoLayer", r -> args(mat(r, 3, 5, -1, 1), vec(r, 5, -0.5, 0.5), vec(r, 5, -1, 1), u(r, -0.5, 0.5), mat(r, 8, 3, -2, 2), vec(r, 8, -1, 1))),
            method(OpsLosses.class, "twoLayerMixed", r -> args(mat(r, 3, 5, -1, 1), vec(r, 5, -0.5, 0.5), vec(r, 5, -1, 1), u(r, -0.5, 0.5), mat(r, 8, 3, -2, 2), vec(r, 8, -1, 1))),
            method(OpsLosses.class, "blackScholes", r -> args(u(r, 80, 120), u(r, 80, 120), u(r, 0.25, 2), u(r, 0, 0.05), u(r, 0.1, 0.5))),
            method(OpsLosses.class, "blackScholesMixed", OpsInputs::blackScholesBook),
            method(OpsLosses.class, "gaussianNll", r -> args(u(r, -1, 1), u(r, -0.5, 0.5), vec(r, 10, -2, 2))),
            method(OpsLosses.class, "gaussianNllMixed", r -> args(u(r, -1, 1), u(r, -0.5, 0.5), vec(r, 10, -2, 2))),

            // CustomDerivatives: functions with @Derivative partials are primitives
            method(CustomDerivatives.class, "blackScholes", r -> args(u(r, 80, 120), u(r, 90, 110), u(r, 0.15, 0.4), u(r, 0.25, 2))),
            method(CustomDerivatives.class, "solver", r -> args(u(r, 0.5, 2), u(r, -2, 2))),
            method(CustomDerivatives.class, "inLoop", r -> args(vec(r, 6, -1.5, 1.5), u(r, -1, 1), u(r, -1, 1))),
            method(CustomDerivatives.class, "probit", r -> args(vec(r, 3, -0.5, 0.5), mat(r, 10, 3, -1, 1), labels(r, 10, 2))),
            method(CustomDerivatives.class, "iterated", r -> args(u(r, -1, 1), i(r, 0, 5))),
            method(CustomDerivatives.Inactive.class, "masked", r -> args(awayVec(r, 6, -2, 2, 0), mask(r, 6))),
            method(CustomDerivatives.Inactive.class, "printing", r -> args(vec(r, 5, -1, 1), u(r, -1, 1), 0)),

            // Vectors: element i of a double[] method's result (its Jacobian's row i, VectorsTest)
            method(Vectors.class, "residualsAt", r -> args(vec(r, 3, 0.5, 1.5), vec(r, 8, 0, 3), vec(r, 8, -1, 1), i(r, 0, 7))),
            method(Vectors.class, "softmaxAt", r -> args(spread(r, 4, -2, 2), i(r, 0, 3))),
            method(Vectors.class, "momentsAt", r -> args(mat(r, 3, 4, -1, 1), u(r, -1, 1), i(r, 0, 1))),
            method(Vectors.class, "normalizeInPlaceAt", r -> args(vec(r, 5, 0.2, 1.5), i(r, 0, 4))),
            method(Vectors.class, "piecewiseAt", r -> args(vec(r, 2, -1.5, 1.5), away(r, -1.5, 1.5, 0), i(r, 0, 2))),

            // OpsFusion: Ops results in local arrays, and max, min, softmax, logSoftmax, logSumExp
            method(OpsFusion.class, "hiddenLocal", r -> args(mat(r, 5, 3, -1, 1), vec(r, 5, -0.5, 0.5), vec(r, 5, -1, 1), u(r, -0.5, 0.5), mat(r, 8, 3, -2, 2), vec(r, 8, -1, 1))),
            method(OpsFusion.class, "chainedLocals", r -> args(vec(r, 3, -1, 1), u(r, -1, 1), mat(r, 9, 3, -2, 2), vec(r, 9, -2, 2))),
            method(OpsFusion.class, "maxLoss", r -> args(OpsInputs.spreadMat(r, 1, 4, 0.2, 1.5)[0], (Object) OpsInputs.spreadMat(r, 7, 4, -2, 2))),
            method(OpsFusion.class, "extremaOfLocal", r -> args(OpsInputs.spreadMat(r, 3, 4, -2, 2), u(r, 0.5, 1.5))),
            method(OpsFusion.class, "logSumExpMixed", r -> args(vec(r, 3, -1, 1), (Object) mat(r, 6, 3, -2, 2))),
            method(OpsFusion.class, "softmaxCrossEntropy", r -> args(mat(r, 4, 3, -1, 1), vec(r, 4, -0.5, 0.5), mat(r, 8, 3, -2, 2), OpsInputs.oneHot(r, 8, 4))),
            method(OpsFusion.class, "softmaxOfLocal", r -> args(vec(r, 3, -1, 1), mat(r, 5, 3, -2, 2), vec(r, 5, 0, 1))),
            method(OpsFusion.class, "rowSoftmax", r -> args(mat(r, 4, 3, -1, 1), mat(r, 6, 3, -2, 2), mat(r, 6, 4, -1, 1))),

            // PrivateArrays: local arrays private to an iteration of a loop over samples, and recurrences in one
            method(PrivateArrays.class, "naturalMlp", r -> args(mat(r, 8, 3, -2, 2), vec(r, 8, -1, 1), mat(r, 5, 3, -1, 1), vec(r, 5, -0.5, 0.5), vec(r, 5, -1, 1), u(r, -0.5, 0.5))),
            method(PrivateArrays.class, "logOfMeanLoss", r -> args(mat(r, 8, 3, -2, 2), vec(r, 8, -1, 1), mat(r, 5, 3, -1, 1), vec(r, 5, -1, 1))),
            method(PrivateArrays.class, "hiddenInsideLoop", r -> args(mat(r, 8, 3, -2, 2), vec(r, 8, -1, 1), mat(r, 5, 3, -1, 1), vec(r, 5, -0.5, 0.5), vec(r, 5, -1, 1), u(r, -0.5, 0.5))),
            method(PrivateArrays.class, "twoHiddenLayers", r -> args(mat(r, 9, 3, -2, 2), vec(r, 9, -1, 1), mat(r, 5, 3, -1, 1), mat(r, 4, 5, -1, 1), vec(r, 4, -1, 1))),
            method(PrivateArrays.class, "privateMatrix", r -> args(mat(r, 7, 3, -1, 1), (Object) mat(r, 3, 3, -1, 1))),
            method(PrivateArrays.class, "readBeforeWritten", r -> args(mat(r, 7, 4, -1, 1), vec(r, 4, -1, 1), u(r, -1, 1))),
            method(PrivateArrays.class, "readAfterLoop", r -> args(mat(r, 7, 4, -1, 1), vec(r, 4, -1, 1))),
            method(PrivateArrays.class, "partlyFilled", r -> args(mat(r, 7, 4, -1, 1), vec(r, 4, -1, 1), i(r, 1, 3))),
            method(PrivateArrays.class, "monteCarlo", PrivateArraysInputs::monteCarlo),
            method(PrivateArrays.class, "asianPaths", r -> args(mat(r, 8, 5, -1, 1), u(r, 0.8, 1.2), u(r, -0.2, 0.2), u(r, 0.1, 0.4))),
            method(PrivateArrays.class, "readBeforeSteps", r -> args(mat(r, 8, 5, -1, 1), u(r, 0.5, 1.5), u(r, -0.3, 0.3))),
            method(PrivateArrays.class, "pathsPerAsset", r -> args(mat(r, 8, 5, -1, 1), vec(r, 3, 0.1, 0.5))),
            method(PrivateArrays.class, "recurrentUnit", r -> args(mat(r, 8, 5, -1, 1), vec(r, 8, -0.5, 0.5), u(r, -0.9, 0.9), u(r, -1, 1))),
            method(PrivateArrays.class, "storedPath", r -> args(mat(r, 8, 5, -1, 1), u(r, -0.1, 0.1), u(r, 0.1, 0.3))),

            // ArrayDerivatives: @Derivative partials in array parameters
            method(ArrayDerivatives.class, "crossEntropy", r -> args(vec(r, 5, -2, 2), i(r, 0, 4))),
            method(ArrayDerivatives.class, "gaussianFit", r -> args(vec(r, 6, -1, 1), u(r, -0.5, 0.5), u(r, -0.3, 0.3))),
            method(ArrayDerivatives.class, "quadratic", r -> args(mat(r, 3, 3, -1, 1), vec(r, 3, -1, 1), u(r, 0.5, 1.5))),
            method(ArrayDerivatives.class, "rows", r -> args(mat(r, 7, 3, -2, 2), vec(r, 7, -1, 1), u(r, -0.5, 0.5),
                    vec(r, 3, -1, 1))),
            method(ArrayDerivatives.class, "sharedPartials", r -> args(vec(r, 4, -1, 1), u(r, -1, 1))),
            method(ArrayDerivatives.class, "expressions", r -> args(vec(r, 3, -1, 1), vec(r, 3, -1, 1),
                    away(r, -1, 1, 0), layer(r, 2, 3))),
            method(ArrayDerivatives.class, "dataArray", r -> args(vec(r, 4, -1, 1), vec(r, 4, 0.5, 1.5))),
            method(ArrayDerivatives.class, "filledThenRead", r -> args(vec(r, 5, -1, 1), u(r, -1, 1))),
            method(ArrayDerivatives.class, "filledBetweenLoops", r -> args(vec(r, 5, -1, 1), u(r, -1, 1))),
            method(ArrayDerivatives.class, "inPlace", r -> args(vec(r, 5, -1, 1))),

            // SecondOrderCustom: @Derivative partials differentiated again under @Hessian (issue 15)
            method(SecondOrderCustom.class, "blackScholes", r -> args(u(r, 80, 120), u(r, 90, 110), u(r, 0.15, 0.4), u(r, 0.25, 2))),
            method(SecondOrderCustom.class, "crossTerms", r -> args(u(r, -1, 1), u(r, -1, 1))),
            method(SecondOrderCustom.class, "inLoop", r -> args(vec(r, 5, -1.5, 1.5), u(r, 0.2, 1.5))),

            // SavedInLocals: values saved outside loops in locals, inside loops on the tape
            method(SavedInLocals.class, "straightLine", r -> args(away(r, -1.5, 1.5, 0.5), u(r, -1, 1))),
            method(SavedInLocals.class, "loopInBranch", r -> args(vec(r, 4, -1, 1), away(r, -1.5, 1.5, 0))),
            method(SavedInLocals.class, "nestedBranches", r -> args(away(r, -1.5, 1.5, 0), away(r, -1.5, 1.5, 0))),
            method(SavedInLocals.class, "whileBetweenOverwrites", r -> args(u(r, -1, 1), i(r, 0, 4))),

            // Pullbacks: helpers as methods of the generated class (a derivative method each), not inlined
            method(Pullbacks.class, "threeSites", PullbackInputs::threeSites),
            method(Pullbacks.class, "inLoop", PullbackInputs::inLoop),
            method(Pullbacks.class, "nested", PullbackInputs::nested),
            method(Pullbacks.class, "kinked", PullbackInputs::kinked),
            method(Pullbacks.class, "otherClass", PullbackInputs::otherClass),
            method(Pullbacks.class, "reassigned", PullbackInputs::reassigned),
            method(Pullbacks.class, "branchy", PullbackInputs::branchy),
            method(Pullbacks.class, "book", PullbackInputs::book),

            // SecondOrderArrays: @Derivative partials in arrays differentiated again under @Hessian
            method(SecondOrderArrays.class, "logSumExp", r -> args(vec(r, 5, -2, 2), u(r, 0.5, 1.5))),
            method(SecondOrderArrays.class, "quadraticForm", r -> args(mat(r, 4, 4, -1, 1), vec(r, 4, -1, 1))),
            method(SecondOrderArrays.class, "rowsInLoop", r -> args(mat(r, 3, 4, -1, 1), u(r, 0.3, 1.2),
                    vec(r, 3, -1, 1))),

            // EarlyReturns: returns moved to the end of their paths, without a flag
            method(EarlyReturns.class, "clippedScores", EarlyReturnInputs::clippedScores),
            method(EarlyReturns.class, "piecewiseSum", EarlyReturnInputs::piecewiseSum),
            method(EarlyReturns.class, "bentSum", EarlyReturnInputs::bentSum),
            method(EarlyReturns.class, "guarded", r -> args(vec(r, 5, -1, 1), u(r, 0.5, 3))),
            method(EarlyReturns.class, "firstAbove", EarlyReturnInputs::firstAbove),
            method(EarlyReturns.class, "skipMasked", r -> args(mat(r, 7, 3, -1, 1), vec(r, 7, -1, 1), vec(r, 3, -1, 1),
                    mask(r, 7))),
            method(EarlyReturns.class, "skipNegatives", EarlyReturnInputs::skipNegatives),
            method(EarlyReturns.class, "skipThenStop", EarlyReturnInputs::skipThenStop),

            // Reassigned: locals assigned again where they are declared (versions under @Jit)
            method(Reassigned.class, "meanSquare", r -> args(vec(r, 9, -1, 1))),
            method(Reassigned.class, "rowNorms", r -> args(mat(r, 6, 3, 0.2, 1), vec(r, 3, 0.5, 1.5))),
            method(Reassigned.class, "asianLike", r -> args(mat(r, 5, 4, -1, 1), u(r, -0.05, 0.05), u(r, 0.1, 0.3),
                    u(r, 3, 5))),
            method(Reassigned.class, "counted", r -> args(mat(r, 7, 3, -1, 1), vec(r, 3, -1, 1))),
            method(Reassigned.class, "branchAfter", r -> args(new double[] {away(r, -1, 1, 0), away(r, -1, 1, 0),
                    away(r, -1, 1, 0), away(r, -1, 1, 0), away(r, -1, 1, 0)}, u(r, 0.5, 1.5))),

            // OpsFigures: rows checked before they are read, read through a local under @Jit
            method(OpsFigures.class, "checkedRows", r -> args(vec(r, 3, -1, 1), u(r, -1, 1), mat(r, 11, 3, -2, 2), vec(r, 11, -2, 2))),
            method(OpsFigures.class, "indexMovesAfterCheck", r -> args(vec(r, 4, -1, 1), (Object) mat(r, 10, 4, -2, 2))),
            method(OpsFigures.class, "twoProducts", r -> args(vec(r, 3, -1, 1), vec(r, 3, -1, 1), mat(r, 9, 3, -2, 2), vec(r, 9, -2, 2))),
            method(OpsFigures.class, "mseOddRows", r -> args(vec(r, 5, -1, 1), u(r, -1, 1), mat(r, 13, 5, -2, 2), vec(r, 13, -2, 2))),

            // GradOnePass: @Grad alone, one pass where the loops qualify, the tape where they do not
            method(GradOnePass.class, "softplusLoss", r -> args(vec(r, 3, -1, 1), u(r, -0.5, 0.5), mat(r, 9, 3, -1, 1), vec(r, 9, 0, 1))),
            method(GradOnePass.class, "discountedTwoLoops", r -> args(vec(r, 4, -1, 1), mat(r, 7, 4, -1, 1), u(r, 0, 0.3), u(r, 0.1, 1))),
            method(GradOnePass.class, "nestedSums", r -> args(vec(r, 4, -1, 1), (Object) ragged(r, 4, 2, 5, -1, 1))),
            method(GradOnePass.class, "fourRowsTwoSums", r -> args(vec(r, 3, -1, 1), u(r, -0.5, 0.5), mat(r, 11, 3, -1, 1), vec(r, 11, -1, 1))),
            method(GradOnePass.class, "sumInsideRows", r -> args(vec(r, 5, -1, 1), (Object) mat(r, 9, 5, -1, 1))),
            method(GradOnePass.class, "twoUpdatesOfOneSum", r -> args(vec(r, 3, -1, 1), (Object) mat(r, 11, 3, -1, 1))),
            method(GradOnePass.class, "firstRows", r -> args(vec(r, 3, -1, 1), mat(r, 9, 3, -1, 1), 7)),
            method(GradOnePass.class, "branchyHuber", GradOnePassInputs::huber),
            method(GradOnePass.class, "logOfSum", r -> args(vec(r, 3, -1, 1), (Object) mat(r, 6, 3, -1, 1))),
            method(GradOnePass.class, "variance", r -> args(vec(r, 7, -2, 2))),
            method(GradOnePass.class, "untilNegative", r -> args(vec(r, 3, -1, 1), awayVec(r, 9, -1, 1, -0.9))),
            method(GradOnePass.class, "softMax", r -> args(spread(r, 6, -2, 2))),
            method(GradOnePass.class, "filledThenSummed", r -> args(vec(r, 6, -2, 2))),
            method(GradOnePass.class, "checkedRows", r -> args(vec(r, 3, -1, 1), mat(r, 8, 3, -1, 1), vec(r, 8, -1, 1))),
            method(GradOnePass.class, "perGroup", r -> args(vec(r, 8, -1, 1), i(r, 1, 4))),
            method(GradOnePass.class, "pathPayoff", r -> args(mat(r, 6, 5, -1, 1), i(r, 3, 5), u(r, 0.8, 1.2), u(r, 0.1, 0.4), u(r, 0, 0.1))),

            // BookCases: W4's shapes, helpers giving value and partial at once in fused iterations (issue 14)
            method(BookCases.class, "book", BookCaseInputs::book),
            method(BookCases.class, "kinks", BookCaseInputs::kinks),
            method(BookCases.class, "secondActive", BookCaseInputs::secondActive),
            method(BookCases.class, "checkedCalls", r -> args(vec(r, 5, -1.5, 1.5), u(r, -1, 1), vec(r, 5, -1.5, 1.5))),
            method(BookCases.class, "twoLoops", BookCaseInputs::twoLoops),
            method(BookCases.class, "innerLoop", BookCaseInputs::innerLoop),
            method(BookCases.class, "greeks", BookCaseInputs::greeks),

            // JitMathCases: Math.tanh over every range of JitMath.tanh, which computes it under @Jit
            method(JitMathCases.class, "bothBranches", r -> args(vec(r, 12, 0.5, 1.5), vec(r, 12, -6, 6))),
            method(JitMathCases.class, "saturated", r -> args(u(r, -1, 1))),
            method(JitMathCases.class, "tiny", r -> args(u(r, -2, 2))),
            method(JitMathCases.class, "composed", r -> args(u(r, -1.5, 1.5), u(r, -1.5, 1.5))),
            method(JitMathCases.class, "opsLayer", r -> args(vec(r, 3, -1, 1), mat(r, 9, 3, -2, 2), vec(r, 9, -0.9, 0.9))),
            method(JitMathCases.class, "geluLayer", r -> args(vec(r, 8, 0.5, 1.5), vec(r, 8, -3, 3))),

            // SimdCases: dot-product loops, which @Jit computes with dev.jgrad.runtime.Simd, and look-alikes
            method(SimdCases.class, "hiddenLayer", r -> args(mat(r, 9, 13, -1, 1), vec(r, 9, -1, 1), mat(r, 5, 13, -0.5, 0.5), vec(r, 5, -0.5, 0.5), vec(r, 5, -1, 1))),
            method(SimdCases.class, "swappedAndSubtracted", r -> args(vec(r, 11, -0.5, 0.5), u(r, -0.5, 0.5), mat(r, 13, 11, -1, 1), vec(r, 13, -1, 1))),
            method(SimdCases.class, "ownLengths", r -> args(vec(r, 19, -0.5, 0.5), (Object) ragged(r, 22, 0, 19, -1, 1))),
            method(SimdCases.class, "lookAlikes", r -> args(vec(r, 10, -0.5, 0.5), (Object) mat(r, 14, 10, -1, 1))),
            method(SimdCases.class, "fromAnEntry", r -> args(vec(r, 6, -0.5, 0.5), mat(r, 9, 6, -1, 1), i(r, 0, 5))),

            // Predicates: Double.isNaN/isInfinite/isFinite/compare of active values, no derivative
            method(Predicates.class, "finiteTerms", r -> args(awayVec(r, 7, -1, 1, 0), u(r, 0.5, 1.5))),

            // NullChecks: argument checks against null (Objects.requireNonNull, x == null, x[i] != null)
            method(NullChecks.class, "weightedSquares", r -> args(vec(r, 6, -1, 1), vec(r, 6, 0.5, 1.5))),
            method(NullChecks.class, "skipNullRows", r -> {
                double[][] x = mat(r, 7, 3, -1, 1);
                x[2] = null;
                x[5] = null;
                return args(x, vec(r, 3, -1, 1));
            }),
            method(NullChecks.class, "normalisedDot", r -> args(vec(r, 5, 0.5, 1.5), vec(r, 5, -1, 1))),

            // BranchVersions: locals assigned again inside an if, versioned under @Jit
            method(BranchVersions.class, "leakyScores", r -> args(vec(r, 3, -1, 1), (Object) mat(r, 9, 3, -1, 1))),
            method(BranchVersions.class, "clippedScores", r -> args(vec(r, 3, -1, 1), mat(r, 11, 3, -1, 1), u(r, 0.3, 0.8))),
            method(BranchVersions.class, "twoPaths", r -> args(vec(r, 2, -1, 1), (Object) mat(r, 9, 2, -1, 1))),
            method(BranchVersions.class, "nested", r -> args(vec(r, 2, -1, 1), (Object) mat(r, 9, 2, -1, 1))),

            // Clamps: Math.max/min/Ops.relu before sqrt or acos, whose derivative is infinite at the clamp
            method(Clamps.class, "clampedRoots", r -> args(new double[] {0.5, -1, 0.25, -0.3, 2, -2})),
            method(Clamps.class, "clampedAngles", r -> args(new double[] {0.5, 1.5, -0.25, 2, 0.75})),
            method(Clamps.class, "reluRoots", r -> args(new double[] {0.5, -1, 0.25, -0.3}, u(r, 0.5, 1.5))),

            // TableChoices: a constant table where an active array is also possible
            method(TableChoices.class, "forEachChoice", r -> args((Object) mat(r, 6, 3, -1, 1))),
            method(TableChoices.class, "rowOrTable", r -> args(mat(r, 4, 3, -1, 1), i(r, 1, 3))),
            method(TableChoices.class, "localChoice", r -> args((Object) mat(r, 6, 3, -1, 1))),
            method(TableChoices.class, "literalChoice", r -> args((Object) mat(r, 6, 3, -1, 1))),
            method(TableChoices.class, "reassignedChoice", r -> args((Object) mat(r, 6, 3, -1, 1))),
            method(TableChoices.class, "indexedChoice", r -> args((Object) mat(r, 6, 3, -1, 1))),
            method(TableChoices.class, "helperChoice", r -> args((Object) mat(r, 6, 3, -1, 1))),
            method(TableChoices.class, "tableThenParameter", r -> args(vec(r, 4, -1, 1))),
            method(TableChoices.class, "matrixChoice", r -> args(mat(r, 3, 3, -1, 1), new double[] {r.nextBoolean() ? 0.5 : -0.5, u(r, -1, 1), u(r, -1, 1)})),

            // ElementSteps: local arrays' elements built up in steps (a scalar under @Jit), and look-alikes
            method(ElementSteps.class, "hiddenInPlace", r -> args(mat(r, 9, 3, -1, 1), vec(r, 9, -1, 1), mat(r, 4, 3, -1, 1),
                    vec(r, 4, -0.5, 0.5), vec(r, 4, -1, 1))),
            method(ElementSteps.class, "scoresThenLoss", r -> args(vec(r, 3, -1, 1), (Object) mat(r, 8, 3, -1, 1))),
            method(ElementSteps.class, "carriedOver", r -> args(mat(r, 3, 2, -1, 1), (Object) mat(r, 6, 2, -1, 1))),
            method(ElementSteps.class, "neighbours", r -> args(vec(r, 6, -1, 1), u(r, 0.5, 1.5))),

            // VectorTanhCases: loops that store Math.tanh into an array, which @Jit splits around Simd.tanh, and look-alikes
            method(VectorTanhCases.class, "layer", r -> args(mat(r, 10, 5, -1, 1), vec(r, 10, -1, 1), mat(r, 19, 5, -1, 1), vec(r, 19, -0.5, 0.5), vec(r, 19, -0.5, 0.5))),
            method(VectorTanhCases.class, "twoArrays", r -> args(vec(r, 21, -1, 1), vec(r, 21, -1, 1), vec(r, 21, -2, 2))),
            method(VectorTanhCases.class, "readsItself", r -> args(vec(r, 2, -0.8, 0.8), vec(r, 13, -1, 1))),
            method(VectorTanhCases.class, "valueReadInTheLoop", r -> args(mat(r, 7, 4, -1, 1), mat(r, 11, 4, -1, 1), vec(r, 11, -0.5, 0.5))),
            method(VectorTanhCases.class, "branchedAndStrict", r -> args(vec(r, 17, -1, 1), (Object) awayFromZero(r, 17))),

            // InPlacePasses: a local array updated in place by a second full pass (a new array under the fused gradient), and look-alikes
            method(InPlacePasses.class, "activationsInPlace", r -> args(mat(r, 5, 3, -1, 1), vec(r, 5, -0.5, 0.5), vec(r, 5, -1, 1),
                    mat(r, 9, 3, -1, 1), vec(r, 9, -1, 1))),
            method(InPlacePasses.class, "standardiseTwice", r -> args(vec(r, 7, -1, 1))),
            method(InPlacePasses.class, "prefixInPlace", r -> args(vec(r, 6, -1, 1))),
            method(InPlacePasses.class, "partialPasses", r -> args(vec(r, 6, 0.2, 3))),
            method(InPlacePasses.class, "softmaxInPlace", r -> args(mat(r, 4, 3, -1, 1), mat(r, 8, 3, -1, 1), labels(r, 8, 4))),

            // HelperTails: a helper's loop inlined as the method's only loop, its result read by code that is not linear in it
            method(HelperTails.class, "norm", r -> args(vec(r, 5, -1, 1))),
            method(HelperTails.class, "scaled", r -> args(vec(r, 5, -1, 1), u(r, 0.5, 1.5))),
            method(HelperTails.class, "logScaled", r -> args(vec(r, 5, -1, 1), u(r, 0.5, 1.5))),
            method(HelperTails.class, "power", r -> args(vec(r, 5, -1, 1), u(r, 0.5, 1.5))),
            method(HelperTails.class, "throughLocal", r -> args(vec(r, 5, -1, 1), u(r, 0.5, 1.5))),
            method(HelperTails.class, "opsHelper", r -> args(vec(r, 5, -1, 1), u(r, 0.5, 1.5))),
            method(HelperTails.class, "recordHelper", r -> args(new Scaled(vec(r, 5, -1, 1), u(r, 0.5, 1.5)))),
            method(VectorTanhCases.class, "boundedByALocal", r -> args(mat(r, 9, 3, -1, 1), mat(r, 37, 3, -0.7, 0.7), vec(r, 37, -0.3, 0.3), vec(r, 9, -1, 1))),
            method(VectorTanhCases.class, "helperActivation", r -> args(mat(r, 6, 4, -1, 1), vec(r, 6, -1, 1), mat(r, 10, 4, -1, 1), vec(r, 10, -0.5, 0.5))),

            // PartialsCases: helpers with several active arguments, value and partials from one run (issue 14)
            method(PartialsCases.class, "twoActive", r -> args(vec(r, 6, -1.5, 1.5), vec(r, 6, -1, 1), u(r, -1, 1))),
            method(PartialsCases.class, "fourActive", r -> args(u(r, -1, 1), u(r, -1, 1), u(r, -1, 1), u(r, -1, 1))),
            method(PartialsCases.class, "nested", r -> args(vec(r, 5, -1, 1), vec(r, 5, -1, 1), u(r, -1, 1))),
            method(PartialsCases.class, "nestedTwo", r -> args(vec(r, 5, -1, 1), vec(r, 5, -1, 1), u(r, -1, 1))),
            method(PartialsCases.class, "nestedOnce", r -> args(u(r, -1, 1), u(r, -1, 1), u(r, -1, 1))),
            method(PartialsCases.class, "branches", PartialsCaseInputs::branches),
            method(PartialsCases.class, "indexed", r -> args(vec(r, 5, -1, 1), vec(r, 3, -1, 1), labels(r, 5, 3))),

            // LogisticForms: Math.log1p, which @Jit computes by JitMath.log1p: W2's loss, softplus, log1mexp, every range
            method(LogisticForms.class, "logistic", r -> args(vec(r, 5, -1, 1), u(r, -0.5, 0.5), mat(r, 11, 5, -2, 2), vec(r, 11, 0, 1), u(r, 0.01, 0.1))),
            method(LogisticForms.class, "logisticWide", r -> args(vec(r, 37, -0.5, 0.5), u(r, -0.5, 0.5), mat(r, 43, 37, -1, 1), vec(r, 43, 0, 1))),
            method(LogisticForms.class, "naiveSoftplus", r -> args(vec(r, 9, -2, 2), vec(r, 9, -3, 3), vec(r, 9, 0.5, 1.5))),
            method(LogisticForms.class, "crossEntropy", r -> args(vec(r, 6, -1, 1), u(r, -0.5, 0.5), mat(r, 10, 6, -2, 2), vec(r, 10, 0, 1))),
            method(LogisticForms.class, "log1mexp", r -> args(u(r, 0.8, 4), u(r, 0.05, 0.6))),
            method(LogisticForms.class, "ranges", r -> args(u(r, -2, 2), u(r, -1, 1))),
            method(LogisticForms.class, "opsLog1p", r -> args(vec(r, 4, -1, 1), (Object) mat(r, 13, 4, -2, 2))),

            // MatmulOrders: dense layers of a batch, which @Jit runs in i-k-j order through Simd.matVec4, and look-alikes
            method(MatmulOrders.class, "linear", r -> args(mat(r, 24, 6, -1, 1), mat(r, 21, 6, -1, 1), vec(r, 21, -0.5, 0.5), vec(r, 21, -1, 1))),
            method(MatmulOrders.class, "twoLayers", r -> args(mat(r, 22, 5, -1, 1), vec(r, 22, -1, 1), mat(r, 17, 5, -0.7, 0.7),
                    mat(r, 11, 17, -0.4, 0.4), vec(r, 11, -1, 1))),
            method(MatmulOrders.class, "wide", r -> args(mat(r, 50, 33, -0.3, 0.3), mat(r, 45, 33, -0.3, 0.3), u(r, -0.5, 0.5))),
            method(MatmulOrders.class, "biasAfter", r -> args(mat(r, 26, 7, -1, 1), vec(r, 26, -1, 1), mat(r, 19, 7, -0.6, 0.6), vec(r, 19, -0.5, 0.5))),
            method(MatmulOrders.class, "lookAlikes", r -> args(mat(r, 15, 4, -1, 1), mat(r, 12, 4, -1, 1), vec(r, 12, -0.5, 0.5))),

            // PartialsBranches: helpers ending in a branch (branch form), helpers of one active argument (forward mode)
            method(PartialsBranches.class, "book", PartialsBranchesInputs::book),
            method(PartialsBranches.class, "straddle", PartialsBranchesInputs::straddle),
            method(PartialsBranches.class, "ramps", PartialsBranchesInputs::ramps),
            method(PartialsBranches.class, "afters", r -> args(vec(r, 6, -1, 1), vec(r, 6, -1, 1), mask(r, 6))),
            method(PartialsBranches.class, "checks", PartialsBranchesInputs::checks),
            method(PartialsBranches.class, "softs", PartialsBranchesInputs::softs),
            method(PartialsBranches.class, "softOnce", PartialsBranchesInputs::softOnce),

            // FastPartials: helpers with exp, tanh, log1p in value-and-partials methods, which the @Jit twins compute by JitMath
            method(FastPartials.class, "decays", r -> args(vec(r, 7, -1.5, 1.5), vec(r, 7, 0, 2))),
            method(FastPartials.class, "blends", r -> args(vec(r, 6, -1, 1), vec(r, 6, -1, 1))),
            method(FastPartials.class, "bells", r -> args(vec(r, 9, -3, 3), u(r, 0.5, 14))),
            method(FastPartials.class, "straight", r -> args(u(r, 0.1, 1), u(r, 0.1, 1.5))),
            method(FastPartials.class, "moneynesses", r -> args(vec(r, 6, 0.5, 2), vec(r, 6, 0.5, 2))));

    /** n values in [-2, 2] at least 0.1 from 0 (the branch x[k] > 0 stays where it is under finite differences). */
    static double[] awayFromZero(Random r, int n) {
        double[] x = vec(r, n, 0.1, 2);
        for (int k = 0; k < n; k += 2) {
            x[k] = -x[k];
        }
        return x;
    }

    static Mlp mlpParams(Random r, int hidden, int inputs) {
        return new Mlp(mat(r, hidden, inputs, -1, 1), vec(r, hidden, -0.5, 0.5), vec(r, hidden, -1, 1), u(r, -0.5, 0.5));
    }

    static Layer layer(Random r, int out, int in) {
        return new Layer(mat(r, out, in, -1, 1), vec(r, out, -0.5, 0.5));
    }

    /** The name of a case: the class name within the package, then the method. */
    public static String nameOf(Class<?> owner, String method) {
        String binary = owner.getName().substring(owner.getPackageName().length() + 1);
        return binary.replace('$', '.') + "." + method;
    }

    /** The case named {@code Class.method}. */
    public static Case find(String name) {
        for (Case c : CASES) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no corpus case named " + name);
    }

    static Case method(Class<?> owner, String name, Function<Random, Object[]> inputs) {
        return new Case(owner, name, inputs);
    }

    // ---- generators of cases whose thresholds depend on several arguments ----------------------

    static Object[] logicInputs(Random r) {
        double x = away(r, -2, 2, -0.5);
        double y = away(r, -2, 2, 0.5, x);
        return args(x, y, r.nextBoolean());
    }

    static Object[] ternaryInputs(Random r) {
        while (true) {
            double x = away(r, -2, 2, 0);
            double y = away(r, -2, 2, 0, x);
            double a = x > 0 ? x * y : y / (1 + x * x);
            if (Math.abs(a - 1) >= MARGIN) {
                return args(x, y);
            }
        }
    }

    /** x and y at least 0.15 from every integer and half-integer, x apart from y and from 2y. */
    static Object[] nonSmoothInputs(Random r) {
        while (true) {
            double x = offGrid(r, -3, 3, 2);
            double y = offGrid(r, -3, 3, 2);
            if (Math.abs(x - y) >= MARGIN && Math.abs(x - 2 * y) >= MARGIN) {
                return args(x, y);
            }
        }
    }

    /** Positive values (x[2] negative but skipped by continue), and a negative one at 3, 4, 6 or 7 to break on. */
    static Object[] breakContinueInputs(Random r) {
        double[] x = vec(r, 8, 0.2, 2);
        x[2] = -u(r, 0.2, 2);
        int[] stops = {3, 4, 6, 7};
        x[stops[r.nextInt(stops.length)]] = -u(r, 0.2, 2);
        return args(x);
    }

    /** Every partial sum t * (x[0] + ... + x[i]) at least MARGIN from the threshold 2. */
    static Object[] earlyReturnInputs(Random r) {
        while (true) {
            double[] x = vec(r, 6, -0.5, 1.5);
            double t = u(r, 0.5, 1.5);
            boolean ok = true;
            double s = 0;
            for (double v : x) {
                s += v * t;
                ok &= Math.abs(s - 2.0) >= MARGIN;
            }
            if (ok) {
                return args(x, t);
            }
        }
    }

    static Object[] huberInputs(Random r) {
        double delta = u(r, 0.5, 1.5);
        double a = away(r, 0.1, 3, delta);
        return args(r.nextBoolean() ? a : -a, delta);
    }

    static Object[] nestedIfInputs(Random r) {
        double x = away(r, -2, 2, 0);
        return args(x, away(r, -2, 2, 0, x));
    }

    /** Spot and strike near each other, d1 and d2 of the formula at least MARGIN from 0 (where the CDF helper branches). */
    static Object[] blackScholesInputs(Random r) {
        while (true) {
            double s = u(r, 80, 120);
            double k = u(r, 80, 120);
            double t = u(r, 0.25, 2);
            double rate = u(r, 0, 0.05);
            double sigma = u(r, 0.1, 0.5);
            double vol = sigma * Math.sqrt(t);
            double d1 = (Math.log(s / k) + (rate + 0.5 * sigma * sigma) * t) / vol;
            if (Math.abs(d1) >= MARGIN && Math.abs(d1 - vol) >= MARGIN) {
                return args(s, k, t, rate, sigma);
            }
        }
    }

    // ---- building blocks -------------------------------------------------------------------

    /**
     * The arguments of one call, in parameter order. The first is a parameter of its own so that a
     * lone {@code double[][]} argument is one argument, not spread out as varargs.
     */
    public static Object[] args(Object first, Object... rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Uniform in [lo, hi). */
    public static double u(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** Uniform int in [lo, hi], both included. */
    public static int i(Random r, int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    /** Either sign, magnitude uniform in [lo, hi): away from 0 when lo > 0. */
    public static double pm(Random r, double lo, double hi) {
        double m = u(r, lo, hi);
        return r.nextBoolean() ? m : -m;
    }

    /** Uniform in [lo, hi) and at least {@link #MARGIN} from each of {@code avoid}. */
    public static double away(Random r, double lo, double hi, double... avoid) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            double v = u(r, lo, hi);
            boolean ok = true;
            for (double a : avoid) {
                ok &= Math.abs(v - a) >= MARGIN;
            }
            if (ok) {
                return v;
            }
        }
        throw new IllegalStateException("no value in [" + lo + ", " + hi + ") avoids those points");
    }

    /**
     * A value in [lo, hi) whose position inside its cell of width {@code 1 / cellsPerUnit} is in
     * the middle 40 %: with 2 cells per unit, at least 0.15 from every integer and half-integer
     * (floor, ceil, rint, signum, casts jump there).
     */
    public static double offGrid(Random r, double lo, double hi, int cellsPerUnit) {
        double cell = Math.floor(u(r, lo, hi) * cellsPerUnit);
        return (cell + 0.3 + 0.4 * r.nextDouble()) / cellsPerUnit;
    }

    public static double[] vec(Random r, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = u(r, lo, hi);
        }
        return v;
    }

    /** Every element at least {@link #MARGIN} from each of {@code avoid}. */
    public static double[] awayVec(Random r, int n, double lo, double hi, double... avoid) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = away(r, lo, hi, avoid);
        }
        return v;
    }

    /** Elements pairwise at least {@link #MARGIN} apart: no ties for a max or an argmax. */
    public static double[] spread(Random r, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = away(r, lo, hi, java.util.Arrays.copyOf(v, k));
        }
        return v;
    }

    public static double[][] mat(Random r, int rows, int cols, double lo, double hi) {
        double[][] m = new double[rows][];
        for (int k = 0; k < rows; k++) {
            m[k] = vec(r, cols, lo, hi);
        }
        return m;
    }

    /** Rows of random lengths in [minLen, maxLen]; the first row has maxLen elements, the last minLen. */
    public static double[][] ragged(Random r, int rows, int minLen, int maxLen, double lo, double hi) {
        double[][] m = new double[rows][];
        for (int k = 0; k < rows; k++) {
            int len = k == 0 ? maxLen : k == rows - 1 ? minLen : i(r, minLen, maxLen);
            m[k] = vec(r, len, lo, hi);
        }
        return m;
    }

    /** n labels in [0, classes). */
    /** {@code n} flags, each true with probability one half. */
    public static boolean[] mask(Random r, int n) {
        boolean[] m = new boolean[n];
        for (int i = 0; i < n; i++) {
            m[i] = r.nextBoolean();
        }
        return m;
    }

    public static int[] labels(Random r, int n, int classes) {
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            y[k] = r.nextInt(classes);
        }
        return y;
    }
}
