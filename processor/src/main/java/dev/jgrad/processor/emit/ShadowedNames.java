package dev.jgrad.processor.emit;

import java.util.HashSet;
import java.util.Set;
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

    /**
     * The names to write qualified in a class generated into {@code pkg}: the simple names of its types.
     * JavaPoet's {@code alwaysQualify} only changes how a class of another package is named (written
     * with its package instead of imported), never a class of {@code pkg} or a nested one, so a name
     * no generated code uses costs nothing; this spares formatting the file a second time to find the
     * names it does use.
     */
    static String[] of(ProcessingEnvironment processing, String pkg) {
        return declared(processing, pkg).toArray(new String[0]);
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
