package dev.jgrad.processor;

import com.google.auto.service.AutoService;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import dev.jgrad.Derivative;
import dev.jgrad.Grad;
import dev.jgrad.Jit;
import dev.jgrad.processor.diag.Diagnostics;
import dev.jgrad.processor.emit.GeneratedNames;
import dev.jgrad.processor.front.Env;
import dev.jgrad.processor.front.Members;
import dev.jgrad.processor.front.ResolutionCheck;
import dev.jgrad.processor.front.SubsetTypes;
import dev.jgrad.processor.rules.Derivatives;
import dev.jgrad.processor.rules.Library;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The jgrad annotation processor: collects the {@code @Grad} and {@code @Jit} methods of each round,
 * class by class, and hands each class to {@link ClassPipeline}; checks each {@code @Derivative}
 * method where it is declared ({@link DerivativeCheck}). Nothing else happens here.
 */
@AutoService(Processor.class)
// javax.annotation.processing.Generated: the generated classes carry it, and unclaimed it would make javac
// -Xlint:all warn "No processor claimed any of these annotations" in the next round, failing -Werror builds
@SupportedAnnotationTypes({ClassPipeline.GRAD, ClassPipeline.JIT, ForwardPipeline.JVP, ForwardPipeline.HESSIAN,
        ForwardPipeline.JACOBIAN, "dev.jgrad.Derivative", "javax.annotation.processing.Generated"})
@SupportedOptions(Reports.OPTION)
public final class JgradProcessor extends AbstractProcessor {
    private Env env;

    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        Trees trees = Trees.instance(processingEnv);
        env = new Env(trees, processingEnv.getElementUtils(), new Diagnostics(trees, processingEnv.getMessager()),
                new ResolutionCheck(), new SubsetTypes(processingEnv.getElementUtils(), processingEnv.getTypeUtils()),
                new Derivatives(processingEnv.getElementUtils(), processingEnv.getTypeUtils()),
                new Library(processingEnv.getElementUtils(), processingEnv.getTypeUtils(),
                        type -> List.of(GeneratedNames.gradClass(type).simpleName(), GeneratedNames.jitClass(type).simpleName()),
                        GeneratedNames::mayBeNestedIn),
                new Members(processingEnv.getElementUtils()));
        JavacTask.instance(processingEnv).addTaskListener(new AfterAnalysis(env));
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        env.members().clear();
        Map<TypeElement, List<ExecutableElement>> byClass = new LinkedHashMap<>();
        Set<Element> checked = new java.util.HashSet<>();
        Set<String> imported = imported(round);
        for (TypeElement annotation : annotations) {
            for (Element e : round.getElementsAnnotatedWith(annotation)) {
                if (e.getKind() != ElementKind.METHOD) {
                    continue;
                }
                if (e.getAnnotation(Derivative.class) != null && checked.add(e)) {
                    DerivativeCheck.check(env, (ExecutableElement) e);
                }
                if (e.getAnnotation(Grad.class) == null && e.getAnnotation(Jit.class) == null
                        && !ForwardPipeline.isForward((ExecutableElement) e)) {
                    continue;
                }
                TypeElement owner = (TypeElement) e.getEnclosingElement();
                List<ExecutableElement> methods = byClass.computeIfAbsent(owner, k -> new ArrayList<>());
                if (!methods.contains(e)) {
                    methods.add((ExecutableElement) e);
                }
            }
        }
        for (Map.Entry<TypeElement, List<ExecutableElement>> entry : byClass.entrySet()) {
            // the order of the class's own members, so that output is the same from build to build
            List<ExecutableElement> methods = new ArrayList<>();
            for (Element member : entry.getKey().getEnclosedElements()) {
                if (entry.getValue().contains(member)) {
                    methods.add((ExecutableElement) member);
                }
            }
            runWithDeepStack(new ClassPipeline(env, processingEnv, entry.getKey(), methods, imported)::run);
        }
        return true;
    }

    /**
     * The classes the round's sources import, by qualified name: {@code p.C} for {@code import p.C},
     * {@code import p.C.D}, {@code import static p.C.f} and {@code import static p.C.*} (the stand-ins
     * of {@link dev.jgrad.processor.emit.Stubs} are written for these only).
     */
    private Set<String> imported(RoundEnvironment round) {
        Set<String> out = new java.util.HashSet<>();
        Set<com.sun.source.tree.CompilationUnitTree> units = new java.util.HashSet<>();
        for (Element root : round.getRootElements()) {
            com.sun.source.util.TreePath path = env.trees().getPath(root);
            if (path == null || !units.add(path.getCompilationUnit())) {
                continue;
            }
            for (com.sun.source.tree.ImportTree i : path.getCompilationUnit().getImports()) {
                String name = i.getQualifiedIdentifier().toString();
                for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
                    out.add(name.substring(0, dot));
                }
                out.add(name);
            }
        }
        return out;
    }

    /**
     * The stages recurse over expressions and statements; a method with thousands of terms in one
     * expression, which javac itself accepts, would overflow the default stack. So each class runs on
     * a thread with a large one, and the processor waits for it.
     */
    private static void runWithDeepStack(Runnable stages) {
        Throwable[] failure = {null};
        Thread t = new Thread(null, () -> {
            try {
                stages.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "jgrad", 512L * 1024 * 1024);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failure[0] instanceof Error err) {
            throw err;
        }
    }
}
