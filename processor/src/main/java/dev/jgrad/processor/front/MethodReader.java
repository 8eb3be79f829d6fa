package dev.jgrad.processor.front;

import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Origins;
import dev.jgrad.processor.ir.RecordParam;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Reads the body of a method through the Compiler Tree API into IR: checks that every construct is
 * in the differentiable subset (reporting each one that is not at its own tree), types the subset
 * itself (bodies may not be attributed yet), gives every local a name of its own, and inlines calls
 * to the user's static methods so that the transform sees one flat method. Its jumps ({@code break},
 * {@code continue}, early {@code return}) are then lowered to flags ({@link Structure}), so that what
 * leaves the front is the structured IR the analyses read.
 *
 * <p>The work is split by idea: {@link Statements}, {@link Expressions}, {@link Calls},
 * {@link Inliner} and {@link TypeTrees}, sharing one {@link BodyContext} per body.
 */
public final class MethodReader {
    private MethodReader() {}

    /**
     * Reads a method whose signature was already checked; returns null after reporting every error in
     * it.
     */
    public static Method read(Env env, ExecutableElement method) {
        return read(env, method, HelperCalls.inlineAll());
    }

    /** As {@link #read(Env, ExecutableElement)}, with {@code helpers} deciding which helper calls stay calls. */
    public static Method read(Env env, ExecutableElement method, HelperCalls helpers) {
        return read(env, method, null, helpers);
    }

    /**
     * Reads {@code helper} as a method of its own, for code generated beside the annotated method
     * {@code root} (what its body names must be visible from there, as for an inlined helper).
     */
    public static Method readHelper(Env env, ExecutableElement helper, ExecutableElement root, HelperCalls helpers) {
        return read(env, helper, root, helpers);
    }

    private static Method read(Env env, ExecutableElement method, ExecutableElement root, HelperCalls helpers) {
        TreePath path = env.trees().getPath(method);
        BodyContext reader = new BodyContext(env, path.getCompilationUnit(),
                (TypeElement) method.getEnclosingElement(), new Names(), new Origins(), new ArrayDeque<>(), helpers);
        if (root != null) {
            reader.inlining.push(root);
        }
        reader.inlining.push(method);
        // a constant of this class, qualified in generated code, starts with the package's first segment
        String pkg = env.elements().getPackageOf(root != null ? root : method).getQualifiedName().toString();
        reader.names.reserve(pkg.isEmpty() ? "java" : pkg.split("\\.")[0]);
        if (pkg.isEmpty()) {
            // generated code names a class of the unnamed package by its simple name, which a local must not hide
            for (javax.lang.model.element.Element e : env.elements().getPackageElement("").getEnclosedElements()) {
                reader.names.reserve(e.getSimpleName().toString());
            }
        }
        List<Method.Param> params = new ArrayList<>();
        List<RecordParam> records = new ArrayList<>();
        reader.scopes.push(new HashMap<>());
        for (VariableElement p : method.getParameters()) {
            reader.names.param(p.getSimpleName().toString());
        }
        for (VariableElement p : method.getParameters()) {
            String name = p.getSimpleName().toString();
            if (RecordParams.recordType(p.asType()) != null) {
                // a record of parameters: its leaves are the IR's parameters, read from it at entry
                RecordValue[] value = new RecordValue[1];
                records.add(RecordParams.flatten(env, name, name, p.asType(), reader.names, params, value));
                reader.declareRecord(name, value[0]);
                continue;
            }
            Type type = env.types().typeOf(p.asType());
            reader.scopes.peek().put(name, new Local(type, name));
            params.add(new Method.Param(name, type));
        }
        MethodTree tree = (MethodTree) path.getLeaf();
        List<Stmt> body = reader.statements.block(new TreePath(path, tree.getBody()));
        if (reader.errors > 0 || ConstantTables.checkWrites(body, reader.origins, env) > 0) {
            return null;
        }
        body = Structure.method(body, reader.names, env.types().typeOf(method.getReturnType()));
        return new Method(method.getSimpleName().toString(), List.copyOf(params), body, reader.names,
                reader.origins, List.copyOf(records));
    }
}
