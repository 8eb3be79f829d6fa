package dev.jgrad.processor.front;

import com.sun.source.util.Trees;
import dev.jgrad.processor.diag.Diagnostics;
import javax.lang.model.util.Elements;

/** What the front needs of javac: the trees, the elements, and where errors go. */
public record Env(Trees trees, Elements elements, Diagnostics diag) {}
