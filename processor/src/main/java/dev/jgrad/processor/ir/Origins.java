package dev.jgrad.processor.ir;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where IR nodes came from, for the errors that later stages find (an unknown call whose argument
 * turns out to be active) and the notes they give (the statement that keeps {@code @Jit @Grad} from
 * its fused form, by the statement's {@link Src}). Keyed by identity: two equal expressions at two
 * places are two entries.
 */
public final class Origins {
    public record Origin(Tree tree, CompilationUnitTree unit) {}

    private final Map<Object, Origin> map = new IdentityHashMap<>();
    private final Map<Object, String> reasons = new IdentityHashMap<>();

    public void put(Object node, Tree tree, CompilationUnitTree unit) {
        map.put(node, new Origin(tree, unit));
    }

    public Origin get(Object node) {
        return map.get(node);
    }

    /** Why the front kept {@code node} (a call) as it is rather than seeing into it. */
    public void because(Object node, String reason) {
        reasons.put(node, reason);
    }

    /** Why {@code node} was kept as it is; null if no reason was given (a library's method). */
    public String reason(Object node) {
        return reasons.get(node);
    }
}
