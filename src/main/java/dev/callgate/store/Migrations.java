package dev.callgate.store;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The schema's migrations, named here for Flyway rather than found by its scan of the class path: that scan reads
 * every entry of the jar, some 24,000, at every start (bench/journal.md, "Start time: what it spends").
 * {@code MigrationsTest} fails when this list and the files in {@code db/migration} differ.
 */
final class Migrations implements ResourceProvider {
    static final String DIRECTORY = "db/migration";
    static final List<String> FILES = List.of(
            "V1__foundation.sql",
            "V2__resource_refs_and_numbers.sql",
            "V3__throttle.sql",
            "V4__instances_open_on_first_use.sql",
            "V5__calls.sql",
            "V6__change_requests.sql",
            "V7__flow_modules_quota.sql",
            "V8__request_account_lock.sql");

    /** Flyway's schema history table (its default name). */
    private static final String HISTORY = "flyway_schema_history";
    /** The versions of {@link #FILES}, as Flyway's schema history records them ("1" for V1__…). */
    private static final Set<String> VERSIONS = FILES.stream().map(name -> name.substring(1, name.indexOf("__"))).collect(Collectors.toUnmodifiableSet());

    private final List<LoadableResource> files = FILES.stream().map(Migration::new).map(LoadableResource.class::cast).toList();

    /**
     * Whether the store's schema history holds exactly this build's migrations, each applied: then a start leaves
     * Flyway out, whose configuration, plugin registry and validation cost a restart as much as migrating a fresh
     * store does (bench/journal.md, "A restart without Flyway"). Anything else (a new store, a migration pending or failed, one of
     * a newer Callgate) is Flyway's to apply or refuse, as at every start before. The files of a released migration
     * never change, so the versions alone say which are applied.
     */
    static boolean areApplied(DataSource dataSource) {
        Set<String> applied = new HashSet<>();
        try (Connection connection = dataSource.getConnection()) {
            // Asked first rather than queried and caught: PostgreSQL would log an error for a new database's missing table.
            try (ResultSet table = connection.getMetaData().getTables(null, null, HISTORY, null)) {
                if (!table.next()) {
                    return false;
                }
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select version, type, success from " + HISTORY)) {
                while (rows.next()) {
                    if (!rows.getBoolean(3)) {
                        return false;
                    }
                    if ("SQL".equals(rows.getString(2))) {
                        applied.add(rows.getString(1));
                    }
                }
            }
        } catch (SQLException unreadable) {
            return false;   // Flyway then meets the same problem and names it
        }
        return applied.equals(VERSIONS);
    }

    @Override
    public LoadableResource getResource(String name) {
        return files.stream().filter(file -> file.getRelativePath().equals(name)).findFirst().orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return files.stream()
                .filter(file -> file.getFilename().startsWith(prefix) && Arrays.stream(suffixes).anyMatch(file.getFilename()::endsWith))
                .toList();
    }

    /** One migration file, read (in UTF-8, Flyway's default) from the class path as the scan would have found it. */
    private static final class Migration extends LoadableResource {
        private final String name;

        Migration(String name) {
            this.name = name;
        }

        @Override
        public Reader read() {
            InputStream in = Migrations.class.getClassLoader().getResourceAsStream(getAbsolutePath());
            if (in == null) {
                throw new UncheckedIOException(new FileNotFoundException(getAbsolutePath() + " is not on the class path"));
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return DIRECTORY + "/" + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return Objects.requireNonNull(Migrations.class.getClassLoader().getResource(getAbsolutePath()), getAbsolutePath()).getPath();
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
