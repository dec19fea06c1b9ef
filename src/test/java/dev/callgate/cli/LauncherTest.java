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
        assertThat(Files.readString(home.resolve("target/java-facts"))).contains(": trim");
    }

    /** The heap in transparent huge pages wherever the kernel offers them (not "[never]"), and only there. */
    @Test
    void theHeapIsAskedForHugePagesExactlyWhereTheKernelOffersThem() throws Exception {
        Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean offered = Files.isReadable(setting) && !Files.readString(setting).contains("[never]");

        Run run = launch("-XX:+PrintCommandLineFlags");

        if (offered) {
            assertThat(run.output()).contains("-XX:+UseTransparentHugePages").doesNotContain("warning");
        } else {
            assertThat(run.output()).doesNotContain("UseTransparentHugePages");
        }
    }

    /** A JDK before 17.0.9, played by a `java` first on the PATH that neither lists the option nor takes it. */
    @Test
    void trimmingIsLeftOutOnAJdkThatDoesNotKnowItAndTheAnswerIsKept() throws Exception {
        Path olderJdk = standInJava("older-jdk", "for arg in \"$@\"; do case \"$arg\" in -XX:TrimNativeHeapInterval=*)\n"
                + "  echo \"Unrecognized VM option '${arg#-XX:}'\"; exit 1;; esac; done\n"
                + "case \" $* \" in *\" -XX:+PrintFlagsFinal \"*) " + javaBin() + "/java \"$@\" | grep -v TrimNativeHeapInterval; exit 0;; esac\n");

        Run run = launch("-XX:+PrintCommandLineFlags", olderJdk + ":" + javaBin());

        assertThat(run.output()).contains("-XX:+UseSerialGC").doesNotContain("TrimNativeHeapInterval", "Unrecognized");
        assertThat(Files.readString(home.resolve("target/java-facts"))).doesNotContain("trim");
    }

    /** The archive a training run makes: an AppCDS archive on this JDK (17), an AOT cache on one that makes them (25+). */
    @Test
    void aJdkThatMakesAotCachesIsTrainedForOneAndAnotherForAnAppCdsArchive() throws Exception {
        Path recorded = home.resolve("java-calls");
        String record = "echo \"$*\" >> " + recorded + "\n";
        Path jdk25 = standInJava("jdk-25", record
                + "case \" $* \" in *\" -XX:+PrintFlagsFinal \"*) echo '    ccstr AOTCacheOutput = {product} {default}'; exit 0;; esac\n");
        Path jdk17 = standInJava("jdk-17", record);

        trainAndStart(jdk25);
        String withAot = Files.readString(recorded);
        Files.delete(recorded);
        trainAndStart(jdk17);
        String withCds = Files.readString(recorded);

        assertThat(withAot).contains("-XX:AOTCacheOutput=" + home.resolve("target/callgate.aot"))
                .doesNotContain("-Xshare", "ArchiveClassesAtExit");
        assertThat(withCds).contains("-XX:ArchiveClassesAtExit=" + home.resolve("target/callgate.jsa")).doesNotContain("AOTCache");
        assertThat(Files.readAllLines(home.resolve("target/java-facts"))).hasSize(2);
    }

    /** A start with the archive on, whose training fails at once (the stand-in jar has no main class). */
    private void trainAndStart(Path jdk) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("callgate").toString(), "--help").redirectErrorStream(true);
        builder.environment().put("PATH", jdk + ":" + System.getenv("PATH"));
        builder.environment().remove("CALLGATE_CDS");
        assertThat(run(builder).output()).contains("Preparing " + home.resolve("target"));
    }

    /** A directory holding a `java` that runs the script given, then the real java with the same arguments. */
    private Path standInJava(String name, String script) throws IOException {
        Path dir = Files.createDirectories(home.resolve(name));
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\n" + script + "exec " + javaBin() + "/java \"$@\"\n");
        java.toFile().setExecutable(true);
        return dir;
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
