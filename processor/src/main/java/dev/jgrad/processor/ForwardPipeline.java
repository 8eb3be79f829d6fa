package dev.jgrad.processor;

import dev.jgrad.Hessian;
import dev.jgrad.Jacobian;
import dev.jgrad.Jit;
import dev.jgrad.Jvp;
import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.emit.ClassWriter;
import dev.jgrad.processor.emit.ForwardWriter;
import dev.jgrad.processor.emit.GeneratedNames;
import dev.jgrad.processor.front.Env;
import dev.jgrad.processor.front.MethodReader;
import dev.jgrad.processor.ir.Gradient;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.transform.Captures;
import dev.jgrad.processor.transform.Jam;
import dev.jgrad.processor.transform.Parallelize;
import dev.jgrad.processor.transform.Tangent;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * The forward-mode annotations of one class, beside {@link ClassPipeline}'s {@code @Grad} and
 * {@code @Jit}: {@code @Jvp} (the tangent transform) and {@code @Hessian} (the reverse mode of the
 * tangent: {@link HessianPipeline}). Each method's stages must pass before the next; what they make
 * is written only if the whole class had no error.
 */
final class ForwardPipeline {
    static final String JVP = "dev.jgrad.Jvp";
    static final String HESSIAN = "dev.jgrad.Hessian";
    static final String JACOBIAN = "dev.jgrad.Jacobian";

    private final Env env;
    private final ProcessingEnvironment processing;
    private final TypeElement type;
    private final Map<String, List<ForwardWriter.Out>> byKind = new HashMap<>();
    private final Map<String, Set<String>> seen = new HashMap<>();
    private final Map<String, Map<String, ExecutableElement>> records = new HashMap<>();

    ForwardPipeline(Env env, ProcessingEnvironment processing, TypeElement type) {
        this.env = env;
        this.processing = processing;
        this.type = type;
    }

    /** Whether {@code m} carries a forward-mode annotation. */
    static boolean isForward(ExecutableElement m) {
        return m.getAnnotation(Jvp.class) != null || m.getAnnotation(Hessian.class) != null
                || m.getAnnotation(Jacobian.class) != null;
    }

    /** Checks, reads and transforms {@code m} for each forward-mode annotation it carries. */
    void add(ExecutableElement m) {
        Jvp jvp = m.getAnnotation(Jvp.class);
        if (jvp != null && checkSignature(m, Jvp.class, Set.of(Type.DOUBLE, Type.DOUBLE_ARRAY))) {
            List<String> wrt = Wrt.of(env, processing, m, jvp.wrt(), Jvp.class);
            if (wrt != null && checkDotNames(m, wrt, "Jvp") && checkSlots(m, wrt, "Jvp")) {
                jvp(m, wrt);
            }
        }
        Hessian hessian = m.getAnnotation(Hessian.class);
        if (hessian != null && checkSignature(m, Hessian.class, Set.of(Type.DOUBLE))) {
            List<String> wrt = Wrt.of(env, processing, m, hessian.wrt(), Hessian.class);
            if (wrt != null && checkDotNames(m, wrt, "Hessian") && checkSlots(m, wrt, "Hessian")) {
                List<ForwardWriter.Out> out = new HessianPipeline(env).of(m, wrt);
                if (out != null) {
                    List<ForwardWriter.Out> all = byKind.computeIfAbsent("Hessian", k -> new ArrayList<>());
                    // a helper (a @Derivative method's tangent) once, however many methods call it
                    out.stream().filter(o -> o.record() != null || all.stream().noneMatch(a -> a.record() == null
                            && a.element().equals(o.element()))).forEach(all::add);
                }
            }
        }
        Jacobian jacobian = m.getAnnotation(Jacobian.class);
        if (jacobian != null && checkSignature(m, Jacobian.class, Set.of(Type.DOUBLE_ARRAY))) {
            List<String> wrt = Wrt.of(env, processing, m, jacobian.wrt(), Jacobian.class);
            if (wrt != null && checkDotNames(m, wrt, "Jacobian") && checkSlots(m, wrt, "Jacobian")) {
                List<ForwardWriter.Out> out = new JacobianPipeline(env).of(m, wrt);
                if (out != null) {
                    byKind.computeIfAbsent("Jacobian", k -> new ArrayList<>()).addAll(out);
                }
            }
        }
    }

    /** Reports the source methods named like a method jgrad generates beside another ({@link GeneratedMembers}). */
    void checkNames() {
        for (String kind : List.of("Jvp", "Hessian", "Jacobian")) {
            GeneratedMembers.check(env, type, kind, byKind.getOrDefault(kind, List.of()));
        }
    }

    /** Writes {@code CJvp} and {@code CHessian}, those that have methods. */
    void write(ClassWriter writer) {
        ForwardWriter forward = new ForwardWriter(writer, type);
        for (String kind : List.of("Jvp", "Hessian", "Jacobian")) {
            if (byKind.containsKey(kind)) {
                forward.write(kind, byKind.get(kind));
            }
        }
    }

    private void jvp(ExecutableElement m, List<String> wrt) {
        Method ir = MethodReader.read(env, m);
        if (ir == null) {
            return;
        }
        List<String> leaves = WrtLeaves.of(ir, wrt);
        Activity activity = Activity.of(ir, new HashSet<>(leaves));
        if (ClassPipeline.reportActiveCalls(env, activity, ir.origins())
                || DerivativeCalls.reportMissingPartials(env, m, ir, activity)) {
            return;
        }
        Tangent.Result t = Tangent.of(ir, leaves, activity, true);
        List<dev.jgrad.processor.ir.RecordParam> reads = new ArrayList<>(ir.records());
        List<Method.Param> extra = ForwardRecords.jvpParams(ir, wrt, leaves, t.tangentParams(), reads);
        Type returns = env.types().typeOf(m.getReturnType());
        String name = m.getSimpleName().toString();
        List<dev.jgrad.processor.ir.Stmt> code = t.body();
        Jit jit = m.getAnnotation(Jit.class);
        if (jit != null) {
            // @Jit @Jvp: the tangent code is a body like any other, rewritten as @Jit rewrites the method's
            List<Method.Param> params = new ArrayList<>(ir.params());
            params.addAll(t.tangentParams());
            Method tangent = new Method(ir.name(), List.copyOf(params), code, ir.names(), ir.origins());
            Set<String> names = new HashSet<>();
            params.forEach(p -> names.add(p.name()));
            code = Captures.mark(Jam.apply(Parallelize.apply(code, tangent, jit.parallel()), ir.names()), names);
        }
        Gradient body = new Gradient(code, t.value(), t.value() == null ? List.of() : List.of(t.tangent()), null);
        byKind.computeIfAbsent("Jvp", k -> new ArrayList<>()).add(new ForwardWriter.Out(m, name, extra,
                GeneratedNames.forwardRecord(name, "Jvp"), returns, List.of(new ForwardWriter.Component("tangent", returns)),
                body, ir.names().all(), "Value and directional derivative of {@link $T#$L} (forward mode) along the"
                        + " tangents " + (wrt.isEmpty() ? "of no parameter" : ForwardWriter.literal(String.join(", ", extra.stream()
                                .map(Method.Param::name).toList()))) + " of " + ForwardWriter.literal(String.join(", ", wrt))
                        + (reads.size() > ir.records().size() ? " (a record's tangent is a record of its type, whose"
                                + " components that are no double or array of doubles are ignored)" : "") + ".",
                null, List.copyOf(reads), jit != null && JitForms.allowed(code, true)));
    }

    /**
     * The generated methods' parameters fit the JVM's 255 slots: {@code CJvp.f} takes a tangent per wrt
     * parameter after the method's own, {@code fHvp} and the Jacobian's helpers one {@code double[]}.
     */
    private boolean checkSlots(ExecutableElement m, List<String> wrt, String kind) {
        int own = 0;
        int extra = 0;
        for (VariableElement p : m.getParameters()) {
            Type t = env.types().typeOf(p.asType());
            int slots = t == null ? 1 : t.slots(); // a record: one reference
            own += slots;
            extra += wrt.contains(p.getSimpleName().toString()) ? slots : 0;
        }
        if (!kind.equals("Jvp")) {
            extra = 1;
        }
        if (own + extra > Method.PARAMETER_SLOTS) {
            String name = m.getSimpleName().toString();
            env.diag().error(Message.FORWARD_TOO_MANY_PARAMETERS, m, kind.equals("Jvp") ? "C" + kind + "." + name
                    : kind.equals("Hessian") ? GeneratedNames.hvpMethod(name) : name + "Column", own + extra,
                    kind.equals("Jvp") ? "a tangent for each wrt parameter" : "a double[]", Method.PARAMETER_SLOTS);
            return false;
        }
        return true;
    }

    /** The tangent parameters {@code xDot} must not clash with the source's parameters. */
    private boolean checkDotNames(ExecutableElement m, List<String> wrt, String kind) {
        Set<String> params = new HashSet<>();
        m.getParameters().forEach(p -> params.add(p.getSimpleName().toString()));
        boolean ok = true;
        for (VariableElement p : m.getParameters()) {
            String dot = Tangent.parameterName(p.getSimpleName().toString());
            if (wrt.contains(p.getSimpleName().toString()) && params.contains(dot)) {
                VariableElement clash = m.getParameters().stream().filter(q -> q.getSimpleName().contentEquals(dot))
                        .findFirst().orElseThrow();
                env.diag().error(Message.DOT_NAME, clash, dot, kind, p.getSimpleName());
                ok = false;
            }
        }
        return ok;
    }

    /**
     * The signature of a forward-mode method: static, returning one of {@code returnTypes}, of a name
     * no other method of its kind in this class has, with a body.
     */
    private boolean checkSignature(ExecutableElement m, Class<? extends Annotation> kind, Set<Type> returnTypes) {
        String annotation = kind.getSimpleName();
        int before = env.diag().errorCount();
        String name = m.getSimpleName().toString();
        if (!m.getModifiers().contains(Modifier.STATIC)) {
            env.diag().error(Message.NOT_STATIC, m, annotation, name);
        }
        Type returns = env.types().typeOf(m.getReturnType());
        if (returns == null || !returnTypes.contains(returns)) {
            env.diag().error(Message.FORWARD_NOT_DOUBLE, m, annotation, name, returnTypes.size() == 2 ? "double or double[]"
                    : returnTypes.contains(Type.DOUBLE) ? "double" : "double[]", m.getReturnType());
        }
        if (!seen.computeIfAbsent(annotation, k -> new HashSet<>()).add(name)) {
            env.diag().error(Message.OVERLOADED, m, annotation, name, type.getSimpleName());
        }
        ExecutableElement other = records.computeIfAbsent(annotation, k -> new HashMap<>())
                .putIfAbsent(GeneratedNames.forwardRecord(name, annotation), m);
        if (other != null && other != m && !other.getSimpleName().contentEquals(name)) {
            env.diag().error(Message.RECORD_CLASH, m, other.getSimpleName(), name,
                    GeneratedNames.forwardRecord(name, annotation));
        }
        ForwardRecords.check(env, m);
        for (VariableElement p : m.getParameters()) {
            Type t = env.types().typeOf(p.asType());
            if (dev.jgrad.processor.front.RecordParams.recordType(p.asType()) == null
                    && (t == null || t == Type.STRING || t == Type.VOID)) {
                env.diag().error(Message.UNSUPPORTED_TYPE, p, p.asType());
            }
        }
        if (m.getModifiers().contains(Modifier.STATIC)
                && (env.trees().getTree(m) == null || env.trees().getTree(m).getBody() == null)) {
            // (an abstract method is no static one, which the error above says)
            env.diag().error(Message.UNSUPPORTED_STATEMENT, m, "a method without a body (native)",
                    "jgrad differentiates the Java statements of the method's body; write them here");
        }
        return env.diag().errorCount() == before;
    }
}
