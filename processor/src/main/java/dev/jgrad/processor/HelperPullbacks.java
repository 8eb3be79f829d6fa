package dev.jgrad.processor;

import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.emit.ClassWriter;
import dev.jgrad.processor.emit.CodeSize;
import dev.jgrad.processor.front.Env;
import dev.jgrad.processor.front.HelperCalls;
import dev.jgrad.processor.front.MethodReader;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Exprs;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Rule;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import dev.jgrad.processor.transform.HelperAdjoint;
import dev.jgrad.processor.transform.Tidy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Helpers as methods of {@code CGrad} instead of inlined at every call (Clad's pullbacks, with
 * Clad's recompute strategy): a scalar helper that a {@code @Grad} method calls from several places,
 * or from a loop, and that is not small, becomes a primitive of the gradient, like {@code Math.exp}.
 * The forward sweep calls the helper itself (or, when the generated class cannot see it, a copy of
 * it), so the value is the source's bit for bit; the reverse sweep calls a generated method per
 * {@code double} parameter, {@code normCdf_dx(x)}, that runs the helper's forward again and its
 * reverse sweep, and returns the partial derivative: no tape across calls, and the generated code
 * grows with the source, not with the number of calls. Where the adjoint follows the call in the same
 * scope ({@code JitGrad}'s fused iterations and straight-line code), the gradient calls instead a
 * value-and-partials method ({@link ValueAndPartials}): {@code normCdf_and_dx(x, out)} returns the
 * value bit for bit and writes the partial into {@code out[0]}; {@code price_and_dspot_dvol_drate(...,
 * out)}, for a call with three active arguments, writes the three partials into {@code out[0..2]}: one
 * run of the helper per call, and one adjoint sweep for all its partials ({@link Rule#valueAndPartials}).
 *
 * <p>A helper qualifies when it is static, returns {@code double}, takes only {@code double},
 * {@code int}, {@code long} and {@code boolean} parameters (at least one {@code double}), has no loop
 * and no array element write, calls nothing it cannot see into (which could print, or have another
 * effect that running it again would repeat); and when its body is larger than {@link #SMALL} bytes
 * of bytecode (HotSpot inlines smaller ones itself; inlined, they fuse with the caller's code). A call
 * with two active double arguments or more is kept only where the gradient gives it value and
 * partials from one run: if the gradient would call its partial methods instead (each runs the helper
 * again), the method is read again with that helper inlined ({@link #recomputesSeveral}).
 * Everything else is inlined as before; so are helpers under the forward modes.
 *
 * <p>One instance serves one class: each helper gets its methods once, whichever gradients call it.
 */
final class HelperPullbacks {
    /** HotSpot's {@code MaxInlineSize}: a helper this small is inlined, as the JIT would inline it anyway. */
    static final int SMALL = 35;

    private final Env env;
    private final String generatedClass;
    private final Set<String> taken = new HashSet<>();
    private final Map<ExecutableElement, Optional<Rule>> rules = new HashMap<>();
    private final Set<ExecutableElement> building = new HashSet<>();
    /** The helper of each rule made here, by identity. */
    private final Map<Rule, ExecutableElement> helpers = new java.util.IdentityHashMap<>();
    private final List<ClassWriter.HelperMethod> methods = new ArrayList<>();
    /** The partial methods ({@code price_dspot}) of each helper given methods. */
    private final Map<ExecutableElement, List<String>> partialMethods = new HashMap<>();
    /** The helpers that some call of the method last read passes several active double arguments. */
    private Set<ExecutableElement> lastSeveral = Set.of();
    /**
     * The method last read with every helper inlined, that reading (with names of its own, untouched
     * by the transforms) and its calls counted: the readings of a {@code @Jit @Grad} method all start
     * with it, and a method that calls no helper is read once.
     */
    private ExecutableElement inlinedOf;
    private Method inlinedRead;
    private HelperCalls inlinedCalls;

    /**
     * For the class whose gradients go into {@code generatedClass} (a binary name); {@code taken} are
     * the names of its {@code @Grad} methods, which the generated methods must not reuse.
     */
    HelperPullbacks(Env env, String generatedClass, Set<String> taken) {
        this.env = env;
        this.generatedClass = generatedClass;
        this.taken.addAll(taken);
    }

    /**
     * The generated methods that {@code bodies} (the class's finished gradients) call, directly or
     * through one another: a partial in a parameter that no call passes an active value is never called.
     */
    List<ClassWriter.HelperMethod> used(List<List<Stmt>> bodies) {
        Map<String, ClassWriter.HelperMethod> byName = new HashMap<>();
        methods.forEach(h -> byName.put(h.name(), h));
        Set<String> reached = new HashSet<>();
        List<List<Stmt>> todo = new ArrayList<>(bodies);
        while (!todo.isEmpty()) {
            Walk.statements(todo.remove(todo.size() - 1), s -> Walk.expressions(s, e -> Walk.postOrder(e, x -> {
                String called = x instanceof Expr.Call c && c.owner().equals(generatedClass) ? c.name()
                        : x instanceof Expr.Prim p && generatedClass.equals(p.rule().owner()) ? p.rule().name() : null;
                if (called != null && byName.containsKey(called) && reached.add(called)) {
                    todo.add(byName.get(called).body());
                }
            })));
        }
        return methods.stream().filter(h -> reached.contains(h.name())).toList();
    }

    /**
     * Reads {@code m}, differentiated in {@code wrt}, with its qualifying helpers kept as calls: a
     * first read inlines everything and counts the calls; if some helper qualifies (also one called
     * once that an earlier gradient of the class already gave methods), a second read keeps its
     * calls, also those with several active double arguments (a fused gradient gives them value and
     * partials from one run: {@link #recomputesSeveral} says when it did not). Null after reporting an
     * error, as {@link MethodReader#read} returns.
     */
    Method read(ExecutableElement m, List<String> wrt) {
        return read(m, wrt, false, false);
    }

    /**
     * As {@link #read(ExecutableElement, List)}, but a helper with two active double arguments at some
     * call is inlined (a third read): for a gradient that would call its partial methods, each of
     * which runs it again.
     */
    Method readInliningSeveral(ExecutableElement m, List<String> wrt) {
        return read(m, wrt, false, true);
    }

    /**
     * Whether {@code body}, a gradient of the method last read, calls a partial method ({@code
     * price_dspot}, which runs the helper again) of a helper that some call of that method passes two
     * active double arguments or more: then {@link #readInliningSeveral} is the cheaper reading.
     */
    boolean recomputesSeveral(List<Stmt> body) {
        Set<String> partials = new HashSet<>();
        lastSeveral.forEach(h -> partials.addAll(partialMethods.getOrDefault(h, List.of())));
        boolean[] found = {false};
        Walk.statements(body, s -> Walk.expressions(s, e -> Walk.postOrder(e, x -> found[0] |=
                x instanceof Expr.Call c && c.owner().equals(generatedClass) && partials.contains(c.name()))));
        return found[0];
    }

    /**
     * Reads {@code m} for its {@code @Jit} value: a qualifying helper that the generated class can call
     * stays a call there too (HotSpot inlines it where it pays), instead of a copy of its body at
     * every call.
     */
    Method readForJit(ExecutableElement m) {
        return read(m, List.of(), true, true);
    }

    private Method read(ExecutableElement m, List<String> wrt, boolean visibleOnly, boolean inlineSeveral) {
        lastSeveral = Set.of();
        if (!m.equals(inlinedOf)) {
            inlinedCalls = HelperCalls.inlineAll();
            inlinedRead = MethodReader.read(env, m, inlinedCalls);
            inlinedOf = m;
        }
        HelperCalls counted = inlinedCalls;
        Method first = inlinedRead == null ? null : new Method(inlinedRead.name(), inlinedRead.params(),
                inlinedRead.body(), inlinedRead.names().copy(), inlinedRead.origins(), inlinedRead.records());
        if (first == null) {
            return null;
        }
        Set<ExecutableElement> wanted = new LinkedHashSet<>();
        counted.inlined().forEach((helper, calls) -> {
            boolean made = rules.containsKey(helper) && rules.get(helper).isPresent();
            if (doubleParams(helper) > 0 && (made || calls >= 2 || counted.inLoop(helper))) {
                wanted.add(helper);
            }
        });
        HelperCalls.Pullbacks pullbacks = new HelperCalls.Pullbacks() {
            @Override
            public Rule of(ExecutableElement helper) {
                return wanted.contains(helper) && (!visibleOnly || visible(helper, m)) ? rule(helper, m, this) : null;
            }
        };
        while (!wanted.isEmpty()) {
            Method ir = MethodReader.read(env, m, new HelperCalls(pullbacks));
            if (ir == null) {
                return first;
            }
            Set<ExecutableElement> several = severalActive(ir, wrt);
            if (several.isEmpty() || !inlineSeveral) {
                lastSeveral = several;
                return ir;
            }
            wanted.removeAll(several);
        }
        return first;
    }

    /** The helpers called in {@code ir} with two active double arguments or more. */
    private Set<ExecutableElement> severalActive(Method ir, List<String> wrt) {
        Activity activity = Activity.of(ir, new HashSet<>(WrtLeaves.of(ir, wrt)));
        Set<ExecutableElement> out = new HashSet<>();
        Walk.statements(ir.body(), s -> Walk.expressions(s, e -> Walk.postOrder(e, x -> {
            if (x instanceof Expr.Prim p && helpers.containsKey(p.rule())) {
                long active = p.args().stream().filter(a -> a.type() == Type.DOUBLE && activity.isActive(a)).count();
                if (active >= 2) {
                    out.add(helpers.get(p.rule()));
                }
            }
        })));
        return out;
    }

    /** The number of {@code double} parameters of a helper that may qualify; 0 if it cannot. */
    private int doubleParams(ExecutableElement helper) {
        if (!helper.getModifiers().contains(Modifier.STATIC) || helper.isVarArgs()
                || env.types().typeOf(helper.getReturnType()) != Type.DOUBLE
                || env.trees().getTree(helper) == null || env.trees().getTree(helper).getBody() == null) {
            return 0;
        }
        int doubles = 0;
        for (VariableElement p : helper.getParameters()) {
            Type t = env.types().typeOf(p.asType());
            if (t == Type.DOUBLE) {
                doubles++;
            } else if (t != Type.INT && t != Type.LONG && t != Type.BOOLEAN) {
                return 0;
            }
        }
        return doubles;
    }

    /** The rule of {@code helper}'s calls, made once; null if it does not qualify (then it is inlined). */
    private Rule rule(ExecutableElement helper, ExecutableElement root, HelperCalls.Pullbacks nested) {
        Optional<Rule> known = rules.get(helper);
        if (known != null) {
            return known.orElse(null);
        }
        if (!building.add(helper)) {
            return null; // recursion: inlining it reports it
        }
        try {
            Rule made;
            try {
                made = make(helper, root, nested);
            } catch (RuntimeException e) {
                made = null; // inlined, as before there were derivative methods
            }
            rules.put(helper, Optional.ofNullable(made));
            return made;
        } finally {
            building.remove(helper);
        }
    }

    private Rule make(ExecutableElement helper, ExecutableElement root, HelperCalls.Pullbacks nested) {
        Method primal = readQuietly(helper, root, nested);
        if (primal == null || !straightAndClosed(primal.body())) {
            return null;
        }
        int slots = 0;
        for (Method.Param p : primal.params()) {
            slots += p.type().slots();
        }
        if (CodeSize.estimate(primal.body(), slots) <= SMALL) {
            return null;
        }
        List<ClassWriter.HelperMethod> made = new ArrayList<>();
        List<String> partials = new ArrayList<>();
        List<Rule.Reads> reads = new ArrayList<>();
        Integer[] all = new Integer[primal.params().size()];
        for (int k = 0; k < all.length; k++) {
            all[k] = k;
        }
        String base = helper.getSimpleName().toString();
        List<String> paramNames = primal.params().stream().map(Method.Param::name).toList();
        for (Method.Param p : primal.params()) {
            if (p.type() != Type.DOUBLE) {
                partials.add(null);
                reads.add(null);
                continue;
            }
            Method ir = HelperAdjoint.prepared(readQuietly(helper, root, nested));
            HelperAdjoint.Result d = ir == null ? null : HelperAdjoint.of(ir, p.name());
            if (d == null) {
                return null; // it writes into an array, or has a statement its adjoint cannot pass
            }
            // the partial alone: the helper again, then its adjoint (the value is the forward call's)
            List<Stmt> alone = new ArrayList<>(d.forward());
            alone.addAll(d.adjoint());
            alone = new ArrayList<>(HelperAdjoint.withoutUnread(
                    Tidy.apply(alone, Exprs.ZERO, List.of(d.partial()), paramNames)));
            alone.add(new Stmt.Return(null, d.partial()));
            String name = fresh(base + "_d" + p.name());
            made.add(new ClassWriter.HelperMethod(name, helper, ir.params(), alone, ir.names().all(),
                    "its partial derivative in {@code " + p.name() + "}, for the reverse sweeps of\nthis class's"
                            + " gradients. It runs the helper again, then its adjoint (no tape across calls)."));
            partials.add(name);
            reads.add(Rule.Reads.args(all));
        }
        partialMethods.put(helper, partials.stream().filter(java.util.Objects::nonNull).toList());
        ValueAndPartials together = new ValueAndPartials(helper, paramNames, () -> readQuietly(helper, root, nested),
                this::fresh, methods::add);
        String owner;
        String forward;
        if (visible(helper, root)) {
            owner = env.elements().getBinaryName((TypeElement) helper.getEnclosingElement()).toString();
            forward = base;
        } else {
            // the generated class cannot call it: a copy, printed from the same IR as an inlined call's
            owner = generatedClass;
            forward = fresh(base);
            made.add(0, new ClassWriter.HelperMethod(forward, helper, primal.params(), primal.body(),
                    primal.names().all(), "a copy, which the gradients call for its value (this class cannot\nsee the helper)."));
        }
        methods.addAll(made);
        String partialOwner = generatedClass;
        Rule rule = new Rule(owner, forward, reads, (args, result) -> {
            List<Expr> out = new ArrayList<>();
            for (String d : partials) {
                out.add(d == null ? null : new Expr.Call(Type.DOUBLE, partialOwner, d, List.copyOf(args)));
            }
            return out;
        }).withValueAndPartials(partialOwner, together::method);
        helpers.put(rule, helper);
        return rule;
    }

    /** The helper read as a method of its own, or null, reporting nothing, if it is outside the subset. */
    private Method readQuietly(ExecutableElement helper, ExecutableElement root, HelperCalls.Pullbacks nested) {
        return env.diag().trial(() -> {
            int before = env.diag().errorCount();
            Method ir = MethodReader.readHelper(env, helper, root, new HelperCalls(nested));
            return env.diag().errorCount() > before ? null : ir;
        }, new ArrayList<>());
    }

    /**
     * No loop (a helper with one is inlined), and no call it cannot see into (which may print, or
     * have any other effect that running the helper again would repeat).
     */
    private static boolean straightAndClosed(List<Stmt> body) {
        boolean[] ok = {true};
        Walk.statements(body, s -> {
            if (s instanceof Stmt.For || s instanceof Stmt.While || s instanceof Stmt.Run
                    || s instanceof Stmt.Repeat || s instanceof Stmt.ParallelFor) {
                ok[0] = false;
            }
            Walk.expressions(s, e -> Walk.postOrder(e, x -> ok[0] &= !(x instanceof Expr.Call)));
        });
        return ok[0];
    }

    /** A name of {@code CGrad} not yet used. */
    private String fresh(String base) {
        String name = base;
        for (int k = 2; !taken.add(name); k++) {
            name = base + k;
        }
        return name;
    }

    /**
     * Whether the generated class, in {@code root}'s package, can call {@code helper}: public all the
     * way out, or package-private in that package, and in no local class.
     */
    private boolean visible(ExecutableElement helper, ExecutableElement root) {
        PackageElement pkg = env.elements().getPackageOf(root);
        for (Element x = helper; x != null && !(x instanceof PackageElement); x = x.getEnclosingElement()) {
            if (x.getModifiers().contains(Modifier.PRIVATE)) {
                return false;
            }
            if (!x.getModifiers().contains(Modifier.PUBLIC) && !env.elements().getPackageOf(x).equals(pkg)) {
                return false;
            }
            if (x instanceof TypeElement te && te.getNestingKind() != NestingKind.TOP_LEVEL
                    && te.getNestingKind() != NestingKind.MEMBER) {
                return false;
            }
        }
        return true;
    }
}
