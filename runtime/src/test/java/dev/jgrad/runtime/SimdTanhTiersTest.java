package dev.jgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Simd#tanh}, {@link Simd#dot} and {@link Simd#dot4} give the same bits in every tier of HotSpot: the interpreter ({@code -Xint}), C1 alone ({@code
 * -XX:TieredStopAtLevel=1}) and C2 ({@code -XX:-TieredCompilation -Xbatch} after a warm-up, and this JVM after one),
 * each a child JVM with this JVM's kernel (the Vector API's module and {@code jgrad.simd} passed on). The Vector API's
 * {@code TANH} failed this: an SVML stub in C2-compiled code, {@code Math.tanh} lane by lane before; so did the dot
 * products' {@code reduceLanes(ADD)} on JDK 25, whose C2 adds the lanes in another order. The arguments:
 * uniform in [-25, 25] and [-1, 1], special values, in arrays of every length to 20 (the vector lanes and the last
 * entries).
 */
class SimdTanhTiersTest {
    /** The bits of {@code Simd.tanh} over the test's arguments, one hexadecimal number a line, after {@code warm} calls. */
    public static final class Child {
        private Child() {}

        public static void main(String[] args) {
            System.out.print(bits(Integer.parseInt(args[0])));
        }
    }

    private static String bits(int warm) {
        double[] w = new double[64];
        for (int k = 0; k < warm; k++) {
            for (int i = 0; i < w.length; i++) {
                w[i] = (i - 32) * 0.1 + k * 1e-6;
            }
            Simd.tanh(w, w.length);
            double[] four = new double[4];
            for (int n = 1; n <= w.length; n += 7) {
                Simd.dot(w, w, n);
                Simd.dot4(four, w, w, w, w, w, n);
            }
        }
        StringBuilder out = new StringBuilder();
        List<double[]> arguments = arguments();
        // the dot products first, over the arguments before tanh changes them: each array with the next
        double[] four = new double[4];
        for (int k = 0; k + 1 < arguments.size(); k++) {
            double[] a = arguments.get(k);
            double[] b = arguments.get(k + 1);
            int n = Math.min(a.length, b.length);
            out.append(Long.toHexString(Double.doubleToRawLongBits(Simd.dot(a, b, n)))).append('\n');
            Simd.dot4(four, a, b, a, b, b, n);
            for (double t : four) {
                out.append(Long.toHexString(Double.doubleToRawLongBits(t))).append('\n');
            }
        }
        for (double[] a : arguments) {
            Simd.tanh(a, a.length);
            for (double t : a) {
                out.append(Long.toHexString(Double.doubleToRawLongBits(t))).append('\n');
            }
        }
        return out.toString();
    }

    private static List<double[]> arguments() {
        SplittableRandom random = new SplittableRandom(14);
        List<double[]> arrays = new ArrayList<>();
        double[] wide = new double[4096];
        double[] narrow = new double[4096];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = 50 * random.nextDouble() - 25;
            narrow[i] = 2 * random.nextDouble() - 1;
        }
        arrays.add(wide);
        arrays.add(narrow);
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
            Double.MIN_VALUE, -Double.MIN_NORMAL, 1e-310, 0.625, Math.nextDown(0.625), -22, 19.1, 1e-9};
        arrays.add(special);
        for (int n = 1; n <= 20; n++) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = 8 * random.nextDouble() - 4;
            }
            arrays.add(a);
        }
        return arrays;
    }

    private static String child(String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(flags));
        if (Simd.vector()) {
            command.add("--add-modules");
            command.add(Simd.VECTOR_MODULE);
        }
        String simd = System.getProperty("jgrad.simd");
        if (simd != null) {
            command.add("-Djgrad.simd=" + simd);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName()));
        command.add(flags[0].equals("-Xint") || flags[0].startsWith("-XX:TieredStopAtLevel") ? "0" : "3000");
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child " + command);
        assertEquals(0, process.exitValue(), "child " + command);
        return out;
    }

    @Test
    void theSameBitsInTheInterpreterC1AndC2() throws Exception {
        String here = bits(20_000);
        String[][] tiers = {{"-Xint"}, {"-XX:TieredStopAtLevel=1"}, {"-XX:-TieredCompilation", "-Xbatch", "-XX:CompileThreshold=100"}};
        for (String[] flags : tiers) {
            String there = child(flags);
            String[] a = here.split("\n");
            String[] b = there.split("\n");
            assertEquals(a.length, b.length, String.join(" ", flags));
            int differ = 0;
            int first = -1;
            for (int i = 0; i < a.length; i++) {
                if (!a[i].equals(b[i])) {
                    differ++;
                    first = first < 0 ? i : first;
                }
            }
            assertEquals(0, differ, Simd.kernel() + ", " + Simd.tanhKernel() + " with " + String.join(" ", flags) + ": " + differ + " of "
                    + a.length + " differ, the first at " + first);
        }
    }
}
