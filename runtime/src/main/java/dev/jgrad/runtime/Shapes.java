package dev.jgrad.runtime;

/**
 * The shape checks of {@link dev.jgrad.Ops}, shared by the eager methods and by the loops the processor
 * generates for them, so that a shape error reads the same whichever runs.
 *
 * <p>Every check throws {@link IllegalArgumentException} whose message starts with the op's name and
 * names the shapes involved in argument order, shapes printed as {@code [n]} and {@code [n][m]}:
 * <pre>
 * add: shapes [3] and [4] do not match
 * matvec: shapes [2][3] and [4] do not match
 * sum: a ragged double[][] (row 2 has 3 entries, row 0 has 4)
 * max: an empty array has no max
 * </pre>
 * A {@code double[][]} must be rectangular (every row as long as row 0); it has {@code a.length} rows and
 * {@code a[0].length} columns, or 0 columns when it has no rows. Every check of a matrix argument checks
 * that first.
 */
public final class Shapes {
    private Shapes() {}

    /** The number of rows of {@code a}: {@code a.length}. */
    public static int rows(double[][] a) {
        return a.length;
    }

    /**
     * The number of columns of {@code a} (0 when it has no rows), after checking that every row is as
     * long as row 0.
     *
     * @throws IllegalArgumentException {@code op: a ragged double[][] (row i has k entries, row 0 has m)}
     */
    public static int cols(String op, double[][] a) {
        if (a.length == 0) {
            return 0;
        }
        int m = a[0].length;
        for (int i = 1; i < a.length; i++) {
            if (a[i].length != m) {
                throw new IllegalArgumentException(raggedRow(op, a, i));
            }
        }
        return m;
    }

    /** Checks that {@code a} is rectangular (see {@link #cols}). */
    public static void rectangular(String op, double[][] a) {
        cols(op, a);
    }

    /**
     * The number of columns of {@code a} as row 0 gives it (0 when it has no rows), without looking at
     * the other rows: for the loops the processor generates, which check each row where they first
     * read it ({@link #ragged}) rather than in a pass of their own before they start.
     */
    public static int width(double[][] a) {
        return a.length == 0 ? 0 : a[0].length;
    }

    /**
     * Whether every row of {@code a} is as long as row 0 (true when it has no rows); false, not a
     * {@link NullPointerException}, for a null row, so that a generated method can run the checks
     * that come first in the eager order before the one that throws for it.
     */
    public static boolean isRectangular(double[][] a) {
        if (a.length == 0) {
            return true;
        }
        double[] first = a[0];
        if (first == null) {
            return false;
        }
        for (double[] row : a) {
            if (row == null || row.length != first.length) {
                return false;
            }
        }
        return true;
    }

    /**
     * The message of the exception {@link #cols} throws for {@code a}, for a generated loop that found a
     * row of {@code a} not as long as row 0: the rows are read again from row 1, in order, as
     * {@link #cols} reads them, so that the message names the first such row, and a null row before it
     * throws the {@link NullPointerException} that {@link #cols} would throw.
     */
    public static String ragged(String op, double[][] a) {
        int m = a[0].length;
        for (int i = 1; i < a.length; i++) {
            if (a[i].length != m) {
                return raggedRow(op, a, i);
            }
        }
        // every row is as long as row 0 now: another thread changed a row while the loop ran
        return op + ": a ragged double[][] (a row changed while it was read)";
    }

    private static String raggedRow(String op, double[][] a, int i) {
        return op + ": a ragged double[][] (row " + i + " has " + a[i].length + " entries, row 0 has "
                + a[0].length + ")";
    }

    /** {@code a}'s shape as printed in messages: {@code [n]}. */
    public static String shape(double[] a) {
        return "[" + a.length + "]";
    }

    /** {@code a}'s shape as printed in messages: {@code [rows][cols]} ({@code a} rectangular). */
    public static String shape(double[][] a) {
        return "[" + a.length + "][" + (a.length == 0 ? 0 : a[0].length) + "]";
    }

    // ------------------------------------------------------------------------------------------
    // Element-wise operands (numpy broadcasting of a vector along the rows of a matrix)

    /**
     * Checks that two vectors of an element-wise op have the same length, and returns it.
     *
     * @throws IllegalArgumentException {@code op: shapes [n] and [m] do not match}
     */
    public static int broadcast(String op, double[] a, double[] b) {
        if (a.length != b.length) {
            throw mismatch(op, shape(a), shape(b));
        }
        return a.length;
    }

    /**
     * Checks that two matrices of an element-wise op are rectangular and of the same shape.
     *
     * @throws IllegalArgumentException for a ragged matrix, or {@code op: shapes [n][m] and [p][q] do not match}
     */
    public static void broadcast(String op, double[][] a, double[][] b) {
        int ca = cols(op, a);
        int cb = cols(op, b);
        if (a.length != b.length || ca != cb) {
            throw mismatch(op, shape(a), shape(b));
        }
    }

    /**
     * Checks that a vector broadcast along the rows of matrix {@code a} is as long as a row.
     *
     * @throws IllegalArgumentException for a ragged matrix, or {@code op: shapes [n][m] and [k] do not match}
     */
    public static void broadcast(String op, double[][] a, double[] v) {
        if (cols(op, a) != v.length) {
            throw mismatch(op, shape(a), shape(v));
        }
    }

    /**
     * Checks that a vector broadcast along the rows of matrix {@code a} is as long as a row.
     *
     * @throws IllegalArgumentException for a ragged matrix, or {@code op: shapes [k] and [n][m] do not match}
     */
    public static void broadcast(String op, double[] v, double[][] a) {
        if (cols(op, a) != v.length) {
            throw mismatch(op, shape(v), shape(a));
        }
    }

    // ------------------------------------------------------------------------------------------
    // Contractions (the last axis of the first operand against the first axis of the second)

    /**
     * Checks the operands of {@code dot}: two vectors of the same length, which it returns.
     *
     * @throws IllegalArgumentException {@code op: shapes [n] and [m] do not match}
     */
    public static int contract(String op, double[] a, double[] b) {
        return broadcast(op, a, b);
    }

    /**
     * Checks the operands of {@code matvec}: {@code cols(a) == x.length}.
     *
     * @throws IllegalArgumentException for a ragged matrix, or {@code op: shapes [n][m] and [k] do not match}
     */
    public static void contract(String op, double[][] a, double[] x) {
        if (cols(op, a) != x.length) {
            throw mismatch(op, shape(a), shape(x));
        }
    }

    /**
     * Checks the operands of {@code vecmat}: {@code x.length == rows(a)}.
     *
     * @throws IllegalArgumentException for a ragged matrix, or {@code op: shapes [k] and [n][m] do not match}
     */
    public static void contract(String op, double[] x, double[][] a) {
        cols(op, a);
        if (x.length != a.length) {
            throw mismatch(op, shape(x), shape(a));
        }
    }

    /**
     * Checks the operands of {@code matmul}: {@code cols(a) == rows(b)}.
     *
     * @throws IllegalArgumentException for a ragged matrix, or {@code op: shapes [n][m] and [p][q] do not match}
     */
    public static void contract(String op, double[][] a, double[][] b) {
        int ca = cols(op, a);
        cols(op, b);
        if (ca != b.length) {
            throw mismatch(op, shape(a), shape(b));
        }
    }

    // ------------------------------------------------------------------------------------------
    // Reductions that need an entry

    /**
     * Checks that a reduction with no identity ({@code max}, {@code min}) has at least one entry.
     *
     * @throws IllegalArgumentException {@code op: an empty array has no op}
     */
    public static void nonEmpty(String op, int count) {
        if (count == 0) {
            throw new IllegalArgumentException(op + ": an empty array has no " + op);
        }
    }

    // ------------------------------------------------------------------------------------------
    // The same checks on dimensions, for the loops the processor generates from Ops calls, whose
    // operands are often not arrays (the product in add(matvec(x, w), b) is never stored): the same
    // conditions and the same messages as the checks above.

    /**
     * Checks {@code [n]} against {@code [m]}: the same length (element-wise ops, {@code dot}).
     *
     * @throws IllegalArgumentException {@code op: shapes [n] and [m] do not match}
     */
    public static void sameLength(String op, int n, int m) {
        if (n != m) {
            throw mismatch(op, "[" + n + "]", "[" + m + "]");
        }
    }

    /**
     * Checks {@code [r][c]} against {@code [p][q]}: the same shape (element-wise ops).
     *
     * @throws IllegalArgumentException {@code op: shapes [r][c] and [p][q] do not match}
     */
    public static void sameShape(String op, int r, int c, int p, int q) {
        if (r != p || c != q) {
            throw mismatch(op, "[" + r + "][" + c + "]", "[" + p + "][" + q + "]");
        }
    }

    /**
     * Checks a matrix {@code [r][c]} against a vector {@code [n]} as long as a row ({@code matvec},
     * a vector broadcast along the rows).
     *
     * @throws IllegalArgumentException {@code op: shapes [r][c] and [n] do not match}
     */
    public static void matrixAndRow(String op, int r, int c, int n) {
        if (c != n) {
            throw mismatch(op, "[" + r + "][" + c + "]", "[" + n + "]");
        }
    }

    /**
     * Checks a vector {@code [n]}, broadcast along the rows of a matrix {@code [r][c]}, as long as a row.
     *
     * @throws IllegalArgumentException {@code op: shapes [n] and [r][c] do not match}
     */
    public static void rowAndMatrix(String op, int n, int r, int c) {
        if (c != n) {
            throw mismatch(op, "[" + n + "]", "[" + r + "][" + c + "]");
        }
    }

    /**
     * Checks a vector {@code [n]} against a matrix {@code [r][c]} with one row per entry ({@code vecmat}).
     *
     * @throws IllegalArgumentException {@code op: shapes [n] and [r][c] do not match}
     */
    public static void vectorAndRows(String op, int n, int r, int c) {
        if (r != n) {
            throw mismatch(op, "[" + n + "]", "[" + r + "][" + c + "]");
        }
    }

    /**
     * Checks {@code [r][c]} against {@code [p][q]} for a product: {@code c == p} ({@code matmul}).
     *
     * @throws IllegalArgumentException {@code op: shapes [r][c] and [p][q] do not match}
     */
    public static void inner(String op, int r, int c, int p, int q) {
        if (c != p) {
            throw mismatch(op, "[" + r + "][" + c + "]", "[" + p + "][" + q + "]");
        }
    }

    private static IllegalArgumentException mismatch(String op, String first, String second) {
        return new IllegalArgumentException(op + ": shapes " + first + " and " + second + " do not match");
    }
}
