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
}
