package dev.callgate.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * One server per data directory: an exclusive OS lock on {@code callgate.lock}, held while the server
 * runs and released by the OS when its process dies, however it dies. The lock is taken before the
 * database file is opened, so a refused second start never opens, reads or writes the database.
 */
final class DataDirLock implements AutoCloseable {
    static final String FILE = "callgate.lock";
    /** Directories locked by this JVM. Closing any descriptor of a locked file drops the process's lock on it (POSIX), so the file is not even opened again here. */
    private static final Set<Path> HELD = new HashSet<>();

    private final Path dir;
    private final FileChannel channel;

    private DataDirLock(Path dir, FileChannel channel) {
        this.dir = dir;
        this.channel = channel;
    }

    /** Locks {@code dataDir}, creating it when absent; refuses when a running server holds it. */
    static DataDirLock acquire(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        synchronized (HELD) {
            if (HELD.contains(dir)) {
                throw DataDirUnavailable.inUse(dir, "this process");
            }
            FileChannel channel = open(dir);
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    String holder = holder(channel);
                    channel.close();
                    throw DataDirUnavailable.inUse(dir, holder);
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
                HELD.add(dir);
                return new DataDirLock(dir, channel);
            } catch (IOException | OverlappingFileLockException e) {
                closeQuietly(channel);
                throw DataDirUnavailable.notWritable(dir, e);
            }
        }
    }

    private static FileChannel open(Path dir) {
        try {
            Files.createDirectories(dir);
            return FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw DataDirUnavailable.notWritable(dir, e);
        }
    }

    /** The holder's pid as it wrote it, for the refusal's message. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer pid = ByteBuffer.allocate(20);
        channel.read(pid, 0);
        String text = new String(pid.array(), 0, pid.position(), StandardCharsets.US_ASCII).trim();
        return text.isEmpty() ? "another process" : "process " + text;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing; the refusal says why
        }
    }

    @Override
    public void close() {
        synchronized (HELD) {
            closeQuietly(channel); // releases the lock
            HELD.remove(dir);
        }
    }
}
