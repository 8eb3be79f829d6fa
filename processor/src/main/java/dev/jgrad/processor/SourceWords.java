package dev.jgrad.processor;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import dev.jgrad.processor.front.Env;
import dev.jgrad.processor.ir.Origins;
import dev.jgrad.processor.ir.Src;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * What the notes ({@code [JgradJitFallback]}) and the report ({@code -Ajgrad.report}) say about a
 * statement, in the words of the source the user wrote rather than of the code jgrad made of it. Two
 * constructs are lowered before the analyses see them: a {@code for} loop that {@code return}s,
 * {@code break}s or {@code continue}s inside becomes a loop guarded by a flag, and an {@code Ops} call
 * becomes loops over its elements (their statements carry the call as their source, and the
 * temporaries they write have names jgrad chose). Both are recognised by the javac tree the
 * statement came from, never by its text.
 */
final class SourceWords {
    private SourceWords() {}

    /** The jumps that make jgrad lower a loop to one guarded by a flag. */
    private enum Jump {
        RETURN("it returns from inside the loop"),
        BREAK("it breaks out of the loop"),
        CONTINUE("it continues the loop from inside its body");

        final String words;

        Jump(String words) {
            this.words = words;
        }
    }

    /**
     * Why a fused form was not taken, said of the source: {@code reason} as the analysis gave it, unless
     * the statement {@code at} is a loop jgrad lowered for a jump in it or comes from an {@code Ops} call.
     */
    static String reason(String reason, Src at, Origins origins) {
        Tree tree = tree(at, origins);
        if (tree == null) {
            return reason;
        }
        Jump jump = jump(tree);
        if (jump != null) {
            return jump.words + " (jgrad runs such a loop under a flag, which only the taped gradient takes)";
        }
        if (isCall(tree)) {
            return "it keeps the result of `" + at.text() + "`, an array written element by element, which the fused"
                    + " tape-free gradient does not take";
        }
        return reason;
    }

    /**
     * The names of the variables the source declares, in the whole source file of {@code type}
     * (helpers' locals included): any other local of the IR is one jgrad made.
     */
    static Set<String> declared(Env env, TypeElement type) {
        Set<String> out = new HashSet<>();
        TypeElement top = type;
        while (top.getEnclosingElement() instanceof TypeElement outer) {
            top = outer;
        }
        TreePath path = env.trees().getPath(top);
        if (path != null) {
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitVariable(VariableTree t, Void unused) {
                    out.add(t.getName().toString());
                    return super.visitVariable(t, unused);
                }
            }.scan(path.getCompilationUnit(), null);
        }
        return out;
    }

    /** Whether {@code at} is a statement jgrad made of an {@code Ops} call (the call is its source). */
    static boolean fromCall(Src at, Origins origins) {
        Tree tree = tree(at, origins);
        return tree != null && isCall(tree);
    }

    /** A statement's source is the statement; the loops jgrad made of an {@code Ops} call have the call. */
    private static boolean isCall(Tree tree) {
        return tree instanceof MethodInvocationTree;
    }

    private static Tree tree(Src at, Origins origins) {
        if (at == null || origins == null) {
            return null;
        }
        Origins.Origin o = origins.get(at);
        return o == null ? null : o.tree();
    }

    /** The jump inside a {@code for} loop that leaves it or skips the rest of its body, or null. */
    private static Jump jump(Tree loop) {
        if (!(loop instanceof ForLoopTree || loop instanceof EnhancedForLoopTree)) {
            return null;
        }
        Tree body = loop instanceof ForLoopTree f ? f.getStatement() : ((EnhancedForLoopTree) loop).getStatement();
        Jump[] found = {null};
        new TreeScanner<Void, Integer>() {
            @Override
            public Void visitReturn(ReturnTree t, Integer loops) {
                found[0] = Jump.RETURN;
                return null;
            }

            @Override
            public Void visitBreak(BreakTree t, Integer loops) {
                if ((loops == 0 || t.getLabel() != null) && found[0] == null) {
                    found[0] = Jump.BREAK;
                }
                return null;
            }

            @Override
            public Void visitContinue(ContinueTree t, Integer loops) {
                if ((loops == 0 || t.getLabel() != null) && found[0] == null) {
                    found[0] = Jump.CONTINUE;
                }
                return null;
            }

            @Override
            public Void visitForLoop(ForLoopTree t, Integer loops) {
                return super.visitForLoop(t, loops + 1);
            }

            @Override
            public Void visitEnhancedForLoop(EnhancedForLoopTree t, Integer loops) {
                return super.visitEnhancedForLoop(t, loops + 1);
            }

            @Override
            public Void visitWhileLoop(WhileLoopTree t, Integer loops) {
                return super.visitWhileLoop(t, loops + 1);
            }

            @Override
            public Void visitDoWhileLoop(DoWhileLoopTree t, Integer loops) {
                return super.visitDoWhileLoop(t, loops + 1);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree t, Integer loops) {
                return null;
            }

            @Override
            public Void visitClass(ClassTree t, Integer loops) {
                return null;
            }
        }.scan(body, 0);
        return found[0];
    }
}
