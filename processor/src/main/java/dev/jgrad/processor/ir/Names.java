package dev.jgrad.processor.ir;

import java.util.HashSet;
import java.util.Set;

/**
 * Every name of one generated method: the user's parameters come first and stay as they are; the
 * user's locals keep their names where they can; names the processor needs ({@code w_bar},
 * {@code tape}, temporaries) take the next free spelling, so they never clash with the user's.
 * Deterministic: the same method always gets the same names.
 *
 * <p>A local never takes a name that generated code uses to reach a class ({@link #QUALIFIERS}): a
 * local {@code Math} would hide {@code Math.cos} in a derivative, and a local {@code java} would then
 * hide the qualified {@code java.lang.Math.cos} too. Such a local is renamed ({@code Math_2}), which
 * nobody outside the generated method can see.
 */
public final class Names {
    /**
     * Names that generated method bodies use to reach classes: the classes the runtime and the rule
     * table name ({@code Math}, {@code Arrays2}, ...) and the first segments of their packages, which
     * a qualified name needs when a parameter hides a class's simple name.
     */
    public static final Set<String> QUALIFIERS = Set.of("java", "javax", "dev",
            "Math", "StrictMath", "String", "Double", "Arrays2", "Aliases", "Tape", "Sums", "Parallel", "Ops", "Shapes");

    /** The first segment of the package of each class in {@link #QUALIFIERS}: what its qualified name starts with. */
    public static String packageRoot(String qualifier) {
        return Set.of("Math", "StrictMath", "String", "Double").contains(qualifier) ? "java" : "dev";
    }

    /**
     * The base name of the adjoint of a variable: {@code w_bar} beside {@code w} (a body-internal
     * name: {@link #fresh} keeps it clear of the user's).
     */
    public static String adjoint(String variable) {
        return variable + "_bar";
    }

    private final Set<String> taken = new HashSet<>();
    private final Set<String> reserved = new HashSet<>(QUALIFIERS);
    /** The next suffix to try for a base: keeps thousands of temporaries linear, not quadratic. */
    private final java.util.Map<String, Integer> next = new java.util.HashMap<>();

    /**
     * A parameter of the user's method: its name is the API's and stays as it is, a qualifier
     * included ({@code ClassPipeline} rejects the pairs of parameters that would hide each other).
     */
    public String param(String name) {
        taken.add(name);
        return name;
    }

    /** Reserves a name that a local must not take (the first segment of a package the method names). */
    public void reserve(String name) {
        reserved.add(name);
    }

    /** Reserves {@code base} if free, else {@code base_2}, {@code base_3}, ...; returns what it took. */
    public String fresh(String base) {
        if (!reserved.contains(base) && taken.add(base)) {
            return base;
        }
        for (int k = next.getOrDefault(base, 2); ; k++) {
            String name = base + "_" + k;
            if (!reserved.contains(name) && taken.add(name)) {
                next.put(base, k + 1);
                return name;
            }
        }
    }

    /** An independent allocator that starts with the same names taken (for a trial run of a stage). */
    public Names copy() {
        Names c = new Names();
        c.taken.addAll(taken);
        c.reserved.addAll(reserved);
        c.next.putAll(next);
        return c;
    }

    /** Every name taken so far. */
    public java.util.Set<String> all() {
        return java.util.Collections.unmodifiableSet(taken);
    }
}
