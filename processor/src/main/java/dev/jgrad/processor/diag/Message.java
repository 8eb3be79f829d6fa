package dev.jgrad.processor.diag;

/**
 * The catalogue of everything the processor can say. Each message has a stable id, printed as
 * {@code [JgradXxx]} in front of the text, that tests and users can search for; the text says what
 * is wrong and what to do instead.
 */
public enum Message {
    NOT_STATIC("JgradNotStatic",
            "@%s method '%s' must be static: make it static, or move the computation into a static method"),
    NOT_DOUBLE("JgradNotDouble",
            "@%s method '%s' must return double, not %s: return the scalar loss and write other results into array parameters"),
    GRAD_OF_ARRAY("JgradNotDouble",
            "@Grad method '%s' returns double[], which has no gradient (a gradient is that of one scalar): for the derivatives of every element use @Jacobian, for one direction @Jvp; or return a scalar loss"),
    FORWARD_NOT_DOUBLE("JgradNotDouble",
            "@%s method '%s' must return %s, not %s"),
    GRAD_OF_GRAD("JgradGradOfGrad",
            "%s calls the generated gradient %s: jgrad does not differentiate generated code; for second derivatives put @Hessian on %s and call %s (the value, gradient and Hessian; %sHvp for Hessian-vector products)"),
    DOT_NAME("JgradReservedName",
            "'%s' cannot be used as a name in a @%s method: it is the name jgrad gives the tangent of '%s'; rename it"),
    WRT_UNKNOWN("JgradWrtUnknown",
            "wrt names '%s', which is not a parameter of '%s': the parameters are %s"),
    WRT_NOT_DIFFERENTIABLE("JgradWrtType",
            "wrt parameter '%s' has type %s: only double, double[] and double[][] parameters, and records with such components, can be differentiated"),
    WRT_DUPLICATE("JgradWrtDuplicate",
            "wrt names '%s' twice: name each parameter once"),
    OVERLOADED("JgradOverloaded",
            "@%s method '%s' is overloaded in %s: the generated methods and records would clash, so give each overload its own name"),
    RECORD_CLASH("JgradOverloaded",
            "@Grad methods '%s' and '%s' would both have a gradient record named %s: rename one"),
    MEMBER_CLASH("JgradOverloaded",
            "@%s method '%s' has the name of the method %s that jgrad generates in %s for '%s': rename it"),
    CLASS_CLASH("JgradOverloaded",
            "the classes generated for %s clash with another class: a class of the package already has the name of one (a CGrad of your own beside C), or a nested class flattens to the name of a top-level one's (Outer.In and Outer_In): rename one of the classes"),
    LOCAL_CLASS("JgradLocalClass",
            "@%s method '%s' is in a local or anonymous class (or in a class nested in one), which javac does not show to annotation processors and generated code cannot reach: move it to a top-level or static nested class"),
    RESERVED_NAME("JgradReservedName",
            "'%s' cannot be used as a name in a @Grad method: %s; rename it"),
    UNSUPPORTED_TYPE("JgradType",
            "type %s is not supported in a differentiated method: use double, int, long, boolean, double[], double[][], int[] or boolean[]"),
    UNSUPPORTED_STATEMENT("JgradStatement",
            "%s is not supported in a differentiated method: %s"),
    UNSUPPORTED_EXPRESSION("JgradExpression",
            "%s is not supported in a differentiated method: %s"),
    UNSUPPORTED_MATH("JgradMath",
            "%s is not differentiable by jgrad: use one of %s"),
    UNSUPPORTED_OPS("JgradOps",
            "%s is not differentiable by jgrad: use one of the Ops methods %s, or write the loop"),
    CANNOT_FIND("JgradCannotFind",
            "cannot find symbol '%s': no local, parameter or field of that name is in scope; check its spelling (javac reports this itself only once jgrad's errors are fixed)"),
    INCOMPATIBLE("JgradIncompatible",
            "incompatible types: %s cannot be converted to %s (javac reports this itself only once jgrad's errors are fixed)"),
    UNKNOWN_CALL("JgradCall",
            "call to %s cannot be differentiated: %s"),
    NOT_VISIBLE("JgradCall",
            "'%s' is not visible from the generated class, which sits in this package but outside this class: make the %s package-private or public"),
    RECURSION("JgradRecursion",
            "recursive call to '%s' cannot be differentiated: rewrite the recursion as a loop"),
    FIELD_WRITE("JgradFieldWrite",
            "assignment to field '%s': only local variables, parameters and array elements can be assigned; copy the value into a local"),
    FIELD_READ("JgradFieldRead",
            "field '%s' is not static final: pass its value as a parameter"),
    FIELD_ARRAY("JgradFieldRead",
            "field '%s' is an array that is not static final: another array could be put in it between calls (or while a call runs), so it is no constant; make it static final (a constant table), or pass it as a parameter"),
    TABLE_ACCESS("JgradFieldRead",
            "constant table '%s' is read by reference, and the generated class (in the package of the annotated method) cannot see it: make it public, or package-private in that package, or pass it as a parameter"),
    TABLE_WRITE("JgradFieldWrite",
            "writing into the constant table '%s' (a static final array, shared by every call and thread): jgrad reads such tables as constants; copy it into a local array first (%s.clone()) and write into the copy"),
    FIELD_ACCESS("JgradFieldRead",
            "field '%s' is not a compile-time constant, and the generated class (in the package of the annotated method) cannot see it: make it public, or package-private in that package, or pass its value as a parameter"),
    RECORD_TYPE("JgradRecord",
            "parameter '%s' of record type %s cannot be taken by a differentiated method: %s"),
    RECORD_USE("JgradRecord",
            "%s: records of parameters are read-only in a differentiated method; %s"),
    SIDE_EFFECT("JgradSideEffect",
            "%s inside an expression: move it into a statement of its own"),
    THROW("JgradThrow",
            "this throw cannot be copied into generated code: throw a new exception built from constants, strings and local values"),
    TOO_LARGE("JgradTooLarge",
            "the generated code for '%s' would need about %s KB of bytecode, more than the JVM's 64 KB for one method (helpers are inlined): split the computation into several @Grad methods, or loop over an array instead of writing out every statement"),
    JIT_FALLBACK("JgradJitFallback",
            "@Jit @Grad method '%s' gets the taped reverse-mode gradient, not the fused tape-free one: %s (see \"What @Jit does\" in the README)"),
    REPORT("JgradReport",
            "'%s': %s (-Ajgrad.report: details in %s)"),
    RESOLVED_ELSEWHERE("JgradInternal",
            "jgrad read '%s' as the %s, but javac reads it as the %s: please report this with the method; giving the two different names avoids it"),
    TOO_MANY_PARAMETERS("JgradTooLarge",
            "the gradient record %s would have the value and %s components, %s parameter slots for its constructor, more than the JVM's %s (a double takes two): differentiate with respect to fewer parameters (wrt), or pass them in a double[]"),
    DERIVATIVE_SIGNATURE("JgradDerivative",
            "@Derivative method '%s' %s"),
    DERIVATIVE_OF("JgradDerivative",
            "@Derivative(of = \"%s\") on '%s': %s"),
    DERIVATIVE_WRT("JgradDerivative",
            "@Derivative(wrt = \"%s\") on '%s': %s"),
    DERIVATIVE_MISSING("JgradDerivative",
            "call to %s: its parameter '%s' can carry a derivative, but %s: add the partial to %s,%n%s"),
    DERIVATIVE_UNUSABLE("JgradDerivative",
            "call to %s cannot use its @Derivative methods: %s"),
    STREAM("JgradStream",
            "%s is a stream, which jgrad cannot differentiate: write a for loop over the array instead"),
    RANDOM("JgradRandom",
            "%s draws random numbers, which jgrad cannot differentiate (nor draw again alike in the gradient): draw the numbers outside the method and pass them in, as a double[] parameter"),
    GENERATED_CALL("JgradGenerated",
            "call to %s: %s is generated by jgrad, and generated code is not differentiated again: call the source method %s in its place; for second derivatives, use @Hessian"),
    FORWARD_TOO_MANY_PARAMETERS("JgradTooLarge",
            "the generated %s would take %s parameter slots (the method's, then %s), more than the JVM's %s (a double takes two): differentiate with respect to fewer parameters (wrt), or pass them in a double[]"),
    INTERNAL("JgradInternal",
            "internal error in jgrad while processing '%s' (%s): please report it with this method");

    private final String id;
    private final String format;

    Message(String id, String format) {
        this.id = id;
        this.format = format;
    }

    /** The stable id, as printed between brackets. */
    public String id() {
        return id;
    }

    /** The full text: {@code [Id] message}. */
    public String format(Object... args) {
        return "[" + id + "] " + String.format(format, args);
    }
}
