package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jgrad.processor.testing.JgradCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 3 of the contract, for cases that only the processor's own tests see: generated code
 * leaves the caller's arrays as the source method leaves them. The test compiles the input, loads
 * the classes from memory and calls the gradient.
 */
class InputsUnchangedTest {

    /**
     * The source assigns a fresh array to its parameter and writes only into that: the caller's array
     * must stay as it was.
     */
    @Test
    void reassigningAnArrayParameterLeavesTheCallersArrayAlone() throws Exception {
        Compilation compilation = JgradCompiler.compile(JavaFileObjects.forSourceString("p.Reassign", """
                package p;

                import dev.jgrad.Grad;

                public class Reassign {
                    @Grad static double f(double[] x) {
                        double s = x[0];
                        x = new double[3];
                        x[0] = s * s;
                        return x[0];
                    }
                }
                """));
        assertThat(compilation).succeeded();
        Class<?> grad = new MemoryClassLoader(compilation).loadClass("p.ReassignGrad");
        double[] x = {3, 7, 11, 13};
        Object g = grad.getDeclaredMethod("f", double[].class).invoke(null, (Object) x);
        assertArrayEquals(new double[] {3, 7, 11, 13}, x, "the caller's array");
        assertEquals(9.0, (double) g.getClass().getMethod("value").invoke(g));
        assertArrayEquals(new double[] {6, 0, 0, 0}, (double[]) g.getClass().getMethod("x").invoke(g));
    }

    /** Defines the classes a compilation wrote, in memory; everything else comes from the test class path. */
    private static final class MemoryClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes = new HashMap<>();

        MemoryClassLoader(Compilation compilation) {
            super(InputsUnchangedTest.class.getClassLoader());
            for (JavaFileObject f : compilation.generatedFiles()) {
                if (f.getKind() != JavaFileObject.Kind.CLASS) {
                    continue;
                }
                String path = f.toUri().getPath();
                String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length())
                        .replaceFirst("\\.class$", "").replace('/', '.');
                try (InputStream in = f.openInputStream()) {
                    classes.put(name, in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
