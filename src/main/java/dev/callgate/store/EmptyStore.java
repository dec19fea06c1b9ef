package dev.callgate.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An embedded store with every migration applied and nothing else, made by Flyway when Callgate is built (the
 * build runs {@link #main}) and shipped in the jar. A first start in a new data directory copies it there rather
 * than migrating an empty file: Flyway's first migration was a fifth of a start (bench/journal.md, "The empty
 * store"). The copy's schema history is Flyway's own, so a later Callgate upgrades it as any store.
 */
final class EmptyStore {
    static final String RESOURCE = "dev/callgate/store/empty-store.db";
    /** The files SQLite keeps beside a database: where any of them is present, the directory is not new. */
    private static final List<String> SIDE_FILES = List.of("-wal", "-shm", "-journal");

    private EmptyStore() {
    }

    /**
     * Writes the store of {@code dataDir} from the shipped empty store when the directory holds no store yet; leaves it
     * to Flyway when this build carries none (classes run from an IDE without the build). The copy is fsynced, then
     * renamed into place, then the directory fsynced: a crash leaves either no store or the whole one.
     */
    static void plantIfNew(Path dataDir) {
        Path file = dataDir.resolve(Store.FILE);
        if (Files.exists(file) || SIDE_FILES.stream().anyMatch(side -> Files.exists(dataDir.resolve(Store.FILE + side)))) {
            return;
        }
        try (InputStream shipped = EmptyStore.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (shipped == null) {
                return;
            }
            Path partial = dataDir.resolve(Store.FILE + ".new");
            Files.copy(shipped, partial, StandardCopyOption.REPLACE_EXISTING);
            force(partial, StandardOpenOption.WRITE);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            force(dataDir, StandardOpenOption.READ);
        } catch (IOException e) {
            throw DataDirUnavailable.notWritable(dataDir, e);
        }
    }

    private static void force(Path path, StandardOpenOption mode) throws IOException {
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        }
    }

    /** The build's step: migrates a new SQLite file with Flyway, as a first start did, and writes it to {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        Path scratch = Files.createTempDirectory("callgate-empty-store");
        try {
            Store.open(Store.embeddedUrl(scratch)).close(); // the last connection's close checkpoints the log into the file
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(scratch.resolve(Store.FILE), target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try (var files = Files.list(scratch)) {
                for (Path leftover : files.toList()) {
                    Files.delete(leftover);
                }
            }
            Files.delete(scratch);
        }
    }
}
