package dev.callgate.bench;

import dev.callgate.Callgate;
import dev.callgate.accounts.Caller;
import dev.callgate.clock.ServerClock;
import dev.callgate.clock.VirtualClock;
import dev.callgate.limits.edition.Edition;
import dev.callgate.limits.throttle.ApiThrottle;
import dev.callgate.limits.throttle.MonotonicTimeMeter;
import dev.callgate.limits.throttle.ThrottleMode;
import dev.callgate.limits.throttle.Throttled;
import dev.callgate.store.Store;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one throttle decision in-process: Callgate's {@link ApiThrottle#refusal} (bucket lookup
 * by account, region and operation, Bucket4j, counters, and for a refusal the explaining
 * ThrottlingException) against a bare Bucket4j bucket doing only the token arithmetic.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ThrottleDecisionBenchmark {
    // Enough tokens that the admitting benchmarks never run dry.
    private static final Edition.Rate ENDLESS = new Edition.Rate(ApiThrottle.MAX_RATE, 1_000_000_000_000_000L);
    private static final Edition.ThrottleRates FAITHFUL = new Edition.ThrottleRates(new Edition.Rate(2, 5), Map.of());
    private final Caller caller = new Caller("111122223333", "us-east-1", "AKIAEXAMPLE");

    private Bucket bareOpen;
    private Bucket bareEmpty;
    private ApiThrottle throttleOpen;
    private ApiThrottle throttleEmpty;
    private Store storeOpen;
    private Store storeEmpty;

    @Setup
    public void setUp() throws IOException {
        // Embedded SQLite stores, one per throttle as one per server: buckets in memory, overrides read once, then cached.
        storeOpen = Store.open(Store.embeddedUrl(Files.createTempDirectory("callgate-jmh")));
        storeEmpty = Store.open(Store.embeddedUrl(Files.createTempDirectory("callgate-jmh")));
        ServerClock system = ServerClock.system();
        bareOpen = Bucket.builder().addLimit(l -> l.capacity(ENDLESS.burst()).refillGreedy(ENDLESS.rate(), Duration.ofSeconds(1)))
                .withCustomTimePrecision(new MonotonicTimeMeter(system)).build();
        throttleOpen = new ApiThrottle(ThrottleMode.FAITHFUL, FAITHFUL, storeOpen, system, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        throttleOpen.override(caller.accountId(), ApiThrottle.GENERAL_GROUP, ENDLESS);

        // Frozen time and a drained bucket: every decision is a refusal.
        VirtualClock frozen = new VirtualClock(Instant.now());
        bareEmpty = Bucket.builder().addLimit(l -> l.capacity(5).refillGreedy(2, Duration.ofSeconds(1)))
                .withCustomTimePrecision(new MonotonicTimeMeter(frozen)).build();
        bareEmpty.tryConsumeAsMuchAsPossible();
        throttleEmpty = new ApiThrottle(ThrottleMode.FAITHFUL, FAITHFUL, storeEmpty, frozen, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        for (int i = 0; i < 5; i++) {
            throttleEmpty.refusal(caller, ApiThrottle.CONNECT, "ListInstances");
        }
    }

    @TearDown
    public void closeStores() {
        storeOpen.close();
        storeEmpty.close();
    }

    @Benchmark
    public ConsumptionProbe bareBucketAdmits() {
        return bareOpen.tryConsumeAndReturnRemaining(1);
    }

    @Benchmark
    public Throttled apiThrottleAdmits() {
        return throttleOpen.refusal(caller, ApiThrottle.CONNECT, "ListInstances");
    }

    @Benchmark
    public ConsumptionProbe bareBucketRefuses() {
        return bareEmpty.tryConsumeAndReturnRemaining(1);
    }

    @Benchmark
    public Throttled apiThrottleRefuses() {
        Throttled refusal = throttleEmpty.refusal(caller, ApiThrottle.CONNECT, "ListInstances");
        if (refusal == null) {
            throw new IllegalStateException("admitted on a frozen, drained bucket");
        }
        return refusal;
    }
}
