package dev.jgrad.tests.fuzz;

import dev.jgrad.tests.fuzz.Ast.Param;
import dev.jgrad.tests.fuzz.Ast.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Arguments for generated methods, made from the parameters' {@link Role}s so that the shapes
 * respect what the generator assumed (see {@link Role}); deep copies and comparison; and the flat
 * view of the differentiated entries that finite differences perturb.
 */
final class Inputs {
    private Inputs() {}

    /** Fresh random arguments: values in (-1.5, 1.5), shapes drawn per call. */
    static Object[] random(List<Param> params, SplittableRandom r) {
        int w = r.nextInt(2, 6);
        int rows = r.nextInt(1, 5);
        int mRows = r.nextInt(1, 4);
        Object[] args = new Object[params.size()];
        for (int i = 0; i < args.length; i++) {
            Param p = params.get(i);
            args[i] = switch (p.role()) {
                case VEC_W -> vector(w, r);
                case VEC_R -> vector(rows, r);
                case MATRIX_X -> ragged(rows, w, r);
                case MATRIX_M -> ragged(mRows, w, r);
                case SCALAR -> value(r);
                case COUNT -> r.nextInt(1, w + 1);
                case SMALL_INT -> r.nextInt(0, 5);
                case LABELS -> {
                    int[] l = new int[rows];
                    for (int k = 0; k < rows; k++) {
                        l[k] = r.nextInt(w);
                    }
                    yield l;
                }
                case FLAG -> r.nextBoolean();
                case LONG -> (long) r.nextInt(0, 6);
                case OPAQUE -> throw new IllegalArgumentException("no inputs for parameter " + p.name());
            };
        }
        return args;
    }

    private static double value(SplittableRandom r) {
        return r.nextDouble(-1.5, 1.5);
    }

    private static double[] vector(int n, SplittableRandom r) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = value(r);
        }
        return v;
    }

    private static double[][] ragged(int rows, int maxLen, SplittableRandom r) {
        double[][] m = new double[rows][];
        for (int i = 0; i < rows; i++) {
            m[i] = vector(r.nextInt(1, maxLen + 1), r);
        }
        return m;
    }

    static Object[] copy(Object[] args) {
        return dev.jgrad.tests.Values.deepCopy(args);
    }

    /** Bitwise equality of argument lists (doubles compared by their bits). */
    static boolean same(Object[] a, Object[] b) {
        return Arrays.deepEquals(a, b);
    }

    /**
     * Whether two calls left the arguments equal up to {@code rtol} relative to the largest magnitude
     * of each array: what {@code @Jit} may leave in an input array it sums into (it may reassociate
     * sums). Shapes, integers and non-array arguments must be equal.
     */
    static boolean close(Object[] a, Object[] b, double rtol) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!closeValue(a[i], b[i], rtol)) {
                return false;
            }
        }
        return true;
    }

    private static boolean closeValue(Object a, Object b, double rtol) {
        if (a instanceof double[] x && b instanceof double[] y) {
            if (x.length != y.length) {
                return false;
            }
            double scale = Double.MIN_NORMAL;
            for (double v : y) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int k = 0; k < x.length; k++) {
                if (!(Double.compare(x[k], y[k]) == 0 || Math.abs(x[k] - y[k]) <= rtol * scale)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof double[][] x && b instanceof double[][] y) {
            if (x.length != y.length) {
                return false;
            }
            for (int k = 0; k < x.length; k++) {
                if (x[k] != y[k] && (x[k] == null || y[k] == null || !closeValue(x[k], y[k], rtol))) {
                    return false;
                }
            }
            return true;
        }
        return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
    }

    /**
     * Arguments aliased by the caller ({@code callerAliases}): {@code what} says how, {@code names}
     * are the parameters involved, {@code touchesX}: {@code x} is one of them.
     */
    record Aliased(Object[] args, String what, List<String> names, boolean touchesX, String statement) {}

    /**
     * {@code args} (a copy) with two arrays made one: two {@code double[]} parameters of one length,
     * a {@code double[]} parameter of domain W as a row of a matrix, a matrix holding a row twice, or
     * two matrices sharing a row. Only the ways that touch {@code x} when {@code onlyX}. Null when
     * the arguments allow none.
     */
    static Aliased alias(List<Param> params, Object[] args, SplittableRandom r, boolean onlyX) {
        Object[] a = copy(args);
        List<Runnable> ways = new ArrayList<>();
        List<String> whats = new ArrayList<>();
        List<String> statements = new ArrayList<>(); // the same, in Java: for the reproducer's main
        List<List<String>> names = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            for (int j = 0; j < params.size(); j++) {
                Param p = params.get(i);
                Param q = params.get(j);
                if (i < j && a[i] instanceof double[] u && a[j] instanceof double[] v && u.length == v.length) {
                    int from = i;
                    int to = j;
                    ways.add(() -> a[to] = a[from]);
                    whats.add(q.name() + " is the array passed for " + p.name());
                    statements.add(q.name() + " = " + p.name() + ";");
                    names.add(List.of(p.name(), q.name()));
                }
                if (p.role() == Role.VEC_W && a[i] instanceof double[] u && a[j] instanceof double[][] m && m.length > 0) {
                    int row = r.nextInt(m.length);
                    ways.add(() -> m[row] = u);
                    whats.add(q.name() + "[" + row + "] is the array passed for " + p.name());
                    statements.add(q.name() + "[" + row + "] = " + p.name() + ";");
                    names.add(List.of(p.name(), q.name()));
                }
                if (i == j && a[i] instanceof double[][] m && m.length > 1) {
                    int row = r.nextInt(1, m.length);
                    ways.add(() -> m[row] = m[0]);
                    whats.add(p.name() + "[" + row + "] is " + p.name() + "[0]");
                    statements.add(p.name() + "[" + row + "] = " + p.name() + "[0];");
                    names.add(List.of(p.name()));
                }
                if (i != j && a[i] instanceof double[][] m && a[j] instanceof double[][] n && m.length > 0 && n.length > 0) {
                    int row = r.nextInt(n.length);
                    ways.add(() -> n[row] = m[0]);
                    whats.add(q.name() + "[" + row + "] is " + p.name() + "[0]");
                    statements.add(q.name() + "[" + row + "] = " + p.name() + "[0];");
                    names.add(List.of(p.name(), q.name()));
                }
            }
        }
        List<Integer> ok = new ArrayList<>();
        for (int k = 0; k < ways.size(); k++) {
            if (!onlyX || names.get(k).contains("x")) {
                ok.add(k);
            }
        }
        if (ok.isEmpty()) {
            return null;
        }
        int k = ok.get(r.nextInt(ok.size()));
        ways.get(k).run();
        return new Aliased(a, whats.get(k), names.get(k), names.get(k).contains("x"), statements.get(k));
    }

    /** A copy that keeps which arguments and rows are the same array. */
    static Object[] copyKeepingAliases(Object[] args) {
        java.util.IdentityHashMap<Object, Object> seen = new java.util.IdentityHashMap<>();
        Object[] c = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            c[i] = copyKeeping(args[i], seen);
        }
        return c;
    }

    private static Object copyKeeping(Object v, java.util.IdentityHashMap<Object, Object> seen) {
        if (v instanceof double[][] m) {
            Object done = seen.get(m);
            if (done == null) {
                double[][] c = new double[m.length][];
                seen.put(m, c);
                for (int i = 0; i < m.length; i++) {
                    c[i] = (double[]) copyKeeping(m[i], seen);
                }
                done = c;
            }
            return done;
        }
        if (v instanceof double[] || v instanceof int[]) {
            return seen.computeIfAbsent(v, o -> o instanceof double[] d ? d.clone() : ((int[]) o).clone());
        }
        return v;
    }

    /** Whether a method threw the exception that generated code throws on purpose (not a bug of the fuzzer). */
    static boolean deliberate(Throwable t) {
        // the checked exception of the checkedThrow shape too: new Exception("fuzz: ...")
        return (t instanceof IllegalStateException || t.getClass() == Exception.class) && t.getMessage() != null
                && t.getMessage().startsWith(ProgramGenerator.THROW_PREFIX);
    }

    /** The rows of every {@code double[][]} argument, in order: what a call may replace or share. */
    static List<double[]> rows(Object[] args) {
        List<double[]> out = new ArrayList<>();
        for (Object a : args) {
            if (a instanceof double[][] m) {
                out.addAll(Arrays.asList(m));
            }
        }
        return out;
    }

    /**
     * The identity of each row of each {@code double[][]} argument after a call: the position of
     * the object among {@code before} (the rows at entry), or -1 for an array the call made.
     * Two calls that leave the same rows in the same places give equal lists.
     */
    static List<Integer> rowIdentity(List<double[]> before, Object[] after) {
        List<Integer> out = new ArrayList<>();
        for (double[] row : rows(after)) {
            int at = -1;
            for (int k = 0; k < before.size() && at < 0; k++) {
                if (before.get(k) == row) {
                    at = k;
                }
            }
            out.add(at);
        }
        return out;
    }

    /** The parameters whose values differ between {@code before} and {@code after}. */
    static List<String> changed(List<Param> params, Object[] before, Object[] after) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < before.length; i++) {
            if (!Arrays.deepEquals(new Object[] {before[i]}, new Object[] {after[i]})) {
                out.add(params.get(i).name());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------

    /** One differentiated scalar: entry {@code [i][j]} of argument {@code arg} (-1 where unused). */
    record Slot(int arg, int i, int j, String label) {
        double get(Object[] args) {
            Object v = args[arg];
            if (v instanceof Double d) {
                return d;
            }
            if (v instanceof double[] a) {
                return a[i];
            }
            return ((double[][]) v)[i][j];
        }

        void set(Object[] args, double x) {
            Object v = args[arg];
            if (v instanceof Double) {
                args[arg] = x;
            } else if (v instanceof double[] a) {
                a[i] = x;
            } else {
                ((double[][]) v)[i][j] = x;
            }
        }
    }

    /** Every scalar of the arguments at {@code wrtArgs}, in order. */
    static List<Slot> slots(List<Param> params, List<Integer> wrtArgs, Object[] args) {
        List<Slot> out = new ArrayList<>();
        for (int k : wrtArgs) {
            String name = params.get(k).name();
            Object v = args[k];
            if (v instanceof Double) {
                out.add(new Slot(k, -1, -1, name));
            } else if (v instanceof double[] a) {
                for (int i = 0; i < a.length; i++) {
                    out.add(new Slot(k, i, -1, name + "[" + i + "]"));
                }
            } else if (v instanceof double[][] m) {
                for (int i = 0; i < m.length; i++) {
                    for (int j = 0; j < m[i].length; j++) {
                        out.add(new Slot(k, i, j, name + "[" + i + "][" + j + "]"));
                    }
                }
            }
        }
        return out;
    }

    /** The gradient component of a slot, read from the value the record holds for its parameter. */
    static double component(Object gradientValue, Slot s) {
        if (gradientValue instanceof Double d) {
            return d;
        }
        if (gradientValue instanceof double[] a) {
            return a[s.i()];
        }
        return ((double[][]) gradientValue)[s.i()][s.j()];
    }

    // ------------------------------------------------------------------------------------------

    /** The arguments as Java declarations, for a reproducer. */
    static String declarations(List<Param> params, Object[] args) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            Param p = params.get(i);
            s.append(p.typeText()).append(' ').append(p.name()).append(" = ").append(literal(args[i])).append(";\n");
        }
        return s.toString();
    }

    static String literal(Object v) {
        if (v instanceof double[] a) {
            return Arrays.stream(a).mapToObj(Double::toString).collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof double[][] m) {
            return Arrays.stream(m).map(Inputs::literal).collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof int[] a) {
            return Arrays.stream(a).mapToObj(Integer::toString).collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof Long l) {
            return l + "L";
        }
        return String.valueOf(v);
    }
}
