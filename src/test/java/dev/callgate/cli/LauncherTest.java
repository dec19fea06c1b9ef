package dev.callgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.testing.Launcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code ./callgate}, run from a copy beside a stand-in jar with no classes (the JVM reads its options
 * before it looks for the main class): the options it passes and those a user adds in CALLGATE_JAVA_OPTS.
 */
class LauncherTest {
    @TempDir
    Path home;

    @BeforeEach
    void copyTheLauncher() throws IOException {
        Files.copy(Launcher.SCRIPT, home.resolve("callgate"));
        home.resolve("callgate").toFile().setExecutable(true);
        Files.createDirectories(home.resolve("target"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "stand.in.Main");
        new JarOutputStream(Files.newOutputStream(home.resolve("target/callgate.jar")), manifest).close();
    }

    @Test
    void aTypoInJavaOptionsStopsTheStartWithTheJvmsMessage() throws Exception {
        Run run = launch("-XX:+UseSerialGc");

        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains("Unrecognized VM option 'UseSerialGc'");
    }

    @Test
    void trimmingIsPassedOnAJdkThatKnowsItAndTheAnswerIsKept() throws Exception {
        Run run = launch("-XX:+PrintCommandLineFlags");

        assertThat(run.output()).contains("-XX:TrimNativeHeapInterval=1000");
        assertThat(Files.readString(home.resolve("target/java-trim"))).endsWith(" yes\n");
    }

    /** A JDK before 17.0.9, played by a `java` first on the PATH that refuses the option as such a JDK does. */
    @Test
    void trimmingIsLeftOutOnAJdkThatDoesNotKnowItAndTheAnswerIsKept() throws Exception {
        Path olderJdk = Files.createDirectories(home.resolve("older-jdk"));
        Path java = olderJdk.resolve("java");
        Files.writeString(java, "#!/bin/sh\n"
                + "for arg in \"$@\"; do case \"$arg\" in -XX:TrimNativeHeapInterval=*)\n"
                + "  echo \"Unrecognized VM option '${arg#-XX:}'\"; exit 1;; esac; done\n"
                + "exec " + javaBin() + "/java \"$@\"\n");
        java.toFile().setExecutable(true);

        Run run = launch("-XX:+PrintCommandLineFlags", olderJdk + ":" + javaBin());

        assertThat(run.output()).contains("-XX:+UseSerialGC").doesNotContain("TrimNativeHeapInterval", "Unrecognized");
        assertThat(Files.readString(home.resolve("target/java-trim"))).endsWith(" no\n");
    }

    @Test
    void withoutJavaOnThePathTheLauncherSaysWhatToInstall() throws Exception {
        Path onlyBash = Files.createDirectories(home.resolve("only-bash"));
        Files.copy(Path.of("/bin/bash"), onlyBash.resolve("bash"));
        onlyBash.resolve("bash").toFile().setExecutable(true);

        ProcessBuilder builder = new ProcessBuilder(home.resolve("callgate").toString(), "--help").redirectErrorStream(true);
        builder.environment().put("PATH", onlyBash.toString());
        Run run = run(builder);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).isEqualTo("Callgate needs Java 17 or later: no java on the PATH"
                + " (install a JDK, e.g. apt-get install openjdk-17-jre-headless).\n");
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin").toString();
    }

    private Run launch(String javaOptions) throws IOException, InterruptedException {
        return launch(javaOptions, javaBin());
    }

    private Run launch(String javaOptions, String pathFirst) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("callgate").toString(), "--help").redirectErrorStream(true);
        builder.environment().put("PATH", pathFirst + ":" + System.getenv("PATH"));
        builder.environment().put("CALLGATE_CDS", "off");
        builder.environment().put("CALLGATE_JAVA_OPTS", javaOptions);
        return run(builder);
    }

    private static Run run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private record Run(int exit, String output) {
    }
}
