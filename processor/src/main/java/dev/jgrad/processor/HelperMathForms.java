package dev.jgrad.processor;

import dev.jgrad.processor.emit.ClassWriter;
import dev.jgrad.processor.emit.ClassWriter.MathForm;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Walk;
import dev.jgrad.processor.rules.Rules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the methods generated from helpers ({@link HelperPullbacks}) compute the rule table's {@code @Jit}
 * column ({@code Math.exp} by {@code JitMath.exp}, 1 ulp): the {@code @Jit @Grad} gradients do in their own
 * code, and the methods they call may too, but {@code @Grad} alone needs the source's value bit for bit.
 * A method that only {@code @Jit} gradients reach (directly, or through other generated methods) is
 * {@link MathForm#FAST}; one that both kinds reach takes a {@code boolean} that its callers pass
 * ({@link MathForm#EITHER}: one method, not a second copy of it, for the callers of each kind); the rest,
 * and a method with no such primitive in it or in the methods it calls, are {@link MathForm#EXACT}.
 */
final class HelperMathForms {
    private HelperMathForms() {}

    /** The form of each method of {@code helpers} (generated into {@code generatedClass}, a binary name) that is not exact. */
    static Map<String, MathForm> of(List<ClassWriter.GradMethod> grads, List<ClassWriter.HelperMethod> helpers,
            String generatedClass) {
        Map<String, Set<String>> calls = new HashMap<>();
        Set<String> faster = new HashSet<>();
        for (ClassWriter.HelperMethod h : helpers) {
            calls.put(h.name(), called(List.of(h.body()), generatedClass));
            boolean[] any = {false};
            Walk.statements(h.body(), s -> Walk.expressions(s, e -> Walk.postOrder(e,
                    x -> any[0] |= x instanceof Expr.Prim p && Rules.fasterUnderJit(p.rule()))));
            if (any[0]) {
                faster.add(h.name());
            }
        }
        // a method that calls one with such a primitive passes it the choice
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Map.Entry<String, Set<String>> c : calls.entrySet()) {
                if (!faster.contains(c.getKey()) && c.getValue().stream().anyMatch(faster::contains)) {
                    grew = faster.add(c.getKey());
                }
            }
        }
        Set<String> fromJit = reached(grads, true, calls, generatedClass);
        Set<String> fromExact = reached(grads, false, calls, generatedClass);
        Map<String, MathForm> out = new HashMap<>();
        for (String h : faster) {
            if (fromJit.contains(h)) {
                out.put(h, fromExact.contains(h) ? MathForm.EITHER : MathForm.FAST);
            }
        }
        return out;
    }

    /** The generated methods that the gradients with {@code jit} as their form call, directly or through one another. */
    private static Set<String> reached(List<ClassWriter.GradMethod> grads, boolean jit, Map<String, Set<String>> calls,
            String generatedClass) {
        List<List<Stmt>> bodies = new ArrayList<>();
        grads.stream().filter(g -> g.jit() == jit).forEach(g -> bodies.add(g.gradient().body()));
        Set<String> out = new HashSet<>();
        List<String> todo = new ArrayList<>(called(bodies, generatedClass));
        while (!todo.isEmpty()) {
            String h = todo.remove(todo.size() - 1);
            if (out.add(h)) {
                todo.addAll(calls.getOrDefault(h, Set.of()));
            }
        }
        return out;
    }

    /** The methods of {@code generatedClass} that {@code bodies} call. */
    private static Set<String> called(List<List<Stmt>> bodies, String generatedClass) {
        Set<String> out = new HashSet<>();
        for (List<Stmt> body : bodies) {
            Walk.statements(body, s -> Walk.expressions(s, e -> Walk.postOrder(e, x -> {
                if (x instanceof Expr.Call c && c.owner().equals(generatedClass)) {
                    out.add(c.name());
                } else if (x instanceof Expr.Prim p && generatedClass.equals(p.rule().owner())) {
                    out.add(p.rule().name());
                }
            })));
        }
        return out;
    }
}
