package dev.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.jgrad.processor.ir.BinaryOp;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.UnaryOp;
import dev.jgrad.processor.rules.Rules;
import java.util.ArrayList;
import java.util.List;

/**
 * IR to Java source, through JavaPoet: the only place that knows the syntax of the output. Types go
 * through {@code $T} so that imports come free; parentheses are written exactly where Java's
 * precedence needs them, so that {@code a + (b + c)} keeps its grouping (and its rounding).
 */
final class Printer {
    private static final ClassName TAPE = ClassName.get("dev.jgrad.runtime", "Tape");
    private static final int PRIMARY = 16;
    private static final int UNARY = 14;
    private static final int CONDITIONAL = 2;

    private static final ClassName SUMS = ClassName.get("dev.jgrad.runtime", "Sums");
    private static final ClassName PARALLEL = ClassName.get("dev.jgrad.runtime", "Parallel");

    private final String tape;
    private final List<com.palantir.javapoet.TypeName> thrown;
    /** Whether this is code of a {@code @Jit} method: primitives spelled as the table's {@code @Jit} column says. */
    private final boolean jit;
    /**
     * The methods of the generated class whose last parameter chooses the {@code @Jit} column at run time
     * ({@link ClassWriter.MathForm#EITHER}); a call of one passes {@link #flag}, or this code's own choice.
     */
    private final MathCalls calls;
    private final List<com.palantir.javapoet.MethodSpec> chunks = new ArrayList<>();
    /**
     * The names of the generated class's variables ({@link #hiding}): a class of the user's package whose simple
     * name one of them has is written with its package, as JavaPoet's {@code alwaysQualify} does for the others.
     */
    private java.util.Set<String> variables = java.util.Set.of();
    /** The assertion status that {@code assert} statements test, or null for Java's own {@code assert}. */
    private Assertions assertions;

    /** The {@code assert} statements of this code test {@code assertions}' status. */
    Printer assertions(Assertions assertions) {
        this.assertions = assertions;
        return this;
    }
    /** How deep the expression being printed is inside brackets or arguments: lines break only outside them. */
    private int nested;

    /**
     * {@code tape} is the name of the method's tape, or null if it has none; {@code thrown} are the
     * checked exceptions the method declares, which its loops' chunks may throw.
     */
    Printer(String tape, List<com.palantir.javapoet.TypeName> thrown) {
        this(tape, thrown, false);
    }

    /**
     * As above; {@code jit} for the code of a {@code @Jit} method, whose primitives may be computed by the
     * faster formulations of the rule table's {@code @Jit} column ({@link Rules#ownerUnderJit}).
     */
    Printer(String tape, List<com.palantir.javapoet.TypeName> thrown, boolean jit) {
        this(tape, thrown, jit, MathCalls.NONE);
    }

    /** As above, in a class some of whose methods choose the {@code @Jit} column at run time ({@code calls}). */
    Printer(String tape, List<com.palantir.javapoet.TypeName> thrown, boolean jit, MathCalls calls) {
        this.tape = tape;
        this.thrown = thrown;
        this.jit = jit;
        this.calls = calls;
    }

    /**
     * The variables of the generated class, the names given to its {@code alwaysQualify}: a parameter {@code K}
     * hides the user's class {@code p.K} from {@code K.cdf(x)}, which JavaPoet writes short, being of the class's
     * own package; so a call of it or a constant of it is written {@code p.K.cdf(x)}.
     */
    Printer hiding(java.util.Set<String> names) {
        this.variables = names;
        return this;
    }

    /** The class {@code binaryName} where code names it to call a method or read a constant. */
    private Code owner(String binaryName) {
        ClassName c = JavaTypes.className(binaryName);
        if (!c.packageName().isEmpty() && variables.contains(c.topLevelClassName().simpleName())) {
            return new Code().text(c.canonicalName());
        }
        return new Code().type(c);
    }

    /**
     * In the generated class {@code owner} (a binary name), the methods ({@code either}) whose last parameter,
     * a {@code boolean}, says whether they compute the rule table's {@code @Jit} column by its faster
     * formulations; {@code flag}, when not null, is that parameter in the method being printed, whose
     * primitives of the column are then written {@code flag ? JitMath.exp(x) : Math.exp(x)}.
     */
    record MathCalls(String owner, java.util.Set<String> either, String flag) {
        static final MathCalls NONE = new MathCalls("", java.util.Set.of(), null);

        boolean chooses(Expr e) {
            return flag != null && e instanceof Expr.Prim p && Rules.fasterUnderJit(p.rule());
        }

        boolean takesFlag(String owner, String name) {
            return this.owner.equals(owner) && either.contains(name);
        }
    }

    /** The methods that parallel loops' chunks run, written while printing the body. */
    List<com.palantir.javapoet.MethodSpec> chunks() {
        return chunks;
    }

    /** {@code Tape.release(tape);} before the method returns, if it has a tape: the thread's spare again. */
    void releaseTape(CodeBlock.Builder b) {
        if (tape != null) {
            b.addStatement("$T.release($N)", TAPE, tape);
        }
    }

    // ---------------------------------------------------------------- statements

    void statements(List<Stmt> body, CodeBlock.Builder b) {
        for (Stmt s : body) {
            statement(s, b);
        }
    }

    void statement(Stmt s, CodeBlock.Builder b) {
        if (s instanceof Stmt.Decl d) {
            if (d.type() == Type.VOID) {
                // this thread's spare tape if it has one: calls in a row allocate no tape
                b.addStatement("$T $N = $T.acquire()", TAPE, d.name(), TAPE);
            } else if (d.init() == null) {
                // lowered jumps can hide from javac that the source always assigns before reading
                b.addStatement("$T $N = $L", JavaTypes.typeName(d.type()), d.name(), d.type().zero());
            } else {
                b.addStatement("$T $N = $L", JavaTypes.typeName(d.type()), d.name(), expr(d.init(), 0));
            }
        } else if (s instanceof Stmt.Assign a) {
            b.addStatement("$L", assignment(a));
        } else if (s instanceof Stmt.If i) {
            b.beginControlFlow("if ($L)", expr(i.cond(), 0));
            statements(i.then(), b);
            List<Stmt> otherwise = i.otherwise();
            while (otherwise.size() == 1 && otherwise.get(0) instanceof Stmt.If elseIf) {
                b.nextControlFlow("else if ($L)", expr(elseIf.cond(), 0));
                statements(elseIf.then(), b);
                otherwise = elseIf.otherwise();
            }
            if (!otherwise.isEmpty()) {
                b.nextControlFlow("else");
                statements(otherwise, b);
            }
            b.endControlFlow();
        } else if (s instanceof Stmt.While w) {
            if (w.testAfter()) {
                b.beginControlFlow("do");
                statements(w.body(), b);
                b.endControlFlow("while ($L)", expr(w.cond(), 0));
            } else {
                b.beginControlFlow("while ($L)", expr(w.cond(), 0));
                statements(w.body(), b);
                b.endControlFlow();
            }
        } else if (s instanceof Stmt.For f) {
            forLoop(f, b);
        } else if (s instanceof Stmt.Break) {
            b.addStatement("break");
        } else if (s instanceof Stmt.Continue) {
            b.addStatement("continue");
        } else if (s instanceof Stmt.Return r) {
            if (r.value() == null) {
                b.addStatement("return");
            } else {
                b.addStatement("return $L", expr(r.value(), 0));
            }
        } else if (s instanceof Stmt.Throw t) {
            b.addStatement("throw new $T($L)", JavaTypes.className(t.exception()), arguments(t.args()).block());
        } else if (s instanceof Stmt.Assert a && assertions != null) {
            assertions.write(b, expr(a.cond(), 0), a.message() == null ? null : expr(a.message(), 0));
        } else if (s instanceof Stmt.Assert a) {
            if (a.message() == null) {
                b.addStatement("assert $L", expr(a.cond(), 0));
            } else {
                b.addStatement("assert $L : $L", expr(a.cond(), 0), expr(a.message(), 0));
            }
        } else if (s instanceof Stmt.Block bl) {
            if (bl.body().isEmpty()) {
                return;
            }
            b.add("{\n$>");
            statements(bl.body(), b);
            b.add("$<}\n");
        } else if (s instanceof Stmt.Push p) {
            b.addStatement("$N.$N($L)", tape, "push" + tapeKind(p.value().type()), expr(p.value(), 0));
        } else if (s instanceof Stmt.ParallelFor p) {
            parallelFor(p, b);
        } else if (s instanceof Stmt.Run r) {
            b.addStatement("$L", expr(r.call(), 0));
        } else if (s instanceof Stmt.Comment c) {
            b.add("// $L\n", c.text());
        } else if (s instanceof Stmt.TryFinally t) {
            b.beginControlFlow("try");
            statements(t.body(), b);
            b.nextControlFlow("finally");
            statements(t.last(), b);
            b.endControlFlow();
        } else if (s instanceof Stmt.Repeat r) {
            b.beginControlFlow("for (int $N = $L; $N > 0; $N--)", r.counter(), expr(r.from(), 0), r.counter(), r.counter());
            statements(r.body(), b);
            b.endControlFlow();
        } else {
            throw new IllegalArgumentException("cannot print " + s);
        }
    }

    private void forLoop(Stmt.For f, CodeBlock.Builder b) {
        CodeBlock init;
        boolean before = false;
        if (f.init().isEmpty()) {
            init = CodeBlock.of("");
        } else if (f.init().size() == 1 && f.init().get(0) instanceof Stmt.Decl d && d.init() != null) {
            init = CodeBlock.of("$T $N = $L", JavaTypes.typeName(d.type()), d.name(), expr(d.init(), 0));
        } else if (f.init().stream().allMatch(s -> s instanceof Stmt.Assign)) {
            List<CodeBlock> parts = new ArrayList<>();
            f.init().forEach(s -> parts.add(assignment((Stmt.Assign) s)));
            init = CodeBlock.join(parts, ", ");
        } else {
            before = true;
            init = CodeBlock.of("");
        }
        if (before) {
            b.add("{\n$>");
            statements(f.init(), b);
        }
        List<CodeBlock> updates = new ArrayList<>();
        f.update().forEach(s -> updates.add(assignment((Stmt.Assign) s)));
        CodeBlock cond = f.cond() == null ? CodeBlock.of("") : CodeBlock.of(" $L", expr(f.cond(), 0));
        CodeBlock update = updates.isEmpty() ? CodeBlock.of("") : CodeBlock.of(" $L", CodeBlock.join(updates, ", "));
        b.beginControlFlow("for ($L;$L;$L)", init, cond, update);
        statements(f.body(), b);
        b.endControlFlow();
        if (before) {
            b.add("$<}\n");
        }
    }

    /**
     * The call site of a parallel loop, and its chunk method: the body runs on the chunk's own sums
     * (the arrays of the first chunk are the method's own), which the call site adds back.
     */
    private void parallelFor(Stmt.ParallelFor p, CodeBlock.Builder b) {
        String sums = p.sums();
        String from = p.lo();
        String to = p.hi();
        List<CodeBlock> vectors = new ArrayList<>();
        p.vectors().forEach(v -> vectors.add(CodeBlock.of("$N", v.name())));
        List<CodeBlock> matrices = new ArrayList<>();
        p.matrices().forEach(m -> matrices.add(CodeBlock.of("$N", m.name())));
        if (p.src() != null) {
            b.add("// $L, in chunks\n", p.src().text());
        }
        b.addStatement("$T $N = new $T(/* scalars */ $L, /* vectors */ new double[][] {$L}, /* matrices */ new double[][][] {$L})", SUMS, sums, SUMS,
                p.scalars().size(), CodeBlock.join(vectors, ", "), CodeBlock.join(matrices, ", "));
        List<CodeBlock> args = new ArrayList<>();
        com.palantir.javapoet.MethodSpec.Builder chunk = com.palantir.javapoet.MethodSpec.methodBuilder(p.chunk())
                .addModifiers(javax.lang.model.element.Modifier.PRIVATE, javax.lang.model.element.Modifier.STATIC)
                .addJavadoc("Iterations {@code [$N, $N)} of a parallel loop, adding into {@code $N}.\n", from, to, sums)
                .addParameter(SUMS, sums).addParameter(int.class, from).addParameter(int.class, to)
                .addExceptions(thrown);
        for (Expr.Local c : p.captured()) {
            String arg = c.name();
            if (p.reassigned().contains(c.name())) {
                // a lambda captures only effectively final locals
                arg = p.names().fresh(c.name() + "_in");
                b.addStatement("$T $N = $N", JavaTypes.typeName(c.type()), arg, c.name());
            }
            args.add(CodeBlock.of("$N", arg));
            chunk.addParameter(JavaTypes.typeName(c.type()), c.name());
        }
        String part = p.names().fresh("part");
        String lo = p.names().fresh("lo");
        String hi = p.names().fresh("hi");
        String lambda = "(" + part + ", " + lo + ", " + hi + ")";
        CodeBlock call = CodeBlock.of("$N($N, $N, $N$L$L)", p.chunk(), part, lo, hi, args.isEmpty() ? "" : ", ",
                CodeBlock.join(args, ", "));
        b.addStatement("$T.run($L, $L, /* threads */ $L, $N, $L -> $L)", PARALLEL, expr(p.from(), 1), expr(p.to(), 1), p.threads(),
                sums, lambda, call);
        for (int k = 0; k < p.scalars().size(); k++) {
            b.addStatement("$N += $N.scalars[$L]", p.scalars().get(k).name(), sums, k);
        }
        CodeBlock.Builder body = CodeBlock.builder();
        for (Expr.Local v : p.scalars()) {
            body.addStatement("double $N = 0.0", v.name());
        }
        for (int k = 0; k < p.vectors().size(); k++) {
            body.addStatement("double[] $N = $N.vectors[$L]", p.vectors().get(k).name(), sums, k);
        }
        for (int k = 0; k < p.matrices().size(); k++) {
            body.addStatement("double[][] $N = $N.matrices[$L]", p.matrices().get(k).name(), sums, k);
        }
        for (Stmt buffer : p.scratch()) {
            statement(buffer, body);
        }
        statements(p.chunkBody(), body);
        for (int k = 0; k < p.scalars().size(); k++) {
            body.addStatement("$N.scalars[$L] = $N", sums, k, p.scalars().get(k).name());
        }
        chunks.add(chunk.addCode(body.build()).build());
    }

    /** {@code t = v}, written {@code t += e} or {@code i++} where the value is {@code t op e}. */
    CodeBlock assignment(Stmt.Assign a) {
        return assignmentCode(a).block();
    }

    private Code assignmentCode(Stmt.Assign a) {
        Code target = code(a.target(), PRIMARY);
        if (a.value() instanceof Expr.Binary bin && bin.left().equals(a.target()) && bin.type() == a.target().type()) {
            BinaryOp op = bin.op();
            if (a.target().type().isIntegral() && bin.right() instanceof Expr.Lit l && l.text().equals("1")
                    && (op == BinaryOp.ADD || op == BinaryOp.SUB)) {
                return target.text(op == BinaryOp.ADD ? "++" : "--");
            }
            if (op == BinaryOp.ADD || op == BinaryOp.SUB || op == BinaryOp.MUL || op == BinaryOp.DIV) {
                return target.text(" " + op.java() + "= ").add(code(bin.right(), 1));
            }
        }
        return target.text(" = ").add(code(a.value(), 1));
    }

    private static String tapeKind(Type t) {
        switch (t) {
            case DOUBLE: return "Double";
            case INT: return "Int";
            case LONG: return "Long";
            case BOOLEAN: return "Boolean";
            default: return "Ref";
        }
    }

    // ---------------------------------------------------------------- expressions

    /** The arguments of a call of {@code owner.name}, with the choice of the {@code @Jit} column last if it takes one. */
    private Code arguments(List<Expr> args, String owner, String name) {
        Code out = arguments(args);
        if (!calls.takesFlag(owner, name)) {
            return out;
        }
        Code choice = new Code().text(calls.flag() != null ? calls.flag() : String.valueOf(jit));
        return args.isEmpty() ? choice : out.text(", ").add(choice);
    }

    private Code arguments(List<Expr> args) {
        List<Code> parts = new ArrayList<>();
        nested++;
        try {
            args.forEach(a -> parts.add(code(a, 1)));
        } finally {
            nested--;
        }
        return Code.join(parts, ", ");
    }

    private int precedence(Expr e) {
        if (calls.chooses(e)) {
            return CONDITIONAL;
        }
        if (e instanceof Expr.Lit l) {
            return l.text().startsWith("-") ? UNARY : PRIMARY;
        }
        if (e instanceof Expr.Unary || e instanceof Expr.Cast) {
            return UNARY;
        }
        if (e instanceof Expr.Binary b) {
            return b.op().precedence();
        }
        if (e instanceof Expr.Cond) {
            return CONDITIONAL;
        }
        return PRIMARY;
    }

    /** {@code e}, in parentheses if its precedence is below {@code context}. */
    CodeBlock expr(Expr e, int context) {
        return code(e, context).block();
    }

    private Code code(Expr e, int context) {
        if (precedence(e) >= context) {
            return bare(e);
        }
        nested++;
        try {
            return new Code().text("(").add(bare(e)).text(")");
        } finally {
            nested--;
        }
    }

    private Code bare(Expr e) {
        if (e instanceof Expr.Lit l) {
            return new Code().text(l.text());
        }
        if (e instanceof Expr.Local l) {
            return new Code().text(l.name());
        }
        if (e instanceof Expr.Const c) {
            return owner(c.owner()).text("." + c.name());
        }
        if (e instanceof Expr.Index i) {
            Code array = code(i.array(), PRIMARY);
            nested++;
            try {
                return array.text("[").add(code(i.index(), 0)).text("]");
            } finally {
                nested--;
            }
        }
        if (e instanceof Expr.Length l) {
            return code(l.array(), PRIMARY).text(".length");
        }
        if (e instanceof Expr.Unary u) {
            Code operand = code(u.operand(), UNARY);
            boolean clash = (u.op() == UnaryOp.NEG || u.op() == UnaryOp.PLUS)
                    && (operand.startsWith('-') || operand.startsWith('+'));
            return clash ? new Code().text(u.op().java() + "(").add(operand).text(")")
                    : new Code().text(u.op().java()).add(operand);
        }
        if (e instanceof Expr.Binary b) {
            int p = b.op().precedence();
            // left-associative: the right operand at the same level keeps its parentheses; a long
            // line breaks before an operator outside brackets and arguments, with a continuation indent ($W)
            boolean wraps = nested == 0 && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB
                    || b.op() == BinaryOp.CAND || b.op() == BinaryOp.COR);
            Code left = code(b.left(), p);
            (wraps ? left.wrap() : left.text(" ")).text(b.op().java() + " ");
            return left.add(code(b.right(), p + 1));
        }
        if (e instanceof Expr.Cond c) {
            return code(c.cond(), CONDITIONAL + 1).text(" ? ").add(code(c.then(), CONDITIONAL + 1)).text(" : ")
                    .add(code(c.otherwise(), CONDITIONAL));
        }
        if (e instanceof Expr.Cast c) {
            return new Code().text("(").type(JavaTypes.typeName(c.type())).text(") ").add(code(c.operand(), UNARY));
        }
        if (e instanceof Expr.Prim p) {
            Code args = arguments(p.args(), p.rule().owner(), p.rule().name());
            if (calls.chooses(p)) {
                return new Code().text(calls.flag() + " ? ").add(owner(Rules.ownerUnderJit(p.rule())))
                        .text("." + p.rule().name() + "(").add(args).text(") : ").add(owner(p.rule().owner()))
                        .text("." + p.rule().name() + "(").add(args).text(")");
            }
            String owner = jit ? Rules.ownerUnderJit(p.rule()) : p.rule().owner();
            return owner(owner).text("." + p.rule().name() + "(").add(args).text(")");
        }
        if (e instanceof Expr.Call c) {
            return owner(c.owner()).text("." + c.name() + "(")
                    .add(arguments(c.args(), c.owner(), c.name())).text(")");
        }
        if (e instanceof Expr.NewArray n) {
            Code b = new Code().text("new " + (n.type() == Type.INT_ARRAY ? "int"
                    : n.type() == Type.BOOLEAN_ARRAY ? "boolean" : "double"));
            for (Expr d : n.dims()) {
                b.text("[").add(code(d, 0)).text("]");
            }
            int depth = n.type() == Type.DOUBLE_CUBE ? 3 : n.type() == Type.DOUBLE_MATRIX ? 2 : 1;
            for (int k = n.dims().size(); k < depth; k++) {
                b.text("[]");
            }
            return b;
        }
        if (e instanceof Expr.ArrayLit a) {
            return new Code().text("new ").type(JavaTypes.typeName(a.type())).text(" {").add(literalElements(a)).text("}");
        }
        if (e instanceof Expr.Pop p) {
            return new Code().text(tape + ".pop" + tapeKind(p.type()) + "()");
        }
        throw new IllegalArgumentException("cannot print " + e);
    }

    private Code literalElements(Expr.ArrayLit a) {
        List<Code> parts = new ArrayList<>();
        for (Expr x : a.elements()) {
            parts.add(x instanceof Expr.ArrayLit inner ? new Code().text("{").add(literalElements(inner)).text("}")
                    : code(x, 1));
        }
        return Code.join(parts, ", ");
    }
}
