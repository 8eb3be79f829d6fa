package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jgrad.processor.testing.JgradCompiler;
import dev.jgrad.processor.testing.MemoryClasses;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * An {@code assert} of the source runs in generated code as the source's class would run it: with assertions on for
 * that class alone ({@code -ea:p.A}), a generated class, which has an assertion status of its own, asserted nothing
 * (a newcomer trial). Assertion statuses are set here on the class loader, as {@code -ea:p.A} sets them on the JVM's.
 */
class AssertionStatusTest {

    private static final String SOURCE = """
            package p;

            import dev.jgrad.Grad;
            import dev.jgrad.Jit;
            import dev.jgrad.Jvp;

            public final class A {
                private A() {}

                @Grad @Jit @Jvp
                public static double f(double x) {
                    assert x > 0 : "x must be positive";
                    return Math.log(x) * x;
                }

                public static final class Inner {
                    private Inner() {}

                    @Grad
                    public static double g(double x) {
                        assert x > 0;
                        return x * x;
                    }
                }
            }
            """;

    private static Throwable thrown(Class<?> c, String name, Object... args) throws Exception {
        Class<?>[] types = new Class<?>[args.length];
        java.util.Arrays.fill(types, double.class);
        Method m = c.getMethod(name, types);
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> m.invoke(null, args));
        return e.getCause();
    }

    @Test
    void assertionsOnForTheSourcesClassAloneAssertInItsGeneratedClasses() throws Exception {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("p.A", SOURCE));
        assertThat(compilation).succeeded();
        MemoryClasses loader = new MemoryClasses(compilation);
        loader.setDefaultAssertionStatus(false);
        loader.setClassAssertionStatus("p.A", true);
        Throwable source = thrown(loader.loadClass("p.A"), "f", -1.0);
        assertInstanceOf(AssertionError.class, source);
        for (Throwable t : new Throwable[] {thrown(loader.loadClass("p.AGrad"), "f", -1.0),
                thrown(loader.loadClass("p.AJit"), "f", -1.0), thrown(loader.loadClass("p.AJvp"), "f", -1.0, 1.0)}) {
            assertInstanceOf(AssertionError.class, t);
            assertEquals(source.getMessage(), t.getMessage());
        }
        // a nested class's assertions are its top-level class's (JLS 14.10)
        assertInstanceOf(AssertionError.class, thrown(loader.loadClass("p.A$Inner"), "g", -1.0));
        assertInstanceOf(AssertionError.class, thrown(loader.loadClass("p.A_InnerGrad"), "g", -1.0));
    }

    @Test
    void assertionsOffForTheSourcesClassAssertNothing() throws Exception {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("p.A", SOURCE));
        MemoryClasses loader = new MemoryClasses(compilation);
        loader.setDefaultAssertionStatus(true);
        loader.setClassAssertionStatus("p.A", false);
        Object g = loader.loadClass("p.AGrad").getMethod("f", double.class).invoke(null, -1.0);
        assertEquals(Double.NaN, (double) g.getClass().getMethod("value").invoke(g));
    }
}
