package dev.jgrad.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jgrad.processor.testing.JgradCompiler.assertOnlyJgradErrors;
import static org.junit.jupiter.api.Assertions.assertAll;

import com.google.testing.compile.Compilation;
import dev.jgrad.processor.testing.JgradCompiler;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The processor's promise for any input: it never emits code that does not compile, and it accepts
 * what the contract's subset allows. (That it never crashes is {@link ErrorCatalogueTest#jgradInternal}.)
 */
class OddInputsTest {

    /** Whatever jgrad makes of the input, javac finds nothing to complain about but jgrad's own errors. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jgrad.processor.OddInputs#all")
    void neverGeneratesCodeThatDoesNotCompile(OddInputs.Input input) {
        Compilation compilation = JgradCompiler.compile(input.files());
        assertAll(input.name(), () -> assertOnlyJgradErrors(compilation));
    }

    /** An input in the contract's subset compiles, gradient class included, without a warning. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jgrad.processor.OddInputs#inSubset")
    void compilesWhenInTheSubset(OddInputs.Input input) {
        Compilation compilation = JgradCompiler.compile(input.files());
        assertAll(input.name(), () -> {
            assertThat(compilation).succeededWithoutWarnings();
            for (JavaFileObject file : input.files()) {
                String type = file.getName().replaceFirst("^/", "").replaceFirst("\\.java$", "").replace('/', '.');
                assertThat(compilation).generatedSourceFile(type + "Grad");
            }
        });
    }
}
