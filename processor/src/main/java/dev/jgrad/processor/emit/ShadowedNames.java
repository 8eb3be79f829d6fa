package dev.jgrad.processor.emit;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;

/**
 * The simple names a generated class must write qualified because the package it sits in declares a
 * type of the same name. The classes of {@code java.lang} come without an import, and a class of the
 * package hides them: with the user's own {@code Math} beside the source, {@code Math.exp(x)} in
 * generated code would call the user's {@code exp}. So each type the generated code names outside its
 * package ({@code java.lang.Math}, {@code java.lang.IllegalArgumentException},
 * {@code dev.jgrad.runtime.Tape}, ...) whose simple name a type of the package has is written with its
 * package, in the whole class; in every other case the names stay short.
 */
public final class ShadowedNames {
    private ShadowedNames() {}

    private static final Pattern IMPORT = Pattern.compile("^import (?:[\\w.]+\\.)?(\\w+);$", Pattern.MULTILINE);

    /** The simple names of the types {@code spec}, written in {@code pkg}, names outside it that a type of {@code pkg} has. */
    static Set<String> of(ProcessingEnvironment processing, String pkg, TypeSpec spec) {
        Set<String> declared = declared(processing, pkg);
        Set<String> out = new TreeSet<>();
        if (declared.isEmpty()) {
            return out;
        }
        // the imports the file would need with java.lang's written out: every type it names outside its package
        Matcher m = IMPORT.matcher(JavaFile.builder(pkg, spec).skipJavaLangImports(false).build().toString());
        while (m.find()) {
            if (declared.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The simple names of the top-level types of package {@code pkg}: its sources' and its class path's. */
    public static Set<String> declared(ProcessingEnvironment processing, String pkg) {
        Set<String> out = new HashSet<>();
        PackageElement p = processing.getElementUtils().getPackageElement(pkg);
        if (p != null) {
            for (Element e : p.getEnclosedElements()) {
                out.add(e.getSimpleName().toString());
            }
        }
        return out;
    }
}
