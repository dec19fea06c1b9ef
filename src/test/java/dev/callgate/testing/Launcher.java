package dev.callgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The launcher script {@code ./callgate} at the project's root, as the tests and benches see it. */
public final class Launcher {
    public static final Path SCRIPT = Path.of("callgate").toAbsolutePath();

    private Launcher() {
    }

    /** The JVM flags of the launcher's one {@code flags=(…)} line, so a bench runs a server as users do. */
    public static List<String> flags() {
        try {
            String line = Files.readAllLines(SCRIPT).stream().filter(l -> l.startsWith("flags=(")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(SCRIPT + " has no flags=(…) line"));
            return Arrays.asList(line.substring("flags=(".length(), line.lastIndexOf(')')).trim().split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
