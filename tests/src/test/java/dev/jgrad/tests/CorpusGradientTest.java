package dev.jgrad.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.jgrad.GradCheck;
import dev.jgrad.tests.corpus.Corpus;
import dev.jgrad.tests.corpus.Corpus.Case;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every corpus method ({@link Corpus#CASES}) through its generated gradient, on {@link #SEEDS}
 * seeded random inputs each, against the contract (DESIGN.md, "Guarantees"):
 * <ol type="a">
 *   <li>{@code value()} equals the source method's result bit for bit;
 *   <li>every gradient component matches Richardson-extrapolated central differences of the
 *       source method ({@link GradCheck}) to a relative {@code 1e-6}, element by element of every
 *       wrt parameter, with the floor of {@link GradCheck#defaultFloor};
 *   <li>the arguments after the generated call are what the source method leaves (unchanged,
 *       unless the source itself writes into them);
 *   <li>the whole gradient agrees with a directional derivative along a random direction;
 * </ol>
 * and also: the generated API has the contract's shape ({@code p.CGrad}, public static
 * {@code f}, a public record {@code FGradient(double value, ...)} with one component per wrt
 * parameter of the same name and type, fresh arrays of the input's shape), its wrt parameters
 * are those of the {@code @Grad} annotation (read from the class file: the retention is CLASS),
 * and a second call gives the same bits as the first.
 *
 * <p>Generated classes are reached by reflection because the harness drives every method
 * generically; the generated code itself uses none. Seeds are fixed (derived from the case's
 * name), so every run sees the same inputs. {@code -Djgrad.corpus=REGEX} runs only the cases whose
 * name ({@code Class.method}) contains a match, for debugging one method.
 */
class CorpusGradientTest {
    static final int SEEDS = 3;
    static final int MIN_CASES = 45;
    static final double RTOL = GradCheck.DEFAULT_RTOL;

    /** The seed of run {@code k} of a case: fixed, and different for every case and run. */
    static long seed(Case c, int k) {
        return 1_000_003L * c.name().hashCode() + 7919L * k + 17;
    }

    @TestFactory
    Stream<DynamicContainer> gradientsOfTheCorpus() {
        String filter = System.getProperty("jgrad.corpus", "");
        Pattern selected = Pattern.compile(filter);
        return Corpus.CASES.stream()
                .filter(c -> selected.matcher(c.name()).find())
                .map(c -> dynamicContainer(c.name(), IntStream.range(0, SEEDS)
                        .mapToObj(k -> seed(c, k))
                        .map(seed -> dynamicTest("seed " + seed, () -> new Run(c, seed).check()))));
    }

    @Test
    void corpusIsLargeAndEveryGradMethodIsRegistered() {
        assertTrue(Corpus.CASES.size() >= MIN_CASES,
                "the corpus has " + Corpus.CASES.size() + " cases, fewer than " + MIN_CASES);
        Set<String> registered = new HashSet<>();
        Set<Class<?>> owners = new LinkedHashSet<>();
        for (Case c : Corpus.CASES) {
            assertTrue(registered.add(c.name()), "registered twice: " + c.name());
            owners.add(c.owner());
            Method m = sourceMethod(c);
            assertTrue(ClassFiles.of(m).isGrad(), c.name() + " is registered but has no @Grad");
        }
        // the classes of the corpus and the classes nested in them
        List<Class<?>> classes = new ArrayList<>(owners);
        for (int i = 0; i < classes.size(); i++) {
            for (Class<?> nested : classes.get(i).getDeclaredClasses()) {
                if (!classes.contains(nested)) {
                    classes.add(nested);
                }
            }
        }
        Set<String> missing = new TreeSet<>();
        for (Class<?> owner : classes) {
            for (ClassFiles.MethodInfo info : ClassFiles.methods(owner).values()) {
                String name = Corpus.nameOf(owner, info.name());
                if (info.isGrad() && !registered.contains(name)) {
                    missing.add(name);
                }
            }
        }
        assertTrue(missing.isEmpty(), "@Grad methods missing from Corpus.CASES: " + missing);
    }

    @Test
    void inputsDependOnlyOnTheSeed() {
        for (Case c : Corpus.CASES) {
            Object[] a = c.arguments(42);
            Object[] b = c.arguments(42);
            for (int i = 0; i < a.length; i++) {
                String d = Values.firstDifference(a[i], b[i]);
                assertTrue(d == null, c.name() + " argument " + i + " differs for the same seed: " + d);
            }
        }
    }

    /** For each argument: its rows (the row objects) for a matrix, else null. */
    static Object[] shallowRows(Object[] args) {
        Object[] out = new Object[args.length];
        for (int p = 0; p < args.length; p++) {
            out[p] = args[p] instanceof double[][] m ? m.clone() : null;
        }
        return out;
    }

    /** The source method of a case: the one method of that name in its class. */
    static Method sourceMethod(Case c) {
        Method found = null;
        for (Method m : c.owner().getDeclaredMethods()) {
            if (m.getName().equals(c.method())) {
                if (found != null) {
                    fail(c.name() + " is overloaded; corpus methods need distinct names");
                }
                found = m;
            }
        }
        if (found == null) {
            fail("no method " + c.name());
        }
        found.setAccessible(true);
        return found;
    }

    /** {@code p.C} gives {@code p.CGrad}; a nested {@code p.Outer.C} gives {@code p.Outer_CGrad}. */
    static String generatedClassName(Class<?> owner) {
        return owner.getName().replace('$', '_') + "Grad";
    }

    static String recordName(String method) {
        return Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Gradient";
    }

    /** A double, an array of doubles, or a record of parameters with such a leaf ({@link Pytrees}). */
    static boolean isDifferentiable(Class<?> t) {
        return Pytrees.isDifferentiable(t);
    }

    /** One case on one seed. */
    private static final class Run {
        private final Case c;
        private final long seed;

        Run(Case c, long seed) {
            this.c = c;
            this.seed = seed;
        }

        private String where() {
            return c.name() + " (seed " + seed + ")";
        }

        private AssertionError failure(String what) {
            return new AssertionError(where() + ": " + what);
        }

        void check() throws Exception {
            Method src = sourceMethod(c);
            List<String> paramNames = ClassFiles.parameterNames(src);
            Class<?>[] paramTypes = src.getParameterTypes();
            Object[] args = c.arguments(seed);
            checkArgumentTypes(paramNames, paramTypes, args);

            Method gen = generatedMethod(src);
            RecordComponent[] rc = gen.getReturnType().getRecordComponents();
            List<String> wrt = new ArrayList<>();
            int[] wrtParams = wrtParameters(src, paramNames, paramTypes, rc, wrt);

            // (a) the value, bit for bit
            Object[] srcArgs = Values.deepCopy(args);
            Object[] srcRows = shallowRows(srcArgs);
            double expected = callSource(src, srcArgs);
            Object[] genArgs = Values.deepCopy(args);
            Object[] genRows = shallowRows(genArgs);
            Object result = callGenerated(gen, genArgs);
            double value = (double) read(rc[0], result);
            if (!Values.sameBits(expected, value)) {
                throw failure("value() is " + Values.bits(value) + " but the source method returns "
                        + Values.bits(expected));
            }

            // (c) the arguments afterwards: as the source leaves them
            for (int p = 0; p < args.length; p++) {
                String d = Values.firstDifference(srcArgs[p], genArgs[p]);
                if (d != null) {
                    boolean sourceWrites = Values.firstDifference(args[p], srcArgs[p]) != null;
                    throw failure("argument '" + paramNames.get(p) + "' after the generated call differs from "
                            + (sourceWrites ? "what the source method leaves" : "its value before (the source does not write it)")
                            + ": " + d);
                }
            }

            // and the identity of the rows of the caller's matrices (guarantee 6)
            for (int p = 0; p < args.length; p++) {
                if (genRows[p] instanceof double[][] rows) {
                    List<String> want = Values.rowIdentities((double[][]) srcRows[p], (double[][]) srcArgs[p]);
                    List<String> got = Values.rowIdentities(rows, (double[][]) genArgs[p]);
                    if (!want.equals(got)) {
                        throw failure("the rows of argument '" + paramNames.get(p) + "' after the generated call are "
                                + got + ", but the source method leaves " + want);
                    }
                }
            }

            // the components: fresh arrays of the inputs' shapes
            Object[] gradient = new Object[wrtParams.length];
            for (int k = 0; k < wrtParams.length; k++) {
                gradient[k] = read(rc[k + 1], result);
                String problem = WrtLayout.shapeProblem(gradient[k], args[wrtParams[k]]);
                if (problem != null) {
                    throw failure("gradient component " + wrt.get(k) + "() " + problem);
                }
            }

            // (b) every element against finite differences of the source at the entry values
            WrtLayout layout = new WrtLayout(wrt, wrtParams, args);
            double[] analytic = layout.flatten(gradient);
            double[] x0 = layout.read(args);
            ToDoubleFunction<double[]> f = x -> callSource(src, layout.write(x, Values.deepCopy(args)));
            double[] numeric = GradCheck.numericGradient(f, x0);
            GradCheck.Report report = GradCheck.compare(analytic, numeric, RTOL, GradCheck.defaultFloor(expected, numeric));
            if (!report.ok()) {
                StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                        "%d of %d gradient elements differ from finite differences (rtol %.0e, floor %.3e):",
                        report.failureCount(), report.size(), RTOL, report.floor()));
                int listed = 0;
                for (int i : report.failures()) {
                    if (listed++ == 10) {
                        s.append("\n  ...");
                        break;
                    }
                    s.append(String.format(Locale.ROOT,
                            "%n  %s: expected (finite differences) %s, actual (generated) %s, relative error %.3e",
                            layout.describe(i), report.expected(i), report.actual(i), report.relativeError(i)));
                }
                throw failure(s.toString());
            }

            // (d) a directional derivative along a random direction
            Random rnd = new Random(seed * 31 + 5);
            double[] u = new double[x0.length];
            for (int i = 0; i < u.length; i++) {
                u[i] = rnd.nextGaussian();
            }
            GradCheck.Report dir = GradCheck.checkDirectional(f, x0, analytic, u);
            if (!dir.ok()) {
                throw failure(String.format(Locale.ROOT,
                        "along a random direction, gradient . u = %s but the directional derivative is %s"
                                + " (relative error %.3e, floor %.3e)",
                        dir.actual(0), dir.expected(0), dir.relativeError(0), dir.floor()));
            }

            // a second call gives the same bits (no state carried from call to call)
            Object again = callGenerated(gen, Values.deepCopy(args));
            for (int k = 0; k < rc.length; k++) {
                Object first = k == 0 ? (Object) value : gradient[k - 1];
                String d = Values.firstDifference(first, read(rc[k], again));
                if (d != null) {
                    throw failure("a second call with the same arguments gives a different " + rc[k].getName() + "(): " + d);
                }
            }
        }

        private void checkArgumentTypes(List<String> names, Class<?>[] types, Object[] args) {
            if (args.length != types.length) {
                throw failure("the corpus generator makes " + args.length + " arguments for " + types.length
                        + " parameters");
            }
            for (int p = 0; p < types.length; p++) {
                Class<?> boxed = types[p] == double.class ? Double.class
                        : types[p] == int.class ? Integer.class
                        : types[p] == long.class ? Long.class
                        : types[p] == boolean.class ? Boolean.class
                        : types[p];
                if (!boxed.isInstance(args[p])) {
                    throw failure("the corpus generator's argument for '" + names.get(p) + "' is "
                            + (args[p] == null ? "null" : args[p].getClass().getSimpleName())
                            + ", the parameter is " + types[p].getSimpleName());
                }
            }
        }

        private Method generatedMethod(Method src) {
            String className = generatedClassName(c.owner());
            Class<?> gradClass;
            try {
                gradClass = Class.forName(className, true, c.owner().getClassLoader());
            } catch (ClassNotFoundException e) {
                throw failure("generated class " + className + " not found: did the processor run on "
                        + c.owner().getName() + "?");
            }
            if (!Modifier.isPublic(gradClass.getModifiers()) || !Modifier.isFinal(gradClass.getModifiers())) {
                throw failure(className + " must be public final");
            }
            Method gen;
            try {
                gen = gradClass.getMethod(c.method(), src.getParameterTypes());
            } catch (NoSuchMethodException e) {
                throw failure(className + " has no public method " + c.method()
                        + " with the source's parameter types");
            }
            if (!Modifier.isStatic(gen.getModifiers())) {
                throw failure(className + "." + c.method() + " must be static");
            }
            Class<?> record = gen.getReturnType();
            String expectedName = recordName(c.method());
            if (!record.isRecord() || !record.getSimpleName().equals(expectedName)
                    || record.getDeclaringClass() != gradClass || !Modifier.isPublic(record.getModifiers())) {
                throw failure(className + "." + c.method() + " returns " + record.getName()
                        + ", not the public record " + className + "." + expectedName);
            }
            RecordComponent[] rc = record.getRecordComponents();
            if (rc.length == 0 || !rc[0].getName().equals("value") || rc[0].getType() != double.class) {
                throw failure(expectedName + "'s first component must be 'double value'");
            }
            return gen;
        }

        /**
         * The parameter index of each component after {@code value}, which must be a parameter of
         * the same name and a differentiable type; together exactly the {@code @Grad} wrt list, or
         * every differentiable parameter when it is empty.
         */
        private int[] wrtParameters(Method src, List<String> names, Class<?>[] types, RecordComponent[] rc,
                List<String> wrt) {
            int[] params = new int[rc.length - 1];
            for (int k = 1; k < rc.length; k++) {
                String name = rc[k].getName();
                int p = names.indexOf(name);
                if (p < 0) {
                    throw failure("record component '" + name + "' is not a parameter of the source; parameters: "
                            + names);
                }
                if (rc[k].getType() != types[p] || !isDifferentiable(types[p])) {
                    throw failure("record component '" + name + "' has type " + rc[k].getType().getSimpleName()
                            + "; the parameter has type " + types[p].getSimpleName());
                }
                if (wrt.contains(name)) {
                    throw failure("record component '" + name + "' appears twice");
                }
                wrt.add(name);
                params[k - 1] = p;
            }
            List<String> declared = ClassFiles.of(src).wrt();
            Set<String> expected = new TreeSet<>(declared);
            if (declared.isEmpty()) {
                for (int p = 0; p < types.length; p++) {
                    if (isDifferentiable(types[p])) {
                        expected.add(names.get(p));
                    }
                }
            }
            if (!expected.equals(new TreeSet<>(wrt))) {
                throw failure("the gradient record has components " + wrt + " but @Grad"
                        + (declared.isEmpty() ? " (default wrt: every double, double[], double[][] parameter and record of them)"
                                : "(wrt = " + declared + ")")
                        + " asks for " + expected);
            }
            return params;
        }

        private double callSource(Method src, Object[] args) {
            try {
                return (double) src.invoke(null, args);
            } catch (InvocationTargetException e) {
                AssertionError err = failure("the source method threw " + e.getCause()
                        + " on the corpus inputs (or a finite-difference point near them): fix the generator in Corpus");
                err.initCause(e.getCause());
                throw err;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        private Object callGenerated(Method gen, Object[] args) {
            try {
                Object r = gen.invoke(null, args);
                if (r == null) {
                    throw failure("the generated method returned null");
                }
                return r;
            } catch (InvocationTargetException e) {
                AssertionError err = failure("the generated method threw " + e.getCause());
                err.initCause(e.getCause());
                throw err;
            } catch (IllegalAccessException e) {
                throw failure("the generated method is not accessible: " + e.getMessage());
            }
        }

        private Object read(RecordComponent component, Object record) {
            try {
                return component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw failure("cannot read component " + component.getName() + "(): " + e);
            }
        }
    }
}
