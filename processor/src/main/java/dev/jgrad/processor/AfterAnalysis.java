package dev.jgrad.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.jgrad.Grad;
import dev.jgrad.Jit;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.front.Env;
import javax.lang.model.element.Element;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

/**
 * What can only be checked once javac has attributed a class itself, after the rounds of annotation
 * processing: that the resolver read every name as javac does, and that no {@code @Grad} or
 * {@code @Jit} method sits in a local or anonymous class, or in a class nested in one (javac does not
 * hand those to processors, so they would be ignored without a word).
 */
final class AfterAnalysis implements TaskListener {
    private final Env env;

    AfterAnalysis(Env env) {
        this.env = env;
    }

    @Override
    public void finished(TaskEvent event) {
        if (event.getKind() != TaskEvent.Kind.ANALYZE || event.getTypeElement() == null) {
            return;
        }
        TypeElement type = event.getTypeElement();
        try {
            env.resolutions().check(type, env.trees(), env.diag());
            TreePath path = env.trees().getPath(type);
            if (path != null) {
                new LocalClasses().scan(path, null);
            }
        } catch (RuntimeException e) {
            // an exception would crash javac: it becomes one internal error on the class
            env.diag().error(Message.INTERNAL, type, type.getSimpleName(), e);
        }
    }

    /** Reports each annotated method of a local or anonymous class, at its annotation. */
    private final class LocalClasses extends TreePathScanner<Void, Void> {
        @Override
        public Void visitClass(ClassTree tree, Void unused) {
            Element c = env.trees().getElement(getCurrentPath());
            if (c instanceof TypeElement t && insideLocal(t)) {
                for (Tree member : tree.getMembers()) {
                    if (member instanceof MethodTree m) {
                        report(new TreePath(getCurrentPath(), m));
                    }
                }
            }
            return super.visitClass(tree, unused);
        }

        /** Whether {@code t}, or a class around it, is local or anonymous. */
        private boolean insideLocal(TypeElement t) {
            for (Element e = t; e instanceof TypeElement c; e = e.getEnclosingElement()) {
                if (c.getNestingKind() == NestingKind.LOCAL || c.getNestingKind() == NestingKind.ANONYMOUS) {
                    return true;
                }
            }
            return false;
        }

        private void report(TreePath path) {
            Element m = env.trees().getElement(path);
            boolean grad = m != null && m.getAnnotation(Grad.class) != null;
            boolean jit = m != null && m.getAnnotation(Jit.class) != null;
            if (grad || jit) {
                env.diag().error(Message.LOCAL_CLASS, path.getLeaf(), path.getCompilationUnit(),
                        grad ? "Grad" : "Jit", m.getSimpleName());
            }
        }
    }
}
