package dev.jgrad.processor;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Walk;
import dev.jgrad.processor.rules.Library;
import java.util.ArrayList;
import java.util.List;

/**
 * The source's printing in code that runs the method more than once ({@code @Jacobian}'s columns and
 * rows): printed by one run only, as the README promises, the others made quiet.
 */
final class Prints {
    private Prints() {}

    /** Whether {@code body} prints. */
    static boolean any(List<Stmt> body) {
        boolean[] found = {false};
        Walk.statements(body, s -> found[0] |= isPrint(s));
        return found[0];
    }

    /** {@code body} with each print run only where {@code when} is true ({@code if (when) println(..)}), or dropped if it is null. */
    static List<Stmt> onlyIf(List<Stmt> body, Expr when) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            if (isPrint(s)) {
                if (when != null) {
                    out.add(new Stmt.If(null, when, List.of(s), List.of()));
                }
            } else if (s instanceof Stmt.If i) {
                out.add(new Stmt.If(i.src(), i.cond(), onlyIf(i.then(), when), onlyIf(i.otherwise(), when)));
            } else if (s instanceof Stmt.Block b) {
                out.add(new Stmt.Block(b.src(), onlyIf(b.body(), when)));
            } else if (s instanceof Stmt.While w) {
                out.add(new Stmt.While(w.src(), w.cond(), onlyIf(w.body(), when), w.testAfter()));
            } else if (s instanceof Stmt.For f) {
                out.add(new Stmt.For(f.src(), f.init(), f.cond(), f.update(), onlyIf(f.body(), when)));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static boolean isPrint(Stmt s) {
        return s instanceof Stmt.Run r && Library.prints(r.call());
    }
}
