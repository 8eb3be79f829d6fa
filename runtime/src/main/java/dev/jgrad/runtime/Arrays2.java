package dev.jgrad.runtime;

/**
 * Array helpers for generated code: fresh adjoint arrays of the same shape as a primal array, and
 * the copies by which a gradient gives the caller its arrays back as the source method leaves them.
 */
public final class Arrays2 {
    private Arrays2() {}

    /** A zero array of the same length as {@code a}, or null for null. */
    public static double[] zerosLike(double[] a) {
        return a == null ? null : new double[a.length];
    }

    /** Zero rows of the same lengths as those of {@code a} (ragged rows included); null rows stay null. */
    public static double[][] zerosLike(double[][] a) {
        if (a == null) {
            return null;
        }
        double[][] z = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            z[i] = a[i] == null ? null : new double[a[i].length];
        }
        return z;
    }

    /** A copy of {@code a}, or null for null. */
    public static double[] copyOf(double[] a) {
        return a == null ? null : a.clone();
    }

    /** The rows of {@code m} as they are now (the row objects themselves, not copies), or null for null. */
    public static double[][] rowsOf(double[][] m) {
        return m == null ? null : m.clone();
    }

    /**
     * What a gradient must give back to the caller of a matrix that the method writes into: the
     * row objects {@code m} holds now, and the contents of each of them and of each of
     * {@code entryRows} (the rows it held at entry, which the method may have replaced; null if it
     * replaces none). {@link #restoreRows} puts it all back, identity of the rows included: the
     * caller's row objects stay in place, and rows the method made shared stay shared.
     *
     * <p>The result is packed in one array: {@code m.length} row references, then pairs of a row
     * object and a copy of its contents, each distinct row object once.
     */
    public static double[][] saveRows(double[][] m, double[][] entryRows) {
        if (m == null) {
            return null;
        }
        java.util.List<double[]> saved = new java.util.ArrayList<>(m.length * 3);
        java.util.Collections.addAll(saved, m);
        java.util.Set<double[]> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (double[][] rows : entryRows == null ? new double[][][] {m} : new double[][][] {m, entryRows}) {
            for (double[] row : rows) {
                if (row != null && seen.add(row)) {
                    saved.add(row);
                    saved.add(row.clone());
                }
            }
        }
        return saved.toArray(new double[0][]);
    }

    public static int[] copyOf(int[] a) {
        return a == null ? null : a.clone();
    }

    /** Writes the contents of {@code from} back into {@code to}, which has the same shape. */
    public static void copyInto(double[] from, double[] to) {
        if (from != null) {
            System.arraycopy(from, 0, to, 0, from.length);
        }
    }

    /** Gives {@code m} back the rows and contents that {@link #saveRows} saved from it. */
    public static void restoreRows(double[][] saved, double[][] m) {
        if (saved == null) {
            return;
        }
        System.arraycopy(saved, 0, m, 0, m.length);
        for (int k = m.length; k < saved.length; k += 2) {
            System.arraycopy(saved[k + 1], 0, saved[k], 0, saved[k].length);
        }
    }

    public static void copyInto(int[] from, int[] to) {
        if (from != null) {
            System.arraycopy(from, 0, to, 0, from.length);
        }
    }

    public static boolean[] copyOf(boolean[] a) {
        return a == null ? null : a.clone();
    }

    public static void copyInto(boolean[] from, boolean[] to) {
        if (from != null) {
            System.arraycopy(from, 0, to, 0, from.length);
        }
    }

    /** {@code to[i] += from[i]} for every i. */
    public static void addInto(double[] from, double[] to) {
        for (int i = 0; i < from.length; i++) {
            to[i] += from[i];
        }
    }

    /** {@code to[i][j] += from[i][j]} for every i, j. */
    public static void addInto(double[][] from, double[][] to) {
        for (int i = 0; i < from.length; i++) {
            if (from[i] != null) {
                addInto(from[i], to[i]);
            }
        }
    }

    /** A copy of {@code a} (a tangent the caller passed, which generated code then writes), or null for null. */
    public static double[] deepCopy(double[] a) {
        return a == null ? null : a.clone();
    }

    /** A copy of {@code m} and of each of its rows (null rows stay null), or null for null. */
    public static double[][] deepCopy(double[][] m) {
        if (m == null) {
            return null;
        }
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i] == null ? null : m[i].clone();
        }
        return c;
    }

    // ---- the flat vectors of @Hessian: wrt parameters flattened in parameter order, a matrix row-major

    /** How many entries {@code a} takes in a flat vector (0 for null). */
    public static int flatLength(double[] a) {
        return a == null ? 0 : a.length;
    }

    /** How many entries {@code m} takes in a flat vector: the lengths of its rows (null rows take none). */
    public static int flatLength(double[][] m) {
        int n = 0;
        if (m != null) {
            for (double[] row : m) {
                n += row == null ? 0 : row.length;
            }
        }
        return n;
    }

    /** Throws unless {@code v} has {@code n} entries: one per entry of the wrt parameters. */
    public static void checkFlat(double[] v, int n, String name, String method) {
        if (v == null || v.length != n) {
            throw new IllegalArgumentException("jgrad: " + name + " has " + (v == null ? "no" : String.valueOf(v.length))
                    + " entries; " + method + " has " + n + " (its wrt parameters, flattened in parameter order)");
        }
    }

    /** The entries of {@code v} from {@code at}, in an array of the shape of {@code like}. */
    public static double[] take(double[] v, int at, double[] like) {
        if (like == null) {
            return null;
        }
        double[] a = new double[like.length];
        System.arraycopy(v, at, a, 0, a.length);
        return a;
    }

    /** The entries of {@code v} from {@code at}, row by row, in a matrix of the shape of {@code like}. */
    public static double[][] take(double[] v, int at, double[][] like) {
        if (like == null) {
            return null;
        }
        double[][] m = new double[like.length][];
        for (int i = 0; i < m.length; i++) {
            m[i] = take(v, at, like[i]);
            at += flatLength(like[i]);
        }
        return m;
    }

    /** The parts ({@code Double}, {@code double[]}, {@code double[][]}) flattened in order, a matrix row-major. */
    public static double[] flatten(Object... parts) {
        int n = 0;
        for (Object p : parts) {
            n += p instanceof Double ? 1 : p instanceof double[] a ? a.length : p instanceof double[][] m ? flatLength(m) : 0;
        }
        double[] out = new double[n];
        int at = 0;
        for (Object p : parts) {
            if (p instanceof Double d) {
                out[at++] = d;
            } else if (p instanceof double[] a) {
                System.arraycopy(a, 0, out, at, a.length);
                at += a.length;
            } else if (p instanceof double[][] m) {
                for (double[] row : m) {
                    if (row != null) {
                        System.arraycopy(row, 0, out, at, row.length);
                        at += row.length;
                    }
                }
            }
        }
        return out;
    }

    /**
     * One matrix flattened row-major: {@code flatten((Object) m)}. Without this overload a call with a
     * {@code double[][]} alone would pass the matrix as the varargs array itself, which javac warns about
     * (and {@code -Werror} builds refuse).
     */
    public static double[] flatten(double[][] m) {
        return flatten((Object) m);
    }

    /** Whether an entry of {@code a} is NaN. */
    public static boolean hasNaN(double[] a) {
        for (double x : a) {
            if (x != x) {
                return true;
            }
        }
        return false;
    }

    /** Whether an entry of a row of {@code m} is NaN. */
    public static boolean hasNaN(double[][] m) {
        for (double[] row : m) {
            if (hasNaN(row)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code h} made exactly symmetric: each pair {@code h[i][j]}, {@code h[j][i]} replaced by its mean,
     * the symmetric matrix nearest to {@code h}. Returns {@code h}.
     */
    public static double[][] symmetrize(double[][] h) {
        for (int i = 0; i < h.length; i++) {
            for (int j = 0; j < i; j++) {
                double mean = 0.5 * (h[i][j] + h[j][i]);
                h[i][j] = mean;
                h[j][i] = mean;
            }
        }
        return h;
    }

    /** The unit vector {@code e_k} of length {@code n}. */
    public static double[] unit(int n, int k) {
        double[] e = new double[n];
        e[k] = 1.0;
        return e;
    }
}
