package dev.jgrad.processor.ir;

import java.util.HashSet;
import java.util.Set;

/**
 * Every name of one generated method: the user's names come first and stay as they are; names the
 * processor needs ({@code w_bar}, {@code tape}, temporaries) take the next free spelling, so they
 * never clash with the user's. Deterministic: the same method always gets the same names.
 */
public final class Names {
    private final Set<String> taken = new HashSet<>();
    /** The next suffix to try for a base: keeps thousands of temporaries linear, not quadratic. */
    private final java.util.Map<String, Integer> next = new java.util.HashMap<>();

    /** Reserves {@code base} if free, else {@code base_2}, {@code base_3}, ...; returns what it took. */
    public String fresh(String base) {
        if (taken.add(base)) {
            return base;
        }
        for (int k = next.getOrDefault(base, 2); ; k++) {
            String name = base + "_" + k;
            if (taken.add(name)) {
                next.put(base, k + 1);
                return name;
            }
        }
    }

    /** An independent allocator that starts with the same names taken (for a trial run of a stage). */
    public Names copy() {
        Names c = new Names();
        c.taken.addAll(taken);
        c.next.putAll(next);
        return c;
    }

    /** Every name taken so far. */
    public java.util.Set<String> all() {
        return java.util.Collections.unmodifiableSet(taken);
    }
}
