package dev.callgate.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * sipp (Debian's sip-tester), the real SIP peer of the call tests: runs a built-in scenario in a
 * directory and reads what it wrote there (the statistics CSV of -trace_stat, the error codes of
 * -trace_error_codes). A missing sipp fails the test: it is not optional.
 */
public final class Sipp {
    public static final Path BINARY = Path.of("/usr/bin/sipp");

    private Sipp() {
    }

    /** Runs sipp to its end (bounded by {@code timeout}) in {@code dir}. */
    public static Result run(Path dir, List<String> args, Duration timeout) {
        Process process = start(dir, args);
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("sipp did not finish within " + timeout + ": " + args);
            }
            return new Result(process.exitValue(), stats(dir), errorCodes(dir));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts sipp in the background in {@code dir} (e.g. a UAS playing the trunk), its output in dir/sipp.log. */
    public static Process start(Path dir, List<String> args) {
        if (!Files.isExecutable(BINARY)) {
            fail("sipp is missing: " + BINARY + " (Debian package sip-tester; .ci/run installs it with apt-get install -y sip-tester)");
        }
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(args);
        try {
            return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sipp.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last row of the -trace_stat CSV, by column name (e.g. "SuccessfulCall(C)"). */
    private static Map<String, String> stats(Path dir) {
        List<String> lines = readFile(dir, "_.csv");
        Map<String, String> row = new LinkedHashMap<>();
        if (lines.size() < 2) {
            return row;
        }
        String[] names = lines.get(0).split(";");
        String[] values = lines.get(lines.size() - 1).split(";");
        for (int i = 0; i < Math.min(names.length, values.length); i++) {
            row.put(names[i], values[i]);
        }
        return row;
    }

    /** The SIP status codes of -trace_error_codes, one per unexpected response. */
    private static List<String> errorCodes(Path dir) {
        // Each line: a timestamp, ';', then the codes of that interval separated by commas.
        return readFile(dir, "_error_codes.csv").stream()
                .flatMap(line -> Arrays.stream(line.substring(line.lastIndexOf(';') + 1).split(",")))
                .map(String::trim).filter(code -> code.matches("\\d{3}")).toList();
    }

    private static List<String> readFile(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            Path file = files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            return file == null ? List.of() : Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a run left: sipp's exit code, its final statistics and its error codes. */
    public record Result(int exitCode, Map<String, String> stats, List<String> errorCodes) {
        public long count(String column) {
            String value = stats.get(column);
            if (value == null) {
                fail("sipp's statistics have no column " + column + ": " + stats);
            }
            return Long.parseLong(value.trim());
        }
    }
}
