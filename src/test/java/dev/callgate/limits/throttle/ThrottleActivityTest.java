package dev.callgate.limits.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.clock.VirtualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The throttle activity keeps exactly the last refusals, newest first, however many threads refuse at once. */
class ThrottleActivityTest {
    private static final BucketKey KEY = new BucketKey("111111111111", "us-east-1", "connect", "ListInstances");

    private final ThrottleActivity activity = new ThrottleActivity(new VirtualClock(Instant.parse("2026-12-01T00:00:00Z")));

    @Test
    void keepsTheLastRefusalsNewestFirst() {
        int refusals = ThrottleActivity.REFUSALS_KEPT + 37;
        for (int i = 0; i < refusals; i++) {
            activity.throttled(KEY, "refusal " + i);
        }

        List<String> kept = activity.refusals(null).stream().map(ThrottleActivity.Refusal::message).toList();

        assertThat(kept).hasSize(ThrottleActivity.REFUSALS_KEPT)
                .containsExactlyElementsOf(IntStream.range(37, refusals).map(i -> refusals - 1 - (i - 37)).mapToObj(i -> "refusal " + i).toList());
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
        // The newest of all: a refusal kept is never older than one left out of the same thread.
        for (int t = 0; t < threads; t++) {
            String prefix = t + ":";
            int ofThread = (int) kept.stream().filter(m -> m.startsWith(prefix)).count();
            List<String> newest = IntStream.range(each - ofThread, each).mapToObj(i -> prefix + i).toList();
            assertThat(kept.stream().filter(m -> m.startsWith(prefix)).toList()).containsExactlyInAnyOrderElementsOf(newest);
        }
        // Newest first: within each thread, its refusals appear in descending order.
        for (int t = 0; t < threads; t++) {
            String prefix = t + ":";
            List<Integer> ofThread = kept.stream().filter(m -> m.startsWith(prefix)).map(m -> Integer.parseInt(m.substring(prefix.length()))).toList();
            assertThat(ofThread).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        }
    }

    @Test
    void clearForgetsTheRefusals() {
        activity.throttled(KEY, "gone");

        activity.clear();

        assertThat(activity.refusals(null)).isEmpty();
        assertThat(activity.buckets(null)).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
