package dev.jgrad.tests;

import java.util.ArrayList;
import java.util.List;

/**
 * The differentiated parameters of one call laid out as one vector, in the order of the
 * gradient record's components, arrays row by row (ragged rows as they are): finite differences
 * perturb this vector, and failures name its elements as {@code w1[2][0]}.
 */
final class WrtLayout {
    private final List<String> names;
    private final int[] params;
    private final List<Integer> component = new ArrayList<>();
    private final List<Integer> row = new ArrayList<>();
    private final List<Integer> col = new ArrayList<>();

    /**
     * @param names the wrt parameters, in record order
     * @param params the index of each among the method's parameters
     * @param args the arguments, which fix the shapes
     */
    WrtLayout(List<String> names, int[] params, Object[] args) {
        this.names = List.copyOf(names);
        this.params = params.clone();
        for (int k = 0; k < params.length; k++) {
            Object v = args[params[k]];
            if (v instanceof Double) {
                add(k, -1, -1);
            } else if (v instanceof double[] a) {
                for (int i = 0; i < a.length; i++) {
                    add(k, i, -1);
                }
            } else if (v instanceof double[][] m) {
                for (int i = 0; i < m.length; i++) {
                    for (int j = 0; j < m[i].length; j++) {
                        add(k, i, j);
                    }
                }
            } else {
                throw new IllegalArgumentException("parameter '" + names.get(k) + "' is not differentiable: " + v);
            }
        }
    }

    private void add(int k, int i, int j) {
        component.add(k);
        row.add(i);
        col.add(j);
    }

    int size() {
        return component.size();
    }

    /** The element's name, such as {@code b}, {@code w[3]} or {@code x[1][0]}. */
    String describe(int index) {
        String s = names.get(component.get(index));
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

    /** Writes {@code x} into the wrt parameters of {@code args} (whose arrays it overwrites). */
    Object[] write(double[] x, Object[] args) {
        for (int n = 0; n < x.length; n++) {
            int k = component.get(n);
            Object v = args[params[k]];
            if (v instanceof Double) {
                args[params[k]] = x[n];
            } else if (v instanceof double[] a) {
                a[row.get(n)] = x[n];
            } else {
                ((double[][]) v)[row.get(n)][col.get(n)] = x[n];
            }
        }
        return args;
    }

    /** The vector of one value per wrt parameter (a Double, double[] or double[][] each), in layout order. */
    double[] flatten(Object[] values) {
        double[] x = new double[size()];
        for (int n = 0; n < x.length; n++) {
            Object v = values[component.get(n)];
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
     * (no row shared with the input), as the contract asks; else what is wrong.
     */
    static String shapeProblem(Object gradient, Object input) {
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
