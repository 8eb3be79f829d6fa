package dev.jgrad.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tests.fuzz.Ast.Method;
import dev.jgrad.tests.fuzz.Ast.Param;
import dev.jgrad.tests.fuzz.Ast.Program;
import dev.jgrad.tests.fuzz.Ast.Type;
import dev.jgrad.tests.fuzz.InProcessCompiler.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer's own tests, which need no processor: generated programs are valid Java whose
 * methods run without an exception on the inputs the harness makes (every index in bounds, every
 * value finite), the probe copy computes the same bits, and the shrinker finds the cause of a
 * failure.
 */
class GeneratorTest {
    private static final int PROGRAMS = 120;

    @Test
    void generatedProgramsCompileAndRunWithoutTheProcessor() throws Throwable {
        ProgramGenerator g = new ProgramGenerator(ProgramGenerator.Config.defaults().withJit(0.25));
        List<Program> programs = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < PROGRAMS; i++) {
            Program p = g.generate(1000 + i);
            programs.add(p);
            sources.addAll(DifferentialHarness.sources(p));
        }
        try (InProcessCompiler.Result r = InProcessCompiler.plain().compile(sources)) {
            assertTrue(r.success(), "javac rejects generated programs: " + r.errors());
            int methods = 0;
            int nonFinite = 0;
            int thrown = 0;
            int vectors = 0;
            for (Program p : programs) {
                Class<?> src = r.loader().loadClass(p.qualifiedName());
                Class<?> probe = r.loader().loadClass(p.pkg() + "." + p.probeName());
                for (Method m : p.methods()) {
                    if (!m.check()) {
                        continue;
                    }
                    Class<?>[] types = m.params().stream().map(q -> q.type().javaClass()).toArray(Class<?>[]::new);
                    java.lang.reflect.Method f = src.getDeclaredMethod(m.name(), types);
                    java.lang.reflect.Method pf = probe.getDeclaredMethod(m.name(), types);
                    f.setAccessible(true);
                    pf.setAccessible(true);
                    for (int trial = 0; trial < 5; trial++) {
                        Object[] args = Inputs.random(m.params(), new SplittableRandom(p.seed() * 7 + trial));
                        Object[] before = Inputs.copy(args);
                        double v;
                        try {
                            Object result = DifferentialHarness.call(f, args);
                            if (m.returnsVector()) {
                                // a double[] method (VectorMethods): its elements, the probe's the same
                                double[] a = (double[]) result;
                                assertTrue(java.util.Arrays.equals(a, (double[]) DifferentialHarness.call(pf,
                                        Inputs.copy(before))), "probe differs in " + p.className() + "." + m.name());
                                vectors++;
                                result = java.util.Arrays.stream(a).sum();
                            }
                            v = (double) result;
                        } catch (Exception e) { // IllegalStateException, or the checked Exception of checkedThrow
                            assertTrue(Inputs.deliberate(e), "the source threw " + e + ": " + p.className());
                            thrown++;
                            continue;
                        }
                        if (!m.returnsVector()) {
                            double pv = (double) DifferentialHarness.call(pf, Inputs.copy(before));
                            assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(pv),
                                    "probe differs in " + p.className() + "." + m.name());
                        }
                        for (String changed : Inputs.changed(m.params(), before, args)) {
                            Param q = m.params().stream().filter(x -> x.name().equals(changed)).findFirst().orElseThrow();
                            assertEquals(Type.DOUBLE_MATRIX, q.type(),
                                    "the source modified " + changed + ", not a 2-D input: " + p.className());
                        }
                        nonFinite += Double.isFinite(v) ? 0 : 1;
                        methods++;
                    }
                }
            }
            assertTrue(nonFinite <= methods / 100, nonFinite + " of " + methods + " values not finite");
            assertTrue(thrown <= methods / 10, thrown + " of " + methods + " calls threw on purpose");
            assertTrue(vectors > 0, "no double[] method (VectorMethods) among " + PROGRAMS + " programs");
        }
    }

    /** The shapes of issue 11, each with what its printed form looks like. */
    static final Map<String, String> SHAPES = new LinkedHashMap<>();

    static {
        SHAPES.put("helper writing its argument, in an operand or argument", "[+*-] h\\d+\\(\\w+(\\[[^]]+\\])?, |, h\\d+\\(\\w+(\\[[^]]+\\])?, ");
        SHAPES.put("helper writing its argument, right of op=", "\\] [-+*]= .*h\\d+\\(");
        SHAPES.put("for-each over an array the body reassigns", "for \\(double e\\d+ : (h\\d+)\\) \\{\\n(.*\\n)*?\\s+\\1 = new double\\[");
        SHAPES.put("do/while (--k) with continue", "\\} while \\(--k\\d+ > 0\\);");
        SHAPES.put("while (k--) with continue", "while \\(k\\d+-- > 0\\)");
        SHAPES.put("conditional array base", " \\? \\w+ : \\w+\\)\\[");
        SHAPES.put("array initialiser as a base", "new double\\[\\] \\{[^}]*\\}\\[\\d\\]");
        SHAPES.put("two-pass statistics", "double mean\\d+ = sum\\d+ / ");
        SHAPES.put("samples x classes x hidden units", "for \\(int k\\d+ = 0; k\\d+ < w.length; k\\d+\\+\\+\\) \\{\\n\\s+double h\\d+ = ");
        SHAPES.put("parameter as a loop accumulator", "\\n\\s{12,}b [-+]= ");
        SHAPES.put("walking index", "k\\d+ \\+= 2;");
        SHAPES.put("bound changed in the body", "lim\\d+--;");
        SHAPES.put("local alias summed into and read", "double\\[\\] view\\d+ = ");
        SHAPES.put("double loop bound", "double lim\\d+ = |; \\w+ < [^;]+ - 0\\.5;");
        SHAPES.put("write into a 2-D input", "\\b(x|M)\\[[^]]+\\]\\[[^]]+\\] [-+*]?= ");
        SHAPES.put("row of a 2-D input replaced or shared", "\\b(x|M)\\[[^]]+\\] = ");
        SHAPES.put("exception in a long loop", "throw new IllegalStateException\\(\"fuzz: iteration \" \\+ i\\d+\\)");
        SHAPES.put("locals named java, Math, dev, Arrays2", "double (java|Math|dev|Arrays2) = ");
        SHAPES.put("parameters named hashCode, toString", "double (hashCode|toString)[,)]");
        SHAPES.put("chained assignment", "\\n\\s+\\w+ = \\w+ = ");
        SHAPES.put("user method named like Math (Other.exp)", "Other\\.exp\\(");
        SHAPES.put("a method that surely writes into x (callerAliases)", "if \\(x.length > 1\\) \\{\\n\\s+x\\[x.length - 1\\] = x\\[0\\];");
        SHAPES.put("checked exception declared", "\\) throws Exception \\{");
        SHAPES.put("checked exception in a long loop", "throw new Exception\\(\"fuzz: iteration \" \\+ i\\d+\\)");
        SHAPES.put("variable arity top-level method", "double\\.\\.\\. v\\) ");
        SHAPES.put("Math.round multiplied back", "\\(double\\) (Math|StrictMath)\\.round\\(");
        SHAPES.put("Math.round in an integer test", "(Math|StrictMath)\\.round\\([^;]*\\) > 0 \\?");
    }

    @Test
    void everyShapeOfIssue11IsGenerated() {
        ProgramGenerator g = new ProgramGenerator(ProgramGenerator.Config.defaults().withJit(0.25));
        Map<String, Integer> seen = new LinkedHashMap<>();
        SHAPES.keySet().forEach(k -> seen.put(k, 0));
        for (int i = 0; i < 300; i++) {
            String text = Printer.source(g.generate(1 + i)).text();
            for (Map.Entry<String, String> e : SHAPES.entrySet()) {
                if (Pattern.compile(e.getValue()).matcher(text).find()) {
                    seen.merge(e.getKey(), 1, Integer::sum);
                }
            }
        }
        System.out.println("programs with each shape, of 300: " + seen);
        seen.forEach((shape, n) -> assertTrue(n >= 3, "only " + n + " of 300 programs have: " + shape));
    }

    @Test
    void rowIdentityTellsKeptSharedAndNewRows() {
        double[][] m = {{1}, {2}, {3}};
        double[][] other = {{4}};
        Object[] args = {m, 0.5, other};
        List<double[]> before = Inputs.rows(args);
        assertEquals(List.of(0, 1, 2, 3), Inputs.rowIdentity(before, args));
        m[0] = m[2]; // shared, as the source may leave them
        m[1] = new double[] {2}; // equal values, another object
        assertEquals(List.of(2, -1, 2, 3), Inputs.rowIdentity(before, args));
        assertTrue(Inputs.same(args, new Object[] {new double[][] {{3}, {2}, {3}}, 0.5, new double[][] {{4}}}));
    }

    @Test
    void onlyTheGeneratorsOwnExceptionIsExpected() {
        assertTrue(Inputs.deliberate(new IllegalStateException(ProgramGenerator.THROW_PREFIX + "iteration 4999")));
        assertFalse(Inputs.deliberate(new IllegalStateException("something else")));
        assertFalse(Inputs.deliberate(new ArrayIndexOutOfBoundsException(ProgramGenerator.THROW_PREFIX)));
        assertFalse(Inputs.deliberate(new RuntimeException(new IllegalStateException(ProgramGenerator.THROW_PREFIX))));
        // checkedThrow: new Exception("fuzz: ...") itself, not a subclass of it
        assertTrue(Inputs.deliberate(new Exception(ProgramGenerator.THROW_PREFIX + "iteration 4999")));
        assertFalse(Inputs.deliberate(new java.io.IOException(ProgramGenerator.THROW_PREFIX + "iteration 4999")));
        assertFalse(Inputs.deliberate(new Exception("something else")));
    }

    /** callerAliases: the arguments made one array, and copies that keep them one. */
    @Test
    void callerAliasesShareArraysAndCopiesKeepThem() {
        List<Ast.Param> params = ProgramGenerator.standardParams();
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        int sharedX = 0;
        for (int i = 0; i < 50; i++) {
            Object[] args = {new double[] {1, 2}, 0.5, new double[][] {{1}, {2, 3}, {4}}, 1};
            Inputs.Aliased al = Inputs.alias(params, args, r, true);
            assertTrue(al.touchesX() && al.names().contains("x"), al.what());
            double[][] x = (double[][]) al.args()[2];
            boolean shared = x[1] == x[0] || x[2] == x[0] || java.util.Arrays.asList(x).contains(al.args()[0]);
            assertTrue(shared, al.what());
            Object[] c = Inputs.copyKeepingAliases(al.args());
            double[][] cx = (double[][]) c[2];
            assertTrue(x[1] == x[0] ? cx[1] == cx[0] : x[2] != x[0] || cx[2] == cx[0], al.what());
            assertTrue(java.util.Arrays.asList(x).contains(al.args()[0]) == java.util.Arrays.asList(cx).contains(c[0]));
            assertFalse(cx == x || c[0] == al.args()[0]);
            sharedX++;
        }
        assertEquals(50, sharedX);
    }

    @Test
    void theSameSeedGivesTheSameProgram() {
        ProgramGenerator g = new ProgramGenerator();
        assertEquals(Printer.source(g.generate(77)).text(), Printer.source(g.generate(77)).text());
        assertFalse(Printer.source(g.generate(77)).text().equals(Printer.source(g.generate(78)).text()));
    }

    /**
     * A difference across a kink is not used; near one, a smaller step stays on the branch taken
     * and gives its derivative.
     */
    @Test
    void finiteDifferencesSkipKinks() throws Throwable {
        List<Ast.Param> params = List.of(new Ast.Param(Ast.Type.DOUBLE_ARRAY, "w", Ast.Role.VEC_W));
        FiniteDifferences.Probed f = a -> Probe.abs(((double[]) a[0])[0]) * 3;
        List<Inputs.Slot> slots = Inputs.slots(params, List.of(0), new Object[] {new double[1]});
        for (double x : new double[] {1e-6, 2e-4, 0.5}) {
            Object[] at = {new double[] {x}};
            Probe.reset();
            f.apply(Inputs.copy(at));
            FiniteDifferences.Estimate e = FiniteDifferences.along(f, at, slots, new double[] {1}, Probe.path(), 1);
            if (x < 1e-5) {
                assertFalse(e.usable(), "a difference across the kink of abs was used: " + e);
            } else {
                assertTrue(e.usable() && Math.abs(e.value() - 3) < 1e-9, e.toString());
            }
        }
    }

    /** A fake failure, "the program calls Math.cbrt", shrinks to little more than that call. */
    @Test
    void shrinkerKeepsTheCauseAndDropsTheRest() {
        ProgramGenerator g = new ProgramGenerator();
        Program p = null;
        for (long seed = 1; p == null; seed++) {
            Program c = g.generate(seed);
            if (Printer.source(c).text().contains("cbrt") && Shrinker.size(c) > 150) {
                p = c;
            }
        }
        Shrinker.Oracle oracle = cs -> cs.stream().map(c -> Printer.source(c).text().contains("cbrt")).toList();
        Shrinker.Result r = new Shrinker(oracle, 8, 60_000).shrink(p);
        String text = Printer.source(r.program()).text();
        assertTrue(text.contains("cbrt"), text);
        assertTrue(Shrinker.wellFormed(r.program()));
        assertTrue(Shrinker.size(r.program()) <= 12, "not shrunk enough (" + Shrinker.size(r.program()) + " nodes):\n" + text);
        try (InProcessCompiler.Result c = InProcessCompiler.plain().compile(DifferentialHarness.sources(r.program()))) {
            assertTrue(c.success(), "the shrunk program does not compile: " + c.errors() + "\n" + text);
        }
    }

    /** Each shrink candidate that the filter lets through compiles: the filter knows javac's rules. */
    @Test
    void everyWellFormedCandidateCompiles() {
        Program p = new ProgramGenerator().generate(5);
        List<Source> sources = new ArrayList<>();
        int k = 0;
        for (Shrinker.Pass pass : Shrinker.Pass.values()) {
            List<Program> cs = Shrinker.valid(p, pass);
            for (int i = 0; i < cs.size(); i += Math.max(1, cs.size() / 40)) {
                sources.addAll(DifferentialHarness.sources(cs.get(i).withClassName(p.className() + "c" + k++)));
            }
        }
        try (InProcessCompiler.Result r = InProcessCompiler.plain().compile(sources)) {
            assertTrue(r.success(), "well-formed candidates javac rejects: " + r.errors());
        }
    }
}
