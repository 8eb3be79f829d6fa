package dev.jgrad.processor.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The bytecode length of each method of a class file (JVMS 4.7.3, the {@code Code} attribute's
 * {@code code_length}): what HotSpot compares with {@code HugeMethodLimit} (8,000 bytes), beyond
 * which it never JIT-compiles a method.
 *
 * <p>ASM's visitors do not report {@code code_length}, so each method is assembled again by a
 * {@link ClassWriter} that shares the reader's constant pool (each {@code ldc} keeps its width) and,
 * like javac, picks the short form of each load, store, jump and {@code iinc}; a label visited
 * after the last instruction then stands at the method's length.
 */
public final class CodeLengths {
    /** HotSpot's {@code HugeMethodLimit}: with {@code DontCompileHugeMethods} (the default), larger methods stay interpreted. */
    public static final int HUGE = 8_000;

    private CodeLengths() {}

    /** {@code name + descriptor} of each method with code, to its code length in bytes. */
    public static Map<String, Integer> of(byte[] classFile) {
        Map<String, Integer> out = new LinkedHashMap<>();
        ClassReader reader = new ClassReader(classFile);
        reader.accept(new ClassVisitor(Opcodes.ASM9, new ClassWriter(reader, 0)) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        Label end = new Label();
                        super.visitLabel(end);
                        out.put(name + descriptor, end.getOffset());
                        super.visitMaxs(maxStack, maxLocals);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return out;
    }
}
