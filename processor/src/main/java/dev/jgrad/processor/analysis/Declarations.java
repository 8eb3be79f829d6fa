package dev.jgrad.processor.analysis;

import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables of a method: the type of each parameter and local (every local has a name of its
 * own), and which locals are declared inside a loop (so that a declaration may overwrite the value
 * of an earlier iteration).
 */
public record Declarations(Map<String, Type> types, Set<String> inLoops) {
    public static Declarations of(Method method) {
        Map<String, Type> types = new HashMap<>();
        Set<String> inLoops = new HashSet<>();
        for (Method.Param p : method.params()) {
            types.put(p.name(), p.type());
        }
        collect(method.body(), 0, types, inLoops);
        return new Declarations(Map.copyOf(types), Set.copyOf(inLoops));
    }

    private static void collect(List<Stmt> body, int loops, Map<String, Type> types, Set<String> inLoops) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Decl d) {
                types.put(d.name(), d.type());
                if (loops > 0) {
                    inLoops.add(d.name());
                }
            } else if (s instanceof Stmt.If i) {
                collect(i.then(), loops, types, inLoops);
                collect(i.otherwise(), loops, types, inLoops);
            } else if (s instanceof Stmt.Block b) {
                collect(b.body(), loops, types, inLoops);
            } else if (s instanceof Stmt.While w) {
                collect(w.body(), loops + 1, types, inLoops);
            } else if (s instanceof Stmt.For f) {
                collect(f.init(), loops, types, inLoops);
                collect(f.update(), loops + 1, types, inLoops);
                collect(f.body(), loops + 1, types, inLoops);
            }
        }
    }
}
