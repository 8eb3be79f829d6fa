package dev.jgrad.processor.emit;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.List;

/**
 * An estimate of the bytecode a generated body compiles to, so that a method too large for the JVM
 * (64 KB of code) is reported as a jgrad error rather than as javac's "code too large" in a
 * generated file. The estimate must not be low: it charges each node the longest instruction
 * sequence javac gives it in generated code (a local's load or store, {@code dload 12}, two bytes;
 * four, {@code wide dload}, once the method's locals pass 256 slots; a tape push five bytes besides
 * its value). Measured with javap on written-out methods of 300 to 900 statements (sums, calls,
 * branches, array writes, declarations), the code was 55 to 90 % of the estimate.
 */
public final class CodeSize {
    /** The JVM's limit on the code of one method, in bytes. */
    public static final int LIMIT = 65_535;
    /** Local variable slots addressable without {@code wide}. */
    private static final int NARROW_SLOTS = 256;

    private CodeSize() {}

    /**
     * An upper estimate of the bytecode of {@code body}, in bytes; the parameters take
     * {@code paramSlots} local variable slots.
     */
    public static long estimate(List<Stmt> body, int paramSlots) {
        // slots in order of declaration, none reused: a local's slot is at most this
        java.util.Map<String, Integer> slots = new java.util.HashMap<>();
        int[] next = {paramSlots};
        Walk.statements(body, s -> {
            if (s instanceof Stmt.Decl d && slots.putIfAbsent(d.name(), next[0]) == null) {
                next[0] += d.type().slots();
            }
        });
        java.util.function.ToIntFunction<String> local = n -> slots.getOrDefault(n, 0) < NARROW_SLOTS ? 2 : 4;
        return bytes(body, local);
    }

    private static long bytes(List<Stmt> body, java.util.function.ToIntFunction<String> local) {
        long[] bytes = {0};
        Walk.statements(body, s -> {
            bytes[0] += s instanceof Stmt.Decl d ? local.applyAsInt(d.name()) : statement(s);
            Walk.expressions(s, e -> Walk.postOrder(e, x -> bytes[0] += expression(x, local)));
            if (s instanceof Stmt.Run r) {
                Walk.postOrder(r.call(), x -> bytes[0] += expression(x, local));
            }
            if (s instanceof Stmt.TryFinally t) {
                // javac writes a finally block twice: after the body, and in the handler that rethrows
                bytes[0] += bytes(t.last(), local) + 8;
            }
        });
        return bytes[0];
    }

    private static int statement(Stmt s) {
        if (s instanceof Stmt.Assign) {
            return 2; // the dup of a compound assignment; the store itself is its target's
        }
        if (s instanceof Stmt.Push) {
            return 5; // the tape's load and an invokevirtual
        }
        if (s instanceof Stmt.If) {
            return 3; // a goto over the else (the branch is the condition's)
        }
        if (s instanceof Stmt.While || s instanceof Stmt.For || s instanceof Stmt.Repeat) {
            return 18; // the test's branch, the back jump, a counter's load, decrement and store
        }
        if (s instanceof Stmt.Throw || s instanceof Stmt.Assert || s instanceof Stmt.ParallelFor) {
            return 24; // new, dup, invokespecial, athrow; or a lambda and the call that runs it
        }
        if (s instanceof Stmt.Return || s instanceof Stmt.Break || s instanceof Stmt.Continue) {
            return 3;
        }
        return 0;
    }

    private static int expression(Expr e, java.util.function.ToIntFunction<String> local) {
        if (e instanceof Expr.Local l) {
            return local.applyAsInt(l.name());
        }
        if (e instanceof Expr.Lit l) {
            return literal(l);
        }
        if (e instanceof Expr.Const || e instanceof Expr.Call || e instanceof Expr.Prim || e instanceof Expr.Cast) {
            return 3; // ldc2_w, getstatic, invokestatic (Math.exp too); d2i and the like
        }
        if (e instanceof Expr.Pop) {
            return 5;
        }
        if (e instanceof Expr.Binary b) {
            // dcmpl and a branch (and, as a value, the pushes of true and false); && and || branch
            return b.type() == Type.BOOLEAN ? 8 : 1;
        }
        if (e instanceof Expr.Cond) {
            return 6;
        }
        if (e instanceof Expr.Unary) {
            return 4;
        }
        if (e instanceof Expr.NewArray) {
            return 4;
        }
        if (e instanceof Expr.ArrayLit a) {
            return 4 + 5 * a.elements().size(); // dup, the index and the store of each element
        }
        return 1; // an array element's load, .length
    }

    /** iconst_1 and dconst_0 take one byte, bipush two, ldc and ldc2_w three. */
    private static int literal(Expr.Lit l) {
        if (l.type() == Type.BOOLEAN || l.type() == Type.INT && digits(l.text(), 1) && l.text().charAt(0) <= '5') {
            return 1;
        }
        if (l.type() == Type.DOUBLE && (l.text().equals("0.0") || l.text().equals("1.0"))) {
            return 1;
        }
        return l.type() == Type.INT && digits(l.text(), 2) ? 2 : 3;
    }

    /** Whether {@code text} is one to {@code most} decimal digits (no pattern compiled per literal). */
    private static boolean digits(String text, int most) {
        if (text.isEmpty() || text.length() > most) {
            return false;
        }
        for (int k = 0; k < text.length(); k++) {
            if (text.charAt(k) < '0' || text.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }
}
