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
 * numbers and calls learn of a deletion through {@link InstanceService#onDelete}, so no class of
 * this package imports theirs.
 */
class InstanceLayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/callgate/instance");

    @Test
    void theInstancePackageImportsNeitherCallsNorNumbers() throws IOException {
        List<String> upward;
        try (Stream<Path> files = Files.list(SOURCES)) {
            upward = files.filter(file -> file.toString().endsWith(".java")).flatMap(InstanceLayeringTest::lines)
                    .filter(line -> line.startsWith("import dev.callgate.calls.") || line.startsWith("import dev.callgate.numbers."))
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
