package dev.jgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TapeTest {
    @Test
    void popsWhatWasPushedInReverseOrderAcrossBlocks() {
        Tape tape = new Tape();
        int n = 300_000;
        for (int k = 0; k < n; k++) {
            tape.pushDouble(k * 0.5);
            tape.pushInt(k);
            tape.pushLong(-k);
            tape.pushBoolean(k % 3 == 0);
        }
        for (int k = n - 1; k >= 0; k--) {
            assertEquals(k % 3 == 0, tape.popBoolean());
            assertEquals(-k, tape.popLong());
            assertEquals(k, tape.popInt());
            assertEquals(k * 0.5, tape.popDouble());
        }
    }

    @Test
    void reusesBlocksWhenPushingAgainAfterPopping() {
        Tape tape = new Tape();
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < 10_000; k++) {
                tape.pushDouble(k + round);
            }
            for (int k = 9_999; k >= 5_000; k--) {
                assertEquals(k + round, tape.popDouble());
            }
            for (int k = 5_000; k < 10_000; k++) {
                tape.pushDouble(-k);
            }
            for (int k = 9_999; k >= 5_000; k--) {
                assertEquals(-k, tape.popDouble());
            }
            for (int k = 4_999; k >= 0; k--) {
                assertEquals(k + round, tape.popDouble());
            }
        }
    }

    @Test
    void dropsReferencesOncePopped() {
        Tape tape = new Tape();
        double[] a = {1};
        double[] b = {2};
        tape.pushRef(a);
        tape.pushRef(b);
        double[] top = tape.popRef();
        assertSame(b, top);
        assertSame(a, tape.popRef());
        tape.pushRef(null);
        assertNull(tape.popRef());
    }

    @Test
    void blocksDoubleUpToTheirLargestSize() {
        assertEquals(64, Tape.next(0));
        assertEquals(128, Tape.next(64));
        assertEquals(1 << 16, Tape.next(1 << 16));
    }
}
