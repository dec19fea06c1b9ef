package dev.callgate.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** The stores the acceptance suite runs on: embedded SQLite (null URL), and a real PostgreSQL per JVM. */
public final class Stores {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private Stores() {
    }

    /** A JDBC URL of a new, empty PostgreSQL database. */
    public static synchronized String freshPostgres() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(Stores::stopPostgres));
            }
            String name = "callgate_" + DATABASES.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create database " + name);
            }
            return postgres.getJdbcUrl("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void stopPostgres() {
        try {
            postgres.close();
        } catch (IOException e) {
            // the JVM is exiting; nothing to recover
        }
    }
}
