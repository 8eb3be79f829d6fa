package dev.jgrad.processor.rules;

/**
 * The classes jgrad generates, as the front end must recognise them in a body: a call to
 * {@code CGrad.f(...)} inside a differentiated method is a call into generated code, which jgrad does
 * not differentiate (it is not yet written while the round runs). The names themselves are decided in
 * {@code emit.GeneratedNames}; this is the one place outside it that knows their form.
 */
public final class GeneratedClasses {
    private static final String GRAD = "Grad";
    private static final String HESSIAN = "Hessian";

    private GeneratedClasses() {}

    /** The class whose gradients a class of this simple name holds ({@code C} for {@code CGrad}), or null. */
    public static String gradientsOf(String simpleName) {
        return simpleName.length() > GRAD.length() && simpleName.endsWith(GRAD)
                ? simpleName.substring(0, simpleName.length() - GRAD.length()) : null;
    }

    /** The class of the Hessians of class {@code stem}'s methods ({@code CHessian} for {@code C}). */
    public static String hessiansOf(String stem) {
        return stem + HESSIAN;
    }
}
