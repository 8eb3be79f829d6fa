package dev.jgrad.runtime;

/**
 * What generated code does with a partial derivative that a user's {@code @Derivative} method gives for
 * an array parameter: check that it has the parameter's shape before reading it, and, in forward mode,
 * contract it with the parameter's tangent. The partial is only read, never written: a derivative method
 * may return the same array at every call, or one of its arguments.
 */
public final class Partials {
    private Partials() {}

    /**
     * {@code partial}, after checking that it is as long as the argument {@code x} of parameter
     * {@code param}.
     *
     * @throws IllegalArgumentException {@code C.fDx returned shape [3] for parameter 'x' of shape [4]: ...}
     */
    public static double[] checked(String method, String param, double[] partial, double[] x) {
        if (partial == null || partial.length != x.length) {
            throw mismatch(method, param, partial == null ? "null" : "[" + partial.length + "]", "[" + x.length + "]");
        }
        return partial;
    }

    /**
     * {@code partial}, after checking that it has the rows of the argument {@code x} of parameter
     * {@code param}, each as long as {@code x}'s (ragged rows included; a null row of {@code x} is an
     * error, since the adjoint and the tangent read the partial row by row).
     *
     * @throws IllegalArgumentException {@code C.fDm returned shape [2][3] for parameter 'm' of shape [2][4]: ...}
     */
    public static double[][] checked(String method, String param, double[][] partial, double[][] x) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null) {
                throw new IllegalArgumentException(method + ": row " + i + " of the argument for parameter '" + param
                        + "' is null, and a partial in it has no row to give: pass a matrix without null rows");
            }
        }
        boolean same = partial != null && partial.length == x.length;
        for (int i = 0; same && i < x.length; i++) {
            same = partial[i] != null && partial[i].length == x[i].length;
        }
        if (!same) {
            throw mismatch(method, param, shape(partial), shape(x));
        }
        return partial;
    }

    /** {@code sum_i partial[i] * tangent[i]}: the tangent of the result along a {@code double[]} argument. */
    public static double dot(double[] partial, double[] tangent) {
        double s = 0;
        for (int i = 0; i < partial.length; i++) {
            s += partial[i] * tangent[i];
        }
        return s;
    }

    /** {@code sum_ij partial[i][j] * tangent[i][j]}: the tangent of the result along a {@code double[][]} argument. */
    public static double dot(double[][] partial, double[][] tangent) {
        double s = 0;
        for (int i = 0; i < partial.length; i++) {
            s += dot(partial[i], tangent[i]);
        }
        return s;
    }

    /** A shape as in the messages of {@link Shapes}: {@code [n][m]}, or {@code [n][ragged]} with rows of several lengths. */
    private static String shape(double[][] a) {
        if (a == null) {
            return "null";
        }
        if (a.length == 0) {
            return "[0][0]";
        }
        int m = a[0] == null ? -1 : a[0].length;
        for (double[] row : a) {
            if ((row == null ? -1 : row.length) != m) {
                StringBuilder rows = new StringBuilder("[" + a.length + "][rows of ");
                for (int i = 0; i < a.length; i++) {
                    rows.append(i == 0 ? "" : ", ").append(a[i] == null ? "null" : Integer.toString(a[i].length));
                }
                return rows.append("]").toString();
            }
        }
        return "[" + a.length + "][" + (m < 0 ? "null" : Integer.toString(m)) + "]";
    }

    private static IllegalArgumentException mismatch(String method, String param, String got, String want) {
        return new IllegalArgumentException(method + " returned shape " + got + " for parameter '" + param
                + "' of shape " + want + ": a @Derivative method returns an array of its parameter's shape");
    }
}
