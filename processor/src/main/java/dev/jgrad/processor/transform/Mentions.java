package dev.jgrad.processor.transform;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Walk;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where statements mention local variables ({@link Lanes} keeps a lane double as a loop's local). */
final class Mentions {
    private Mentions() {}

    /** How many times each local is mentioned in {@code body}. */
    static Map<String, Integer> count(List<Stmt> body) {
        Map<String, Integer> out = new HashMap<>();
        Walk.statements(body, s -> Walk.expressions(s, e -> Walk.locals(e, n -> out.merge(n, 1, Integer::sum))));
        return out;
    }

    /** The index of the first statement of {@code group} that mentions {@code name}, or -1. */
    static int first(List<Stmt> group, String name) {
        for (int i = 0; i < group.size(); i++) {
            boolean[] any = {false};
            Walk.expressions(group.get(i), e -> any[0] |= of(e, name));
            if (any[0]) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code e} mentions the local {@code name}. */
    static boolean of(Expr e, String name) {
        boolean[] any = {false};
        Walk.locals(e, n -> any[0] |= n.equals(name));
        return any[0];
    }
}
