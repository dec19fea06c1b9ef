package dev.callgate.bench;

import dev.callgate.accounts.Caller;
import dev.callgate.clock.ServerClock;
import dev.callgate.clock.VirtualClock;
import dev.callgate.limits.edition.Edition;
import dev.callgate.limits.throttle.ApiThrottle;
import dev.callgate.limits.throttle.RedisAddress;
import dev.callgate.limits.throttle.ThrottleMode;
import dev.callgate.store.Store;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one throttle decision ({@link ApiThrottle#refusal}) costs where the buckets are kept, all in the same
 * run (bench/throttle/README.md): in memory (the embedded store's node), in PostgreSQL rows, in Redis with
 * the overrides read from PostgreSQL at every call (a cluster's set-up), and in Redis with the overrides
 * cached (a SQLite node: Redis's own cost). Each figure is the median of timed rounds after warm-up
 * rounds: nanoseconds per decision, and decisions per second over all threads.
 * Usage: {@code ThrottleStoreBench roundSeconds rounds redis://host:port}.
 */
public final class ThrottleStoreBench {
    // Enough tokens that an admitting run never runs dry.
    private static final Edition.Rate ENDLESS = new Edition.Rate(ApiThrottle.MAX_RATE, 1_000_000_000_000_000L);
    private static final Edition.ThrottleRates FAITHFUL = new Edition.ThrottleRates(new Edition.Rate(2, 5), Map.of());
    private static final int WARM_UP_ROUNDS = 2;
    private static final int THREADS = 4;

    private ThrottleStoreBench() {
    }

    /** Where the buckets are: the store's JDBC URL (overrides, and buckets unless Redis has them) and Redis or null. */
    private record Place(String name, String url, RedisAddress redis) {
    }

    /** One way to run decisions: admitting or refusing, on how many threads and buckets. */
    private record Scenario(boolean admits, int threads, boolean oneBucket) {
        String describe() {
            return (admits ? "admit" : "refuse") + ", " + threads + " thread" + (threads == 1 ? "" : "s")
                    + (threads == 1 ? "" : oneBucket ? ", one bucket" : ", own buckets");
        }
    }

    public static void main(String[] args) throws Exception {
        double roundSeconds = Double.parseDouble(args[0]);
        int rounds = Integer.parseInt(args[1]);
        RedisAddress redis = RedisAddress.parse(args[2]);
        // PostgreSQL's own default, which the test suite's embedded server turns off: a commit waits for its WAL flush.
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start()) {
            String postgres = server.getJdbcUrl("postgres", "postgres");
            String sqlite = Store.embeddedUrl(Files.createTempDirectory("callgate-throttle-bench"));
            run(List.of(new Place("in memory (SQLite node)", sqlite, null), new Place("PostgreSQL rows", postgres, null),
                    new Place("Redis, overrides in PostgreSQL", postgres, redis), new Place("Redis, SQLite node", sqlite, redis)),
                    roundSeconds, rounds);
        }
    }

    private static void run(List<Place> places, double roundSeconds, int rounds) throws Exception {
        System.out.printf("# Throttle decision by where the buckets are, %s, %d × %.1f s rounds (median), %d warm-up%n%n",
                Instant.now(), rounds, roundSeconds, WARM_UP_ROUNDS);
        StringBuilder header = new StringBuilder("| Scenario |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String unit : List.of("ns per decision", "decisions/s")) {
            for (Place place : places) {
                header.append(' ').append(place.name()).append(": ").append(unit).append(" |");
                rule.append("---:|");
            }
        }
        System.out.println(header);
        System.out.println(rule);
        for (boolean admits : new boolean[] {true, false}) {
            for (int[] shape : new int[][] {{1, 0}, {THREADS, 0}, {THREADS, 1}}) {
                Scenario scenario = new Scenario(admits, shape[0], shape[1] == 1);
                StringBuilder perCall = new StringBuilder();
                StringBuilder perSecond = new StringBuilder();
                for (Place place : places) {
                    double[] figures = measure(place, scenario, roundSeconds, rounds);
                    perCall.append(String.format(" %,.0f |", figures[0]));
                    perSecond.append(String.format(" %,.0f |", figures[1]));
                }
                System.out.println("| " + scenario.describe() + " |" + perCall + perSecond);
            }
        }
    }

    /** The median ns per decision (wall time per call on one thread) and decisions per second over all threads. */
    private static double[] measure(Place place, Scenario scenario, double roundSeconds, int rounds) throws Exception {
        ServerClock clock = scenario.admits() ? ServerClock.system() : new VirtualClock(Instant.now()); // frozen: stays empty
        try (Store store = Store.open(place.url());
             ApiThrottle throttle = new ApiThrottle(ThrottleMode.FAITHFUL, FAITHFUL, store, place.redis(), clock, new SimpleMeterRegistry())) {
            throttle.reset(); // the stores outlive a scenario: no override or bucket of the last one may remain
            List<Caller> callers = new ArrayList<>();
            for (int i = 0; i < scenario.threads(); i++) {
                Caller caller = new Caller(String.format("%012d", scenario.oneBucket() ? 1 : i + 1), "us-east-1", "AKIAEXAMPLE");
                callers.add(caller);
                if (scenario.admits()) {
                    throttle.override(caller.accountId(), ApiThrottle.GENERAL_GROUP, ENDLESS);
                }
            }
            double[] perCall = new double[rounds];
            double[] perSecond = new double[rounds];
            for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
                long calls = round(throttle, callers, roundSeconds);
                if (round >= 0) {
                    perSecond[round] = calls / roundSeconds;
                    perCall[round] = roundSeconds * 1e9 * callers.size() / calls;
                }
            }
            Arrays.sort(perCall);
            Arrays.sort(perSecond);
            return new double[] {perCall[rounds / 2], perSecond[rounds / 2]};
        }
    }

    /** Every caller's thread decides as fast as it can for the round's time; the calls made in all. */
    private static long round(ApiThrottle throttle, List<Caller> callers, double seconds) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(callers.size());
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> counts = new ArrayList<>();
        for (Caller caller : callers) {
            counts.add(threads.submit(() -> {
                go.await();
                long calls = 0;
                while (!stop.get()) {
                    throttle.refusal(caller, ApiThrottle.CONNECT, "ListInstances"); // refused on every call in some scenarios
                    calls++;
                }
                return calls;
            }));
        }
        go.countDown();
        TimeUnit.NANOSECONDS.sleep((long) (seconds * 1e9)); // the round's length, not a correctness wait
        stop.set(true);
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        threads.shutdown();
        return total;
    }
}
