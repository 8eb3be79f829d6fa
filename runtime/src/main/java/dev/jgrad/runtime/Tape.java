package dev.jgrad.runtime;

import java.util.Arrays;

/**
 * The tape of one gradient call: growable stacks of the values that the forward sweep overwrites and
 * the reverse sweep needs, and of the branch decisions and trip counts that replay control flow.
 *
 * <p>Generated code makes one tape per call and drops it at the end, so calls share nothing and the
 * memory goes with the call. Not thread-safe, and it need not be: a tape never leaves its call.
 */
public final class Tape {
    private static final int INITIAL = 64;

    private double[] doubles = new double[0];
    private int doubleTop;
    private int[] ints = new int[0];
    private int intTop;
    private long[] longs = new long[0];
    private int longTop;
    private Object[] refs = new Object[0];
    private int refTop;

    public void pushDouble(double v) {
        if (doubleTop == doubles.length) {
            doubles = Arrays.copyOf(doubles, grow(doubles.length));
        }
        doubles[doubleTop++] = v;
    }

    public double popDouble() {
        return doubles[--doubleTop];
    }

    public void pushInt(int v) {
        if (intTop == ints.length) {
            ints = Arrays.copyOf(ints, grow(ints.length));
        }
        ints[intTop++] = v;
    }

    public int popInt() {
        return ints[--intTop];
    }

    /** Branch decisions go on the int stack: one slot each, read back in reverse order. */
    public void pushBoolean(boolean v) {
        pushInt(v ? 1 : 0);
    }

    public boolean popBoolean() {
        return popInt() != 0;
    }

    public void pushLong(long v) {
        if (longTop == longs.length) {
            longs = Arrays.copyOf(longs, grow(longs.length));
        }
        longs[longTop++] = v;
    }

    public long popLong() {
        return longs[--longTop];
    }

    /** Array references that the forward sweep replaces (a local array allocated in a loop). */
    public void pushRef(Object v) {
        if (refTop == refs.length) {
            refs = Arrays.copyOf(refs, grow(refs.length));
        }
        refs[refTop++] = v;
    }

    @SuppressWarnings("unchecked")
    public <T> T popRef() {
        T v = (T) refs[--refTop];
        refs[refTop] = null;
        return v;
    }

    private static int grow(int length) {
        int next = length == 0 ? INITIAL : length + (length >> 1) + 1;
        if (next < 0 || next > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("jgrad tape larger than an array can hold");
        }
        return next;
    }
}
