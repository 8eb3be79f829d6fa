package dev.jgrad.runtime;

/**
 * The arrays of a full Hessian's directions stored side by side: the lanes of an array variable are its
 * entries with one more, innermost, dimension ({@code w[j][lane]} is entry {@code j} of {@code w} in
 * direction {@code lane}), so that the loops over the directions run over contiguous memory. A null
 * array has no entries and null lanes, as in {@link Arrays2}, so that the source's own check of it
 * (or its first read) throws what the source throws.
 */
public final class LaneArrays {
    private LaneArrays() {}

    /** Zeros shaped like {@code a}, each entry with {@code lanes} lanes; null for null. */
    public static double[][] zerosLike(double[] a, int lanes) {
        return a == null ? null : new double[a.length][lanes];
    }

    /** Zeros shaped like {@code m} (its ragged rows included), each entry with {@code lanes} lanes; null for null. */
    public static double[][][] zerosLike(double[][] m, int lanes) {
        if (m == null) {
            return null;
        }
        double[][][] out = new double[m.length][][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] == null ? null : new double[m[i].length][lanes];
        }
        return out;
    }

    /** Zeros shaped like one lane of {@code a}; null for null. */
    public static double[] zerosLikeLane(double[][] a) {
        return a == null ? null : new double[a.length];
    }

    /** Zeros shaped like one lane of {@code m}; null for null. */
    public static double[][] zerosLikeLane(double[][][] m) {
        if (m == null) {
            return null;
        }
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] == null ? null : new double[m[i].length];
        }
        return out;
    }

    /** The number of entries of one lane of {@code a} (0 for null). */
    public static int flatLength(double[][] a) {
        return a == null ? 0 : a.length;
    }

    /** The number of entries of one lane of {@code m} (0 for null). */
    public static int flatLength(double[][][] m) {
        if (m == null) {
            return 0;
        }
        int n = 0;
        for (double[][] row : m) {
            n += row == null ? 0 : row.length;
        }
        return n;
    }

    /** The entries {@code at, at + 1, ...} of the flat lanes {@code v}, copied into the shape of {@code like}. */
    public static double[][] take(double[][] v, int at, double[] like) {
        if (like == null) {
            return null;
        }
        double[][] out = new double[like.length][];
        for (int j = 0; j < like.length; j++) {
            out[j] = v[at + j].clone();
        }
        return out;
    }

    /** The entries {@code at, at + 1, ...} of the flat lanes {@code v}, copied into the shape of {@code like}. */
    public static double[][][] take(double[][] v, int at, double[][] like) {
        if (like == null) {
            return null;
        }
        double[][][] out = new double[like.length][][];
        for (int i = 0; i < like.length; i++) {
            if (like[i] != null) {
                out[i] = new double[like[i].length][];
                for (int j = 0; j < like[i].length; j++) {
                    out[i][j] = v[at++].clone();
                }
            }
        }
        return out;
    }

    /**
     * Lane {@code k} of the lanes of a {@code double} into {@code out[k][at]}, for each row {@code k} of
     * {@code out}: one column of a Hessian whose row {@code k} is direction {@code k}. Returns the next column.
     */
    public static int columns(double[][] out, int at, double[] lanes) {
        for (int k = 0; k < out.length; k++) {
            out[k][at] = lanes[k];
        }
        return at + 1;
    }

    /** The lanes of each entry of a {@code double[]} as the columns {@code at, at + 1, ...}; returns the next. */
    public static int columns(double[][] out, int at, double[][] lanes) {
        if (lanes == null) {
            return at;
        }
        for (double[] entry : lanes) {
            at = columns(out, at, entry);
        }
        return at;
    }

    /** The lanes of each entry of a {@code double[][]}, row-major, as the next columns; returns the next. */
    public static int columns(double[][] out, int at, double[][][] lanes) {
        if (lanes == null) {
            return at;
        }
        for (double[][] row : lanes) {
            if (row != null) {
                at = columns(out, at, row);
            }
        }
        return at;
    }
}
