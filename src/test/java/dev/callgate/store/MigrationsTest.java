package dev.callgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void theListNamesEveryFileInTheMigrationDirectory() throws Exception {
        Path directory = Path.of(Migrations.class.getClassLoader().getResource(Migrations.DIRECTORY).toURI());
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrderElementsOf(Migrations.FILES);
        }
    }

    /** Same versions, descriptions, scripts and checksums: a store an earlier Callgate migrated by the scan validates. */
    @Test
    void flywaySeesTheMigrationsItsOwnScanFinds() {
        String url = "jdbc:sqlite:" + dir.resolve("callgate.db");
        List<String> scanned = migrations(Flyway.configure().dataSource(url, null, null));

        List<String> named = migrations(Flyway.configure().dataSource(url, null, null)
                .resourceProvider(new Migrations()).javaMigrationClassProvider(List::of));

        assertThat(named).hasSize(Migrations.FILES.size()).isEqualTo(scanned);
    }

    private static List<String> migrations(FluentConfiguration configuration) {
        return Arrays.stream(configuration.load().info().all())
                .map(m -> m.getVersion() + " " + m.getDescription() + " " + m.getScript() + " " + m.getChecksum())
                .toList();
    }
}
