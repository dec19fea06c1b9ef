package dev.callgate.limits.throttle;

import dev.callgate.clock.ServerClock;
import dev.callgate.limits.edition.Edition;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets in Redis ({@code --throttle-store redis://...}), shared by every node pointed at the same
 * Redis database, so that an account meets its rate once, not once per node (docs/limits.md §6). Each
 * bucket is the key {@value #PREFIX}{@code account/region/service/operation}; a take is Bucket4j's
 * compare-and-swap: read the state, refill and take in Java, then a Lua script writes the new state only
 * if the key still holds what was read, retrying when another call got there first. Cheaper than a
 * PostgreSQL transaction (two round trips, no row lock, no commit to flush), and exact on one Redis.
 *
 * <p>Time is the server's clock as wall time ({@link WallTimeMeter}), as for the PostgreSQL buckets; so
 * {@code --clock virtual} works here too. On the system clock a key expires once its bucket would be
 * full again (plus a margin), so Redis holds only the buckets in use; on a virtual clock nothing expires,
 * since Redis counts its time-to-live in real time.
 *
 * <p>A Redis that does not answer within {@link #TIMEOUT} (down, unreachable, stalled) gets the call
 * refused with {@link ThrottleStoreUnreachable}, never admitted unmetered and never left hanging;
 * the connection is re-made in the background and calls are metered again once it is back.
 */
final class RedisTokenBuckets implements TokenBuckets {
    static final String PREFIX = "callgate:throttle:";
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** How long a full bucket stays stored: lets an idle bucket's key go, and costs nothing to exactness. */
    private static final Duration KEPT_WHEN_FULL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(RedisTokenBuckets.class);

    private final RedisAddress address;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final ProxyManager<String> proxies;
    private final AtomicBoolean unreachable = new AtomicBoolean();

    /** Connects to Redis at once, so that a server whose throttle store is unreachable does not start. */
    RedisTokenBuckets(RedisAddress address, ServerClock clock) {
        this.address = address;
        // Reconnecting at most a second apart: calls are metered again soon after Redis is back.
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS)).build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                // While the connection is down a call fails at once rather than queueing for the timeout.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        try {
            this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), uri(address));
        } catch (RedisException e) {
            shutDown();
            throw new IllegalStateException("Cannot reach the throttle store " + address + " (" + rootCause(e)
                    + "): start Redis there, or fix --throttle-store (or leave it out to keep the buckets in the store).", e);
        }
        this.proxies = Bucket4jLettuce.casBasedBuilder(connection)
                .clientClock(new WallTimeMeter(clock))
                .expirationAfterWrite(clock.isVirtual() ? ExpirationAfterWriteStrategy.none()
                        : ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEPT_WHEN_FULL))
                .build();
    }

    private static RedisURI uri(RedisAddress address) {
        RedisURI.Builder uri = RedisURI.Builder.redis(address.host().replaceAll("^\\[|]$", ""), address.port())
                .withDatabase(address.database()).withTimeout(TIMEOUT);
        if (address.password() != null) {
            uri.withAuthentication(address.user() == null ? "default" : address.user(), address.password());
        }
        return uri.build();
    }

    @Override
    public ConsumptionProbe take(BucketKey key, Edition.Rate rate, long revision) {
        try {
            ConsumptionProbe probe = TokenBuckets.takeShared(proxies, PREFIX + key.id(), rate, revision);
            if (unreachable.compareAndSet(true, false)) {
                LOG.info("The throttle store {} answers again", address);
            }
            return probe;
        } catch (RedisException e) {
            if (unreachable.compareAndSet(false, true)) {
                LOG.warn("The throttle store {} does not answer ({}): API calls are refused until it does", address, rootCause(e));
            }
            throw new ThrottleStoreUnreachable(TIMEOUT);
        }
    }

    /** Deletes this throttle's keys (and only them: the database may hold others), a page of a scan at a time. */
    @Override
    public void clear() {
        RedisCommands<String, byte[]> redis = connection.sync();
        ScanArgs ours = ScanArgs.Builder.matches(PREFIX + "*").limit(1000);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, ours);
            if (!page.getKeys().isEmpty()) {
                redis.del(page.getKeys().toArray(String[]::new));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }

    @Override
    public void close() {
        connection.close();
        shutDown();
    }

    private void shutDown() {
        client.shutdown();
        resources.shutdown();
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
