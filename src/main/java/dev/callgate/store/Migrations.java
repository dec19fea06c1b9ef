package dev.callgate.store;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The schema's migrations, named here for Flyway rather than found by its scan of the class path: that scan reads
 * every entry of the jar, some 24,000, at every start (bench/README.md, "Start time: what it spends").
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

    private final List<LoadableResource> files = FILES.stream().map(Migration::new).map(LoadableResource.class::cast).toList();

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
