package dev.jgrad.processor.front;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.rules.Library;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Name;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * The constructs newcomers reach for first, each rejected with what to write instead: a stream (a for
 * loop), a random generator (draw the numbers outside, pass them in), a call to the gradient jgrad
 * generates (call the source method; for second derivatives, {@code @Hessian}). Each check throws the
 * rejection when it recognises the construct, and returns otherwise, leaving the general message.
 */
final class Hints {
    private Hints() {}

    /** A call that resolved to {@code m}. */
    static void resolved(BodyContext cx, MethodInvocationTree t, ExecutableElement m) {
        Library library = cx.env.library();
        if (library.isRandom(m)) {
            throw cx.reject(Message.RANDOM, t, text(t));
        }
        if (library.isStream(m.getReturnType())) {
            throw cx.reject(Message.STREAM, t, text(t));
        }
        if (m.getEnclosingElement() instanceof TypeElement owner) {
            generated(cx, t, cx.env.elements().getPackageOf(owner), owner.getSimpleName(), m.getSimpleName());
        }
    }

    /**
     * A call that resolved to nothing: a call on a stream or a generator, or on a class not generated
     * yet; the chain of calls ({@code a().b().c()}) is followed inwards to the call that says which.
     */
    static void unresolved(BodyContext cx, MethodInvocationTree t) {
        for (ExpressionTree e = t; e instanceof MethodInvocationTree c; ) {
            for (ExecutableElement m : cx.resolver().methods(c)) {
                if (cx.env.library().isRandom(m) || cx.env.library().isRandom(m.getReturnType())) {
                    throw cx.reject(Message.RANDOM, t, text(t));
                }
                if (cx.env.library().isStream(m.getReturnType())) {
                    throw cx.reject(Message.STREAM, t, text(t));
                }
            }
            if (!(c.getMethodSelect() instanceof MemberSelectTree s)) {
                return;
            }
            ExpressionTree receiver = s.getExpression();
            if (receiver instanceof NewClassTree n) {
                newObject(cx, n, t);
            } else if (receiver instanceof IdentifierTree id && cx.lookup(id.getName().toString()) == null
                    && cx.resolver().element(id) == null) {
                generated(cx, c, cx.env.elements().getPackageOf(cx.owner), id.getName(), s.getIdentifier());
            }
            e = receiver;
        }
    }

    /** {@code new Random(42)}, reported at {@code at}. */
    static void newObject(BodyContext cx, NewClassTree n, Tree at) {
        if (cx.resolver().element(n.getIdentifier()) instanceof TypeElement type && cx.env.library().isRandom(type.asType())) {
            throw cx.reject(Message.RANDOM, at, BodyContext.oneLine(at.toString()));
        }
    }

    /** A declared type that is no subset type: a generator or a stream gets its own message. */
    static void type(BodyContext cx, Tree typeTree) {
        Element e = cx.resolver().element(typeTree);
        TypeMirror type = e instanceof TypeElement te ? te.asType() : null;
        if (cx.env.library().isRandom(type)) {
            throw cx.reject(Message.RANDOM, typeTree, "a " + typeTree);
        }
        if (cx.env.library().isStream(type)) {
            throw cx.reject(Message.STREAM, typeTree, "a " + typeTree);
        }
    }

    private static void generated(BodyContext cx, MethodInvocationTree t, PackageElement pkg, Name owner, Name method) {
        ExecutableElement source = cx.env.library().generatedFrom(pkg, owner, method);
        if (source != null) {
            throw cx.reject(Message.GENERATED_CALL, t, owner + "." + method, owner,
                    source.getEnclosingElement().getSimpleName() + "." + method);
        }
    }

    private static String text(MethodInvocationTree t) {
        return BodyContext.oneLine(t.toString());
    }
}
