package dev.jgrad.processor.front;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The members of classes ({@link Elements#getAllMembers}: declared and inherited), asked of javac once
 * per class and round: the {@link Resolver} looks a name up in the same classes for every method it
 * reads ({@code Math}, the class itself), and javac builds the list anew at each call.
 */
public final class Members {
    private final Elements elements;
    private final Map<TypeElement, List<? extends Element>> all = new HashMap<>();

    public Members(Elements elements) {
        this.elements = elements;
    }

    /** The members of {@code t}, declared or inherited. */
    List<? extends Element> of(TypeElement t) {
        return all.computeIfAbsent(t, elements::getAllMembers);
    }

    /** Forgets every class: a new round may enter them again. */
    public void clear() {
        all.clear();
    }
}
