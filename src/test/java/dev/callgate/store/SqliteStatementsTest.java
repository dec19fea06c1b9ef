package dev.callgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements kept for reuse on SQLite answer exactly as fresh ones would, whatever happened to them before,
 * and each Store's are its own.
 */
class SqliteStatementsTest {
    private static final String INSERT = "insert into account (account_id, billing_entity) values (?, ?)";
    private static final String ENTITY = "select billing_entity from account where account_id = ?";

    @TempDir
    Path dataDir;

    @Test
    void aStatementThatFailedAnswersRightTheNextTime() {
        try (Store store = Store.openEmbedded(dataDir)) {
            store.inTransaction(c -> Sql.update(c, INSERT, "111122223333", "AWS"));
            assertThatThrownBy(() -> store.inTransaction(c -> Sql.update(c, INSERT, "111122223333", "AWS")))
                    .isInstanceOf(StoreException.class);

            store.inTransaction(c -> Sql.update(c, INSERT, "444455556666", "AISPL"));

            List<String> ids = store.read(c -> Sql.list(c, "select account_id from account order by account_id", row -> row.getString(1)));

            assertThat(ids).containsExactly("111122223333", "444455556666");
        }
    }

    @Test
    void theSameQueryNestedInsideItsOwnRowsReadsItsOwnRows() {
        try (Store store = Store.openEmbedded(dataDir)) {
            store.inTransaction(c -> {
                Sql.update(c, INSERT, "111122223333", "AWS");
                return Sql.update(c, INSERT, "444455556666", "AISPL");
            });

            // The outer query is still reading its rows when the same SQL runs again on the same connection.
            List<String> pairs = store.read(c -> Sql.list(c, "select account_id from account where account_id > ? order by account_id",
                    row -> row.getString(1) + "=" + Sql.one(c, ENTITY, inner -> inner.getString(1), row.getString(1)).orElseThrow()
                            + "/" + Sql.list(c, "select account_id from account where account_id > ? order by account_id",
                                    inner -> inner.getString(1), "0").size(),
                    "0"));

            assertThat(pairs).containsExactly("111122223333=AWS/2", "444455556666=AISPL/2");
        }
    }

    @Test
    void aKeptStatementTakesNewParametersEveryTime() {
        try (Store store = Store.openEmbedded(dataDir)) {
            store.inTransaction(c -> {
                Sql.update(c, INSERT, "111122223333", "AWS");
                return Sql.update(c, INSERT, "444455556666", "AISPL");
            });

            for (int i = 0; i < 3; i++) {
                assertThat(entity(store, "111122223333")).contains("AWS");
                assertThat(entity(store, "444455556666")).contains("AISPL");
                assertThat(entity(store, "999999999999")).isEmpty();
            }
        }
    }

    @Test
    void aStoresConnectionHandsOutTheStatementItCompiledBefore() {
        try (Store store = Store.openEmbedded(dataDir)) {
            boolean reused = store.read(c -> {
                SqliteStatements kept = c.unwrap(SqliteSource.Kept.class).statements();
                PreparedStatement compiled;
                try (Sql.Prepared first = kept.prepare(ENTITY)) {
                    compiled = first.statement();
                }
                try (Sql.Prepared again = kept.prepare(ENTITY)) {
                    return again.statement() == compiled;
                }
            });
            assertThat(reused).isTrue();
        }
    }

    @Test
    void twoStoresInOneJvmEachReadTheirOwnRowsAndOutliveEachOther(@TempDir Path otherDir) {
        try (Store first = Store.openEmbedded(dataDir)) {
            try (Store second = Store.openEmbedded(otherDir)) {
                first.inTransaction(c -> Sql.update(c, INSERT, "111122223333", "AWS"));
                second.inTransaction(c -> Sql.update(c, INSERT, "111122223333", "AISPL"));
                for (int i = 0; i < 3; i++) {
                    assertThat(entity(first, "111122223333")).contains("AWS");
                    assertThat(entity(second, "111122223333")).contains("AISPL");
                }
            }
            // The second store's connections, and the statements compiled on them, are gone; the first's still answer.
            assertThat(entity(first, "111122223333")).contains("AWS");
        }
        try (Store reopened = Store.openEmbedded(otherDir)) {
            assertThat(entity(reopened, "111122223333")).contains("AISPL");
        }
    }

    private static Optional<String> entity(Store store, String accountId) {
        return store.read(c -> Sql.one(c, ENTITY, row -> row.getString(1), accountId));
    }
}
