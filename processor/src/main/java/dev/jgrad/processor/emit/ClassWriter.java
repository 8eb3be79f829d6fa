package dev.jgrad.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Gradient;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.RecordParam;
import dev.jgrad.processor.ir.Stmt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Writes {@code CGrad} and {@code CJit} for one class: final classes with a private constructor,
 * {@code @Generated}, a javadoc that links each source method, and the bodies the transform made.
 */
public final class ClassWriter {
    /**
     * A {@code @Grad} method and its gradient; {@code fallback}, when not null, says why a
     * {@code @Jit @Grad} method got the taped gradient (the generated javadoc repeats it); {@code jit}:
     * the gradient is the fused {@code @Jit @Grad} one (which writes no array of the caller), so its code
     * may use the faster formulations of the rule table's {@code @Jit} column.
     */
    public record GradMethod(ExecutableElement element, Method ir, List<String> wrt, Gradient gradient,
            String fallback, boolean jit) {
        public GradMethod(ExecutableElement element, Method ir, List<String> wrt, Gradient gradient) {
            this(element, ir, wrt, gradient, null, false);
        }
    }

    /**
     * A {@code @Jit} method and the body of its fast version. The bodies here are finished: their
     * parallel loops know which captures they copy. {@code fastMath}: the body may use the faster
     * formulations of the rule table's {@code @Jit} column.
     */
    public record JitMethod(ExecutableElement element, List<Stmt> body, java.util.Set<String> names,
            List<RecordParam> records, boolean fastMath) {
        public JitMethod(ExecutableElement element, List<Stmt> body, java.util.Set<String> names) {
            this(element, body, names, List.of(), true);
        }
    }

    /**
     * A method the gradients of the class call, generated from a helper of the user
     * ({@code HelperPullbacks}): {@code body} ends by returning what the method computes. {@code what}
     * is the javadoc's first sentence after the link to the helper.
     */
    public record HelperMethod(String name, ExecutableElement helper, List<Method.Param> params, List<Stmt> body,
            java.util.Set<String> names, String what) {}

    /**
     * How a method generated from a helper computes the primitives of the rule table's {@code @Jit} column
     * ({@code Math.exp}): as the source does ({@code EXACT}: some gradient that calls it is not {@code @Jit},
     * or it has none), by the faster formulations ({@code FAST}: only {@code @Jit} gradients call it), or as
     * its last parameter, a {@code boolean} the callers pass, chooses ({@code EITHER}: both kinds call it).
     */
    public enum MathForm { EXACT, FAST, EITHER }

    private static final String PROCESSOR = "dev.jgrad.processor.JgradProcessor";

    private final ProcessingEnvironment processing;
    private final TypeElement type;

    public ClassWriter(ProcessingEnvironment processing, TypeElement type) {
        this.processing = processing;
        this.type = type;
    }

    public void writeGrad(List<GradMethod> methods) {
        writeGrad(methods, List.of(), java.util.Map.of());
    }

    /**
     * {@code CGrad}, with the methods generated from helpers after the gradients, each computing the
     * {@code @Jit} column as {@code forms} says (absent: {@link MathForm#EXACT}).
     */
    public void writeGrad(List<GradMethod> methods, List<HelperMethod> helpers, java.util.Map<String, MathForm> forms) {
        ClassName name = GeneratedNames.gradClass(type);
        java.util.Set<String> either = new java.util.HashSet<>();
        forms.forEach((method, form) -> {
            if (form == MathForm.EITHER) {
                either.add(method);
            }
        });
        Printer.MathCalls calls = new Printer.MathCalls(name.reflectionName(), either, null);
        TypeSpec.Builder c = classBuilder(name, "Gradients of the {@code @Grad} methods of {@link $T}, written by jgrad at compile time.\n");
        Assertions assertions = new Assertions(name, type);
        for (GradMethod m : methods) {
            // a user's local named like a type the code uses (Arrays2, Tape) must not hide it
            c.alwaysQualify(m.ir().names().all().toArray(new String[0]));
            ClassName record = name.nestedClass(GeneratedNames.record(m.element().getSimpleName().toString()));
            Printer printer = new Printer(m.gradient().tape(), thrown(m.element()), m.jit(), calls)
                    .hiding(m.ir().names().all()).assertions(assertions);
            c.addMethod(gradMethod(m, record, printer));
            c.addMethods(printer.chunks());
            c.addType(gradRecord(m, record));
        }
        for (HelperMethod h : helpers) {
            c.alwaysQualify(h.names().toArray(new String[0]));
            CodeBlock.Builder body = CodeBlock.builder();
            MathForm form = forms.getOrDefault(h.name(), MathForm.EXACT);
            String flag = form == MathForm.EITHER ? unused("jit", h.names()) : null;
            Printer printer = new Printer(null, thrown(h.helper()), form == MathForm.FAST,
                    new Printer.MathCalls(calls.owner(), either, flag)).hiding(h.names()).assertions(assertions);
            printer.statements(h.body(), body);
            CodeBlock.Builder doc = CodeBlock.builder().add(helperDoc(h));
            if (form == MathForm.FAST) {
                doc.add("\n<p>For {@code @Jit} gradients: $L by the runtime's {@code JitMath}, within its ulps.\n",
                        jitColumn(h.body()));
            } else if (form == MathForm.EITHER) {
                doc.add("\n<p>{@code $N}: true for the {@code @Jit} gradients, which compute $L by the runtime's"
                        + " {@code JitMath}, within its ulps;\nfalse for the others, whose value is the source's bit for bit.\n",
                        flag, jitColumn(h.body()));
            }
            MethodSpec.Builder method = MethodSpec.methodBuilder(h.name())
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addJavadoc(doc.build())
                    .returns(double.class)
                    .addExceptions(thrown(h.helper()))
                    .addCode(body.build());
            for (Method.Param p : h.params()) {
                method.addParameter(JavaTypes.typeName(p.type()), p.name());
            }
            if (flag != null) {
                method.addParameter(boolean.class, flag);
            }
            c.addMethod(method.build());
        }
        assertions.addTo(c);
        write(name, c.build());
    }

    public void writeJit(List<JitMethod> methods) {
        ClassName name = GeneratedNames.jitClass(type);
        TypeSpec.Builder c = classBuilder(name, "Fast versions of the {@code @Jit} methods of {@link $T}, written by jgrad at compile time.\n");
        Assertions assertions = new Assertions(name, type);
        for (JitMethod m : methods) {
            c.alwaysQualify(m.names().toArray(new String[0]));
            CodeBlock.Builder body = CodeBlock.builder();
            Printer printer = new Printer(null, thrown(m.element()), m.fastMath()).hiding(m.names()).assertions(assertions);
            RecordPrinter.unpack(m.records(), body);
            printer.statements(m.body(), body);
            c.addMethod(MethodSpec.methodBuilder(m.element().getSimpleName().toString())
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .addJavadoc("The fast version of {@link $T#$L}: the same result.\n", type, link(m.element()))
                    .returns(com.palantir.javapoet.TypeName.get(m.element().getReturnType()))
                    .addParameters(parameters(m.element()))
                    .varargs(m.element().isVarArgs())
                    .addExceptions(thrown(m.element()))
                    .addCode(body.build())
                    .build());
            c.addMethods(printer.chunks());
        }
        assertions.addTo(c);
        write(name, c.build());
    }

    TypeSpec.Builder classBuilder(ClassName name, String javadoc) {
        return TypeSpec.classBuilder(name)
                .addOriginatingElement(type)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                        .addMember("value", "$S", PROCESSOR).build())
                .addJavadoc(javadoc, type)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    }

    private MethodSpec gradMethod(GradMethod m, ClassName record, Printer printer) {
        Gradient g = m.gradient();
        CodeBlock.Builder body = CodeBlock.builder();
        RecordPrinter.unpack(m.ir().records(), body);
        printer.statements(g.body(), body);
        if (g.value() != null) {
            List<CodeBlock> args = new ArrayList<>();
            args.add(printer.expr(g.value(), 0));
            java.util.Iterator<Expr> components = g.components().iterator();
            for (VariableElement p : m.element().getParameters()) {
                String name = p.getSimpleName().toString();
                if (!m.wrt().contains(name)) {
                    continue;
                }
                RecordParam params = m.ir().records().stream().filter(r -> r.access().equals(name)).findFirst().orElse(null);
                args.add(params == null ? printer.expr(components.next(), 0)
                        : RecordPrinter.pack(params, components, c -> printer.expr(c, 0)));
            }
            printer.releaseTape(body);
            body.addStatement("return new $T($L)", record, CodeBlock.join(args, ", "));
        }
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("Value and gradient of {@link $T#$L} with respect to $L.\n", type, link(m.element()),
                        m.wrt().isEmpty() ? "no parameter" : String.join(", ", m.wrt()));
        if (m.fallback() != null) {
            doc.add("\n<p>{@code @Jit}: the taped reverse-mode gradient, not the fused tape-free one: $L.\n",
                    javadocText(m.fallback()));
        }
        return MethodSpec.methodBuilder(m.element().getSimpleName().toString())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc(doc.build())
                .returns(record)
                .addParameters(parameters(m.element()))
                .varargs(m.element().isVarArgs())
                .addExceptions(thrown(m.element()))
                .addCode(body.build())
                .build();
    }

    private TypeSpec gradRecord(GradMethod m, ClassName record) {
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder()
                .addParameter(double.class, "value");
        for (VariableElement p : m.element().getParameters()) {
            if (m.wrt().contains(p.getSimpleName().toString())) {
                ctor.addParameter(com.palantir.javapoet.TypeName.get(p.asType()), p.getSimpleName().toString());
            }
        }
        return TypeSpec.recordBuilder(record)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("The value of\n{@link $T#$L}\nand its partial derivatives: one component per wrt parameter, with the parameter's name and type$L\n",
                        type, link(m.element()), m.ir().records().stream().anyMatch(r -> m.wrt().contains(r.access()))
                                ? "\n(for a record of parameters, a new record holding the gradient of each component that is a double or\nan array of doubles, and the parameter's own value of each other component)."
                                : ".")
                .recordConstructor(ctor.build())
                .build();
    }

    /** {@code base}, or {@code base2}, {@code base3}...: the first not in {@code taken}. */
    private static String unused(String base, java.util.Set<String> taken) {
        String name = base;
        for (int k = 2; taken.contains(name); k++) {
            name = base + k;
        }
        return name;
    }

    /** The functions of the rule table's {@code @Jit} column that {@code body} calls itself, as javadoc: {@code Math.exp}. */
    private static String jitColumn(List<Stmt> body) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        dev.jgrad.processor.ir.Walk.statements(body, s -> dev.jgrad.processor.ir.Walk.expressions(s,
                e -> dev.jgrad.processor.ir.Walk.postOrder(e, x -> {
                    if (x instanceof Expr.Prim p && dev.jgrad.processor.rules.Rules.fasterUnderJit(p.rule())) {
                        names.add("{@code " + JavaTypes.className(p.rule().owner()).simpleName() + "." + p.rule().name() + "}");
                    }
                })));
        return names.isEmpty() ? "the functions of the methods it calls" : String.join(", ", names);
    }

    /**
     * The javadoc of a method made from a helper: a link to the helper, or its name as code where this
     * package cannot see its class (a link would import it, which does not compile).
     */
    private CodeBlock helperDoc(HelperMethod h) {
        TypeElement owner = (TypeElement) h.helper().getEnclosingElement();
        return visibleFrom(owner, GeneratedNames.packageName(type))
                ? CodeBlock.of("{@link $T#$L}: $L\n", owner, link(h.helper()), h.what())
                : CodeBlock.of("{@code $L.$L}: $L\n", owner.getQualifiedName(), link(h.helper()), h.what());
    }

    /** Whether code in package {@code pkg} can name {@code t}: it and each class it is nested in are public, or of {@code pkg} and not private. */
    static boolean visibleFrom(TypeElement t, String pkg) {
        for (javax.lang.model.element.Element e = t; e instanceof TypeElement c; e = c.getEnclosingElement()) {
            if (!c.getModifiers().contains(Modifier.PUBLIC)
                    && (c.getModifiers().contains(Modifier.PRIVATE) || !GeneratedNames.packageName(c).equals(pkg))) {
                return false;
            }
        }
        return true;
    }

    static List<ParameterSpec> parameters(ExecutableElement m) {
        List<ParameterSpec> out = new ArrayList<>();
        for (VariableElement p : m.getParameters()) {
            out.add(ParameterSpec.builder(com.palantir.javapoet.TypeName.get(p.asType()), p.getSimpleName().toString()).build());
        }
        return out;
    }

    /**
     * The checked exceptions the source method declares: its argument checks may throw them, and so
     * may the chunks of its parallel loops.
     */
    static List<com.palantir.javapoet.TypeName> thrown(ExecutableElement m) {
        List<com.palantir.javapoet.TypeName> out = new ArrayList<>();
        m.getThrownTypes().forEach(t -> out.add(com.palantir.javapoet.TypeName.get(t)));
        return out;
    }

    /** Plain text as javadoc text: no markup, no end of comment. */
    private static String javadocText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
                .replace("*/", "*&#47;");
    }

    static String link(ExecutableElement m) {
        List<String> types = new ArrayList<>();
        for (VariableElement p : m.getParameters()) {
            types.add(p.asType().toString());
        }
        return m.getSimpleName() + "(" + String.join(", ", types) + ")";
    }

    void write(ClassName name, TypeSpec spec) {
        String[] shadowed = ShadowedNames.of(processing, name.packageName());
        if (shadowed.length > 0) {
            spec = spec.toBuilder().alwaysQualify(shadowed).build();
        }
        JavaFile file = JavaFile.builder(name.packageName(), spec)
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
        try {
            // formatted into memory, then written at once: the Filer's writer encodes each piece it is given
            String text = file.toString();
            javax.tools.JavaFileObject out = processing.getFiler().createSourceFile(name.canonicalName(),
                    spec.originatingElements().toArray(new javax.lang.model.element.Element[0]));
            try (java.io.Writer writer = out.openWriter()) {
                writer.write(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
