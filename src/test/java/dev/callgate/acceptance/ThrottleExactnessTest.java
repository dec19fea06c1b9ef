package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.accounts.AccessKey;
import dev.callgate.config.Settings;
import dev.callgate.limits.throttle.ThrottleMode;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Operator;
import dev.callgate.testing.Race;
import dev.callgate.testing.RedisServer;
import dev.callgate.testing.RunningServer;
import dev.callgate.testing.Stores;
import dev.callgate.testing.Throttling;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.ThrottlingException;

/**
 * limits.md §6's promise, proven: over any interval of length t an account admits at most
 * BurstLimit + RateLimit × t calls of an operation per region, exactly that many when demand
 * saturates, whatever threads and access keys the calls come from, on in-memory buckets (embedded store), on
 * buckets shared in PostgreSQL and on buckets shared in Redis.
 */
class ThrottleExactnessTest {
    static final int RATE = 2;
    static final int BURST = 5;
    static final String ACCOUNT = "111122223333";
    static final String OTHER = "444455556666";

    /** A bucket under test: the clients whose calls draw on it, and the admissions per round. */
    record BucketUnderTest(String name, List<ConnectClient> clients, List<Integer> demand, List<Integer> admitted) {
        BucketUnderTest(String name, List<ConnectClient> clients) {
            this(name, clients, new ArrayList<>(), new ArrayList<>());
        }
    }

    /** Where a run keeps its buckets: in memory (SQLite node), PostgreSQL rows, or Redis (overrides in PostgreSQL). */
    private static RunningServer start(String place, UnaryOperator<Settings> settings) {
        String store = place.equals("sqlite") ? null : Stores.freshPostgres();
        return RunningServer.start(store, s -> settings.apply(s).withThrottleStore(place.equals("redis") ? RedisServer.freshDatabase() : null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "redis"})
    void virtualTimeRandomCallsFromManyThreadsAndKeysAreAdmittedExactly(String place) {
        List<AccessKey> keys = List.of(new AccessKey("AKIAALICE", "s1", ACCOUNT, "alice"), new AccessKey("AKIABOB", "s2", ACCOUNT, "bob"),
                new AccessKey("AKIACAROL", "s3", ACCOUNT, "carol"), new AccessKey("AKIADAVE", "s4", OTHER, "dave"));
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (RunningServer server = start(place, s -> s.withStrictAuth("op", keys)
                .withThrottle(ThrottleMode.FAITHFUL).withClock(Settings.ClockMode.VIRTUAL))) {
            Operator operator = new Operator(server.port(), "op");
            List<BucketUnderTest> buckets = List.of(
                    new BucketUnderTest("account east", clients(server, keys.subList(0, 3), "us-east-1")),
                    new BucketUnderTest("account west", clients(server, keys.subList(0, 3), "us-west-2")),
                    new BucketUnderTest("other account east", clients(server, keys.subList(3, 4), "us-east-1")));
            List<Long> times = new ArrayList<>();
            long now = 0;
            // Phase 1: random gaps and random demand, often below the rate, sometimes bursting.
            for (int round = 0; round < 40; round++) {
                long gap = random.nextInt(1200);
                now += gap;
                times.add(now);
                runRound(operator, buckets, random, gap, 0, 7);
            }
            // Phase 2: an idle gap refills every bucket, then demand saturates: more calls than tokens every round.
            int saturatedFrom = times.size();
            long idle = 3000;
            for (int round = 0; round < 30; round++) {
                long gap = round == 0 ? idle : 1 + random.nextInt(400);
                now += gap;
                times.add(now);
                runRound(operator, buckets, random, gap, 3, 7);
            }

            for (BucketUnderTest bucket : buckets) {
                assertMatchesTokenBucket(bucket, times, seed);
                assertEveryWindowBounded(bucket, times, seed);
                long saturatedMillis = times.get(times.size() - 1) - times.get(saturatedFrom);
                int saturatedAdmitted = bucket.admitted().subList(saturatedFrom, times.size()).stream().mapToInt(Integer::intValue).sum();
                assertThat(saturatedAdmitted).as("%s under saturation, seed %d", bucket.name(), seed)
                        .isEqualTo(BURST + (int) (RATE * saturatedMillis / 1000));
            }
        }
    }

    private static List<ConnectClient> clients(RunningServer server, List<AccessKey> keys, String region) {
        return keys.stream().map(k -> Clients.connect(server.port(), k.accessKeyId(), k.secretAccessKey(), region, false)).toList();
    }

    /** Advances the clock by {@code gapMillis}, then fires every bucket's demand at once, a thread a call. */
    private static void runRound(Operator operator, List<BucketUnderTest> buckets, Random random,
                                 long gapMillis, int minDemand, int maxDemand) {
        operator.advanceClock(gapMillis);
        List<Callable<Void>> calls = new ArrayList<>();
        List<AtomicInteger> admitted = new ArrayList<>();
        for (BucketUnderTest bucket : buckets) {
            int demand = minDemand + random.nextInt(maxDemand - minDemand + 1);
            AtomicInteger count = new AtomicInteger();
            admitted.add(count);
            bucket.demand().add(demand);
            for (int i = 0; i < demand; i++) {
                ConnectClient client = bucket.clients().get(random.nextInt(bucket.clients().size()));
                calls.add(() -> {
                    try {
                        client.listInstances(r -> { });
                        count.incrementAndGet();
                    } catch (ThrottlingException refused) {
                        // counted by its absence
                    }
                    return null;
                });
            }
        }
        Collections.shuffle(calls, random);
        Race.run(calls.size(), i -> calls.get(i).call());
        for (int i = 0; i < buckets.size(); i++) {
            buckets.get(i).admitted().add(admitted.get(i).get());
        }
    }

    /** Each round admits exactly what a token bucket in exact (milli-token) arithmetic would. */
    private static void assertMatchesTokenBucket(BucketUnderTest bucket, List<Long> times, long seed) {
        long milliTokens = BURST * 1000L;
        long previous = 0;
        for (int round = 0; round < times.size(); round++) {
            milliTokens = Math.min(BURST * 1000L, milliTokens + RATE * (times.get(round) - previous));
            previous = times.get(round);
            int expected = (int) Math.min(bucket.demand().get(round), milliTokens / 1000);
            milliTokens -= expected * 1000L;
            assertThat(bucket.admitted().get(round)).as("%s, round %d at %d ms, seed %d", bucket.name(), round, times.get(round), seed)
                    .isEqualTo(expected);
        }
    }

    /** For every window [t_i, t_j] of call times: admitted <= BurstLimit + RateLimit × (t_j - t_i). */
    private static void assertEveryWindowBounded(BucketUnderTest bucket, List<Long> times, long seed) {
        for (int from = 0; from < times.size(); from++) {
            int admitted = 0;
            for (int to = from; to < times.size(); to++) {
                admitted += bucket.admitted().get(to);
                long windowMillis = times.get(to) - times.get(from);
                assertThat(admitted * 1000L).as("%s, window %d..%d ms, seed %d", bucket.name(), times.get(from), times.get(to), seed)
                        .isLessThanOrEqualTo(BURST * 1000L + RATE * windowMillis);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "redis"})
    void realClockEightThreadsHammeringForTenSecondsAdmitBurstPlusRateTimesTen(String place) {
        int threadCount = 8;
        long runNanos = TimeUnit.SECONDS.toNanos(10);
        try (RunningServer server = start(place, s -> s.withThrottle(ThrottleMode.FAITHFUL))) {
            List<ConnectClient> clients = new ArrayList<>();
            for (int i = 0; i < threadCount; i++) {
                ConnectClient client = Clients.connect(server.port(), "555566667777", "us-east-1");
                Throttling.warmUp(client);
                clients.add(client);
            }
            long start = System.nanoTime();
            int admitted = Race.run(threadCount, i -> {
                int taken = 0;
                while (System.nanoTime() - start < runNanos) {
                    try {
                        clients.get(i).listInstances(r -> { });
                        taken++;
                    } catch (ThrottlingException refused) {
                        // the common case while hammering
                    }
                }
                return taken;
            }).stream().mapToInt(Integer::intValue).sum();
            clients.forEach(ConnectClient::close);

            assertThat(admitted).isBetween(BURST + RATE * 10 - 1, BURST + RATE * 10 + 1);
        }
    }
}
