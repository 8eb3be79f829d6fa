package dev.jgrad.tests.fuzz;

import dev.jgrad.tests.fuzz.Ast.ArrayInit;
import dev.jgrad.tests.fuzz.Ast.Assign;
import dev.jgrad.tests.fuzz.Ast.Binary;
import dev.jgrad.tests.fuzz.Ast.Block;
import dev.jgrad.tests.fuzz.Ast.Call;
import dev.jgrad.tests.fuzz.Ast.Conditional;
import dev.jgrad.tests.fuzz.Ast.Decl;
import dev.jgrad.tests.fuzz.Ast.Expr;
import dev.jgrad.tests.fuzz.Ast.For;
import dev.jgrad.tests.fuzz.Ast.If;
import dev.jgrad.tests.fuzz.Ast.Index;
import dev.jgrad.tests.fuzz.Ast.IntLit;
import dev.jgrad.tests.fuzz.Ast.Length;
import dev.jgrad.tests.fuzz.Ast.Method;
import dev.jgrad.tests.fuzz.Ast.Name;
import dev.jgrad.tests.fuzz.Ast.NewArray;
import dev.jgrad.tests.fuzz.Ast.Num;
import dev.jgrad.tests.fuzz.Ast.Param;
import dev.jgrad.tests.fuzz.Ast.Return;
import dev.jgrad.tests.fuzz.Ast.Role;
import dev.jgrad.tests.fuzz.Ast.Step;
import dev.jgrad.tests.fuzz.Ast.Stmt;
import dev.jgrad.tests.fuzz.Ast.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Methods that return {@code double[]} (issue 15), for {@code @Jacobian} and {@code @Jvp}: a random
 * prelude of the subset ({@link ProgramGenerator#statements}, which computes {@code s} from
 * {@code w, b, x, n}), then one of the {@link #FORMS} that fills the result from {@code s} and the
 * inputs. Each comes with its scalar wrapper {@code gAt(w, b, x, n, i)}, a {@code @Grad} method
 * (same wrt) that returns {@code g(w, b, x, n)[i]}: the harness ({@link VectorCheck}) compares row
 * {@code i} of the Jacobian with its gradient.
 *
 * <p>A fifth of them first write into {@code x} (each row's first element, and sometimes its last row
 * replaced by its first): the Jacobian's several runs must leave the arguments as one run of the
 * source does. The element expressions are built from small templates whose values stay bounded
 * (squashed arguments, divisors in [0.5, 2.5]); kinks ({@code abs}, {@code max}) and branches on active values
 * are left where they fall, the probe copy records them as it does for the other methods.
 */
final class VectorMethods {
    /** What fills the result. */
    static final List<String> FORMS = List.of(
            "map",     // out[i] = E(w[i], s, b), sometimes returning early from inside the loop
            "fill",    // out[i] = E(sum_j w[j] * x[i][j] + s): a loop over the rows of x filling an output
            "cumsum",  // out[i] = out[i - 1] + E(w[i]), or a running accumulator stored at each step
            "matvec",  // out[i] += x[i][j] * w[j], then out[i] = E(out[i], b) in place
            "prefix",  // out = new double[n]: a result as long as an int parameter
            "literal"); // return new double[] {E1, E2, ...}

    private VectorMethods() {}

    /** The method {@code name} and its wrapper {@code nameAt}, with {@code @Jit} on the first when {@code jit}. */
    static List<Method> make(ProgramGenerator gen, SplittableRandom r, String name, boolean jit) {
        List<Param> params = ProgramGenerator.standardParams();
        List<Stmt> body = new ArrayList<>(gen.statements(r, r.nextInt(0, 7), "v", true, false));
        // a local named Math (shape "reserved") hides the class: the templates then call StrictMath
        boolean mathHidden = body.stream().anyMatch(st -> st instanceof Decl d && d.name().equals("Math"));
        Templates t = new Templates(r, mathHidden ? "StrictMath." : "Math.");
        List<String> wrt = new ArrayList<>();
        if (r.nextBoolean()) {
            for (String p : List.of("w", "b", "x")) {
                if (r.nextDouble() < 0.6) {
                    wrt.add(p);
                }
            }
            if (wrt.isEmpty()) {
                wrt.add("w");
            }
        }
        Name w = new Name("w", Type.DOUBLE_ARRAY);
        Name b = new Name("b", Type.DOUBLE);
        Name x = new Name("x", Type.DOUBLE_MATRIX);
        Name s = new Name("s", Type.DOUBLE);
        Name out = new Name("out", Type.DOUBLE_ARRAY);
        Name i = new Name("i", Type.INT);
        Name j = new Name("j", Type.INT);
        Expr wi = new Index(w, i);
        if (r.nextDouble() < 0.2) {
            // writes into the 2-D input: the Jacobian's runs but one get copies, the rows end as the source leaves them
            Expr xi0 = new Index(new Index(x, i), new IntLit(0));
            body.add(upTo("i", new Length(x), List.of(new Assign(xi0, "=", new Binary("*", new Num(0.5),
                    t.call("tanh", new Binary("+", xi0, s)))))));
            if (r.nextBoolean()) {
                Expr last = new Binary("-", new Length(x), new IntLit(1));
                body.add(new If(new Binary(">", new Length(x), new IntLit(1)),
                        Block.of(new Assign(new Index(x, last), "=", new Index(x, new IntLit(0))))));
            }
        }
        String form = FORMS.get(r.nextInt(FORMS.size()));
        switch (form) {
            case "map", "prefix" -> {
                Expr length = form.equals("map") ? new Length(w) : new Name("n", Type.INT);
                body.add(new Decl(Type.DOUBLE_ARRAY, "out", new NewArray(Type.DOUBLE_ARRAY, List.of(length))));
                List<Stmt> loop = new ArrayList<>();
                loop.add(new Assign(new Index(out, i), "=", t.elem(List.of(wi, s, b), 3)));
                if (r.nextDouble() < 0.3) {
                    loop.add(r.nextBoolean() ? 0 : 1, new If(new Binary(">", t.elem(List.of(wi, s), 1), new Num(0.9)),
                            Block.of(new Return(out))));
                }
                body.add(upTo("i", length, loop));
            }
            case "fill" -> {
                body.add(new Decl(Type.DOUBLE_ARRAY, "out", new NewArray(Type.DOUBLE_ARRAY, List.of(new Length(x)))));
                Name z = new Name("z", Type.DOUBLE);
                Expr xij = new Index(new Index(x, i), j);
                Expr term = r.nextBoolean() ? new Binary("*", new Index(w, j), xij) : t.elem(List.of(new Index(w, j), xij), 2);
                List<Stmt> loop = new ArrayList<>();
                loop.add(new Decl(Type.DOUBLE, "z", new Binary("*", new Num(t.coef()), s)));
                loop.add(upTo("j", new Length(new Index(x, i)), List.of(new Assign(z, "+=", term))));
                loop.add(new Assign(new Index(out, i), "=", t.elem(List.of(z, b), 2)));
                body.add(upTo("i", new Length(x), loop));
            }
            case "cumsum" -> {
                body.add(new Decl(Type.DOUBLE_ARRAY, "out", new NewArray(Type.DOUBLE_ARRAY, List.of(new Length(w)))));
                if (r.nextBoolean()) {
                    Name acc = new Name("acc", Type.DOUBLE);
                    body.add(new Decl(Type.DOUBLE, "acc", r.nextBoolean() ? new Num(0.0) : s));
                    body.add(upTo("i", new Length(w), List.of(
                            new Assign(acc, "+=", new Binary("*", new Num(0.5), t.elem(List.of(wi, s, b), 2))),
                            new Assign(new Index(out, i), "=", acc))));
                } else {
                    // reads back the element before: a dependence carried by the output array
                    IntLit zero = new IntLit(0);
                    body.add(new Assign(new Index(out, zero), "=", t.elem(List.of(new Index(w, zero), s), 2)));
                    Expr before = new Index(out, new Binary("-", i, new IntLit(1)));
                    body.add(new For("i", new IntLit(1), new Binary("<", i, new Length(w)), new Step(i, "++"),
                            Block.of(new Assign(new Index(out, i), "=", new Binary("+", before,
                                    new Binary("*", new Num(0.5), t.elem(List.of(wi, b, s), 2)))))));
                }
            }
            case "matvec" -> {
                body.add(new Decl(Type.DOUBLE_ARRAY, "out", new NewArray(Type.DOUBLE_ARRAY, List.of(new Length(x)))));
                Expr xij = new Index(new Index(x, i), j);
                List<Stmt> loop = new ArrayList<>();
                loop.add(upTo("j", new Length(new Index(x, i)),
                        List.of(new Assign(new Index(out, i), "+=", new Binary("*", xij, new Index(w, j))))));
                if (r.nextDouble() < 0.7) {
                    loop.add(new Assign(new Index(out, i), "=", t.elem(List.of(new Index(out, i), b, s), 2)));
                }
                body.add(upTo("i", new Length(x), loop));
            }
            default -> {
                List<Expr> leaves = List.of(s, b, new Index(w, new IntLit(0)), new Index(new Index(x, new IntLit(0)), new IntLit(0)));
                List<Expr> elements = new ArrayList<>();
                int count = r.nextInt(1, 5);
                for (int k = 0; k < count; k++) {
                    elements.add(t.elem(leaves, 3));
                }
                body.add(new Decl(Type.DOUBLE_ARRAY, "out", new ArrayInit(Type.DOUBLE_ARRAY, elements)));
            }
        }
        body.add(new Return(out));
        Method g = new Method(name, "static", "", "double[]", params, new Block(body), false, wrt, jit, true, false);
        List<Param> atParams = new ArrayList<>(params);
        atParams.add(new Param(Type.INT, "i", Role.SMALL_INT));
        List<Expr> args = params.stream().map(p -> (Expr) new Name(p.name(), p.type())).toList();
        Method at = new Method(atName(name), "static", "", "double", atParams,
                Block.of(new Return(new Index(new Call(name, Type.DOUBLE_ARRAY, args), i))), true, wrt, false, false,
                false);
        return List.of(g, at);
    }

    /** The scalar wrapper of a {@code double[]} method: its element {@code i}, under {@code @Grad}. */
    static String atName(String method) {
        return method + "At";
    }

    private static For upTo(String var, Expr bound, List<Stmt> body) {
        Name v = new Name(var, Type.INT);
        return new For(var, new IntLit(0), new Binary("<", v, bound), new Step(v, "++"), new Block(body));
    }

    /** Bounded element expressions over given leaves. */
    private record Templates(SplittableRandom r, String math) {
        double coef() {
            return new double[] {0.25, 0.5, 0.75, -0.5, 1.25}[r.nextInt(5)];
        }

        Expr call(String f, Expr... args) {
            return new Call(math + f, Type.DOUBLE, List.of(args));
        }

        Expr elem(List<Expr> leaves, int depth) {
            if (depth == 0 || r.nextDouble() < 0.25) {
                Expr leaf = leaves.get(r.nextInt(leaves.size()));
                return r.nextBoolean() ? leaf : new Binary("*", new Num(coef()), leaf);
            }
            Expr a = elem(leaves, depth - 1);
            return switch (r.nextInt(9)) {
                case 0 -> new Binary("*", a, elem(leaves, depth - 1));
                case 1 -> new Binary(r.nextBoolean() ? "+" : "-", a, elem(leaves, depth - 1));
                case 2 -> call(List.of("sin", "cos", "tanh", "atan").get(r.nextInt(4)), a);
                case 3 -> call("exp", new Binary("*", new Num(0.5), call("tanh", a)));
                case 4 -> call("log1p", new Binary("*", a, a));
                case 5 -> new Binary("/", a, new Binary("+", new Num(1.5), call("cos", elem(leaves, depth - 1))));
                case 6 -> r.nextBoolean() ? call("abs", a) : call(r.nextBoolean() ? "max" : "min", a, elem(leaves, depth - 1));
                case 7 -> call("sqrt", new Binary("+", new Num(1.0), new Binary("*", a, a)));
                default -> new Conditional(new Binary(r.nextBoolean() ? ">" : "<=", a, new Num(coef())),
                        elem(leaves, depth - 1), elem(leaves, depth - 1));
            };
        }
    }
}
