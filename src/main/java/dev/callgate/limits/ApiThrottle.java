package dev.callgate.limits;

import dev.callgate.accounts.Caller;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-account API throttle (limits.md §6): one {@link ThrottleBucket} per (account, region,
 * operation), checked by the wire after authentication and routing and before anything is decoded,
 * so a throttled call never reaches a handler or touches state.
 *
 * <p>Rates come from the edition current at server start (the throttle is the account's, not an
 * instance's, so no instance snapshot applies), multiplied by the {@link ThrottleMode}'s scale.
 * The operator may override them per account, for one operation or for the general group
 * ({@value #GENERAL_GROUP}: every operation without its own edition rate). Overrides are held in
 * memory on this node.
 */
public final class ApiThrottle {
    /** The override key of the edition's default group. */
    public static final String GENERAL_GROUP = "*";
    /** Bucket4j refills at most one token per nanosecond. */
    public static final long MAX_RATE = 1_000_000_000L;

    private final ThrottleMode mode;
    private final Edition.ThrottleRates rates;
    private final TimeMeter time;
    private final MeterRegistry registry;
    private final ConcurrentMap<ThrottleBucket.Key, ThrottleBucket> buckets = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Map<String, Edition.Rate>> overrides = new ConcurrentHashMap<>();
    // Bumped by every override change; a bucket of an older generation re-reads its rate on its next call.
    private final AtomicLong generation = new AtomicLong();

    public ApiThrottle(ThrottleMode mode, Edition.ThrottleRates rates, ServerClock clock, MeterRegistry registry) {
        this.mode = mode;
        this.rates = rates;
        this.registry = registry;
        rates.operations().values().forEach(this::requireUsable);
        requireUsable(rates.defaults());
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.nanoTime();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
    }

    public ThrottleMode mode() {
        return mode;
    }

    /** Admits the call or throws {@link Throttled}. */
    public void admit(Caller caller, String operation) {
        ThrottleBucket.Key key = new ThrottleBucket.Key(caller.accountId(), caller.region(), operation);
        long current = generation.get();
        ThrottleBucket bucket = buckets.computeIfAbsent(key, k -> new ThrottleBucket(k, rate(k.accountId(), k.operation()), current, time, registry));
        if (!mode.enabled()) {
            bucket.admitUnmetered();
            return;
        }
        if (bucket.generation() != current) {
            bucket.reconfigure(rate(key.accountId(), operation), current);
        }
        bucket.admit();
    }

    /** The rate and burst an account's bucket for {@code operation} has, in this mode. */
    public Edition.Rate rate(String accountId, String operation) {
        Map<String, Edition.Rate> own = overrides.getOrDefault(accountId, Map.of());
        Edition.Rate rate = own.get(operation);
        if (rate == null) {
            rate = rates.operations().containsKey(operation) ? rates.of(operation) : own.getOrDefault(GENERAL_GROUP, rates.defaults());
        }
        return mode.apply(rate);
    }

    /** Sets an account's rate for one operation, or for the general group with {@value #GENERAL_GROUP}. */
    public void override(String accountId, String operation, Edition.Rate rate) {
        requireUsable(rate);
        overrides.computeIfAbsent(accountId, a -> new ConcurrentHashMap<>()).put(operation, rate);
        generation.incrementAndGet();
    }

    /** An account's overrides by operation (unscaled), in name order. */
    public Map<String, Edition.Rate> overrides(String accountId) {
        return new TreeMap<>(overrides.getOrDefault(accountId, Map.of()));
    }

    public void clearOverrides(String accountId) {
        overrides.remove(accountId);
        generation.incrementAndGet();
    }

    private void requireUsable(Edition.Rate rate) {
        // Divided rather than multiplied, so that a huge value cannot overflow past the check.
        if (rate.rate() < 1 || rate.burst() < 1 || rate.rate() > MAX_RATE / mode.scale() || rate.burst() > Long.MAX_VALUE / mode.scale()) {
            throw new IllegalArgumentException("A throttle rate and burst must be at least 1, and the rate at most " + MAX_RATE
                    + " per second after the " + mode + " scale; got rate " + rate.rate() + ", burst " + rate.burst() + ".");
        }
    }

    /** Refills every bucket and forgets every override: the operator's reset for test suites. */
    public void reset() {
        overrides.clear();
        buckets.clear();
        generation.incrementAndGet();
    }
}
