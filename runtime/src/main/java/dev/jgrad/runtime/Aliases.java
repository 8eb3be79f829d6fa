package dev.jgrad.runtime;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The entry check of a gradient whose method writes into an input array. Its reverse sweep keeps one
 * adjoint per parameter (and per row of a matrix parameter), so an array the method writes must share
 * no storage with any other array argument: not the same array, not a row of a matrix argument, not
 * sharing a row with one, and a written matrix must not hold the same row twice. Otherwise the
 * gradient would be silently wrong; this check throws {@link IllegalArgumentException} naming the
 * parameters instead. It costs identity comparisons: one per row, and a hash of a written matrix's rows.
 */
public final class Aliases {
    private Aliases() {}

    /**
     * Checks that {@code array}, the argument of parameter {@code written} of {@code method}, shares no
     * storage with the {@code others}: pairs of a parameter name and its argument ({@code double[]} or
     * {@code double[][]}).
     */
    public static void check(String method, String written, Object array, Object... others) {
        if (array == null) {
            return;
        }
        Map<double[], Integer> rows = null;
        if (array instanceof double[][] m) {
            rows = new IdentityHashMap<>();
            for (int i = 0; i < m.length; i++) {
                Integer before = m[i] == null ? null : rows.putIfAbsent(m[i], i);
                if (before != null) {
                    throw fail(method, written, "rows " + before + " and " + i + " of parameter " + written
                            + " are the same array");
                }
            }
        }
        for (int k = 0; k < others.length; k += 2) {
            String name = (String) others[k];
            Object other = others[k + 1];
            if (other == null) {
                continue;
            }
            if (other == array) {
                throw fail(method, written, "parameters " + written + " and " + name + " are the same array");
            }
            if (array instanceof double[] v && other instanceof double[][] m) {
                for (int i = 0; i < m.length; i++) {
                    if (m[i] == v) {
                        throw fail(method, written, "parameter " + written + " is row " + i + " of parameter " + name);
                    }
                }
            } else if (rows != null && other instanceof double[] v && rows.containsKey(v)) {
                throw fail(method, written, "parameter " + name + " is row " + rows.get(v) + " of parameter " + written);
            } else if (rows != null && other instanceof double[][] m) {
                for (int i = 0; i < m.length; i++) {
                    Integer j = m[i] == null ? null : rows.get(m[i]);
                    if (j != null) {
                        throw fail(method, written, "row " + j + " of parameter " + written + " is row " + i
                                + " of parameter " + name);
                    }
                }
            }
        }
    }

    private static IllegalArgumentException fail(String method, String written, String what) {
        return new IllegalArgumentException("jgrad: " + what + "; the gradient of " + method
                + " needs arrays that share no storage, because " + method + " writes into " + written);
    }
}
