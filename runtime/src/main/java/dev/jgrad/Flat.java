package dev.jgrad;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The differentiable values of a {@code double}, {@code double[]}, {@code double[][]} or record of
 * those (records nest) laid out in one vector, each with its name ({@code w[3]}, {@code m[1][2]},
 * {@code layer.b[0]}), and the way back: a fresh object of the same shape holding other values. What
 * lets {@link GradCheck} perturb any of them one component at a time.
 *
 * <p>A record's {@code int}, {@code long}, {@code boolean} and {@code int[]} components (sizes, flags,
 * labels: jgrad accepts them and gives them no derivative) are inactive: not among the values, kept
 * as they are by {@link #rebuild}, and listed in {@link #inactive} so that a check can see that the
 * gradient record holds the input's own.
 */
final class Flat {
    private final List<String> labels = new ArrayList<>();
    private final List<String> inactiveLabels = new ArrayList<>();
    private final List<Object> inactiveValues = new ArrayList<>();
    private double[] values = new double[16];
    private int size;

    /** Appends the components of {@code v}, named from {@code name} ({@code ""} names a bare scalar {@code x}). */
    void add(String name, Object v) {
        if (v instanceof Double d) {
            push(name.isEmpty() ? "x" : name, d);
        } else if (v instanceof double[] a) {
            for (int i = 0; i < a.length; i++) {
                push(name + "[" + i + "]", a[i]);
            }
        } else if (v instanceof double[][] m) {
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; m[i] != null && j < m[i].length; j++) {
                    push(name + "[" + i + "][" + j + "]", m[i][j]);
                }
            }
        } else if (v instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                String label = name.isEmpty() ? c.getName() : name + "." + c.getName();
                Object part = component(r, c);
                if (isInactive(c.getType())) {
                    inactiveLabels.add(label);
                    inactiveValues.add(part);
                } else {
                    add(label, part);
                }
            }
        } else {
            throw new IllegalArgumentException("GradCheck differentiates double, double[], double[][] and records"
                    + " of those; " + (name.isEmpty() ? "the point" : name) + " is "
                    + (v == null ? "null" : "a " + v.getClass().getTypeName()));
        }
    }

    double[] values() {
        return Arrays.copyOf(values, size);
    }

    String[] labels() {
        return labels.toArray(new String[0]);
    }

    int size() {
        return size;
    }

    /**
     * The name of the first inactive record component whose value differs from {@code other}'s
     * (arrays by content), or null if all agree; both must come from records of the same shape.
     */
    String firstInactiveDifference(Flat other) {
        for (int k = 0; k < inactiveValues.size(); k++) {
            if (k >= other.inactiveValues.size()
                    || !java.util.Objects.deepEquals(inactiveValues.get(k), other.inactiveValues.get(k))) {
                return inactiveLabels.get(k);
            }
        }
        return null;
    }

    /** A component type that carries no derivative: a primitive other than double, or an array of those. */
    static boolean isInactive(Class<?> type) {
        Class<?> base = type;
        while (base.isArray()) {
            base = base.getComponentType();
        }
        return base.isPrimitive() && base != double.class && base != float.class;
    }

    private void push(String label, double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, 2 * size);
        }
        labels.add(label);
        values[size++] = v;
    }

    /**
     * A fresh object of {@code template}'s shape (ragged rows and null rows kept) holding
     * {@code values[at[0]]}, {@code values[at[0] + 1]}, ... in {@link #add}'s order; advances {@code at[0]}.
     */
    static Object rebuild(Object template, double[] values, int[] at) {
        if (template instanceof Double) {
            return values[at[0]++];
        }
        if (template instanceof double[] a) {
            double[] out = Arrays.copyOfRange(values, at[0], at[0] + a.length);
            at[0] += a.length;
            return out;
        }
        if (template instanceof double[][] m) {
            double[][] out = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                out[i] = m[i] == null ? null : (double[]) rebuild(m[i], values, at);
            }
            return out;
        }
        Record r = (Record) template;
        RecordComponent[] cs = r.getClass().getRecordComponents();
        Object[] parts = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int k = 0; k < cs.length; k++) {
            Object part = component(r, cs[k]);
            parts[k] = isInactive(cs[k].getType()) ? copy(part) : rebuild(part, values, at);
            types[k] = cs[k].getType();
        }
        try {
            Constructor<?> canonical = r.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(parts);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the constructor of " + r.getClass().getTypeName() + " threw", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild a " + r.getClass().getTypeName(), e);
        }
    }

    /** A copy of an argument that a call may write into: arrays are copied, records rebuilt, the rest shared. */
    static Object copy(Object v) {
        if (v instanceof double[] || v instanceof double[][] || v instanceof Record && isDifferentiable(v)) {
            Flat f = new Flat();
            f.add("", v);
            return rebuild(v, f.values(), new int[] {0});
        }
        if (v instanceof int[] a) {
            return a.clone();
        }
        if (v instanceof long[] a) {
            return a.clone();
        }
        if (v instanceof boolean[] a) {
            return a.clone();
        }
        return v;
    }

    private static boolean isDifferentiable(Object v) {
        try {
            new Flat().add("", v);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Object component(Record r, RecordComponent c) {
        try {
            java.lang.reflect.Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + r.getClass().getTypeName() + "." + c.getName(), e);
        }
    }
}
