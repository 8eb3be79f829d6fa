package dev.jgrad.tests;

import dev.jgrad.Grad;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Reads from a compiled class what reflection cannot see: the {@code @Grad} annotations (their
 * retention is CLASS, so they are in the class file but invisible at run time) and, when the
 * tests are compiled without {@code -parameters}, parameter names from the local-variable table
 * (javac's {@code -g}, which Maven passes by default).
 *
 * <p>Read with ASM's tree API: each method's {@code RuntimeInvisibleAnnotations} and
 * {@code LocalVariableTable}. Also the bytecode length of each method of a class file.
 */
final class ClassFiles {
    private static final String GRAD = Type.getDescriptor(Grad.class);

    private ClassFiles() {}

    /**
     * What the class file says about one method.
     *
     * @param wrt null if the method has no {@code @Grad}; else its {@code wrt} list, empty for the
     *     default
     * @param localsAtEntry local-variable names by slot, for the variables live from the first
     *     instruction (the parameters); empty without debug information
     */
    record MethodInfo(String name, String descriptor, List<String> wrt, Map<Integer, String> localsAtEntry) {
        boolean isGrad() {
            return wrt != null;
        }
    }

    private static final Map<Class<?>, Map<String, MethodInfo>> CACHE = new HashMap<>();

    /** The methods of {@code c}, by name + descriptor, in class-file order. */
    static synchronized Map<String, MethodInfo> methods(Class<?> c) {
        return CACHE.computeIfAbsent(c, ClassFiles::read);
    }

    /** The class-file information of a reflected method. */
    static MethodInfo of(Method m) {
        MethodInfo info = methods(m.getDeclaringClass()).get(m.getName() + descriptor(m));
        if (info == null) {
            throw new IllegalStateException("no class-file entry for " + m);
        }
        return info;
    }

    /**
     * The parameter names of {@code m}: from reflection when compiled with {@code -parameters},
     * else from the local-variable table.
     *
     * @throws IllegalStateException if neither is available
     */
    static List<String> parameterNames(Method m) {
        var params = m.getParameters();
        List<String> names = new ArrayList<>();
        if (params.length == 0 || params[0].isNamePresent()) {
            for (var p : params) {
                names.add(p.getName());
            }
            return names;
        }
        Map<Integer, String> locals = of(m).localsAtEntry();
        int slot = Modifier.isStatic(m.getModifiers()) ? 0 : 1;
        for (Class<?> t : m.getParameterTypes()) {
            String name = locals.get(slot);
            if (name == null) {
                throw new IllegalStateException("no parameter names for " + m
                        + ": compile the tests with -g (Maven's default) or -parameters");
            }
            names.add(name);
            slot += t == long.class || t == double.class ? 2 : 1;
        }
        return names;
    }

    static String descriptor(Method m) {
        StringBuilder d = new StringBuilder("(");
        for (Class<?> t : m.getParameterTypes()) {
            d.append(t.descriptorString());
        }
        return d.append(')').append(m.getReturnType().descriptorString()).toString();
    }

    /**
     * {@code name + descriptor} of each method with code, to its code length in bytes (JVMS 4.7.3,
     * the {@code Code} attribute's {@code code_length}).
     *
     * <p>ASM's visitors do not report {@code code_length}, so each method is assembled again by a
     * {@link ClassWriter} that shares the reader's constant pool (each {@code ldc} keeps its width)
     * and, like javac, picks the short form of each load, store, jump and {@code iinc}; a label
     * visited after the last instruction then stands at the method's length.
     */
    static Map<String, Integer> codeLengths(byte[] classFile) {
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

    private static Map<String, MethodInfo> read(Class<?> c) {
        String file = c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class";
        ClassNode node = new ClassNode();
        try (InputStream in = c.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("class file " + file + " of " + c + " not found");
            }
            new ClassReader(in).accept(node, ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the class file of " + c, e);
        }
        Map<String, MethodInfo> methods = new LinkedHashMap<>();
        for (MethodNode m : node.methods) {
            methods.put(m.name + m.desc, new MethodInfo(m.name, m.desc, wrt(m), localsAtEntry(m)));
        }
        return methods;
    }

    /** The {@code wrt} list of the method's {@code @Grad}, empty for the default; null without {@code @Grad}. */
    private static List<String> wrt(MethodNode m) {
        List<String> wrt = null;
        for (AnnotationNode a : m.invisibleAnnotations == null ? List.<AnnotationNode>of() : m.invisibleAnnotations) {
            if (a.desc.equals(GRAD)) {
                wrt = new ArrayList<>();
                // values alternate element name, value; an array's value is a List
                for (int k = 0; a.values != null && k < a.values.size(); k += 2) {
                    if (a.values.get(k).equals("wrt")) {
                        for (Object name : (List<?>) a.values.get(k + 1)) {
                            wrt.add((String) name);
                        }
                    }
                }
            }
        }
        return wrt == null ? null : Collections.unmodifiableList(wrt);
    }

    /**
     * The locals whose range starts at offset 0, by slot: those whose start label comes before the
     * method's first instruction.
     */
    private static Map<Integer, String> localsAtEntry(MethodNode m) {
        Set<LabelNode> entry = new HashSet<>();
        for (AbstractInsnNode i = m.instructions.getFirst(); i != null && i.getOpcode() < 0; i = i.getNext()) {
            if (i instanceof LabelNode label) {
                entry.add(label);
            }
        }
        Map<Integer, String> locals = new HashMap<>();
        for (LocalVariableNode v : m.localVariables == null ? List.<LocalVariableNode>of() : m.localVariables) {
            if (entry.contains(v.start)) {
                locals.putIfAbsent(v.index, v.name);
            }
        }
        return Collections.unmodifiableMap(locals);
    }
}
