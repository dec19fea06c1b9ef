package dev.callgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's durability settings, and its hold on the data dir. */
class EmbeddedStoreTest {
    @TempDir
    Path dataDir;

    @Test
    void everyCommitIsInTheFsyncedLogBeforeItReturns() {
        try (Store store = Store.openEmbedded(dataDir)) {
            Optional<String> journal = store.read(c -> Sql.one(c, "pragma journal_mode", row -> row.getString(1)));
            Optional<Integer> synchronous = store.read(c -> Sql.one(c, "pragma synchronous", row -> row.getInt(1)));

            assertThat(journal).contains("wal");
            // 2 = FULL: in WAL mode the log is fsynced at every commit (NORMAL would wait for a checkpoint).
            assertThat(synchronous).contains(2);
        }
    }

    @Test
    void aSecondOpenOfTheDataDirIsRefusedWithoutTouchingTheDatabase() throws Exception {
        try (Store first = Store.openEmbedded(dataDir)) {
            first.inTransaction(c -> Sql.update(c, "insert into account (account_id, billing_entity) values ('111122223333', 'AWS')"));
            byte[] database = Files.readAllBytes(dataDir.resolve(Store.FILE));
            byte[] log = Files.readAllBytes(dataDir.resolve(Store.FILE + "-wal"));

            assertThatThrownBy(() -> Store.openEmbedded(dataDir)).isInstanceOf(DataDirUnavailable.class)
                    .hasMessageContaining("is in use by a running Callgate server");

            assertThat(Files.readAllBytes(dataDir.resolve(Store.FILE))).isEqualTo(database);
            assertThat(Files.readAllBytes(dataDir.resolve(Store.FILE + "-wal"))).isEqualTo(log);
        }
        try (Store again = Store.openEmbedded(dataDir)) {
            Optional<String> entity = again.read(c -> Sql.one(c, "select billing_entity from account", row -> row.getString(1)));

            assertThat(entity).contains("AWS");
        }
    }

    @Test
    void aUniqueViolationIsRecognised() {
        try (Store store = Store.openEmbedded(dataDir)) {
            String insert = "insert into account (account_id, billing_entity) values ('111122223333', 'AWS')";
            store.inTransaction(c -> Sql.update(c, insert));

            assertThatThrownBy(() -> store.inTransaction(c -> Sql.update(c, insert)))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(Store.isUniqueViolation(e.sqlException())).isTrue());
        }
    }

    @Test
    void aRowLockClauseIsAcceptedAsOnPostgreSql() {
        try (Store store = Store.openEmbedded(dataDir)) {
            store.inTransaction(c -> Sql.update(c, "insert into account (account_id, billing_entity) values ('111122223333', 'AWS')"));

            Optional<String> entity = store.inTransaction(c -> Sql.one(c, "select billing_entity from account where account_id = ? for update",
                    row -> row.getString(1), "111122223333"));

            assertThat(entity).contains("AWS");
        }
    }

    @Test
    void writersWaitingForTheWriteLockCommitInTheOrderTheyCame() throws Exception {
        try (Store store = Store.openEmbedded(dataDir)) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = started(() -> store.inTransaction(c -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            }));
            holding.await();
            List<Thread> writers = new ArrayList<>();
            for (int n = 0; n < 8; n++) {
                String account = "11112222333" + n;
                Thread writer = started(() -> store.inTransaction(c -> Sql.update(c,
                        "insert into account (account_id, billing_entity) values (?, 'AWS')", account)));
                // In the queue before the next one comes: SQLite's own busy handler would leave it sleeping in
                // native code (RUNNABLE), and the order of wake-ups to chance.
                awaitQueued(writer);
                writers.add(writer);
            }

            release.countDown();
            holder.join();
            for (Thread writer : writers) {
                writer.join();
            }

            List<String> committed = store.read(c -> Sql.list(c, "select account_id from account order by rowid", row -> row.getString(1)));
            assertThat(committed).containsExactly("111122223330", "111122223331", "111122223332", "111122223333",
                    "111122223334", "111122223335", "111122223336", "111122223337");
        }
    }

    private static Thread started(Callable<?> work) {
        Thread thread = new Thread(() -> {
            try {
                work.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        return thread;
    }

    private static void awaitQueued(Thread writer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // Parked in the writers' queue (which waits at most busy_timeout), not asleep in SQLite's busy handler (RUNNABLE).
        while (writer.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("a writer waiting for the write lock is queued (TIMED_WAITING), not %s", writer.getState())
                    .isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
