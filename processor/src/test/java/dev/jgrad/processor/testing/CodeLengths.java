package dev.jgrad.processor.testing;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytecode length of each method of a class file (JVMS 4.7.3, the {@code Code} attribute's
 * {@code code_length}): what HotSpot compares with {@code HugeMethodLimit} (8,000 bytes), beyond
 * which it never JIT-compiles a method. A minimal reader: the constant pool, then each method's
 * attributes.
 */
public final class CodeLengths {
    /** HotSpot's {@code HugeMethodLimit}: with {@code DontCompileHugeMethods} (the default), larger methods stay interpreted. */
    public static final int HUGE = 8_000;

    private CodeLengths() {}

    /** {@code name + descriptor} of each method with code, to its code length in bytes. */
    public static Map<String, Integer> of(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            in.readInt();
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            for (int k = 1; k < count; k++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[k] = in.readUTF();
                    case 5, 6 -> {
                        in.readLong();
                        k++;
                    }
                    case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                    default -> throw new IOException("constant pool tag " + tag);
                }
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            in.readUnsignedShort();
            int interfaces = in.readUnsignedShort();
            for (int k = 0; k < interfaces; k++) {
                in.readUnsignedShort();
            }
            int fields = in.readUnsignedShort();
            for (int k = 0; k < fields; k++) {
                in.readUnsignedShort();
                in.readUnsignedShort();
                in.readUnsignedShort();
                skipAttributes(in);
            }
            Map<String, Integer> out = new LinkedHashMap<>();
            int methods = in.readUnsignedShort();
            for (int k = 0; k < methods; k++) {
                in.readUnsignedShort();
                String name = utf8[in.readUnsignedShort()];
                String descriptor = utf8[in.readUnsignedShort()];
                int attributes = in.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    String attribute = utf8[in.readUnsignedShort()];
                    int length = in.readInt();
                    if (attribute.equals("Code")) {
                        in.readUnsignedShort();
                        in.readUnsignedShort();
                        int code = in.readInt();
                        out.put(name + descriptor, code);
                        in.skipNBytes(length - 8L);
                    } else {
                        in.skipNBytes(length);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt());
        }
    }
}
