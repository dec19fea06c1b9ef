package dev.callgate.bench;

import dev.callgate.accounts.Caller;
import dev.callgate.clock.ServerClock;
import dev.callgate.clock.VirtualClock;
import dev.callgate.limits.edition.Edition;
import dev.callgate.limits.throttle.ApiThrottle;
import dev.callgate.limits.throttle.ThrottleMode;
import dev.callgate.limits.throttle.Throttled;
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
 * What one throttle decision ({@link ApiThrottle#admit}) costs when the buckets are shared in
 * PostgreSQL, against the in-memory buckets of the embedded store in the same run (bench/throttle/README.md).
 * Each figure is the median of timed rounds after warm-up rounds: nanoseconds per decision, and
 * decisions per second over all threads. Usage: {@code ThrottleStoreBench [roundSeconds] [rounds]}.
 */
public final class ThrottleStoreBench {
    // Enough tokens that an admitting run never runs dry.
    private static final Edition.Rate ENDLESS = new Edition.Rate(ApiThrottle.MAX_RATE, 1_000_000_000_000_000L);
    private static final Edition.ThrottleRates FAITHFUL = new Edition.ThrottleRates(new Edition.Rate(2, 5), Map.of());
    private static final int WARM_UP_ROUNDS = 2;
    private static final int THREADS = 4;

    private ThrottleStoreBench() {
    }

    /** One way to run decisions: on which store, admitting or refusing, on how many threads and buckets. */
    private record Scenario(String store, boolean admits, int threads, boolean oneBucket) {
        String describe() {
            return store + ", " + (admits ? "admit" : "refuse") + ", " + threads + " thread" + (threads == 1 ? "" : "s")
                    + (threads == 1 ? "" : oneBucket ? " on one bucket" : " on their own buckets");
        }
    }

    public static void main(String[] args) throws Exception {
        double roundSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        // PostgreSQL's own default, which the test suite's embedded server turns off: a commit waits for its WAL flush.
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start()) {
            run(server.getJdbcUrl("postgres", "postgres"), roundSeconds, rounds);
        }
    }

    private static void run(String postgres, double roundSeconds, int rounds) throws Exception {
        String h2 = Store.embeddedUrl(Files.createTempDirectory("callgate-throttle-bench"));
        System.out.printf("# Throttle decision by store, %s, %d × %.1f s rounds (median), %d warm-up%n%n",
                Instant.now(), rounds, roundSeconds, WARM_UP_ROUNDS);
        System.out.println("| Scenario | ns per decision | decisions per second |");
        System.out.println("|---|---|---|");
        for (boolean admits : new boolean[] {true, false}) {
            for (int[] shape : new int[][] {{1, 0}, {THREADS, 0}, {THREADS, 1}}) {
                for (String url : List.of(h2, postgres)) {
                    Scenario scenario = new Scenario(url.startsWith("jdbc:sqlite") ? "in-memory (SQLite node)" : "PostgreSQL", admits, shape[0], shape[1] == 1);
                    double[] nanos = measure(url, scenario, roundSeconds, rounds);
                    System.out.printf("| %s | %,.0f | %,.0f |%n", scenario.describe(), nanos[0], nanos[1]);
                }
            }
        }
    }

    /** The median ns per decision (wall time per call on one thread) and decisions per second over all threads. */
    private static double[] measure(String url, Scenario scenario, double roundSeconds, int rounds) throws Exception {
        try (Store store = Store.open(url)) {
            ServerClock clock = scenario.admits() ? ServerClock.system() : new VirtualClock(Instant.now()); // frozen: stays empty
            ApiThrottle throttle = new ApiThrottle(ThrottleMode.FAITHFUL, FAITHFUL, store, clock, new SimpleMeterRegistry());
            throttle.reset(); // the store outlives a scenario: no override or bucket of the last one may remain
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
                    try {
                        throttle.admit(caller, ApiThrottle.CONNECT, "ListInstances");
                    } catch (Throttled refused) {
                        // the refusing scenarios' every call
                    }
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
