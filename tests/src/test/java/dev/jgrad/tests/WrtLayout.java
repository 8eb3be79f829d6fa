package dev.jgrad.tests;

import java.util.ArrayList;
import java.util.List;

/**
 * The differentiated parameters of one call laid out as one vector, in the order of the
 * gradient record's components, arrays row by row (ragged rows as they are), a record of parameters
 * leaf by leaf ({@link Pytrees}): finite differences perturb this vector, and failures name its
 * elements as {@code w1[2][0]} or {@code p.w1()[2][0]}.
 */
final class WrtLayout {
    private final int[] params;
    /** The leaves: for each, the wrt component it belongs to, its index among that one's leaves, and its name. */
    private final List<Integer> leafComponent = new ArrayList<>();
    private final List<Integer> leafIndex = new ArrayList<>();
    private final List<String> leafName = new ArrayList<>();
    /** The elements: for each, its leaf and where it is in it. */
    private final List<Integer> leaf = new ArrayList<>();
    private final List<Integer> row = new ArrayList<>();
    private final List<Integer> col = new ArrayList<>();

    /**
     * @param names the wrt parameters, in record order
     * @param params the index of each among the method's parameters
     * @param args the arguments, which fix the shapes
     */
    WrtLayout(List<String> names, int[] params, Object[] args) {
        this.params = params.clone();
        for (int k = 0; k < params.length; k++) {
            List<Object> leaves = Pytrees.leaves(args[params[k]]);
            List<String> leafNames = Pytrees.leafNames(names.get(k), args[params[k]]);
            for (int l = 0; l < leaves.size(); l++) {
                int n = leafComponent.size();
                leafComponent.add(k);
                leafIndex.add(l);
                leafName.add(leafNames.get(l));
                Object v = leaves.get(l);
                if (v instanceof Double) {
                    add(n, -1, -1);
                } else if (v instanceof double[] a) {
                    for (int i = 0; i < a.length; i++) {
                        add(n, i, -1);
                    }
                } else if (v instanceof double[][] m) {
                    for (int i = 0; i < m.length; i++) {
                        for (int j = 0; j < m[i].length; j++) {
                            add(n, i, j);
                        }
                    }
                } else {
                    throw new IllegalArgumentException("'" + leafNames.get(l) + "' is not differentiable: " + v);
                }
            }
        }
    }

    private void add(int n, int i, int j) {
        leaf.add(n);
        row.add(i);
        col.add(j);
    }

    int size() {
        return leaf.size();
    }

    /** The element's name, such as {@code b}, {@code w[3]}, {@code x[1][0]} or {@code p.w1()[1][0]}. */
    String describe(int index) {
        String s = leafName.get(leaf.get(index));
        if (row.get(index) >= 0) {
            s += "[" + row.get(index) + "]";
        }
        if (col.get(index) >= 0) {
            s += "[" + col.get(index) + "]";
        }
        return s;
    }

    /** The wrt values of {@code args} as one vector. */
    double[] read(Object[] args) {
        Object[] values = new Object[params.length];
        for (int k = 0; k < params.length; k++) {
            values[k] = args[params[k]];
        }
        return flatten(values);
    }

    /** Writes {@code x} into the wrt parameters of {@code args} (whose arrays it overwrites; records are rebuilt). */
    Object[] write(double[] x, Object[] args) {
        List<List<Object>> leaves = new ArrayList<>();
        for (int k = 0; k < params.length; k++) {
            leaves.add(new ArrayList<>(Pytrees.leaves(args[params[k]])));
        }
        for (int n = 0; n < x.length; n++) {
            int l = leaf.get(n);
            List<Object> of = leaves.get(leafComponent.get(l));
            Object v = of.get(leafIndex.get(l));
            if (v instanceof Double) {
                of.set(leafIndex.get(l), x[n]);
            } else if (v instanceof double[] a) {
                a[row.get(n)] = x[n];
            } else {
                ((double[][]) v)[row.get(n)][col.get(n)] = x[n];
            }
        }
        for (int k = 0; k < params.length; k++) {
            args[params[k]] = Pytrees.withLeaves(args[params[k]], leaves.get(k).iterator());
        }
        return args;
    }

    /** The vector of one value per wrt parameter (a Double, double[], double[][] or record each), in layout order. */
    double[] flatten(Object[] values) {
        List<List<Object>> leaves = new ArrayList<>();
        for (Object v : values) {
            leaves.add(Pytrees.leaves(v));
        }
        double[] x = new double[size()];
        for (int n = 0; n < x.length; n++) {
            int l = leaf.get(n);
            Object v = leaves.get(leafComponent.get(l)).get(leafIndex.get(l));
            if (v instanceof Double d) {
                x[n] = d;
            } else if (v instanceof double[] a) {
                x[n] = a[row.get(n)];
            } else {
                x[n] = ((double[][]) v)[row.get(n)][col.get(n)];
            }
        }
        return x;
    }

    /**
     * Null if {@code gradient} has the shape of the argument {@code input} and is a fresh array
     * (no row shared with the input), as the contract asks; for a record, a record of the same type
     * whose leaves are such, and whose other components are the input's; else what is wrong.
     */
    static String shapeProblem(Object gradient, Object input) {
        if (Pytrees.isRecord(input)) {
            if (gradient == null || gradient.getClass() != input.getClass()) {
                return "is " + gradient + ", not a " + input.getClass().getSimpleName();
            }
            if (gradient == input) {
                return "is the input record itself, not a new one";
            }
            Object[] g = Pytrees.components(gradient);
            Object[] in = Pytrees.components(input);
            java.lang.reflect.RecordComponent[] rc = input.getClass().getRecordComponents();
            for (int k = 0; k < rc.length; k++) {
                String problem = Pytrees.isDifferentiable(rc[k].getType()) ? shapeProblem(g[k], in[k])
                        : Values.firstDifference(in[k], g[k]);
                if (problem != null) {
                    return "." + rc[k].getName() + "() " + problem;
                }
            }
            return null;
        }
        if (input instanceof Double) {
            return gradient instanceof Double ? null : "expected a double, got " + gradient;
        }
        if (gradient == null) {
            return "is null";
        }
        if (gradient == input) {
            return "is the input array itself, not a fresh array";
        }
        if (input instanceof double[] a) {
            double[] g = (double[]) gradient;
            return g.length == a.length ? null : "has length " + g.length + ", the input " + a.length;
        }
        double[][] m = (double[][]) input;
        double[][] g = (double[][]) gradient;
        if (g.length != m.length) {
            return "has " + g.length + " rows, the input " + m.length;
        }
        for (int i = 0; i < m.length; i++) {
            if (g[i] == null) {
                return "row " + i + " is null";
            }
            if (g[i] == m[i]) {
                return "row " + i + " is the input's row itself, not a fresh array";
            }
            if (g[i].length != m[i].length) {
                return "row " + i + " has length " + g[i].length + ", the input's " + m[i].length;
            }
        }
        return null;
    }
}
