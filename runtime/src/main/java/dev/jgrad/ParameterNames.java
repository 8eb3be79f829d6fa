package dev.jgrad;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.HashMap;
import java.util.Map;

/**
 * The names of a static method's parameters at run time, which {@link GradCheck} needs to match the
 * components of a generated gradient record ({@code w}, {@code b}) to the arguments. Reflection knows
 * them only for classes compiled with {@code -parameters}; otherwise they come from the class file's
 * local variable table, which {@code javac -g} writes (Maven's and Gradle's default). Null when neither
 * is there.
 */
final class ParameterNames {
    private ParameterNames() {}

    static String[] of(Method m) {
        Parameter[] ps = m.getParameters();
        if (ps.length == 0 || ps[0].isNamePresent()) {
            String[] out = new String[ps.length];
            for (int i = 0; i < ps.length; i++) {
                out[i] = ps[i].getName();
            }
            return out;
        }
        try {
            return fromLocalVariableTable(m);
        } catch (IOException | RuntimeException e) {
            return null; // not a class file this reader understands: the caller says what to do
        }
    }

    /** The names in the method's {@code LocalVariableTable} at the slots of its parameters (JVMS 4.7.13). */
    private static String[] fromLocalVariableTable(Method m) throws IOException {
        Class<?> c = m.getDeclaringClass();
        String file = c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class";
        InputStream raw = c.getResourceAsStream(file);
        if (raw == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            in.skipNBytes(8); // magic, minor and major version
            String[] utf8 = constantPool(in);
            in.skipNBytes(6); // access flags, this class, super class
            in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
            int fields = in.readUnsignedShort();
            for (int f = 0; f < fields; f++) {
                in.skipNBytes(6);
                skipAttributes(in);
            }
            String descriptor = descriptor(m);
            int methods = in.readUnsignedShort();
            for (int k = 0; k < methods; k++) {
                in.skipNBytes(2);
                String name = utf8[in.readUnsignedShort()];
                String desc = utf8[in.readUnsignedShort()];
                if (!name.equals(m.getName()) || !desc.equals(descriptor)) {
                    skipAttributes(in);
                    continue;
                }
                Map<Integer, String> slots = localVariables(in, utf8);
                String[] out = new String[m.getParameterCount()];
                int slot = java.lang.reflect.Modifier.isStatic(m.getModifiers()) ? 0 : 1;
                for (int i = 0; i < out.length; i++) {
                    out[i] = slots.get(slot);
                    if (out[i] == null) {
                        return null;
                    }
                    Class<?> t = m.getParameterTypes()[i];
                    slot += t == double.class || t == long.class ? 2 : 1;
                }
                return out;
            }
            return null;
        }
    }

    /** The method's attributes, read: its parameters' names by slot (variables live from the first instruction). */
    private static Map<Integer, String> localVariables(DataInputStream in, String[] utf8) throws IOException {
        Map<Integer, String> slots = new HashMap<>();
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            String name = utf8[in.readUnsignedShort()];
            long length = Integer.toUnsignedLong(in.readInt());
            if (!name.equals("Code")) {
                in.skipNBytes(length);
                continue;
            }
            in.skipNBytes(4); // max stack, max locals
            in.skipNBytes(Integer.toUnsignedLong(in.readInt())); // the code
            in.skipNBytes(8L * in.readUnsignedShort()); // exception table
            int codeAttributes = in.readUnsignedShort();
            for (int b = 0; b < codeAttributes; b++) {
                String inner = utf8[in.readUnsignedShort()];
                long innerLength = Integer.toUnsignedLong(in.readInt());
                if (!inner.equals("LocalVariableTable")) {
                    in.skipNBytes(innerLength);
                    continue;
                }
                int entries = in.readUnsignedShort();
                for (int e = 0; e < entries; e++) {
                    int start = in.readUnsignedShort();
                    in.skipNBytes(2);
                    String variable = utf8[in.readUnsignedShort()];
                    in.skipNBytes(2);
                    int index = in.readUnsignedShort();
                    if (start == 0) {
                        slots.putIfAbsent(index, variable);
                    }
                }
            }
        }
        return slots;
    }

    /** The UTF-8 entries of the constant pool by index; the other entries skipped (JVMS 4.4). */
    private static String[] constantPool(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF(); // the class file's modified UTF-8 is DataInput's
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++; // a long or double takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return utf8;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        for (int a = 0; a < n; a++) {
            in.skipNBytes(2);
            in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
        }
    }

    private static String descriptor(Method m) {
        StringBuilder s = new StringBuilder("(");
        for (Class<?> t : m.getParameterTypes()) {
            s.append(t.descriptorString());
        }
        return s.append(')').append(m.getReturnType().descriptorString()).toString();
    }
}
