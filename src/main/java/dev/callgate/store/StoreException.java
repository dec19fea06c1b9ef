package dev.callgate.store;

import java.sql.SQLException;

/** A store failure that no caller can repair: it reaches the client as InternalServiceException. */
public final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public SQLException sqlException() {
        return (SQLException) getCause();
    }
}
