/**
 * Reliability tests of jgrad (issue 5): a differential fuzzer for gradients, hostile inputs for
 * the processor, and load tests.
 *
 * <h2>Running</h2>
 * <pre>{@code
 * mvn -q -pl tests test -Dtest=FuzzTest                                        # the CI batch: seed 1, 500 programs
 * mvn -q -pl tests test -Dtest=FuzzTest -Djgrad.fuzz.count=5000 -Djgrad.fuzz.seed=42
 * mvn -q -pl tests test -Dtest=FuzzTest -Djgrad.fuzz.seed=417 -Djgrad.fuzz.count=1   # one program again
 * mvn -q -pl tests test -Dtest=HostileTest -Djgrad.hostile.count=1000 -Djgrad.hostile.seed=7
 * mvn -q -pl tests test -Dtest=FuzzTest -Djgrad.fuzz.jit=false                 # without @Jit (on a quarter of the methods by default)
 * mvn -q -pl tests test -Dtest=FuzzTest -Djgrad.fuzz.shapes=walk,alias         # only these shapes of issue 11 (or none)
 * mvn -q -pl tests test -Dtest=FuzzTest -Djgrad.fuzz.hessian=1 -Djgrad.fuzz.vectors=1   # issue 15's modes everywhere
 * }</pre>
 * {@link dev.jgrad.tests.fuzz.FuzzMain} does the same from the command line; {@link
 * dev.jgrad.tests.fuzz.FuzzSettings} lists every property.
 *
 * <h2>How it fits together</h2>
 * <ul>
 *   <li>{@link dev.jgrad.tests.fuzz.ProgramGenerator} builds a random program of the subset as a
 *       tree ({@link dev.jgrad.tests.fuzz.Ast}); {@link dev.jgrad.tests.fuzz.Printer} renders it,
 *       together with a <em>probe</em> copy whose comparisons and kinks report the path they
 *       took ({@link dev.jgrad.tests.fuzz.Probe}).
 *   <li>{@link dev.jgrad.tests.fuzz.InProcessCompiler} runs javac with the jgrad processor in this
 *       JVM, many programs per task; {@link dev.jgrad.tests.fuzz.DifferentialHarness} loads the
 *       classes in a fresh class loader and checks each method: it compiles cleanly, its value is
 *       the source's bit for bit, its gradient matches finite differences
 *       ({@link dev.jgrad.tests.fuzz.FiniteDifferences}, on {@code dev.jgrad.GradCheck}) per
 *       coordinate and along a random direction, {@code @Jit} agrees with the plain versions,
 *       the inputs are left as the source leaves them (values, and which row object of a
 *       {@code double[][]} is where), and an exception the source throws on purpose is thrown,
 *       same class and message, by every generated version. Then the same inputs with arrays
 *       aliased by the caller (shape {@code callerAliases}): the gradient of a method that writes
 *       into {@code x} must throw an {@code IllegalArgumentException} naming the parameters, having
 *       written nothing; that of a method that only reads its arrays must give the source's value
 *       and the gradient of the same values unaliased. A share of the methods also carry
 *       {@code @Hessian} ({@link dev.jgrad.tests.fuzz.HessianCheck}: columns against central
 *       differences of the gradient, exact symmetry, {@code fHvp} against {@code hessian . v}), and a
 *       share of the programs hold a method that returns {@code double[]}
 *       ({@link dev.jgrad.tests.fuzz.VectorMethods}) under {@code @Jacobian} and {@code @Jvp}
 *       ({@link dev.jgrad.tests.fuzz.VectorCheck}: each row against {@code @Grad} of a scalar wrapper,
 *       both modes, finite differences, {@code J d}).
 *   <li>On a failure, {@link dev.jgrad.tests.fuzz.Shrinker} shrinks the tree while the same check
 *       fails in the same method, and the harness prints a reproducer: the seed, the command that
 *       runs it again, what was wrong, and the shrunk class with a {@code main} holding the
 *       failing inputs.
 *   <li>{@link dev.jgrad.tests.fuzz.HostileGenerator} makes inputs outside the subset or at its
 *       edges, each marked where its error must be; {@link dev.jgrad.tests.fuzz.HostileHarness}
 *       judges the processor's answer (its class comment and the generator's table say what is
 *       expected of each category).
 *   <li>{@link dev.jgrad.tests.fuzz.LoadTest} calls the gradients of
 *       {@link dev.jgrad.tests.fuzz.LoadFunctions} from 16 threads, and runs a 10,000,000-step
 *       recurrence that needs the tape.
 * </ul>
 *
 * <h2>Why finite differences are a fair oracle here</h2>
 * Generated values are well-conditioned by construction (squashed arguments, divisors away from
 * zero, small coefficients), but branches on active values and kinks ({@code abs}, {@code max},
 * {@code floor}, ...) are not kept away from their thresholds. Instead every finite difference is
 * evaluated on the probe copy, and one whose points did not all follow the base point's path is
 * not used: what remains compares jgrad with the derivative of the branch taken, which is what
 * DESIGN.md promises. Each estimate also carries its own error bound (two step sizes), added to the
 * 1e-6 relative tolerance. The run's summary says how many coordinates were left unjudged.
 *
 * <p>The fuzzer's own tests ({@link dev.jgrad.tests.fuzz.GeneratorTest}) need no processor.
 */
package dev.jgrad.tests.fuzz;
