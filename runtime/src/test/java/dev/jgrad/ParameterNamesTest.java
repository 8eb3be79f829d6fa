package dev.jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link GradCheck#check(Class, String, Object...)} matches a gradient record's components to
 * parameters in class files compiled every way: with {@code -g} (the local variable table), with
 * {@code -parameters}, and with neither (types alone, when only one choice fits).
 */
class ParameterNamesTest {
    private static final String SOURCE = """
            package q;

            public final class Twin {
                static double pick(double[] a, double[] c) {
                    return a[0] * c[0] * c[0];
                }

                static double mixed(double[] w, double b, long seed, double[][] x) {
                    return (w[0] + b) * x[0][0];
                }
            }
            """;
    private static final String GENERATED = """
            package q;

            public final class TwinGrad {
                public record PickGradient(double value, double[] c) {}

                public static PickGradient pick(double[] a, double[] c) {
                    return new PickGradient(a[0] * c[0] * c[0], new double[] {2 * a[0] * c[0]});
                }

                public record MixedGradient(double value, double[] w, double b) {}

                public static MixedGradient mixed(double[] w, double b, long seed, double[][] x) {
                    return new MixedGradient((w[0] + b) * x[0][0], new double[] {x[0][0]}, x[0][0]);
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void theLocalVariableTableNamesTheParameters() throws Exception {
        Class<?> twin = compile("-g");
        assertArrayEquals(new String[] {"w", "b", "seed", "x"}, ParameterNames.of(method(twin, "mixed")));
        assertTrue(GradCheck.check(twin, "pick", new double[] {3}, new double[] {2}).ok());
    }

    @Test
    void reflectionNamesThemWithParameters() throws Exception {
        Class<?> twin = compile("-parameters", "-g:none");
        assertArrayEquals(new String[] {"a", "c"}, ParameterNames.of(method(twin, "pick")));
        assertTrue(GradCheck.check(twin, "pick", new double[] {3}, new double[] {2}).ok());
    }

    @Test
    void withoutNamesTypesDecideWhenOnlyOneChoiceFits() throws Exception {
        Class<?> twin = compile("-g:none");
        assertNull(ParameterNames.of(method(twin, "mixed")));
        GradCheck.Report r = GradCheck.check(twin, "mixed", new double[] {0.5}, 0.25, 7L, new double[][] {{2}});
        assertTrue(r.ok(), r::toString);
        assertEquals("b", r.label(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(twin, "pick", new double[] {3}, new double[] {2}));
        assertTrue(e.getMessage().startsWith("cannot tell which parameters of pick are [c]: the class file has no"
                + " parameter names; compile with -g"), e.getMessage());
    }

    private Class<?> compile(String... options) throws Exception {
        Path src = dir.resolve("src/q");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Twin.java"), SOURCE);
        Files.writeString(src.resolve("TwinGrad.java"), GENERATED);
        Path out = dir.resolve("classes");
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--release", "17", "-d", out.toString(), src.resolve("Twin.java").toString(),
                src.resolve("TwinGrad.java").toString()));
        assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])));
        URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader());
        return Class.forName("q.Twin", true, loader);
    }

    private static Method method(Class<?> c, String name) {
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name);
    }
}
