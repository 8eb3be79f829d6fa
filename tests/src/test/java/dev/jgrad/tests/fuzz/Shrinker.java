package dev.jgrad.tests.fuzz;

import dev.jgrad.tests.fuzz.Ast.ArrayInit;
import dev.jgrad.tests.fuzz.Ast.Assert;
import dev.jgrad.tests.fuzz.Ast.Assign;
import dev.jgrad.tests.fuzz.Ast.Binary;
import dev.jgrad.tests.fuzz.Ast.Block;
import dev.jgrad.tests.fuzz.Ast.Break;
import dev.jgrad.tests.fuzz.Ast.Call;
import dev.jgrad.tests.fuzz.Ast.Chain;
import dev.jgrad.tests.fuzz.Ast.Cast;
import dev.jgrad.tests.fuzz.Ast.Conditional;
import dev.jgrad.tests.fuzz.Ast.Continue;
import dev.jgrad.tests.fuzz.Ast.CountDown;
import dev.jgrad.tests.fuzz.Ast.Counted;
import dev.jgrad.tests.fuzz.Ast.Decl;
import dev.jgrad.tests.fuzz.Ast.Eval;
import dev.jgrad.tests.fuzz.Ast.Expr;
import dev.jgrad.tests.fuzz.Ast.For;
import dev.jgrad.tests.fuzz.Ast.ForEach;
import dev.jgrad.tests.fuzz.Ast.If;
import dev.jgrad.tests.fuzz.Ast.Index;
import dev.jgrad.tests.fuzz.Ast.IntLit;
import dev.jgrad.tests.fuzz.Ast.Length;
import dev.jgrad.tests.fuzz.Ast.Marked;
import dev.jgrad.tests.fuzz.Ast.Method;
import dev.jgrad.tests.fuzz.Ast.Name;
import dev.jgrad.tests.fuzz.Ast.NewArray;
import dev.jgrad.tests.fuzz.Ast.Num;
import dev.jgrad.tests.fuzz.Ast.Param;
import dev.jgrad.tests.fuzz.Ast.Program;
import dev.jgrad.tests.fuzz.Ast.RawExpr;
import dev.jgrad.tests.fuzz.Ast.RawStmt;
import dev.jgrad.tests.fuzz.Ast.Return;
import dev.jgrad.tests.fuzz.Ast.Step;
import dev.jgrad.tests.fuzz.Ast.Stmt;
import dev.jgrad.tests.fuzz.Ast.Throw;
import dev.jgrad.tests.fuzz.Ast.Type;
import dev.jgrad.tests.fuzz.Ast.Unary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Greedy delta debugging on the tree: tries smaller programs, in batches, and keeps the first
 * that still fails the same way, until no edit helps or the time is up.
 *
 * <p>The edits, coarse to fine: drop a method; drop a run of statements (halves, quarters, ...,
 * single ones, in every block); replace a statement by a part of it (an {@code if} by its
 * branch, a loop by one pass of its body); replace an expression by a sub-expression of the same
 * type or by a literal. Every candidate is strictly smaller than the program it came from, so
 * shrinking ends; candidates that javac would reject (a name used after its declaration went,
 * a statement made unreachable, a loop that no longer ends) are filtered out before the oracle
 * sees them, so the oracle's time goes to real candidates.
 */
final class Shrinker {
    /** Whether each candidate still fails the way the original did. */
    interface Oracle {
        List<Boolean> test(List<Program> candidates);
    }

    record Result(Program program, int tried, int accepted) {}

    enum Pass {
        METHODS, STATEMENTS, STRUCTURE, EXPRESSIONS
    }

    private final Oracle oracle;
    private final int batch;
    private final long budgetMillis;

    Shrinker(Oracle oracle, int batch, long budgetMillis) {
        this.oracle = oracle;
        this.batch = Math.max(1, batch);
        this.budgetMillis = budgetMillis;
    }

    Result shrink(Program p) {
        long deadline = System.currentTimeMillis() + budgetMillis;
        Program current = p;
        int tried = 0;
        int accepted = 0;
        boolean progress = true;
        while (progress && System.currentTimeMillis() < deadline) {
            progress = false;
            for (Pass pass : Pass.values()) {
                int position = 0;
                List<Program> all = valid(current, pass);
                while (System.currentTimeMillis() < deadline) {
                    if (position >= all.size()) {
                        break;
                    }
                    List<Program> chunk = all.subList(position, Math.min(all.size(), position + batch));
                    List<Boolean> verdicts = oracle.test(chunk);
                    tried += chunk.size();
                    int hit = verdicts.indexOf(true);
                    if (hit < 0) {
                        position += chunk.size();
                    } else {
                        current = chunk.get(hit);
                        accepted++;
                        progress = true;
                        position += hit; // the candidates before it were tried; go on from there
                        all = valid(current, pass);
                    }
                }
            }
        }
        return new Result(current, tried, accepted);
    }

    /** The candidates of a pass that are smaller and that javac would accept. */
    static List<Program> valid(Program p, Pass pass) {
        int size = size(p);
        List<Program> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Program c : candidates(p, pass)) {
            if (size(c) < size && wellFormed(c) && seen.add(Printer.source(c).text())) {
                out.add(c);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------
    // Candidates
    // ------------------------------------------------------------------------------------------

    static List<Program> candidates(Program p, Pass pass) {
        List<Program> out = new ArrayList<>();
        List<Method> ms = p.methods();
        if (pass == Pass.METHODS) {
            for (int i = 0; i < ms.size(); i++) {
                List<Method> without = new ArrayList<>(ms);
                without.remove(i);
                out.add(p.withMethods(without));
            }
            return out;
        }
        for (int i = 0; i < ms.size(); i++) {
            Method m = ms.get(i);
            for (Block b : blockVariants(m.body(), pass)) {
                List<Method> with = new ArrayList<>(ms);
                with.set(i, m.withBody(b));
                out.add(p.withMethods(with));
            }
        }
        return out;
    }

    private static List<Block> blockVariants(Block b, Pass pass) {
        List<Block> out = new ArrayList<>();
        List<Stmt> ss = b.stmts();
        if (pass == Pass.STATEMENTS && !ss.isEmpty()) {
            for (int size = Integer.highestOneBit(ss.size()); size >= 1; size /= 2) {
                for (int start = 0; start + size <= ss.size(); start += size) {
                    List<Stmt> rest = new ArrayList<>(ss.subList(0, start));
                    rest.addAll(ss.subList(start + size, ss.size()));
                    out.add(new Block(rest));
                }
            }
        }
        if (pass == Pass.STATEMENTS) {
            // a declaration with every later statement of the block that mentions it
            for (int i = 0; i < ss.size(); i++) {
                if (ss.get(i) instanceof Decl d) {
                    Pattern use = Pattern.compile("\\b" + Pattern.quote(d.name()) + "\\b");
                    List<Stmt> rest = new ArrayList<>(ss.subList(0, i));
                    for (Stmt later : ss.subList(i + 1, ss.size())) {
                        if (!use.matcher(Printer.stmt(later)).find()) {
                            rest.add(later);
                        }
                    }
                    out.add(new Block(rest));
                }
            }
        }
        for (int i = 0; i < ss.size(); i++) {
            for (List<Stmt> v : stmtVariants(ss.get(i), pass)) {
                List<Stmt> with = new ArrayList<>(ss.subList(0, i));
                with.addAll(v);
                with.addAll(ss.subList(i + 1, ss.size()));
                out.add(new Block(with));
            }
        }
        return out;
    }

    private static List<List<Stmt>> stmtVariants(Stmt s, Pass pass) {
        List<List<Stmt>> out = new ArrayList<>();
        boolean structure = pass == Pass.STRUCTURE;
        boolean exprs = pass == Pass.EXPRESSIONS;
        if (s instanceof If i) {
            if (structure) {
                out.add(i.then().stmts());
                if (i.otherwise() != null) {
                    out.add(i.otherwise().stmts());
                    out.add(List.of(new If(i.cond(), i.then(), null)));
                }
            }
            for (Block v : blockVariants(i.then(), pass)) {
                out.add(List.of(new If(i.cond(), v, i.otherwise())));
            }
            if (i.otherwise() != null) {
                for (Block v : blockVariants(i.otherwise(), pass)) {
                    out.add(List.of(new If(i.cond(), i.then(), v)));
                }
            }
            if (exprs) {
                for (Expr c : exprVariants(i.cond())) {
                    out.add(List.of(new If(c, i.then(), i.otherwise())));
                }
            }
        } else if (s instanceof For f) {
            if (structure) {
                List<Stmt> once = new ArrayList<>();
                once.add(new Decl(Type.INT, f.var(), f.from()));
                once.addAll(f.body().stmts());
                out.add(once);
            }
            for (Block v : blockVariants(f.body(), pass)) {
                out.add(List.of(new For(f.var(), f.from(), f.cond(), f.update(), v)));
            }
            if (exprs) {
                for (Expr e : exprVariants(f.from())) {
                    out.add(List.of(new For(f.var(), e, f.cond(), f.update(), f.body())));
                }
                for (Expr c : boundVariants(f.cond(), f.var())) {
                    out.add(List.of(new For(f.var(), f.from(), c, f.update(), f.body())));
                }
            }
        } else if (s instanceof ForEach f) {
            if (structure) {
                List<Stmt> once = new ArrayList<>();
                once.add(new Decl(f.elementType(), f.var(), new Index(f.array(), new IntLit(0))));
                once.addAll(f.body().stmts());
                out.add(once);
            }
            for (Block v : blockVariants(f.body(), pass)) {
                out.add(List.of(new ForEach(f.elementType(), f.var(), f.array(), v)));
            }
        } else if (s instanceof Counted c) {
            if (structure) {
                List<Stmt> once = new ArrayList<>();
                once.add(new Decl(Type.INT, c.counter(), new IntLit(1)));
                once.addAll(c.body().stmts());
                out.add(once);
            }
            for (Block v : blockVariants(c.body(), pass)) {
                out.add(List.of(new Counted(c.counter(), c.cond(), v, c.doWhile())));
            }
            if (exprs) {
                for (Expr e : boundVariants(c.cond(), c.counter())) {
                    out.add(List.of(new Counted(c.counter(), e, c.body(), c.doWhile())));
                }
            }
        } else if (s instanceof CountDown c) {
            if (structure) {
                List<Stmt> once = new ArrayList<>();
                once.add(new Decl(Type.INT, c.counter(), new IntLit(1)));
                once.addAll(c.body().stmts());
                out.add(once);
            }
            for (Block v : blockVariants(c.body(), pass)) {
                out.add(List.of(new CountDown(c.counter(), c.from(), v, c.doWhile())));
            }
        } else if (s instanceof Block b) {
            if (structure) {
                out.add(b.stmts());
            }
            for (Block v : blockVariants(b, pass)) {
                out.add(List.of(v));
            }
        } else if (s instanceof Marked mk) {
            for (List<Stmt> v : stmtVariants(mk.stmt(), pass)) {
                if (v.size() == 1) {
                    out.add(List.of(new Marked(v.get(0))));
                }
            }
        } else if (exprs) {
            if (s instanceof Decl d) {
                for (Expr e : exprVariants(d.init())) {
                    out.add(List.of(new Decl(d.type(), d.name(), e, d.useVar())));
                }
            } else if (s instanceof Assign a) {
                for (Expr e : exprVariants(a.value())) {
                    out.add(List.of(new Assign(a.target(), a.op(), e)));
                }
            } else if (s instanceof Chain c) {
                for (Expr e : exprVariants(c.value())) {
                    out.add(List.of(new Chain(c.targets(), e)));
                }
                out.add(List.of(new Assign(c.targets().get(0), "=", c.value())));
            } else if (s instanceof Return r) {
                for (Expr e : exprVariants(r.value())) {
                    out.add(List.of(new Return(e)));
                }
            } else if (s instanceof Eval ev) {
                for (Expr e : exprVariants(ev.call())) {
                    if (e instanceof Call c) {
                        out.add(List.of(new Eval(c)));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Variants of a loop condition that keep the loop finite: drop the second operand of
     * {@code &&} (the bound comes first), or simplify the bound of {@code var < bound}.
     */
    private static List<Expr> boundVariants(Expr cond, String var) {
        List<Expr> out = new ArrayList<>();
        if (cond instanceof Binary b && b.op().equals("&&")) {
            out.add(b.left());
            for (Expr l : boundVariants(b.left(), var)) {
                out.add(new Binary("&&", l, b.right()));
            }
        } else if (cond instanceof Binary b && b.op().equals("<") && b.left() instanceof Name n
                && n.text().equals(var)) {
            for (Expr e : exprVariants(b.right())) {
                out.add(new Binary("<", b.left(), e));
            }
        }
        return out;
    }

    /** Smaller expressions of the same type: a child, a literal, or a variant of a child. */
    static List<Expr> exprVariants(Expr e) {
        List<Expr> out = new ArrayList<>();
        List<Expr> kids = children(e);
        for (Expr k : kids) {
            if (k.type() == e.type()) {
                out.add(k);
            }
        }
        if (!kids.isEmpty()) {
            if (e.type() == Type.DOUBLE) {
                out.add(new Num(0.5));
            } else if (e.type() == Type.INT) {
                out.add(new IntLit(0));
                out.add(new IntLit(1));
            }
        }
        for (int i = 0; i < kids.size(); i++) {
            for (Expr v : exprVariants(kids.get(i))) {
                List<Expr> with = new ArrayList<>(kids);
                with.set(i, v);
                out.add(rebuild(e, with));
            }
        }
        return out;
    }

    static List<Expr> children(Expr e) {
        if (e instanceof Index i) {
            return List.of(i.array(), i.index());
        }
        if (e instanceof Length l) {
            return List.of(l.array());
        }
        if (e instanceof Binary b) {
            return List.of(b.left(), b.right());
        }
        if (e instanceof Unary u) {
            return List.of(u.operand());
        }
        if (e instanceof Call c) {
            return c.args();
        }
        if (e instanceof Conditional c) {
            return List.of(c.cond(), c.then(), c.otherwise());
        }
        if (e instanceof Cast c) {
            return List.of(c.operand());
        }
        if (e instanceof NewArray n) {
            return n.dims();
        }
        if (e instanceof ArrayInit a) {
            return a.elements();
        }
        return List.of();
    }

    static Expr rebuild(Expr e, List<Expr> k) {
        if (e instanceof Index) {
            return new Index(k.get(0), k.get(1));
        }
        if (e instanceof Length) {
            return new Length(k.get(0));
        }
        if (e instanceof Binary b) {
            return new Binary(b.op(), k.get(0), k.get(1));
        }
        if (e instanceof Unary u) {
            return new Unary(u.op(), k.get(0));
        }
        if (e instanceof Call c) {
            return new Call(c.function(), c.type(), k);
        }
        if (e instanceof Conditional) {
            return new Conditional(k.get(0), k.get(1), k.get(2));
        }
        if (e instanceof Cast c) {
            return new Cast(c.type(), k.get(0));
        }
        if (e instanceof NewArray n) {
            return new NewArray(n.type(), k);
        }
        if (e instanceof ArrayInit a) {
            return new ArrayInit(a.type(), k);
        }
        return e;
    }

    // ------------------------------------------------------------------------------------------
    // Size
    // ------------------------------------------------------------------------------------------

    /** The number of nodes: what shrinking makes smaller. */
    static int size(Program p) {
        int n = 0;
        for (Method m : p.methods()) {
            n += 1 + size(m.body());
        }
        return n;
    }

    static int size(Stmt s) {
        if (s instanceof Decl d) {
            return 1 + size(d.init());
        }
        if (s instanceof Assign a) {
            return 1 + size(a.target()) + size(a.value());
        }
        if (s instanceof Chain c) {
            return 1 + c.targets().size() + size(c.value());
        }
        if (s instanceof Step) {
            return 2;
        }
        if (s instanceof CountDown c) {
            return 2 + size(c.from()) + size(c.body());
        }
        if (s instanceof If i) {
            return 1 + size(i.cond()) + size(i.then()) + (i.otherwise() == null ? 0 : 1 + size(i.otherwise()));
        }
        if (s instanceof For f) {
            return 2 + size(f.from()) + size(f.cond()) + size(f.body());
        }
        if (s instanceof ForEach f) {
            return 2 + size(f.array()) + size(f.body());
        }
        if (s instanceof Counted c) {
            return 2 + size(c.cond()) + size(c.body());
        }
        if (s instanceof Return r) {
            return 1 + size(r.value());
        }
        if (s instanceof Eval e) {
            return 1 + size(e.call());
        }
        if (s instanceof Assert a) {
            return 1 + size(a.cond());
        }
        if (s instanceof Block b) {
            int n = 0;
            for (Stmt x : b.stmts()) {
                n += size(x);
            }
            return n;
        }
        if (s instanceof Marked m) {
            return size(m.stmt());
        }
        return 1;
    }

    static int size(Expr e) {
        int n = 1;
        for (Expr k : children(e)) {
            n += size(k);
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------
    // What javac would accept
    // ------------------------------------------------------------------------------------------

    /**
     * Whether javac would accept the program, as far as edits can break it: every name declared
     * before its use and in scope, every called method present with its arity, {@code break} and
     * {@code continue} inside loops, no statement after one that cannot complete, and a method
     * returning a value that cannot fall off its end.
     */
    static boolean wellFormed(Program p) {
        Set<String> names = new HashSet<>();
        for (Method m : p.methods()) {
            if (!names.add(m.name())) {
                return false;
            }
        }
        for (Method m : p.methods()) {
            Check c = new Check(p);
            for (Param q : m.params()) {
                c.declare(q.name());
            }
            Boolean completes = c.block(m.body().stmts(), 0);
            if (completes == null || (m.returnsDouble() && completes)) {
                return false;
            }
        }
        return true;
    }

    /** Scope and reachability; each method returns whether the code can complete normally, or null if invalid. */
    private static final class Check {
        final Program p;
        final Deque<Set<String>> scopes = new ArrayDeque<>();

        Check(Program p) {
            this.p = p;
            scopes.push(new LinkedHashSet<>());
        }

        void declare(String name) {
            scopes.peek().add(name);
        }

        boolean visible(String name) {
            for (Set<String> s : scopes) {
                if (s.contains(name)) {
                    return true;
                }
            }
            return false;
        }

        Boolean block(List<Stmt> ss, int loops) {
            scopes.push(new LinkedHashSet<>());
            try {
                return sequence(ss, loops);
            } finally {
                scopes.pop();
            }
        }

        /** Statements in the current scope. */
        Boolean sequence(List<Stmt> ss, int loops) {
            boolean completes = true;
            for (Stmt s : ss) {
                if (!completes) {
                    return null; // unreachable statement
                }
                Boolean c = stmt(s, loops);
                if (c == null) {
                    return null;
                }
                completes = c;
            }
            return completes;
        }

        Boolean stmt(Stmt s, int loops) {
            if (s instanceof Decl d) {
                if (!expr(d.init()) || visible(d.name())) {
                    return null;
                }
                declare(d.name());
                return true;
            }
            if (s instanceof Assign a) {
                return expr(a.target()) && expr(a.value()) ? true : null;
            }
            if (s instanceof Chain c) {
                for (Expr t : c.targets()) {
                    if (!expr(t)) {
                        return null;
                    }
                }
                return expr(c.value()) ? true : null;
            }
            if (s instanceof Step st) {
                return expr(st.target()) ? true : null;
            }
            if (s instanceof CountDown c) {
                if (visible(c.counter()) || !expr(c.from())) {
                    return null;
                }
                declare(c.counter());
                Boolean body = block(c.body().stmts(), loops + 1);
                if (body == null) {
                    return null;
                }
                return !c.doWhile() || body || jumps(c.body());
            }
            if (s instanceof If i) {
                if (!expr(i.cond())) {
                    return null;
                }
                Boolean t = block(i.then().stmts(), loops);
                Boolean o = i.otherwise() == null ? Boolean.TRUE : block(i.otherwise().stmts(), loops);
                if (t == null || o == null) {
                    return null;
                }
                return i.otherwise() == null || t || o;
            }
            if (s instanceof For f) {
                if (!expr(f.from())) {
                    return null;
                }
                scopes.push(new LinkedHashSet<>(Set.of(f.var())));
                try {
                    if (!expr(f.cond()) || stmt(f.update(), loops) == null) {
                        return null;
                    }
                    return block(f.body().stmts(), loops + 1) == null ? null : true;
                } finally {
                    scopes.pop();
                }
            }
            if (s instanceof ForEach f) {
                if (!expr(f.array())) {
                    return null;
                }
                scopes.push(new LinkedHashSet<>(Set.of(f.var())));
                try {
                    return block(f.body().stmts(), loops + 1) == null ? null : true;
                } finally {
                    scopes.pop();
                }
            }
            if (s instanceof Counted c) {
                if (visible(c.counter())) {
                    return null;
                }
                declare(c.counter());
                if (!expr(c.cond())) {
                    return null;
                }
                Boolean body = block(c.body().stmts(), loops + 1);
                if (body == null) {
                    return null;
                }
                // a do/while whose body cannot complete, and that no jump leaves, never completes
                return !c.doWhile() || body || jumps(c.body());
            }
            if (s instanceof Break || s instanceof Continue) {
                return loops > 0 ? false : null;
            }
            if (s instanceof Return r) {
                return expr(r.value()) ? false : null;
            }
            if (s instanceof Throw t) {
                return t.detail() == null || expr(t.detail()) ? false : null;
            }
            if (s instanceof Eval e) {
                return expr(e.call()) ? true : null;
            }
            if (s instanceof Assert a) {
                return expr(a.cond()) ? true : null;
            }
            if (s instanceof Block b) {
                return block(b.stmts(), loops);
            }
            if (s instanceof Marked m) {
                return stmt(m.stmt(), loops);
            }
            if (s instanceof RawStmt) {
                return true;
            }
            return null;
        }

        static boolean jumps(Stmt s) {
            if (s instanceof Break || s instanceof Continue) {
                return true;
            }
            if (s instanceof Block b) {
                return b.stmts().stream().anyMatch(Check::jumps);
            }
            if (s instanceof If i) {
                return jumps(i.then()) || (i.otherwise() != null && jumps(i.otherwise()));
            }
            if (s instanceof Marked m) {
                return jumps(m.stmt());
            }
            return false; // a jump in a nested loop leaves that loop, not this one
        }

        boolean expr(Expr e) {
            if (e instanceof Name n) {
                return n.text().contains(".") || visible(n.text());
            }
            if (e instanceof Call c && !c.function().contains(".")) {
                Method m = p.method(c.function());
                if (m == null || m.params().size() != c.args().size()) {
                    return false;
                }
            }
            if (e instanceof RawExpr) {
                return true;
            }
            for (Expr k : children(e)) {
                if (!expr(k)) {
                    return false;
                }
            }
            return true;
        }
    }
}
