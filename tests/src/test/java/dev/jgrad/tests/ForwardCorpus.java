package dev.jgrad.tests;

import dev.jgrad.tests.corpus.Corpus;
import dev.jgrad.tests.corpus.Corpus.Case;
import dev.jgrad.tests.jit.JitCorpus;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The corpus again, every {@code @Grad} method now also {@code @Jvp} and {@code @Hessian} with the
 * same {@code wrt}: rewritten into package {@link #PACKAGE} and compiled in this JVM with the
 * processor ({@link JitCorpus}, with another twin), once for {@link JvpCorpusTest} and
 * {@link HessianCorpusTest}. The gradient these tests compare with is the corpus's own
 * {@code XGrad}, as Maven compiled it.
 */
final class ForwardCorpus {
    static final String PACKAGE = "dev.jgrad.tests.fwdcorpus";
    static final String JIT_PACKAGE = "dev.jgrad.tests.fwdjitcorpus";

    private static final Pattern ALREADY = Pattern.compile("@\\s*(?:dev\\s*\\.\\s*jgrad\\s*\\.\\s*)?(?:Jvp|Hessian)\\b");

    /** Every {@code @Grad} method also {@code @Jvp} and {@code @Hessian}. */
    static final JitCorpus.Twin TWIN = new JitCorpus.Twin(PACKAGE, ALREADY,
            args -> "@dev.jgrad.Jvp" + args + " @dev.jgrad.Hessian" + args + " ");

    /** Every {@code @Grad} method also {@code @Jit @Jvp @Hessian}. */
    static final JitCorpus.Twin JIT_TWIN = new JitCorpus.Twin(JIT_PACKAGE, ALREADY,
            args -> "@dev.jgrad.Jit @dev.jgrad.Jvp" + args + " @dev.jgrad.Hessian" + args + " ");

    private static final java.util.Map<JitCorpus.Twin, JitCorpus> CORPORA = new java.util.HashMap<>();
    private static final java.util.Map<JitCorpus.Twin, ClassLoader> LOADERS = new java.util.HashMap<>();

    private ForwardCorpus() {}

    /** The compiled twin, built on first use (the test classes share it). */
    static JitCorpus corpus() throws Exception {
        return corpus(TWIN);
    }

    static synchronized JitCorpus corpus(JitCorpus.Twin twin) throws Exception {
        JitCorpus c = CORPORA.get(twin);
        if (c == null) {
            c = JitCorpus.build(Corpus.class, twin);
            CORPORA.put(twin, c);
            LOADERS.put(twin, c.loader());
            Runtime.getRuntime().addShutdownHook(new Thread(c::close)); // the temporary directory
        }
        return c;
    }

    static synchronized ClassLoader loader(JitCorpus.Twin twin) throws Exception {
        corpus(twin);
        return LOADERS.get(twin);
    }

    /** What a failed build says: the methods withheld, or the errors. */
    static String problems(JitCorpus c) {
        StringBuilder s = new StringBuilder();
        if (c.crash != null) {
            s.append("\n  the processor threw: ").append(c.crash);
        }
        c.errors().stream().limit(40).forEach(d -> s.append("\n  ").append(d));
        for (JitCorpus.Withheld w : c.withheld.values()) {
            s.append("\n  withheld ").append(w.file()).append(' ').append(w.method()).append(':');
            w.reasons().stream().limit(5).forEach(r -> s.append("\n    ").append(r));
        }
        return s.toString();
    }

    /** The generated class {@code XJvp} (or another suffix) of a case's owner, in the twin. */
    static Class<?> generated(Case c, String suffix) throws Exception {
        return generated(TWIN, c, suffix);
    }

    static Class<?> generated(JitCorpus.Twin twin, Case c, String suffix) throws Exception {
        return loader(twin).loadClass(twin.pkg() + "." + JitCorpusTest.stem(c.owner()) + suffix);
    }

    /** One case's source method, its wrt parameters (from the corpus's own gradient record) and their indices. */
    record Shape(Method source, Method grad, List<String> wrt, int[] wrtParams) {
        static Shape of(Case c) throws Exception {
            Method src = CorpusGradientTest.sourceMethod(c);
            Class<?> gradClass = Class.forName(CorpusGradientTest.generatedClassName(c.owner()), true,
                    c.owner().getClassLoader());
            Method grad = gradClass.getMethod(c.method(), src.getParameterTypes());
            List<String> names = ClassFiles.parameterNames(src);
            RecordComponent[] rc = grad.getReturnType().getRecordComponents();
            List<String> wrt = new ArrayList<>();
            int[] params = new int[rc.length - 1];
            for (int k = 1; k < rc.length; k++) {
                wrt.add(rc[k].getName());
                params[k - 1] = names.indexOf(rc[k].getName());
            }
            return new Shape(src, grad, wrt, params);
        }

        /** The parameter types of the twin's {@code XJvp.f}: the source's, then the wrt ones' again. */
        Class<?>[] jvpTypes() {
            Class<?>[] src = source.getParameterTypes();
            Class<?>[] out = new Class<?>[src.length + wrtParams.length];
            System.arraycopy(src, 0, out, 0, src.length);
            for (int k = 0; k < wrtParams.length; k++) {
                out[src.length + k] = src[wrtParams[k]];
            }
            return out;
        }

        /** The flat gradient of the corpus's {@code XGrad.f} at {@code args} (a copy is passed). */
        double[] gradient(Object[] args) throws Exception {
            Object r = invoke(grad, Values.deepCopy(args));
            RecordComponent[] rc = grad.getReturnType().getRecordComponents();
            Object[] parts = new Object[rc.length - 1];
            for (int k = 1; k < rc.length; k++) {
                parts[k - 1] = rc[k].getAccessor().invoke(r);
            }
            return new WrtLayout(wrt, wrtParams, args).flatten(parts);
        }

        double value(Object[] args) throws Exception {
            return (double) invoke(source, args);
        }
    }

    /** A random direction of the shape of the wrt arguments: one tangent per wrt parameter (a record for a record). */
    static Object[] direction(Object[] args, int[] wrtParams, Random r) {
        Object[] out = new Object[wrtParams.length];
        for (int k = 0; k < wrtParams.length; k++) {
            out[k] = randomLike(args[wrtParams[k]], r);
        }
        return out;
    }

    private static Object randomLike(Object v, Random r) {
        if (Pytrees.isRecord(v)) {
            // a record of the same type: random leaves, its other components the argument's
            return Pytrees.withLeaves(v, Pytrees.leaves(v).stream().map(leaf -> randomLike(leaf, r)).iterator());
        }
        if (v instanceof Double) {
            return r.nextGaussian();
        }
        if (v instanceof double[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = r.nextGaussian();
            }
            return d;
        }
        double[][] m = (double[][]) v;
        double[][] d = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            d[i] = m[i] == null ? null : (double[]) randomLike(m[i], r);
        }
        return d;
    }

    static Object[] concat(Object[] a, Object[] b) {
        Object[] out = new Object[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static Object invoke(Method m, Object[] args) throws Exception {
        try {
            m.setAccessible(true);
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        }
    }

    static Object component(Object record, String name) throws Exception {
        for (RecordComponent rc : record.getClass().getRecordComponents()) {
            if (rc.getName().equals(name)) {
                rc.getAccessor().setAccessible(true);
                return rc.getAccessor().invoke(record);
            }
        }
        throw new AssertionError(record.getClass().getSimpleName() + " has no component " + name);
    }
}
