package dev.jgrad.examples.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/** Comparisons and measurements shared by the benchmark tests. */
final class Checks {
    private Checks() {}

    /** Asserts {@code |actual - expected| <= tol * |expected|}. */
    static void assertRelative(double expected, double actual, double tol, String what) {
        assertTrue(Math.abs(actual - expected) <= tol * Math.abs(expected),
                what + ": expected " + expected + " but was " + actual);
    }

    /**
     * Asserts that two gradients, each given as its parts ({@code Double}, {@code double[]} or
     * {@code double[][]}), differ by at most {@code tol} times the largest partial derivative.
     */
    static void assertSameGradient(Object[] expected, Object[] actual, double tol, String what) {
        double[] e = flatten(expected);
        double[] a = flatten(actual);
        assertTrue(e.length == a.length, what + ": " + e.length + " partial derivatives expected, " + a.length + " found");
        double scale = 0;
        double diff = 0;
        int worst = 0;
        for (int k = 0; k < e.length; k++) {
            scale = Math.max(scale, Math.abs(e[k]));
            if (Math.abs(a[k] - e[k]) > diff) {
                diff = Math.abs(a[k] - e[k]);
                worst = k;
            }
        }
        assertTrue(diff <= tol * scale, what + ": partial derivative " + worst + " is " + a[worst]
                + ", expected " + e[worst] + " (largest partial derivative " + scale + ")");
    }

    static double[] flatten(Object... parts) {
        int n = 0;
        for (Object p : parts) {
            if (p instanceof Double) {
                n++;
            } else if (p instanceof double[] v) {
                n += v.length;
            } else {
                for (double[] row : (double[][]) p) {
                    n += row.length;
                }
            }
        }
        double[] flat = new double[n];
        int k = 0;
        for (Object p : parts) {
            if (p instanceof Double d) {
                flat[k++] = d;
            } else if (p instanceof double[] v) {
                System.arraycopy(v, 0, flat, k, v.length);
                k += v.length;
            } else {
                for (double[] row : (double[][]) p) {
                    System.arraycopy(row, 0, flat, k, row.length);
                    k += row.length;
                }
            }
        }
        return flat;
    }

    static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /** Bytes this thread allocates in one call of {@code call}, after three calls of warm-up. */
    static long allocatedBytes(Supplier<?> call) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Object keep = null;
        for (int k = 0; k < 3; k++) {
            keep = call.get();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        keep = call.get();
        long after = threads.getCurrentThreadAllocatedBytes();
        assertTrue(keep != null);
        return after - before;
    }
}
