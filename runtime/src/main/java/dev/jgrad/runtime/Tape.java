package dev.jgrad.runtime;

/**
 * The tape of one gradient call: stacks of the values that the forward sweep overwrites and the
 * reverse sweep needs, and of the branch decisions and trip counts that replay control flow.
 *
 * <p>Each stack is a chain of blocks that double in size up to {@value #MAX_BLOCK} values: nothing
 * is ever copied as it grows, a short call allocates little, and a block freed by the reverse sweep
 * is reused if the forward sweep pushes again.
 *
 * <p>Generated code takes its tape with {@link #acquire()} and hands it back with {@link #release}
 * when the call completes: each thread keeps one spare tape, so that a steady stream of calls
 * allocates no tape at all (a fresh tape per call cost a W1 1,000 x 10 gradient 16 KB and a quarter
 * of its time). Calls still share nothing: the spare belongs to one thread, and a tape in use is
 * never the spare, so a gradient that runs while another is in progress on the same thread (a
 * user's derivative that calls a gradient) simply gets a fresh tape. A call that throws never
 * hands its tape back; the next call on that thread makes a new one. A released tape keeps at most
 * its first {@value #KEPT_BLOCKS} blocks per stack ({@value #KEPT_VALUES} values, 8 MB of doubles):
 * a call that needs more allocates the rest each time, and one huge call does not pin its memory to
 * the thread. Not thread-safe, and it need not be: a tape never leaves its call.
 */
public final class Tape {
    private static final int FIRST_BLOCK = 64;
    private static final int MAX_BLOCK = 1 << 16;
    /** Blocks of 64, 128, ..., 65,536 values, then 14 more of 65,536: {@value #KEPT_VALUES} values in all. */
    private static final int KEPT_BLOCKS = 25;
    private static final int KEPT_VALUES = (1 << 17) - FIRST_BLOCK + 14 * MAX_BLOCK;
    private static final ThreadLocal<Tape[]> SPARE = ThreadLocal.withInitial(() -> new Tape[1]);

    private final Doubles doubles = new Doubles();
    private final Ints ints = new Ints();
    private final Longs longs = new Longs();
    private final Refs refs = new Refs();

    /** A tape for one gradient call: this thread's spare if it has one, emptied, else a new one. */
    public static Tape acquire() {
        Tape[] spare = SPARE.get();
        Tape t = spare[0];
        if (t == null) {
            return new Tape();
        }
        spare[0] = null;
        return t;
    }

    /**
     * Hands back a tape when its call completes: emptied (references dropped, large blocks freed), it
     * becomes this thread's spare. The caller must not touch it afterwards.
     */
    public static void release(Tape t) {
        t.doubles.clear();
        t.ints.clear();
        t.longs.clear();
        t.refs.clear();
        SPARE.get()[0] = t;
    }

    public void pushDouble(double v) {
        doubles.push(v);
    }

    public double popDouble() {
        return doubles.pop();
    }

    public void pushInt(int v) {
        ints.push(v);
    }

    public int popInt() {
        return ints.pop();
    }

    /** Branch decisions go on the int stack: one slot each, read back in reverse order. */
    public void pushBoolean(boolean v) {
        ints.push(v ? 1 : 0);
    }

    public boolean popBoolean() {
        return ints.pop() != 0;
    }

    public void pushLong(long v) {
        longs.push(v);
    }

    public long popLong() {
        return longs.pop();
    }

    /** Array references that the forward sweep replaces (a local array allocated in a loop). */
    public void pushRef(Object v) {
        refs.push(v);
    }

    @SuppressWarnings("unchecked")
    public <T> T popRef() {
        return (T) refs.pop();
    }

    private static final double[] EMPTY_DOUBLE = {};
    private static final int[] EMPTY_INT = {};
    private static final long[] EMPTY_LONG = {};
    private static final Object[] EMPTY_OBJECT = {};

    /** The size of the block after one of {@code size}. */
    static int next(int size) {
        return size == 0 ? FIRST_BLOCK : Math.min(MAX_BLOCK, size * 2);
    }

    // One class per element type keeps pushes and pops monomorphic and free of boxing.

    private static final class Doubles {
        private double[][] blocks = new double[4][];
        private int block = -1;
        private double[] current = EMPTY_DOUBLE;
        private int top;

        void clear() {
            for (int k = KEPT_BLOCKS; k < blocks.length; k++) {
                blocks[k] = null;
            }
            block = -1;
            current = EMPTY_DOUBLE;
            top = 0;
        }

        void push(double v) {
            if (top == current.length) {
                advance();
            }
            current[top++] = v;
        }

        double pop() {
            if (top == 0) {
                current = blocks[--block];
                top = current.length;
            }
            return current[--top];
        }

        private void advance() {
            block++;
            if (block == blocks.length) {
                blocks = java.util.Arrays.copyOf(blocks, blocks.length * 2);
            }
            if (blocks[block] == null) {
                blocks[block] = new double[next(current.length)];
            }
            current = blocks[block];
            top = 0;
        }
    }

    private static final class Ints {
        private int[][] blocks = new int[4][];
        private int block = -1;
        private int[] current = EMPTY_INT;
        private int top;

        void clear() {
            for (int k = KEPT_BLOCKS; k < blocks.length; k++) {
                blocks[k] = null;
            }
            block = -1;
            current = EMPTY_INT;
            top = 0;
        }

        void push(int v) {
            if (top == current.length) {
                advance();
            }
            current[top++] = v;
        }

        int pop() {
            if (top == 0) {
                current = blocks[--block];
                top = current.length;
            }
            return current[--top];
        }

        private void advance() {
            block++;
            if (block == blocks.length) {
                blocks = java.util.Arrays.copyOf(blocks, blocks.length * 2);
            }
            if (blocks[block] == null) {
                blocks[block] = new int[next(current.length)];
            }
            current = blocks[block];
            top = 0;
        }
    }

    private static final class Longs {
        private long[][] blocks = new long[4][];
        private int block = -1;
        private long[] current = EMPTY_LONG;
        private int top;

        void clear() {
            for (int k = KEPT_BLOCKS; k < blocks.length; k++) {
                blocks[k] = null;
            }
            block = -1;
            current = EMPTY_LONG;
            top = 0;
        }

        void push(long v) {
            if (top == current.length) {
                advance();
            }
            current[top++] = v;
        }

        long pop() {
            if (top == 0) {
                current = blocks[--block];
                top = current.length;
            }
            return current[--top];
        }

        private void advance() {
            block++;
            if (block == blocks.length) {
                blocks = java.util.Arrays.copyOf(blocks, blocks.length * 2);
            }
            if (blocks[block] == null) {
                blocks[block] = new long[next(current.length)];
            }
            current = blocks[block];
            top = 0;
        }
    }

    private static final class Refs {
        private Object[][] blocks = new Object[4][];
        private int block = -1;
        private Object[] current = EMPTY_OBJECT;
        private int top;

        /** Drops every reference still held (pops clear theirs; a call may leave some). */
        void clear() {
            for (int k = 0; k < blocks.length; k++) {
                if (k >= KEPT_BLOCKS) {
                    blocks[k] = null;
                } else if (blocks[k] != null) {
                    java.util.Arrays.fill(blocks[k], null);
                }
            }
            block = -1;
            current = EMPTY_OBJECT;
            top = 0;
        }

        void push(Object v) {
            if (top == current.length) {
                advance();
            }
            current[top++] = v;
        }

        Object pop() {
            if (top == 0) {
                current = blocks[--block];
                top = current.length;
            }
            Object v = current[--top];
            current[top] = null;
            return v;
        }

        private void advance() {
            block++;
            if (block == blocks.length) {
                blocks = java.util.Arrays.copyOf(blocks, blocks.length * 2);
            }
            if (blocks[block] == null) {
                blocks[block] = new Object[next(current.length)];
            }
            current = blocks[block];
            top = 0;
        }
    }
}
