package dev.callgate.limits.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.clock.VirtualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The throttle activity keeps exactly the last refusals, newest first, however many threads refuse at once. */
class ThrottleActivityTest {
    private static final BucketKey KEY = new BucketKey("111111111111", "us-east-1", "connect", "ListInstances");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ThrottleActivity activity = new ThrottleActivity(new VirtualClock(Instant.parse("2026-12-01T00:00:00Z")), registry);

    @Test
    void keepsTheLastRefusalsNewestFirst() {
        int refusals = ThrottleActivity.REFUSALS_KEPT + 37;
        for (int i = 0; i < refusals; i++) {
            activity.throttled(KEY, "refusal " + i);
        }

        List<String> kept = activity.refusals(null).stream().map(ThrottleActivity.Refusal::message).toList();

        assertThat(kept).containsExactlyElementsOf(
                IntStream.range(0, ThrottleActivity.REFUSALS_KEPT).mapToObj(k -> "refusal " + (refusals - 1 - k)).toList());
    }

    @Test
    void refusalsFromManyThreadsAtOnceKeepExactlyTheLastOfEachThread() throws Exception {
        int threads = 8;
        int each = 500;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread refusing = new Thread(() -> {
                await(start);
                for (int i = 0; i < each; i++) {
                    activity.throttled(KEY, thread + ":" + i);
                }
            });
            refusing.start();
            running.add(refusing);
        }
        start.countDown();
        for (Thread thread : running) {
            thread.join();
        }

        List<String> kept = activity.refusals(null).stream().map(ThrottleActivity.Refusal::message).toList();

        assertThat(kept).hasSize(ThrottleActivity.REFUSALS_KEPT).doesNotHaveDuplicates();
        // Each thread's kept refusals are its newest, newest first: none kept is older than one left out.
        for (int t = 0; t < threads; t++) {
            String prefix = t + ":";
            List<String> ofThread = kept.stream().filter(m -> m.startsWith(prefix)).toList();
            assertThat(ofThread).containsExactlyElementsOf(
                    IntStream.range(0, ofThread.size()).mapToObj(k -> prefix + (each - 1 - k)).toList());
        }
    }

    @Test
    void clearForgetsTheRefusals() {
        activity.throttled(KEY, "gone");

        activity.clear();

        assertThat(activity.refusals(null)).isEmpty();
        assertThat(activity.buckets(null)).isEmpty();
    }

    @Test
    void clearKeepsTheRunningTotalsOfTheMetricsEndpoint() {
        activity.admitted(KEY);
        activity.throttled(KEY, "before");

        activity.clear();
        activity.throttled(KEY, "after");

        assertThat(total("admitted")).isEqualTo(1);
        assertThat(total("throttled")).isEqualTo(2);
        assertThat(activity.buckets(null)).singleElement()
                .satisfies(bucket -> assertThat(bucket.slots().stream().mapToLong(ThrottleActivity.Slot::throttled).sum()).isEqualTo(1));
    }

    private double total(String outcome) {
        return registry.get("callgate.api.calls").tag("account", KEY.accountId()).tag("outcome", outcome).functionCounter().count();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
