package dev.callgate.limits.throttle;

import dev.callgate.limits.edition.Edition;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Duration;

/**
 * Where the throttle's token buckets are kept: in this node's memory ({@link LocalTokenBuckets}), in
 * PostgreSQL rows that every node shares ({@link SharedTokenBuckets}), or in Redis keys that every node
 * shares ({@link RedisTokenBuckets}).
 */
interface TokenBuckets extends AutoCloseable {

    /**
     * Takes one token from the bucket of {@code key}. A bucket configured at an older override
     * {@code revision} first takes {@code rate}, keeping the tokens in hand capped at the new burst,
     * so raising a limit grants no instant extra burst and the bound holds across the change.
     */
    ConsumptionProbe take(BucketKey key, Edition.Rate rate, long revision);

    /** Whether a take needs nothing but this node's memory (no store round trip), so it never blocks. */
    default boolean inMemory() {
        return false;
    }

    /** Forgets every bucket: each starts full again. */
    void clear();

    /** Lets go of what the buckets are kept in (a connection), if anything. */
    @Override
    default void close() {
    }

    /**
     * {@link #take} on a bucket kept outside this node. The stored configuration carries the revision
     * it was made at; an older one is replaced in the same atomic step as the take. A newer one stays:
     * a call that read its overrides just before a change meets the new rate (only a refusal's message
     * then names the rate it read).
     */
    static ConsumptionProbe takeShared(ProxyManager<String> proxies, String id, Edition.Rate rate, long revision) {
        return proxies.builder()
                .withImplicitConfigurationReplacement(revision, TokensInheritanceStrategy.AS_IS)
                .build(id, () -> configuration(rate))
                .tryConsumeAndReturnRemaining(1);
    }

    /**
     * Capacity = BurstLimit, refilled continuously at RateLimit tokens per second by Bucket4j's integer
     * arithmetic, so over any interval of length t a bucket admits at most BurstLimit + RateLimit × t.
     */
    static Bandwidth limit(Edition.Rate rate) {
        return Bandwidth.builder().capacity(rate.burst()).refillGreedy(rate.rate(), Duration.ofSeconds(1)).build();
    }

    static BucketConfiguration configuration(Edition.Rate rate) {
        return BucketConfiguration.builder().addLimit(limit(rate)).build();
    }
}
