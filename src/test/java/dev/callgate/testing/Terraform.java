package dev.callgate.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@code terraform} CLI with the {@code hashicorp/aws} provider taken from a local filesystem
 * mirror (the provider registry is not reachable from the build machines). {@link #locate} fails,
 * naming what is missing, when either is absent: an acceptance test that needs them is never skipped.
 */
public final class Terraform {
    public static final String PROVIDER_VERSION = "5.100.0";
    private static final String PROVIDER = "registry.terraform.io/hashicorp/aws";
    private static final long TIMEOUT_MINUTES = 5;

    private final Path binary;
    private final Path cliConfig;

    private Terraform(Path binary, Path cliConfig) {
        this.binary = binary;
        this.cliConfig = cliConfig;
    }

    /**
     * Finds {@code terraform} on the PATH and the provider's mirror ($TF_PROVIDER_MIRROR, else the
     * usual plugin directories), and writes a CLI config that installs the provider from that mirror only.
     */
    public static Terraform locate(Path workDir) {
        Path binary = onPath("terraform").orElseThrow(() -> new AssertionError(
                "terraform is not on the PATH (" + System.getenv("PATH") + "): install Terraform (1.6 or later) to run this test."));
        List<Path> candidates = mirrorCandidates();
        Path mirror = candidates.stream().filter(Terraform::holdsProvider).findFirst().orElseThrow(() -> new AssertionError(
                "No filesystem mirror holds " + PROVIDER + " " + PROVIDER_VERSION + " for " + platform() + "; looked in "
                        + candidates + ". Put the provider there (or name its mirror in TF_PROVIDER_MIRROR) to run this test."));
        Path cliConfig = workDir.resolve("terraform.rc");
        write(cliConfig, "provider_installation {\n"
                + "  filesystem_mirror {\n    path    = \"" + mirror + "\"\n    include = [\"" + PROVIDER + "\"]\n  }\n"
                + "  direct {\n    exclude = [\"" + PROVIDER + "\"]\n  }\n}\n");
        return new Terraform(binary, cliConfig);
    }

    /** Copies a configuration from the test resources into a new working directory. */
    public static Path configuration(String resource, Path dir) {
        try (InputStream in = Terraform.class.getResourceAsStream("/terraform/" + resource + "/main.tf")) {
            Files.createDirectories(dir);
            Files.copy(in, dir.resolve("main.tf"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code terraform args…} in {@code dir}; a run that does not end in five minutes is killed. */
    public Run run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("AWS_") || key.startsWith("TF_"));
        env.put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        env.put("TF_IN_AUTOMATION", "1");
        env.put("TF_INPUT", "0");
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        try {
            Path log = Files.createTempFile(dir, "terraform-", ".log");
            Process process = builder.redirectOutput(log.toFile()).start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("terraform " + String.join(" ", args) + " did not end in " + TIMEOUT_MINUTES + " minutes:\n"
                        + Files.readString(log));
            }
            return new Run(String.join(" ", args), process.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One terraform command: its exit code and everything it printed. */
    public record Run(String command, int exitCode, String output) {
        @Override
        public String toString() {
            return "terraform " + command + " (exit " + exitCode + "):\n" + output;
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        return path == null ? Optional.empty() : Stream.of(path.split(File.pathSeparator))
                .map(entry -> Path.of(entry, name)).filter(Files::isExecutable).findFirst();
    }

    private static List<Path> mirrorCandidates() {
        List<Path> candidates = new ArrayList<>();
        String named = System.getenv("TF_PROVIDER_MIRROR");
        if (named != null && !named.isBlank()) {
            candidates.add(Path.of(named));
        }
        String home = System.getProperty("user.home");
        candidates.addAll(List.of(Path.of("/opt/tf-plugins"), Path.of(home, ".terraform.d", "plugins"),
                Path.of(home, ".local", "share", "terraform", "plugins"), Path.of("/usr/local/share/terraform/plugins"),
                Path.of("/usr/share/terraform/plugins")));
        return candidates;
    }

    /** The mirror holds the provider, unpacked or packed. */
    private static boolean holdsProvider(Path mirror) {
        Path unpacked = mirror.resolve(PROVIDER).resolve(PROVIDER_VERSION).resolve(platform());
        Path packed = mirror.resolve(PROVIDER).resolve("terraform-provider-aws_" + PROVIDER_VERSION + "_" + platform() + ".zip");
        if (Files.isRegularFile(packed)) {
            return true;
        }
        try (Stream<Path> files = Files.isDirectory(unpacked) ? Files.list(unpacked) : Stream.empty()) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith("terraform-provider-aws_"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String platform() {
        String arch = System.getProperty("os.arch");
        String os = System.getProperty("os.name").toLowerCase().startsWith("mac") ? "darwin" : "linux";
        return os + "_" + (arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64");
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
