package dev.callgate.cli;

/** A command line that cannot be run as written: one line naming what is wrong; the command exits with status 2. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }
}
