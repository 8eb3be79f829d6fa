package dev.jgrad.tests.fuzz;

import dev.jgrad.tests.fuzz.Ast.Assign;
import dev.jgrad.tests.fuzz.Ast.Binary;
import dev.jgrad.tests.fuzz.Ast.Block;
import dev.jgrad.tests.fuzz.Ast.Call;
import dev.jgrad.tests.fuzz.Ast.Conditional;
import dev.jgrad.tests.fuzz.Ast.Decl;
import dev.jgrad.tests.fuzz.Ast.Expr;
import dev.jgrad.tests.fuzz.Ast.For;
import dev.jgrad.tests.fuzz.Ast.If;
import dev.jgrad.tests.fuzz.Ast.Index;
import dev.jgrad.tests.fuzz.Ast.IntLit;
import dev.jgrad.tests.fuzz.Ast.Length;
import dev.jgrad.tests.fuzz.Ast.Marked;
import dev.jgrad.tests.fuzz.Ast.Method;
import dev.jgrad.tests.fuzz.Ast.Name;
import dev.jgrad.tests.fuzz.Ast.Num;
import dev.jgrad.tests.fuzz.Ast.Param;
import dev.jgrad.tests.fuzz.Ast.Program;
import dev.jgrad.tests.fuzz.Ast.RawStmt;
import dev.jgrad.tests.fuzz.Ast.Return;
import dev.jgrad.tests.fuzz.Ast.Role;
import dev.jgrad.tests.fuzz.Ast.Step;
import dev.jgrad.tests.fuzz.Ast.Stmt;
import dev.jgrad.tests.fuzz.Ast.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Inputs just outside jgrad's subset, malformed uses of the annotations, and stress inputs at
 * its edges: each a small class {@code H<seed>x<k>} in package {@code fuzz} that knows where the
 * processor must report its error.
 *
 * <p>Where the error must be: on a line marked {@code // expect-error} (the printer keeps a method
 * header, annotations included, on one line, and the offending construct on one line), or, for
 * the stress categories, anywhere in the method (and for a clash with the generated class's name,
 * also on the class declaration). The construct sits at a random place among
 * random statements of the subset: at the top of the body, inside a loop, inside a branch, or
 * in a helper that the {@code @Grad} method calls.
 *
 * <p>Two expectations, decided per category:
 * <table>
 *   <caption>categories</caption>
 *   <tr><th>expect</th><th>categories</th><th>why</th></tr>
 *   <tr><td>{@link Expect#MUST_ERROR}</td>
 *       <td>objects, strings, boxing, lambdas, method references, local and anonymous classes,
 *       {@code try}, {@code switch}, {@code synchronized}, {@code instanceof}, unknown calls with
 *       active arguments (also to a method of another class named like a {@code Math} function),
 *       {@code Math} functions outside the rule table, side effects inside expressions,
 *       non-final fields read or written, writes into a static array, unsupported types
 *       ({@code float char int[][] double[][][] Object List}), {@code throw} of a computed
 *       exception, and the malformed uses: {@code @Grad}/{@code @Jit} on an instance method, a
 *       result other than {@code double}, a {@code wrt} that names no parameter, an int one or a
 *       name twice, overloaded {@code @Grad} methods, a parameter named {@code value}, generic
 *       and native methods, methods whose records would clash ({@code f} and {@code F}), a class
 *       that already has the name of the generated one, {@code @Grad}/{@code @Jit} on a method of
 *       a local or an anonymous class</td>
 *       <td>DESIGN.md §1 lists them outside the subset, or issue 3 asks for an error; some ids
 *       are fixed by the catalogue (see {@link Case#ids})</td></tr>
 *   <tr><td>{@link Expect#MAY_ACCEPT}</td>
 *       <td>locals and parameters named like generated names ({@code w_bar}, {@code value},
 *       {@code hashCode}, {@code toString}, {@code clone},
 *       {@code tape}, {@code Tape}, {@code Arrays2}, {@code dev}, {@code java}, ...), recursion,
 *       labeled {@code continue}, private constants, helpers and {@code @Grad} methods, varargs,
 *       {@code Math.toRadians}/{@code toDegrees} (smooth, beyond DESIGN.md's list of functions), the
 *       other functions of the rule table ({@code fma}, {@code round}, {@code IEEEremainder}, ...),
 *       {@code synchronized}/{@code strictfp} modifiers, printing ({@code System.out.println}, run in
 *       the forward sweep only), 200 nested {@code if}s, parentheses or
 *       calls, a 5,000-statement method, a 500-term expression, 100 and 127 parameters, 12 nested
 *       loops</td>
 *       <td>valid inside the subset or at its edge: jgrad may rename its own names, unroll,
 *       split or inline; either it compiles and the gradient is right (checked by
 *       {@link DifferentialHarness}), or it is a clean {@code [Jgrad...]} error at the marked
 *       line (anywhere in the method for the stress inputs)</td></tr>
 * </table>
 */
final class HostileGenerator {

    enum Expect {
        MUST_ERROR, MAY_ACCEPT
    }

    /**
     * One input. {@code ids}: the acceptable [Jgrad...] ids, empty for any; {@code anyLineIn}:
     * the method in which any line will do (stress inputs), or null to require a marked line.
     */
    record Case(String category, Expect expect, Program program, Set<String> ids, String anyLineIn, boolean classLine) {
        Case(String category, Expect expect, Program program, Set<String> ids, String anyLineIn) {
            this(category, expect, program, ids, anyLineIn, false);
        }

        /** The source; a marker names the expected ids when there are some ({@code // expect-error: JgradWrtType}). */
        Printer.Rendered rendered() {
            Printer.Rendered r = Printer.source(program);
            if (ids.isEmpty()) {
                return r;
            }
            String text = r.text().replace(Printer.MARKER, Printer.MARKER + ": " + String.join(" or ", ids.stream().sorted().toList()));
            return new Printer.Rendered(text, r.classLine(), r.methodLines(), r.markerLines());
        }

        /** The lines where the error may be. */
        Set<Integer> lines() {
            Printer.Rendered r = rendered();
            Set<Integer> out = new HashSet<>(r.markerLines());
            if (classLine) {
                out.add(r.classLine());
            }
            if (anyLineIn != null) {
                int[] range = r.methodLines().get(anyLineIn);
                for (int l = range[0]; l <= range[1]; l++) {
                    out.add(l);
                }
            }
            return out;
        }

        String file() {
            return program.className() + ".java";
        }

        String describe() {
            List<Integer> ls = lines().stream().sorted().toList();
            boolean range = ls.size() > 3 && ls.get(ls.size() - 1) - ls.get(0) == ls.size() - 1;
            return category + " (" + expect + ", " + program.className() + ", "
                    + (range ? "any line of " + ls.get(0) + ".." + ls.get(ls.size() - 1) : "lines " + ls)
                    + (ids.isEmpty() ? "" : ", ids " + ids) + ")";
        }
    }

    private record Category(String name, Expect expect, Function<Ctx, Case> build) {}

    /** The statements around the hostile construct: the subset of issue 5, without the shapes of issue 11. */
    private final ProgramGenerator gen = new ProgramGenerator(ProgramGenerator.Config.defaults().withShapes(Set.of()));

    /** {@code count} inputs, cycling through every category, each with its own random variation. */
    List<Case> generate(long seed, int count) {
        List<Case> out = new ArrayList<>();
        List<Category> cats = categories();
        for (int k = 0; k < count; k++) {
            Category c = cats.get(k % cats.size());
            long caseSeed = seed * 1_000_003L + k;
            Ctx ctx = new Ctx(new SplittableRandom(caseSeed), "H" + Long.toUnsignedString(seed) + "x" + k, caseSeed);
            out.add(c.build().apply(ctx));
        }
        return out;
    }

    /** The number of categories: a count that is a multiple of it covers each equally. */
    int categoryCount() {
        return categories().size();
    }

    /** What one case is built from. */
    private final class Ctx {
        final SplittableRandom r;
        final String cls;
        final long seed;
        final List<String> fields = new ArrayList<>();
        final List<String> extraTypes = new ArrayList<>();

        Ctx(SplittableRandom r, String cls, long seed) {
            this.r = r;
            this.cls = cls;
            this.seed = seed;
        }

        /** Random statements of the subset, starting with {@code double s = ...;}. */
        List<Stmt> prefix() {
            return gen.statements(r, r.nextInt(0, 5), "a", true);
        }

        List<Stmt> suffix() {
            return gen.statements(r, r.nextInt(0, 3), "z", false);
        }

        Program program(List<Method> methods, boolean probe) {
            return new Program(seed, ProgramGenerator.PACKAGE, cls, fields, methods, extraTypes, probe);
        }

        /** The hostile statements at a random place in a {@code @Grad} method of the usual parameters. */
        Case statement(String category, Expect expect, Set<String> ids, String... lines) {
            List<Stmt> hostile = new ArrayList<>();
            for (String l : lines) {
                hostile.add(new RawStmt(l.replace("$C", cls)));
            }
            return placed(category, expect, ids, hostile);
        }

        Case placed(String category, Expect expect, Set<String> ids, List<Stmt> hostile) {
            List<Stmt> body = new ArrayList<>(prefix());
            List<Method> methods = new ArrayList<>();
            switch (r.nextInt(4)) {
                case 0 -> body.addAll(hostile);
                case 1 -> {
                    Name qq = new Name("qq", Type.INT);
                    body.add(new For("qq", new IntLit(0), new Binary("<", qq, new Length(W)), new Step(qq, "++"),
                            new Block(hostile)));
                }
                case 2 -> body.add(new If(new Binary(">", new Name("n", Type.INT), new IntLit(1)), new Block(hostile),
                        Block.of(new Assign(S, "+=", new Index(W, new IntLit(0))))));
                default -> {
                    List<Stmt> aux = new ArrayList<>();
                    aux.add(new Decl(Type.DOUBLE, "s", B));
                    aux.addAll(hostile);
                    aux.add(new Return(S));
                    methods.add(new Method("aux", "static", "", "double", List.of(
                            new Param(Type.DOUBLE_ARRAY, "w", Role.VEC_W), new Param(Type.DOUBLE, "b", Role.SCALAR),
                            new Param(Type.INT, "n", Role.COUNT)), new Block(aux), false, List.of(), false, false, false));
                    body.add(new Assign(S, "+=", new Call("aux", Type.DOUBLE, List.of(W, B, N))));
                }
            }
            body.addAll(suffix());
            body.add(new Return(new Binary("+", S, new Index(W, new IntLit(0)))));
            boolean check = expect == Expect.MAY_ACCEPT;
            methods.add(0, new Method("f", "static", "", "double", ProgramGenerator.standardParams(), new Block(body),
                    true, wrt(), false, check, false));
            return new Case(category, expect, program(methods, check), ids, null);
        }

        List<String> wrt() {
            return r.nextBoolean() ? List.of() : List.of("w", "b");
        }

        /** A method with a hostile header (marked), and a body of the subset. */
        Case header(String category, Set<String> ids, String modifiers, String typeParams, String returnText,
                List<Param> params, List<String> wrt, boolean grad, boolean jit, Stmt last) {
            // the subset's statements may return a double early: only where the method returns one (else
            // just the declaration of s)
            List<Stmt> body = new ArrayList<>(returnText.equals("double") || returnText.equals("Double") ? prefix()
                    : gen.statements(r, 0, "a", true));
            body.add(last);
            Method m = new Method("f", modifiers, typeParams, returnText, params, new Block(body), grad, wrt, jit,
                    false, true);
            return new Case(category, Expect.MUST_ERROR, program(List.of(m), false), ids, null);
        }

        Case header(String category, Set<String> ids, List<Param> params, List<String> wrt) {
            return header(category, ids, "static", "", "double", params, wrt, true, false, ret());
        }

        Stmt ret() {
            return new Return(new Binary("+", S, new Index(W, new IntLit(0))));
        }

        /** A return for a body without {@code s}. */
        Stmt ret0() {
            return new Return(new Binary("*", new Index(W, new IntLit(0)), new Num(2.0)));
        }

        /** {@code @Grad}, {@code @Jit} or both. */
        String annotation() {
            return pick(List.of("@Grad", "@Jit", "@Jit @Grad"));
        }

        /** A plain static method {@code host(double v)} whose body is these lines, and nothing else in the class. */
        Case hostMethod(String category, String... lines) {
            List<Stmt> body = new ArrayList<>();
            for (String l : lines) {
                body.add(new RawStmt(l));
            }
            Method m = new Method("host", "static", "", "double", List.of(new Param(Type.DOUBLE, "v", Role.SCALAR)),
                    new Block(body), false, List.of(), false, false, false);
            return new Case(category, Expect.MUST_ERROR, program(List.of(m), false), ids(), null);
        }

        <T> T pick(List<T> xs) {
            return xs.get(r.nextInt(xs.size()));
        }
    }

    private static final Name W = new Name("w", Type.DOUBLE_ARRAY);
    private static final Name B = new Name("b", Type.DOUBLE);
    private static final Name N = new Name("n", Type.INT);
    private static final Name S = new Name("s", Type.DOUBLE);
    private static final String M = " " + Printer.MARKER;

    private static List<Param> params(Param... extra) {
        List<Param> ps = new ArrayList<>(ProgramGenerator.standardParams());
        ps.addAll(List.of(extra));
        return ps;
    }

    private static Set<String> ids(String... ids) {
        return Set.of(ids);
    }

    // ------------------------------------------------------------------------------------------

    private List<Category> categories() {
        List<Category> c = new ArrayList<>();
        Expect must = Expect.MUST_ERROR;
        Expect may = Expect.MAY_ACCEPT;

        // objects, strings, boxing
        c.add(new Category("object-local", must, x -> x.statement("object-local", must, ids(),
                "Object o = w;" + M, "s += ((double[]) o)[0];")));
        c.add(new Category("string-builder", must, x -> x.statement("string-builder", must, ids(),
                "s += new StringBuilder().append(w[0]).length();" + M)));
        c.add(new Category("string-local", must, x -> x.statement("string-local", must, ids(),
                "String label = \"w\" + n;" + M, "s += label.length();")));
        c.add(new Category("boxed-local", must, x -> x.statement("boxed-local", must, ids(),
                "Double boxed = w[0];" + M, "s += boxed;")));
        c.add(new Category("object-array", must, x -> x.statement("object-array", must, ids(),
                "Object[] objs = {w, b};" + M, "s += objs.length;")));
        c.add(new Category("var-object", must, x -> x.statement("var-object", must, ids(),
                "var list = new java.util.ArrayList<Double>();" + M, "list.add(w[0]);", "s += list.get(0);")));
        c.add(new Category("generic-local", must, x -> x.statement("generic-local", must, ids(),
                "java.util.List<Double> l = java.util.List.of(w[0], b);" + M, "s += l.get(1);")));
        c.add(new Category("foreach-list", must, x -> x.statement("foreach-list", must, ids(),
                "for (double v : java.util.List.of(w[0], b)) { s += v; }" + M)));
        c.add(new Category("instanceof", must, x -> x.statement("instanceof", must, ids(),
                "Object o = w;" + M, "if (o instanceof double[] d) { s += d[0]; }")));

        // functions as values, classes in bodies
        c.add(new Category("lambda", must, x -> x.statement("lambda", must, ids(),
                "java.util.function.DoubleUnaryOperator op = v -> v * v;" + M, "s += op.applyAsDouble(w[0]);")));
        c.add(new Category("lambda-inline", must, x -> x.statement("lambda-inline", must, ids(),
                "s += ((java.util.function.DoubleUnaryOperator) v -> 2 * v).applyAsDouble(w[0]);" + M)));
        c.add(new Category("method-ref", must, x -> x.statement("method-ref", must, ids(),
                "java.util.function.DoubleUnaryOperator op = Math::sin;" + M, "s += op.applyAsDouble(w[0]);")));
        c.add(new Category("anonymous-class", must, x -> x.statement("anonymous-class", must, ids(),
                "s += new java.util.function.DoubleSupplier() { public double getAsDouble() { return w[0]; } }.getAsDouble();"
                        + M)));
        c.add(new Category("local-class", must, x -> x.statement("local-class", must, ids(),
                "class Local { double v = 2; }" + M, "s += new Local().v * w[0];")));

        // statements outside the subset
        c.add(new Category("try-catch", must, x -> x.statement("try-catch", must, ids(),
                "try { s += w[0] / b; } catch (ArithmeticException e) { s = 0; }" + M)));
        c.add(new Category("try-finally", must, x -> x.statement("try-finally", must, ids(),
                "try { s += w[0]; } finally { s *= 0.5; }" + M)));
        c.add(new Category("switch-string", must, x -> x.statement("switch-string", must, ids(),
                "switch (\"k\" + n) { case \"k1\": s += w[0]; break; default: s -= b; }" + M)));
        c.add(new Category("switch-int", must, x -> x.statement("switch-int", must, ids(),
                "switch (n) { case 1: s += w[0]; break; default: s -= b; }" + M)));
        c.add(new Category("switch-expression", must, x -> x.statement("switch-expression", must, ids(),
                "s += switch (n) { case 1 -> w[0]; default -> b; };" + M)));
        c.add(new Category("synchronized", must, x -> x.statement("synchronized", must, ids(),
                "synchronized ($C.class) { s += w[0]; }" + M)));
        c.add(new Category("throw-computed", must, x -> x.statement("throw-computed", must, ids(),
                "if (s > 1e300) { throw new IllegalStateException(String.valueOf(w[0])); }" + M)));
        c.add(new Category("throw-variable", must, x -> x.statement("throw-variable", must, ids(),
                "RuntimeException ex = new RuntimeException(\"too large\");" + M, "if (s > 1e300) { throw ex; }")));

        // calls that cannot be differentiated
        c.add(new Category("unknown-call-boxing", must, x -> x.statement("unknown-call-boxing", must, ids(),
                "s += Double.valueOf(w[0]).doubleValue();" + M)));
        c.add(new Category("unknown-static-call", must, x -> x.statement("unknown-static-call", must, ids(),
                "s += Double.sum(w[0], b);" + M)));
        // printing is accepted (issue 13), run in the forward sweep only; it prints only for huge values
        c.add(new Category("println", may, x -> x.statement("println", may, ids(),
                "if (w[0] * s > 1e300) System.out.println(w[0] * s);" + M)));
        c.add(new Category("stream", must, x -> x.statement("stream", must, ids(),
                "s += java.util.Arrays.stream(w).sum();" + M)));
        c.add(new Category("arrays-fill", must, x -> x.statement("arrays-fill", must, ids(),
                "double[] z = new double[3];", "java.util.Arrays.fill(z, b);" + M, "s += z[0];")));
        // a double[]'s clone is a copy jgrad differentiates; a double[][]'s shares its rows: an error
        c.add(new Category("array-clone", may, x -> x.statement("array-clone", may, ids(),
                "double[] z = w.clone();" + M, "z[0] *= b;", "s += z[0] * w[0];")));
        c.add(new Category("matrix-clone", must, x -> x.statement("matrix-clone", must, ids(),
                "double[][] z = x.clone();" + M, "s += z[0][0];")));
        c.add(new Category("requireNonNull", must, x -> x.statement("requireNonNull", must, ids(),
                "s += java.util.Objects.requireNonNull(w)[0];" + M)));
        c.add(new Category("object-call", must, x -> {
            String t = x.cls + "Scaler";
            x.fields.add("static final " + t + " SCALER = new " + t + "();");
            x.extraTypes.add("final class " + t + " {\n    double f(double v) {\n        return 2 * v;\n    }\n}");
            return x.statement("object-call", must, ids(), "s += SCALER.f(w[0]);" + M);
        }));
        // another class's helper compiled in the same build is inlined (issue 12): a right gradient; one
        // whose body is outside the subset stays a call, and its active argument is an error
        c.add(new Category("other-class-call", may, x -> {
            String t = x.cls + "Util";
            x.extraTypes.add("final class " + t + " {\n    static double g(double v) {\n        return v * v;\n    }\n}");
            return x.statement("other-class-call", may, ids(), "s += " + t + ".g(w[0]);" + M);
        }));
        c.add(new Category("other-class-call-outside-subset", must, x -> {
            String t = x.cls + "Util";
            x.extraTypes.add("final class " + t + " {\n    static double k = 2;\n\n    static double g(double v) {\n        return k * v;\n    }\n}");
            return x.statement("other-class-call-outside-subset", must, ids(), "s += " + t + ".g(w[0]);" + M);
        }));
        // named like a Math function, but not Math's (issue 11, a): not a primitive, and not @Grad; its
        // class, of the same build, is seen into and the method inlined and differentiated as it is
        c.add(new Category("other-class-named-like-math", may, x -> {
            String f = x.pick(List.of("exp", "sin", "log", "tanh", "sqrt", "abs"));
            String t = x.cls + "Other";
            x.extraTypes.add("final class " + t + " {\n    static double " + f + "(double v) {\n        return v * v;\n    }\n}");
            return x.statement("other-class-named-like-math", may, ids(), "s += " + t + "." + f + "(w[0]);" + M);
        }));
        c.add(new Category("nested-class-named-like-math", may, x -> {
            String f = x.pick(List.of("exp", "sin", "log", "tanh", "sqrt", "abs"));
            x.fields.add("static final class Other {\n    static double " + f + "(double v) {\n        return v * v;\n    }\n}");
            return x.statement("nested-class-named-like-math", may, ids(), "s += Other." + f + "(w[0]);" + M);
        }));
        c.add(new Category("math-unsupported", must, x -> x.statement("math-unsupported", must, ids(),
                "s += " + x.pick(List.of("Math.nextAfter(w[0], 1.0)", "Math.random() * b", "StrictMath.getExponent(w[0])",
                        "Math.expm1(w[0]) * StrictMath.nextAfter(b, 2.0)")) + ";" + M)));
        // the Math functions of the rule table beyond the elementary ones (README): their rules are checked
        c.add(new Category("math-table", may, x -> x.statement("math-table", may, ids(),
                "s += " + x.pick(List.of("Math.fma(w[0], b, 1.0)", "Math.round(w[0])", "Math.IEEEremainder(w[0], 0.7)", "Math.nextUp(b)",
                        "Math.ulp(w[0])", "StrictMath.fma(w[0], b, 0.5)", "Math.expm1(w[0]) * Math.scalb(b, 2)",
                        "Math.copySign(w[0], b) * b", "Math.nextDown(w[0] * b)")) + ";" + M)));

        // Math functions beyond DESIGN.md's list that a processor may add to its rule table
        c.add(new Category("math-extension", may, x -> {
            String f = x.pick(List.of("Math.toRadians", "Math.toDegrees", "StrictMath.toRadians"));
            Expr arg = new Call("Math.sin", Type.DOUBLE, List.of(new Binary("*", new Index(W, new IntLit(1)), B)));
            return x.placed("math-extension", may, ids(), List.of(new Marked(new Assign(S, "+=",
                    new Binary("*", new Num(0.01), new Call(f, Type.DOUBLE, List.of(arg)))))));
        }));

        // side effects inside expressions
        // an increment inside an expression is accepted when nothing else in the statement reads the variable
        c.add(new Category("side-effect-index", may, x -> x.statement("side-effect-index", may, ids(),
                "for (int q = 0; q < w.length;) {", "    s += w[q++];" + M, "}")));
        c.add(new Category("side-effect-assign", must, x -> x.statement("side-effect-assign", must, ids(),
                "double z = 0;", "s += (z = w[0]) * 2;" + M, "s += z;")));
        c.add(new Category("side-effect-increment", may, x -> x.statement("side-effect-increment", may, ids(),
                "int q = 0;", "s += w[0] * q++;" + M)));
        c.add(new Category("side-effect-increment-read-twice", must, x -> x.statement("side-effect-increment-read-twice", must, ids(),
                "int q = 0;", "s += w[0] * q++ + q;" + M)));

        // fields
        c.add(new Category("static-field-read", must, x -> {
            x.fields.add("static double scale = 0.5;");
            return x.statement("static-field-read", must, ids(), "s *= scale;" + M);
        }));
        c.add(new Category("static-field-write", must, x -> {
            x.fields.add("static double last;");
            return x.statement("static-field-write", must, ids(), "last = s;" + M);
        }));
        c.add(new Category("instance-field-read", must, x -> {
            x.fields.add("static final " + x.cls + " INSTANCE = new " + x.cls + "();");
            x.fields.add("double k = 2;");
            return x.statement("instance-field-read", must, ids(), "s += INSTANCE.k * w[0];" + M);
        }));
        c.add(new Category("static-array-write", must, x -> {
            x.fields.add("static final double[] BUF = new double[4];");
            return x.statement("static-array-write", must, ids(), "BUF[0] = s;" + M);
        }));

        // types outside the subset
        c.add(new Category("float-local", must, x -> x.statement("float-local", must, ids(),
                "float f = (float) w[0];" + M, "s += f;")));
        c.add(new Category("char-local", must, x -> x.statement("char-local", must, ids(),
                "char ch = 'a';" + M, "s += ch * w[0];")));
        c.add(new Category("int-matrix", must, x -> x.statement("int-matrix", must, ids(),
                "int[][] grid = new int[2][2];" + M, "s += grid[0][0] * w[0];")));
        c.add(new Category("double-3d", must, x -> x.statement("double-3d", must, ids(),
                "double[][][] cube = new double[1][1][1];" + M, "s += cube[0][0][0] * w[0];")));

        // malformed annotations and headers
        c.add(new Category("not-static", must, x -> x.header("not-static", ids("JgradNotStatic"), "", "", "double",
                ProgramGenerator.standardParams(), x.wrt(), true, false, x.ret())));
        c.add(new Category("jit-not-static", must, x -> x.header("jit-not-static", ids("JgradNotStatic"), "", "",
                "double", ProgramGenerator.standardParams(), List.of(), false, true, x.ret())));
        c.add(new Category("returns-int", must, x -> x.header("returns-int", ids("JgradNotDouble"), "static", "",
                "int", ProgramGenerator.standardParams(), x.wrt(), true, false, new Return(N))));
        c.add(new Category("returns-void", must, x -> x.header("returns-void", ids("JgradNotDouble"), "static", "",
                "void", ProgramGenerator.standardParams(), x.wrt(), true, false,
                new Assign(S, "+=", new Index(W, new IntLit(0))))));
        c.add(new Category("returns-array", must, x -> x.header("returns-array", ids("JgradNotDouble"), "static", "",
                "double[]", ProgramGenerator.standardParams(), x.wrt(), true, false, new Return(W))));
        c.add(new Category("returns-float", must, x -> x.header("returns-float", ids("JgradNotDouble"), "static", "",
                "float", ProgramGenerator.standardParams(), x.wrt(), true, false, new RawStmt("return (float) s;"))));
        c.add(new Category("returns-boxed", must, x -> x.header("returns-boxed", ids("JgradNotDouble"), "static", "",
                "Double", ProgramGenerator.standardParams(), x.wrt(), true, false, new Return(S))));
        c.add(new Category("wrt-unknown", must, x -> x.header("wrt-unknown", ids("JgradWrtUnknown"),
                ProgramGenerator.standardParams(), List.of("w", x.pick(List.of("q", "weights", "W", "value", "s"))))));
        c.add(new Category("wrt-int", must, x -> x.header("wrt-int", ids("JgradWrtType"),
                ProgramGenerator.standardParams(), List.of("b", "n"))));
        c.add(new Category("wrt-int-array", must, x -> x.header("wrt-int-array", ids("JgradWrtType"),
                params(new Param(Type.INT_ARRAY, "lab", Role.LABELS)), List.of("lab"))));
        c.add(new Category("wrt-boolean", must, x -> x.header("wrt-boolean", ids("JgradWrtType"),
                params(new Param(Type.BOOLEAN, "flag", Role.FLAG)), List.of("w", "flag"))));
        c.add(new Category("wrt-duplicate", must, x -> x.header("wrt-duplicate", ids("JgradWrtDuplicate"),
                ProgramGenerator.standardParams(), List.of("w", "b", "w"))));
        c.add(new Category("param-named-value", must, x -> x.header("param-named-value", ids("JgradReservedName"),
                params(new Param(Type.DOUBLE, "value", Role.SCALAR)), List.of())));
        c.add(new Category("param-type", must, x -> x.header("param-type", ids("JgradType"),
                params(new Param(null, x.pick(List.of("float", "String", "double[][][]", "Double", "Object", "char",
                        "int[][]", "java.util.List<Double>", "Double[]")), "extra", Role.OPAQUE)), List.of("w"))));
        c.add(new Category("generic-method", must, x -> x.header("generic-method", ids(), "static", "<T>", "double",
                params(new Param(null, "T", "tag", Role.OPAQUE)), List.of("w"), true, false, x.ret())));
        c.add(new Category("native-method", must, x -> {
            // no body: the header goes in as a member of its own
            x.fields.add("@Grad static native double f(double[] w, double b, double[][] x, int n);" + M);
            return new Case("native-method", must, x.program(List.of(), false), ids(), null);
        }));
        c.add(new Category("overloaded", must, x -> {
            Method a = new Method("f", "static", "", "double", ProgramGenerator.standardParams(),
                    new Block(List.of(x.ret0())), true, List.of(), false, false, true);
            Method b = new Method("f", "static", "", "double", List.of(new Param(Type.DOUBLE_ARRAY, "w", Role.VEC_W)),
                    new Block(List.of(new Return(new Index(W, new IntLit(0))))), true, List.of(), false, false, true);
            return new Case("overloaded", must, x.program(List.of(a, b), false), ids("JgradOverloaded"), null);
        }));
        c.add(new Category("record-name-clash", must, x -> {
            Method a = new Method("f", "static", "", "double", ProgramGenerator.standardParams(),
                    new Block(List.of(x.ret0())), true, List.of(), false, false, true);
            Method b = new Method("F", "static", "", "double", List.of(new Param(Type.DOUBLE_ARRAY, "w", Role.VEC_W)),
                    new Block(List.of(new Return(new Index(W, new IntLit(1))))), true, List.of(), false, false, true);
            return new Case("record-name-clash", must, x.program(List.of(a, b), false), ids(), null);
        }));
        c.add(new Category("class-name-clash", must, x -> {
            x.extraTypes.add("final class " + x.cls + "Grad {" + M + "\n}");
            Method a = new Method("f", "static", "", "double", ProgramGenerator.standardParams(),
                    new Block(List.of(x.ret0())), true, List.of(), false, false, true);
            // the processor may also report the clash on the class it generates for
            return new Case("class-name-clash", must, x.program(List.of(a), false), ids(), null, true);
        }));

        // names that generated code might use: accepted with a right gradient, or a clean error
        for (String name : List.of("w_bar", "b_bar", "x_bar", "s_bar", "value", "tape", "_tape", "result", "grad",
                "adj", "Tape", "Arrays2", "dev", "java", "javax", "var", "record", "w$bar", "$", "i_bar", "F_Gradient",
                "FGradient", "g", "out", "d_w")) {
            c.add(new Category("local-named-" + name, may, x -> {
                Expr init = new Binary("*", new Num(0.5), new Call("Math.sin", Type.DOUBLE,
                        List.of(new Binary("+", new Index(W, new IntLit(1)), B))));
                Name v = new Name(name, Type.DOUBLE);
                // then code whose gradient needs the runtime (an adjoint array, the tape) where the name is visible
                Name hv = new Name("hv", Type.DOUBLE_ARRAY);
                Name jv = new Name("jv", Type.INT);
                List<Stmt> hostile = List.of(
                        new Marked(new Decl(Type.DOUBLE, name, init)),
                        new Assign(v, "*=", new Call("Math.cos", Type.DOUBLE, List.of(v))),
                        new Decl(Type.DOUBLE_ARRAY, "hv", new Ast.NewArray(Type.DOUBLE_ARRAY, List.of(new Length(W)))),
                        new For("jv", new IntLit(0), new Binary("<", jv, new Length(hv)), new Step(jv, "++"), Block.of(
                                new Assign(v, "=", new Call("Math.sin", Type.DOUBLE, List.of(new Binary("*", v,
                                        new Index(W, jv))))),
                                new Assign(new Index(hv, jv), "=", new Binary("*", v, v)))),
                        new Decl(Type.DOUBLE_ARRAY, "hz", new Ast.ArrayInit(Type.DOUBLE_ARRAY,
                                List.of(v, new Binary("*", v, new Index(W, new IntLit(0)))))),
                        new Assign(S, "+=", new Binary("+", v, new Binary("+", new Index(hv, new IntLit(0)),
                                new Index(new Name("hz", Type.DOUBLE_ARRAY), new IntLit(1))))));
                return x.placed("local-named-" + name, may, ids(), hostile);
            }));
        }
        for (String name : List.of("w_bar", "tape", "b_bar", "x_bar")) {
            c.add(new Category("param-named-" + name, may, x -> {
                Param extra = new Param(Type.DOUBLE_ARRAY, name, Role.VEC_W);
                List<Stmt> body = new ArrayList<>(x.prefix());
                body.add(new Assign(S, "+=", new Binary("*", new Index(new Name(name, Type.DOUBLE_ARRAY), new IntLit(0)),
                        new Call("Math.tanh", Type.DOUBLE, List.of(new Index(W, new IntLit(1)))))));
                body.add(x.ret());
                Method m = new Method("f", "static", "", "double", params(extra), new Block(body), true,
                        List.of(), false, true, true);
                return new Case("param-named-" + name, may, x.program(List.of(m), true), ids(), null);
            }));
        }

        // record components may not be named like Object's methods: jgrad must rename, or say so
        for (String name : List.of("hashCode", "toString", "clone", "getClass", "wait")) {
            c.add(new Category("param-named-" + name, may, x -> {
                Param extra = new Param(Type.DOUBLE, name, Role.SCALAR);
                List<Stmt> body = new ArrayList<>(x.prefix());
                body.add(new Assign(S, "+=", new Binary("*", new Name(name, Type.DOUBLE),
                        new Call("Math.tanh", Type.DOUBLE, List.of(new Index(W, new IntLit(1)))))));
                body.add(x.ret());
                Method m = new Method("f", "static", "", "double", params(extra), new Block(body), true,
                        List.of(), false, true, true);
                return new Case("param-named-" + name, may, x.program(List.of(m), true), ids(), null);
            }));
        }

        // annotations the processor cannot act on must not be ignored in silence (issue 11, m)
        c.add(new Category("grad-in-local-class", must, x -> x.hostMethod("grad-in-local-class",
                "class Local {",
                "    " + x.annotation() + " static double g(double u) { return u * Math.sin(u); }" + M,
                "}",
                "return Local.g(v);")));
        c.add(new Category("grad-in-anonymous-class", must, x -> x.hostMethod("grad-in-anonymous-class",
                "java.util.function.DoubleUnaryOperator op = new java.util.function.DoubleUnaryOperator() {",
                "    " + x.annotation() + " public double applyAsDouble(double u) { return u * Math.sin(u); }" + M,
                "};",
                "return op.applyAsDouble(v);")));

        // recursion, labels, private members, modifiers: in the subset or at its edge
        c.add(new Category("recursion", may, x -> {
            Name a = new Name("a", Type.DOUBLE);
            Name k = new Name("k", Type.INT);
            Expr rec = new Call("rec", Type.DOUBLE, List.of(
                    new Binary("+", new Binary("*", new Num(0.5), new Call("Math.sin", Type.DOUBLE, List.of(a))),
                            new Num(0.1)),
                    new Binary("-", k, new IntLit(1))));
            Method r = new Method("rec", "static", "", "double",
                    List.of(new Param(Type.DOUBLE, "a", Role.SCALAR), new Param(Type.INT, "k", Role.SMALL_INT)),
                    Block.of(new Marked(new Return(new Conditional(new Binary("<=", k, new IntLit(0)), a, rec)))),
                    false, List.of(), false, false, false);
            List<Stmt> hostile = List.of(new Marked(new Assign(S, "+=", new Call("rec", Type.DOUBLE,
                    List.of(new Index(W, new IntLit(0)), N)))));
            Case base = x.placed("recursion", may, ids(), hostile);
            List<Method> ms = new ArrayList<>(base.program().methods());
            ms.add(r);
            return new Case("recursion", may, base.program().withMethods(ms), ids(), null);
        }));
        c.add(new Category("labeled-continue", may, x -> x.statement("labeled-continue", may, ids(),
                "outer: for (int q = 0; q < w.length; q++) {" + M,
                "    for (int r = 0; r < n; r++) {",
                "        if (r > q) { continue outer; }" + M,
                "        s += w[q] * 0.5 + Math.sin(s);",
                "    }",
                "}")));
        c.add(new Category("private-constant", may, x -> {
            x.fields.add("private static final double K = 0.37;" + M);
            return x.placed("private-constant", may, ids(), List.of(new Marked(new Assign(S, "+=",
                    new Binary("*", new Name("K", Type.DOUBLE), new Index(W, new IntLit(0)))))));
        }));
        c.add(new Category("private-array-constant", may, x -> {
            x.fields.add("private static final double[] TABLE = {0.5, -0.25, 1.5};" + M);
            return x.placed("private-array-constant", may, ids(), List.of(new Marked(new Assign(S, "+=",
                    new Binary("*", new Index(new Name("TABLE", Type.DOUBLE_ARRAY), new IntLit(1)),
                            new Call("Math.sin", Type.DOUBLE, List.of(new Index(W, new IntLit(0)))))))));
        }));
        c.add(new Category("private-helper", may, x -> {
            Name a = new Name("a", Type.DOUBLE);
            Method sq = new Method("sq", "private static", "", "double", List.of(new Param(Type.DOUBLE, "a", Role.SCALAR)),
                    Block.of(new Marked(new Return(new Binary("*", a, new Call("Math.tanh", Type.DOUBLE, List.of(a)))))),
                    false, List.of(), false, false, false);
            Case base = x.placed("private-helper", may, ids(), List.of(new Marked(new Assign(S, "+=",
                    new Call("sq", Type.DOUBLE, List.of(new Index(W, new IntLit(1))))))));
            List<Method> ms = new ArrayList<>(base.program().methods());
            ms.add(sq);
            return new Case("private-helper", may, base.program().withMethods(ms), ids(), null);
        }));
        for (String modifiers : List.of("private static", "static synchronized", "static strictfp", "public static",
                "protected static final")) {
            c.add(new Category("modifiers-" + modifiers, may, x -> {
                List<Stmt> body = new ArrayList<>(x.prefix());
                body.add(x.ret());
                Method m = new Method("f", modifiers, "", "double", ProgramGenerator.standardParams(), new Block(body),
                        true, x.wrt(), false, true, true);
                return new Case("modifiers-" + modifiers, may, x.program(List.of(m), true), ids(), null);
            }));
        }
        c.add(new Category("varargs", may, x -> {
            List<Stmt> body = new ArrayList<>(x.prefix());
            body.add(x.ret());
            List<Param> ps = new ArrayList<>(ProgramGenerator.standardParams().subList(1, 4));
            ps.add(new Param(Type.DOUBLE_ARRAY, "double...", "w", Role.VEC_W));
            Method m = new Method("f", "static", "", "double", ps, new Block(body), true, List.of(), false, true, true);
            return new Case("varargs", may, x.program(List.of(m), true), ids(), null);
        }));

        // stress: at the edges of what javac and the processor handle
        c.add(new Category("deep-if", may, x -> stress(x, "deep-if", deepIfs(200))));
        c.add(new Category("deep-parens", may, x -> {
            Expr e = new Index(W, new IntLit(0));
            for (int i = 0; i < 200; i++) {
                e = new Binary("+", new Binary("*", e, new Num(0.5)), new Num(0.1 * (i % 3)));
            }
            return stress(x, "deep-parens", List.of(new Assign(S, "+=", e)));
        }));
        c.add(new Category("deep-calls", may, x -> {
            Expr e = new Index(W, new IntLit(0));
            for (int i = 0; i < 200; i++) {
                e = new Call(i % 2 == 0 ? "Math.sin" : "Math.tanh", Type.DOUBLE, List.of(e));
            }
            return stress(x, "deep-calls", List.of(new Assign(S, "+=", e)));
        }));
        c.add(new Category("long-method", may, x -> {
            List<Stmt> ss = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                if (i % 10 == 9) {
                    ss.add(new Assign(S, "=", new Binary("+", new Call("Math.sin", Type.DOUBLE, List.of(S)),
                            new Index(W, new IntLit(i % 2)))));
                } else {
                    ss.add(new Assign(S, i % 2 == 0 ? "+=" : "-=", new Index(W, new IntLit(i % 2))));
                }
            }
            return stress(x, "long-method", ss);
        }));
        c.add(new Category("long-expression", may, x -> {
            Expr e = new Index(W, new IntLit(0));
            for (int i = 1; i < 500; i++) {
                e = new Binary(i % 3 == 0 ? "-" : "+", e, i % 7 == 0
                        ? new Binary("*", new Index(W, new IntLit(i % 2)), B) : new Index(W, new IntLit(i % 2)));
            }
            return stress(x, "long-expression", List.of(new Assign(S, "+=", new Call("Math.tanh", Type.DOUBLE,
                    List.of(new Binary("*", new Num(0.01), e))))));
        }));
        for (int count : new int[] {100, 127}) {
            // 127 doubles and the value: a record constructor of 256 slots, one more than the JVM allows
            String name = count == 100 ? "many-params" : "many-params-" + count;
            c.add(new Category(name, may, x -> manyParams(x, name, count)));
        }
        c.add(new Category("deep-loops", may, x -> {
            Stmt inner = new Assign(S, "=", new Binary("+", new Binary("*", new Num(0.9),
                    new Call("Math.sin", Type.DOUBLE, List.of(S))), new Index(W, new IntLit(1))));
            for (int i = 11; i >= 0; i--) {
                Name q = new Name("q" + i, Type.INT);
                inner = new For("q" + i, new IntLit(0), new Binary("<", q, new IntLit(i % 4 == 0 ? 2 : 1)),
                        new Step(q, "++"), Block.of(inner));
            }
            return stress(x, "deep-loops", List.of(inner));
        }));
        return c;
    }

    private Case manyParams(Ctx x, String category, int count) {
        List<Param> ps = new ArrayList<>();
        Expr e = new Num(0.0);
        for (int i = 0; i < count; i++) {
            ps.add(new Param(Type.DOUBLE, "p" + i, Role.SCALAR));
            e = new Binary("+", e, new Binary("*", new Num(0.01 * (i % 5 + 1)),
                    new Call("Math.sin", Type.DOUBLE, List.of(new Name("p" + i, Type.DOUBLE)))));
        }
        Method m = new Method("f", "static", "", "double", ps, Block.of(new Return(e)), true, List.of(), false,
                true, false);
        return new Case(category, Expect.MAY_ACCEPT, x.program(List.of(m), true), ids(), "f");
    }

    private static List<Stmt> deepIfs(int depth) {
        Stmt inner = new Assign(S, "+=", new Binary("*", new Index(W, new IntLit(0)), new Call("Math.cos",
                Type.DOUBLE, List.of(S))));
        for (int i = depth; i > 0; i--) {
            Expr c = new Binary(">", N, new Binary("-", new IntLit(0), new IntLit(i % 3)));
            inner = new If(c, Block.of(inner, new Assign(S, "*=", new Num(0.999))));
        }
        return List.of(inner);
    }

    private Case stress(Ctx x, String category, List<Stmt> stmts) {
        List<Stmt> body = new ArrayList<>();
        body.add(new Decl(Type.DOUBLE, "s", B));
        body.addAll(stmts);
        body.add(x.ret());
        Method m = new Method("f", "static", "", "double", ProgramGenerator.standardParams(), new Block(body), true,
                x.wrt(), false, true, false);
        return new Case(category, Expect.MAY_ACCEPT, x.program(List.of(m), true), ids(), "f");
    }

}
