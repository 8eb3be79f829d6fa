package dev.jgrad.tests.fuzz;

import dev.jgrad.tests.fuzz.Ast.ArrayInit;
import dev.jgrad.tests.fuzz.Ast.Assert;
import dev.jgrad.tests.fuzz.Ast.Assign;
import dev.jgrad.tests.fuzz.Ast.Binary;
import dev.jgrad.tests.fuzz.Ast.Block;
import dev.jgrad.tests.fuzz.Ast.Break;
import dev.jgrad.tests.fuzz.Ast.Call;
import dev.jgrad.tests.fuzz.Ast.Chain;
import dev.jgrad.tests.fuzz.Ast.Cast;
import dev.jgrad.tests.fuzz.Ast.Conditional;
import dev.jgrad.tests.fuzz.Ast.Continue;
import dev.jgrad.tests.fuzz.Ast.CountDown;
import dev.jgrad.tests.fuzz.Ast.Counted;
import dev.jgrad.tests.fuzz.Ast.Decl;
import dev.jgrad.tests.fuzz.Ast.Eval;
import dev.jgrad.tests.fuzz.Ast.Expr;
import dev.jgrad.tests.fuzz.Ast.For;
import dev.jgrad.tests.fuzz.Ast.ForEach;
import dev.jgrad.tests.fuzz.Ast.If;
import dev.jgrad.tests.fuzz.Ast.Index;
import dev.jgrad.tests.fuzz.Ast.IntLit;
import dev.jgrad.tests.fuzz.Ast.Length;
import dev.jgrad.tests.fuzz.Ast.Method;
import dev.jgrad.tests.fuzz.Ast.Name;
import dev.jgrad.tests.fuzz.Ast.NewArray;
import dev.jgrad.tests.fuzz.Ast.Num;
import dev.jgrad.tests.fuzz.Ast.Param;
import dev.jgrad.tests.fuzz.Ast.Program;
import dev.jgrad.tests.fuzz.Ast.Return;
import dev.jgrad.tests.fuzz.Ast.Role;
import dev.jgrad.tests.fuzz.Ast.Step;
import dev.jgrad.tests.fuzz.Ast.Stmt;
import dev.jgrad.tests.fuzz.Ast.Throw;
import dev.jgrad.tests.fuzz.Ast.Type;
import dev.jgrad.tests.fuzz.Ast.Unary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Seeded random programs in jgrad's differentiable subset (DESIGN.md §1): a class {@code F<seed>}
 * in package {@code fuzz} with a few {@code @Grad static double f(double[] w, double b,
 * double[][] x, int n, ...)} methods and the helpers they call.
 *
 * <p>What the bodies contain: nested loops of every form ({@code for} up and down, from an outer
 * index, by two, enhanced {@code for}, {@code while}, {@code do/while}) with bounds that depend
 * on the data ({@code x[i].length}, {@code n}, an outer index, a test on an active value);
 * {@code break}, {@code continue} and {@code return} inside them; branches on active values and
 * on integers; {@code ?:}; local arrays and matrices written in place; variables overwritten by
 * nonlinear functions of themselves (which need the tape); compound assignments; reassigned
 * scalar parameters; every {@code Math} function of the subset, some through {@code StrictMath};
 * and calls of helper methods, double-valued and void ones that write into an array argument.
 *
 * <p>Two properties hold by construction, so that a failure is jgrad's and not the generator's:
 * <ul>
 *   <li><b>Every index is in bounds</b> for the inputs that {@link Inputs} makes: an index is a
 *       loop variable whose bound is the length of an array of the same "domain" (all arrays of
 *       domain W have length W, each row of {@code x} is at most W long, {@code n <= W}, ...),
 *       the literal 0, or {@code e % a.length}. Integers are never negative.
 *   <li><b>Values stay well-conditioned</b>: a function with a restricted domain or fast growth
 *       gets a squashed argument ({@code log(1 + e*e)}, {@code asin(0.8 * tanh(e))},
 *       {@code exp(tanh(e))}, {@code pow(1 + e*e, 0.35)}, {@code atan2(e, 1.5 + cos(e))}), divisors
 *       are bounded away from 0, accumulations use small coefficients, and a write that a loop
 *       repeats on its own result (a variable declared outside the loop) has a right-hand side
 *       squashed into [-1, 1], so that no loop can square a value again and again.
 * </ul>
 * Branches and kinks are not kept away from their thresholds: the probe copy of each method
 * records which side every evaluation took, and the oracle only trusts differences that stayed
 * on one side (see {@link Probe}).
 */
final class ProgramGenerator {

    /** Knobs; {@link #defaults()} is what the fixed-seed batch runs. */
    record Config(
            int minMethods,
            int maxMethods,
            int maxHelpers,
            int maxLoopDepth,
            int minStatements,
            int maxStatements,
            double jitProbability,
            double strictMathProbability,
            double gradHelperProbability,
            Set<String> shapes,
            double hessianProbability,
            double vectorProbability) {

        Config {
            shapes = Set.copyOf(shapes);
        }

        /** Without {@code @Jit}; {@link FuzzSettings} adds it ({@code jgrad.fuzz.jit}, on by default). */
        static Config defaults() {
            return new Config(2, 3, 3, 3, 6, 22, 0.0, 0.15, 0.25, Set.copyOf(SHAPES), HESSIAN_PROBABILITY,
                    VECTOR_PROBABILITY);
        }

        Config withJit(double probability) {
            return new Config(minMethods, maxMethods, maxHelpers, maxLoopDepth, minStatements, maxStatements,
                    probability, strictMathProbability, gradHelperProbability, shapes, hessianProbability,
                    vectorProbability);
        }

        /**
         * {@code @Hessian} on this share of the checked {@code @Grad} methods, and a {@code double[]}
         * method ({@link VectorMethods}) in this share of the programs ({@code jgrad.fuzz.forward}).
         */
        Config withForward(double hessian, double vector) {
            return new Config(minMethods, maxMethods, maxHelpers, maxLoopDepth, minStatements, maxStatements,
                    jitProbability, strictMathProbability, gradHelperProbability, shapes, hessian, vector);
        }

        /** Only these shapes of {@link #SHAPES} ({@code jgrad.fuzz.shapes}): one at a time tells which finds what. */
        Config withShapes(Set<String> on) {
            for (String k : on) {
                if (!SHAPES.contains(k)) {
                    throw new IllegalArgumentException("unknown shape " + k + "; the shapes are " + SHAPES);
                }
            }
            return new Config(minMethods, maxMethods, maxHelpers, maxLoopDepth, minStatements, maxStatements,
                    jitProbability, strictMathProbability, gradHelperProbability, on, hessianProbability,
                    vectorProbability);
        }
    }

    /**
     * The shapes of issue 11, each of which can be turned off ({@link Config#withShapes}); with
     * none, the generator makes the programs of issue 5.
     */
    static final List<String> SHAPES = List.of(
            "effect",        // a helper that writes into an array, called after a read of it: operand, argument, op=
            "foreachAssign", // for (double e : h) { ... h = new double[h.length]; ... }
            "countDown",     // do { ... continue; ... } while (--k > 0);  while (k-- > 0) { ... continue; ... }
            "arrayBase",     // (c ? a : b)[i], new double[] {e1, e2}[k]
            "stats",         // two-pass mean and variance: a declaration between the loops reads the first sum
            "layers",        // samples x classes x hidden units: a saved tanh the innermost loop reads back
            "paramAcc",      // a parameter as a loop's accumulator
            "walk",          // an index that walks with the loop: a[k % a.length]; k += 2;
            "shrinking",     // a bound that the body changes: if (c) { lim--; }
            "alias",         // double[] view = h; a loop sums into one and reads the other
            "doubleBound",   // for (int j = 0; j < lim; j++) with double lim
            "inputWrites",   // writes into the 2-D inputs, rows replaced and shared: x[i] = x[k];
            "throwLoop",     // a 20,000-iteration loop that throws in several of its parallel chunks
            "reserved",      // locals named java, Math, dev, Arrays2
            "recordNames",   // parameters named hashCode, toString
            "chain",         // a = b = e;
            "other",         // Other.exp(e): a user method named like a Math function
            "callerAliases", // the harness passes one array for two parameters, or shares rows (README "Aliasing")
            "checkedThrow",  // the long parallel loop throws new Exception("fuzz: ..."), the method declares it
            "varargs",       // a top-level method whose last parameter is double... v
            "round");        // Math.round(e) on an active value: (double) Math.round(3 * e) * e2, Math.round(e) > 0 ? ...

    static final String PACKAGE = "fuzz";

    private final Config config;

    ProgramGenerator(Config config) {
        this.config = config;
    }

    ProgramGenerator() {
        this(Config.defaults());
    }

    static String className(long seed) {
        return "F" + Long.toUnsignedString(seed);
    }

    /** The program of this seed; the same seed always gives the same program. */
    Program generate(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Method> methods = new ArrayList<>();
        List<Method> helpers = new ArrayList<>();
        boolean usesOther = false;
        int helperCount = r.nextInt(config.maxHelpers() + 1);
        for (int h = 0; h < helperCount; h++) {
            double u = r.nextDouble();
            Body b = new Body(r, helpers);
            Method m = u < 0.3 ? b.helper("h" + h, true)
                    : u < 0.5 && config.shapes().contains("effect") ? b.effectHelper("h" + h) : b.helper("h" + h, false);
            usesOther |= b.usesOther;
            helpers.add(m);
            methods.add(m);
        }
        int tops = r.nextInt(config.minMethods(), config.maxMethods() + 1);
        for (int t = 0; t < tops; t++) {
            Body b = new Body(r, helpers);
            methods.add(b.top("f" + t));
            usesOther |= b.usesOther;
        }
        // issue 15's modes, from a random stream of their own: a seed's other methods stay as they were
        SplittableRandom forward = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 15);
        List<Method> all = new ArrayList<>();
        for (Method m : methods) {
            all.add(m.grad() && m.check() && forward.nextDouble() < config.hessianProbability() ? m.withHessian(true) : m);
        }
        if (forward.nextDouble() < config.vectorProbability()) {
            List<Method> vector = VectorMethods.make(this, forward, "g0", forward.nextDouble() < config.jitProbability());
            all.addAll(vector);
            // its random statements may call Other.exp (shape "other") too
            usesOther |= Printer.stmt(vector.get(0).body()).contains("Other.exp(");
        }
        return new Program(seed, PACKAGE, className(seed), usesOther ? List.of(OTHER) : List.of(), all, List.of(),
                true);
    }

    /** {@code @Hessian} on this share of the checked {@code @Grad} methods by default. */
    static final double HESSIAN_PROBABILITY = 0.25;

    /** A {@code double[]} method ({@link VectorMethods}) in this share of the programs by default. */
    static final double VECTOR_PROBABILITY = 0.25;

    /**
     * Statements that can stand at the start of a method with parameters {@code w, b, x, n}:
     * {@code double s = ...;} (when {@code declareS}) and about {@code count} random statements
     * that add to {@code s}, with local names that start with {@code prefix}.
     */
    List<Stmt> statements(SplittableRandom r, int count, String prefix, boolean declareS) {
        return statements(r, count, prefix, declareS, true);
    }

    /** The same, in a method that may return a {@code double} early ({@code returnsDouble}) or not. */
    List<Stmt> statements(SplittableRandom r, int count, String prefix, boolean declareS, boolean returnsDouble) {
        Body b = new Body(r, List.of());
        b.returnsDouble = returnsDouble;
        b.prefix = prefix;
        b.declareTopParams(standardParams());
        List<Stmt> out = new ArrayList<>();
        Stmt acc = b.accumulator(new Name("b", Type.DOUBLE));
        if (declareS) {
            out.add(acc);
        }
        b.budget = count;
        while (b.budget > 0) {
            out.addAll(b.stmt(true));
        }
        return out;
    }

    /**
     * A class of the user's with a method named like a {@code Math} function: a call
     * {@code Other.exp(e)} must be differentiated through, not taken for {@code Math.exp}.
     */
    static final String OTHER = """
            /** Named like a Math function, but the user's own: differentiated through. */
            static final class Other {
                @Grad static double exp(double u) {
                    return Math.exp(0.5 * Math.tanh(u)) - 0.25 * u;
                }
            }""";

    /** Names that generated code may also need: {@code java.}, {@code Math.}, {@code dev.}, {@code Arrays2}. */
    private static final List<String> RESERVED = List.of("java", "Math", "dev", "Arrays2");

    /** Parameter names that clash with the methods of a record. */
    private static final List<String> RECORD_METHODS = List.of("hashCode", "toString");

    /** A message prefix that the harness knows: the exception a generated method throws on purpose. */
    static final String THROW_PREFIX = "fuzz: ";

    /** The trip count of a loop long enough for {@code @Jit} to run it in parallel chunks. */
    static final int LONG_LOOP = 20000;

    static List<Param> standardParams() {
        return List.of(
                new Param(Type.DOUBLE_ARRAY, "w", Role.VEC_W),
                new Param(Type.DOUBLE, "b", Role.SCALAR),
                new Param(Type.DOUBLE_MATRIX, "x", Role.MATRIX_X),
                new Param(Type.INT, "n", Role.COUNT));
    }

    // ------------------------------------------------------------------------------------------

    /**
     * A variable in scope. {@code tags} (ints) name the domains the value is a valid index of;
     * {@code dom} (arrays) is the domain an index of the array must have; {@code rowDom}
     * (matrices) is that of a row, or null for ragged rows (indexed through
     * {@code "ROW:" + row expression}); {@code boundedByW}: every row or the array itself has
     * length at most W. {@code indexForm} is how to use an int as an index ({@code k - 1} for a
     * while counter).
     */
    private record Var(
            String name,
            Type type,
            Set<String> tags,
            String dom,
            String rowDom,
            boolean boundedByW,
            boolean assignable,
            boolean writable,
            Expr indexForm) {
        Expr ref() {
            return new Name(name, type);
        }
    }

    private static final double[] THRESHOLDS = {-0.6, -0.3, 0.0, 0.2, 0.4, 0.7, 1.1};

    /** The state of one method body being generated. */
    private final class Body {
        final SplittableRandom r;
        final List<Method> helpers;
        final Deque<List<Var>> scopes = new ArrayDeque<>();
        int counter;
        int loopDepth;
        int budget;
        boolean returnsDouble = true;
        boolean hasN;
        /** The accumulator that blocks add their results to ({@code s}), or null in a void helper. */
        String sink;
        String prefix = "";
        /** The loop depth at which each variable was declared; -1: written from every call (a helper's out). */
        final Map<String, Integer> levels = new java.util.HashMap<>();
        /** The 2-D inputs are writable: element writes, rows replaced and shared. */
        boolean inputsWritable;
        /** A top-level method (not a helper): long loops and thrown exceptions go here only. */
        boolean isTop;
        /** The body has a shape that {@code @Jit} must get right: make {@code @Jit} likelier. */
        boolean wantsJit;
        /** The body calls {@code Other.exp}: the class must be printed. */
        boolean usesOther;
        /** The body has its long loop that throws (one is enough). */
        boolean hasThrowLoop;
        /** That loop throws a checked {@code Exception}, which the method declares. */
        boolean checked;
        /** A local named {@code Math} is being declared: its initialiser already sees it. */
        boolean declaringMath;

        Body(SplittableRandom r, List<Method> helpers) {
            this.r = r;
            this.helpers = List.copyOf(helpers);
            scopes.push(new ArrayList<>());
        }

        // ---------------------------------------------------------------------------- methods

        Method top(String name) {
            List<Param> params = new ArrayList<>(standardParams());
            if (r.nextDouble() < 0.4) {
                params.add(new Param(Type.DOUBLE, "c", Role.SCALAR));
            }
            // double... v: the last parameter, so it takes the place of an ordinary v
            boolean varargs = on("varargs") && r.nextDouble() < 0.1;
            if (!varargs && r.nextDouble() < 0.3) {
                params.add(new Param(Type.DOUBLE_ARRAY, "v", Role.VEC_W));
            }
            if (r.nextDouble() < 0.3) {
                params.add(new Param(Type.DOUBLE_ARRAY, "y", Role.VEC_R));
            }
            if (r.nextDouble() < 0.2) {
                params.add(new Param(Type.DOUBLE_MATRIX, "M", Role.MATRIX_M));
            }
            if (r.nextDouble() < 0.2) {
                params.add(new Param(Type.INT_ARRAY, "lab", Role.LABELS));
            }
            if (r.nextDouble() < 0.15) {
                params.add(new Param(Type.BOOLEAN, "flag", Role.FLAG));
            }
            if (r.nextDouble() < 0.1) {
                params.add(new Param(Type.LONG, "k", Role.LONG));
            }
            String recordMethod = null;
            if (r.nextDouble() < 0.08 && on("recordNames")) {
                // a parameter named like a method of the gradient record: fine as long as it is not
                // differentiated (a wrt parameter so named is a [JgradReservedName] error: HostileGenerator)
                recordMethod = pickOne(RECORD_METHODS);
                params.add(new Param(Type.DOUBLE, recordMethod, Role.SCALAR));
            }
            if (varargs) {
                params.add(new Param(Type.DOUBLE_ARRAY, "double...", "v", Role.VEC_W));
            }
            isTop = true;
            // callerAliases alone still makes methods that write into x: their gradients must reject aliases
            inputsWritable = r.nextDouble() < 0.15 && (on("inputWrites") || on("callerAliases"));
            List<String> wrt = new ArrayList<>();
            if (recordMethod != null || r.nextDouble() < 0.6) {
                for (Param p : params) {
                    if (p.type().isDifferentiable() && !p.name().equals(recordMethod)
                            && (r.nextDouble() < 0.55 || p.name().equals("w") && r.nextBoolean())) {
                        wrt.add(p.name());
                    }
                }
                if (wrt.isEmpty()) {
                    wrt.add("w");
                }
            }
            declareTopParams(params);
            budget = r.nextInt(config.minStatements(), config.maxStatements() + 1);
            List<Stmt> body = new ArrayList<>();
            if (r.nextDouble() < 0.15) {
                body.add(new If(new Binary("<", new Name("n", Type.INT), new IntLit(0)),
                        Block.of(new Throw("IllegalArgumentException", "n must not be negative"))));
            }
            if (r.nextDouble() < 0.1) {
                body.add(new Assert(new Binary(">", new Length(new Name("w", Type.DOUBLE_ARRAY)), new IntLit(0))));
            }
            // callerAliases: a method that may write into x surely does, so that the harness knows
            // from the source that its gradient must reject x aliased by the caller
            int aliasing = on("callerAliases") ? (inputsWritable ? 1 : 0) : -1;
            if (aliasing == 1) {
                Name x = new Name("x", Type.DOUBLE_MATRIX);
                Expr last = new Binary("-", new Length(x), new IntLit(1));
                body.add(new If(new Binary(">", new Length(x), new IntLit(1)),
                        Block.of(new Assign(new Index(x, last), "=", new Index(x, new IntLit(0))))));
            }
            body.add(accumulator(new Name("b", Type.DOUBLE)));
            List<String> focus = new ArrayList<>();
            for (String k : List.of("stats", "layers", "paramAcc", "walk", "shrinking", "alias")) {
                if (on(k)) {
                    focus.add(k);
                }
            }
            if (!focus.isEmpty() && r.nextDouble() < 0.2) {
                // a short method around one loop shape: what @Jit @Grad fuses whole, instead of taping
                budget = r.nextInt(0, 3);
                wantsJit = true;
                switch (pickOne(focus)) {
                    case "stats" -> body.addAll(twoPass());
                    case "layers" -> body.add(threeLoops());
                    case "paramAcc" -> body.add(paramAccLoop());
                    case "walk" -> body.addAll(walkingIndex());
                    case "shrinking" -> body.addAll(shrinkingBound());
                    default -> {
                        body.addAll(localArray());
                        if (!aliasable().isEmpty()) {
                            body.addAll(aliasView());
                        }
                    }
                }
            }
            while (budget > 0) {
                boolean throwing = on("throwLoop") || on("checkedThrow");
                if (throwing && !hasThrowLoop && r.nextDouble() < 0.012) {
                    // a loop of the method's body itself, as @Jit parallelises those; checked or not, at the
                    // rate of the unchecked one alone, so that both together cost no more time
                    checked = on("checkedThrow") && (!on("throwLoop") || r.nextBoolean());
                    body.addAll(throwLoop()); // a loop of the method's body itself, as @Jit parallelises those
                }
                body.addAll(stmt(false));
            }
            body.add(new Return(resultExpr()));
            double jitP = wantsJit && config.jitProbability() > 0 ? 0.5 : config.jitProbability();
            boolean jit = r.nextDouble() < jitP;
            return new Method(name, "static", "", "double", params, new Block(body), true, wrt, jit, true, false,
                    checked ? "Exception" : "", aliasing);
        }

        void declareTopParams(List<Param> params) {
            for (Param p : params) {
                switch (p.role()) {
                    case VEC_W -> declare(new Var(p.name(), p.type(), Set.of(), "W", null, true, false, false, null));
                    case VEC_R -> declare(new Var(p.name(), p.type(), Set.of(), "R", null, false, false, false, null));
                    // inputsWritable: the method writes into its 2-D inputs, row identity included
                    case MATRIX_X -> declare(new Var(p.name(), p.type(), Set.of(), "R", null, true, false, inputsWritable, null));
                    case MATRIX_M -> declare(new Var(p.name(), p.type(), Set.of(), "MR", null, true, false, inputsWritable, null));
                    case LABELS -> declare(new Var(p.name(), p.type(), Set.of(), "R", null, false, false, false, null));
                    case COUNT -> {
                        hasN = true;
                        declare(new Var(p.name(), p.type(), Set.of(), null, null, false, false, false, null));
                    }
                    case SCALAR -> declare(new Var(p.name(), p.type(), Set.of(), null, null, false, true, false, null));
                    default -> declare(new Var(p.name(), p.type(), Set.of(), null, null, false, false, false, null));
                }
            }
        }

        Method helper(String name, boolean isVoid) {
            List<Param> params = new ArrayList<>();
            budget = r.nextInt(2, 7);
            List<Stmt> body = new ArrayList<>();
            if (isVoid) {
                returnsDouble = false;
                writeOut(params, body);
                while (budget > 0) {
                    body.addAll(stmt(false));
                }
                return new Method(name, "static", "", "void", params, new Block(body), false, List.of(), false, false, false);
            }
            params.add(new Param(Type.DOUBLE, "a", Role.SCALAR));
            declare(new Var("a", Type.DOUBLE, Set.of(), null, null, false, true, false, null));
            if (r.nextDouble() < 0.7) {
                params.add(new Param(Type.DOUBLE_ARRAY, "p", Role.VEC_W));
                declare(new Var("p", Type.DOUBLE_ARRAY, Set.of(), "W", null, true, false, false, null));
            }
            if (r.nextDouble() < 0.5) {
                params.add(new Param(Type.INT, "m", Role.SMALL_INT));
                declare(new Var("m", Type.INT, Set.of(), null, null, false, false, false, null));
            }
            if (r.nextDouble() < 0.3) {
                params.add(new Param(Type.DOUBLE, "q", Role.SCALAR));
                declare(new Var("q", Type.DOUBLE, Set.of(), null, null, false, true, false, null));
            }
            body.add(accumulator(new Name("a", Type.DOUBLE)));
            while (budget > 0) {
                body.addAll(stmt(false));
            }
            body.add(new Return(resultExpr()));
            boolean grad = r.nextDouble() < config.gradHelperProbability();
            return new Method(name, "static", "", "double", params, new Block(body), grad, List.of(), false, grad, false);
        }

        /**
         * A helper that writes into its array argument and returns a value: called in an operand,
         * a later argument or the right side of {@code op=} after a read of the same array, it
         * shows whether Java's left-to-right evaluation survives inlining.
         */
        Method effectHelper(String name) {
            List<Param> params = new ArrayList<>();
            budget = r.nextInt(1, 4);
            List<Stmt> body = new ArrayList<>();
            writeOut(params, body);
            while (budget > 0) {
                body.addAll(stmt(false));
            }
            body.add(new Return(resultExpr()));
            return new Method(name, "static", "", "double", params, new Block(body), false, List.of(), false, false, false);
        }

        /** The parameters {@code out, a[, p]} and the loop writing into {@code out} of a helper with a side effect. */
        void writeOut(List<Param> params, List<Stmt> body) {
            params.add(new Param(Type.DOUBLE_ARRAY, "out", Role.OPAQUE));
            params.add(new Param(Type.DOUBLE, "a", Role.SCALAR));
            boolean withP = r.nextBoolean();
            if (withP) {
                params.add(new Param(Type.DOUBLE_ARRAY, "p", Role.VEC_W));
            }
            declare(new Var("out", Type.DOUBLE_ARRAY, Set.of(), "OUT:out", null, false, false, true, null));
            declare(new Var("a", Type.DOUBLE, Set.of(), null, null, false, true, false, null));
            if (withP) {
                declare(new Var("p", Type.DOUBLE_ARRAY, Set.of(), "W", null, true, false, false, null));
            }
            // the write into the argument that makes it a helper with a side effect
            String j = fresh("j");
            Expr out = new Name("out", Type.DOUBLE_ARRAY);
            enter();
            declare(intVar(j, Set.of("OUT:out")));
            loopDepth++;
            List<Stmt> loop = new ArrayList<>();
            // contracting, as the helper may be called in nested loops: out[j] = 0.5 * out[j] + 0.5 * sin(...)
            Expr cell = new Index(out, new Name(j, Type.INT));
            loop.add(new Assign(cell, "=", r.nextBoolean() ? call1("tanh", dexpr(3))
                    : new Binary("+", new Binary("*", new Num(0.5), cell),
                            new Binary("*", new Num(0.5), call1("sin", dexpr(3))))));
            if (r.nextBoolean()) {
                loop.addAll(stmt(false));
            }
            loopDepth--;
            exit();
            body.add(new For(j, new IntLit(0), new Binary("<", new Name(j, Type.INT), new Length(out)),
                    new Step(new Name(j, Type.INT), "++"), new Block(loop)));
        }

        // ------------------------------------------------------------------------- statements

        /** One statement, sometimes a few that belong together (an array and the loop filling it). */
        List<Stmt> stmt(boolean last) {
            budget--;
            Map<String, Double> w = new LinkedHashMap<>();
            w.put("decl", 4.0);
            w.put("assign", assignables().isEmpty() ? 0 : 4.0);
            w.put("array", 1.5);
            w.put("write", writableArrays().isEmpty() ? 0 : 3.0);
            w.put("if", 2.5);
            w.put("loop", loopDepth < config.maxLoopDepth() && budget > 1 ? 3.5 : 0);
            w.put("call", voidHelpers().isEmpty() || writableArrays().isEmpty() ? 0 : 1.5);
            w.put("int", 1.0);
            w.put("jump", loopDepth > 0 ? 2.0 : returnsDouble && !last ? 0.4 : 0);
            w.put("row", arraysOf(Type.DOUBLE_MATRIX).isEmpty() ? 0 : 0.6);
            w.put("param", returnsDouble && hasN ? 0.3 : 0);
            w.put("realloc", reallocatable().isEmpty() ? 0 : 0.5);
            // the shapes of issue 11
            boolean roomForLoop = loopDepth < config.maxLoopDepth() && budget > 1;
            w.put("chain", on("chain") && assignables().size() >= 2 ? 0.3 : 0);
            w.put("effect", !effectHelpers().isEmpty() && !effectTargets().isEmpty() ? 0.8 : 0);
            w.put("stats", on("stats") && loopDepth == 0 && sink != null && !statArrays().isEmpty() && budget > 2 ? 0.35 : 0);
            w.put("paramAcc", on("paramAcc") && loopDepth > 0 && isTop ? 0.3 : 0);
            w.put("walk", on("walk") && roomForLoop && sink != null && !statArrays().isEmpty() ? 0.35 : 0);
            w.put("shrinking", on("shrinking") && roomForLoop ? 0.3 : 0);
            w.put("alias", on("alias") && roomForLoop && sink != null && !aliasable().isEmpty() ? 0.35 : 0);
            w.put("share", loopDepth == 0 && inputsWritable ? 0.4 : 0);
            switch (pick(w)) {
                case "decl" -> {
                    String t = on("reserved") && r.nextDouble() < 0.05 ? reservedName() : fresh("t");
                    declaringMath = t.equals("Math"); // the initialiser is in the local's scope
                    Expr init = dexpr(3);
                    declaringMath = false;
                    declare(doubleVar(t));
                    return List.of(new Decl(Type.DOUBLE, t, init, r.nextDouble() < 0.1));
                }
                case "chain" -> {
                    // counter = counterAgain = 3; (a Clad test)
                    List<Var> as = new ArrayList<>(assignables());
                    Var first = as.remove(r.nextInt(as.size()));
                    Var second = pickOne(as);
                    Expr e = dexpr(2);
                    if (feedback(first.name()) || feedback(second.name())) {
                        e = call1("tanh", e);
                    }
                    return List.of(new Chain(List.of(first.ref(), second.ref()), e));
                }
                case "effect" -> {
                    return List.of(effectAssign());
                }
                case "stats" -> {
                    return twoPass();
                }
                case "paramAcc" -> {
                    // a parameter as the accumulator of a loop
                    Name b = new Name("b", Type.DOUBLE);
                    return List.of(new Assign(b, r.nextBoolean() ? "+=" : "-=",
                            new Binary("*", new Num(coef()), bounded(dexpr(2), "b"))));
                }
                case "walk" -> {
                    return walkingIndex();
                }
                case "shrinking" -> {
                    return shrinkingBound();
                }
                case "alias" -> {
                    return aliasView();
                }
                case "share" -> {
                    return List.of(shareRow());
                }
                case "assign" -> {
                    return List.of(assign(pickOne(assignables())));
                }
                case "array" -> {
                    return localArray();
                }
                case "write" -> {
                    return List.of(arrayWrite(pickOne(writableArrays())));
                }
                case "if" -> {
                    Expr c = cond();
                    Block then = block(r.nextInt(1, 4));
                    Block otherwise = r.nextDouble() < 0.4 ? block(r.nextInt(1, 3)) : null;
                    return List.of(new If(c, then, otherwise));
                }
                case "loop" -> {
                    return loopStmts();
                }
                case "call" -> {
                    return List.of(voidCall());
                }
                case "int" -> {
                    return List.of(intStmt());
                }
                case "jump" -> {
                    Stmt jump;
                    double u = r.nextDouble();
                    if (loopDepth == 0 || (returnsDouble && u < 0.25)) {
                        jump = new Return(dexpr(2));
                    } else if (u < 0.6) {
                        jump = new Break();
                    } else {
                        jump = new Continue();
                    }
                    return List.of(new If(cond(), Block.of(jump)));
                }
                case "row" -> {
                    Var m = pickOne(arraysOf(Type.DOUBLE_MATRIX));
                    String row = fresh("row");
                    Expr init = new Index(m.ref(), index(m.ref(), m.dom()));
                    declare(new Var(row, Type.DOUBLE_ARRAY, Set.of(),
                            m.rowDom() != null ? m.rowDom() : "ROW:" + row, null, m.boundedByW(), false, false, null));
                    return List.of(new Decl(Type.DOUBLE_ARRAY, row, init));
                }
                case "realloc" -> {
                    // a fresh array in a variable that held another: in a loop, the tape keeps the old one
                    Var a = pickOne(reallocatable());
                    if (a.type() == Type.DOUBLE_MATRIX) {
                        Expr row = new Index(a.ref(), index(a.ref(), a.dom()));
                        return List.of(new Assign(row, "=", new NewArray(Type.DOUBLE_ARRAY, List.of(new Length(row)))));
                    }
                    return List.of(new Assign(a.ref(), "=", new NewArray(Type.DOUBLE_ARRAY, List.of(new Length(a.ref())))));
                }
                case "param" -> {
                    // the gradient is with respect to the value at entry, whatever the body does to it
                    Name b = new Name("b", Type.DOUBLE);
                    return List.of(new Assign(b, "=", new Binary("+",
                            new Binary("*", new Num(0.5), call1("tanh", new Binary("+", b, dexpr(1)))), new Num(0.1))));
                }
                default -> throw new IllegalStateException();
            }
        }

        Block block(int n) {
            return block(n, List.of(), List.of());
        }

        /**
         * A block of about {@code n} random statements with {@code extras} among them at random
         * places and {@code last} after them: each made where it stands, so that it sees the
         * block's locals as Java does (a local named {@code Math} hides the class).
         */
        Block block(int n, List<Supplier<Stmt>> extras, List<Supplier<Stmt>> last) {
            enter();
            List<Stmt> out = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            for (int k = 0; k < extras.size(); k++) {
                at.add(r.nextInt(n + 1));
            }
            int i = 0;
            for (; i < n && (i == 0 || budget > 0); i++) {
                for (int k = 0; k < extras.size(); k++) {
                    if (at.get(k) == i) {
                        out.add(extras.get(k).get());
                    }
                }
                out.addAll(stmt(false));
            }
            for (int k = 0; k < extras.size(); k++) {
                if (at.get(k) >= i) {
                    out.add(extras.get(k).get());
                }
            }
            for (Supplier<Stmt> l : last) {
                out.add(l.get());
            }
            // what the block computed flows into the result, as a loss accumulates
            List<Var> mine = new ArrayList<>();
            for (Var v : scopes.peek()) {
                if ((v.type() == Type.DOUBLE && v.assignable()) || v.writable()) {
                    mine.add(v);
                }
            }
            if (!mine.isEmpty() && r.nextDouble() < 0.85) {
                out.add(sinkStmt(mine.get(mine.size() - 1 - r.nextInt(Math.min(2, mine.size())))));
            }
            exit();
            return new Block(out);
        }

        /** {@code double s = init;}: the accumulator. */
        Stmt accumulator(Expr init) {
            sink = "s";
            declare(new Var("s", Type.DOUBLE, Set.of(), null, null, false, false, false, null));
            return new Decl(Type.DOUBLE, "s", r.nextBoolean() ? new Num(0.0) : init);
        }

        Stmt sinkStmt(Var v) {
            Expr val = v.ref();
            if (v.type() == Type.DOUBLE_MATRIX) {
                Expr row = new Index(v.ref(), index(v.ref(), v.dom()));
                val = new Index(row, index(row, v.rowDom()));
            } else if (v.type() == Type.DOUBLE_ARRAY) {
                val = new Index(v.ref(), index(v.ref(), v.dom()));
            }
            if (sink == null) {
                Var out = null;
                for (Var o : visible()) {
                    if (o.name().equals("out")) {
                        out = o;
                    }
                }
                return new Assign(new Index(out.ref(), index(out.ref(), out.dom())), "+=",
                        new Binary("*", new Num(coef()), bounded(val, "out")));
            }
            Name s = new Name(sink, Type.DOUBLE);
            val = bounded(val, sink);
            double u = r.nextDouble();
            if (u < 0.2) {
                // overwrites the accumulator with a nonlinear function of itself: taped
                return new Assign(s, "=", new Binary("+", new Binary("*", new Num(0.9), call1("sin", s)),
                        new Binary("*", new Num(coef()), val)));
            }
            if (u < 0.35) {
                return new Assign(s, "+=", new Binary("*", new Num(coef()), call1("tanh", val)));
            }
            return new Assign(s, r.nextDouble() < 0.8 ? "+=" : "-=", new Binary("*", new Num(coef()), val));
        }

        Stmt assign(Var v) {
            Name t = (Name) v.ref();
            double u = r.nextDouble();
            if (u < 0.3) {
                // an overwrite that uses the old value nonlinearly: the reverse sweep needs the tape
                Expr e = bounded(dexpr(2), v.name());
                Expr next = switch (r.nextInt(4)) {
                    case 0 -> call1("sin", new Binary("*", t, e));
                    case 1 -> call1("tanh", new Binary("+", t, e));
                    case 2 -> new Binary("*", t, call1("cos", e));
                    default -> new Binary("+", new Binary("*", new Binary("*", new Num(0.5), t), call1("tanh", t)), e);
                };
                return new Assign(t, "=", next);
            }
            if (u < 0.45) {
                return new Assign(t, "=", bounded(dexpr(3), v.name()));
            }
            if (u < 0.7) {
                return new Assign(t, r.nextBoolean() ? "+=" : "-=",
                        new Binary("*", new Num(coef()), bounded(dexpr(2), v.name())));
            }
            if (u < 0.85) {
                return new Assign(t, "*=", new Binary("+", new Num(0.5),
                        new Binary("*", new Num(0.25), call1("tanh", dexpr(2)))));
            }
            Expr e = dexpr(2);
            return new Assign(t, "/=", new Binary("+", new Num(1.2), new Binary("*", e, e)));
        }

        Stmt arrayWrite(Var a) {
            Expr target;
            if (a.type() == Type.DOUBLE_MATRIX) {
                Expr row = new Index(a.ref(), index(a.ref(), a.dom()));
                target = new Index(row, index(row, a.rowDom()));
            } else {
                target = new Index(a.ref(), index(a.ref(), a.dom()));
            }
            return switch (r.nextInt(5)) {
                case 0, 1 -> new Assign(target, "=", bounded(dexpr(3), a.name()));
                case 2 -> new Assign(target, "+=", new Binary("*", new Num(coef()), bounded(dexpr(2), a.name())));
                case 3 -> new Assign(target, "-=", bounded(dexpr(2), a.name()));
                default -> new Assign(target, "*=", new Binary("+", new Num(0.5),
                        new Binary("*", new Num(0.25), call1("sin", dexpr(2)))));
            };
        }

        /** A local array or matrix, and usually the loop that fills it. */
        List<Stmt> localArray() {
            List<Stmt> out = new ArrayList<>();
            if (r.nextDouble() < 0.25) {
                String name = fresh("h");
                List<Expr> els = new ArrayList<>();
                int len = r.nextInt(2, 5);
                for (int i = 0; i < len; i++) {
                    els.add(dexpr(2));
                }
                declare(new Var(name, Type.DOUBLE_ARRAY, Set.of(), "L" + len, null, false, false, true, null));
                out.add(new Decl(Type.DOUBLE_ARRAY, name, new ArrayInit(Type.DOUBLE_ARRAY, els)));
                return out;
            }
            Map<String, Expr> sizes = new LinkedHashMap<>();
            Var wv = firstArray("W");
            if (wv != null) {
                sizes.put("W", new Length(wv.ref()));
            }
            if (hasN) {
                sizes.put("N", new Name("n", Type.INT));
            }
            Var xv = firstArray("R");
            if (xv != null) {
                sizes.put("R", new Length(xv.ref()));
            }
            sizes.put("L3", new IntLit(3));
            List<String> doms = new ArrayList<>(sizes.keySet());
            String dom = doms.get(r.nextInt(doms.size()));
            boolean matrix = r.nextDouble() < 0.25 && wv != null;
            String name = fresh(matrix ? "G" : "h");
            Expr arr = new Name(name, matrix ? Type.DOUBLE_MATRIX : Type.DOUBLE_ARRAY);
            if (matrix) {
                out.add(new Decl(Type.DOUBLE_MATRIX, name,
                        new NewArray(Type.DOUBLE_MATRIX, List.of(sizes.get(dom), new Length(wv.ref())))));
                declare(new Var(name, Type.DOUBLE_MATRIX, Set.of(), dom, "W", true, false, true, null));
            } else {
                out.add(new Decl(Type.DOUBLE_ARRAY, name, new NewArray(Type.DOUBLE_ARRAY, List.of(sizes.get(dom)))));
                declare(new Var(name, Type.DOUBLE_ARRAY, Set.of(), dom, null, dom.equals("W") || dom.equals("N"),
                        false, true, null));
            }
            if (r.nextDouble() < 0.8 && budget > 0) {
                // fill it in place: h[j] = tanh(...), the hidden layer of the DESIGN example
                String j = fresh("j");
                enter();
                declare(intVar(j, Set.of(dom)));
                loopDepth++;
                List<Stmt> body = new ArrayList<>();
                Expr target = new Index(arr, new Name(j, Type.INT));
                if (matrix) {
                    String l = fresh("j");
                    enter();
                    declare(intVar(l, Set.of("W")));
                    loopDepth++;
                    Expr cell = new Index(target, new Name(l, Type.INT));
                    List<Stmt> inner = List.of(new Assign(cell, "=", call1("tanh", dexpr(2))));
                    loopDepth--;
                    exit();
                    body.add(new For(l, new IntLit(0), new Binary("<", new Name(l, Type.INT), new Length(target)),
                            new Step(new Name(l, Type.INT), "++"), new Block(inner)));
                } else {
                    body.add(new Assign(target, "=", r.nextBoolean() ? call1("tanh", dexpr(3)) : dexpr(3)));
                }
                loopDepth--;
                exit();
                out.add(new For(j, new IntLit(0), new Binary("<", new Name(j, Type.INT), new Length(arr)),
                        new Step(new Name(j, Type.INT), "++"), new Block(body)));
                budget--;
            }
            return out;
        }

        Stmt voidCall() {
            Method h = pickOne(voidHelpers());
            Var a = pickOne(writableArrays());
            Expr out = a.ref();
            if (a.type() == Type.DOUBLE_MATRIX) {
                out = new Index(a.ref(), index(a.ref(), a.dom()));
            }
            List<Expr> args = new ArrayList<>();
            args.add(out);
            for (Param p : h.params().subList(1, h.params().size())) {
                args.add(argFor(p));
            }
            return new Eval(new Call(h.name(), Type.VOID, args));
        }

        Stmt intStmt() {
            List<Var> ints = new ArrayList<>();
            for (Var v : visible()) {
                if ((v.type() == Type.INT || v.type() == Type.LONG) && v.assignable()) {
                    ints.add(v);
                }
            }
            double u = r.nextDouble();
            if (!ints.isEmpty() && u < 0.4) {
                Var v = pickOne(ints);
                if (r.nextBoolean()) {
                    return new Step(v.ref(), "++");
                }
                Expr inc = nonneg(1);
                if (v.type() == Type.LONG) {
                    inc = new Cast(Type.LONG, inc);
                }
                return new Assign(v.ref(), "+=", inc);
            }
            if (u < 0.6) {
                String p = fresh("p");
                Expr c = cond();
                declare(new Var(p, Type.BOOLEAN, Set.of(), null, null, false, false, false, null));
                return new Decl(Type.BOOLEAN, p, c);
            }
            if (u < 0.75) {
                String c = fresh("c");
                declare(new Var(c, Type.LONG, Set.of(), null, null, false, true, false, null));
                return new Decl(Type.LONG, c, new IntLit(r.nextInt(3), true));
            }
            String m = fresh("m");
            Expr init = nonneg(1);
            declare(new Var(m, Type.INT, Set.of(), null, null, false, true, false, null));
            return new Decl(Type.INT, m, init, r.nextDouble() < 0.2);
        }

        // ------------------------------------------------------------------------------ loops

        /** A loop bound and the domains a variable below it indexes. */
        private record Bound(Expr expr, Set<String> tags) {}

        Bound bound() {
            return bound(false);
        }

        /** A bound; when {@code positive}, one that is at least 1 (for a loop that runs its body before the test). */
        Bound bound(boolean positive) {
            List<Bound> options = new ArrayList<>();
            for (Var v : visible()) {
                if (v.type() == Type.INT && v.indexForm() == null && !v.tags().isEmpty()) {
                    if (!positive) {
                        options.add(new Bound(v.ref(), v.tags())); // j < i
                    }
                    options.add(new Bound(new Binary("+", v.ref(), new IntLit(1)), v.tags())); // j <= i
                }
                if (v.type().isArray() && v.dom() != null) {
                    Set<String> tags = new HashSet<>();
                    tags.add(v.dom());
                    if (v.boundedByW() && v.type() != Type.DOUBLE_MATRIX) {
                        tags.add("W");
                    }
                    if (v.dom().equals("N")) {
                        tags.add("W");
                    }
                    options.add(new Bound(new Length(v.ref()), tags));
                    if (v.type() == Type.DOUBLE_MATRIX) {
                        for (Var i : visible()) {
                            if (i.type() == Type.INT && i.tags().contains(v.dom())) {
                                Expr row = new Index(v.ref(), i.indexForm() != null ? i.indexForm() : i.ref());
                                Set<String> rt = new HashSet<>();
                                rt.add(v.rowDom() != null ? v.rowDom() : rowKey(row));
                                if (v.boundedByW()) {
                                    rt.add("W");
                                }
                                options.add(new Bound(new Length(row), rt));
                                if (hasN && v.rowDom() == null) {
                                    Set<String> both = new HashSet<>(rt);
                                    both.add("N");
                                    options.add(new Bound(new Call(math() + "min", Type.INT,
                                            List.of(new Name("n", Type.INT), new Length(row))), both));
                                }
                            }
                        }
                    }
                }
                if (v.type() == Type.INT && v.name().equals("n") && hasN) {
                    options.add(new Bound(v.ref(), Set.of("N", "W")));
                }
                if (v.type() == Type.INT && v.name().equals("m") && !positive) {
                    options.add(new Bound(v.ref(), Set.of()));
                }
            }
            // a constant trip count, and the fallback of a helper without arrays
            options.add(new Bound(new IntLit(r.nextInt(2, 5)), Set.of()));
            return options.get(r.nextInt(options.size()));
        }

        // ------------------------------------------------------------------ shapes of issue 11

        /** A local name that generated code may need for itself, or a fresh one if all are taken. */
        String reservedName() {
            List<String> free = new ArrayList<>();
            for (String n : RESERVED) {
                if (visible().stream().noneMatch(v -> v.name().equals(n))) {
                    free.add(n);
                }
            }
            return free.isEmpty() ? fresh("t") : pickOne(free);
        }

        boolean on(String shape) {
            return config.shapes().contains(shape);
        }

        /** Arrays, or rows of matrices, that a helper with a side effect may write into. */
        List<Var> effectTargets() {
            List<Var> out = new ArrayList<>();
            for (Var v : writableArrays()) {
                if (v.type() == Type.DOUBLE_ARRAY || v.type() == Type.DOUBLE_MATRIX) {
                    out.add(v);
                }
            }
            return out;
        }

        /** An array a helper may write into ({@code h} or a row {@code G[i]}), and the domain of its indices. */
        private record Target(Expr array, String dom) {}

        Target effectTarget() {
            Var a = pickOne(effectTargets());
            if (a.type() == Type.DOUBLE_MATRIX) {
                Expr row = new Index(a.ref(), index(a.ref(), a.dom()));
                return new Target(row, a.rowDom() != null ? a.rowDom() : rowKey(row));
            }
            return new Target(a.ref(), a.dom());
        }

        /** {@code h(out, ...)} for a helper that writes into {@code out} and returns a value. */
        Expr effectCall(Expr out, int depth) {
            Method h = pickOne(effectHelpers());
            List<Expr> args = new ArrayList<>();
            args.add(out);
            for (Param p : h.params().subList(1, h.params().size())) {
                args.add(p.type() == Type.DOUBLE ? dexpr(depth) : argFor(p));
            }
            return new Call(h.name(), Type.DOUBLE, args);
        }

        /**
         * A read of an array, then a call that writes into it, in one expression: Java reads the
         * element first. The call is the right operand, or a later argument.
         */
        Expr effectExpr(int depth) {
            Target t = effectTarget();
            Expr read = new Index(t.array(), index(t.array(), t.dom()));
            Expr call = effectCall(t.array(), Math.max(0, depth - 1));
            if (r.nextBoolean()) {
                return new Binary(pickOne(List.of("+", "-", "*")), read, call);
            }
            for (Method h : doubleHelpers()) {
                List<Param> ps = h.params();
                if (ps.size() >= 2 && ps.get(0).type() == Type.DOUBLE && ps.get(ps.size() - 1).type() == Type.DOUBLE) {
                    List<Expr> args = new ArrayList<>();
                    args.add(read);
                    for (Param p : ps.subList(1, ps.size() - 1)) {
                        args.add(p.type() == Type.DOUBLE ? dexpr(0) : argFor(p));
                    }
                    args.add(call);
                    return new Call(h.name(), Type.DOUBLE, args);
                }
            }
            return call2("atan2", read, new Binary("+", new Num(2.0), call1("tanh", call)));
        }

        /** {@code a[i] op= c * h(a, ...)}: the element is read before the call writes into the array. */
        Stmt effectAssign() {
            Target t = effectTarget();
            Expr cell = new Index(t.array(), index(t.array(), t.dom()));
            String root = rootName(t.array());
            Expr call = bounded(effectCall(t.array(), 1), root);
            return switch (r.nextInt(3)) {
                case 0 -> new Assign(cell, "+=", new Binary("*", new Num(coef()), call));
                case 1 -> new Assign(cell, "-=", new Binary("*", new Num(coef()), call));
                default -> new Assign(cell, "*=", new Binary("+", new Num(0.5),
                        new Binary("*", new Num(0.25), call1("tanh", call))));
            };
        }

        String rootName(Expr e) {
            return e instanceof Index i ? rootName(i.array()) : ((Name) e).text();
        }

        /** 1-D arrays with a known length, for loops over their elements. */
        List<Var> statArrays() {
            List<Var> out = new ArrayList<>();
            for (Var v : visible()) {
                if (v.type() == Type.DOUBLE_ARRAY && v.dom() != null && !v.dom().startsWith("OUT")) {
                    out.add(v);
                }
            }
            return out;
        }

        /** A loop over every index of {@code a}, with the index declared for {@code body}. */
        For overAll(Var a, String j, Function<Name, List<Stmt>> body) {
            return overAll(a, new Length(a.ref()), j, body);
        }

        /** A loop over the first {@code count} indices of {@code a} ({@code count} at most its length). */
        For overAll(Var a, Expr count, String j, Function<Name, List<Stmt>> body) {
            Name jv = new Name(j, Type.INT);
            enter();
            declare(intVar(j, Set.of(a.dom())));
            loopDepth++;
            List<Stmt> b = body.apply(jv);
            loopDepth--;
            exit();
            return new For(j, new IntLit(0), new Binary("<", jv, count), new Step(jv, "++"), new Block(b));
        }

        /**
         * Two-pass statistics: a mean, then a declaration that reads it between the loops, then
         * the variance; {@code @Jit} must not hoist the declaration above the first loop.
         */
        List<Stmt> twoPass() {
            budget -= 2;
            wantsJit = true;
            Var a = pickOne(statArrays());
            // over the whole array, or over its first n elements
            Expr count = hasN && a.dom().equals("W") && r.nextBoolean() ? new Name("n", Type.INT) : new Length(a.ref());
            String sum = fresh("sum");
            String mean = fresh("mean");
            String var = fresh("var");
            List<Stmt> out = new ArrayList<>();
            out.add(new Decl(Type.DOUBLE, sum, new Num(0.0)));
            boolean squash = r.nextBoolean();
            boolean inline = r.nextBoolean();
            out.add(overAll(a, count, fresh("j"), j -> {
                Expr el = new Index(a.ref(), j);
                return List.of(new Assign(new Name(sum, Type.DOUBLE), "+=", squash ? call1("tanh", el) : el));
            }));
            out.add(new Decl(Type.DOUBLE, mean, new Binary("/", new Name(sum, Type.DOUBLE), count)));
            out.add(new Decl(Type.DOUBLE, var, new Num(0.0)));
            out.add(overAll(a, count, fresh("j"), j -> {
                Expr el = new Index(a.ref(), j);
                Expr dev = new Binary("-", squash ? call1("tanh", el) : el, new Name(mean, Type.DOUBLE));
                if (inline) {
                    return List.of(new Assign(new Name(var, Type.DOUBLE), "+=", new Binary("*", dev, dev)));
                }
                String d = fresh("d");
                Name dv = new Name(d, Type.DOUBLE);
                return List.of(new Decl(Type.DOUBLE, d, dev),
                        new Assign(new Name(var, Type.DOUBLE), "+=", new Binary("*", dv, dv)));
            }));
            declare(doubleVar(mean));
            declare(doubleVar(var));
            Expr variance = new Binary("/", new Name(var, Type.DOUBLE), count);
            if (r.nextBoolean()) {
                out.add(new Assign(new Name(sink, Type.DOUBLE), "+=", new Binary("*", new Num(coef()),
                        r.nextBoolean() ? variance : call1("sqrt", new Binary("+", variance, new Num(0.01))))));
            } // else the result reads the sums: the linear tail after the loops
            return out;
        }

        /**
         * A classifier's loss, samples x classes x hidden units: {@code for (i) for (c) { double z = 0;
         * for (k) { double h = tanh(...); z += h * w[...]; } s += 0.2 * z * z; }}. The adjoint needs every
         * {@code h}; saved per hidden unit alone, each class would read the last class's values.
         */
        Stmt threeLoops() {
            Name w = new Name("w", Type.DOUBLE_ARRAY);
            Name x = new Name("x", Type.DOUBLE_MATRIX);
            String i = fresh("i");
            String c = fresh("c");
            String k = fresh("k");
            String z = fresh("z");
            String h = fresh("h");
            Name iv = new Name(i, Type.INT);
            Name cv = new Name(c, Type.INT);
            Name kv = new Name(k, Type.INT);
            Name zv = new Name(z, Type.DOUBLE);
            Name hv = new Name(h, Type.DOUBLE);
            Expr row = new Index(x, iv);
            Expr pre = new Binary("+", new Binary("*", new Index(w, kv), new Index(row, new Binary("%", kv, new Length(row)))),
                    new Binary("+", new Binary("*", new Num(coef()), cv), new Name("b", Type.DOUBLE)));
            Stmt inner = new For(k, new IntLit(0), new Binary("<", kv, new Length(w)), new Step(kv, "++"), Block.of(
                    new Decl(Type.DOUBLE, h, call1("tanh", pre)),
                    new Assign(zv, "+=", new Binary("*", hv, new Index(w, new Binary("%", new Binary("+", kv, cv),
                            new Length(w)))))));
            Stmt perClass = new For(c, new IntLit(0), new Binary("<", cv, new IntLit(r.nextInt(2, 4))), new Step(cv, "++"),
                    Block.of(new Decl(Type.DOUBLE, z, new Num(0.0)), inner, new Assign(new Name(sink, Type.DOUBLE), "+=",
                            new Binary("*", new Num(0.2), new Binary("*", zv, zv)))));
            return new For(i, new IntLit(0), new Binary("<", iv, new Length(x)), new Step(iv, "++"), Block.of(perClass));
        }

        /** {@code for (j) { b += c * e; s += c * b * w[j]; }}: a parameter as a loop's accumulator, read in the loop. */
        Stmt paramAccLoop() {
            Var w = pickOne(statArrays());
            Name b = new Name("b", Type.DOUBLE);
            return overAll(w, fresh("j"), j -> List.of(
                    new Assign(b, "+=", new Binary("*", new Num(coef()), bounded(dexpr(1), "b"))),
                    new Assign(new Name(sink, Type.DOUBLE), "+=", new Binary("*", new Num(coef()),
                            bounded(new Binary("*", b, new Index(w.ref(), j)), sink)))));
        }

        /** {@code int k = 0; for (...) { ... a[k % a.length] ...; k += 2; }}: an index that walks with the loop. */
        List<Stmt> walkingIndex() {
            budget--;
            Var a = pickOne(statArrays());
            String k = fresh("k");
            Name kv = new Name(k, Type.INT);
            declare(new Var(k, Type.INT, Set.of(), null, null, false, false, false, null));
            Bound b = bound(false);
            String j = fresh("j");
            Name jv = new Name(j, Type.INT);
            enter();
            declare(intVar(j, b.tags()));
            loopDepth++;
            Expr read = new Index(a.ref(), new Binary("%", kv, new Length(a.ref())));
            Block body = block(r.nextInt(1, 3), List.of(
                    () -> new Assign(new Name(sink, Type.DOUBLE), "+=",
                            new Binary("*", new Num(coef()), bounded(new Binary("*", read, dexpr(1)), sink))),
                    () -> r.nextBoolean() ? new Assign(kv, "+=", new IntLit(2)) : new Step(kv, "++")), List.of());
            loopDepth--;
            exit();
            return List.of(new Decl(Type.INT, k, new IntLit(0)),
                    new For(j, new IntLit(0), new Binary("<", jv, b.expr()), new Step(jv, "++"), body));
        }

        /** {@code int lim = bound; for (j = 0; j < lim; j++) { ...; if (c) { lim--; } }}: a bound the body changes. */
        List<Stmt> shrinkingBound() {
            budget--;
            Bound b = bound(false);
            String lim = fresh("lim");
            Name lv = new Name(lim, Type.INT);
            declare(new Var(lim, Type.INT, Set.of(), null, null, false, false, false, null));
            String j = fresh(loopDepth == 0 ? "i" : "j");
            Name jv = new Name(j, Type.INT);
            enter();
            declare(intVar(j, b.tags()));
            loopDepth++;
            Block body = block(r.nextInt(1, 4), List.of(() -> new If(cond(), Block.of(new Step(lv, "--")))), List.of());
            loopDepth--;
            exit();
            return List.of(new Decl(Type.INT, lim, b.expr()),
                    new For(j, new IntLit(0), new Binary("<", jv, lv), new Step(jv, "++"), body));
        }

        /** Local arrays of a known length that a local alias may view. */
        List<Var> aliasable() {
            List<Var> out = new ArrayList<>();
            for (Var v : reallocatable()) {
                if (v.type() == Type.DOUBLE_ARRAY && v.dom() != null) {
                    out.add(v);
                }
            }
            return out;
        }

        /** {@code double[] v = h; for (j) { h[i] += ...; s += c * v[j]; }}: a loop that sums into an array it reads through an alias. */
        List<Stmt> aliasView() {
            budget--;
            Var a = pickOne(aliasable());
            String v = fresh("view");
            Var view = new Var(v, Type.DOUBLE_ARRAY, Set.of(), a.dom(), null, a.boundedByW(), false, true, null);
            declare(view);
            boolean viaView = r.nextBoolean();
            Var written = viaView ? view : a;
            Var read = viaView ? a : view;
            if (r.nextBoolean()) {
                // two loops that look independent: jammed into one, the second reads elements the first has not written yet
                For first = overAll(a, fresh("j"), j -> List.of(new Assign(new Index(written.ref(), j), "+=",
                        new Binary("*", new Num(coef()), bounded(dexpr(2), written.name())))));
                For second = overAll(a, fresh("j"), j -> List.of(new Assign(new Name(sink, Type.DOUBLE), "+=",
                        new Binary("*", new Num(coef()), bounded(new Index(read.ref(),
                                new Binary("%", new Binary("+", j, new IntLit(1)), new Length(read.ref()))), sink)))));
                return List.of(new Decl(Type.DOUBLE_ARRAY, v, a.ref()), first, second);
            }
            For loop = overAll(a, fresh("j"), j -> {
                Expr at = r.nextBoolean() ? j : index(written.ref(), a.dom());
                List<Stmt> body = new ArrayList<>();
                body.add(new Assign(new Index(written.ref(), at), "+=",
                        new Binary("*", new Num(coef()), bounded(dexpr(2), written.name()))));
                body.add(new Assign(new Name(sink, Type.DOUBLE), "+=", new Binary("*", new Num(coef()),
                        bounded(new Index(read.ref(), r.nextBoolean() ? j : index(read.ref(), a.dom())), sink))));
                if (r.nextBoolean()) {
                    Collections.reverse(body);
                }
                return body;
            });
            return List.of(new Decl(Type.DOUBLE_ARRAY, v, a.ref()), loop);
        }

        /** {@code x[i] = x[k];}: a row of a 2-D input replaced by another, which it then shares. */
        Stmt shareRow() {
            List<Var> ms = new ArrayList<>();
            for (Var v : writableArrays()) {
                if (v.type() == Type.DOUBLE_MATRIX && v.rowDom() == null) {
                    ms.add(v);
                }
            }
            Var m = ms.isEmpty() ? null : pickOne(ms);
            if (m == null) {
                return arrayWrite(pickOne(writableArrays()));
            }
            Expr source = r.nextDouble() < 0.3 ? new NewArray(Type.DOUBLE_ARRAY, List.of(new IntLit(1))) // rows stay <= W
                    : new Index(m.ref(), index(m.ref(), m.dom()));
            return new Assign(new Index(m.ref(), index(m.ref(), m.dom())), "=", source);
        }

        /**
         * A loop long enough for {@code @Jit} to run in parallel chunks that throws, depending on
         * the data, at iterations in several chunks: the exception must be the source's (the first
         * failing iteration's), unwrapped.
         */
        List<Stmt> throwLoop() {
            hasThrowLoop = true;
            wantsJit = true;
            String i = fresh("i");
            String t = fresh("t");
            String k = fresh("k");
            Name iv = new Name(i, Type.INT);
            Name tv = new Name(t, Type.DOUBLE);
            Name kv = new Name(k, Type.INT);
            Name w = new Name("w", Type.DOUBLE_ARRAY);
            enter();
            declare(intVar(i, Set.of()));
            loopDepth++;
            // an inner loop: @Jit runs in chunks only loops that do some work per iteration
            Expr arg = new Binary("+", new Index(w, new Binary("%", new Binary("+", iv, kv), new Length(w))),
                    new Binary("*", new Num(coef()), leaf())); // a leaf, not a helper call: the loop is long
            Stmt inner = new For(k, new IntLit(0), new Binary("<", kv, new IntLit(2)), new Step(kv, "++"),
                    Block.of(new Assign(tv, "+=", new Binary("*", new Num(0.5), call1("tanh", arg)))));
            // checked in every chunk, likelier to fail late: the first failing iteration is often not the first to fail in time
            int every = LONG_LOOP / 4;
            Expr when = new Binary("&&", new Binary("==", new Binary("%", iv, new IntLit(every)), new IntLit(every - 1)),
                    new Binary(">", new Binary("+", tv, new Binary("*", new Num(1e-4), iv)),
                            new Num(1.0 + 0.1 * r.nextInt(5))));
            Stmt check = new If(when, Block.of(new Throw(checked ? "Exception" : "IllegalStateException",
                    THROW_PREFIX + "iteration ", iv)));
            Stmt add = new Assign(new Name(sink, Type.DOUBLE), "+=", new Binary("*", new Num(1e-4), tv));
            loopDepth--;
            exit();
            return List.of(new For(i, new IntLit(0), new Binary("<", iv, new IntLit(LONG_LOOP)), new Step(iv, "++"),
                    Block.of(new Decl(Type.DOUBLE, t, new Num(0.0)), inner, check, add)));
        }

        /** A loop, sometimes after the declaration of its {@code double} bound. */
        List<Stmt> loopStmts() {
            double u = r.nextDouble();
            if (u < 0.08 && on("countDown")) {
                return List.of(countDown());
            }
            if (u >= 0.08 && u < 0.16 && on("doubleBound")) {
                return doubleBound();
            }
            return List.of(loop());
        }

        /**
         * {@code do { ...; if (c) { continue; } ... } while (--k > 0);} or
         * {@code while (k-- > 0) {...}}: a condition with a side effect that {@code continue} must not skip.
         */
        Stmt countDown() {
            Bound b = bound(true);
            String k = fresh("k");
            Name kv = new Name(k, Type.INT);
            boolean doWhile = r.nextDouble() < 0.7;
            if (doWhile) {
                // 0 after the loop; the while form leaves -1, which no index may see
                declare(new Var(k, Type.INT, Set.of(), null, null, false, false, false, null));
            }
            enter();
            declare(new Var(k, Type.INT, b.tags(), null, null, false, false, false,
                    doWhile ? new Binary("-", kv, new IntLit(1)) : kv));
            loopDepth++;
            Block body = block(r.nextInt(1, 4), List.of(() -> new If(cond(), Block.of(new Continue()))), List.of());
            loopDepth--;
            exit();
            return new CountDown(k, b.expr(), body, doWhile);
        }

        /** {@code for (int j = 0; j < lim; j++)} with {@code double lim}: the trip count is the ceiling. */
        List<Stmt> doubleBound() {
            Bound b = bound(false);
            Expr lim = switch (r.nextInt(3)) {
                case 0 -> new Binary("-", b.expr(), new Num(0.5));
                case 1 -> new Binary("*", b.expr(), new Num(0.75));
                // a trip count that depends on an active value
                default -> new Binary("*", b.expr(), new Binary("+", new Num(0.7),
                        new Binary("*", new Num(0.25), call1("tanh", dexpr(1)))));
            };
            List<Stmt> out = new ArrayList<>();
            if (r.nextBoolean()) {
                String l = fresh("lim");
                out.add(new Decl(Type.DOUBLE, l, lim));
                lim = new Name(l, Type.DOUBLE);
                declare(new Var(l, Type.DOUBLE, Set.of(), null, null, false, false, false, null));
            }
            String j = fresh(loopDepth == 0 ? "i" : "j");
            Name jv = new Name(j, Type.INT);
            enter();
            declare(intVar(j, b.tags()));
            loopDepth++;
            Block body = block(r.nextInt(1, 4));
            loopDepth--;
            exit();
            Stmt update = r.nextDouble() < 0.2 ? new Assign(jv, "+=", new IntLit(2)) : new Step(jv, "++");
            out.add(new For(j, new IntLit(0), new Binary("<", jv, lim), update, body));
            return out;
        }

        Stmt loop() {
            double u = r.nextDouble();
            if (u < 0.15) {
                return forEach();
            }
            if (u < 0.3) {
                return counted();
            }
            Bound b = bound();
            String j = fresh(loopDepth == 0 ? "i" : "j");
            Name jv = new Name(j, Type.INT);
            Expr from = new IntLit(0);
            Expr cond = new Binary("<", jv, b.expr());
            Stmt update = new Step(jv, "++");
            double k = r.nextDouble();
            if (k < 0.15) {
                // downwards
                from = new Binary("-", b.expr(), new IntLit(1));
                cond = new Binary(">=", jv, new IntLit(0));
                update = new Step(jv, "--");
            } else if (k < 0.3) {
                update = new Assign(jv, "+=", new IntLit(2));
            } else if (k < 0.45) {
                List<Var> outer = new ArrayList<>();
                for (Var v : visible()) {
                    if (v.type() == Type.INT && v.indexForm() == null && !v.tags().isEmpty()) {
                        outer.add(v);
                    }
                }
                if (!outer.isEmpty()) {
                    from = pickOne(outer).ref(); // triangular: j from i to the bound
                }
            } else if (k < 0.55) {
                List<Var> ds = scalars();
                if (!ds.isEmpty()) {
                    // the trip count depends on an active value
                    cond = new Binary("&&", cond,
                            new Binary("<", pickOne(ds).ref(), new Num(1.0 + r.nextInt(4) * 0.5)));
                }
            }
            enter();
            declare(intVar(j, b.tags()));
            loopDepth++;
            Block body = block(r.nextInt(1, 5));
            loopDepth--;
            exit();
            return new For(j, from, cond, update, body);
        }

        Stmt forEach() {
            List<Var> arrays = new ArrayList<>();
            for (Var v : visible()) {
                if (v.type().isArray()) {
                    arrays.add(v);
                }
            }
            if (arrays.isEmpty()) {
                return counted();
            }
            Var a = pickOne(arrays);
            List<Var> locals = new ArrayList<>();
            for (Var v : reallocatable()) {
                if (v.type() == Type.DOUBLE_ARRAY) {
                    locals.add(v);
                }
            }
            if (on("foreachAssign") && !locals.isEmpty() && r.nextDouble() < 0.5) {
                a = pickOne(locals); // one the body may reassign
            }
            Type el = a.type().element();
            String e = fresh(el == Type.DOUBLE_ARRAY ? "row" : "e");
            enter();
            switch (el) {
                case DOUBLE -> declare(new Var(e, el, Set.of(), null, null, false, false, false, null));
                case INT -> declare(intVar(e, a.name().equals("lab") ? Set.of("W") : Set.of()));
                default -> declare(new Var(e, el, Set.of(), a.rowDom() != null ? a.rowDom() : "ROW:" + e, null,
                        a.boundedByW(), false, false, null));
            }
            loopDepth++;
            Block body;
            if (on("foreachAssign") && a.type() == Type.DOUBLE_ARRAY && reallocatable().contains(a) && r.nextDouble() < 0.7) {
                // Java evaluates the array once: the loop goes on over the old one, whose elements count
                Var array = a;
                Var element = new Var(e, el, Set.of(), null, null, false, false, false, null);
                List<Stmt> head = List.of(new Assign(array.ref(), "=",
                        new NewArray(Type.DOUBLE_ARRAY, List.of(new Length(array.ref())))));
                body = block(r.nextInt(0, 3), List.of(), List.of(() -> sinkStmt(element)));
                List<Stmt> ss = new ArrayList<>(head);
                ss.addAll(body.stmts());
                body = new Block(ss);
            } else {
                body = block(r.nextInt(1, 4));
            }
            loopDepth--;
            exit();
            return new ForEach(el, e, a.ref(), body);
        }

        Stmt counted() {
            Bound b = bound();
            String k = fresh("k");
            Name kv = new Name(k, Type.INT);
            Expr cond = new Binary("<", kv, b.expr());
            List<Var> ds = scalars();
            if (!ds.isEmpty() && r.nextDouble() < 0.3) {
                cond = new Binary("&&", cond, new Binary(">", pickOne(ds).ref(), new Num(-1.5)));
            }
            // visible after the loop as a plain int; inside, k - 1 is an index below the bound
            declare(new Var(k, Type.INT, Set.of(), null, null, false, false, false, null));
            enter();
            declare(new Var(k, Type.INT, b.tags(), null, null, false, false, false,
                    new Binary("-", kv, new IntLit(1))));
            loopDepth++;
            Block body = block(r.nextInt(1, 4));
            loopDepth--;
            exit();
            return new Counted(k, cond, body, r.nextDouble() < 0.35);
        }

        // ------------------------------------------------------------------------ expressions

        /** A double expression of at most {@code depth} levels of operators. */
        Expr dexpr(int depth) {
            if (depth <= 0 || r.nextDouble() < 0.25) {
                return leaf();
            }
            Map<String, Double> w = new LinkedHashMap<>();
            w.put("add", 3.0);
            w.put("mul", 3.0);
            w.put("div", 1.0);
            w.put("neg", 0.4);
            w.put("math", 4.5);
            w.put("cond", 0.6);
            w.put("helper", doubleHelpers().isEmpty() ? 0 : 1.0);
            w.put("int", 0.5);
            w.put("rem", 0.3);
            w.put("effect", effectHelpers().isEmpty() || effectTargets().isEmpty() ? 0 : 0.4);
            w.put("other", on("other") ? 0.06 : 0);
            w.put("round", on("round") ? 0.08 : 0);
            switch (pick(w)) {
                case "add" -> {
                    return new Binary(r.nextBoolean() ? "+" : "-", dexpr(depth - 1), dexpr(depth - 1));
                }
                case "mul" -> {
                    Expr a = dexpr(depth - 1);
                    Expr b = r.nextDouble() < 0.4 ? new Num(coef()) : dexpr(depth - 1);
                    return r.nextBoolean() ? new Binary("*", a, b) : new Binary("*", b, a);
                }
                case "div" -> {
                    Expr num = dexpr(depth - 1);
                    return new Binary("/", num, divisor(depth - 1));
                }
                case "neg" -> {
                    return new Unary("-", dexpr(depth - 1));
                }
                case "rem" -> {
                    // % on doubles: the jumps of the quotient are kinks the probe records
                    Expr divisor = r.nextBoolean() ? new Num(0.5 + r.nextInt(4) * 0.4)
                            : new Binary("+", new Num(1.5), call1("sin", dexpr(depth - 1)));
                    return new Binary("%", dexpr(depth - 1), divisor);
                }
                case "math" -> {
                    return math(depth - 1);
                }
                case "effect" -> {
                    return effectExpr(depth - 1);
                }
                case "round" -> {
                    // Math.round on an active value: a long, derivative 0; the probe records its pieces
                    Expr rounded = new Call(lib() + "round", Type.LONG,
                            List.of(new Binary("*", new Num(r.nextInt(2, 5)), call1("tanh", dexpr(depth - 1)))));
                    return r.nextBoolean() ? new Binary("*", new Cast(Type.DOUBLE, rounded), dexpr(depth - 1))
                            : new Conditional(new Binary(">", rounded, new IntLit(0)), dexpr(depth - 1), dexpr(depth - 1));
                }
                case "other" -> {
                    usesOther = true;
                    return new Call("Other.exp", Type.DOUBLE, List.of(dexpr(depth - 1)));
                }
                case "cond" -> {
                    return new Conditional(cond(), dexpr(depth - 1), dexpr(depth - 1));
                }
                case "helper" -> {
                    Method h = pickOne(doubleHelpers());
                    List<Expr> args = new ArrayList<>();
                    for (Param p : h.params()) {
                        args.add(p.type() == Type.DOUBLE ? dexpr(depth - 1) : argFor(p));
                    }
                    return new Call(h.name(), Type.DOUBLE, args);
                }
                case "int" -> {
                    List<Var> longs = new ArrayList<>();
                    for (Var v : visible()) {
                        if (v.type() == Type.LONG) {
                            longs.add(v);
                        }
                    }
                    if (!longs.isEmpty() && r.nextBoolean()) {
                        return new Binary("*", new Num(0.01), pickOne(longs).ref());
                    }
                    Expr i = nonneg(1);
                    return r.nextBoolean() ? new Binary("*", new Num(0.1), i)
                            : new Binary("/", new Cast(Type.DOUBLE, i), new Binary("+", nonneg(0), new IntLit(1)));
                }
                default -> throw new IllegalStateException();
            }
        }

        Expr divisor(int depth) {
            return switch (r.nextInt(4)) {
                case 0 -> new Num(2.0 + r.nextInt(5) * 0.5);
                case 1 -> new Binary("+", new Num(1.5), call1("sin", dexpr(depth)));
                case 2 -> {
                    Expr e = dexpr(depth);
                    yield new Binary("+", new Num(1.0), new Binary("*", e, e));
                }
                default -> new Binary("+", new Num(2.0), call1("cos", dexpr(depth)));
            };
        }

        Expr leaf() {
            double u = r.nextDouble();
            List<Var> ds = scalars();
            if (u < 0.35 && !ds.isEmpty()) {
                return pickOne(ds).ref();
            }
            if (u < 0.75) {
                Expr read = arrayRead();
                if (read != null) {
                    return read;
                }
            }
            if (u < 0.8) {
                return new Binary("*", new Num(coef()),
                        new Name(math() + (r.nextBoolean() ? "PI" : "E"), Type.DOUBLE));
            }
            if (!ds.isEmpty() && u < 0.9) {
                return pickOne(ds).ref();
            }
            return new Num(literal());
        }

        Expr arrayRead() {
            List<Var> arrays = new ArrayList<>();
            for (Var v : visible()) {
                if (v.type() == Type.DOUBLE_ARRAY || v.type() == Type.DOUBLE_MATRIX) {
                    arrays.add(v);
                }
            }
            if (arrays.isEmpty()) {
                return null;
            }
            Var a = pickOne(arrays);
            if (on("arrayBase") && a.type() == Type.DOUBLE_ARRAY && r.nextDouble() < 0.025) {
                return unusualBase(a);
            }
            Expr first = new Index(a.ref(), index(a.ref(), a.dom()));
            if (a.type() == Type.DOUBLE_ARRAY) {
                return first;
            }
            return new Index(first, index(first, a.rowDom() != null ? a.rowDom() : rowKey(first)));
        }

        /**
         * A read from an array that is not a variable: {@code (c ? a : b)[i]} with {@code b} of
         * the same length as {@code a}, or {@code new double[] {e1, e2}[k]}.
         */
        Expr unusualBase(Var a) {
            List<Var> twins = new ArrayList<>();
            for (Var v : visible()) {
                if (v.type() == Type.DOUBLE_ARRAY && v != a && a.dom() != null && a.dom().equals(v.dom())
                        && !a.dom().startsWith("ROW:")) {
                    twins.add(v);
                }
            }
            if (!twins.isEmpty() && r.nextDouble() < 0.6) {
                Expr base = new Conditional(cond(), a.ref(), pickOne(twins).ref());
                return new Index(base, index(a.ref(), a.dom()));
            }
            List<Expr> els = new ArrayList<>();
            int len = r.nextInt(1, 4);
            for (int i = 0; i < len; i++) {
                els.add(dexpr(1));
            }
            return new Index(new ArrayInit(Type.DOUBLE_ARRAY, els), new IntLit(r.nextInt(len)));
        }

        /** An index into {@code array}, whose indices must have domain {@code dom}. */
        Expr index(Expr array, String dom) {
            List<Var> tagged = new ArrayList<>();
            for (Var v : visible()) {
                if (v.type() == Type.INT && dom != null && v.tags().contains(dom)) {
                    tagged.add(v);
                }
            }
            double u = r.nextDouble();
            if ("W".equals(dom) && u < 0.1) {
                // a label: an int read from an int[] is an index too
                for (Var lab : visible()) {
                    if (lab.type() == Type.INT_ARRAY) {
                        return new Index(lab.ref(), index(lab.ref(), lab.dom()));
                    }
                }
            }
            if (!tagged.isEmpty() && u < 0.7) {
                Var v = pickOne(tagged);
                return v.indexForm() != null ? v.indexForm() : v.ref();
            }
            if (u < 0.85) {
                if (dom != null && dom.equals("W") && r.nextBoolean()) {
                    return new IntLit(1); // W >= 2
                }
                if (dom != null && dom.startsWith("L")) {
                    return new IntLit(r.nextInt(Integer.parseInt(dom.substring(1))));
                }
                return new IntLit(0); // every array has at least one element
            }
            return new Binary("%", nonneg(1), new Length(array));
        }

        /** An int expression that is never negative. */
        Expr nonneg(int depth) {
            List<Var> ints = new ArrayList<>();
            for (Var v : visible()) {
                if (v.type() == Type.INT) {
                    ints.add(v);
                }
            }
            double u = r.nextDouble();
            if (depth > 0 && u < 0.25) {
                return new Binary(r.nextDouble() < 0.8 ? "+" : "*", nonneg(depth - 1), nonneg(depth - 1));
            }
            if (depth > 0 && u < 0.32) {
                return new Call(math() + (r.nextBoolean() ? "max" : "min"), Type.INT,
                        List.of(nonneg(depth - 1), nonneg(depth - 1)));
            }
            if (!ints.isEmpty() && u < 0.8) {
                return pickOne(ints).ref();
            }
            if (u < 0.9) {
                for (Var v : visible()) {
                    if (v.type().isArray() && r.nextBoolean()) {
                        return new Length(v.ref());
                    }
                }
            }
            return new IntLit(r.nextInt(4));
        }

        Expr cond() {
            double u = r.nextDouble();
            List<Var> ints = new ArrayList<>();
            List<Var> bools = new ArrayList<>();
            for (Var v : visible()) {
                if (v.type() == Type.INT) {
                    ints.add(v);
                } else if (v.type() == Type.BOOLEAN) {
                    bools.add(v);
                }
            }
            if (u < 0.45) {
                String op = pickOne(List.of("<", ">", "<=", ">="));
                return new Binary(op, dexpr(2), new Num(THRESHOLDS[r.nextInt(THRESHOLDS.length)]));
            }
            if (u < 0.55) {
                return new Binary(r.nextBoolean() ? "<" : ">", dexpr(1), dexpr(1));
            }
            if (u < 0.75 && !ints.isEmpty()) {
                Expr i = pickOne(ints).ref();
                return switch (r.nextInt(3)) {
                    case 0 -> new Binary("==", new Binary("%", i, new IntLit(2)), new IntLit(0));
                    case 1 -> new Binary(">", i, nonneg(0));
                    default -> new Binary("!=", i, new IntLit(r.nextInt(3)));
                };
            }
            if (u < 0.85 && !bools.isEmpty()) {
                Expr b = pickOne(bools).ref();
                return r.nextBoolean() ? b : new Unary("!", b);
            }
            if (u < 0.95) {
                return new Binary(r.nextBoolean() ? "&&" : "||", cond(), cond());
            }
            return new Binary(">", dexpr(1), new Num(THRESHOLDS[r.nextInt(THRESHOLDS.length)]));
        }

        /** A library call with its argument kept inside the domain and away from blow-up. */
        Expr math(int d) {
            int k = r.nextInt(MATH.size());
            return MATH.get(k).apply(new Sub(this, d));
        }

        Expr call1(String f, Expr a) {
            return new Call(lib() + f, Type.DOUBLE, List.of(a));
        }

        Expr call2(String f, Expr a, Expr b) {
            return new Call(lib() + f, Type.DOUBLE, List.of(a, b));
        }

        String lib() {
            return r.nextDouble() < config.strictMathProbability() ? "StrictMath." : math();
        }

        /** {@code Math.}, or {@code StrictMath.} where a local named {@code Math} hides the class. */
        String math() {
            if (declaringMath) {
                return "StrictMath.";
            }
            for (Var v : visible()) {
                if (v.name().equals("Math")) {
                    return "StrictMath.";
                }
            }
            return "Math.";
        }

        /** The value returned: a combination of what the body computed, so that it all matters. */
        Expr resultExpr() {
            List<Expr> terms = new ArrayList<>();
            if (sink != null) {
                terms.add(new Name(sink, Type.DOUBLE));
            }
            List<Var> ds = new ArrayList<>();
            for (Var v : visible()) {
                if (v.type() == Type.DOUBLE && v.assignable()) {
                    ds.add(v);
                }
            }
            for (int i = 0; i < Math.min(3, ds.size()); i++) {
                terms.add(ds.get(i).ref()); // the most recent ones
            }
            for (Var v : visible()) {
                if (v.writable() && v.type() == Type.DOUBLE_ARRAY && r.nextBoolean()) {
                    terms.add(new Index(v.ref(), index(v.ref(), v.dom())));
                }
            }
            terms.add(dexpr(2));
            Expr e = terms.get(0);
            for (int i = 1; i < terms.size(); i++) {
                e = new Binary("+", e, terms.get(i));
            }
            return e;
        }

        Expr argFor(Param p) {
            if (p.type() == Type.DOUBLE) {
                return dexpr(2);
            }
            if (p.type() == Type.INT) {
                return nonneg(1);
            }
            Var a = firstArrayRandom("W");
            return a == null ? new Name("w", Type.DOUBLE_ARRAY) : a.ref();
        }

        // ------------------------------------------------------------------------------ scope

        void enter() {
            scopes.push(new ArrayList<>());
        }

        void exit() {
            scopes.pop();
        }

        void declare(Var v) {
            scopes.peek().add(v);
            levels.put(v.name(), v.name().equals("out") ? -1 : loopDepth);
        }

        /**
         * Whether a write to this variable feeds back: it lives outside the innermost loop (or
         * outside the helper), so the loop applies the write again and again to its own result.
         * Such writes get a bounded right-hand side: {@code t = t * t} or {@code s += s * s}
         * repeated by a loop overflows, and finite differences need moderate values.
         */
        boolean feedback(String name) {
            return levels.getOrDefault(name, 0) < loopDepth;
        }

        /** {@code e}, squashed into [-1, 1] if a write of it to {@code target} feeds back. */
        Expr bounded(Expr e, String target) {
            if (!feedback(target)) {
                return e;
            }
            return r.nextBoolean() ? call1("tanh", e) : call1("sin", e);
        }

        /** Visible variables, innermost declaration of each name only. */
        List<Var> visible() {
            List<Var> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (List<Var> s : scopes) { // innermost first
                for (int i = s.size() - 1; i >= 0; i--) {
                    Var v = s.get(i);
                    if (seen.add(v.name())) {
                        out.add(v);
                    }
                }
            }
            return out;
        }

        List<Var> scalars() {
            List<Var> out = new ArrayList<>();
            for (Var v : visible()) {
                if (v.type() == Type.DOUBLE) {
                    out.add(v);
                }
            }
            return out;
        }

        List<Var> assignables() {
            List<Var> out = new ArrayList<>();
            for (Var v : visible()) {
                if (v.type() == Type.DOUBLE && v.assignable() && !v.name().equals("b") && !v.name().equals("c")) {
                    out.add(v);
                }
            }
            return out;
        }

        List<Var> writableArrays() {
            List<Var> out = new ArrayList<>();
            for (Var v : visible()) {
                if (v.writable()) {
                    out.add(v);
                }
            }
            return out;
        }

        /** Local arrays (not a helper's out) that may be given a fresh array of the same shape. */
        List<Var> reallocatable() {
            List<Var> out = new ArrayList<>();
            for (Var v : writableArrays()) {
                if (!v.name().equals("out")) {
                    out.add(v);
                }
            }
            return out;
        }

        List<Var> arraysOf(Type t) {
            List<Var> out = new ArrayList<>();
            for (Var v : visible()) {
                if (v.type() == t) {
                    out.add(v);
                }
            }
            return out;
        }

        Var firstArray(String dom) {
            for (Var v : visible()) {
                if (v.type() == Type.DOUBLE_ARRAY && dom.equals(v.dom())) {
                    return v;
                }
                if (v.type() == Type.DOUBLE_MATRIX && dom.equals(v.dom()) && dom.equals("R")) {
                    return v;
                }
            }
            return null;
        }

        Var firstArrayRandom(String dom) {
            List<Var> out = new ArrayList<>();
            for (Var v : visible()) {
                if (v.type() == Type.DOUBLE_ARRAY && dom.equals(v.dom())) {
                    out.add(v);
                }
            }
            return out.isEmpty() ? null : pickOne(out);
        }

        List<Method> doubleHelpers() {
            List<Method> out = new ArrayList<>();
            for (Method m : helpers) {
                if (m.returnsDouble() && !writesOut(m) && callable(m)) {
                    out.add(m);
                }
            }
            return out;
        }

        /** The helpers that write into their first argument and return a value. */
        List<Method> effectHelpers() {
            List<Method> out = new ArrayList<>();
            for (Method m : helpers) {
                if (m.returnsDouble() && writesOut(m) && callable(m)) {
                    out.add(m);
                }
            }
            return out;
        }

        boolean writesOut(Method m) {
            return !m.params().isEmpty() && m.params().get(0).name().equals("out");
        }

        List<Method> voidHelpers() {
            List<Method> out = new ArrayList<>();
            for (Method m : helpers) {
                if (!m.returnsDouble() && callable(m)) {
                    out.add(m);
                }
            }
            return out;
        }

        /** A helper that takes a W array can only be called where there is one. */
        boolean callable(Method m) {
            for (Param p : m.params()) {
                if (p.role() == Role.VEC_W && firstArrayRandom("W") == null) {
                    return false;
                }
            }
            return true;
        }

        Var doubleVar(String name) {
            return new Var(name, Type.DOUBLE, Set.of(), null, null, false, true, false, null);
        }

        Var intVar(String name, Set<String> tags) {
            return new Var(name, Type.INT, Set.copyOf(tags), null, null, false, false, false, null);
        }

        String fresh(String kind) {
            return prefix + kind + counter++;
        }

        <T> T pickOne(List<T> xs) {
            return xs.get(r.nextInt(xs.size()));
        }

        String pick(Map<String, Double> weights) {
            double total = 0;
            for (double v : weights.values()) {
                total += v;
            }
            double u = r.nextDouble() * total;
            for (Map.Entry<String, Double> e : weights.entrySet()) {
                u -= e.getValue();
                if (u < 0 && e.getValue() > 0) {
                    return e.getKey();
                }
            }
            for (Map.Entry<String, Double> e : weights.entrySet()) {
                if (e.getValue() > 0) {
                    return e.getKey();
                }
            }
            throw new IllegalStateException("no choice");
        }

        double coef() {
            return new double[] {0.1, 0.2, 0.25, 0.3, 0.5, 0.7}[r.nextInt(6)];
        }

        double literal() {
            return r.nextInt(1, 20) / 10.0 * (r.nextDouble() < 0.2 ? -1 : 1);
        }
    }

    /** The key of the domain of a ragged row: the row expression itself. */
    private static String rowKey(Expr row) {
        return "ROW:" + Printer.expr(row);
    }

    /** What a {@link #MATH} template gets: fresh subexpressions and the library prefix. */
    private record Sub(Body b, int d) {
        Expr e() {
            return b.dexpr(d);
        }

        Expr f(String name, Expr... args) {
            return new Call(b.lib() + name, Type.DOUBLE, List.of(args));
        }

        /** {@code 1 + e*e}: at least 1. */
        Expr onePlusSquare() {
            Expr e = e();
            return new Binary("+", new Num(1.0), new Binary("*", e, e));
        }

        Expr scaled(double c, Expr e) {
            return new Binary("*", new Num(c), e);
        }
    }

    /**
     * Every function of the subset, each with an argument that keeps it defined and smooth:
     * the templates of the class comment.
     */
    private static final List<Function<Sub, Expr>> MATH = List.of(
            s -> s.f("sin", s.e()),
            s -> s.f("cos", s.e()),
            s -> s.f("tan", s.scaled(0.7, s.f("tanh", s.e()))),
            s -> s.f("asin", s.scaled(0.8, s.f("tanh", s.e()))),
            s -> s.f("acos", s.scaled(0.5, s.f("sin", s.e()))),
            s -> s.f("atan", s.e()),
            s -> s.f("atan2", s.e(), new Binary("+", new Num(1.5), s.f("cos", s.e()))),
            s -> s.f("atan2", s.onePlusSquare(), s.e()),
            s -> s.f("sinh", s.scaled(1.5, s.f("tanh", s.e()))),
            s -> s.f("cosh", s.f("tanh", s.e())),
            s -> s.f("tanh", s.e()),
            s -> s.f("exp", s.f("tanh", s.e())),
            s -> {
                Expr e = s.e();
                return s.f("exp", new Unary("-", new Binary("*", e, e)));
            },
            s -> s.f("expm1", s.f("tanh", s.e())),
            s -> s.f("log", s.onePlusSquare()),
            s -> s.f("log", new Binary("+", new Num(2.0), s.f("sin", s.e()))),
            s -> {
                Expr e = s.e();
                return s.f("log1p", new Binary("*", e, e));
            },
            s -> s.f("log10", s.onePlusSquare()),
            s -> s.f("sqrt", s.onePlusSquare()),
            s -> s.f("sqrt", new Binary("+", new Num(2.0), s.f("cos", s.e()))),
            s -> s.f("cbrt", new Binary("+", new Num(2.0), s.f("tanh", s.e()))),
            s -> s.f("pow", s.onePlusSquare(), new Num(0.35)),
            s -> s.f("pow", new Binary("+", new Num(1.5), s.f("cos", s.e())), new Num(1.3)),
            s -> s.f("pow", new Binary("+", new Num(1.5), s.f("sin", s.e())), s.f("tanh", s.e())),
            s -> s.f("pow", new Binary("-", s.f("sin", s.e()), new Num(0.3)), new IntLit(2)),
            s -> s.f("pow", s.f("tanh", s.e()), new Num(3.0)),
            s -> s.f("pow", new Num(2.0), s.f("tanh", s.e())),
            s -> s.f("hypot", s.e(), new Binary("+", new Num(0.5), s.f("abs", s.e()))),
            s -> s.f("hypot", s.e(), new Num(0.5)),
            s -> s.f("abs", s.e()),
            s -> s.f("max", s.e(), s.e()),
            s -> s.f("min", s.e(), s.e()),
            s -> s.f("floor", s.scaled(2.0, s.f("tanh", s.e()))),
            s -> s.f("ceil", s.scaled(2.0, s.f("sin", s.e()))),
            s -> s.f("rint", s.scaled(3.0, s.f("tanh", s.e()))),
            s -> new Binary("*", s.f("signum", s.e()), s.e()));
}
