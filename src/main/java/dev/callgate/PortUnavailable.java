package dev.callgate;

import java.io.IOException;

/** The server cannot listen where it was told to; the message says what to do. */
public final class PortUnavailable extends RuntimeException {
    PortUnavailable(String bind, int port, IOException cause) {
        super("Cannot listen on " + bind + ":" + port + " (" + cause.getMessage() + "): stop what uses that port,"
                + " or give another --port (or --bind).", cause);
    }
}
