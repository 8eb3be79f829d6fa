package dev.jgrad.tests;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Records of parameters (JAX's pytrees) for the harness: their differentiable leaves ({@code double},
 * {@code double[]}, {@code double[][]} components, nested records' included) in declaration order,
 * depth first, which is how finite differences perturb them and how failures name them
 * ({@code p.hidden().w()[1][0]}). A value that is no record is its own one leaf.
 */
public final class Pytrees {
    private Pytrees() {}

    public static boolean isRecord(Object v) {
        return v != null && v.getClass().isRecord();
    }

    /** Whether values of {@code t} can be differentiated: a double, an array of doubles, or a record with such a leaf. */
    public static boolean isDifferentiable(Class<?> t) {
        if (t == double.class || t == double[].class || t == double[][].class) {
            return true;
        }
        if (t.isRecord()) {
            for (RecordComponent c : t.getRecordComponents()) {
                if (isDifferentiable(c.getType())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isLeafType(Class<?> t) {
        return t == double.class || t == double[].class || t == double[][].class;
    }

    /** The values of a record's components, in declaration order. */
    public static Object[] components(Object record) {
        RecordComponent[] rc = record.getClass().getRecordComponents();
        Object[] out = new Object[rc.length];
        for (int k = 0; k < rc.length; k++) {
            try {
                rc[k].getAccessor().setAccessible(true);
                out[k] = rc[k].getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + rc[k], e);
            }
        }
        return out;
    }

    /** A new record of {@code type} through its canonical constructor. */
    public static Object rebuild(Class<?> type, Object[] components) {
        RecordComponent[] rc = type.getRecordComponents();
        Class<?>[] types = new Class<?>[rc.length];
        for (int k = 0; k < rc.length; k++) {
            types[k] = rc[k].getType();
        }
        try {
            Constructor<?> c = type.getDeclaredConstructor(types);
            c.setAccessible(true);
            return c.newInstance(components);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }

    /** The differentiable leaves of {@code v}: itself if it is no record. */
    public static List<Object> leaves(Object v) {
        List<Object> out = new ArrayList<>();
        leaves(v, out);
        return out;
    }

    private static void leaves(Object v, List<Object> out) {
        if (!isRecord(v)) {
            out.add(v);
            return;
        }
        RecordComponent[] rc = v.getClass().getRecordComponents();
        Object[] values = components(v);
        for (int k = 0; k < rc.length; k++) {
            if (rc[k].getType().isRecord()) {
                leaves(values[k], out);
            } else if (isLeafType(rc[k].getType())) {
                out.add(values[k]);
            }
        }
    }

    /** The names of the leaves of {@code v} as the body reads them: {@code name}, or {@code name.w1()}. */
    public static List<String> leafNames(String name, Object v) {
        List<String> out = new ArrayList<>();
        leafNames(name, v, out);
        return out;
    }

    private static void leafNames(String name, Object v, List<String> out) {
        if (!isRecord(v)) {
            out.add(name);
            return;
        }
        RecordComponent[] rc = v.getClass().getRecordComponents();
        Object[] values = components(v);
        for (int k = 0; k < rc.length; k++) {
            String inner = name + "." + rc[k].getName() + "()";
            if (rc[k].getType().isRecord()) {
                leafNames(inner, values[k], out);
            } else if (isLeafType(rc[k].getType())) {
                out.add(inner);
            }
        }
    }

    /** {@code v} with its leaves replaced, in order, by {@code leaves}: the next one itself if {@code v} is no record. */
    public static Object withLeaves(Object v, Iterator<Object> leaves) {
        if (!isRecord(v)) {
            return leaves.next();
        }
        RecordComponent[] rc = v.getClass().getRecordComponents();
        Object[] values = components(v);
        for (int k = 0; k < rc.length; k++) {
            if (rc[k].getType().isRecord()) {
                values[k] = withLeaves(values[k], leaves);
            } else if (isLeafType(rc[k].getType())) {
                values[k] = leaves.next();
            }
        }
        return rebuild(v.getClass(), values);
    }
}
