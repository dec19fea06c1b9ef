package dev.callgate.limits.throttle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What this node counts of one bucket's calls, by throttle outcome, for the metrics endpoint. */
record BucketCounters(Counter admitted, Counter throttled) {

    static BucketCounters register(MeterRegistry registry, BucketKey key) {
        return new BucketCounters(counter(registry, key, "admitted"), counter(registry, key, "throttled"));
    }

    private static Counter counter(MeterRegistry registry, BucketKey key, String outcome) {
        return Counter.builder("callgate.api.calls")
                .description("AWS API calls by throttle outcome")
                .tag("account", key.accountId())
                .tag("region", key.region())
                .tag("service", key.service())
                .tag("operation", key.operation())
                .tag("outcome", outcome)
                .register(registry);
    }
}
