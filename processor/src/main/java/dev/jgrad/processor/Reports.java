package dev.jgrad.processor;

import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.emit.GeneratedNames;
import dev.jgrad.processor.front.Env;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.IrText;
import dev.jgrad.processor.ir.Origins;
import dev.jgrad.processor.ir.Src;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.transform.GradientForm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * {@code -Ajgrad.report}: for each method of a class, the form its generated code got (one pass,
 * two passes without a tape, or taped; parallel or not), why not the better form (the statement that
 * prevented it), and for a taped gradient what the tape holds per statement and per loop iteration,
 * as JAX's {@code print_saved_residuals} lists a function's residuals. One text file beside the
 * generated sources ({@code C.jgrad-report.txt}) and a note per method. Every fact comes from the
 * transforms' own decisions ({@link GradientForm}) and the IR they made; nothing is re-read from
 * generated text.
 */
final class Reports {
    static final String OPTION = "jgrad.report";

    private final Env env;
    private final ProcessingEnvironment processing;
    private final TypeElement type;
    /** Per method: the lines of its section, and its one-line summary for the note. */
    private final Map<ExecutableElement, List<String>> sections = new LinkedHashMap<>();
    private final Map<ExecutableElement, List<String>> summaries = new LinkedHashMap<>();
    /** The names the source file declares, read once: the IR's other locals are jgrad's ({@link #value}). */
    private Set<String> declared;

    Reports(Env env, ProcessingEnvironment processing, TypeElement type) {
        this.env = env;
        this.processing = processing;
        this.type = type;
    }

    /** Whether the build asked for reports ({@code -Ajgrad.report}, or {@code -Ajgrad.report=true}). */
    static boolean wanted(ProcessingEnvironment processing) {
        String v = processing.getOptions().get(OPTION);
        return processing.getOptions().containsKey(OPTION) && (v == null || !v.equals("false"));
    }

    /**
     * The gradient of {@code m}: its form, and {@code body}, the generated method's statements;
     * {@code origins} tells the statements jgrad made of an {@code Ops} call ({@link SourceWords}).
     */
    void gradient(ExecutableElement m, GradientForm form, boolean jit, List<Stmt> body, Origins origins) {
        List<String> out = section(m);
        String generated = GeneratedNames.gradClass(type).simpleName() + "." + m.getSimpleName();
        String summary = null;
        switch (form.kind()) {
            case ONE_PASS -> {
                out.add("  gradient " + generated + ": one pass, no tape: the adjoint of each iteration runs in the"
                        + " loop that computes it");
                summary = "gradient in one pass";
            }
            case TWO_PASS -> {
                out.add("  gradient " + generated + ": two passes, no tape: the forward sweep, then a reverse sweep"
                        + " that recomputes what it needs");
                out.add("    not one pass: " + blocker(form.whyNotBetter()));
                summary = "gradient in two passes, no tape";
            }
            case TAPED -> {
                out.add("  gradient " + generated + ": taped reverse mode");
                out.add(jit ? "    not tape-free: " + blocker(form.whyNotBetter())
                        : "    not one pass: " + blocker(form.whyNotBetter()) + "; without @Jit, only the one-pass form"
                                + " has no tape");
                summary = "gradient taped";
            }
        }
        if (form.kind() == GradientForm.Kind.TAPED) {
            out.add("    not parallel: a taped gradient runs on the calling thread");
            summary(m, summary + ", " + tape(form.tape(), out, origins));
        } else if (!jit) {
            out.add("    not parallel: no @Jit (without it, the loops run on the calling thread, the value's sums"
                    + " in the order written)");
            summary(m, summary + ", not parallel");
        } else {
            summary(m, summary + ", " + parallel(body, out));
        }
    }

    /** The {@code @Jit} value of {@code m}: {@code body}, the generated method's statements. */
    void value(ExecutableElement m, List<Stmt> body) {
        List<String> out = section(m);
        out.add("  value " + GeneratedNames.jitClass(type).simpleName() + "." + m.getSimpleName() + ":");
        summary(m, "value " + parallel(body, out));
    }

    /** Writes the file and one note per method; nothing when no method was reported. */
    void write() {
        if (sections.isEmpty()) {
            return;
        }
        String pkg = GeneratedNames.packageName(type);
        String name = GeneratedNames.reportFile(type);
        StringBuilder text = new StringBuilder("jgrad report for ").append(type.getQualifiedName())
                .append(" (-Ajgrad.report): the form of each generated method, and why not a better one\n");
        sections.values().forEach(lines -> text.append('\n').append(String.join("\n", lines)).append('\n'));
        try {
            FileObject file = processing.getFiler().createResource(StandardLocation.SOURCE_OUTPUT, pkg, name, type);
            try (Writer w = file.openWriter()) {
                w.write(text.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String where = (pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/") + name;
        summaries.forEach((m, parts) ->
                env.diag().note(Message.REPORT, null, null, m, m.getSimpleName(), String.join("; ", parts), where));
    }

    private List<String> section(ExecutableElement m) {
        return sections.computeIfAbsent(m, k -> {
            List<String> lines = new ArrayList<>();
            String params = k.getParameters().stream().map(p -> p.asType() + " " + p.getSimpleName())
                    .collect(Collectors.joining(", "));
            lines.add(k.getSimpleName() + "(" + params + ")");
            return lines;
        });
    }

    private void summary(ExecutableElement m, String part) {
        summaries.computeIfAbsent(m, k -> new ArrayList<>()).add(part);
    }

    /** The lines on {@code body}'s parallel loops; returns the note's words for them. */
    private static String parallel(List<Stmt> body, List<String> out) {
        List<Stmt.ParallelFor> loops = GradientForm.parallelLoops(body);
        if (loops.isEmpty()) {
            out.add("    not parallel: no top-level counted loop of independent iterations around an inner loop");
            return "not parallel";
        }
        boolean threads = false;
        for (Stmt.ParallelFor p : loops) {
            threads |= p.threads();
            out.add("    parallel: " + statement(p.src()) + (p.threads()
                    ? " runs in chunks on the common fork-join pool (from 8,192 iterations)"
                    : " runs in chunks on the calling thread (@Jit(parallel = false))"));
        }
        return threads ? "parallel" : "chunked on the calling thread";
    }

    /**
     * What the forward sweep pushes, one line per push, then the bytes per call: once, and per
     * iteration of each loop nest; returns the note's words for them.
     */
    private String tape(List<GradientForm.Saved> tape, List<String> out, Origins origins) {
        if (tape.isEmpty()) {
            out.add("    tape: nothing (no statement in a loop overwrites a value that the reverse sweep reads;"
                    + " what is saved outside loops is kept in locals)");
            return "empty tape";
        }
        out.add("    tape, per statement:");
        Map<List<Src>, Integer> bytes = new LinkedHashMap<>();
        boolean conditional = false;
        for (GradientForm.Saved s : tape) {
            out.add("      " + statement(s.statement()) + ": " + what(s, origins) + ", " + often(s.loops(), origins)
                    + (s.conditional() ? ", when its branch runs" : ""));
            bytes.merge(s.loops(), s.bytes(), Integer::sum);
            conditional |= s.conditional();
        }
        List<String> total = new ArrayList<>();
        bytes.forEach((loops, b) -> total.add(b + " bytes " + often(loops, origins)));
        String sum = (conditional ? "at most " : "") + String.join(" + ", total);
        out.add("    tape per call: " + sum);
        return "tape " + sum;
    }

    /**
     * The value a push saves, as the source names it ({@code h[j]}, {@code next_bar}); a temporary
     * jgrad made (of an {@code Ops} call: its result, partial sums, sizes) by what it is for.
     */
    private String value(GradientForm.Saved s, Origins origins) {
        Expr v = s.value();
        Expr root = v;
        while (root instanceof Expr.Index i) {
            root = i.array();
        }
        if (declared == null) {
            declared = SourceWords.declared(env, type);
        }
        boolean ops = SourceWords.fromCall(s.statement(), origins); // only jgrad's temporaries, whatever their names
        if (!ops && (!(root instanceof Expr.Local l) || declared.contains(l.name())
                || s.what() == GradientForm.What.OLD_ADJOINT && declared.contains(l.name().replaceAll("_bar(_\\d+)?$", "")))) {
            return IrText.of(v);
        }
        String part = v instanceof Expr.Index ? "an element of an array" : v.type().isArray() ? "an array"
                : v.type() == dev.jgrad.processor.ir.Type.DOUBLE ? "a partial result" : "an index or size";
        return ops ? part + " computed for `" + s.statement().text() + "`"
                : part + " that jgrad made";
    }

    private String what(GradientForm.Saved s, Origins origins) {
        String type = s.value().type().java();
        String size = s.value().type().isArray()
                ? "a reference, 8 bytes, which keeps the replaced " + type + " alive until the reverse sweep"
                : type + ", " + s.bytes() + " bytes";
        String value = value(s, origins);
        return switch (s.what()) {
            case OLD_VALUE -> "the old value of " + value + " (" + size + ")";
            case OLD_ADJOINT -> "the old adjoint " + (value.startsWith("a") ? "of " : "") + value + " (" + size + ")";
            case BRANCH -> "the branch taken (" + size + ")";
            case TRIP_COUNT -> "the trip count (" + size + ")";
        };
    }

    /**
     * {@code once}, or {@code per iteration of the loop at line 9} ({@code (inside the loop at line 7)}
     * for a nested loop); the loops jgrad made of an {@code Ops} call are named by the call, the inner
     * one of a nest of them {@code the inner loop of `matvec(a, x)` at line 9 (inside its outer loop)}.
     */
    private static String often(List<Src> loops, Origins origins) {
        if (loops.isEmpty()) {
            return "once";
        }
        int last = loops.size() - 1;
        StringBuilder s = new StringBuilder("per iteration of ").append(loop(loops, last, origins));
        for (int k = last - 1; k >= 0; k--) {
            s.append(k == last - 1 ? " (inside " : ", inside ").append(loop(loops, k, origins));
        }
        return loops.size() > 1 ? s.append(')').toString() : s.toString();
    }

    /** Loop {@code k} of a nest, outermost first. */
    private static String loop(List<Src> loops, int k, Origins origins) {
        Src src = loops.get(k);
        if (src == null || !SourceWords.fromCall(src, origins)) {
            return loop(src);
        }
        boolean outerToo = k > 0 && src.equals(loops.get(k - 1));
        boolean innerToo = k + 1 < loops.size() && src.equals(loops.get(k + 1));
        if (outerToo) {
            return innerToo ? "a middle loop of it" : "the inner loop of `" + src.text() + "` at line " + src.line();
        }
        if (innerToo) {
            return k + 1 == loops.size() - 1 ? "its outer loop" : "the outer loop of `" + src.text() + "`";
        }
        return "the loop of `" + src.text() + "` at line " + src.line();
    }

    private static String loop(Src src) {
        return src == null ? "a loop jgrad made" : "the loop at line " + src.line();
    }

    private static String blocker(GradientForm.Blocker b) {
        return b == null ? "(no reason recorded)" : b.at() == null ? b.reason() : statement(b.at()) + ": " + b.reason();
    }

    private static String statement(Src src) {
        return src == null ? "a statement jgrad made" : line(src) + " `" + src.text() + "`";
    }

    private static String line(Src src) {
        return "line " + src.line();
    }
}
