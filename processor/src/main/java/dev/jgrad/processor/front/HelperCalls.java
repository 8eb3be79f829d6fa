package dev.jgrad.processor.front;

import dev.jgrad.processor.ir.Rule;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * What one read does with calls to the user's helpers, shared by the method and every helper inlined
 * into it: each call is inlined unless {@link Pullbacks} gives the helper a rule (a generated method
 * then computes its derivative, and the call stays a call); and which helpers were inlined, how often,
 * and whether inside a loop, so that the pipeline can decide which to give one.
 */
public final class HelperCalls {
    /** The rule of a helper whose calls stay calls, or null to inline it. */
    @FunctionalInterface
    public interface Pullbacks {
        Rule of(ExecutableElement helper);
    }

    private final Pullbacks pullbacks;
    private final Map<ExecutableElement, Integer> inlined = new LinkedHashMap<>();
    private final Set<ExecutableElement> inLoops = new HashSet<>();
    /** How many loops enclose the statement being read, counting those of the helpers it is inlined into. */
    private int loops;

    public HelperCalls(Pullbacks pullbacks) {
        this.pullbacks = pullbacks;
    }

    /** Every helper inlined, as the front always did. */
    public static HelperCalls inlineAll() {
        return new HelperCalls(helper -> null);
    }

    /** The helpers this read inlined, in the order first met, with the number of times each. */
    public Map<ExecutableElement, Integer> inlined() {
        return Collections.unmodifiableMap(inlined);
    }

    /** Whether some inlining of {@code helper} sat in a loop. */
    public boolean inLoop(ExecutableElement helper) {
        return inLoops.contains(helper);
    }

    Rule pullback(ExecutableElement helper) {
        return pullbacks.of(helper);
    }

    void inlining(ExecutableElement helper) {
        inlined.merge(helper, 1, Integer::sum);
        if (loops > 0) {
            inLoops.add(helper);
        }
    }

    void enterLoop() {
        loops++;
    }

    void exitLoop() {
        loops--;
    }
}
