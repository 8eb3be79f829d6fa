package dev.jgrad.firstcompile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A newcomer's first compile: a fresh project whose {@code pom.xml} is exactly the README's block
 * between the {@code first-compile} markers, built by Maven (the one running this build, on the same
 * JDK) against the jgrad artifacts of this build, then run.
 *
 * <p>Why a JUnit test that runs Maven rather than the maven-invoker-plugin: the pom must come from the
 * README, which the invoker plugin could only do through a Groovy hook script; here the extraction, the
 * staging of the artifacts and the checks of the program's output are plain Java beside the rest of
 * the tests, and the build needs no plugin (nor Groovy runtime) that it does not already use.
 *
 * <p>Nothing is written into the user's local repository: this build's jars and poms are copied into a
 * fresh repository under {@code target/}, which the user project's build uses as its local one; the
 * plugins that build needs are read from the outer build's local repository as a {@code file:} remote
 * (falling back to Maven Central, as for any user).
 */
class FirstCompileTest {
    private static final String BEGIN = "<!-- first-compile:begin";
    private static final String END = "<!-- first-compile:end -->";

    private final Path root = Path.of(System.getProperty("jgrad.root", "..")).toAbsolutePath().normalize();
    private final String version = System.getProperty("jgrad.version");
    private final Path work = Path.of(System.getProperty("jgrad.work", "target/first-compile")).toAbsolutePath();

    @Test
    void theReadmePomCompilesAndRunsAFreshProject() throws Exception {
        String pom = readmePom(Files.readString(root.resolve("README.md")));
        for (String artifact : List.of("jgrad-runtime", "jgrad-processor")) {
            assertTrue(java.util.regex.Pattern.compile("<artifactId>" + artifact + "</artifactId>\\s*<version>"
                    + java.util.regex.Pattern.quote(version) + "</version>").matcher(pom).find(),
                    "the README's pom names " + artifact + " " + version + ":\n" + pom);
        }

        deleteTree(work);
        Path repo = work.resolve("repo");
        Path runtimeJar = stage(repo, "jgrad-runtime", root.resolve("runtime/pom.xml"), codeSource("dev.jgrad.Grad"));
        Path processorJar = stage(repo, "jgrad-processor", root.resolve("processor/pom.xml"),
                codeSource("dev.jgrad.processor.JgradProcessor"));
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(processorJar.toFile())) {
            // neither of Gradle's incremental categories holds (README, "Gradle"): a full recompile
            assertEquals(null, jar.getEntry("META-INF/gradle/incremental.annotation.processors"),
                    "jgrad must not be registered for Gradle's incremental processing");
            assertTrue(jar.getEntry("META-INF/services/javax.annotation.processing.Processor") != null);
        }
        Path parent = repo.resolve("dev/jgrad/jgrad-parent/" + version + "/jgrad-parent-" + version + ".pom");
        Files.createDirectories(parent.getParent());
        Files.copy(root.resolve("pom.xml"), parent);

        Path project = work.resolve("project");
        write(project.resolve("pom.xml"), pom);
        write(project.resolve("src/main/java/com/example/Losses.java"), """
                package com.example;

                import dev.jgrad.Grad;
                import dev.jgrad.Jit;

                public final class Losses {
                    @Jit @Grad(wrt = {"w", "b"})
                    static double mse(double[] w, double b, double[][] x, double[] y) {
                        double sum = 0;
                        for (int i = 0; i < x.length; i++) {
                            double pred = b;
                            for (int j = 0; j < w.length; j++) pred += w[j] * x[i][j];
                            double r = pred - y[i];
                            sum += r * r;
                        }
                        return sum / x.length;
                    }
                }
                """);
        write(project.resolve("src/main/java/com/example/Main.java"), """
                package com.example;

                import dev.jgrad.GradCheck;

                public final class Main {
                    public static void main(String[] args) {
                        double[] w = {0.5, -0.25};
                        double[][] x = {{1, 2}, {3, 4}, {5, 7}};
                        double[] y = {1, 2, 4};
                        LossesGrad.MseGradient g = LossesGrad.mse(w, 0.1, x, y);
                        GradCheck.check(Losses.class, "mse", w, 0.1, x, y).orThrow();
                        System.out.println("value " + g.value() + " jit " + LossesJit.mse(w, 0.1, x, y));
                        System.out.println("db " + g.b());
                    }
                }
                """);
        write(work.resolve("settings.xml"), settings(Path.of(System.getProperty("jgrad.outerRepository"))));

        List<String> mvn = new ArrayList<>(List.of(mavenExecutable().toString(), "-B", "-q",
                "-s", work.resolve("settings.xml").toString(), "-Dmaven.repo.local=" + repo, "package"));
        String built = run(mvn, project);
        assertTrue(Files.isRegularFile(project.resolve("target/generated-sources/annotations/com/example/LossesGrad.java")),
                "the processor ran and wrote LossesGrad.java:\n" + built);

        Path javaExe = Path.of(System.getProperty("java.home"), "bin", "java");
        String jar = project.resolve("target/my-model-1.0.jar").toString();
        String out = run(List.of(javaExe.toString(), "-cp", jar + File.pathSeparator + runtimeJar,
                "com.example.Main"), project);
        // at w = (0.5, -0.25), b = 0.1 the residuals are -0.9, -1.4, -3.15
        List<String> words = List.of(out.strip().split("\\s+"));
        assertEquals(List.of("value", "jit", "db"), List.of(words.get(0), words.get(2), words.get(4)), out);
        double value = (0.81 + 1.96 + 3.15 * 3.15) / 3;
        assertEquals(value, Double.parseDouble(words.get(1)), 1e-12, out);
        assertEquals(value, Double.parseDouble(words.get(3)), 1e-12, out);
        assertEquals(2 * -5.45 / 3, Double.parseDouble(words.get(5)), 1e-12, out);
    }

    /** The fenced block between the markers, without its fences. */
    static String readmePom(String readme) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "README.md has the first-compile markers");
        String block = readme.substring(readme.indexOf('\n', begin) + 1, end).strip();
        assertTrue(block.startsWith("```xml\n") && block.endsWith("\n```"), "one xml block between the markers");
        return block.substring("```xml\n".length(), block.length() - "```".length());
    }

    /** Copies an artifact (a jar, or a classes directory jarred up) and its pom into {@code repo}. */
    private Path stage(Path repo, String artifact, Path pom, Path built) throws IOException {
        Path dir = repo.resolve("dev/jgrad/" + artifact + "/" + version);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"));
        Path jar = dir.resolve(artifact + "-" + version + ".jar");
        if (Files.isDirectory(built)) {
            jarUp(built, jar); // mvn test: the reactor hands out target/classes
        } else {
            Files.copy(built, jar);
        }
        return jar;
    }

    private static Path codeSource(String className) throws ClassNotFoundException, URISyntaxException {
        return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void jarUp(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> all = Files.walk(classes)) {
            for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }

    private static String settings(Path outer) {
        String url = outer.toUri().toString();
        return """
                <settings>
                  <profiles>
                    <profile>
                      <id>outer-build</id>
                      <repositories>
                        <repository><id>outer-build</id><url>%1$s</url></repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository><id>outer-build</id><url>%1$s</url></pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>outer-build</activeProfile></activeProfiles>
                </settings>
                """.formatted(url);
    }

    private static Path mavenExecutable() {
        String home = System.getProperty("maven.home");
        assertTrue(home != null && !home.isEmpty(), "maven.home is set (surefire passes the running Maven's)");
        boolean windows = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("win");
        return Path.of(home, "bin", windows ? "mvn.cmd" : "mvn");
    }

    /** Runs a command on this test's JDK; its output, or a failure that shows it. */
    private static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("MAVEN_ARGS");
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        String text = new String(output, StandardCharsets.UTF_8);
        assertTrue(done && p.exitValue() == 0, String.join(" ", command) + " failed:\n" + text);
        return text;
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
