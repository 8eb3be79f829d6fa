package dev.jgrad.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * For a class with an error, jgrad generates nothing, and javac then says nothing about code that
 * uses the missing {@code CGrad} in method bodies (it stops before attributing them). An {@code import}
 * of it is different: javac reports each one as "cannot find symbol", a cascade that buries jgrad's own
 * error. So where the compilation imports a class jgrad did not generate, and only there, it gets an
 * empty stand-in with a member of each name an import may name; every method throws, and none can run,
 * since the compilation fails with jgrad's errors.
 */
public final class Stubs {
    private Stubs() {}

    /**
     * Writes the stand-ins of {@code CGrad} and {@code CJit} for {@code type}, each only if
     * {@code imported} (qualified names of imported classes) names it.
     */
    public static void writeIfImported(ProcessingEnvironment processing, TypeElement type, List<ExecutableElement> grads,
            List<ExecutableElement> jits, Set<String> imported) {
        ClassName grad = GeneratedNames.gradClass(type);
        if (!grads.isEmpty() && imported.contains(grad.canonicalName())) {
            TypeSpec.Builder c = stub(grad, type);
            for (ExecutableElement m : grads) {
                c.addMethod(method(type, m));
                c.addType(TypeSpec.classBuilder(GeneratedNames.record(m.getSimpleName().toString()))
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build()).build());
            }
            write(processing, grad, c.build());
        }
        ClassName jit = GeneratedNames.jitClass(type);
        if (!jits.isEmpty() && imported.contains(jit.canonicalName())) {
            TypeSpec.Builder c = stub(jit, type);
            jits.forEach(m -> c.addMethod(method(type, m)));
            write(processing, jit, c.build());
        }
    }

    private static TypeSpec.Builder stub(ClassName name, TypeElement type) {
        return TypeSpec.classBuilder(name)
                .addOriginatingElement(type)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                        .addMember("value", "$S", "dev.jgrad.processor.JgradProcessor").build())
                .addJavadoc("Not generated: jgrad reported errors in {@link $T}. This empty stand-in only keeps imports of it\n"
                        + "from adding errors of their own; fix the errors jgrad reported.\n", type)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    }

    private static MethodSpec method(TypeElement type, ExecutableElement m) {
        return MethodSpec.methodBuilder(m.getSimpleName().toString())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(Void.class)
                .addStatement("throw new $T($S)", IllegalStateException.class,
                        "jgrad reported errors in " + type.getSimpleName() + "." + m.getSimpleName() + ": fix them and compile again")
                .build();
    }

    private static void write(ProcessingEnvironment processing, ClassName name, TypeSpec spec) {
        String[] shadowed = ShadowedNames.of(processing, name.packageName());
        TypeSpec qualified = shadowed.length == 0 ? spec : spec.toBuilder().alwaysQualify(shadowed).build();
        try {
            JavaFile.builder(name.packageName(), qualified).skipJavaLangImports(true).indent("    ").build()
                    .writeTo(processing.getFiler());
        } catch (IOException e) {
            // the stand-in is a courtesy: without it, javac reports the imports too
        }
    }
}
