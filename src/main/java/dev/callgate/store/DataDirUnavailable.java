package dev.callgate.store;

import java.nio.file.Path;

/** The data directory cannot be used: a running server holds it, or it cannot be written. The message says what to do. */
public final class DataDirUnavailable extends RuntimeException {
    private DataDirUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    static DataDirUnavailable inUse(Path dir, String holder) {
        return new DataDirUnavailable("The data dir " + dir + " is in use by a running Callgate server (" + holder
                + "): stop that server, or give this one another --data-dir.", null);
    }

    static DataDirUnavailable notWritable(Path dir, Exception cause) {
        return new DataDirUnavailable("Cannot write to the data dir " + dir + " (" + cause + "): make it a writable directory,"
                + " or give another --data-dir.", cause);
    }
}
