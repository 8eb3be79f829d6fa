package dev.jgrad.processor.front;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Type;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Reads of records of parameters in a body: a record ({@code p}, {@code p.inner()}, a record local),
 * a component read ({@code p.w1()}: its leaf), and what may not be done with a record (assign it,
 * create one, call its other methods). A record never becomes an IR value: where a helper takes one,
 * the call's argument is a placeholder that {@link Inliner} binds to the record.
 */
final class RecordReads {
    private final BodyContext cx;

    RecordReads(BodyContext cx) {
        this.cx = cx;
    }

    /** The record the expression at {@code path} denotes, or null if it is no record (nothing reported). */
    RecordValue value(TreePath path) {
        Tree t = path.getLeaf();
        if (t instanceof ParenthesizedTree p) {
            return value(new TreePath(path, p.getExpression()));
        }
        if (t instanceof IdentifierTree id) {
            return cx.lookupRecord(id.getName().toString());
        }
        if (t instanceof MethodInvocationTree m && m.getArguments().isEmpty()
                && m.getMethodSelect() instanceof MemberSelectTree s) {
            RecordValue of = value(new TreePath(new TreePath(path, s), s.getExpression()));
            if (of != null && of.components().get(s.getIdentifier().toString()) instanceof RecordValue v) {
                return v;
            }
        }
        return null;
    }

    /**
     * A call on a record ({@code p.w1()}, {@code p.inner().x()}): the leaf it reads; null if the call
     * is on no record. A nested record read where a number or an array is expected, or another
     * method of the record, is an error.
     */
    /** Whether a call reads a component of a record (an array or a number) and nothing else, reporting nothing. */
    boolean isComponentRead(TreePath path) {
        MethodInvocationTree t = (MethodInvocationTree) path.getLeaf();
        if (!(t.getMethodSelect() instanceof MemberSelectTree s) || !t.getArguments().isEmpty()) {
            return false;
        }
        RecordValue of = value(new TreePath(new TreePath(path, s), s.getExpression()));
        return of != null && of != RecordValue.REJECTED && of.components().get(s.getIdentifier().toString()) instanceof Expr;
    }

    Expr component(TreePath path) {
        MethodInvocationTree t = (MethodInvocationTree) path.getLeaf();
        if (!(t.getMethodSelect() instanceof MemberSelectTree s)) {
            return null;
        }
        RecordValue of = value(new TreePath(new TreePath(path, s), s.getExpression()));
        if (of == null) {
            return null;
        }
        if (of == RecordValue.REJECTED) {
            throw quietly();
        }
        Object c = t.getArguments().isEmpty() ? of.components().get(s.getIdentifier().toString()) : null;
        if (c instanceof Expr e) {
            return e;
        }
        if (c instanceof RecordValue) {
            throw cx.reject(Message.RECORD_USE, t, "'" + t + "' is a record here", "read its components ("
                    + t + "." + firstComponent((RecordValue) c) + "()), give it to a local (var r = " + t
                    + ";), or pass it to a helper");
        }
        throw cx.reject(Message.RECORD_USE, t, "'" + s.getIdentifier() + "(...)' is a method of the record "
                + of.type().getSimpleName() + ", not a component", "only its components can be read; write the"
                + " computation as a static helper that takes the record");
    }

    /**
     * A local declaration of a record: {@code var q = p.inner();} declares another name for the same
     * record (nothing to run) and returns true; a record local set from anything else is an error;
     * any other declaration returns false.
     */
    boolean declaration(TreePath path) {
        VariableTree t = (VariableTree) path.getLeaf();
        String user = t.getName().toString();
        RecordValue record = t.getInitializer() == null ? null : value(new TreePath(path, t.getInitializer()));
        if (record != null) {
            cx.declareRecord(user, record);
            return true;
        }
        TypeElement type = declaredRecord(path);
        if (type != null && (t.getInitializer() == null || t.getInitializer().getKind() != Tree.Kind.NEW_CLASS)) {
            cx.declareRecord(user, RecordValue.REJECTED);
            if (t.getInitializer() != null && t.getInitializer().getKind() == Tree.Kind.METHOD_INVOCATION) {
                throw cx.reject(Message.UNKNOWN_CALL, t.getInitializer(),
                        ((com.sun.source.tree.MethodInvocationTree) t.getInitializer()).getMethodSelect() + "(...)",
                        "it returns a record (" + type.getSimpleName() + "), and a helper cannot return a record to a"
                                + " differentiated method; return a double[] holding the values instead, or write them"
                                + " into an array argument");
            }
            throw cx.reject(Message.RECORD_USE, t, "the record local '" + user + "' is not set from a record parameter",
                    "initialise it with a record parameter or a component of one (" + type.getSimpleName() + " q = p;)");
        }
        return false;
    }

    /** The record type a local declaration names, or null ({@code var}, a subset type, another class). */
    TypeElement declaredRecord(TreePath path) {
        VariableTree t = (VariableTree) path.getLeaf();
        if (t.getType() == null || TypeTrees.isVar(t.getType()) || TypeTrees.quietType(t.getType()) != null) {
            return null;
        }
        return cx.resolve(new TreePath(path, t.getType())) instanceof TypeElement te && te.getKind() == ElementKind.RECORD
                ? te : null;
    }

    /** Unwinds a read of a record whose declaration was rejected (already reported). */
    BodyContext.Rejected quietly() {
        cx.errors++;
        return new BodyContext.Rejected();
    }

    /** A placeholder argument standing for {@code value} in a call that a helper takes it by. */
    Expr argument(RecordValue value) {
        Expr placeholder = new Expr.Local(Type.VOID, "record " + value.type().getSimpleName());
        cx.recordArgs.put(placeholder, value);
        return placeholder;
    }

    private static String firstComponent(RecordValue r) {
        return r.components().isEmpty() ? "x" : r.components().keySet().iterator().next();
    }
}
