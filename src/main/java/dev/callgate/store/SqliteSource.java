package dev.callgate.store;

import java.sql.SQLException;
import java.util.Properties;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * Where a Store's pool gets its SQLite connections: the driver's own, each with the statements compiled on
 * it ({@link SqliteStatements}), which live and die with it. So a Store's compiled statements belong to its
 * connections alone, and two Stores in one JVM share nothing.
 */
final class SqliteSource extends SQLiteDataSource {
    private static final String PREFIX = "jdbc:sqlite:";
    private final Properties settings;

    /** {@code settings}: the driver's connection properties (journal_mode, synchronous, ...). */
    SqliteSource(String jdbcUrl, Properties settings) {
        setUrl(jdbcUrl);
        this.settings = settings;
    }

    @Override
    public SQLiteConnection getConnection(String username, String password) throws SQLException {
        return new Kept(getUrl(), getUrl().substring(PREFIX.length()), settings);
    }

    /** A connection with the statements compiled on it. */
    static final class Kept extends JDBC4Connection {
        private final SqliteStatements statements = new SqliteStatements(this);

        private Kept(String url, String file, Properties settings) throws SQLException {
            super(url, file, settings);
        }

        SqliteStatements statements() {
            return statements;
        }
    }
}
