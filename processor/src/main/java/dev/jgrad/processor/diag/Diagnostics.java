package dev.jgrad.processor.diag;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The one reporter of errors. Every error takes a message of the catalogue and the tree, element or
 * annotation it is about, so javac prints it at the exact line and column; nothing else in the
 * processor prints.
 */
public final class Diagnostics {
    private final Trees trees;
    private final Messager messager;
    private int errors;
    /** While a {@link #trial} runs: where its errors go instead of javac. */
    private java.util.List<String> swallowed;
    /** The errors printed at trees, by file, position and text: each is printed once. */
    private final java.util.Set<String> printed = new java.util.HashSet<>();
    /** The errors printed at elements, with their text: each is printed once. */
    private final java.util.Set<java.util.List<Object>> printedAt = new java.util.HashSet<>();

    public Diagnostics(Trees trees, Messager messager) {
        this.trees = trees;
        this.messager = messager;
    }

    public void error(Message message, Tree tree, CompilationUnitTree unit, Object... args) {
        errorOnce(message, tree, unit, "", args);
    }

    /**
     * An error at {@code tree}, printed once however often it is found (a helper inlined into several
     * methods is read once per method), with {@code context} after the message (which method the
     * helper was reached from, on the first report). Every call counts as an error, printed or not,
     * so that each class that met it gets nothing generated.
     */
    public void errorOnce(Message message, Tree tree, CompilationUnitTree unit, String context, Object... args) {
        errors++;
        if (swallowed != null) {
            long pos = trees.getSourcePositions().getStartPosition(unit, tree);
            String file = unit.getSourceFile().getName();
            file = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
            swallowed.add(pos < 0 ? message.format(args)
                    : file + ":" + unit.getLineMap().getLineNumber(pos) + ": " + message.format(args));
            return;
        }
        String text = message.format(args);
        long at = trees.getSourcePositions().getStartPosition(unit, tree);
        if (printed.add(unit.getSourceFile().toUri() + "@" + at + ": " + text)) {
            trees.printMessage(Diagnostic.Kind.ERROR, text + context, tree, unit);
        }
    }

    /**
     * An error at {@code element}, printed once however often it is found (a parameter's type is checked for
     * each annotation of its method: {@code @Grad @Jvp @Hessian} would print it three times).
     */
    public void error(Message message, Element element, Object... args) {
        errors++;
        if (swallowed != null) {
            swallowed.add(message.format(args));
            return;
        }
        if (printedAt.add(java.util.List.of(element, message.format(args)))) {
            messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element);
        }
    }

    public void error(Message message, Element element, AnnotationMirror annotation, Object... args) {
        errors++;
        if (swallowed != null) {
            swallowed.add(message.format(args));
            return;
        }
        if (printedAt.add(java.util.List.of(element, annotation, message.format(args)))) {
            messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, annotation);
        }
    }

    /**
     * A note (never an error nor a warning, so that {@code -Werror} builds pass) at {@code tree}, or
     * at {@code element} when there is no tree.
     */
    public void note(Message message, Tree tree, CompilationUnitTree unit, Element element, Object... args) {
        if (swallowed != null) {
            return;
        }
        if (tree != null && unit != null) {
            trees.printMessage(Diagnostic.Kind.NOTE, message.format(args), tree, unit);
        } else {
            messager.printMessage(Diagnostic.Kind.NOTE, message.format(args), element);
        }
    }

    /**
     * Runs {@code work} as a trial: the errors it reports go to {@code into} (formatted) instead of
     * javac, and do not count afterwards. The front tries to inline another class's helper this way,
     * and keeps the call as it is if the helper's body is outside the subset.
     */
    public <T> T trial(java.util.function.Supplier<T> work, java.util.List<String> into) {
        java.util.List<String> outer = swallowed;
        int before = errors;
        swallowed = into;
        try {
            return work.get();
        } finally {
            swallowed = outer;
            errors = before;
        }
    }

    /** How many errors were reported so far; a stage compares before and after to see its own. */
    public int errorCount() {
        return errors;
    }
}
