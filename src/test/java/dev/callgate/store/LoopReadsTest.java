package dev.callgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.loop.LoopAttempt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads tried on an event loop (docs/architecture.md, "Reads on the event loop"): they run or hand off, never wait. */
class LoopReadsTest {
    private static final String INSERT = "insert into account (account_id, billing_entity) values ('111122223333', 'AWS')";
    private static final String SELECT = "select billing_entity from account where account_id = '111122223333'";

    private static final Executor OWN_THREAD = runnable -> new Thread(runnable).start();

    @TempDir
    Path dataDir;

    @Test
    void aReadOnTheLoopSeesEveryCommit() {
        try (Store store = Store.openEmbedded(dataDir)) {
            assertThat(LoopAttempt.run(() -> store.read(c -> Sql.one(c, SELECT, row -> row.getString(1))))).contains(Optional.empty());
            store.inTransaction(c -> Sql.update(c, INSERT));

            assertThat(LoopAttempt.run(() -> store.read(c -> Sql.one(c, SELECT, row -> row.getString(1))))).contains(Optional.of("AWS"));
        }
    }

    @Test
    void aReadThatWouldWriteHandsOffAndWritesNothing() {
        try (Store store = Store.openEmbedded(dataDir)) {
            Optional<Integer> inserted = LoopAttempt.run(() -> store.read(c -> Sql.update(c, INSERT)));

            Optional<String> stored = store.read(c -> Sql.one(c, SELECT, row -> row.getString(1)));

            assertThat(inserted).isEmpty();
            assertThat(stored).isEmpty();
        }
    }

    @Test
    void aTransactionHandsOffBeforeItStarts() {
        try (Store store = Store.openEmbedded(dataDir)) {
            List<String> ran = new ArrayList<>();

            Optional<Boolean> durable = LoopAttempt.run(() -> store.inTransaction(c -> ran.add("ran")));
            Optional<Boolean> unsynced = LoopAttempt.run(() -> store.inTransactionWithoutFsync(c -> ran.add("ran")));

            assertThat(durable).isEmpty();
            assertThat(unsynced).isEmpty();

            assertThat(ran).isEmpty();
        }
    }

    @Test
    void aReadOnTheLoopNeedsNoPooledConnectionAndSeesNoUncommittedWrite() throws Exception {
        try (Store store = Store.openEmbedded(dataDir)) {
            CountDownLatch holding = new CountDownLatch(Pools.CONNECTIONS);
            CountDownLatch release = new CountDownLatch(1);
            List<CompletableFuture<Object>> holders = new ArrayList<>();
            // One uncommitted write holding the write lock, and every other pooled connection held by a read.
            holders.add(CompletableFuture.supplyAsync(() -> store.inTransaction(c -> {
                Sql.update(c, INSERT);
                return hold(holding, release);
            }), OWN_THREAD));
            for (int i = 1; i < Pools.CONNECTIONS; i++) {
                holders.add(CompletableFuture.supplyAsync(() -> store.read(c -> hold(holding, release)), OWN_THREAD));
            }
            try {
                assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

                CompletableFuture<Optional<Optional<String>>> read = CompletableFuture.supplyAsync(
                        () -> LoopAttempt.run(() -> store.read(c -> Sql.one(c, SELECT, row -> row.getString(1)))), OWN_THREAD);

                assertThat(read.get(10, TimeUnit.SECONDS)).contains(Optional.empty());
            } finally {
                release.countDown();
            }
            CompletableFuture.allOf(holders.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(LoopAttempt.run(() -> store.read(c -> Sql.one(c, SELECT, row -> row.getString(1))))).contains(Optional.of("AWS"));
        }
    }

    @Test
    void theLoopsConnectionsCloseWithTheStoreWhichThenLeavesNoLog() {
        try (Store store = Store.openEmbedded(dataDir)) {
            store.inTransaction(c -> Sql.update(c, INSERT));
            assertThat(LoopAttempt.run(() -> store.read(c -> Sql.one(c, SELECT, row -> row.getString(1))))).contains(Optional.of("AWS"));
        }

        // SQLite folds the log into the database and removes it when the last connection of the file closes.
        assertThat(Files.exists(dataDir.resolve(Store.FILE + "-wal"))).isFalse();
    }

    private static Object hold(CountDownLatch holding, CountDownLatch release) {
        holding.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
