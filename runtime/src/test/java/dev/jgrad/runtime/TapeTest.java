package dev.jgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicReference;
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

    @Test
    void aReleasedTapeIsTheThreadsSpareAndComesBackEmpty() {
        Tape first = Tape.acquire();
        for (int k = 0; k < 1_000; k++) {
            first.pushDouble(k);
            first.pushInt(k);
        }
        first.pushRef(new double[1]);
        // a call that completes without popping everything: release still empties the tape
        Tape.release(first);
        Tape again = Tape.acquire();
        assertSame(first, again);
        again.pushDouble(7);
        again.pushRef(null);
        assertNull(again.popRef());
        assertEquals(7, again.popDouble());
        Tape.release(again);
    }

    @Test
    void aTapeInUseIsNeverHandedOutTwice() {
        // a gradient that runs while another is in progress on the same thread (re-entrance)
        Tape outer = Tape.acquire();
        outer.pushDouble(1);
        Tape inner = Tape.acquire();
        assertNotSame(outer, inner);
        inner.pushDouble(2);
        assertEquals(2, inner.popDouble());
        Tape.release(inner);
        assertEquals(1, outer.popDouble());
        Tape.release(outer);
        // one spare per thread: the last released
        assertSame(outer, Tape.acquire());
    }

    @Test
    void aCallThatThrowsLeavesTheNextCallAWorkingTape() {
        Tape lost = Tape.acquire();
        lost.pushDouble(3);
        // the call throws here: its tape is never released
        Tape next = Tape.acquire();
        assertNotSame(lost, next);
        next.pushDouble(4);
        assertEquals(4, next.popDouble());
        Tape.release(next);
        assertSame(next, Tape.acquire());
    }

    @Test
    void threadsHaveSparesOfTheirOwn() throws InterruptedException {
        Tape mine = Tape.acquire();
        Tape.release(mine);
        AtomicReference<Tape> theirs = new AtomicReference<>();
        Thread t = new Thread(() -> theirs.set(Tape.acquire()));
        t.start();
        t.join();
        assertNotSame(mine, theirs.get());
        assertSame(mine, Tape.acquire());
    }

    @Test
    void aReleasedTapeKeepsItsFirstBlocksOnly() {
        Tape big = Tape.acquire();
        int n = 3_000_000;
        for (int k = 0; k < n; k++) {
            big.pushDouble(k);
        }
        Tape.release(big);
        Tape t = Tape.acquire();
        for (int k = 0; k < n; k++) {
            t.pushDouble(-k);
        }
        for (int k = n - 1; k >= 0; k--) {
            assertEquals(-k, t.popDouble());
        }
        Tape.release(t);
    }
}
