package dev.jgrad.processor.analysis;

import java.util.HashMap;
import java.util.Map;

/**
 * Names grouped into classes that may name the same thing (a union-find): the alias classes of
 * array variables. Deterministic: the representative of a class is its smallest name.
 */
public final class NamePartition {
    private final Map<String, String> parent = new HashMap<>();

    /** The representative of {@code n}'s class ({@code n} itself when it was never joined). */
    public String find(String n) {
        String p = parent.get(n);
        if (p == null || p.equals(n)) {
            return n;
        }
        String r = find(p);
        parent.put(n, r);
        return r;
    }

    /** Puts {@code a} and {@code b} in one class. */
    public void union(String a, String b) {
        String ra = find(a);
        String rb = find(b);
        if (!ra.equals(rb)) {
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }
}
