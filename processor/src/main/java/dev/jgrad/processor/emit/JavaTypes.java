package dev.jgrad.processor.emit;

import com.palantir.javapoet.ClassName;
import dev.jgrad.processor.ir.Type;

/** How generated code names the IR's types and the classes the IR's calls and constants name. */
final class JavaTypes {
    private JavaTypes() {}

    /** The class of binary name {@code binaryName} ({@code p.Outer$Inner}). */
    static ClassName className(String binaryName) {
        int dot = binaryName.lastIndexOf('.');
        String pkg = dot < 0 ? "" : binaryName.substring(0, dot);
        String[] simple = binaryName.substring(dot + 1).split("\\$");
        String[] rest = new String[simple.length - 1];
        System.arraycopy(simple, 1, rest, 0, rest.length);
        return ClassName.get(pkg, simple[0], rest);
    }

    /** The Java type of the IR's type {@code t}. */
    static com.palantir.javapoet.TypeName typeName(Type t) {
        switch (t) {
            case DOUBLE: return com.palantir.javapoet.TypeName.DOUBLE;
            case INT: return com.palantir.javapoet.TypeName.INT;
            case LONG: return com.palantir.javapoet.TypeName.LONG;
            case BOOLEAN: return com.palantir.javapoet.TypeName.BOOLEAN;
            case DOUBLE_ARRAY: return com.palantir.javapoet.ArrayTypeName.of(double.class);
            case DOUBLE_MATRIX: return com.palantir.javapoet.ArrayTypeName.of(double[].class);
            case DOUBLE_CUBE: return com.palantir.javapoet.ArrayTypeName.of(double[][].class);
            case INT_ARRAY: return com.palantir.javapoet.ArrayTypeName.of(int.class);
            case BOOLEAN_ARRAY: return com.palantir.javapoet.ArrayTypeName.of(boolean.class);
            case STRING: return ClassName.get(String.class);
            default: throw new IllegalArgumentException(t.toString());
        }
    }
}
