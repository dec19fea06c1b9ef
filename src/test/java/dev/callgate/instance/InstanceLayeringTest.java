package dev.callgate.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The instance core sits below the services that keep things per instance (docs/architecture.md):
 * numbers and calls learn of a deletion through {@link InstanceService#onDelete}, and the Connect
 * families build on it (a routing profile's queue entries are written in {@link QueueEntry}'s row
 * form, the default ones too), so no class of this package imports theirs.
 */
class InstanceLayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/callgate/instance");

    @Test
    void theInstancePackageImportsNeitherCallsNorNumbersNorConnect() throws IOException {
        List<String> upward;
        try (Stream<Path> files = Files.list(SOURCES)) {
            upward = files.filter(file -> file.toString().endsWith(".java")).flatMap(InstanceLayeringTest::lines)
                    .filter(line -> Stream.of("calls", "numbers", "connect").anyMatch(above -> line.startsWith("import dev.callgate." + above + ".")))
                    .toList();
        }
        assertThat(upward).isEmpty();
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
