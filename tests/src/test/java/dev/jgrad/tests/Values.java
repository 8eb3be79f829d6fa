package dev.jgrad.tests;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/** Deep copies and bit-exact comparisons of the argument types of the subset. */
public final class Values {
    private Values() {}

    /** A copy that shares no array with {@code v} (rows of a double[][] included, null rows kept). */
    public static Object deepCopy(Object v) {
        if (v instanceof double[] a) {
            return a.clone();
        }
        if (v instanceof double[][] m) {
            double[][] c = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                c[i] = m[i] == null ? null : m[i].clone();
            }
            return c;
        }
        if (v instanceof int[] a) {
            return a.clone();
        }
        if (Pytrees.isRecord(v)) {
            Object[] c = Pytrees.components(v);
            for (int k = 0; k < c.length; k++) {
                c[k] = deepCopy(c[k]);
            }
            return Pytrees.rebuild(v.getClass(), c);
        }
        if (v instanceof boolean[] a) {
            return a.clone();
        }
        return v; // boxed primitives are immutable
    }

    public static Object[] deepCopy(Object[] args) {
        Object[] c = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            c[i] = deepCopy(args[i]);
        }
        return c;
    }

    /**
     * The rows of a matrix argument {@code after} a call, by identity: for each row, the index of the
     * row it held at entry ({@code entryRows}) that it is, or of the first row it is the same object as,
     * or {@code new}. Two calls that leave an argument alike give the same pattern.
     */
    static java.util.List<String> rowIdentities(double[][] entryRows, double[][] after) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < after.length; i++) {
            String what = after[i] == null ? "null" : "new";
            for (int k = 0; k < entryRows.length && what.equals("new"); k++) {
                if (after[i] == entryRows[k]) {
                    what = "entry row " + k;
                }
            }
            for (int k = 0; k < i && what.equals("new"); k++) {
                if (after[i] == after[k]) {
                    what = "row " + k;
                }
            }
            out.add(what);
        }
        return out;
    }

    /** Whether two doubles are the same bits, or both NaN. */
    static boolean sameBits(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b) || (Double.isNaN(a) && Double.isNaN(b));
    }

    /** A double printed with its bits, so that values one ulp apart read differently. */
    static String bits(double v) {
        return String.format(Locale.ROOT, "%s (0x%016x)", v, Double.doubleToRawLongBits(v));
    }

    /**
     * Null if {@code actual} equals {@code expected} bit for bit (NaNs aside); else where they first
     * differ, such as {@code [2][1]: expected 0.5, was 0.25}.
     */
    static String firstDifference(Object expected, Object actual) {
        if (expected instanceof double[] e && actual instanceof double[] a) {
            return firstDifference(e, a, "");
        }
        if (expected instanceof double[][] e && actual instanceof double[][] a) {
            if (e.length != a.length) {
                return "length: expected " + e.length + ", was " + a.length;
            }
            for (int i = 0; i < e.length; i++) {
                if (e[i] == null || a[i] == null) {
                    if (e[i] != a[i]) {
                        return "[" + i + "]: expected " + Arrays.toString(e[i]) + ", was " + Arrays.toString(a[i]);
                    }
                    continue;
                }
                String d = firstDifference(e[i], a[i], "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected instanceof int[] e && actual instanceof int[] a) {
            if (!Arrays.equals(e, a)) {
                return "expected " + Arrays.toString(e) + ", was " + Arrays.toString(a);
            }
            return null;
        }
        if (Pytrees.isRecord(expected) && actual != null && actual.getClass() == expected.getClass()) {
            Object[] e = Pytrees.components(expected);
            Object[] a = Pytrees.components(actual);
            java.lang.reflect.RecordComponent[] rc = expected.getClass().getRecordComponents();
            for (int k = 0; k < e.length; k++) {
                String d = e[k] instanceof Double x && a[k] instanceof Double y
                        ? (sameBits(x, y) ? null : "expected " + bits(x) + ", was " + bits(y))
                        : firstDifference(e[k], a[k]);
                if (d != null) {
                    return "." + rc[k].getName() + "(): " + d;
                }
            }
            return null;
        }
        if (expected instanceof boolean[] e && actual instanceof boolean[] a) {
            if (!Arrays.equals(e, a)) {
                return "expected " + Arrays.toString(e) + ", was " + Arrays.toString(a);
            }
            return null;
        }
        return Objects.equals(expected, actual) ? null : "expected " + expected + ", was " + actual;
    }

    private static String firstDifference(double[] e, double[] a, String prefix) {
        if (e.length != a.length) {
            return prefix + " length: expected " + e.length + ", was " + a.length;
        }
        for (int j = 0; j < e.length; j++) {
            if (!sameBits(e[j], a[j])) {
                return prefix + "[" + j + "]: expected " + e[j] + ", was " + a[j];
            }
        }
        return null;
    }
}
