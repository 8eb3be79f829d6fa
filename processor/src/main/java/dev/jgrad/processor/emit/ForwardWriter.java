package dev.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Gradient;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.RecordParam;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Writes the classes of the forward-mode API for one class: {@code CJvp} and {@code CHessian}. Each
 * generated method takes the source method's parameters, then its own ({@code xDot}, {@code v}),
 * runs the body the transform made and returns a record of the value and its derivatives.
 */
public final class ForwardWriter {
    /** A component of a generated record: its name and type. */
    public record Component(String name, Type type) {}

    /**
     * One generated method: named {@code name}, after {@code element}; {@code extra} are the
     * parameters after the source's; it returns record {@code record} with the value (of type
     * {@code valueType}) then {@code components}, which {@code body}'s value and components fill.
     * {@code records} are read into their leaves at entry: the source's records of parameters, and for
     * {@code @Jvp} the tangent of each wrt one (an {@code extra} parameter named like its access, of
     * the record's type, whose {@link Method.Param#type} is null). {@code jit}: code of a {@code @Jit}
     * method ({@code @Jit @Jvp}), which may use the faster formulations of the rule table's {@code @Jit} column.
     */
    public record Out(ExecutableElement element, String name, List<Method.Param> extra, String record, Type valueType,
            List<Component> components, Gradient body, Set<String> names, String doc, Driver driver,
            List<RecordParam> records, boolean jit) {
        /** A method of code without {@code @Jit}. */
        public Out(ExecutableElement element, String name, List<Method.Param> extra, String record, Type valueType,
                List<Component> components, Gradient body, Set<String> names, String doc, Driver driver,
                List<RecordParam> records) {
            this(element, name, extra, record, valueType, components, body, names, doc, driver, records, false);
        }
    }

    /**
     * A full Hessian from Hessian-vector products: {@code size} (an int expression over the parameters)
     * products of method {@code hvp} with the unit vectors; the arrays {@code copied} (that the method
     * writes into) are given as copies to every product but the last, so the caller's arrays end as the
     * source leaves them after one call.
     */
    public record Driver(String hvp, Expr size, List<Method.Param> copied, String row, boolean prints) {
        /** The driver of a full Hessian. */
        public Driver(String hvp, Expr size, List<Method.Param> copied) {
            this(hvp, size, copied, null, false);
        }
    }

    private final ClassWriter writer;
    private final TypeElement type;

    public ForwardWriter(ClassWriter writer, TypeElement type) {
        this.writer = writer;
        this.type = type;
    }

    /** Writes {@code p.C<kind>} with the methods {@code methods}. */
    public void write(String kind, List<Out> methods) {
        ClassName name = GeneratedNames.forwardClass(type, kind);
        TypeSpec.Builder c = writer.classBuilder(name, "The {@code @" + kind + "} methods of {@link $T}, written by jgrad at compile time.\n");
        Assertions assertions = new Assertions(name, type);
        for (Out m : methods) {
            c.alwaysQualify(m.names().toArray(new String[0]));
            // a helper (no record) returns its one component
            ClassName record = m.record() == null ? null : name.nestedClass(GeneratedNames.notClassName(m.record(), name));
            Printer printer = new Printer(m.body() == null ? null : m.body().tape(), ClassWriter.thrown(m.element()), m.jit())
                    .hiding(m.names()).assertions(assertions);
            CodeBlock.Builder body = CodeBlock.builder();
            RecordPrinter.unpack(m.records(), body);
            // a full Hessian's lanes, then its products where the lanes' result holds a NaN
            boolean fallback = m.driver() != null && m.driver().row() == null && m.body() != null;
            if (m.driver() != null && m.driver().row() != null) {
                jacobian(m, record, printer, body);
            } else if (fallback) {
                lanesOrDriver(m, name, record, printer, body);
            } else if (m.driver() != null) {
                driver(m, name, record, printer, body, new java.util.HashSet<>());
            } else {
                printer.statements(m.body().body(), body);
            }
            if (m.driver() == null && m.body().value() != null) {
                printer.releaseTape(body);
            }
            if (m.driver() == null && m.body().value() != null && record == null) {
                body.addStatement("return $L", printer.expr(m.body().components().get(0), 0));
            } else if (m.driver() == null && m.body().value() != null) {
                List<CodeBlock> args = new ArrayList<>();
                args.add(printer.expr(m.body().value(), 0));
                for (Expr e : m.body().components()) {
                    args.add(printer.expr(e, 0));
                }
                body.addStatement("return new $T($L)", record, CodeBlock.join(args, ", "));
            }
            List<ParameterSpec> params = new ArrayList<>(ClassWriter.parameters(m.element()));
            for (Method.Param p : m.extra()) {
                params.add(ParameterSpec.builder(p.type() != null ? JavaTypes.typeName(p.type())
                        : RecordPrinter.typeName(m.records().stream().filter(r -> r.access().equals(p.name()))
                                .findFirst().orElseThrow()), p.name()).build());
            }
            c.addMethod(MethodSpec.methodBuilder(m.name())
                    .addModifiers(record == null ? Modifier.PRIVATE : Modifier.PUBLIC, Modifier.STATIC)
                    .addJavadoc(m.doc() + "\n", type, ClassWriter.link(m.element()))
                    .returns(record == null ? JavaTypes.typeName(m.components().get(0).type()) : record)
                    .addParameters(params)
                    .varargs(m.extra().isEmpty() && m.element().isVarArgs())
                    .addExceptions(ClassWriter.thrown(m.element()))
                    .addCode(body.build())
                    .build());
            c.addMethods(printer.chunks());
            if (record == null) {
                continue;
            }
            MethodSpec.Builder ctor = MethodSpec.constructorBuilder()
                    .addParameter(JavaTypes.typeName(m.valueType()), "value");
            for (Component k : m.components()) {
                ctor.addParameter(JavaTypes.typeName(k.type()), k.name());
            }
            c.addType(TypeSpec.recordBuilder(record)
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc("What {@link $T#$L} returns.\n", name, m.name() + "(" + String.join(", ",
                            params.stream().map(p -> p.type().toString()).toList()) + ")")
                    .recordConstructor(ctor.build())
                    .build());
        }
        assertions.addTo(c);
        writer.write(name, c.build());
    }

    /**
     * {@code text} as it reads in a method's javadoc template ({@link Out#doc}, a JavaPoet format whose {@code $T}
     * and {@code $L} are the source method's link): a user's name may hold a {@code $} ({@code $x}, {@code f$L}).
     */
    public static String literal(String text) {
        return text.replace("$", "$$");
    }

    /**
     * The body of a full Hessian in lanes ({@code m.body()}, every adjoint passed on), then, if its gradient or
     * Hessian holds a NaN, the products of the driver ({@link #driver}), whose adjoints are passed on only where
     * not zero: a NaN there may be 0 * inf where the path taken does not use a value.
     */
    private void lanesOrDriver(Out m, ClassName name, ClassName record, Printer printer, CodeBlock.Builder b) {
        printer.statements(m.body().body(), b);
        printer.releaseTape(b);
        Set<String> taken = new java.util.HashSet<>(m.names());
        String gradient = free("gradient", taken);
        String hessian = free("hessian", taken);
        ClassName arrays2 = ClassName.get("dev.jgrad.runtime", "Arrays2");
        b.addStatement("double[] $N = $L", gradient, printer.expr(m.body().components().get(0), 0));
        b.addStatement("double[][] $N = $L", hessian, printer.expr(m.body().components().get(1), 0));
        b.beginControlFlow("if ($T.hasNaN($N) || $T.hasNaN($N))", arrays2, gradient, arrays2, hessian);
        driver(m, name, record, printer, b, taken);
        b.endControlFlow();
        b.addStatement("return new $T($L, $N, $N)", record, printer.expr(m.body().value(), 0), gradient, hessian);
    }

    /**
     * The body of a full Hessian: one product per unit vector, then symmetrised. Its locals are clear of
     * {@code taken}'s names (and of the parameters').
     */
    private void driver(Out m, ClassName name, ClassName record, Printer printer, CodeBlock.Builder b,
            Set<String> taken) {
        Driver d = m.driver();
        m.element().getParameters().forEach(p -> taken.add(p.getSimpleName().toString()));
        String n = free("n", taken);
        String h = free("hessian", taken);
        String k = free("k", taken);
        String e = free("e", taken);
        String last = free("last", taken);
        ClassName hvpRecord = name.nestedClass(GeneratedNames.forwardRecord(d.hvp(), ""));
        String failed = free("failed", taken);
        boolean copies = !d.copied().isEmpty();
        b.addStatement("int $N = $L", n, printer.expr(d.size(), 0));
        b.addStatement("double[][] $N = new double[$N][]", h, n);
        if (copies) {
            b.beginControlFlow("try");
        }
        b.beginControlFlow("for (int $N = 0; $N < $N - 1; $N++)", k, k, n, k);
        b.addStatement("double[] $N = new double[$N]", e, n);
        b.addStatement("$N[$N] = 1.0", e, k);
        b.addStatement("$N[$N] = $N($L).hvp()", h, k, d.hvp(), arguments(m, d, e, true));
        b.endControlFlow();
        if (copies) {
            // a run on copies failed: the source's run, on the caller's arrays, writes them as it does before failing
            b.nextControlFlow("catch ($T $N)", Throwable.class, failed);
            b.add("// the source's run on the caller's arrays, which it writes as the source does before failing\n");
            b.addStatement("$N($L)", d.hvp(), arguments(m, d, CodeBlock.of("new double[$N]", n), false));
            b.addStatement("throw $N", failed);
            b.endControlFlow();
        }
        b.addStatement("double[] $N = new double[$N]", e, n);
        b.beginControlFlow("if ($N > 0)", n);
        b.addStatement("$N[$N - 1] = 1.0", e, n);
        b.endControlFlow();
        b.addStatement("$T $N = $N($L)", hvpRecord, last, d.hvp(), arguments(m, d, e, false));
        b.beginControlFlow("if ($N > 0)", n);
        b.addStatement("$N[$N - 1] = $N.hvp()", h, n, last);
        b.endControlFlow();
        b.addStatement("return new $T($N.value(), $N.gradient(), $T.symmetrize($N))", record, last, last,
                ClassName.get("dev.jgrad.runtime", "Arrays2"), h);
    }

    /**
     * The body of a Jacobian: a first column (forward mode) gives the value and the number of outputs
     * {@code m}; then the other columns if there are no more entries {@code n} than outputs, else the
     * {@code m} rows (reverse mode). The caller's written arrays, if any, are left as the source leaves
     * them by one last call with the caller's own arrays.
     */
    private void jacobian(Out m, ClassName record, Printer printer, CodeBlock.Builder b) {
        Driver d = m.driver();
        Set<String> taken = new java.util.HashSet<>();
        m.element().getParameters().forEach(p -> taken.add(p.getSimpleName().toString()));
        String n = free("n", taken);
        String first = free("first", taken);
        String value = free("value", taken);
        String rows = free("m", taken);
        String jac = free("jacobian", taken);
        String k = free("k", taken);
        String i = free("i", taken);
        String col = free("column", taken);
        ClassName arrays2 = ClassName.get("dev.jgrad.runtime", "Arrays2");
        String failed = free("failed", taken);
        boolean copies = !d.copied().isEmpty();
        b.addStatement("int $N = $L", n, printer.expr(d.size(), 0));
        // a method that prints prints in the first column's run only (its last argument), as the source does once
        CodeBlock quiet = d.prints() ? CodeBlock.of(", false") : CodeBlock.of("");
        if (copies) {
            b.addStatement("double[] $N", value);
            b.addStatement("double[][] $N", jac);
            b.beginControlFlow("try");
        }
        b.addStatement("double[][] $N = $N($L)", first, d.hvp(), arguments(m, d,
                CodeBlock.of("$N > 0 ? $T.unit($N, 0) : new double[0]$L", n, arrays2, n,
                        d.prints() ? CodeBlock.of(", true") : CodeBlock.of("")), copies));
        b.addStatement(copies ? "$N = $N[0]" : "double[] $N = $N[0]", value, first);
        b.addStatement("int $N = $N == null ? 0 : $N.length", rows, value, value);
        b.addStatement(copies ? "$N = new double[$N][$N]" : "double[][] $N = new double[$N][$N]", jac, rows, n);
        b.beginControlFlow("if ($N <= $N)", n, rows);
        b.add("// forward mode: one column per entry\n");
        b.beginControlFlow("for (int $N = 0; $N < $N; $N++)", k, k, n, k);
        b.addStatement("double[] $N = $N == 0 ? $N[1] : $N($L)[1]", col, k, first, d.hvp(),
                arguments(m, d, CodeBlock.of("$T.unit($N, $N)$L", arrays2, n, k, quiet), copies));
        b.beginControlFlow("for (int $N = 0; $N < $N; $N++)", i, i, rows, i);
        b.addStatement("$N[$N][$N] = $N[$N]", jac, i, k, col, i);
        b.endControlFlow();
        b.endControlFlow();
        b.nextControlFlow("else");
        b.add("// reverse mode: one row per output\n");
        b.beginControlFlow("for (int $N = 0; $N < $N; $N++)", i, i, rows, i);
        b.addStatement("$N[$N] = $N($L)", jac, i, d.row(),
                arguments(m, d, CodeBlock.of("$T.unit($N, $N)", arrays2, rows, i), copies));
        b.endControlFlow();
        b.endControlFlow();
        if (copies) {
            // a run on copies failed: the source's run, on the caller's arrays, writes them as it does before failing
            b.nextControlFlow("catch ($T $N)", Throwable.class, failed);
            b.add("// the source's run on the caller's arrays, which it writes as the source does before failing\n");
            b.addStatement("$N($L)", d.hvp(), arguments(m, d, CodeBlock.of("new double[$N]$L", n, quiet), false));
            b.addStatement("throw $N", failed);
            b.endControlFlow();
            b.add("// the caller's arrays, as the source leaves them\n");
            b.addStatement("$N($L)", d.hvp(), arguments(m, d, CodeBlock.of("new double[$N]$L", n, quiet), false));
        }
        b.addStatement("return new $T($N, $N)", record, value, jac);
    }

    /** The source's arguments then {@code e}; written arrays as copies where {@code copies}. */
    private static CodeBlock arguments(Out m, Driver d, String e, boolean copies) {
        return arguments(m, d, CodeBlock.of("$N", e), copies);
    }

    /**
     * The source's arguments then {@code last}; where {@code copies}, a copy of each array it writes
     * into, and of each record holding one (a new record, the written leaves copied).
     */
    private static CodeBlock arguments(Out m, Driver d, CodeBlock last, boolean copies) {
        Set<String> written = new java.util.HashSet<>();
        d.copied().forEach(c -> written.add(c.name()));
        List<CodeBlock> args = new ArrayList<>();
        for (javax.lang.model.element.VariableElement p : m.element().getParameters()) {
            String pn = p.getSimpleName().toString();
            RecordParam record = m.records().stream().filter(r -> r.access().equals(pn)).findFirst().orElse(null);
            if (copies && record != null && record.leaves().stream().anyMatch(c -> written.contains(c.leaf()))) {
                args.add(RecordPrinter.copy(record, written));
            } else if (copies && written.contains(pn)) {
                args.add(CodeBlock.of("$T.$N($N)", ClassName.get("dev.jgrad.runtime", "Arrays2"),
                        d.copied().stream().filter(c -> c.name().equals(pn)).findFirst().orElseThrow().type()
                                == Type.INT_ARRAY ? "copyOf" : "deepCopy", pn));
            } else {
                args.add(CodeBlock.of("$N", pn));
            }
        }
        args.add(last);
        return CodeBlock.join(args, ", ");
    }

    private static String free(String base, Set<String> taken) {
        String n = base;
        while (taken.contains(n)) {
            n = n + "_";
        }
        taken.add(n);
        return n;
    }
}
