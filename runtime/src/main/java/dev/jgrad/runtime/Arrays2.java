package dev.jgrad.runtime;

/** Array helpers for generated code: fresh adjoint arrays of the same shape as a primal array. */
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

    /** A copy of {@code a} and of each of its rows. */
    public static double[][] copyOf(double[][] a) {
        if (a == null) {
            return null;
        }
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] == null ? null : a[i].clone();
        }
        return c;
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

    public static void copyInto(double[][] from, double[][] to) {
        if (from != null) {
            for (int i = 0; i < from.length; i++) {
                to[i] = from[i] == null ? null : from[i].clone();
            }
        }
    }

    public static void copyInto(int[] from, int[] to) {
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
}
