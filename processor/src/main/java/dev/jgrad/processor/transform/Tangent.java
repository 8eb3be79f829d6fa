package dev.jgrad.processor.transform;

import dev.jgrad.processor.analysis.Activity;
import dev.jgrad.processor.analysis.Declarations;
import dev.jgrad.processor.ir.Expr;
import dev.jgrad.processor.ir.Expr.Local;
import dev.jgrad.processor.ir.Exprs;
import dev.jgrad.processor.ir.Method;
import dev.jgrad.processor.ir.Names;
import dev.jgrad.processor.ir.Stmt;
import dev.jgrad.processor.ir.Type;
import dev.jgrad.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forward (tangent) mode by source transformation: the method as written, each assignment to an
 * active variable preceded by the assignment of its tangent ({@code x_dot} beside {@code x}), built
 * from the rule table's partials by {@link Linearize}. One pass, no tape: the tangent of a statement
 * reads the values the statement reads, before it overwrites its target.
 *
 * <p>The wrt parameters' tangents are parameters of the generated method, named {@code <param>Dot};
 * other active parameters (an array in the alias class of a wrt one) start with a zero tangent. When
 * the method writes into an input array, the tangent it was given is copied first (the caller's
 * tangents are inputs too), and the arrays are checked to share no storage, as the gradient does.
 *
 * <p>The result is a body whose last statements compute the primal value and its tangent as two
 * expressions, so that the forward-mode method returns them and the Hessian can differentiate the
 * tangent again (reverse over forward).
 */
public final class Tangent {
    private static final String ARRAYS2 = "dev.jgrad.runtime.Arrays2";

    /**
     * The tangent method: its body, the value and the tangent it returns (read after the body), and
     * the tangent parameters in the order the generated method takes them.
     */
    public record Result(List<Stmt> body, Expr value, Expr tangent, List<Method.Param> tangentParams) {}

    private final Method method;
    private final Activity activity;
    private final Names names;
    private final Map<String, String> dots = new LinkedHashMap<>();
    private final Map<String, Type> types = new HashMap<>();
    private final Linearize linearize;

    private Tangent(Method method, Activity activity) {
        this.method = method;
        this.activity = activity;
        this.names = method.names();
        this.linearize = new Linearize(activity, names, this::dotOf);
    }

    /** The name of the tangent parameter of wrt parameter {@code p}: {@code pDot}. */
    public static String parameterName(String p) {
        return p + "Dot";
    }

    /**
     * The tangent of {@code method} with respect to {@code wrt}; the names {@code <param>Dot} of the wrt
     * parameters must be free (the caller checks). With {@code copyInputs}, tangent arrays the method
     * writes are copied at entry (they are the caller's); without, the caller makes them fresh.
     */
    public static Result of(Method method, List<String> wrt, Activity activity, boolean copyInputs) {
        return new Tangent(method, activity).run(wrt, copyInputs);
    }

    private Result run(List<String> wrt, boolean copyInputs) {
        types.putAll(Declarations.of(method).types());
        method.params().forEach(p -> types.put(p.name(), p.type()));
        List<Method.Param> tangentParams = new ArrayList<>();
        List<Stmt> entry = new ArrayList<>();
        for (Method.Param p : method.params()) {
            if (wrt.contains(p.name())) {
                // a local of the source may have that name already (the caller rejects a parameter of it): then the next free one
                String dot = names.all().contains(parameterName(p.name())) ? names.fresh(parameterName(p.name()))
                        : names.param(parameterName(p.name()));
                dots.put(p.name(), dot);
                tangentParams.add(new Method.Param(dot, p.type()));
            } else if (isActive(p.name())) {
                String dot = names.fresh(p.name() + "_dot");
                dots.put(p.name(), dot);
                Local primal = new Local(p.type(), p.name());
                entry.add(new Stmt.Decl(null, p.type(), dot, p.type() == Type.DOUBLE ? Exprs.ZERO : zerosLike(primal)));
            }
        }
        Walk.statements(method.body(), s -> {
            if (s instanceof Stmt.Decl d && isActive(d.name())) {
                dots.put(d.name(), names.fresh(d.name() + "_dot"));
            }
        });
        entry.addAll(0, TangentInputs.entry(method, activity, wrt, dots, copyInputs));
        List<Stmt> body = new ArrayList<>(entry);
        Stmt.Return last = null;
        for (Stmt s : method.body()) {
            if (s instanceof Stmt.Return r) {
                last = r;
            } else {
                statement(s, body);
            }
        }
        if (last == null || last.value() == null || !dev.jgrad.processor.ir.Flow.canComplete(body)) {
            // the method always throws: there is nothing to return
            return new Result(body, null, null, tangentParams);
        }
        Expr value = last.value();
        if (!value.type().isArray() && value.type() != Type.DOUBLE) {
            // an int or a long (a count, Math.round) widened to the double returned: its tangent is zero
            return new Result(body, value, Exprs.ZERO, tangentParams);
        }
        if (value.type() == Type.DOUBLE) {
            Linearize.Pair p = linearize.of(value, body);
            return new Result(body, p.primal(), Linearize.orZero(p.tangent()), tangentParams);
        }
        // a double[]: the array, and its tangent array (zeros if the result does not depend on wrt)
        Expr array = value;
        if (!Adjoints.isAtomic(value)) {
            // return new double[] {a, b}: a local of its own, with its tangent, as a declaration
            Local t = new Local(value.type(), names.fresh("value"));
            types.put(t.name(), t.type());
            if (activity.isActive(value)) {
                dots.put(t.name(), names.fresh(t.name() + "_dot"));
                assignment(last.src(), t, value, true, t.type(), body);
            } else {
                body.add(new Stmt.Decl(last.src(), t.type(), t.name(), value));
            }
            array = t;
        }
        return new Result(body, array, arrayTangent(array), tangentParams);
    }

    private boolean isActive(String name) {
        Type t = types.get(name);
        return t != null && t.isDifferentiable() && activity.isActive(name);
    }

    // ---------------------------------------------------------------- statements

    private List<Stmt> statements(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        body.forEach(s -> statement(s, out));
        return out;
    }

    private void statement(Stmt s, List<Stmt> out) {
        if (s instanceof Stmt.Decl d) {
            Local v = new Local(d.type(), d.name());
            if (!dots.containsKey(d.name())) {
                out.add(d);
            } else if (d.init() == null) {
                out.add(d);
                out.add(new Stmt.Decl(null, d.type(), dots.get(d.name()), null));
            } else {
                assignment(d.src(), v, d.init(), true, d.type(), out);
            }
        } else if (s instanceof Stmt.Assign a) {
            String root = Walk.root(a.target());
            if (root == null || !dots.containsKey(root) || !a.target().type().isDifferentiable()) {
                out.add(a);
            } else {
                assignment(a.src(), a.target(), a.value(), false, null, out);
            }
        } else if (s instanceof Stmt.If i) {
            out.add(new Stmt.If(i.src(), i.cond(), statements(i.then()), statements(i.otherwise())));
        } else if (s instanceof Stmt.While w) {
            out.add(new Stmt.While(w.src(), w.cond(), statements(w.body()), w.testAfter()));
        } else if (s instanceof Stmt.For f) {
            out.add(new Stmt.For(f.src(), statements(f.init()), f.cond(), statements(f.update()), statements(f.body())));
        } else if (s instanceof Stmt.Block b) {
            out.add(new Stmt.Block(b.src(), statements(b.body())));
        } else if (s instanceof Stmt.Return) {
            throw new IllegalStateException("a return before the end survived the front end");
        } else {
            out.add(s);
        }
    }

    /**
     * {@code target = value} for an active target ({@code declare}: as the declaration of a local of
     * type {@code declared}): the tangent first, while the target still holds its old value, then the
     * primal, from the same temporaries.
     */
    private void assignment(dev.jgrad.processor.ir.Src src, Expr target, Expr value, boolean declare, Type declared,
            List<Stmt> out) {
        Expr dotTarget = dotOf(target);
        if (target.type() == Type.DOUBLE) {
            int before = out.size();
            Linearize.Pair p = linearize.of(value, out, declare || !readsTarget(target, value));
            Expr tangent = Linearize.orZero(p.tangent());
            if (p.primalFirst() && !declare) {
                out.add(new Stmt.Assign(src, target, p.primal()));
                out.add(new Stmt.Assign(null, dotTarget, tangent));
            } else if (declare) {
                // a fresh local: the value cannot read it, so the primal comes first, and holds the
                // result that the tangent reads ({@code double y = Math.exp(x); double y_dot = y * x_dot;})
                Expr primal = p.primal();
                if (primal instanceof Local t && out.size() > before && out.get(out.size() - 1) instanceof Stmt.Decl last
                        && last.name().equals(t.name())) {
                    // the temporary this statement just bound for its own result
                    out.remove(out.size() - 1);
                    primal = last.init();
                    tangent = Subst.local(tangent, t.name(), target);
                }
                out.add(new Stmt.Decl(src, declared, ((Local) target).name(), primal));
                out.add(new Stmt.Decl(null, Type.DOUBLE, ((Local) dotTarget).name(), tangent));
            } else {
                out.add(new Stmt.Assign(null, dotTarget, tangent));
                out.add(new Stmt.Assign(src, target, p.primal()));
            }
            return;
        }
        // an array reference: a fresh array's tangent is a fresh array of its shape, an alias's is the alias's tangent
        Expr arrayTangent;
        boolean after;
        if (value instanceof Expr.ArrayLit lit) {
            List<Expr> primal = new ArrayList<>();
            arrayTangent = literal(lit, out, primal);
            value = rebuildLiteral(lit, primal);
            after = false;
        } else if (isAlias(value)) {
            arrayTangent = dotOf(value);
            after = false;
        } else if (value instanceof Expr.NewArray) {
            // new double[n][m]: the same again, once the primal's dimensions have been evaluated
            arrayTangent = value;
            after = true;
        } else {
            // what a method returned: zeros of the shape the primal has once assigned
            arrayTangent = zerosLike(target);
            after = true;
        }
        Stmt primal = declare ? new Stmt.Decl(src, declared, ((Local) target).name(), value)
                : new Stmt.Assign(src, target, value);
        Stmt tangent = declare ? new Stmt.Decl(null, target.type(), ((Local) dotTarget).name(), arrayTangent)
                : new Stmt.Assign(null, dotTarget, arrayTangent);
        out.add(after ? primal : tangent);
        out.add(after ? tangent : primal);
    }

    /**
     * Whether {@code value} reads what {@code target} names, but as the {@code t} of {@code t = t + e}:
     * the same local, or an array of the target's alias class.
     */
    private boolean readsTarget(Expr target, Expr value) {
        if (value instanceof Expr.Binary b && (b.op() == dev.jgrad.processor.ir.BinaryOp.ADD
                || b.op() == dev.jgrad.processor.ir.BinaryOp.SUB) && b.left().equals(target)) {
            value = b.right();
        }
        String root = Walk.root(target);
        boolean array = target instanceof Expr.Index;
        boolean[] reads = {false};
        Walk.locals(value, n -> reads[0] |= n.equals(root)
                || array && types.containsKey(n) && types.get(n).isArray() && activity.aliasOf(n).equals(activity.aliasOf(root)));
        return reads[0];
    }

    /** An array literal's tangent: its elements' tangents (zero for inactive ones); {@code primal} gets its elements over temporaries. */
    private Expr literal(Expr.ArrayLit lit, List<Stmt> out, List<Expr> primal) {
        List<Expr> tangents = new ArrayList<>();
        for (Expr element : lit.elements()) {
            if (element instanceof Expr.ArrayLit inner) {
                List<Expr> innerPrimal = new ArrayList<>();
                tangents.add(literal(inner, out, innerPrimal));
                primal.add(rebuildLiteral(inner, innerPrimal));
            } else if (lit.type().element() == Type.DOUBLE) {
                Linearize.Pair p = linearize.of(element, out);
                tangents.add(Linearize.orZero(p.tangent()));
                primal.add(p.primal());
            } else {
                // a row that is an array variable: its tangent row
                tangents.add(isAlias(element) ? dotOf(element) : zerosLike(element));
                primal.add(element);
            }
        }
        return new Expr.ArrayLit(lit.type(), tangents);
    }

    private static Expr rebuildLiteral(Expr.ArrayLit lit, List<Expr> elements) {
        return new Expr.ArrayLit(lit.type(), elements);
    }

    /** Whether an array-valued expression names arrays that have tangents: a variable, a row, a choice of them. */
    private boolean isAlias(Expr e) {
        if (e instanceof Expr.Cond c) {
            return isAlias(c.then()) && isAlias(c.otherwise());
        }
        if (Adjoints.isTable(e)) {
            // a table's tangent is zeros of its shape (dotOf makes them)
            return true;
        }
        String root = Walk.root(e);
        return root != null && dots.containsKey(root);
    }

    /** The tangent array of a returned array: the array's own, or zeros of its shape. */
    private Expr arrayTangent(Expr array) {
        return isAlias(array) ? dotOf(array) : zerosLike(array);
    }

    private static Expr zerosLike(Expr array) {
        return new Expr.Call(array.type(), ARRAYS2, "zerosLike", List.of(array));
    }

    /** {@code x_dot} for {@code x}, {@code m_dot[i][j]} for {@code m[i][j]}, {@code c ? a_dot : b_dot} for {@code c ? a : b}. */
    private Expr dotOf(Expr e) {
        return Adjoints.adjointOf(e, name -> {
            String dot = dots.get(name);
            if (dot == null) {
                throw new IllegalStateException("no tangent for " + name);
            }
            return new Local(types.get(name), dot);
        });
    }
}
