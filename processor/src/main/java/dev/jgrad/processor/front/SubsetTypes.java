package dev.jgrad.processor.front;

import dev.jgrad.processor.ir.Type;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The subset type of a javac type, for signatures and resolved methods. One per processor: it holds
 * {@code String}'s type, looked up once, to compare types as javac does rather than by their names.
 */
public final class SubsetTypes {
    private final Types types;
    private final TypeMirror string;

    public SubsetTypes(Elements elements, Types types) {
        this.types = types;
        this.string = elements.getTypeElement(String.class.getCanonicalName()).asType();
    }

    /** The subset type of a javac type, or null when it is outside the subset. */
    public Type typeOf(TypeMirror t) {
        switch (t.getKind()) {
            case DOUBLE: return Type.DOUBLE;
            case INT: return Type.INT;
            case LONG: return Type.LONG;
            case BOOLEAN: return Type.BOOLEAN;
            case VOID: return Type.VOID;
            case ARRAY:
                TypeMirror c = ((ArrayType) t).getComponentType();
                if (c.getKind() == TypeKind.DOUBLE) {
                    return Type.DOUBLE_ARRAY;
                }
                if (c.getKind() == TypeKind.INT) {
                    return Type.INT_ARRAY;
                }
                if (c.getKind() == TypeKind.BOOLEAN) {
                    return Type.BOOLEAN_ARRAY;
                }
                if (c.getKind() == TypeKind.ARRAY
                        && ((ArrayType) c).getComponentType().getKind() == TypeKind.DOUBLE) {
                    return Type.DOUBLE_MATRIX;
                }
                return null;
            case DECLARED:
                return types.isSameType(t, string) ? Type.STRING : null;
            default:
                return null;
        }
    }
}
