package dev.jgrad;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link GradCheck#check(Class, String, Object...)}: finds the generated gradient of a source method
 * ({@code ModelGrad.loss} for {@code Model.loss}), calls it and the source method on copies of the
 * arguments, and compares its value with the source's and each component of each wrt parameter with
 * central finite differences of the source. Reflection is fine here: this is a test utility, and
 * generated code itself uses none.
 */
final class GeneratedCheck {
    private GeneratedCheck() {}

    static GradCheck.Report check(GradCheck.Options options, Class<?> source, String name, Object[] given) {
        Method f = sourceMethod(source, name, given);
        Object[] args = asDeclared(f, given);
        Method grad = generatedMethod(source, f);
        Record result = (Record) invoke(grad, copies(args));
        RecordComponent[] components = result.getClass().getRecordComponents();
        double value = (Double) read(result, components[0]);
        double sourceValue = (Double) invoke(f, copies(args));

        int[] wrt = wrtIndices(f, components);
        Flat point = new Flat();
        Flat gradient = new Flat();
        for (int k = 0; k < wrt.length; k++) {
            String param = components[k + 1].getName();
            point.add(param, args[wrt[k]]);
            int before = gradient.size();
            gradient.add(param, read(result, components[k + 1]));
            if (gradient.size() - before != point.size() - before) {
                throw new AssertionError("gradient check FAILED: the component " + param + " of "
                        + result.getClass().getSimpleName() + " has " + (gradient.size() - before)
                        + " values, the parameter " + param + " has " + (point.size() - before));
            }
        }
        String changed = point.firstInactiveDifference(gradient);
        if (changed != null) {
            throw new AssertionError("gradient check FAILED: the gradient's " + changed + " (an int, long, boolean or"
                    + " int[] component, which has no derivative) is not the input's own value");
        }
        double[] numeric = GradCheck.numericGradient(v -> {
            Object[] at = copies(args);
            int[] pos = {0};
            for (int index : wrt) {
                at[index] = Flat.rebuild(args[index], v, pos);
            }
            return (Double) invoke(f, at);
        }, point.values(), options.relativeStep());

        int n = 1 + point.size();
        double[] actual = new double[n];
        double[] expected = new double[n];
        String[] labels = new String[n];
        String[] references = new String[n];
        actual[0] = value;
        expected[0] = sourceValue;
        labels[0] = GradCheck.VALUE;
        references[0] = "source method";
        System.arraycopy(gradient.values(), 0, actual, 1, point.size());
        System.arraycopy(numeric, 0, expected, 1, point.size());
        System.arraycopy(gradient.labels(), 0, labels, 1, point.size());
        Arrays.fill(references, 1, n, "finite differences");
        double floor = options.floorOr(GradCheck.defaultFloor(sourceValue, numeric));
        return new GradCheck.Report(actual, expected, options.rtol(), floor, labels, references);
    }

    private static Method sourceMethod(Class<?> source, String name, Object[] args) {
        List<Method> found = new ArrayList<>();
        for (Method m : source.getDeclaredMethods()) {
            if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers()) && m.getReturnType() == double.class
                    && accepts(m, args)) {
                found.add(m);
            }
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException(source.getTypeName() + " has " + (found.isEmpty() ? "no" : found.size())
                    + " static double method " + name + " that takes " + describe(args)
                    + (found.isEmpty() && spreadRows(args) ? SPREAD : ""));
        }
        found.get(0).setAccessible(true);
        return found.get(0);
    }

    private static final String SPREAD = "; a double[][] passed as the only argument is spread by Java into its rows"
            + " (one double[] argument each, as varargs are): write GradCheck.check(Model.class, \"method\", (Object) m)";

    /** Whether the arguments could be the rows of one double[][] that Java spread as the varargs. */
    private static boolean spreadRows(Object[] args) {
        return args.length > 0 && args.getClass() == double[][].class;
    }

    private static Method generatedMethod(Class<?> source, Method f) {
        String flat = source.getSimpleName();
        for (Class<?> outer = source.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            flat = outer.getSimpleName() + "_" + flat;
        }
        String pkg = source.getPackageName();
        String generated = (pkg.isEmpty() ? "" : pkg + ".") + flat + "Grad";
        try {
            Class<?> g = Class.forName(generated, true, source.getClassLoader());
            Method m = g.getMethod(f.getName(), f.getParameterTypes());
            if (!m.getReturnType().isRecord()) {
                throw new IllegalArgumentException(generated + "." + f.getName() + " does not return a gradient record");
            }
            return m;
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no generated class " + generated + ": is " + source.getSimpleName()
                    + "." + f.getName() + " annotated @Grad, and did the jgrad processor run?", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(generated + " has no method " + f.getName() + " with the parameters of "
                    + source.getSimpleName() + "." + f.getName() + ": is it annotated @Grad?", e);
        }
    }

    /** The indices of the wrt parameters: the gradient record's components after the value, by name. */
    private static int[] wrtIndices(Method f, RecordComponent[] components) {
        String[] params = ParameterNames.of(f);
        int[] out = new int[components.length - 1];
        for (int k = 1; k < components.length; k++) {
            String wrt = components[k].getName();
            int index = params == null ? -1 : Arrays.asList(params).indexOf(wrt);
            if (index < 0) {
                index = byTypeAlone(f, components, k);
            }
            out[k - 1] = index;
        }
        return out;
    }

    /**
     * Without parameter names in the class file: the wrt parameters are the record's components in
     * parameter order, each of its parameter's type; that decides when only one choice fits.
     */
    private static int byTypeAlone(Method f, RecordComponent[] components, int k) {
        List<int[]> fits = new ArrayList<>();
        fit(f.getParameterTypes(), components, 1, 0, new int[components.length - 1], fits);
        if (fits.size() != 1) {
            throw new IllegalArgumentException("cannot tell which parameters of " + f.getName() + " are "
                    + Arrays.stream(components).skip(1).map(RecordComponent::getName).toList()
                    + ": the class file has no parameter names; compile with -g (Maven's and Gradle's default) or"
                    + " -parameters, or check each parameter with GradCheck.check(f, x, gradient)");
        }
        return fits.get(0)[k - 1];
    }

    private static void fit(Class<?>[] params, RecordComponent[] cs, int k, int from, int[] chosen, List<int[]> fits) {
        if (k == cs.length) {
            fits.add(chosen.clone());
            return;
        }
        for (int i = from; i < params.length && fits.size() < 2; i++) {
            if (params[i] == cs[k].getType()) {
                chosen[k - 1] = i;
                fit(params, cs, k + 1, i + 1, chosen, fits);
            }
        }
    }

    private static boolean accepts(Method m, Object[] args) {
        Class<?>[] types = m.getParameterTypes();
        if (types.length != args.length) {
            return false;
        }
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i].isPrimitive() ? boxed(types[i]) : types[i];
            boolean widened = types[i] == double.class && (args[i] instanceof Integer || args[i] instanceof Long
                    || args[i] instanceof Float);
            if (args[i] == null ? types[i].isPrimitive() : !t.isInstance(args[i]) && !widened) {
                return false;
            }
        }
        return true;
    }

    /** The arguments with a whole number given for a double parameter ({@code 1} for {@code 1.0}) as a Double. */
    private static Object[] asDeclared(Method f, Object[] given) {
        Object[] out = given.clone();
        for (int i = 0; i < out.length; i++) {
            if (f.getParameterTypes()[i] == double.class && out[i] instanceof Number n && !(out[i] instanceof Double)) {
                out[i] = n.doubleValue();
            }
        }
        return out;
    }

    private static Class<?> boxed(Class<?> primitive) {
        return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType();
    }

    private static String describe(Object[] args) {
        List<String> types = new ArrayList<>();
        for (Object a : args) {
            types.add(a == null ? "null" : a.getClass().getSimpleName());
        }
        return "(" + String.join(", ", types) + ")";
    }

    private static Object[] copies(Object[] args) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = Flat.copy(args[i]);
        }
        return out;
    }

    private static Object read(Record r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getTypeName(), e);
        }
    }

    private static Object invoke(Method m, Object[] args) {
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(m.getDeclaringClass().getSimpleName() + "." + m.getName() + " threw",
                    e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + m, e);
        }
    }
}
