package dev.jgrad.runtime;

/**
 * The sums that one chunk of a parallel loop adds up: scalars, and arrays shaped like the adjoint
 * arrays the loop adds into. Generated code reads and writes the fields directly.
 */
public final class Sums {
    public final double[] scalars;
    public final double[][] vectors;
    public final double[][][] matrices;

    /** Zero scalars, and the arrays the loop adds into (for the first chunk, added into in place). */
    public Sums(int scalars, double[][] vectors, double[][][] matrices) {
        this.scalars = new double[scalars];
        this.vectors = vectors;
        this.matrices = matrices;
    }

    /** Zero sums of the same shape, for another chunk. */
    Sums zeros() {
        double[][] v = new double[vectors.length][];
        for (int k = 0; k < v.length; k++) {
            v[k] = Arrays2.zerosLike(vectors[k]);
        }
        double[][][] m = new double[matrices.length][][];
        for (int k = 0; k < m.length; k++) {
            m[k] = Arrays2.zerosLike(matrices[k]);
        }
        return new Sums(scalars.length, v, m);
    }

    /** Adds {@code other} into this, element by element. */
    void add(Sums other) {
        for (int k = 0; k < scalars.length; k++) {
            scalars[k] += other.scalars[k];
        }
        for (int k = 0; k < vectors.length; k++) {
            Arrays2.addInto(other.vectors[k], vectors[k]);
        }
        for (int k = 0; k < matrices.length; k++) {
            Arrays2.addInto(other.matrices[k], matrices[k]);
        }
    }
}
