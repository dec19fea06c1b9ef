package dev.callgate.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * The token bucket of one (account, region, operation) (limits.md §6): capacity = BurstLimit,
 * refilled continuously at RateLimit tokens per second by Bucket4j's integer arithmetic, so over any
 * interval of length t it admits at most BurstLimit + RateLimit × t calls. It counts what it admits
 * and refuses.
 */
final class ThrottleBucket {
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final Key key;
    private final Bucket bucket;
    private final Counter admitted;
    private final Counter throttled;
    private volatile Edition.Rate rate;
    private volatile long generation;

    ThrottleBucket(Key key, Edition.Rate rate, long generation, TimeMeter time, MeterRegistry registry) {
        this.key = key;
        this.rate = rate;
        this.generation = generation;
        this.bucket = Bucket.builder().addLimit(limit(rate)).withCustomTimePrecision(time).build();
        this.admitted = counter(registry, "admitted");
        this.throttled = counter(registry, "throttled");
    }

    /** Takes a token, or refuses with the time until the next one. */
    void admit() {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throttled.increment();
            throw Throttled.nextTokenIn(key, rate, probe.getNanosToWaitForRefill());
        }
        admitted.increment();
    }

    /** Admits without a token: throttling is off, but the call still counts. */
    void admitUnmetered() {
        admitted.increment();
    }

    long generation() {
        return generation;
    }

    /**
     * Applies the rate of a newer override generation. The tokens in hand are kept (capped at the new
     * burst), so raising a limit grants no instant extra burst and the bound holds across the change.
     */
    synchronized void reconfigure(Edition.Rate newRate, long newGeneration) {
        if (!newRate.equals(rate)) {
            bucket.replaceConfiguration(BucketConfiguration.builder().addLimit(limit(newRate)).build(), TokensInheritanceStrategy.AS_IS);
            rate = newRate;
        }
        generation = newGeneration;
    }

    private static Bandwidth limit(Edition.Rate rate) {
        return Bandwidth.builder().capacity(rate.burst()).refillGreedy(rate.rate(), SECOND).build();
    }

    private Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("callgate.api.calls")
                .description("Amazon Connect API calls by throttle outcome")
                .tag("account", key.accountId())
                .tag("region", key.region())
                .tag("operation", key.operation())
                .tag("outcome", outcome)
                .register(registry);
    }

    /** Whose bucket: one per account, region and operation, shared by all the account's keys and instances. */
    record Key(String accountId, String region, String operation) {
    }
}
