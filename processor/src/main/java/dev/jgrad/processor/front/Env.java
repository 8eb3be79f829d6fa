package dev.jgrad.processor.front;

import com.sun.source.util.Trees;
import dev.jgrad.processor.diag.Diagnostics;
import javax.lang.model.util.Elements;

/**
 * What the front needs of javac: the trees, the elements, where errors go, where name
 * resolutions wait to be compared with javac's, and the subset's reading of javac's types.
 */
public record Env(Trees trees, Elements elements, Diagnostics diag, ResolutionCheck resolutions,
        SubsetTypes types) {}
