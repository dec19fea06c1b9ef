package dev.callgate.calls;

import dev.callgate.limits.quota.Quota;
import dev.callgate.limits.quota.QuotaLedger;
import dev.callgate.limits.quota.QuotaScope;
import dev.callgate.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The call metrics Amazon Connect publishes per instance (ConcurrentCalls, ConcurrentCallsPercentage,
 * CallsBreachingConcurrencyQuota), on {@code /_callgate/metrics}: the first two read from the quota
 * ledger, so they count every node's calls; the breaches are counted by the node that refused them.
 * Beside them, the calls each node admitted, so admitted + refused can be checked against a caller's count.
 */
final class CallMetrics {
    private final MeterRegistry registry;
    private final Store store;
    private final QuotaLedger ledger;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final Counter congested;

    CallMetrics(MeterRegistry registry, Store store, QuotaLedger ledger) {
        this.registry = registry;
        // Registered at start, so that it reads 0 before a flood rather than appearing with one.
        this.congested = Counter.builder("callgate.calls.congested")
                .description("INVITEs refused at once with 503 (Q.850 cause 42) because more were waiting for a decision than this node queues")
                .register(registry);
        this.store = store;
        this.ledger = ledger;
    }

    /** Publishes an instance's gauges from its first call on. */
    void watch(String instanceId) {
        if (!watched.add(instanceId)) {
            return;
        }
        gauge("callgate.concurrent.calls", "Calls in progress (Amazon Connect's ConcurrentCalls)", instanceId,
                usage -> usage.used());
        gauge("callgate.concurrent.calls.percentage", "Calls in progress as a percentage of the concurrent calls quota"
                + " (ConcurrentCallsPercentage)", instanceId, usage -> usage.limit() == 0 ? 0 : 100.0 * usage.used() / usage.limit());
        breaches(instanceId);
        admissions(instanceId);
    }

    /** A call admitted: it took one of the instance's concurrent call slots. */
    void admitted(String instanceId) {
        admissions(instanceId).increment();
    }

    /** A call refused because the instance was at its concurrent calls quota (CallsBreachingConcurrencyQuota). */
    void breached(String instanceId) {
        breaches(instanceId).increment();
    }

    /** An INVITE refused at once because too many waited for a decision: no instance was considered. */
    void congested() {
        congested.increment();
    }

    /** The calls this node refused at the instance's quota since it started (0 before the instance's first call here). */
    long refused(String instanceId) {
        Counter counter = registry.find("callgate.calls.breaching.quota").tag("instance", instanceId).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private Counter breaches(String instanceId) {
        return Counter.builder("callgate.calls.breaching.quota")
                .description("Calls refused because the instance was at its concurrent calls quota (CallsBreachingConcurrencyQuota)")
                .tag("instance", instanceId).register(registry);
    }

    private Counter admissions(String instanceId) {
        return Counter.builder("callgate.calls.admitted")
                .description("Calls admitted: each took one of the instance's concurrent call slots (counted per node)")
                .tag("instance", instanceId).register(registry);
    }

    private void gauge(String name, String description, String instanceId, ToDoubleFunction<QuotaLedger.Usage> value) {
        Gauge.builder(name, () -> {
            try {
                return value.applyAsDouble(store.read(c -> ledger.usage(c, QuotaScope.instance(instanceId), Quota.CONCURRENT_CALLS)));
            } catch (RuntimeException gone) {
                return Double.NaN; // the instance was deleted
            }
        }).description(description).tag("instance", instanceId).strongReference(true).register(registry);
    }
}
