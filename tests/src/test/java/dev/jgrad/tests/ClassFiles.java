package dev.jgrad.tests;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads from a compiled class what reflection cannot see: the {@code @Grad} annotations (their
 * retention is CLASS, so they are in the class file but invisible at run time) and, when the
 * tests are compiled without {@code -parameters}, parameter names from the local-variable table
 * (javac's {@code -g}, which Maven passes by default).
 *
 * <p>A minimal reader of the class-file format (JVMS chapter 4): the constant pool, then each
 * method's {@code RuntimeInvisibleAnnotations} and {@code Code/LocalVariableTable} attributes;
 * everything else is skipped.
 */
final class ClassFiles {
    private static final String GRAD = "Ldev/jgrad/Grad;";

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

    private static Map<String, MethodInfo> read(Class<?> c) {
        String file = c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream raw = c.getResourceAsStream(file)) {
            if (raw == null) {
                throw new IllegalStateException("class file " + file + " of " + c + " not found");
            }
            return parse(new DataInputStream(new BufferedInputStream(raw)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the class file of " + c, e);
        }
    }

    private static Map<String, MethodInfo> parse(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        String[] utf8 = readConstantPool(in);
        in.readUnsignedShort(); // access flags
        in.readUnsignedShort(); // this class
        in.readUnsignedShort(); // super class
        skip(in, 2 * in.readUnsignedShort()); // interfaces
        int fields = in.readUnsignedShort();
        for (int f = 0; f < fields; f++) {
            skip(in, 6);
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                in.readUnsignedShort();
                skip(in, in.readInt());
            }
        }
        Map<String, MethodInfo> methods = new LinkedHashMap<>();
        int count = in.readUnsignedShort();
        for (int m = 0; m < count; m++) {
            in.readUnsignedShort(); // access flags
            String name = utf8[in.readUnsignedShort()];
            String descriptor = utf8[in.readUnsignedShort()];
            List<String> wrt = null;
            Map<Integer, String> locals = new HashMap<>();
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8[in.readUnsignedShort()];
                int length = in.readInt();
                if (attribute.equals("RuntimeInvisibleAnnotations")) {
                    int annotations = in.readUnsignedShort();
                    for (int k = 0; k < annotations; k++) {
                        List<String> found = readAnnotation(in, utf8);
                        if (found != null) {
                            wrt = found;
                        }
                    }
                } else if (attribute.equals("Code")) {
                    readCode(in, utf8, locals);
                } else {
                    skip(in, length);
                }
            }
            methods.put(name + descriptor, new MethodInfo(name, descriptor,
                    wrt == null ? null : Collections.unmodifiableList(wrt), Collections.unmodifiableMap(locals)));
        }
        return methods;
    }

    /** The UTF-8 entries of the constant pool by index; the others are skipped. */
    private static String[] readConstantPool(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF(); // the class file's modified UTF-8 is DataInput's
                case 3, 4 -> skip(in, 4); // int, float
                case 5, 6 -> { // long, double: two slots
                    skip(in, 8);
                    i++;
                }
                case 7, 8, 16, 19, 20 -> skip(in, 2); // class, string, method type, module, package
                case 9, 10, 11, 12, 17, 18 -> skip(in, 4); // refs, name-and-type, dynamic
                case 15 -> skip(in, 3); // method handle
                default -> throw new IOException("unknown constant-pool tag " + tag + " at " + i);
            }
        }
        return utf8;
    }

    /** Reads one annotation; returns its wrt list if it is {@code @Grad}, else null. */
    private static List<String> readAnnotation(DataInputStream in, String[] utf8) throws IOException {
        String type = utf8[in.readUnsignedShort()];
        List<String> wrt = new ArrayList<>();
        int pairs = in.readUnsignedShort();
        for (int p = 0; p < pairs; p++) {
            String element = utf8[in.readUnsignedShort()];
            Object value = readElementValue(in, utf8);
            if (element.equals("wrt") && value instanceof List<?> list) {
                for (Object o : list) {
                    wrt.add((String) o);
                }
            }
        }
        return type.equals(GRAD) ? wrt : null;
    }

    /** A string for 's', a list for '[', null for everything else (read past). */
    private static Object readElementValue(DataInputStream in, String[] utf8) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case 's':
                return utf8[in.readUnsignedShort()];
            case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z', 'c':
                skip(in, 2);
                return null;
            case 'e':
                skip(in, 4);
                return null;
            case '@':
                readAnnotation(in, utf8);
                return null;
            case '[':
                int n = in.readUnsignedShort();
                List<Object> values = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    values.add(readElementValue(in, utf8));
                }
                return values;
            default:
                throw new IOException("unknown element-value tag " + (char) tag);
        }
    }

    private static void readCode(DataInputStream in, String[] utf8, Map<Integer, String> locals) throws IOException {
        skip(in, 4); // max stack, max locals
        skip(in, in.readInt()); // code
        skip(in, 8 * in.readUnsignedShort()); // exception table
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            String attribute = utf8[in.readUnsignedShort()];
            int length = in.readInt();
            if (attribute.equals("LocalVariableTable")) {
                int n = in.readUnsignedShort();
                for (int k = 0; k < n; k++) {
                    int startPc = in.readUnsignedShort();
                    in.readUnsignedShort(); // length
                    String name = utf8[in.readUnsignedShort()];
                    in.readUnsignedShort(); // descriptor
                    int slot = in.readUnsignedShort();
                    if (startPc == 0) {
                        locals.putIfAbsent(slot, name);
                    }
                }
            } else {
                skip(in, length);
            }
        }
    }

    private static void skip(DataInputStream in, int n) throws IOException {
        in.readFully(new byte[n]);
    }
}
