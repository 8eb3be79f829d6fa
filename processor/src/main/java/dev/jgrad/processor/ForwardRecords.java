package dev.jgrad.processor;

import dev.jgrad.processor.diag.Message;
import dev.jgrad.processor.front.Env;
import dev.jgrad.processor.front.RecordParams;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.RecordParam;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Records of parameters under {@code @Jvp}, {@code @Hessian} and {@code @Jacobian}: the IR sees their
 * leaves ({@link WrtLeaves}), so the flat vectors cover a record's differentiable components in order;
 * the tangent of a wrt record {@code p} is a record of the same type, {@code pDot}, read into the
 * leaves' tangents at entry (its other components are ignored).
 */
final class ForwardRecords {
    private ForwardRecords() {}

    /** Each record parameter's type can be taken (as {@code @Grad} takes it), else an error at it. */
    static boolean check(Env env, ExecutableElement m) {
        boolean ok = true;
        for (VariableElement p : m.getParameters()) {
            if (RecordParams.recordType(p.asType()) != null) {
                String problem = RecordParams.problem(env, p.asType(), env.elements().getPackageOf(m), false);
                if (problem != null) {
                    env.diag().error(Message.RECORD_TYPE, p, p.getSimpleName(), p.asType(), problem);
                    ok = false;
                }
            }
        }
        return ok;
    }

    /**
     * A record whose leaf array the method writes into is given to all products but the last as a new
     * record holding copies: its type must not declare its canonical constructor (which could make the
     * copy differ); else an error at the parameter.
     */
    static boolean checkCopies(Env env, ExecutableElement m, Method ir, List<Method.Param> copied, String kind) {
        Set<String> written = new HashSet<>();
        copied.forEach(c -> written.add(c.name()));
        boolean ok = true;
        for (RecordParam r : ir.records()) {
            if (r.leaves().stream().noneMatch(c -> written.contains(c.leaf()))) {
                continue;
            }
            VariableElement p = m.getParameters().stream().filter(q -> q.getSimpleName().contentEquals(r.access()))
                    .findFirst().orElseThrow();
            TypeElement declares = RecordParams.declaresCanonical(env, p.asType());
            if (declares != null) {
                env.diag().error(Message.RECORD_TYPE, p, p.getSimpleName(), p.asType(), "@" + kind + " calls "
                        + m.getSimpleName() + " once per entry, and as it writes into the record's arrays, each call"
                        + " but the last gets a new record holding copies, built by the canonical constructor, which "
                        + declares.getSimpleName() + " declares itself: remove the constructor, or pass the written"
                        + " array as a parameter of its own");
                ok = false;
            }
        }
        return ok;
    }

    /**
     * The tangent parameters of {@code CJvp.f}, in parameter order: a plain wrt parameter's tangent as
     * the transform named it, a wrt record's as one record parameter ({@code pDot}, type null), whose
     * reading into the leaves' tangents is added to {@code reads}.
     */
    static List<Method.Param> jvpParams(Method ir, List<String> wrt, List<String> leaves,
            List<Method.Param> tangentParams, List<RecordParam> reads) {
        Map<String, Method.Param> dotOf = new LinkedHashMap<>();
        int k = 0;
        for (Method.Param p : ir.params()) {
            if (leaves.contains(p.name())) {
                dotOf.put(p.name(), tangentParams.get(k++));
            }
        }
        List<Method.Param> out = new ArrayList<>();
        for (String w : wrt) {
            RecordParam record = ir.records().stream().filter(r -> r.access().equals(w)).findFirst().orElse(null);
            if (record == null) {
                out.add(dotOf.get(w));
                continue;
            }
            String name = dev.jgrad.processor.transform.Tangent.parameterName(w);
            String dot = ir.names().all().contains(name) ? ir.names().fresh(name) : ir.names().param(name);
            reads.add(tangent(record, dot, dotOf));
            out.add(new Method.Param(dot, null));
        }
        return out;
    }

    /** The record {@code r} read from {@code access}: only its differentiable leaves, into their tangents. */
    private static RecordParam tangent(RecordParam r, String access, Map<String, Method.Param> dotOf) {
        List<RecordParam.Component> components = new ArrayList<>();
        for (RecordParam.Component c : r.components()) {
            if (c.record() != null) {
                components.add(new RecordParam.Component(c.accessor(), null, null,
                        tangent(c.record(), access + "." + c.accessor() + "()", dotOf)));
            } else if (c.type().isDifferentiable()) {
                components.add(new RecordParam.Component(c.accessor(), c.type(), dotOf.get(c.leaf()).name(), null));
            }
        }
        return new RecordParam(access, r.packageName(), r.simpleNames(), List.copyOf(components));
    }
}
