package dev.jgrad.processor;

import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.RecordParam;
import java.util.ArrayList;
import java.util.List;

/**
 * The wrt parameters as the IR knows them: a record of parameters stands for its leaves that can
 * carry a derivative ({@code p_w1}, {@code p_b1}, ...), in the order the emitter packs them back.
 */
final class WrtLeaves {
    private WrtLeaves() {}

    static List<String> of(Method ir, List<String> wrt) {
        List<String> out = new ArrayList<>();
        for (String w : wrt) {
            RecordParam record = ir.records().stream().filter(r -> r.access().equals(w)).findFirst().orElse(null);
            if (record == null) {
                out.add(w);
                continue;
            }
            for (RecordParam.Component leaf : record.leaves()) {
                if (leaf.type().isDifferentiable()) {
                    out.add(leaf.leaf());
                }
            }
        }
        return out;
    }
}
