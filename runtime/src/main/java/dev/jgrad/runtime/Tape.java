package dev.jgrad.runtime;

/**
 * The tape of one gradient call: stacks of the values that the forward sweep overwrites and the
 * reverse sweep needs, and of the branch decisions and trip counts that replay control flow.
 *
 * <p>Each stack is a chain of blocks that double in size up to {@value #MAX_BLOCK} values: nothing
 * is ever copied as it grows, a short call allocates little, and a block freed by the reverse sweep
 * is reused if the forward sweep pushes again. Generated code makes one tape per call and drops it
 * at the end, so calls share nothing and the memory goes with the call. Not thread-safe, and it need
 * not be: a tape never leaves its call.
 */
public final class Tape {
    private static final int FIRST_BLOCK = 64;
    private static final int MAX_BLOCK = 1 << 16;

    private final Doubles doubles = new Doubles();
    private final Ints ints = new Ints();
    private final Longs longs = new Longs();
    private final Refs refs = new Refs();

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

    /** The size of the block after one of {@code size}. */
    static int next(int size) {
        return size == 0 ? FIRST_BLOCK : Math.min(MAX_BLOCK, size * 2);
    }

    // One class per element type keeps pushes and pops monomorphic and free of boxing.

    private static final class Doubles {
        private double[][] blocks = new double[4][];
        private int block = -1;
        private double[] current = new double[0];
        private int top;

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
        private int[] current = new int[0];
        private int top;

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
        private long[] current = new long[0];
        private int top;

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
        private Object[] current = new Object[0];
        private int top;

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
