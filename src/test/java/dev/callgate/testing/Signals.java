package dev.callgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Sends a POSIX signal to a process the tests started (Process offers only TERM and KILL). */
final class Signals {
    private Signals() {
    }

    /** @param name as {@code kill} takes it, e.g. {@code -INT}, {@code -STOP} */
    static void send(Process process, String name) {
        try {
            new ProcessBuilder("kill", name, String.valueOf(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
