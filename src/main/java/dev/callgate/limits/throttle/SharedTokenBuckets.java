package dev.callgate.limits.throttle;

import dev.callgate.clock.ServerClock;
import dev.callgate.limits.edition.Edition;
import dev.callgate.store.Sql;
import dev.callgate.store.Store;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

/**
 * Token buckets in PostgreSQL, shared by every node on the store (docs/limits.md §6), so that an
 * account meets its rate once, not once per node. Each take is one transaction on the bucket's row of
 * {@code throttle_bucket}: Bucket4j's select-for-update strategy locks that row, refills and takes in
 * Java, writes the state back and commits. Chosen over the advisory-lock strategy because the row
 * lock needs no 64-bit lock id: the readable string key is the primary key, and no two buckets can
 * contend for one hashed lock id, nor with any other user of advisory locks in the database.
 *
 * <p>Time is the server's clock as wall time ({@link WallTimeMeter}); a node whose clock runs ahead of
 * another's by d can admit up to RateLimit × d calls more than the bound over an interval, and one
 * that lags refills nothing until its time catches up.
 */
final class SharedTokenBuckets implements TokenBuckets {
    private final Store store;
    private final ProxyManager<String> proxies;

    SharedTokenBuckets(Store store, ServerClock clock) {
        this.store = store;
        this.proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(store.dataSource())
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("throttle_bucket")
                .clientClock(new WallTimeMeter(clock))
                .build();
    }

    @Override
    public ConsumptionProbe take(BucketKey key, Edition.Rate rate, long revision) {
        return TokenBuckets.takeShared(proxies, key.id(), rate, revision);
    }

    @Override
    public void clear() {
        store.read(connection -> Sql.update(connection, "delete from throttle_bucket"));
    }
}
