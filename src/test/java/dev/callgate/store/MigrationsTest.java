package dev.callgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.testing.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

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

    @Test
    void aStoreIsUpToDateExactlyWhenItsHistoryHoldsEveryMigrationOfThisBuildApplied() throws Exception {
        SQLiteDataSource database = new SQLiteDataSource();
        database.setUrl(Store.embeddedUrl(dir));
        assertThat(Migrations.areApplied(database)).as("a new store").isFalse();

        Store.openEmbedded(dir).close();
        assertThat(Migrations.areApplied(database)).as("after the first start").isTrue();

        execute(database, "update flyway_schema_history set success = 0 where version = '1'");
        assertThat(Migrations.areApplied(database)).as("with a failed migration").isFalse();
        execute(database, "update flyway_schema_history set success = 1 where version = '1'");

        execute(database, "delete from flyway_schema_history where version = '" + Migrations.FILES.size() + "'");
        assertThat(Migrations.areApplied(database)).as("with the last migration pending").isFalse();
    }

    @Test
    void aPostgreSqlStoreIsUpToDateAfterItsFirstStart() {
        String url = Stores.freshPostgres();
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setURL(url);
        assertThat(Migrations.areApplied(database)).as("a new database").isFalse();

        Store.open(url).close();

        assertThat(Migrations.areApplied(database)).as("after the first start").isTrue();
    }

    /**
     * A store a newer Callgate migrated is left to Flyway, as before the history check: Flyway's default takes a
     * migration it does not have for a future one and opens the store.
     */
    @Test
    void aStoreWithAMigrationOfANewerCallgateIsLeftToFlyway() throws Exception {
        Store.openEmbedded(dir).close();
        SQLiteDataSource database = new SQLiteDataSource();
        database.setUrl(Store.embeddedUrl(dir));
        int newer = Migrations.FILES.size() + 1;
        execute(database, "insert into flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) values (" + (newer + 1) + ", '" + newer + "', 'newer', 'SQL', 'V" + newer
                + "__newer.sql', 1, 'callgate', 1, 1)");

        assertThat(Migrations.areApplied(database)).isFalse();
        Store.openEmbedded(dir).close();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from flyway_schema_history")) {
            assertThat(rows.getInt(1)).as("Flyway applied nothing more").isEqualTo(newer);
        }
    }

    private static void execute(SQLiteDataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static List<String> migrations(FluentConfiguration configuration) {
        return Arrays.stream(configuration.load().info().all())
                .map(m -> m.getVersion() + " " + m.getDescription() + " " + m.getScript() + " " + m.getChecksum())
                .toList();
    }
}
