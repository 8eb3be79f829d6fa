package dev.jgrad.processor.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Rule;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The table keeps its own promises: each rule gives one partial per argument, null exactly where it
 * says the result does not depend on that argument, and each partial reads exactly the values its
 * rule declares (the transform binds those, and only those, to temporaries before it writes the
 * partials).
 */
class RulesTest {
    @Test
    void everyPartialReadsWhatItsRuleDeclares() {
        List<Rule> rules = Rules.all();
        assertTrue(rules.size() > 50, "the table has " + rules.size() + " rules");
        for (Rule rule : rules) {
            if (rule.isPiecewiseConstant()) {
                for (int k = 0; k < rule.arity(); k++) {
                    assertTrue(!rule.differentiableIn(k), rule + " is piecewise constant but differentiable in " + k);
                }
                continue;
            }
            List<Expr> args = new ArrayList<>();
            for (int k = 0; k < rule.arity(); k++) {
                args.add(new Expr.Local(Type.DOUBLE, "a" + k));
            }
            List<Expr> partials = rule.partials(args, new Expr.Local(Type.DOUBLE, "r"));
            assertEquals(rule.arity(), partials.size(), rule + ": one partial per argument");
            for (int k = 0; k < rule.arity(); k++) {
                Expr partial = partials.get(k);
                assertEquals(rule.differentiableIn(k), partial != null, rule + ": partial " + k + " is null where it is declared zero");
                if (partial == null) {
                    continue;
                }
                Set<String> declared = new TreeSet<>();
                rule.reads(k).args().forEach(j -> declared.add("a" + j));
                if (rule.reads(k).result()) {
                    declared.add("r");
                }
                Set<String> read = new TreeSet<>();
                Walk.locals(partial, read::add);
                assertEquals(declared, read, rule + ": what partial " + k + " reads");
            }
        }
    }

    @Test
    void theMessageListsTheTable() {
        String names = Rules.names();
        for (String f : List.of("sin", "atan2", "pow", "toRadians", "fma", "IEEEremainder", "round", "floorMod")) {
            assertTrue((" " + names + " ").contains(" " + f + " "), f + " missing from: " + names);
        }
    }
}
