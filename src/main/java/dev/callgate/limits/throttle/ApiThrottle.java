package dev.callgate.limits.throttle;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.AwsService;
import dev.callgate.clock.ServerClock;
import dev.callgate.limits.edition.Edition;
import dev.callgate.store.Store;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The per-account API throttle (limits.md §6): one token bucket per (account, region, service, operation),
 * checked by the wire after authentication and routing and before anything is decoded, so a
 * throttled call never reaches a handler or touches state.
 *
 * <p>Amazon Connect's rates come from the edition current at server start (the throttle is the
 * account's, not an instance's, so no instance snapshot applies); another AWS service brings its own
 * fixed rates ({@link #addService}). Every rate is multiplied by the {@link ThrottleMode}'s scale.
 * The operator may override Connect's rates per account, for one operation or for the general group
 * ({@value #GENERAL_GROUP}: every operation without its own edition rate); overrides are kept in the
 * store. On the embedded store (one node) the buckets live in memory; on PostgreSQL in rows that every node shares,
 * so the bound holds across nodes; with a Redis throttle store, in Redis keys that every node shares, whatever the
 * store. With the throttle off, a call touches neither.
 */
public final class ApiThrottle implements AutoCloseable {
    /** The service whose rates the edition holds and the operator overrides. */
    public static final String CONNECT = "connect";
    /** The override key of the edition's default group. */
    public static final String GENERAL_GROUP = "*";
    /** Bucket4j refills at most one token per nanosecond. */
    public static final long MAX_RATE = 1_000_000_000L;

    private static final ThrottleOverrides.Account NOT_OVERRIDDEN = new ThrottleOverrides.Account(0, Map.of());

    private final ThrottleMode mode;
    private final Edition.ThrottleRates rates;
    private final ThrottleOverrides overrides;
    private final TokenBuckets buckets;
    private final Map<String, Edition.ThrottleRates> otherServices = new ConcurrentHashMap<>();
    private final ThrottleActivity activity;

    /** A throttle whose buckets live where the store says: in memory on the embedded store, in PostgreSQL rows on PostgreSQL. */
    public ApiThrottle(ThrottleMode mode, Edition.ThrottleRates rates, Store store, ServerClock clock, MeterRegistry registry) {
        this(mode, rates, store, null, clock, registry);
    }

    /**
     * A throttle whose buckets live in Redis at {@code redis}, or where the store says when it is null.
     * Connects to Redis at once: an unreachable one is an IllegalStateException that says what to fix.
     */
    public ApiThrottle(ThrottleMode mode, Edition.ThrottleRates rates, Store store, RedisAddress redis, ServerClock clock,
                       MeterRegistry registry) {
        this.mode = mode;
        this.rates = rates;
        rates.operations().values().forEach(this::requireUsable);
        requireUsable(rates.defaults());
        // The embedded store has one node, which may cache overrides; nodes on PostgreSQL read them at every call.
        this.overrides = new ThrottleOverrides(store, !store.isPostgres());
        if (redis != null) {
            this.buckets = new RedisTokenBuckets(redis, clock);
        } else {
            this.buckets = store.isPostgres() ? new SharedTokenBuckets(store, clock) : new LocalTokenBuckets(clock);
        }
        this.activity = new ThrottleActivity(clock, registry);
    }

    /** This node's recent admitted and throttled calls, for the operator. */
    public ThrottleActivity activity() {
        return activity;
    }

    public ThrottleMode mode() {
        return mode;
    }

    /** Gives another AWS service (by signing name) its own buckets at its own rates, which no override changes. */
    public void addService(String service, Edition.ThrottleRates serviceRates) {
        serviceRates.operations().values().forEach(this::requireUsable);
        requireUsable(serviceRates.defaults());
        otherServices.put(service, serviceRates);
    }

    /**
     * The throttle as an AWS service's admission: first {@code check} (a rule of the caller decided from
     * memory, such as Connect's regions), then the service's bucket.
     */
    public AwsService.Admission admission(String service, Consumer<Caller> check) {
        return new AwsService.Admission() {
            @Override
            public Throttled refusal(Caller caller, String operation) {
                check.accept(caller);
                return ApiThrottle.this.refusal(caller, service, operation);
            }

            @Override
            public boolean decidesAtOnce(Caller caller, String operation) {
                return ApiThrottle.this.decidesAtOnce(caller.accountId(), service);
            }
        };
    }

    /**
     * Whether a decision for this account needs nothing but memory: the throttle is off, or the buckets are this
     * node's and the account's overrides are already read (a service with fixed rates has none).
     */
    public boolean decidesAtOnce(String accountId, String service) {
        // The cached account first: that is the answer for every Connect call after an account's first.
        return !mode.enabled() || buckets.inMemory() && (overrides.isCached(accountId) || otherServices.containsKey(service));
    }

    /** Admits a call of {@code service}'s {@code operation} (null), or answers its refusal. */
    public Throttled refusal(Caller caller, String service, String operation) {
        BucketKey key = new BucketKey(caller.accountId(), caller.region(), service, operation);
        if (!mode.enabled()) {
            activity.admitted(key);
            return null;
        }
        Edition.ThrottleRates fixed = otherServices.get(service);
        ThrottleOverrides.Account account = fixed == null ? overrides.of(key.accountId()) : NOT_OVERRIDDEN;
        Edition.Rate rate = fixed == null ? rate(account, operation) : mode.apply(fixed.of(operation));
        ConsumptionProbe probe = buckets.take(key, rate, account.revision());
        if (!probe.isConsumed()) {
            Throttled refusal = Throttled.nextTokenIn(key, rate, probe.getNanosToWaitForRefill());
            activity.throttled(key, refusal.getMessage());
            return refusal;
        }
        activity.admitted(key);
        return null;
    }

    /** The rate and burst an account's bucket for Connect's {@code operation} has, in this mode. */
    public Edition.Rate rate(String accountId, String operation) {
        return rate(overrides.of(accountId), operation);
    }

    /** The rate and burst an account's bucket for any service's {@code operation} has, in this mode. */
    public Edition.Rate rate(String accountId, String service, String operation) {
        Edition.ThrottleRates fixed = otherServices.get(service);
        return fixed == null ? rate(accountId, operation) : mode.apply(fixed.of(operation));
    }

    private Edition.Rate rate(ThrottleOverrides.Account account, String operation) {
        Map<String, Edition.Rate> own = account.byOperation();
        Edition.Rate rate = own.get(operation);
        if (rate == null) {
            rate = rates.operations().containsKey(operation) ? rates.of(operation) : own.getOrDefault(GENERAL_GROUP, rates.defaults());
        }
        return mode.apply(rate);
    }

    /** Sets an account's rate for one operation, or for the general group with {@value #GENERAL_GROUP}. */
    public void override(String accountId, String operation, Edition.Rate rate) {
        requireUsable(rate);
        overrides.put(accountId, operation, rate);
    }

    /**
     * Sets an account's rate in the caller's transaction (an approved request's); {@code committed}
     * is then called by the caller after the commit, so that no node keeps the old rate.
     */
    public void override(Connection connection, String accountId, String operation, Edition.Rate rate) throws SQLException {
        requireUsable(rate);
        overrides.put(connection, accountId, operation, rate);
    }

    /** Takes up overrides another transaction has committed for the account (see {@link #override(Connection, String, String, Edition.Rate)}). */
    public void committed(String accountId) {
        overrides.forget(accountId);
    }

    /** The general group's rate of an account (unscaled): its override, or the edition's. */
    public Edition.Rate generalRate(String accountId) {
        return overrides.of(accountId).byOperation().getOrDefault(GENERAL_GROUP, rates.defaults());
    }

    /** The general group's rate of the edition the throttle started with. */
    public Edition.Rate generalDefault() {
        return rates.defaults();
    }

    /** An account's overrides by operation (unscaled), in name order. */
    public Map<String, Edition.Rate> overrides(String accountId) {
        return new TreeMap<>(overrides.of(accountId).byOperation());
    }

    public void clearOverrides(String accountId) {
        overrides.clear(accountId);
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
        overrides.reset();
        buckets.clear();
        activity.clear();
    }

    /** Lets go of the buckets' connection (Redis), if they have one. */
    @Override
    public void close() {
        buckets.close();
    }
}
