package dev.jgrad.processor;

import dev.jgrad.Grad;
import dev.jgrad.Jit;
import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.analysis.PrivateArrays;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.emit.ClassWriter;
import dev.jgrad.processor.emit.CodeSize;
import dev.jgrad.processor.emit.GeneratedNames;
import dev.jgrad.processor.emit.ShadowedNames;
import dev.jgrad.processor.emit.Stubs;
import dev.jgrad.processor.front.Env;
import dev.jgrad.processor.front.MethodReader;
import dev.jgrad.processor.front.RecordParams;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Gradient;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Origins;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.transform.Captures;
import dev.jgrad.processor.transform.FusedGradient;
import dev.jgrad.processor.transform.GradAlone;
import dev.jgrad.processor.transform.GradientForm;
import dev.jgrad.processor.transform.JitRewrites;
import dev.jgrad.processor.transform.Reverse;
import dev.jgrad.processor.transform.Tidy;
import java.io.PrintWriter;
import java.lang.annotation.Annotation;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * One class through the stages, each of which must pass before the next: check the signatures, read
 * each body into IR, analyse and transform it, and only if no method of the class had an error,
 * write {@code CGrad} and {@code CJit}. An unexpected exception becomes one internal error on its
 * method, never a crashed build.
 */
final class ClassPipeline {
    static final String GRAD = "dev.jgrad.Grad";
    static final String JIT = "dev.jgrad.Jit";

    private final Env env;
    private final ProcessingEnvironment processing;
    private final TypeElement type;
    private final List<ExecutableElement> methods;
    /** The classes the compilation imports, by qualified name: a class with an error gets stand-ins for those ({@link Stubs}). */
    private final Set<String> imported;

    ClassPipeline(Env env, ProcessingEnvironment processing, TypeElement type, List<ExecutableElement> methods,
            Set<String> imported) {
        this.env = env;
        this.imported = imported;
        this.processing = processing;
        this.type = type;
        this.methods = methods;
    }

    void run() {
        int before = env.diag().errorCount();
        List<ClassWriter.GradMethod> grads = new ArrayList<>();
        List<ClassWriter.JitMethod> jits = new ArrayList<>();
        Set<String> gradNames = new HashSet<>();
        Set<String> jitNames = new HashSet<>();
        java.util.Map<String, ExecutableElement> records = new java.util.HashMap<>();
        Reports report = Reports.wanted(processing) ? new Reports(env, processing, type) : null;
        ForwardPipeline forward = new ForwardPipeline(env, processing, type);
        Set<String> gradMethods = new HashSet<>();
        methods.stream().filter(m -> m.getAnnotation(Grad.class) != null).forEach(m -> gradMethods.add(m.getSimpleName().toString()));
        HelperPullbacks pullbacks = new HelperPullbacks(env, GeneratedNames.gradClass(type).reflectionName(), gradMethods);
        checkQualifiers();
        for (ExecutableElement m : methods) {
            try {
                boolean grad = m.getAnnotation(Grad.class) != null;
                boolean jit = m.getAnnotation(Jit.class) != null;
                if (type.getNestingKind() == javax.lang.model.element.NestingKind.LOCAL
                        || type.getNestingKind() == javax.lang.model.element.NestingKind.ANONYMOUS) {
                    env.diag().error(Message.LOCAL_CLASS, m, grad ? "Grad" : jit ? "Jit"
                            : m.getAnnotation(dev.jgrad.Jvp.class) != null ? "Jvp"
                            : m.getAnnotation(dev.jgrad.Hessian.class) != null ? "Hessian" : "Jacobian", m.getSimpleName());
                    continue;
                }
                if (ForwardPipeline.isForward(m)) {
                    forward.add(m);
                }
                if (grad && !checkSignature(m, Grad.class, gradNames)) {
                    continue;
                }
                if (grad) {
                    String name = m.getSimpleName().toString();
                    // a method of the same name is an overload, already reported: another method is another name
                    ExecutableElement other = records.putIfAbsent(GeneratedNames.record(name), m);
                    if (other != null) {
                        env.diag().error(Message.RECORD_CLASH, m, other.getSimpleName(), name, GeneratedNames.record(name));
                        continue;
                    }
                }
                if (jit && !checkSignature(m, Jit.class, jitNames)) {
                    continue;
                }
                List<String> wrt = grad ? wrt(m) : List.of();
                if (wrt == null || grad && !checkRecord(m, wrt)) {
                    continue;
                }
                if (grad) {
                    Built built = built(m, pullbacks.read(m, wrt), wrt, jit);
                    if (built != null && pullbacks.recomputesSeveral(built.gradient().body())) {
                        // a helper with several active arguments whose partials would each run it again: inlined
                        built = built(m, pullbacks.readInliningSeveral(m, wrt), wrt, jit);
                    }
                    if (built == null) {
                        continue;
                    }
                    Method ir = built.ir();
                    Gradient gradient = built.gradient();
                    GradientForm form = built.form();
                    FusedGradient.Outcome fused = built.fused();
                    gradient = new Gradient(Tidy.apply(gradient.body(), gradient.value(), gradient.components(),
                            ir.params().stream().map(Method.Param::name).toList()),
                            gradient.value(), gradient.components(), gradient.tape());
                    if (fused != null && fused.gradient() == null) {
                        noteFallback(m, ir, fused);
                    }
                    gradient = new Gradient(Captures.mark(gradient.body(), paramNames(m, ir)), gradient.value(),
                            gradient.components(), gradient.tape());
                    // the fused form may compute tanh faster (JitMath); the taped one, which may write into the
                    // caller's arrays, leaves them as the source does, bit for bit
                    boolean fastMath = fused != null && fused.gradient() != null && JitForms.allowed(gradient.body(), false);
                    grads.add(new ClassWriter.GradMethod(m, ir, wrt, gradient, fused == null ? null : fused.reason(), fastMath));
                    if (report != null) {
                        report.gradient(m, form, jit, gradient.body(), ir.origins());
                    }
                }
                if (jit) {
                    Method ir = pullbacks.readForJit(m);
                    if (ir == null) {
                        continue;
                    }
                    // an array private to the iterations of a loop (a hidden layer) is one buffer per chunk
                    Set<String> params = new HashSet<>();
                    ir.params().forEach(p -> params.add(p.name()));
                    // a local assigned again where it is declared is a new version (norm = Math.sqrt(norm))
                    List<dev.jgrad.processor.ir.Stmt> body = JitRewrites.scalars(ir.body(), ir.names());
                    // a result returned after throws on every path would be unreachable
                    List<dev.jgrad.processor.ir.Stmt> fast = dev.jgrad.processor.ir.Flow.reachable(JitRewrites.apply(body, ir,
                            threads(m), PrivateArrays.of(body, params).names()));
                    jits.add(new ClassWriter.JitMethod(m, Captures.mark(fast, paramNames(m, ir)), ir.names().all(),
                            ir.records(), JitForms.allowed(fast, false)));
                    if (report != null) {
                        report.value(m, fast);
                    }
                }
            } catch (RuntimeException | StackOverflowError e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                String first = trace.toString().lines().limit(6).reduce((a, b) -> a + " | " + b).orElse("");
                env.diag().error(Message.INTERNAL, m, m.getSimpleName(), first);
            }
        }
        for (ClassWriter.GradMethod g : grads) {
            checkSize(g.element(), g.gradient().body());
        }
        for (ClassWriter.JitMethod j : jits) {
            checkSize(j.element(), j.body());
        }
        List<List<dev.jgrad.processor.ir.Stmt>> finished = new ArrayList<>();
        for (ClassWriter.GradMethod g : grads) {
            finished.add(g.gradient().body());
            List<dev.jgrad.processor.ir.Stmt> read = new ArrayList<>();
            if (g.gradient().value() != null) {
                read.add(new dev.jgrad.processor.ir.Stmt.Return(null, g.gradient().value()));
            }
            g.gradient().components().forEach(c -> read.add(new dev.jgrad.processor.ir.Stmt.Return(null, c)));
            finished.add(read);
        }
        forward.checkNames();
        List<ClassWriter.HelperMethod> helpers = pullbacks.used(finished);
        for (ClassWriter.HelperMethod h : helpers) {
            checkSize(h.helper(), h.body());
        }
        if (env.diag().errorCount() > before || DerivativeCheck.anyProblem(env, type)) {
            Stubs.writeIfImported(processing, type, methods.stream().filter(m -> m.getAnnotation(Grad.class) != null).toList(),
                    methods.stream().filter(m -> m.getAnnotation(Jit.class) != null).toList(), imported);
            return;
        }
        ClassWriter writer = new ClassWriter(processing, type);
        try {
            if (!grads.isEmpty()) {
                writer.writeGrad(grads, helpers, HelperMathForms.of(grads, helpers, GeneratedNames.gradClass(type).reflectionName()));
            }
            if (!jits.isEmpty()) {
                writer.writeJit(jits);
            }
            if (report != null) {
                report.write();
            }
            forward.write(writer);
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof javax.annotation.processing.FilerException) {
                env.diag().error(Message.CLASS_CLASH, type, type.getQualifiedName());
            } else {
                env.diag().error(Message.INTERNAL, type, type.getSimpleName(), e);
            }
        }
    }

    /** What the transforms made of {@code ir}, a reading of {@code m}: the gradient and its form. */
    private record Built(Method ir, Gradient gradient, GradientForm form, FusedGradient.Outcome fused) {}

    /** The gradient of {@code ir} (null: nothing, or an error reported). */
    private Built built(ExecutableElement m, Method ir, List<String> wrt, boolean jit) {
        if (ir == null) {
            return null;
        }
        List<String> leaves = WrtLeaves.of(ir, wrt);
        FusedGradient.Outcome onePass = null;
        Activity activity = Activity.of(ir, new HashSet<>(leaves));
        if (reportActiveCalls(env, activity, ir.origins())
                || DerivativeCalls.reportMissingPartials(env, m, ir, activity)) {
            return null;
        }
        FusedGradient.Outcome fused = jit ? inSourceWords(FusedGradient.of(ir, leaves, threads(m)), ir) : null;
        if (!jit) {
            // under @Grad alone, the one-pass form as it is, or the tape; a trial on names of its own
            Method trial = new Method(ir.name(), ir.params(), ir.body(), ir.names().copy(), ir.origins(),
                    ir.records());
            onePass = inSourceWords(GradAlone.of(trial, leaves), trial);
            ir = onePass.gradient() != null ? trial : ir;
        }
        Gradient gradient = fused != null ? fused.gradient() : onePass != null ? onePass.gradient() : null;
        GradientForm form;
        if (gradient == null) {
            Reverse.Taped taped = Reverse.taped(ir, leaves, activity);
            gradient = taped.gradient();
            FusedGradient.Outcome not = fused != null ? fused : onePass;
            form = new GradientForm(GradientForm.Kind.TAPED,
                    not == null ? null : new GradientForm.Blocker(not.reason(), not.at()), taped.saved());
        } else if (onePass != null) {
            form = new GradientForm(GradientForm.Kind.ONE_PASS, null, List.of());
        } else {
            form = new GradientForm(fused.notOnePass() == null ? GradientForm.Kind.ONE_PASS
                    : GradientForm.Kind.TWO_PASS, fused.notOnePass(), List.of());
        }
        return new Built(ir, gradient, form, fused);
    }

    /** The parameters of the generated method, and the leaves of its records, which are read once at entry. */
    private static Set<String> paramNames(ExecutableElement m, Method ir) {
        Set<String> out = new HashSet<>();
        m.getParameters().forEach(p -> out.add(p.getSimpleName().toString()));
        ir.params().forEach(p -> out.add(p.name()));
        return out;
    }

    /** {@code fused} with its reasons said of the source, not of the code jgrad made of it ({@link SourceWords}). */
    private static FusedGradient.Outcome inSourceWords(FusedGradient.Outcome fused, Method ir) {
        GradientForm.Blocker notOnePass = fused.notOnePass() == null ? null : new GradientForm.Blocker(
                SourceWords.reason(fused.notOnePass().reason(), fused.notOnePass().at(), ir.origins()),
                fused.notOnePass().at());
        String reason = fused.reason() == null ? null : SourceWords.reason(fused.reason(), fused.at(), ir.origins());
        return new FusedGradient.Outcome(fused.gradient(), reason, fused.at(), notOnePass);
    }

    /** Says, at the statement that prevents it, that a {@code @Jit @Grad} method gets no fused gradient. */
    private void noteFallback(ExecutableElement m, Method ir, FusedGradient.Outcome fused) {
        Origins.Origin at = fused.at() == null ? null : ir.origins().get(fused.at());
        env.diag().note(Message.JIT_FALLBACK, at == null ? null : at.tree(), at == null ? null : at.unit(), m,
                m.getSimpleName(), fused.reason());
    }

    private void checkSize(ExecutableElement m, List<dev.jgrad.processor.ir.Stmt> body) {
        int paramSlots = 0;
        for (VariableElement p : m.getParameters()) {
            Type t = env.types().typeOf(p.asType());
            paramSlots += t == null ? 1 : t.slots();
        }
        long bytes = CodeSize.estimate(body, paramSlots);
        if (bytes > CodeSize.LIMIT) {
            env.diag().error(Message.TOO_LARGE, m, m.getSimpleName(), bytes / 1024);
        }
    }

    private static boolean threads(ExecutableElement m) {
        Jit jit = m.getAnnotation(Jit.class);
        return jit != null && jit.parallel();
    }

    private boolean checkSignature(ExecutableElement m, Class<? extends Annotation> kind, Set<String> seen) {
        String annotation = kind.getSimpleName();
        int before = env.diag().errorCount();
        String name = m.getSimpleName().toString();
        if (!m.getModifiers().contains(Modifier.STATIC)) {
            env.diag().error(Message.NOT_STATIC, m, annotation, name);
        }
        Type returns = env.types().typeOf(m.getReturnType());
        if (kind == Grad.class && returns == Type.DOUBLE_ARRAY) {
            env.diag().error(Message.GRAD_OF_ARRAY, m, name);
        } else if (returns != Type.DOUBLE && !(kind == Jit.class && returns == Type.DOUBLE_ARRAY)) {
            env.diag().error(Message.NOT_DOUBLE, m, annotation, name, m.getReturnType());
        }
        if (!seen.add(name)) {
            env.diag().error(Message.OVERLOADED, m, annotation, name, type.getSimpleName());
        }
        for (VariableElement p : m.getParameters()) {
            Type t = env.types().typeOf(p.asType());
            if (RecordParams.recordType(p.asType()) != null) {
                String problem = RecordParams.problem(env, p.asType(), env.elements().getPackageOf(m), false);
                if (problem != null) {
                    env.diag().error(Message.RECORD_TYPE, p, p.getSimpleName(), p.asType(), problem);
                }
            } else if (t == null || t == Type.STRING || t == Type.VOID) {
                Message why = env.library().isRandom(p.asType()) ? Message.RANDOM
                        : env.library().isStream(p.asType()) ? Message.STREAM : Message.UNSUPPORTED_TYPE;
                env.diag().error(why, p, why == Message.UNSUPPORTED_TYPE ? p.asType() : "parameter '" + p.getSimpleName() + "'");
            }
            if (kind == Grad.class && p.getSimpleName().contentEquals("value")) {
                env.diag().error(Message.RESERVED_NAME, p, "value",
                        "the gradient record's first component is the method's value");
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

    /**
     * A parameter named like a package that generated code names ({@code java}) in a class where a
     * parameter is named like a class of such a package ({@code Math}), or whose package declares a
     * class of that name ({@code p.Math}, {@code p.Tape}): that class must then be written qualified in
     * the whole generated class, which the first parameter hides. (A local of either name is renamed
     * instead; a parameter's name is the API's.) In the unnamed package, a parameter named like one of
     * its classes with static members: generated code can name that class only by its simple name.
     */
    private void checkQualifiers() {
        java.util.Map<String, String> hidden = new java.util.HashMap<>();
        for (ExecutableElement m : methods) {
            for (VariableElement p : m.getParameters()) {
                String name = p.getSimpleName().toString();
                if (Names.QUALIFIERS.contains(name) && Character.isUpperCase(name.charAt(0))) {
                    hidden.putIfAbsent(Names.packageRoot(name), "a parameter '" + name + "' hides the class " + name);
                }
            }
        }
        String pkg = GeneratedNames.packageName(type);
        List<String> packages = List.of("java.lang", "dev.jgrad.runtime", "dev.jgrad");
        Set<String> parameters = new HashSet<>();
        methods.forEach(m -> m.getParameters().forEach(p -> parameters.add(p.getSimpleName().toString())));
        // only a parameter named like such a package's first segment is hidden (javac looks a class
        // that is not there up in every module: asked only then)
        boolean asked = packages.stream().anyMatch(of -> parameters.contains(of.substring(0, of.indexOf('.'))));
        for (String name : asked ? ShadowedNames.declared(processing, pkg) : Set.<String>of()) {
            for (String of : packages) {
                if (env.elements().getTypeElement(of + "." + name) != null) {
                    hidden.putIfAbsent(of.substring(0, of.indexOf('.')), "the class " + name + " of " + (pkg.isEmpty() ? "the unnamed package" : "package " + pkg)
                            + " hides " + of + "." + name);
                }
            }
        }
        if (pkg.isEmpty()) {
            // generated code names a class of the unnamed package by its simple name alone, which a
            // parameter of that name hides (a local is renamed); in a package it is written qualified
            for (javax.lang.model.element.Element e : env.elements().getPackageElement("").getEnclosedElements()) {
                if (e instanceof TypeElement t && t.getEnclosedElements().stream().anyMatch(
                        member -> member.getModifiers().contains(javax.lang.model.element.Modifier.STATIC))) {
                    String name = t.getSimpleName().toString();
                    hidden.putIfAbsent(name, "in the unnamed package the code generated for " + type.getSimpleName()
                            + " names the class " + name + " by its simple name alone (to call its methods or read its"
                            + " constants), which a parameter '" + name + "' hides (in a package it would write p." + name
                            + ")");
                }
            }
        }
        for (ExecutableElement m : methods) {
            for (VariableElement p : m.getParameters()) {
                String name = p.getSimpleName().toString();
                String why = hidden.get(name);
                if (why != null && pkg.isEmpty() && why.startsWith("in the unnamed package")) {
                    env.diag().error(Message.RESERVED_NAME, p, name, why);
                    continue;
                }
                if (why != null) {
                    env.diag().error(Message.RESERVED_NAME, p, name, why + ", so the code generated for "
                            + type.getSimpleName() + " names it through its package, which a parameter '" + name
                            + "' hides in turn");
                }
            }
        }
    }

    /**
     * The gradient record can hold the wrt parameters: Java forbids components named like the methods
     * of {@code Object}, and its canonical constructor takes {@code this}, the value and every
     * component in at most 255 slots (a double takes two).
     */
    private boolean checkRecord(ExecutableElement m, List<String> wrt) {
        int before = env.diag().errorCount();
        int slots = 3;
        for (VariableElement p : m.getParameters()) {
            String name = p.getSimpleName().toString();
            if (!wrt.contains(name)) {
                continue;
            }
            Type t = env.types().typeOf(p.asType());
            slots += t == null ? 1 : t.slots();
            if (RecordParams.recordType(p.asType()) != null) {
                String problem = RecordParams.problem(env, p.asType(), env.elements().getPackageOf(m), true);
                if (problem != null) {
                    env.diag().error(Message.RECORD_TYPE, p, name, p.asType(), problem);
                }
            }
            if (GeneratedNames.NOT_COMPONENTS.contains(name)) {
                env.diag().error(Message.RESERVED_NAME, p, name, "the gradient record "
                        + GeneratedNames.record(m.getSimpleName().toString()) + " has a component for each wrt"
                        + " parameter, and Java forbids record components named like a method of Object ("
                        + String.join(", ", new java.util.TreeSet<>(GeneratedNames.NOT_COMPONENTS)) + ")");
            }
        }
        if (slots > Method.PARAMETER_SLOTS) {
            env.diag().error(Message.TOO_MANY_PARAMETERS, m, GeneratedNames.record(m.getSimpleName().toString()),
                    wrt.size(), slots, Method.PARAMETER_SLOTS);
        }
        return env.diag().errorCount() == before;
    }

    /** The parameters to differentiate, in parameter order; null after reporting an error. */
    private List<String> wrt(ExecutableElement m) {
        return Wrt.of(env, processing, m, m.getAnnotation(Grad.class).wrt(), Grad.class);
    }

    /** Reports each call to a method jgrad cannot see into whose arguments are active; whether there was one. */
    static boolean reportActiveCalls(Env env, Activity activity, Origins origins) {
        boolean any = false;
        for (Expr.Call c : activity.activeExternCalls()) {
            Origins.Origin o = origins.get(c);
            String owner = c.owner().substring(c.owner().lastIndexOf('.') + 1);
            String reason = origins.reason(c);
            env.diag().error(Message.UNKNOWN_CALL, o.tree(), o.unit(), owner + "." + c.name() + "(...)",
                    "its arguments depend on the differentiated inputs, and " + (reason != null
                            ? reason + ": keep the helper's body to the subset"
                            : "its source is not part of this compilation (a library's method, from a jar), so jgrad cannot see into it:"
                                    + " write the computation in a static method compiled with this class"));
            any = true;
        }
        return any;
    }
}
