package dev.callgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class EmptyStoreTest {
    @TempDir
    Path dir;

    /** The build made it: without it every first start would quietly go back to migrating. */
    @Test
    void theBuildShipsTheEmptyStore() {
        assertThat(EmptyStore.class.getClassLoader().getResource(EmptyStore.RESOURCE)).isNotNull();
    }

    /** Same tables, indexes and schema history as Flyway makes of a new file: a copy is a store migrated as any other. */
    @Test
    void aFirstStartGetsTheStoreFlywayMakesOfANewFile() throws Exception {
        Path migrated = Files.createDirectory(dir.resolve("migrated"));
        Store.open(Store.embeddedUrl(migrated)).close();
        Path planted = dir.resolve("planted");

        Store.openEmbedded(planted).close();

        assertThat(schema(planted)).isNotEmpty().isEqualTo(schema(migrated));
        assertThat(history(planted)).hasSize(Migrations.FILES.size()).isEqualTo(history(migrated));
        assertThat(Migrations.areApplied(database(planted))).isTrue();
        assertThat(planted.resolve(Store.FILE + ".new")).doesNotExist();
    }

    @Test
    void aDirectoryWithAStoreKeepsItsStore() throws Exception {
        Store.openEmbedded(dir).close();
        execute(dir, "insert into account (account_id, billing_entity) values ('111122223333', 'AWS')");

        EmptyStore.plantIfNew(dir);

        assertThat(rows(dir, "select account_id from account")).containsExactly("111122223333");
    }

    /** A log or journal without its database is not a new directory: SQLite would apply that log to a fresh copy. */
    @Test
    void aDirectoryWithALeftoverLogGetsNoCopy() throws Exception {
        for (String side : List.of("-wal", "-shm", "-journal")) {
            Path leftover = dir.resolve(Store.FILE + side);
            Files.writeString(leftover, "");

            EmptyStore.plantIfNew(dir);

            assertThat(dir.resolve(Store.FILE)).as("with " + side).doesNotExist();
            Files.delete(leftover);
        }
    }

    private static List<String> schema(Path dataDir) throws SQLException {
        return rows(dataDir, "select type || ' ' || name || ' ' || tbl_name || ' ' || coalesce(sql, '') from sqlite_master order by type, name");
    }

    private static List<String> history(Path dataDir) throws SQLException {
        return rows(dataDir, "select installed_rank || ' ' || version || ' ' || description || ' ' || type || ' ' || script || ' '"
                + " || checksum || ' ' || success from flyway_schema_history order by installed_rank");
    }

    private static List<String> rows(Path dataDir, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database(dataDir).getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static void execute(Path dataDir, String sql) throws SQLException {
        try (Connection connection = database(dataDir).getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static SQLiteDataSource database(Path dataDir) {
        SQLiteDataSource database = new SQLiteDataSource();
        database.setUrl(Store.embeddedUrl(dataDir));
        return database;
    }
}
