package dev.jgrad.processor.front;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Lit;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Origins;
import dev.jgrad.processor.ir.Src;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * One method body being read: where it is (its compilation unit and class), the names in scope, and
 * how to report. The method and each helper inlined into it get a context of their own; they share
 * the names, the origins and the stack of methods being inlined. The readers of statements,
 * expressions and calls keep no state of their own, so this is the whole state of a read.
 */
final class BodyContext {
    /** A failure already reported: unwinds the reader of one construct. */
    static final class Rejected extends RuntimeException {
        Rejected() {
            super(null, null, false, false);
        }
    }

    final Env env;
    final CompilationUnitTree unit;
    final TypeElement owner;
    final Names names;
    final Origins origins;
    final Deque<ExecutableElement> inlining;
    /** Which helpers' calls stay calls, and what was inlined: shared by the method and its inlined helpers. */
    final HelperCalls helpers;
    final Deque<Map<String, Local>> scopes = new ArrayDeque<>();
    /**
     * The records each scope declares (parameters, locals, a helper's parameters), by the name the
     * body uses; keyed by the scope's map of locals, by identity, so that they leave with it.
     */
    private final Map<Map<String, Local>, Map<String, RecordValue>> records = new java.util.IdentityHashMap<>();
    /** Record arguments of a call being read, by identity: each stands for its record until bound. */
    final Map<Expr, RecordValue> recordArgs = new java.util.IdentityHashMap<>();
    /** Parameters of an inlined helper bound to a literal argument: read as the literal. */
    final Map<String, Lit> constants = new HashMap<>();
    /** Ops locals substituted into their one use ({@link OpsSubstitution}), by the name the user gave them. */
    final Map<String, OpsViews.Value> views = new HashMap<>();
    /** The text of the compilation unit, read once, for literals as they are spelled. */
    CharSequence source;
    int errors;
    /** Above zero while reading an exception or assert message, the one place strings may appear. */
    int messages;

    final TypeTrees typeTrees;
    final Statements statements;
    final LoopStatements loops;
    final Expressions expressions;
    final Calls calls;
    final Inliner inliner;
    final RecordReads recordReads;

    BodyContext(Env env, CompilationUnitTree unit, TypeElement owner, Names names, Origins origins,
            Deque<ExecutableElement> inlining, HelperCalls helpers) {
        this.env = env;
        this.helpers = helpers;
        this.unit = unit;
        this.owner = owner;
        this.names = names;
        this.origins = origins;
        this.inlining = inlining;
        this.typeTrees = new TypeTrees(this);
        this.statements = new Statements(this);
        this.loops = new LoopStatements(this);
        this.expressions = new Expressions(this);
        this.calls = new Calls(this);
        this.inliner = new Inliner(this);
        this.recordReads = new RecordReads(this);
    }

    // ---------------------------------------------------------------- errors

    Rejected reject(Message message, Tree tree, Object... args) {
        errors++;
        env.diag().errorOnce(message, tree, unit, reachedFrom(), args);
        return new Rejected();
    }

    /**
     * For an error in a helper, the way it was reached from the annotated method being read:
     * {@code (in 'h', called from @Grad method 'f')}; empty for an error in the annotated method itself.
     */
    private String reachedFrom() {
        if (inlining.size() <= 1) {
            return "";
        }
        StringBuilder way = new StringBuilder();
        java.util.Iterator<ExecutableElement> innermostFirst = inlining.iterator();
        way.append(" (in '").append(innermostFirst.next().getSimpleName()).append("'");
        while (innermostFirst.hasNext()) {
            ExecutableElement m = innermostFirst.next();
            way.append(", called from ");
            if (!innermostFirst.hasNext()) {
                way.append(annotationOf(m)).append(" method ");
            }
            way.append("'").append(m.getSimpleName()).append("'");
        }
        return way.append(")").toString();
    }

    /** The annotation that made jgrad read {@code m}: the first of {@code @Grad}, {@code @Jit}, {@code @Jvp}, {@code @Hessian}, {@code @Jacobian} it has. */
    private static String annotationOf(ExecutableElement m) {
        for (Class<? extends java.lang.annotation.Annotation> a : java.util.List.of(dev.jgrad.Grad.class, dev.jgrad.Jit.class,
                dev.jgrad.Jvp.class, dev.jgrad.Hessian.class, dev.jgrad.Jacobian.class)) {
            if (m.getAnnotation(a) != null) {
                return "@" + a.getSimpleName();
            }
        }
        return "@Grad";
    }

    Src src(Tree tree) {
        long pos = env.trees().getSourcePositions().getStartPosition(unit, tree);
        long line = pos < 0 ? 0 : unit.getLineMap().getLineNumber(pos);
        // javac prints a local declared with var without its type: "for (/*missing*/ row : x)"
        String text = oneLine(tree.toString()).replace("/*missing*/ ", "var ");
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1);
        }
        if (tree instanceof ForLoopTree || tree instanceof EnhancedForLoopTree || tree instanceof WhileLoopTree
                || tree instanceof IfTree) {
            text = header(text);
        }
        Src src = new Src(text, line);
        origins.put(src, tree, unit);
        return src;
    }

    /** {@code for (int i = 0; i < n; i++)} of a whole loop: up to the parenthesis that closes the header. */
    private static String header(String statement) {
        int depth = 0;
        for (int k = 0; k < statement.length(); k++) {
            char c = statement.charAt(k);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return statement.substring(0, k + 1);
            }
        }
        return statement;
    }

    static String oneLine(String s) {
        // s.replaceAll("\\s+", " ").trim(), without compiling the pattern for every statement
        StringBuilder b = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); ) {
            if (isSpace(s.charAt(k))) {
                b.append(' ');
                while (k < s.length() && isSpace(s.charAt(k))) {
                    k++;
                }
            } else {
                b.append(s.charAt(k++));
            }
        }
        String flat = b.toString().trim();
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }

    /** A character of the pattern {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    // ---------------------------------------------------------------- names

    /** Whether a scope declares {@code name}, possibly as a parameter bound to a literal, or names a record. */
    boolean lookupDeclared(String name) {
        for (Map<String, Local> scope : scopes) {
            if (scope.containsKey(name)) {
                return true;
            }
        }
        return lookupRecord(name) != null;
    }

    /** Declares a record in the innermost scope. */
    void declareRecord(String name, RecordValue value) {
        records.computeIfAbsent(scopes.peek(), k -> new HashMap<>()).put(name, value);
    }

    /** The record {@code name} denotes in scope, or null (a local of another type, or no record). */
    RecordValue lookupRecord(String name) {
        for (Map<String, Local> scope : scopes) {
            if (scope.containsKey(name)) {
                return null;
            }
            Map<String, RecordValue> declared = records.get(scope);
            if (declared != null && declared.containsKey(name)) {
                return declared.get(name);
            }
        }
        return null;
    }

    Local lookup(String name) {
        for (Map<String, Local> scope : scopes) {
            Local l = scope.get(name);
            if (l != null) {
                return l;
            }
        }
        return null;
    }

    /**
     * The field or type a name denotes, resolved without asking javac to attribute anything (see
     * {@link Resolver}); javac's own reading is compared with it once javac has attributed the class.
     */
    Element resolve(TreePath path) {
        Element e = resolver().element(path.getLeaf());
        if (e != null) {
            env.resolutions().record(path, e, owner);
        }
        return e;
    }

    Resolver resolver() {
        return new Resolver(env.elements(), env.members(), env.types(), unit, owner, this::lookupDeclared);
    }
}
