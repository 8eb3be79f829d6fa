/**
 * The jgrad annotation processor: one pipeline, one direction.
 *
 * <pre>
 * javac trees --(front)--> IR --(analysis)--> facts --(transform)--> IR --(emit)--> JavaPoet
 * </pre>
 *
 * <ul>
 *   <li>{@link dev.jgrad.processor.JgradProcessor} collects the annotated methods of a round, class by
 *       class; {@code ClassPipeline} runs the stages for one class and writes nothing for a class with
 *       an error, and, under {@code -Ajgrad.report}, hands {@code Reports} what each method got.
 *       {@code ForwardPipeline} does the same for {@code @Jvp} (the tangent transform),
 *       {@code @Hessian} ({@code HessianPipeline}: the reverse mode of the tangent code, run for all
 *       directions at once by {@code HessianLanes}; {@code SecondOrder} for {@code @Derivative} partials,
 *       {@code ArraySecondOrder} for those of functions of arrays) and
 *       {@code @Jacobian} ({@code JacobianPipeline}: tangent columns or reverse rows), with
 *       {@code Wrt} (the annotations' wrt) and {@code Flat} (the flat vectors of the wrt parameters).
 *       {@code HelperPullbacks} decides which helpers a gradient calls instead of inlining (the front's
 *       {@code HelperCalls} counts the calls and asks it), and makes their derivative methods
 *       ({@code ValueAndPartials}: value and partials in a set of arguments from one run);
 *       {@code HelperMathForms} says which of those methods compute the {@code @Jit} column by {@code JitMath}
 *       (only {@code @Jit @Grad} gradients call them), or as a {@code boolean jit} their callers pass.
 *       {@code JitForms} says which {@code @Jit} code may use the rule table's {@code @Jit} column
 *       ({@code JitMath.tanh}, {@code log1p}, {@code exp}): code that prints nothing and writes nothing the caller sees.
 *   <li>{@code front}: {@code MethodReader} reads a method body through the Compiler Tree API, checks
 *       the subset (every error at its tree), types it, gives each local a name of its own and inlines
 *       calls to the user's methods ({@code Statements}, {@code Expressions}, {@code Calls},
 *       {@code Inliner} and {@code TypeTrees}, sharing one {@code BodyContext} per body), then lowers
 *       break, continue and early return to flags ({@code Structure}; returns and continues that can
 *       end their paths need none: {@code TailReturns}), so that the IR leaving the front is structured; {@code Resolver} finds what each name means without asking javac
 *       to attribute anything during the rounds (that crashed javac later), and
 *       {@code ResolutionCheck} compares its answers with javac's once javac has attributed the class
 *       ({@code AfterAnalysis}, which also reports annotated methods of local classes).
 *   <li>{@code ir}: expressions and statements as sealed records; {@code Names} keeps generated names
 *       clear of the user's; {@code Gradient} is what the transform hands the emitter; {@code IrText}
 *       prints IR as text for tests.
 *   <li>{@code analysis}: {@code Activity} (varied and useful variables: who gets an adjoint) and
 *       {@code LoopForm} (counted loops ({@code Counted}) of independent iterations around single assignments, with
 *       {@code PrivateArrays}, the local arrays each iteration fills for itself, and {@code Recurrence},
 *       the inner loops that carry values between their steps inside an iteration).
 *   <li>{@code transform}: {@code Reverse} (reverse mode with a tape, after Giering and Kaminski's
 *       recipes: its {@code ForwardSweep} and {@code ReverseSweep}, with the to-be-recorded analysis and
 *       {@code Liveness} to keep the tape minimal), {@code FusedGradient} and {@code JitGrad} (the tape-free, fused gradient of
 *       methods in loop form, with {@code LinearTail}, {@code LoopBuffers}, {@code Slice}, and
 *       {@code Recurrences} and {@code RecurrenceTapes} for recurrences, and {@code Versions}, which
 *       renames a local assigned again where it is declared), {@code Accumulators}
 *       and {@code Parallelize} (the {@code @Jit} rewrites, in their order in {@code JitRewrites}: with {@code Jam}, then {@code RowLocals}: a
 *       row checked before it is read is read into a local there, and {@code Dots}: dot-product loops as
 *       calls of the runtime's {@code Simd}, where it says its kernel is faster, after {@code Fission}: a loop that
 *       stores {@code Math.tanh} into an array as a loop of the arguments and one {@code Simd.tanh} call, and
 *       {@code Layers}: a dense layer of four samples as the starting values and one {@code Simd.matVec4} call, in
 *       i-k-j order), {@code Adjoints} (the adjoint of one
 *       expression, shared by all), {@code Tangent} (forward mode: each active assignment preceded by
 *       its tangent's, built by {@code Linearize} from the same rules, with {@code TangentInputs}),
 *       {@code Lanes} (one body run for many directions in lock-step: the full Hessian;
 *       {@code SideBySide} its layout with an array entry's directions contiguous),
 *       {@code SingleAssignment} (a loop-free helper's body with each local assigned once, for its
 *       tape-free derivative method), {@code HelperAdjoint} (that body's adjoint, which reads every value
 *       in place: the derivative methods and the value-and-partial methods), {@code HelperSites} (in
 *       {@code JitGrad}, a helper call whose adjoint follows it calls the value-and-partials method;
 *       {@code NestedSites} likewise inside such a method), {@code TangentFactors} and {@code QuotientChains} (in a value-and-partials method, code that reaches only the
 *       partials: a tangent's common factor out of its sum, {@code log(a / b)}'s chain into {@code a} as {@code 1 / a}),
 *       {@code Tidy} (a last peephole pass: adjoints declared with their
 *       first contribution, no dead zeroing, and {@code Temporaries}: one-use temporaries folded where exact), {@code Captures} (last: what each parallel loop's lambda
 *       copies). {@code GradientForm} is what they decided, for the report: the form a gradient got,
 *       the statement that kept it from a better one, and what the forward sweep pushes.
 *   <li>{@code rules}: the derivative of every primitive, in one table; {@code Throws}, which code may
 *       throw (what the front and the transforms may move past other code).
 *   <li>{@code emit}: IR to Java through JavaPoet, and the names of the generated API (and, still,
 *       of a parallel loop's call site; {@code ShadowedNames}: a class the code names that a class of
 *       the package would hide is written with its package; {@code GeneratedMembers}, beside the
 *       pipelines, reports source methods named like generated ones); it runs no analysis. {@code ArchitectureTest} pins the direction.
 *   <li>{@code diag}: the catalogue of messages and the one reporter.
 * </ul>
 */
package dev.jgrad.processor;
