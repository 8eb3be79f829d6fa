package dev.jgrad.processor.front;

import com.sun.source.util.Trees;
import dev.jgrad.processor.diag.Diagnostics;
import dev.jgrad.processor.rules.Derivatives;
import dev.jgrad.processor.rules.Library;
import javax.lang.model.util.Elements;

/**
 * What the front needs of javac: the trees, the elements, where errors go, where name
 * resolutions wait to be compared with javac's, the subset's reading of javac's types, and the rules
 * made for the user's {@code @Derivative} functions (one per function, for the whole compilation), and
 * the library classes that have messages of their own (streams, random generators, printing), and the
 * members of the classes the front looks names up in (asked of javac once per class and round).
 */
public record Env(Trees trees, Elements elements, Diagnostics diag, ResolutionCheck resolutions,
        SubsetTypes types, Derivatives derivatives, Library library, Members members) {}
