package dev.jgrad.processor.front;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.jgrad.processor.diag.Diagnostics;
import dev.jgrad.processor.diag.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * What {@link Resolver} decided for each name it read, kept until javac has attributed the class
 * itself: then each decision is compared with javac's, and a difference is an error at the name, so
 * that code generated from a wrong reading can never pass silently.
 */
public final class ResolutionCheck {
    private record Decision(TreePath path, Element element) {}

    private final Map<String, List<Decision>> pending = new HashMap<>();

    /** Remembers that the name at {@code path}, in code of {@code owner}, was read as {@code element}. */
    public synchronized void record(TreePath path, Element element, TypeElement owner) {
        pending.computeIfAbsent(outermost(owner).getQualifiedName().toString(), k -> new ArrayList<>()).add(new Decision(path, element));
    }

    /**
     * Compares the decisions made in {@code topLevel} with javac's, now that javac has attributed it
     * (so asking javac attributes nothing), and reports each difference. Classes are known by name:
     * javac may enter them anew in each round.
     */
    public synchronized void check(TypeElement topLevel, Trees trees, Diagnostics diag) {
        List<Decision> decisions = pending.remove(topLevel.getQualifiedName().toString());
        if (decisions == null) {
            return;
        }
        for (Decision d : decisions) {
            Element javac = trees.getElement(d.path());
            if (javac != null && !where(javac).equals(where(d.element()))
                    && javac.asType().getKind() != javax.lang.model.type.TypeKind.ERROR) {
                diag.error(Message.RESOLVED_ELSEWHERE, d.path().getLeaf(), d.path().getCompilationUnit(),
                        d.path().getLeaf(), where(d.element()), where(javac));
            }
        }
    }

    /**
     * The declaration an element stands for, as text: javac enters the classes of the sources anew in
     * each round, so the element read in an earlier round is not the one javac holds at the end.
     */
    private static String where(Element e) {
        return e.getKind().toString().toLowerCase(java.util.Locale.ROOT) + " " + e.getEnclosingElement() + "." + e;
    }

    static TypeElement outermost(TypeElement t) {
        TypeElement top = t;
        for (Element e = t; e != null && !(e instanceof PackageElement); e = e.getEnclosingElement()) {
            if (e instanceof TypeElement te) {
                top = te;
            }
        }
        return top;
    }
}
